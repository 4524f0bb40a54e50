"""A tacitus Parquet dataset: the store's tables as Parquet files in a folder, written in
committed batches, loaded into a DuckDB store or queried where it lies.

Layout of a dataset folder (written by the Spark engine, `tacitus code --engine spark`):

    _tacitus_dataset.json              marks the folder as a dataset (format, version)
    articles/article_date=2025-09-01/b000001-part-....parquet
    events/, mentions/, quotes/, places/, copies/, reading_order/   same partitioning
    bad_records/b000001-part-....parquet        records that could not be read or coded
    _batches/000001.json               one per committed batch: its input files and counts
    _staging/000002/                   a batch being written (not part of the dataset)

Each table's files hold exactly the columns of the DuckDB table of the same name, as
`store/rows.py` builds them; `events` leave `gid` (the store-wide number) and `group_id`
(the happening) empty, because both need the store: a store numbers and groups the events
when it loads the dataset. `reading_order` (dataset only) holds each coded article's input
file and record, so that the load numbers events in the local engine's order and groups
them into the same happenings. `article_date` (the article's date;
`__HIVE_DEFAULT_PARTITION__` when undated) is the partition folder only. A batch becomes
part of the dataset in one step that survives a kill at any point: its files are staged, a
`_READY.json` listing their moves is written, the files are moved, the batch manifest is
written and the staging folder removed; `recover()` finishes a batch that has its
`_READY.json` and deletes one that has not.

`load_dataset(folder, db)` adds a dataset to a DuckDB store in one transaction, skipping every
article the store already holds (same id, or same normalised text: recorded as a copy), so
loading twice adds nothing; the new events get gids and join or start happenings as
`tacitus ingest` would have grouped them. `connect_dataset(folder)` opens an in-memory store
over the dataset (events copied and grouped in memory, every other table a view on its
files), for `tacitus sql|events|dyads|quotes --parquet`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.config import GroupOptions
from tacitus.errors import StoreError
from tacitus.store import dedup
from tacitus.store.rows import ROW_SCHEMAS
from tacitus.store.schema import SCHEMA_VERSION, VIEWS, ensure_schema

MARKER = "_tacitus_dataset.json"
FORMAT = "tacitus-parquet"
VERSION = 1
PARTITION = "article_date"
BATCHES = "_batches"
STAGING = "_staging"
READY = "_READY.json"
BAD_RECORDS = "bad_records"
# The store tables a dataset carries (article_bands is an index a store rebuilds on load).
TABLES: tuple[str, ...] = tuple(t for t in ROW_SCHEMAS if t != "article_bands")
# Where each coded article was read (dataset only: a store keeps its rows in reading order),
# so that a store loading the dataset numbers and groups its events as the local engine would.
READING_ORDER = "reading_order"
ORDER_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("batch", pa.int32()), ("file", pa.int32()),
    ("record", pa.int32()), ("path", pa.string()),
])
BAD_SCHEMA = pa.schema([
    ("path", pa.string()), ("location", pa.string()), ("reason", pa.string()),
    ("kind", pa.string()), ("stage", pa.string()), ("article_id", pa.string()),
    ("batch", pa.int32()),
])


def is_dataset(path: str | os.PathLike[str]) -> bool:
    """True when `path` is a folder holding a tacitus Parquet dataset."""
    return Path(path, MARKER).is_file()


def _write_json(path: Path, data: Any) -> None:
    """Write JSON so that a reader sees the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    os.replace(temporary, path)


