"""The store writer: CodedArticle batches in, rows in a DuckDB file out, each exactly once.

`Store(path)` opens (and creates) a store; `write(batch)` writes one batch in one transaction:
an article whose id is already stored is skipped; one whose normalised text is already stored
is recorded in `copies` (not coded again, but counted as another report of its events); a new
article joins the near-duplicate group of the most similar stored text (MinHash over word
3-shingles, estimated Jaccard >= 0.7; see dedup.py), or starts its own. Each new event joins
the happening (group of reports across articles and outlets) it reports, or starts one
(grouping.py, happenings.py), and the counts of every happening the batch touched are
rewritten. A crash (even kill -9) leaves whole batches only, and since every write checks
what is stored first, running the same input again stores the rest exactly once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.config import GroupOptions
from tacitus.errors import StoreBusy, StoreError
from tacitus.model import Article, CodedArticle
from tacitus.store import dedup
from tacitus.store.grouping import load_rules
from tacitus.store.happenings import (
    assign_groups,
    drop_empty_happenings,
    group_missing,
    release_groups,
    save_happenings,
)
from tacitus.store.rows import ROW_SCHEMAS, article_row, coded_rows, copy_row
from tacitus.store.schema import CODED_TABLES, SCHEMA_VERSION, ensure_schema


@dataclass
class WriteResult:
    """What one or more `write` calls did."""

    articles: int = 0
    events: int = 0
    mentions: int = 0
    quotes: int = 0
    duplicates: int = 0
    copies: int = 0

    def __iadd__(self, other: WriteResult) -> WriteResult:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def store_error(path: str | os.PathLike[str], exc: BaseException) -> StoreError:
    """A DuckDB failure on the store at `path` as a StoreError that says what is wrong and
    what to do: a lock held by another process, a damaged file or log, a file from another
    DuckDB version, a DuckDB file that is not a store, or (else) DuckDB's own first line."""
    name = os.fspath(path)
    reason = (str(exc) or type(exc).__name__).splitlines()[0]
    lowered = reason.lower()
    if "could not set lock" in lowered or "conflicting lock" in lowered:
        pid = re.search(r"\(PID (\d+)\)", reason)
        return StoreBusy("store_locked", path=name, reason=f"PID {pid[1]}" if pid else reason)
    if "wal" in lowered and ("replaying" in lowered or "corrupt wal" in lowered):
        return StoreError("store_wal", path=name, wal=f"{name}.wal", reason=reason)
    if "version number" in lowered or "storage version" in lowered:
        return StoreError("store_version", path=name, reason=reason)
    damaged = ("not a valid duckdb database", "corrupt", "checksum", "could not read enough",
               "invalid block", "magic bytes", "serialization error")
    if any(word in lowered for word in damaged):
        return StoreError("store_damaged", path=name, reason=reason)
    missing = re.search(r"Table with name (\w+) does not exist", reason)
    if missing:
        return StoreError("store_foreign", path=name, reason=f"no {missing[1]} table")
    return StoreError("store", path=name, reason=reason)


