"""Shared fixtures: one loaded coder per test session, the ../shared folder if present, and
hand-built Docs (a parse with actor mentions set by hand) for testing one component alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from tacitus.config import load_options
from tacitus.model import Actor
from tacitus.nlp.extensions import register_extensions, set_actor_spans

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder():
    """The full coder with the default settings (loads spaCy once per session)."""
    from tacitus.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def code_text(coder):
    """Code one text (dated) and return its CodedArticle."""
    from tacitus.model import Article

    def run(text: str, date: str | None = "2025-09-01", article_id: str = "t"):
        return next(coder.code([Article(id=article_id, text=text, published=date)]))

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or skip the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def parser():
    """The configured spaCy pipeline alone (tagger, parser, NER; none of tacitus's)."""
    return spacy.load(load_options().nlp.model)


@pytest.fixture(scope="session")
def hand_doc(parser):
    """hand_doc(text, {surface: actor fields}) -> a parsed Doc whose every occurrence of a
    surface is an actor mention with those fields (longest surfaces first)."""

    def build(text: str, mentions: dict[str, dict], article_id: str = "hand") -> Doc:
        register_extensions()
        doc = parser(text)
        doc._.article_id = article_id
        taken: set[int] = set()
        spans = []
        for surface in sorted(mentions, key=len, reverse=True):
            for match in re.finditer(r"\b" + re.escape(surface) + r"\b", text):
                span = doc.char_span(match.start(), match.end())
                if span is None or any(t.i in taken for t in span):
                    continue
                taken.update(t.i for t in span)
                fields = {"text": span.text, "start": span.start_char, "end": span.end_char}
                span._.actors = [Actor(**fields, **mentions[surface])]
                spans.append(span)
        set_actor_spans(doc, sorted(spans, key=lambda s: s.start))
        return doc

    return build
