"""Recode: a store coded by an older coder catches up, only what is stale, once, kill-safe."""

from __future__ import annotations

import json

import duckdb
import pytest

from tacitus.config import load_options
from tacitus.stamp import coder_stamp
from tacitus.store.ingest import ingest
from tacitus.store.recode import recode
from tacitus.store.writer import Store

# A head of government the shipped knowledge base does not know (an invented person), and the
# people file row that teaches it to the coder.
TEXTS = [
    "Zarina Velkova met the Romanian president in Bucharest on Monday.",
    "Zarina Velkova praised the Greek government for its help on Tuesday.",
    "The Turkish president met the Bulgarian foreign minister in Ankara.",
]
PERSON = "BGR\thead_of_government\tZarina Velkova\tVelkova\t2024-01-01\t\n"


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "news.jsonl"
    rows = [
        {"id": f"a{i}", "text": text, "published": "2025-03-03"} for i, text in enumerate(TEXTS)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text("country\trole\tname\taliases\tstart\tend\n", encoding="utf-8")
    return path


def _options(people):
    return load_options().with_values("kb", user_people=str(people)).with_values(
        "store", batch_size=1
    )


def _velkova_codes(db):
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT source_code FROM events WHERE source_text LIKE '%Velkova%' ORDER BY id"
        ).fetchall()
    return [r[0] for r in rows]


def _stamps(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT id, coder_version FROM articles").fetchall())


def test_recode_stamp_follows_the_knowledge_base(people):
    before = coder_stamp(_options(people))
    people.write_text(people.read_text() + PERSON, encoding="utf-8")
    assert coder_stamp(_options(people)) != before


def test_recode_brings_a_store_up_to_the_changed_kb(corpus, people, tmp_path):
    db = tmp_path / "c.duckdb"
    report = ingest([corpus], db, _options(people), processes=1)
    assert report.stored == 3
    assert set(_stamps(db).values()) == {coder_stamp(_options(people))}
    assert all(code is None for code in _velkova_codes(db))

    nothing = recode(db, _options(people), processes=1)
    assert (nothing.stale, nothing.recoded) == (0, 0)

    people.write_text(people.read_text() + PERSON, encoding="utf-8")
    done = recode(db, _options(people), processes=1)
    assert (done.stored, done.stale, done.recoded) == (3, 3, 3)
    assert _velkova_codes(db) and set(_velkova_codes(db)) == {"BGRGOV"}
    assert set(_stamps(db).values()) == {done.stamp}
    again = recode(db, _options(people), processes=1)
    assert (again.stale, again.recoded) == (0, 0)


def test_recode_killed_midway_finishes_the_rest_once(corpus, people, tmp_path, monkeypatch):
    db = tmp_path / "c.duckdb"
    ingest([corpus], db, _options(people), processes=1)
    with duckdb.connect(str(db), read_only=True) as con:
        events_before = con.execute("SELECT count(*) FROM events").fetchone()[0]
    people.write_text(people.read_text() + PERSON, encoding="utf-8")

    calls = {"n": 0}
    real_replace = Store.replace

    def dying_replace(self, batch):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # killed while writing the second batch
        return real_replace(self, batch)

    monkeypatch.setattr(Store, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        recode(db, _options(people), processes=1)
    monkeypatch.setattr(Store, "replace", real_replace)
    stamp = coder_stamp(_options(people))
    assert list(_stamps(db).values()).count(stamp) == 1  # one whole batch landed

    finish = recode(db, _options(people), processes=1)
    assert (finish.stale, finish.recoded) == (2, 2)
    with duckdb.connect(str(db), read_only=True) as con:
        per_article = con.execute(
            "SELECT article_id, count(*) FROM events GROUP BY 1 ORDER BY 1"
        ).fetchall()
        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert total == events_before  # replaced, never added twice
    assert all(n >= 1 for _, n in per_article)


def test_recode_older_store_without_stamps(corpus, people, tmp_path):
    db = tmp_path / "c.duckdb"
    ingest([corpus], db, _options(people), processes=1)
    with duckdb.connect(str(db)) as con:
        con.execute("ALTER TABLE articles DROP COLUMN coder_version")
    done = recode(db, _options(people), processes=1)
    assert (done.stale, done.recoded) == (3, 3)
