"""A small store of hand-built coded articles for the export tests."""

from __future__ import annotations

import pytest

from store.records import meeting
from tacitus.model import Actor
from tacitus.store import Store


@pytest.fixture
def db(tmp_path):
    """Seven articles: PAK->RUS and IND->RUS meetings, a wire copy, a near-duplicate, a
    negated attack, an IGO actor and a statement (CAMEO 01, no PLOVER category)."""
    path = tmp_path / "export.duckdb"
    copy = meeting("p1-copy", outlet="Other Wire")
    near = meeting("p1-near", outlet="Evening Post")
    near.article.text = "TIANJIN (Wire) - " + near.article.text
    un = meeting("un1", "CHN", "IND", "112", "2025-09-03")
    un.events[0].target = Actor(text="the United Nations", start=0, end=18,
                                name="United Nations", code="IGOUNO", country="IGOUNO",
                                sectors=["IGO"])
    statement = meeting("s1", "IND", None, "040", "2025-09-05")
    statement.events[0].cameo, statement.events[0].cameo_root = "010", "01"
    statement.events[0].plover, statement.events[0].quad_class = None, 1
    statement.events[0].location = None
    with Store(path) as store:
        store.write([meeting("p1", outlet="Dawn Example"), copy, near,
                     meeting("i1", "IND", "RUS", "057", "2025-09-02"),
                     meeting("n1", "PAK", "IND", "190", "2025-09-04", negated=True),
                     un, statement])
    return path
