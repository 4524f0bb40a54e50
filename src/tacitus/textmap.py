"""The text the parser reads, and offsets back into the article's own text.

Two things stand between an article's text and what spaCy is given:

- invisible format characters (Unicode category Cf: zero-width space and joiners, bidi marks
  and isolates, the soft hyphen, the word joiner, a stray BOM) are removed, so "Is\\u200brael"
  is read as "Israel": `clean(text)` returns the cleaned text and a `TextMap` from its
  offsets to the original's;
- a long text is cut into windows of whole paragraphs (`windows(text, size)`), each coded on
  its own so memory stays bounded however long the article is.

`doc_text(doc)` is a Doc's text read once: spaCy rebuilds `doc.text` from every token on each
access, and several components need it.

`move_offsets(records, to_original, text, coded_text)` then moves every character offset of a
coded window (events, their sides and locations, quotes, actors, places) into the article's
text and rereads each span's words from it, so `text[start:end]` is what a record says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, is_dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Offset fields of the output records; a record with "text" and "start"/"end" is a span.
OFFSET_KEYS = ("start", "end", "cue_start", "cue_end")
# Where doc_text keeps a Doc's text (doc.user_data, so no extension has to be declared).
TEXT_KEY = "tacitus.text"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc and kept in its user_data (a kept text that no longer
    fits the Doc's length is rebuilt)."""
    kept = doc.user_data.get(TEXT_KEY)
    last = doc[-1] if len(doc) else None
    length = last.idx + len(last.text_with_ws) if last is not None else 0
    if isinstance(kept, str) and len(kept) == length:
        return kept
    text = doc.text
    doc.user_data[TEXT_KEY] = text
    return text


def is_invisible(char: str) -> bool:
    """True for a format character that has no glyph and no place in words (category Cf)."""
    return unicodedata.category(char) == "Cf"


@dataclass(frozen=True)
class TextMap:
    """Offsets in a cleaned text -> offsets in the original. `kept[i]` is the original index of
    cleaned character i; `length` the original's length."""

    kept: tuple[int, ...] | None
    length: int

    def start(self, offset: int) -> int:
        """Where a span starting at cleaned `offset` starts in the original."""
        if self.kept is None:
            return offset
        return self.kept[offset] if offset < len(self.kept) else self.length

    def end(self, offset: int) -> int:
        """Where a span ending (exclusive) at cleaned `offset` ends in the original."""
        if self.kept is None:
            return offset
        if offset <= 0:
            return self.kept[0] if self.kept else 0
        return self.kept[min(offset, len(self.kept)) - 1] + 1


def clean(text: str) -> tuple[str, TextMap]:
    """`text` without invisible format characters, and the map back to `text`'s offsets
    (the identity, at no cost, when there are none)."""
    if text.isascii() or not any(is_invisible(c) for c in set(_NON_ASCII.findall(text))):
        return text, TextMap(None, len(text))
    kept = tuple(i for i, c in enumerate(text) if not is_invisible(c))
    return "".join(text[i] for i in kept), TextMap(kept, len(text))


def windows(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) windows of at most `size` characters that together hold all of `text`'s
    words: whole paragraphs (blank-line separated) packed greedily; a paragraph longer than
    `size` is cut at line breaks, then sentence ends, then spaces, and only then mid-word.
    One window (0, len(text)) when the text fits or `size` <= 0."""
    if size <= 0 or len(text) <= size:
        return [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    for start, end in _split(text, 0, len(text), size, 0):
        if pieces and end - pieces[-1][0] <= size and _paragraph_gap(text, pieces[-1][1], start):
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    return pieces


_BREAKS: tuple[re.Pattern[str], ...] = (
    _PARAGRAPH_BREAK,
    re.compile(r"\n\s*"),
    _SENTENCE_END,
    re.compile(r"\s+"),
)


def _split(text: str, start: int, end: int, size: int, level: int) -> list[tuple[int, int]]:
    """Pieces of text[start:end] no longer than `size`, cut at the coarsest breaks that do."""
    if end - start <= size:
        return [(start, end)] if text[start:end].strip() else []
    if level == len(_BREAKS):
        return [(i, min(i + size, end)) for i in range(start, end, size)]
    parts: list[tuple[int, int]] = []
    cursor = start
    for match in _BREAKS[level].finditer(text, start, end):
        parts.append((cursor, match.start()))
        cursor = match.end()
    parts.append((cursor, end))
    pieces: list[tuple[int, int]] = []
    for part_start, part_end in parts:
        for piece in _split(text, part_start, part_end, size, level + 1):
            last = pieces[-1] if pieces else None
            if last is not None and piece[1] - last[0] <= size:
                pieces[-1] = (last[0], piece[1])  # pack small neighbours into one piece
            else:
                pieces.append(piece)
    return pieces


def _paragraph_gap(text: str, end: int, start: int) -> bool:
    return bool(_PARAGRAPH_BREAK.fullmatch(text, end, start)) or not text[end:start].strip()


def move_offsets(
    records: Iterable[Any], to_original: Callable[[int, bool], int], text: str, coded_text: str
) -> None:
    """Move every offset in `records` (events, quotes, actors, places; in place, each object
    once however often it is shared) with `to_original(offset, is_end)`. A span whose words
    were `coded_text[start:end]` (the text the parser read) gets its words reread from `text`,
    the article's own text, so `text[start:end]` is what the record says."""
    seen: set[int] = set()

    def visit(item: Any) -> None:
        if id(item) in seen:
            return
        seen.add(id(item))
        if isinstance(item, dict):
            _move(item, item.get, item.__setitem__)
            values: Iterable[Any] = item.values()
        elif isinstance(item, list):
            values = item
        elif is_dataclass(item) and not isinstance(item, type):
            names = {f.name for f in fields(item)}
            _move(
                item,
                lambda k: getattr(item, k) if k in names else None,
                lambda k, v: setattr(item, k, v),
            )
            values = [getattr(item, name) for name in names]
        else:
            return
        for value in values:
            if isinstance(value, dict | list) or is_dataclass(value):
                visit(value)

    def _move(item: Any, get: Callable[[str], Any], put: Callable[[str, Any], None]) -> None:
        start, end, words = get("start"), get("end"), get("text")
        spans_words = (
            isinstance(words, str)
            and isinstance(start, int)
            and isinstance(end, int)
            and coded_text[start:end] == words
        )
        for key in OFFSET_KEYS:
            value = get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                put(key, to_original(value, key.endswith("end")))
        if spans_words:
            put("text", text[get("start") : get("end")])

    for record in records:
        visit(record)