def connect(path: str | os.PathLike[str], *, read_only: bool = False, wait: float = 0.0
            ) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to a store file, turning open failures into StoreError: a missing
    file (read-only), a missing folder (for writing), a lock, damage (see `store_error`).

    While another process holds the file's lock, tries again for up to `wait` seconds, then
    raises StoreBusy (a StoreError)."""
    name = os.fspath(path)
    if name != ":memory:":
        file = Path(name)
        if read_only and not file.is_file():
            raise StoreError("store_missing", path=name)
        if not read_only and not file.parent.is_dir():
            raise StoreError("store_folder", path=name, folder=str(file.parent))
        if not read_only and file.is_file() and file.stat().st_size == 0:
            file.unlink()  # an empty file (`touch`) holds nothing: start a new store there
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(name, read_only=read_only)
        except duckdb.Error as exc:
            error = store_error(name, exc)
            if not isinstance(error, StoreBusy) or time.monotonic() >= deadline:
                raise error from exc
        time.sleep(0.1)


class Store:
    """A DuckDB store opened for writing; use as a context manager.

    `groups` sets how reports are joined into happenings (settings section [groups]); a
    store made before grouping existed has its events grouped when opened. `stamp` is the
    coder stamp (tacitus.stamp) written on the articles this store object codes.
    """

    def __init__(self, path: str | os.PathLike[str] = "tacitus.duckdb",
                 groups: GroupOptions | None = None, stamp: str | None = None) -> None:
        self.path = os.fspath(path)
        self.stamp = stamp
        groups = groups or GroupOptions()
        self.rules = load_rules(groups.max_days, groups.max_km)
        # A dashboard page holds a read lock for a moment: wait for it rather than fail.
        self.con = connect(self.path, wait=5.0)
        try:
            ensure_schema(self.con)
            row = self.con.execute("SELECT coalesce(max(batch), 0) FROM articles").fetchone()
            self._upgrade()
        except duckdb.Error as exc:
            self.con.close()
            raise store_error(self.path, exc) from exc
        self._batch = int(row[0]) if row else 0

    def _upgrade(self) -> None:
        """Group events stored without a group (a schema-1 store) and record the schema."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and row[0] == SCHEMA_VERSION:
            return
        self.con.begin()
        try:
            self.con.execute("UPDATE events SET date_precision = 'day' "
                             "WHERE date_precision IS NULL AND date IS NOT NULL")
            group_missing(self.con, self.rules)
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                             [SCHEMA_VERSION])
            self.con.commit()
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                self.con.rollback()
            raise

    def regroup(self) -> int:
        """Group every stored event again from scratch, oldest first (after changing the
        [groups] settings); one transaction. Returns how many events were grouped."""
        self.con.begin()
        try:
            self.con.execute("UPDATE events SET group_id = NULL")
            self.con.execute("DELETE FROM happenings")
            self.con.execute("DELETE FROM happening_keys")
            done = group_missing(self.con, self.rules)
            self.con.commit()
        except BaseException as exc:
            with contextlib.suppress(duckdb.Error):
                self.con.rollback()
            if isinstance(exc, duckdb.Error):
                raise store_error(self.path, exc) from exc
            raise
        return done

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Checkpoint and close the file."""
        with contextlib.suppress(duckdb.Error):
            self.con.close()

    # -- what is stored -------------------------------------------------------------------

    def known_ids(self) -> set[str]:
        """Every article id stored (articles and copies)."""
        rows = self.con.execute("SELECT id FROM articles UNION ALL SELECT id FROM copies")
        return {r[0] for r in rows.fetchall()}

    def known_hashes(self) -> set[str]:
        """Every normalised-text hash of a stored (coded) article."""
        rows = self.con.execute("SELECT text_hash FROM articles WHERE text_hash IS NOT NULL")
        return {r[0] for r in rows.fetchall()}

    def has(self, article: Article) -> bool:
        """True when the article (same id, or same normalised text) is already stored."""
        found = self.con.execute(
            "SELECT 1 FROM articles WHERE id = $id OR text_hash = $h "
            "UNION ALL SELECT 1 FROM copies WHERE id = $id LIMIT 1",
            {"id": article.id, "h": dedup.text_hash(article.text) or "\x00"},
        ).fetchone()
        return found is not None

    def counts(self) -> dict[str, int]:
        """Rows per table (articles, copies, events, mentions, quotes)."""
        out = {}
        for table in ("articles", "copies", "events", "mentions", "quotes"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    # -- writing --------------------------------------------------------------------------

    def write(self, batch: Sequence[CodedArticle], copies: Sequence[Article] = ()
              ) -> WriteResult:
        """Store one batch in one transaction; returns what was written and what skipped.

        `copies` are articles the caller found to repeat a text already stored or in this
        run (see ingest): they are recorded as copies without being coded.
        """
        if not batch and not copies:
            return WriteResult()
        self.con.begin()
        try:
            result = self._write(batch, copies)
            self.con.commit()
        except BaseException as exc:
            with contextlib.suppress(duckdb.Error):
                self.con.rollback()
            self._batch -= 1
            if isinstance(exc, duckdb.Error | pa.ArrowException):
                raise store_error(self.path, exc) from exc
            raise
        return result

    # -- re-coding ------------------------------------------------------------------------

    def stale_ids(self, stamp: str) -> list[str]:
        """Ids of the stored articles coded with another coder stamp than `stamp` (or none)."""
        rows = self.con.execute(
            "SELECT id FROM articles WHERE coder_version IS DISTINCT FROM ? ORDER BY id", [stamp]
        ).fetchall()
        return [r[0] for r in rows]

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids (text, metadata and notes), in `ids` order."""
        rows = self.con.execute(
            "SELECT id, text, title, url, source, published FROM articles "
            "WHERE list_contains($ids, id)",
            {"ids": list(ids)},
        ).fetchall()
        found = {r[0]: Article(*r) for r in rows}
        return [found[i] for i in ids if i in found]

    def replace(self, batch: Sequence[CodedArticle]) -> WriteResult:
        """Store a new coding of already stored articles in one transaction: their events,
        mentions, quotes and places are replaced, their tone, coding time and coder stamp
        updated; text, near-duplicate groups and copies stay. The happenings their old events
        belonged to are regrouped with the new events (happenings.regroup_replaced). A crash
        leaves whole batches only."""
        if not batch:
            return WriteResult()
        ids = [c.article.id for c in batch]
        now = _utcnow()
        rows: dict[str, list[dict[str, Any]]] = {table: [] for table in CODED_TABLES}
        for coded in batch:
            for table, table_rows in coded_rows(coded).items():
                rows[table].extend(table_rows)
        self.con.begin()
        try:
            released = release_groups(self.con, ids)
            for table in CODED_TABLES:
                self.con.execute(
                    f"DELETE FROM {table} WHERE list_contains($ids, article_id)", {"ids": ids}
                )
            self._number(rows["events"])
            for table in CODED_TABLES:
                self._insert(table, rows[table])
            self.con.executemany(
                "UPDATE articles SET tone = ?, coded_at = ?, coder_version = ? WHERE id = ?",
                [[c.tone, now, self.stamp, c.article.id] for c in batch],
            )
            drop_empty_happenings(self.con, released)
            group_missing(self.con, self.rules)
            self.con.commit()
        except BaseException as exc:
            with contextlib.suppress(duckdb.Error):
                self.con.rollback()
            if isinstance(exc, duckdb.Error | pa.ArrowException):
                raise store_error(self.path, exc) from exc
            raise
        return WriteResult(
            articles=len(batch), events=len(rows["events"]), mentions=len(rows["mentions"]),
            quotes=len(rows["quotes"]),
        )

    def _existing(self, ids: list[str], hashes: list[str]) -> tuple[set[str], set[str]]:
        known_ids = {
            r[0]
            for r in self.con.execute(
                "SELECT id FROM articles WHERE list_contains($ids, id) "
                "UNION ALL SELECT id FROM copies WHERE list_contains($ids, id)",
                {"ids": ids},
            ).fetchall()
        }
        known_hashes = {
            r[0]
            for r in self.con.execute(
                "SELECT text_hash FROM articles WHERE list_contains($h, text_hash)", {"h": hashes}
            ).fetchall()
        }
        return known_ids, known_hashes

    def _candidates(self, keys: dict[str, list[int]]) -> dict[str, list[tuple[list[int], str]]]:
        """Stored (signature, group) pairs sharing an LSH band with each new article."""
        if not keys:
            return {}
        table = pa.table({
            "new_id": [i for i, ks in keys.items() for _ in ks],
            "band": [b for ks in keys.values() for b in range(len(ks))],
            "key": [k for ks in keys.values() for k in ks],
        })
        self.con.register("_bands", table)
        try:
            rows = self.con.execute(
                "SELECT DISTINCT n.new_id, a.minhash, a.group_id FROM _bands n "
                "JOIN article_bands b ON b.band = n.band AND b.key = n.key "
                "JOIN articles a ON a.id = b.article_id"
            ).fetchall()
        finally:
            self.con.unregister("_bands")
        found: dict[str, list[tuple[list[int], str]]] = {}
        for new_id, sig, group in rows:
            found.setdefault(new_id, []).append((list(sig), group))
        return found

    def _write(self, batch: Sequence[CodedArticle], given: Sequence[Article]) -> WriteResult:
        result = WriteResult()
        now = _utcnow()
        self._batch += 1
        hashes = [dedup.text_hash(c.article.text) for c in batch]
        known_ids, known_hashes = self._existing(
            [c.article.id for c in batch] + [a.id for a in given], [h for h in hashes if h]
        )
        new: list[tuple[CodedArticle, str | None]] = []
        copies: list[dict[str, Any]] = []
        for coded, text_hash in zip(batch, hashes, strict=True):
            article = coded.article
            if article.id in known_ids:
                result.duplicates += 1
                continue
            known_ids.add(article.id)
            if text_hash and text_hash in known_hashes:
                copies.append(
                    copy_row(article, text_hash=text_hash, seen_at=now, batch=self._batch))
                result.copies += 1
                continue
            if text_hash:
                known_hashes.add(text_hash)
            new.append((coded, text_hash))
        signatures = {c.article.id: dedup.signature(c.article.text) for c, _ in new}
        keys = {i: dedup.band_keys(sig) for i, sig in signatures.items() if sig is not None}
        candidates = self._candidates(keys)
        in_batch: dict[int, list[tuple[list[int], str]]] = {}
        rows: dict[str, list[dict[str, Any]]] = {
            "articles": [], "article_bands": [], "events": [], "mentions": [], "quotes": [],
            "places": []}
        event_article_groups: list[str] = []
        for coded, text_hash in new:
            article = coded.article
            sig = signatures[article.id]
            group = article.id
            if sig is not None:
                near = candidates.get(article.id, [])
                near += [c for k in keys[article.id] for c in in_batch.get(k, [])]
                group = dedup.nearest(sig, near) or article.id
                for band, key in enumerate(keys[article.id]):
                    in_batch.setdefault(key, []).append((sig, group))
                    rows["article_bands"].append(
                        {"article_id": article.id, "band": band, "key": key})
            rows["articles"].append(article_row(
                coded, text_hash=text_hash, signature=sig, group_id=group, coded_at=now,
                batch=self._batch, coder_version=self.stamp))
            for table, table_rows in coded_rows(coded).items():
                rows[table].extend(table_rows)
            event_article_groups.extend(group for _ in coded.events)
        for article in given:
            text_hash = dedup.text_hash(article.text)
            if article.id in known_ids or not text_hash:
                result.duplicates += 1
                continue
            known_ids.add(article.id)
            copies.append(copy_row(article, text_hash=text_hash, seen_at=now, batch=self._batch))
            result.copies += 1
        rows["copies"] = copies
        self._number(rows["events"])
        assigned = assign_groups(self.con, rows["events"], event_article_groups, self.rules)
        for table, table_rows in rows.items():
            self._insert(table, table_rows)
        save_happenings(self.con, assigned, sorted({c["text_hash"] for c in copies}))
        result.articles = len(rows["articles"])
        result.events = len(rows["events"])
        result.mentions = len(rows["mentions"])
        result.quotes = len(rows["quotes"])
        return result

    def _number(self, events: list[dict[str, Any]]) -> None:
        """Give each new event row its store-wide `gid`, in order."""
        if not events:
            return
        gids = sorted(r[0] for r in self.con.execute(
            "SELECT nextval('event_gid') FROM range(?)", [len(events)]).fetchall())
        for row, gid in zip(events, gids, strict=True):
            row["gid"] = gid

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        data = pa.Table.from_pylist(rows, schema=ROW_SCHEMAS[table])
        name = f"_new_{table}"
        self.con.register(name, data)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
        finally:
            self.con.unregister(name)


def iter_batches(items: Iterable[CodedArticle], size: int) -> Iterable[list[CodedArticle]]:
    """Consecutive lists of at most `size` items."""
    batch: list[CodedArticle] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