class Dataset:
    """A dataset folder; `create` makes a new one, `open` requires an existing one."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    @classmethod
    def create(cls, root: str | os.PathLike[str]) -> Dataset:
        """The dataset at `root`, created when the folder is missing or empty; a folder with
        other files in it is refused rather than mixed into."""
        path = Path(root)
        if path.exists() and not path.is_dir():
            raise StoreError("dataset", path=str(path), reason="exists and is not a folder")
        if not is_dataset(path):
            if path.is_dir() and any(path.iterdir()):
                raise StoreError("dataset", path=str(path),
                                 reason="not empty and not a tacitus dataset; choose a new --out")
            path.mkdir(parents=True, exist_ok=True)
            _write_json(path / MARKER, {"format": FORMAT, "version": VERSION,
                                        "schema_version": SCHEMA_VERSION})
        return cls(path)

    @classmethod
    def open(cls, root: str | os.PathLike[str]) -> Dataset:
        """An existing dataset; StoreError when `root` is not one."""
        if not is_dataset(root):
            raise StoreError("dataset", path=os.fspath(root),
                             reason=f"not a tacitus Parquet dataset (no {MARKER})")
        return cls(root)

    # -- what is committed ----------------------------------------------------------------

    def manifests(self) -> list[dict[str, Any]]:
        """The committed batches' manifests, oldest first."""
        folder = self.root / BATCHES
        if not folder.is_dir():
            return []
        found = []
        for path in sorted(folder.glob("*.json")):
            found.append(json.loads(path.read_text(encoding="utf-8")))
        return found

    def done_inputs(self) -> set[str]:
        """Every input file a committed batch read (absolute paths)."""
        return {name for m in self.manifests() for name in m.get("inputs", [])}

    def next_batch(self) -> int:
        """The number the next batch gets (above every committed or staged one)."""
        numbers = [int(m["batch"]) for m in self.manifests()]
        staging = self.root / STAGING
        if staging.is_dir():
            numbers += [int(p.name) for p in staging.iterdir() if p.name.isdigit()]
        return max(numbers, default=0) + 1

    def files(self, table: str) -> list[Path]:
        """The Parquet files of one table, sorted."""
        folder = self.root / table
        return sorted(folder.rglob("*.parquet")) if folder.is_dir() else []

    # -- writing a batch ------------------------------------------------------------------

    def stage(self, batch: int) -> Path:
        """An empty staging folder for `batch`."""
        folder = self.root / STAGING / f"{batch:06d}"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        return folder

    def commit(self, batch: int, inputs: list[str], counts: dict[str, Any],
               files: list[str] | None = None) -> None:
        """Make the staged batch part of the dataset (see the module docstring): `files`
        (relative to the staging folder; default: every Parquet file in it) are moved in,
        anything else staged is dropped."""
        folder = self.root / STAGING / f"{batch:06d}"
        if files is None:
            files = [p.relative_to(folder).as_posix() for p in folder.rglob("*.parquet")]
        moves = []
        for name in sorted(files):
            relative = Path(name)
            target = relative.parent / f"b{batch:06d}-{relative.name}"
            moves.append([relative.as_posix(), target.as_posix()])
        _write_json(folder / READY, {
            "batch": batch, "inputs": inputs, "counts": counts, "moves": moves,
            "committed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        })
        self._roll_forward(folder)

    def _roll_forward(self, folder: Path) -> None:
        ready = json.loads((folder / READY).read_text(encoding="utf-8"))
        for source, target in ready["moves"]:
            staged, final = folder / source, self.root / target
            if staged.exists():
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, final)
            elif not final.exists():
                raise StoreError("dataset", path=str(self.root),
                                 reason=f"batch {ready['batch']} lost its file {source}")
        manifest = {k: ready[k] for k in ("batch", "inputs", "counts", "committed_at")}
        _write_json(self.root / BATCHES / f"{int(ready['batch']):06d}.json", manifest)
        shutil.rmtree(folder)

    def recover(self) -> list[int]:
        """Finish batches a killed job had made ready, delete the ones it had not; returns
        the numbers of the batches finished."""
        staging = self.root / STAGING
        finished: list[int] = []
        if not staging.is_dir():
            return finished
        for folder in sorted(staging.iterdir()):
            if (folder / READY).is_file():
                self._roll_forward(folder)
                finished.append(int(folder.name))
            else:
                shutil.rmtree(folder, ignore_errors=True)
        return finished


# -- reading a dataset with DuckDB --------------------------------------------------------


def _sql_list(paths: list[Path]) -> str:
    quoted = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
    return f"[{quoted}]"


def _table_source(con: duckdb.DuckDBPyConnection, dataset: Dataset, table: str,
                  schema: pa.Schema) -> str:
    """A FROM-clause source for one dataset table: its files, or an empty table."""
    files = dataset.files(table)
    if files:
        return f"read_parquet({_sql_list(files)}, hive_partitioning = false, union_by_name = true)"
    name = f"_empty_{table}"
    # DuckDB 2 refuses register() while a result is not fetched to its end (fetchone of a
    # one-row result is not): a statement of its own completes it.
    con.execute("SELECT 1").fetchall()
    con.register(name, schema.empty_table())
    return name


def _ordered_events(con: duckdb.DuckDBPyConnection, dataset: Dataset, articles: str
                    ) -> str:
    """A query of the dataset's events of the articles in `articles` (a table or view with
    `id` and `batch`), without `gid` and `group_id`, and `_n`: their number in the order the
    local engine stores them (batch, then reading order: input file, record; then the
    event's number within its article)."""
    events = _table_source(con, dataset, "events", ROW_SCHEMAS["events"])
    order = _table_source(con, dataset, READING_ORDER, ORDER_SCHEMA)
    return f"""
        SELECT e.* EXCLUDE (gid, group_id), row_number() OVER (ORDER BY
            a.batch, o.file NULLS LAST, o.record NULLS LAST, a.id,
            TRY_CAST(regexp_extract(e.id, '-e([0-9]+)$', 1) AS BIGINT) NULLS LAST, e.id
        ) AS _n
        FROM {events} e JOIN {articles} a ON a.id = e.article_id
        LEFT JOIN {order} o ON o.article_id = e.article_id"""


def connect_dataset(root: str | os.PathLike[str], groups: GroupOptions | None = None
                    ) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB store over the dataset: its tables are read-only views on the
    files, except `events`, which is copied into memory (numbered `gid` in the local
    engine's order) and grouped into `happenings` (settings `groups`), exactly as a store
    that loaded the dataset would group them; the store's views on top; no file access
    outside the dataset folder."""
    from tacitus.store.grouping import load_rules
    from tacitus.store.happenings import group_missing

    dataset = Dataset.open(root)
    groups = groups or GroupOptions()
    con = duckdb.connect(":memory:")
    try:
        ensure_schema(con)
        for view in _view_names():
            con.execute(f"DROP VIEW IF EXISTS {view}")
        for table in TABLES:
            if table == "events":
                continue
            source = _table_source(con, dataset, table, ROW_SCHEMAS[table])
            con.execute(f"DROP TABLE {table}")
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}")
        for table, schema in ((BAD_RECORDS, BAD_SCHEMA), (READING_ORDER, ORDER_SCHEMA)):
            source = _table_source(con, dataset, table, schema)
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}")
        con.execute("INSERT INTO events BY NAME SELECT * EXCLUDE (_n), _n AS gid "
                    f"FROM ({_ordered_events(con, dataset, 'articles')})")
        group_missing(con, load_rules(groups.max_days, groups.max_km))
        con.execute(VIEWS)
        folder = str(dataset.root.resolve()).replace("'", "''")
        con.execute(f"SET allowed_directories = ['{folder}']")
        con.execute("SET enable_external_access = false")
    except duckdb.Error as exc:
        con.close()
        raise StoreError("dataset", path=os.fspath(root),
                         reason=str(exc).splitlines()[0]) from exc
    return con


def _view_names() -> list[str]:
    """The names of the store's views (schema.VIEWS)."""
    return re.findall(r"CREATE OR REPLACE VIEW (\w+)", VIEWS)


# -- loading a dataset into a store -------------------------------------------------------


@dataclass
class LoadReport:
    """What `load_dataset` added: rows per table, and articles it skipped."""

    rows: dict[str, int] = field(default_factory=dict)
    known: int = 0
    copies: int = 0
    bad_records: int = 0


def _bands(rows: list[tuple[str, list[int]]]) -> Iterator[dict[str, Any]]:
    for article_id, signature in rows:
        for band, key in enumerate(dedup.band_keys(list(signature))):
            yield {"article_id": article_id, "band": band, "key": key}


def load_dataset(root: str | os.PathLike[str], db: str | os.PathLike[str],
                 groups: GroupOptions | None = None) -> LoadReport:
    """Add the dataset at `root` to the DuckDB store at `db` in one transaction; articles the
    store holds (same id; same normalised text -> recorded as copies) are skipped with their
    rows, so a second load adds nothing. Near-duplicate groups are the dataset's own; the new
    events get store-wide gids in the local engine's order and are grouped into happenings
    with the stored ones (settings `groups`), as `tacitus ingest` groups what it codes."""
    from tacitus.store.happenings import Assigned, group_missing, save_happenings
    from tacitus.store.writer import Store

    dataset = Dataset.open(root)
    report = LoadReport()
    with Store(db, groups) as store:
        con = store.con
        con.begin()
        try:
            for table in TABLES:
                source = _table_source(con, dataset, table, ROW_SCHEMAS[table])
                con.execute(f"CREATE OR REPLACE TEMP VIEW _ds_{table} AS SELECT * FROM {source}")
            batch_row = con.execute("SELECT coalesce(max(batch), 0) + 1 FROM articles").fetchone()
            batch = int(batch_row[0]) if batch_row else 1
            con.execute("""
                CREATE OR REPLACE TEMP TABLE _fresh AS
                SELECT d.* FROM _ds_articles d
                ANTI JOIN (SELECT id FROM articles UNION ALL SELECT id FROM copies) k
                    ON k.id = d.id
            """)
            total = con.execute("SELECT count(*) FROM _ds_articles").fetchone()
            fresh = con.execute("SELECT count(*) FROM _fresh").fetchone()
            report.known = int(total[0] if total else 0) - int(fresh[0] if fresh else 0)
            # A fresh article whose text the store already holds is one more copy of it.
            con.execute("""
                CREATE OR REPLACE TEMP TABLE _as_copy AS
                SELECT f.* FROM _fresh f
                SEMI JOIN articles a ON a.text_hash = f.text_hash
            """)
            con.execute("""
                INSERT INTO copies BY NAME
                SELECT id, text_hash, title, url, source, outlet, published,
                       coded_at AS seen_at, $batch AS batch FROM _as_copy
            """, {"batch": batch})
            con.execute("""
                CREATE OR REPLACE TEMP TABLE _loaded AS
                SELECT * FROM _fresh ANTI JOIN _as_copy c ON c.id = _fresh.id
            """)
            con.execute("INSERT INTO articles BY NAME SELECT * REPLACE ($batch AS batch) "
                        "FROM _loaded ORDER BY _loaded.batch, _loaded.id", {"batch": batch})
            report.rows["articles"] = _count(con, "_loaded")
            report.copies = _count(con, "_as_copy")
            report.rows["events"] = _insert_events(con, dataset)
            for table in TABLES:
                if table in ("articles", "copies", "events"):
                    continue
                names = ROW_SCHEMAS[table].names
                order = "article_id" + next(
                    (f", {key}" for key in ("id", "idx") if key in names), "")
                inserted = con.execute(f"""
                    INSERT INTO {table} BY NAME
                    SELECT t.* FROM _ds_{table} t SEMI JOIN _loaded l ON l.id = t.article_id
                    ORDER BY {order}
                """).fetchone()
                report.rows[table] = int(inserted[0]) if inserted else 0
            inserted = con.execute("""
                INSERT INTO copies BY NAME
                SELECT c.* REPLACE ($batch AS batch) FROM _ds_copies c
                ANTI JOIN (SELECT id FROM articles UNION ALL SELECT id FROM copies) k
                    ON k.id = c.id
            """, {"batch": batch}).fetchone()
            report.rows["copies"] = report.copies + (int(inserted[0]) if inserted else 0)
            signed = con.execute(
                "SELECT id, minhash FROM _loaded WHERE minhash IS NOT NULL").fetchall()
            bands = list(_bands(signed))
            if bands:
                con.register("_new_bands", pa.Table.from_pylist(
                    bands, schema=ROW_SCHEMAS["article_bands"]))
                con.execute("INSERT INTO article_bands BY NAME SELECT * FROM _new_bands")
                con.unregister("_new_bands")
            group_missing(con, store.rules)
            # Stored happenings whose articles gained verbatim copies are counted again.
            copied = [r[0] for r in con.execute(
                "SELECT DISTINCT text_hash FROM copies WHERE batch = $batch", {"batch": batch}
            ).fetchall()]
            save_happenings(con, Assigned(), copied)
            con.commit()
        except BaseException as exc:
            con.rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError("store", path=os.fspath(db),
                                 reason=str(exc).splitlines()[0]) from exc
            raise
    report.bad_records = sum(int(m.get("counts", {}).get("bad", 0)) for m in dataset.manifests())
    return report


def _insert_events(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> int:
    """Insert the events of the articles being loaded (`_loaded`) with new store-wide gids,
    numbered in the local engine's order; returns how many."""
    con.execute("CREATE OR REPLACE TEMP TABLE _events AS "
                + _ordered_events(con, dataset, "_loaded"))
    count = _count(con, "_events")
    if not count:
        return 0
    gids = sorted(r[0] for r in con.execute(
        "SELECT nextval('event_gid') FROM range(?)", [count]).fetchall())
    con.register("_gids", pa.table({"_n": pa.array(range(1, count + 1), pa.int64()),
                                    "gid": pa.array(gids, pa.int64())}))
    try:
        con.execute("INSERT INTO events BY NAME SELECT e.* EXCLUDE (_n), g.gid "
                    "FROM _events e JOIN _gids g ON g._n = e._n ORDER BY g.gid")
    finally:
        con.unregister("_gids")
    return count


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()  # whole: see _table_source
    return int(rows[0][0]) if rows else 0
