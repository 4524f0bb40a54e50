"""Web fixtures: a store written from hand-made records (with hostile strings), a client
over it, and a store made by a real ingest of examples/ and the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from store.records import meeting
from tacitus.store import Store
from tacitus.web import create_app

from .payloads import JS_URL, PAYLOADS, SCRIPT, TEXTAREA, hostile_article

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "examples" / "sco-summit-2025.txt"


def hand_made() -> list:
    """Seven events between PAK, RUS, IND and CHN (one negated, one hypothetical), an
    article sharing a text with another outlet, and two hostile articles."""
    return [
        meeting("p1", "PAK", "RUS", "040", "2025-09-01", outlet="Dawn Example"),
        meeting("p2", "PAK", "RUS", "057", "2025-09-09", outlet="Wire"),
        meeting("i1", "IND", "RUS", "040", "2025-09-01", outlet="Wire"),
        meeting("i2", "IND", "RUS", "036", "2025-10-02", outlet="Wire"),
        meeting("c1", "CHN", "IND", "112", "2025-09-03", outlet="Wire"),
        meeting("n1", "PAK", "IND", "190", "2025-09-04", negated=True),
        meeting("h1", "IND", "PAK", "190", "2025-09-04", modality="hypothetical"),
        hostile_article(),
        hostile_article("plain-id-hostile"),
    ]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        store.write(hand_made())
        copy = meeting("p1", "PAK", "RUS", "040", "2025-09-01").article
        copy.id, copy.source = "p1-copy", "Copy Times"
        store.write([], copies=[copy])
    return path


@pytest.fixture(scope="session")
def client(web_db) -> TestClient:
    return TestClient(create_app(web_db))


@pytest.fixture(scope="session")
def real_db(tmp_path_factory) -> Path:
    """examples/, the seed article (when ../shared is present) and a JSONL of hostile
    articles, through the real `ingest` (real coder, one process)."""
    from tacitus.config import load_options
    from tacitus.store.ingest import ingest

    folder = tmp_path_factory.mktemp("real")
    hostile = folder / "hostile.jsonl"
    records = [
        {"id": f"hostile-{n}", "title": payload, "url": JS_URL if n % 2 else payload,
         "source": payload,
         "text": f"{payload} Egypt held talks with Jordan in Cairo on Monday about water. "
                 f"{SCRIPT} The Jordanian foreign minister said: \"{TEXTAREA} We agree.\""}
        for n, payload in enumerate(PAYLOADS)
    ]
    hostile.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    sources = [ROOT / "examples", hostile] + ([SEED] if SEED.is_file() else [])
    db = folder / "real.duckdb"
    ingest(sources, db, load_options(), default_date="2025-09-01", processes=1)
    return db


@pytest.fixture(scope="session")
def real_client(real_db) -> TestClient:
    return TestClient(create_app(real_db))
