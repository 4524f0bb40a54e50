"""Done-criterion of issue 4: kill -9 an ingest of 1,600 articles, re-run it, then ingest the
same plus the seed article: `articles` holds each article exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "examples" / "sco-summit-2025.txt"


def _command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("tacitus")
    if script.is_file():
        return [str(script), *args]
    return [sys.executable, "-c", "from tacitus.cli import main; main()", *args]


def _articles(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]


def _orphans(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT count(*) FROM events e ANTI JOIN articles a "
                          "ON a.id = e.article_id").fetchone()
    return int(row[0]) if row else -1


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_crash_kill9_then_rerun_stores_each_article_once(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from ingest_corpus import write_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    corpus = tmp_path / "corpus"
    ids = write_corpus(corpus, 1600)
    db = tmp_path / "corpus.duckdb"
    wal = Path(f"{db}.wal")
    ingest = _command("ingest", str(corpus), "--db", str(db), "--date", "2025-09-01",
                      "--json")

    # 1. Start, wait for the first committed batch, kill -9 mid-run.
    # Its own session, so kill -9 reaches the coder's worker processes too (a worker whose
    # parent is gone would otherwise wait for work forever).
    proc = subprocess.Popen(ingest, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 50_000:
            break
        time.sleep(0.2)
    time.sleep(1.0)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _articles(db)
    assert 0 < len(partial) < 1600
    assert len(partial) % 200 == 0  # whole batches only
    assert _orphans(db) == 0

    # 2. Run it again: the rest is stored, nothing twice.
    done = subprocess.run(ingest, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert counts["known"] == len(partial) and counts["stored"] == 1600 - len(partial)
    stored = _articles(db)
    assert len(stored) == len(set(stored)) == 1600 and set(stored) == set(ids)

    # 3. The same corpus plus the seed article (or one new article without ../shared).
    extra = tmp_path / "extra"
    extra.mkdir()
    seed = extra / "sco-summit-2025.txt"
    if SEED.is_file():
        seed.write_bytes(SEED.read_bytes())
    else:
        seed.write_text("Prime Minister Shehbaz Sharif met President Vladimir Putin in Tianjin "
                        "on the sidelines of the summit.", encoding="utf-8")
    again = subprocess.run(
        _command("ingest", str(corpus), str(seed), "--db", str(db), "--date", "2025-09-01",
                 "--json"),
        capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    counts = json.loads(again.stdout.strip().splitlines()[-1])
    assert (counts["known"], counts["stored"]) == (1600, 1)
    final = _articles(db)
    assert len(final) == len(set(final)) == 1601 and "sco-summit-2025" in final
    assert _orphans(db) == 0
