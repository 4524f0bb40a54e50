"""Where a news text's dateline is: "KHARKIV, Ukraine (AP) -", "DANBURY — ...".

`dateline_span(text)` -> (start, end) of a dateline that opens the text or the paragraph after
a headline, or (0, 0); `dateline_end(text)` -> where it ends, or 0.
"""

from __future__ import annotations

import re

_DATELINE_END = re.compile(r"\s[—–-]{1,2}\s|\((?:AP|AFP|Reuters|CNN|UPI|dpa|Xinhua)\)|:\s")


def dateline_span(text: str) -> tuple[int, int]:
    """(start, end) of a dateline ("KHARKIV, Ukraine (AP) -") that opens the text or the
    paragraph after a headline, or (0, 0) when there is none."""
    starts = [0]
    first_break = text.find("\n\n", 0, 300)
    if first_break > 0:
        starts.append(first_break + 2)
    for start in starts:
        while start < len(text) and text[start].isspace():
            start += 1
        match = _DATELINE_END.search(text, start, start + 100)
        if match is None or "\n" in text[start : match.start()]:
            continue
        head = text[start : match.start()].strip()
        words = head.replace(",", " ").split()
        if words and len(words) <= 8 and ". " not in head and words[0][:1].isupper():
            return start, match.start()
    return 0, 0


def dateline_end(text: str) -> int:
    """The offset where a leading dateline ends (see `dateline_span`), or 0."""
    return dateline_span(text)[1]
