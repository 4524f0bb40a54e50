"""RSS/Atom reader: entries, dates, HTML stripped, unsafe XML refused."""

from __future__ import annotations

import pytest

from .pages import ATOM, ENTITY_BOMB, PARAGRAPHS, RSS, XXE


def test_feeds_rss_entries(tmp_path, read):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    articles, bad = read(path)
    assert [a.id for a in articles] == ["wire-a1", "https://wire.example.org/a3"]
    first = articles[0]
    assert first.title == "Leaders meet in Tianjin"
    assert first.url == "https://wire.example.org/a1"
    assert first.published == "2025-09-01"
    assert first.source == "Example Wire"
    assert first.text == PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[1]
    assert [(b.location, b.reason) for b in bad] == [("entry 2", "entry has no content or summary")]


def test_feeds_atom_content_preferred_and_scripts_dropped(tmp_path, read):
    path = tmp_path / "news.atom"
    path.write_text(ATOM, encoding="utf-8")
    articles, bad = read(path)
    assert bad == []
    assert articles[0].id == "urn:example:1"
    assert articles[0].text == PARAGRAPHS[0]
    assert articles[0].published == "2025-09-03"


@pytest.mark.parametrize("document", [ENTITY_BOMB, XXE])
def test_feeds_entity_declarations_are_refused(tmp_path, read, document):
    path = tmp_path / "bomb.xml"
    path.write_text(document, encoding="utf-8")
    articles, bad = read(path)
    assert articles == []
    assert len(bad) == 1 and "entit" in bad[0].reason


@pytest.mark.parametrize(
    "document",
    ["<rss><channel><title>t</title></channel></rss>", "<rss><channel><item><title>x",
     "<?xml version='1.0'?><notafeed/>"],
)
def test_feeds_empty_or_malformed_feeds_are_reported(tmp_path, read, document):
    path = tmp_path / "broken.rss"
    path.write_text(document, encoding="utf-8")
    articles, bad = read(path)
    assert articles == [] and len(bad) == 1
