"""Paragraph-aware sentence segmentation and boilerplate marking.

Runs before the parser. Reads the raw token stream; writes `token.is_sent_start` at paragraph
breaks and after headline lines, and `token._.boilerplate` on every token of a line that is not
news (teasers such as "Read More - ...", share buttons, credits; patterns in
data/boilerplate.tsv). Later components skip sentences whose tokens are boilerplate.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from spacy.tokens import Doc

from tacitus.datafiles import read_rows
from tacitus.errors import DataError
from tacitus.nlp.extensions import register_extensions
from tacitus.nlp.saving import SavedData
from tacitus.textmap import doc_text

TERMINAL = frozenset(".!?:;\"”’')…")
HEADLINE_MAX_WORDS = 16


def load_boilerplate_patterns(folder: Path | None = None) -> list[re.Pattern[str]]:
    """The compiled patterns of data/boilerplate.tsv."""
    patterns = []
    for line, (pattern, _note) in read_rows("tacitus.nlp", "data/boilerplate.tsv", 2, folder):
        try:
            patterns.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise DataError(
                "data_file", path="boilerplate.tsv", line=line, reason=str(exc)
            ) from exc
    return patterns


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


class Segmenter(SavedData):
    """Sets sentence starts at paragraph/headline breaks and marks boilerplate lines."""

    data_files = (("tacitus.nlp", "data/boilerplate.tsv"),)
    name = "tacitus_segmenter"

    def __init__(self, patterns: list[re.Pattern[str]] | None = None) -> None:
        super().__init__()
        register_extensions()
        self.patterns = patterns or []
        self.loaded = patterns is not None

    def load(self, folder: Path | None) -> None:
        self.patterns = load_boilerplate_patterns(folder)

    def is_boilerplate(self, line: str) -> bool:
        stripped = line.strip()
        return bool(stripped) and any(p.match(stripped) for p in self.patterns)

    def __call__(self, doc: Doc) -> Doc:
        self.require_loaded()
        text = doc_text(doc)
        if "\n" not in text:
            return doc
        lines = [(s, e) for s, e in _line_spans(text) if text[s:e].strip()]
        boiler = [(s, e) for s, e in lines if self.is_boilerplate(text[s:e])]
        breaks: set[int] = set()
        joins: set[int] = set()
        for (_s1, e1), (s2, _e2) in itertools.pairwise(lines):
            gap = text[e1:s2]
            previous = text[_s1:e1].rstrip()
            following = text[s2:_e2].lstrip()
            blank_line = gap.count("\n") >= 2
            headline = (
                previous[-1:] not in TERMINAL
                and len(previous.split()) <= HEADLINE_MAX_WORDS
                and not following[:1].islower()
            )
            new_sentence = previous[-1:] in TERMINAL and following[:1].isupper()
            if blank_line or headline or new_sentence or (s2, _e2) in boiler or (_s1, e1) in boiler:
                breaks.add(s2)
            elif following[:1].islower():
                joins.add(s2)  # a hard-wrapped line continues the sentence
        if not breaks and not boiler and not joins:
            return doc
        boiler_iter = iter(sorted(boiler))
        current = next(boiler_iter, None)
        for token in doc:
            if token.i > 0 and token.idx in breaks:
                token.is_sent_start = True
            elif token.i > 0 and (
                token.idx in joins
                or (token.is_space and "\n" in token.text and token.idx + len(token.text) in joins)
            ):
                token.is_sent_start = False
            while current is not None and token.idx >= current[1]:
                current = next(boiler_iter, None)
            if current is not None and current[0] <= token.idx < current[1]:
                token._.boilerplate = True
        return doc
