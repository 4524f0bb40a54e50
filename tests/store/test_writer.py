"""Store writer: rows per table, idempotent batches, copies, near-duplicate groups."""

from __future__ import annotations

import duckdb
import pytest

from tacitus.errors import StoreError
from tacitus.store import Store

from .records import FILLER, meeting


def _rows(path, sql):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_writer_stores_every_table(tmp_path):
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        result = store.write([meeting("a1"), meeting("a2", "IND", "RUS", "057")])
        assert (result.articles, result.events, result.mentions, result.quotes) == (2, 2, 6, 2)
        assert store.counts() == {"articles": 2, "copies": 0, "events": 2, "mentions": 6,
                                  "quotes": 2}
    (row,) = _rows(db, "SELECT source_code, source_country, source_sectors, target_code, cameo, "
                       "cameo_root, goldstein, quad_class, plover, trigger_text, location_name, "
                       "happened, date FROM events WHERE article_id = 'a1'")
    assert row[:11] == ("PAKGOV", "PAK", ["GOV"], "RUSGOV", "040", "04", 1.0, 1, "CONSULT",
                        "met", "Tianjin")
    assert row[11] is True and str(row[12]) == "2025-09-01"
    (quote,) = _rows(db, "SELECT speaker_code, direct, cue FROM quotes WHERE article_id = 'a1'")
    assert quote == ("PAKGOV", True, "said")


def test_writer_is_idempotent_by_id_and_text(tmp_path):
    db = tmp_path / "t.duckdb"
    batch = [meeting("a1"), meeting("a2", "IND")]
    with Store(db) as store:
        store.write(batch)
        again = store.write(batch)
        assert (again.articles, again.duplicates, again.events) == (0, 2, 0)
        # Same words, other id and outlet: a verbatim copy, not coded again.
        copy = meeting("wire-copy", outlet="Other Daily")
        copy.article.text = copy.article.text.upper()
        result = store.write([copy])
        assert (result.articles, result.copies, result.events) == (0, 1, 0)
        assert store.write([copy]).duplicates == 1
        assert store.counts()["articles"] == 2 and store.counts()["copies"] == 1
        assert store.has(copy.article) and store.has(meeting("a1").article)
        assert not store.has(meeting("new", "CHN").article)
        assert store.known_ids() == {"a1", "a2", "wire-copy"}


def test_writer_duplicates_inside_one_batch(tmp_path):
    with Store(tmp_path / "t.duckdb") as store:
        result = store.write([meeting("a1"), meeting("a1"), meeting("b1")])
        assert (result.articles, result.duplicates, result.copies) == (1, 1, 1)


def test_writer_near_duplicates_share_a_group_and_count_sources(tmp_path):
    db = tmp_path / "t.duckdb"
    original = meeting("orig", outlet="Wire Service")
    edited = meeting("edit", outlet="Daily Paper")
    edited.article.text = "TIANJIN (Wire) - " + edited.article.text + " Reporting by staff."
    verbatim = meeting("verb", outlet="Evening Post")
    unrelated = meeting("other", "IND", "CHN", "112", text=(
        "Prime Minister Narendra Modi accused President Xi Jinping of stalling the border talks. "
        "Diplomats said no new meeting had been fixed and that patrols would continue along "
        "the frontier while both capitals weighed their next steps in the dispute."))
    with Store(db) as store:
        store.write([original])
        store.write([edited, verbatim, unrelated])
    groups = dict(_rows(db, "SELECT id, group_id FROM articles"))
    assert groups == {"orig": "orig", "edit": "orig", "other": "other"}
    (pak,) = _rows(db, "SELECT num_mentions, num_articles, num_sources FROM event_groups "
                       "WHERE source_code = 'PAKGOV'")
    assert pak == (3, 3, 3)  # original, edited copy, verbatim copy; three outlets


