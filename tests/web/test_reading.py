"""The shared read-only connection: requests close together share it, it is let go of when
they stop, and a writer waiting for the store gets it even under unbroken traffic."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from tacitus.errors import StoreBusy, StoreError
from tacitus.web.reading import StoreReader

# Takes the store's write lock as `tacitus ingest` does (waiting up to 5 s for it), says how
# long that took, and keeps it until told to stop.
WRITER = textwrap.dedent("""
    import sys, time
    from tacitus.store.writer import connect
    began = time.monotonic()
    con = connect(sys.argv[1], wait=5.0)
    print(f"locked {time.monotonic() - began:.2f}", flush=True)
    sys.stdin.readline()
""")


@pytest.fixture
def db(web_db, tmp_path):
    path = tmp_path / "shared.duckdb"
    shutil.copy(web_db, path)
    return path


def _writer(db):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _locked_after(writer) -> float:
    line = writer.stdout.readline().strip()
    assert line.startswith("locked"), writer.stderr.read()
    return float(line.split()[1])


def test_reading_requests_close_together_share_one_connection(db):
    reader = StoreReader(db, idle=5.0)
    with reader.connection() as one:
        assert one.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
        first = reader._con
    with reader.connection() as two, reader.connection() as three:
        assert two is not three  # a cursor per request, on the same connection
        assert reader._con is first
    reader.close()
    assert reader._con is None


def test_reading_idle_connection_is_let_go_for_a_writer(db):
    reader = StoreReader(db, idle=0.2)
    with reader.connection() as con:
        con.execute("SELECT 1").fetchall()
    writer = _writer(db)
    try:
        assert _locked_after(writer) < 2.0
        with pytest.raises(StoreBusy), reader.connection():
            pass
    finally:
        writer.communicate("done\n", timeout=30)
    with reader.connection() as con:  # the writer is gone: reading again
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    reader.close()


def test_reading_writer_gets_the_store_under_unbroken_traffic(db):
    reader = StoreReader(db, idle=1.0, hold=0.5, gap=0.25)
    writer = _writer(db)
    busy = False
    try:
        deadline = time.monotonic() + 8.0
        while time.monotonic() < deadline:  # requests back to back, never idle
            try:
                with reader.connection() as con:
                    con.execute("SELECT count(*) FROM events").fetchall()
            except StoreBusy:
                busy = True
                break
        assert busy, "the writer never got the store"
        assert _locked_after(writer) < 2.0
    finally:
        writer.communicate("done\n", timeout=30)
        reader.close()


def test_reading_query_errors_are_store_errors(db):
    reader = StoreReader(db)
    with pytest.raises(StoreError, match="no_such_table"), reader.connection() as con:
        con.execute("SELECT * FROM no_such_table")
    with reader.connection() as con:  # the connection still serves
        assert con.execute("SELECT 1").fetchone() == (1,)
    reader.close()
