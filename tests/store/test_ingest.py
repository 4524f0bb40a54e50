"""Ingest: read, skip what is stored, code, write in batches; counts for everything."""

from __future__ import annotations

import functools
import json

import duckdb
import pytest

from tacitus.config import load_options
from tacitus.errors import InputError
from tacitus.store import queries
from tacitus.store.ingest import ingest

from .fakes import fake_code

STORY = ("{who} met officials from the neighbouring country on Monday to discuss trade, "
         "energy and the security of the border crossings, according to a statement.")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    lines = [json.dumps({"id": f"j{i}", "text": STORY.format(who=f"Delegation {i}"),
                         "source": "Wire"}) for i in range(25)]
    lines.append("{broken json")
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "copy.txt").write_text(STORY.format(who="DELEGATION 3") + "!", encoding="utf-8")
    (folder / "french.txt").write_text(
        "La délégation a rencontré lundi des responsables du pays voisin pour discuter du "
        "commerce, de l'énergie et de la sécurité des postes frontières.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture
def options():
    return load_options().with_values("store", batch_size=10)


@pytest.fixture
def fake_coder(monkeypatch):
    monkeypatch.setattr("tacitus.engines.code", fake_code)


def test_ingest_counts_and_stores_once(corpus, tmp_path, options, fake_coder):
    db = tmp_path / "c.duckdb"
    seen = []
    report = ingest([corpus], db, options, progress=lambda r: seen.append(r.coded))
    assert (report.read, report.coded, report.stored) == (26, 25, 25)
    assert (report.copies, report.language, report.bad) == (1, 1, 2)
    assert report.events == 25 and seen[-1] == 25 and report.rate > 0
    assert queries.summary(db)["copies"] == 1
    again = ingest([corpus], db, options)
    assert (again.read, again.known, again.coded, again.stored) == (26, 26, 0, 0)
    (corpus / "new.txt").write_text(STORY.format(who="A new delegation"), encoding="utf-8")
    third = ingest([corpus], db, options)
    assert (third.coded, third.stored, third.known) == (1, 1, 26)
    assert queries.summary(db)["articles"] == 26


def test_ingest_missing_input_fails_before_opening_the_store(tmp_path, options):
    with pytest.raises(InputError):
        ingest([tmp_path / "nope"], tmp_path / "c.duckdb", options)
    assert not (tmp_path / "c.duckdb").exists()


def test_ingest_coder_failure_keeps_what_was_coded(corpus, tmp_path, options, monkeypatch):
    monkeypatch.setattr("tacitus.engines.code", functools.partial(fake_code, fail_after=14))
    db = tmp_path / "c.duckdb"
    with pytest.raises(RuntimeError):
        ingest([corpus], db, options)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (14,)
    monkeypatch.setattr("tacitus.engines.code", fake_code)
    report = ingest([corpus], db, options)
    assert (report.known, report.stored) == (15, 11)  # 14 articles and 1 copy were stored


def test_ingest_stdin_and_default_date(tmp_path, options, fake_coder):
    import io

    db = tmp_path / "c.duckdb"
    text = json.dumps({"id": "s1", "text": STORY.format(who="The envoy")}) + "\n"
    report = ingest(["-"], db, options, stdin=io.StringIO(text), default_date="2025-10-02")
    assert report.stored == 1
    frame = queries.events(db)
    assert str(frame.loc[0, "date"])[:10] == "2025-10-02"


def test_ingest_with_the_real_coder(tmp_path, options):
    folder = tmp_path / "summit"
    folder.mkdir()
    (folder / "pak.txt").write_text(
        "Prime Minister Shehbaz Sharif met President Vladimir Putin in Tianjin on Monday.",
        encoding="utf-8")
    (folder / "ind.txt").write_text(
        "Prime Minister Narendra Modi held talks with President Vladimir Putin in Tianjin.",
        encoding="utf-8")
    db = tmp_path / "real.duckdb"
    report = ingest([folder], db, options, default_date="2025-09-01", processes=1)
    assert report.stored == 2 and report.events >= 2
    pairs = set(zip(*[queries.dyads(db)[c] for c in ("source_country", "target_country")],
                    strict=True))
    assert {("PAK", "RUS"), ("IND", "RUS")} <= pairs


def test_ingest_seed_article_dyads_and_gdelt(shared, tmp_path, options):
    from tacitus.export.gdelt import gdelt_rows

    db = tmp_path / "seed.duckdb"
    seed = shared / "examples" / "sco-summit-2025.txt"
    report = ingest([seed], db, options, default_date="2025-09-01", processes=1)
    assert report.stored == 1
    frame = queries.dyads(db)
    pairs = set(zip(frame["source_country"], frame["target_country"], strict=True))
    assert {("PAK", "RUS"), ("IND", "RUS")} <= pairs
    rows = list(gdelt_rows(db))
    assert rows and all(len(row) == 61 for row in rows)


def test_ingest_bad_published_is_coded_warned_counted_and_noted(tmp_path, options, fake_coder):
    source = tmp_path / "dated.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [
        {"id": "good", "text": STORY.format(who="The envoy"), "published": "2025-09-01"},
        {"id": "odd", "text": STORY.format(who="The minister"), "published": "2025-99-99"},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    report = ingest([source], db, options)
    assert (report.coded, report.stored, report.warnings, report.bad) == (2, 2, 1, 0)
    assert report.as_dict()["warnings"] == 1
    assert [(r.kind, r.location) for r in report.bad_records] == [("warning", "line 2")]
    with duckdb.connect(str(db), read_only=True) as con:
        notes = dict(con.execute("SELECT id, notes FROM articles").fetchall())
    assert notes["good"] == []
    assert notes["odd"] == ["published '2025-99-99' is not a date; coded undated"]
