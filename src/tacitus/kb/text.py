"""String helpers shared by the KB loader and lookups: normalisation, folding, lemmas, dates.

Pure functions, str in, str out (dates: str in, date out or ValueError).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from types import MappingProxyType

_APOSTROPHES = ("’", "‘", "ʼ", "´", "`")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def normalize(text: str) -> str:
    """Collapse whitespace, straighten apostrophes, drop a leading "the " and a trailing "'s"."""
    out = " ".join(text.split())
    if "`" in out:
        out = out.replace("`", "'")
    if not out.isascii():  # the other marks are not ASCII
        for mark in _APOSTROPHES:
            if mark in out:
                out = out.replace(mark, "'")
    if out[:4] in ("the ", "The ", "THE "):
        out = out[4:].lstrip()
    if out.endswith("'s") or out.endswith("'S"):
        out = out[:-2]
    elif out.endswith("s'"):
        out = out[:-1]
    return out.rstrip()


# Letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = MappingProxyType(
    {
        ord(a): b
        for a, b in {
            "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
            "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
            "ı": "i",
        }.items()
    }
)  # fmt: skip


def strip_accents(text: str) -> str:
    """'Erdoğan' -> 'Erdogan', 'Élysée' -> 'Elysee' (case kept)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Accent- and case-insensitive key for fallback matches."""
    return strip_accents(normalize(text)).casefold()


def slug(text: str) -> str:
    """'Shehbaz Sharif' -> 'shehbaz-sharif', 'Lars Løkke' -> 'lars-lokke' (ASCII, lower case,
    hyphens; letters Unicode does not decompose, like ø and ł, spelled out)."""
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text.translate(_LETTERS)).lower()).strip("-")


_IRREGULAR = MappingProxyType(
    {
        "men": "man",
        "women": "woman",
        "children": "child",
        "people": "person",
        "spokespeople": "spokesperson",
        "thieves": "thief",
        "militaries": "military",
        "wives": "wife",
    }
)


def singular_candidates(phrase: str) -> list[str]:
    """Possible singulars of a lower-case phrase, inflecting its last word only, best first."""
    head, _, last = phrase.rpartition(" ")
    prefix = f"{head} " if head else ""
    found: list[str] = []
    if last in _IRREGULAR:
        found.append(_IRREGULAR[last])
    if last.endswith("men") and len(last) > 4:
        found.append(last[:-3] + "man")
    if last.endswith("ies") and len(last) > 4:
        found.append(last[:-3] + "y")
    if last.endswith(("ses", "xes", "ches", "shes", "zes")):
        found.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss"):
        found.append(last[:-1])
    return [prefix + word for word in found]


def parse_period(value: str, *, end: bool) -> dt.date:
    """'2024', '2024-03' or '2024-03-04' -> a date: the first day of the period, or the last
    when `end` is true. Anything else raises ValueError."""
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is None:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    if day is None:
        if not 1 <= month <= 12:
            raise ValueError(f"not a date: {value!r} (month must be in 1..12)")
        return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a date: {value!r} ({exc})") from exc
