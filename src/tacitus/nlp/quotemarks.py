"""Quotation marks in raw text: which characters open and close a quotation.

Pure functions over a string, no spaCy. `find_quoted(text)` returns the direct quotations of a
text as `Quoted` records, each a list of `(start, end)` character ranges of the quoted words
(marks excluded), in text order. It handles

- double quotes: straight " (paired by position), curly “ ”, low „, guillemets « » (and » «),
- single curly ‘ ’ and straight ' used as quote marks at top level (an apostrophe inside or at
  the end of a word, as in "don’t" or "the leaders’ talks", is not a closing mark),
- a doubled single mark ('' ‘‘ ’’ ``) as one double quote mark,
- quotes nested in a double quote (kept as `nested` ranges so a caller can tell whose "I" it is),
- the news convention for quotes spanning paragraphs: an opening mark with no closing one in its
  paragraph continues into the next paragraph when that paragraph opens with a quote mark;
  otherwise the quote ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = frozenset('“„«»"”')
DOUBLE_CLOSE = frozenset('”“»«"')
SINGLE_OPEN = frozenset("‘'")
SINGLE_CLOSE = frozenset("’'")
OPEN_BEFORE = frozenset(" \t\n([{—–-/:;,")
WORD_CHARS_AFTER_CLOSE = frozenset(" \t\n\u00a0.,;:!?)]}―—–-…")
MAX_SINGLE_CHARS = 400
ALL_MARKS = "".join(sorted(DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE))
MARKS = re.compile("[" + re.escape(ALL_MARKS) + "]")
_PAIRED_SINGLES = re.compile("''|‘‘|’’|``")


@dataclass
class Quoted:
    """One direct quotation: the character ranges of its quoted words, one per paragraph."""

    parts: list[tuple[int, int]]
    nested: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True
    mark: str = "“"

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, leading/trailing spaces trimmed."""
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped:
            left = start + (len(line) - len(line.lstrip()))
            spans.append((left, left + len(stripped)))
        start = end + 1
    return spans


def _at_open(text: str, i: int, lo: int) -> bool:
    """A mark at i is in opening position: line start or after a space/bracket, before a word."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in OPEN_BEFORE or before in DOUBLE_OPEN) and not after.isspace()


def _at_close(text: str, i: int, hi: int) -> bool:
    """A mark at i is in closing position: after a non-space, before a space, punctuation or end."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < hi else " "
    return not before.isspace() and (after in WORD_CHARS_AFTER_CLOSE or after in DOUBLE_CLOSE)


def _single_close(text: str, start: int, hi: int) -> int | None:
    """The closing single mark of a single-quoted stretch starting at `start`, if any."""
    limit = min(hi, start + MAX_SINGLE_CHARS)
    for j in range(start + 1, limit):
        ch = text[j]
        if ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE:
            return None
        if ch not in SINGLE_CLOSE or not _at_close(text, j, hi):
            continue
        after = text[j + 1 : j + 3]
        # "the leaders’ talks": a plural possessive, not the end of a quote.
        if text[j - 1] in "sS" and len(after) == 2 and after[0] == " " and after[1].islower():
            continue
        return j
    return None


def _scan_paragraph(
    text: str, lo: int, hi: int, carry: Quoted | None
) -> tuple[list[Quoted], Quoted | None]:
    """Quotes of one paragraph; returns them and the quote left open at its end, if any."""
    found: list[Quoted] = []
    current = carry
    nested_start: int | None = None
    content_start = lo
    i = lo
    if carry is not None:
        # The continuation paragraph opens with a quote mark: skip it.
        if text[i] in DOUBLE_OPEN or text[i] in SINGLE_OPEN:
            i += 1
        content_start = i
    skip_to = i
    for match in MARKS.finditer(text, i, hi):
        i = match.start()
        if i < skip_to:
            continue
        ch = text[i]
        skip_to = i + 1
        if current is not None:
            if nested_start is not None:
                if ch in DOUBLE_CLOSE and _at_close(text, i, hi):
                    current.nested.append((nested_start, i))
                    nested_start = None
            elif ch in "“„«" and _at_open(text, i, lo) and not _at_close(text, i, hi):
                nested_start = i + 1  # a quote inside the quote: “... he calls “hell” ...”
            elif ch in DOUBLE_CLOSE and (_at_close(text, i, hi) or ch == "»"):
                current.parts.append((content_start, i))
                current.closed = True
                found.append(current)
                current = None
            elif ch in SINGLE_OPEN and _at_open(text, i, lo):
                end = _single_close(text, i, hi)
                if end is not None:
                    current.nested.append((i + 1, end))
                    skip_to = end + 1
            continue
        if ch in DOUBLE_OPEN and (_at_open(text, i, lo) or ch == "«"):
            current = Quoted(parts=[], mark=ch)
            content_start = i + 1
        elif ch in SINGLE_OPEN and _at_open(text, i, lo):
            end = _single_close(text, i, hi)
            if end is not None and end > i + 1:
                found.append(Quoted(parts=[(i + 1, end)]))
                skip_to = end + 1
    if current is not None:
        current.parts.append((content_start, hi))
        current.closed = False
    return found, current


def find_quoted(text: str) -> list[Quoted]:
    """Every direct quotation in `text`, in order, marks excluded from the ranges."""
    if MARKS.search(text) is None:
        return []
    text = _paired_singles(text)
    quotes: list[Quoted] = []
    spans = paragraphs(text)
    carry: Quoted | None = None
    for k, (lo, hi) in enumerate(spans):
        found, carry = _scan_paragraph(text, lo, hi, carry)
        quotes.extend(found)
        if carry is None:
            continue
        following = spans[k + 1][0] if k + 1 < len(spans) else None
        opens_next = following is not None and _same_family(text[following], carry.mark)
        if not opens_next:
            quotes.append(carry)
            carry = None
    quotes = [_trim(q, text) for q in quotes]
    return sorted((q for q in quotes if q.parts), key=lambda q: q.start)


def _paired_singles(text: str) -> str:
    """`text` with each doubled single mark ('' ‘‘ ’’ ``, one double quote in some papers'
    print) read as a straight double quote, at the same length: an opening pair becomes
    ' "' and a closing one '" ', so every offset stays where it was."""
    if "''" not in text and "‘‘" not in text and "’’" not in text and "``" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        opening = (before.isspace() or before in OPEN_BEFORE) and not after.isspace()
        return ' "' if opening else '" '

    return _PAIRED_SINGLES.sub(one, text)


def _same_family(mark: str, opener: str) -> bool:
    """A continuation paragraph opens with the same kind of mark (straight or typographic)."""
    if opener == '"':
        return mark == '"'
    return mark in DOUBLE_OPEN and mark != '"'


def _trim(quote: Quoted, text: str) -> Quoted:
    """Drop empty parts and trim spaces at the edges of each part."""
    parts = []
    for start, end in quote.parts:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            parts.append((start, end))
    quote.parts = parts
    return quote


def quoted_text(text: str, quote: Quoted) -> str:
    """The quoted words, parts joined by one space."""
    return " ".join(text[s:e] for s, e in quote.parts)