def test_writer_group_counts_distinct_outlets_and_keeps_distinct_events(tmp_path):
    db = tmp_path / "t.duckdb"
    a = meeting("a", outlet="Wire Service")
    b = meeting("b", outlet="Wire Service")
    b.article.text = a.article.text + " Updated with details."
    c = meeting("c", outlet="Wire Service", date="2025-09-03")
    c.article.text = a.article.text + " Corrected date."
    with Store(db) as store:
        store.write([a, b, c])
    rows = _rows(db, "SELECT date, num_articles, num_sources FROM event_groups ORDER BY date")
    # Two days apart: another meeting, another happening.
    assert [(str(d), n, s) for d, n, s in rows] == [("2025-09-01", 2, 1), ("2025-09-03", 1, 1)]


def test_writer_article_without_text_and_event_without_date(tmp_path):
    db = tmp_path / "t.duckdb"
    blank = meeting("blank", text="")
    blank.events[0].date = None
    with Store(db) as store:
        assert store.write([blank]).articles == 1
        assert store.write([meeting("blank2", text="")]).articles == 1  # no text: no hash match
    rows = _rows(db, "SELECT text_hash, minhash FROM articles")
    assert rows == [(None, None), (None, None)]
    assert [str(r[0]) for r in _rows(db, "SELECT date FROM events ORDER BY gid")] == [
        "2025-09-01", "2025-09-01"]  # the article's date


def test_writer_refuses_a_locked_or_broken_file(tmp_path):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError):
        Store(broken)


def test_writer_filler_is_long_enough_to_sign():
    from tacitus.store import dedup

    assert dedup.signature(FILLER) is not None


def test_writer_failed_batch_leaves_nothing(tmp_path, monkeypatch):
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write([meeting("before")])
        original = store._insert

        def failing(table, rows):
            if table == "events":
                raise duckdb.ConstraintException("simulated failure")
            original(table, rows)

        monkeypatch.setattr(store, "_insert", failing)
        with pytest.raises(StoreError):
            store.write([meeting("lost1", "CHN"), meeting("lost2", "IND")])
        monkeypatch.setattr(store, "_insert", original)
        assert store.counts()["articles"] == 1
        assert store.write([meeting("lost1", "CHN"), meeting("lost2", "IND")]).articles == 2
        assert store.counts()["events"] == 3


WRITER_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from store.records import meeting
from tacitus.store import Store
with Store({db!r}) as store:
    for b in range(10_000):
        store.write([meeting(f"b{{b}}-{{i}}", text=f"Batch {{b}} article {{i}} " * 20)
                     for i in range(50)])
        if b == 2:
            print("ready", flush=True)
"""


@pytest.mark.slow
def test_writer_kill9_leaves_whole_batches(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    db = tmp_path / "crash.duckdb"
    tests = str(Path(__file__).resolve().parents[1])
    proc = subprocess.Popen([sys.executable, "-c", WRITER_SCRIPT.format(tests=tests, db=str(db))],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    rows = _rows(db, "SELECT batch, count(*) FROM articles GROUP BY batch")
    assert len(rows) >= 3 and all(n == 50 for _, n in rows)
    (orphans,) = _rows(db, "SELECT count(*) FROM events e ANTI JOIN articles a "
                           "ON a.id = e.article_id")
    assert orphans == (0,)
    (n_articles, n_events) = _rows(db, "SELECT (SELECT count(*) FROM articles), "
                                       "(SELECT count(*) FROM events)")[0]
    assert n_articles == n_events


_HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
print("held", flush=True)
time.sleep(float(sys.argv[3]))
"""


def _hold(db, mode, seconds):
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", _HOLD, str(db), mode, str(seconds)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_writer_waits_while_a_reader_holds_the_store(tmp_path):
    db = tmp_path / "w.duckdb"
    Store(db).close()
    reader = _hold(db, "read", 1.0)  # a dashboard request, say
    with Store(db) as store:  # waits for the lock instead of failing
        assert store.write([meeting("after")]).articles == 1
    reader.wait(timeout=30)


def test_writer_lock_held_elsewhere_is_store_busy(tmp_path):
    from tacitus.errors import StoreBusy
    from tacitus.store.writer import connect

    db = tmp_path / "w.duckdb"
    Store(db).close()
    writer = _hold(db, "write", 2.0)
    try:
        with pytest.raises(StoreBusy, match="in use by another process"):
            connect(db, read_only=True)
    finally:
        writer.wait(timeout=30)
    connect(db, read_only=True).close()
