"""One read-only connection to the store, shared by the requests that come close together.

Opening a DuckDB store costs about 20 ms of CPU (a database instance is set up each time),
more than most pages' queries. `StoreReader.connection()` hands each request a cursor on a
read-only connection kept open while requests keep coming, and closes it once none has come
for IDLE seconds, so that `tacitus ingest` (whose writer waits up to 5 s for the lock) gets
the store between them. Under unbroken traffic the connection is also closed after HOLD
seconds of use without a break of GAP seconds, and not opened again for GAP seconds (the next
request waits that long), so a waiting writer finds the store free within HOLD + GAP unless
requests overlap without a break for that long (a long CSV download, say), as it would with
a connection per request. While the connection is open no other process can write, so what
the pages read cannot change under them; while a writer holds the store, opening fails with
StoreBusy and the pages say the store is busy.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from tacitus.store.writer import connect, store_error

# Seconds without a request after which the shared connection is closed.
IDLE = 0.25
# Seconds a connection is kept at most, and the pause before the next one opens.
HOLD = 3.0
GAP = 0.2


class StoreReader:
    """Read-only cursors on the store at `db`, over one connection while requests come
    close together (see the module's docstring); safe to use from many threads."""

    def __init__(self, db: str | os.PathLike[str], idle: float = IDLE, hold: float = HOLD,
                 gap: float = GAP) -> None:
        self.db = Path(db)
        self.idle, self.hold, self.gap = idle, hold, gap
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._held_since = 0.0  # start of the stretch the store has not been free for `gap`
        self._closed = float("-inf")
        self._free_from = float("-inf")  # a retired connection's gap ends here
        self._users = 0
        self._retiring = False
        self._timer: threading.Timer | None = None

    def _shared(self) -> duckdb.DuckDBPyConnection:
        """The connection for a new request (opened now if needed); call with the lock held.
        A connection held `hold` seconds is retired: requests that overlap its last ones
        still use it, the next one waits out the gap and opens a new one."""
        now = time.monotonic()
        if self._con is not None and now - self._held_since >= self.hold:
            self._retiring = True
        if self._con is not None and (not self._retiring or self._users):
            return self._con
        if self._con is not None:  # retiring, and no request is reading it
            self._close()
        if (wait := self._free_from - now) > 0:
            time.sleep(wait)
        con = connect(self.db, read_only=True)
        try:
            con.execute("SET enable_external_access = false")
        except duckdb.Error as exc:
            con.close()
            raise store_error(self.db, exc) from exc
        now = time.monotonic()
        if now - self._closed >= self.gap:
            self._held_since = now
        self._con = con
        return con

    def _close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
            self._closed = time.monotonic()
            if self._retiring:
                self._free_from = self._closed + self.gap
        self._retiring = False

    def _close_if_idle(self) -> None:
        with self._lock:
            self._timer = None
            if self._users == 0:
                self._close()

    def close(self) -> None:
        """Close the shared connection now (requests after this open a new one)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._users == 0:
                self._close()
            else:
                self._retiring = True

    @contextlib.contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request; DuckDB errors come out as StoreError (StoreBusy while
        another process writes the store)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            shared = self._shared()
            self._users += 1
        try:
            cursor = shared.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
        except duckdb.Error as exc:
            raise store_error(self.db, exc) from exc
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    if self._retiring:
                        self._close()
                    elif self._con is not None:
                        self._timer = threading.Timer(self.idle, self._close_if_idle)
                        self._timer.daemon = True
                        self._timer.start()
