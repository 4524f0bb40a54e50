"""What runs on Spark's executors: input files read into article records, articles coded into
table rows. Spark ships these functions to its Python workers, so tacitus must be installed
there (as pyspark is).

- `read_partition(settings, files)`: (file number, path) pairs in; for every article of every
  file a record out (a dict of READ_FIELDS: kind "article", with the article's id,
  normalised-text hash, MinHash signature, date and length), and for every record a reader
  could not read or skipped, one of kind "bad" with its file, place and reason. The readers
  are tacitus.sources' own. The articles themselves (and their signatures) go into the
  task's spill file (Arrow IPC, SPILL_SCHEMA) in the batch's staging folder, and each
  article record says where (`spill`, `spill_row`): the JVM never holds a text.
- `write_partition(settings, tasks)`: work rows in (dicts: the read record without its
  signature, with a `role`: articles to code, copies to record, bad records, ids already
  known; and the coded article's near-duplicate `group_id`), texts read back from the spill
  files; the table rows built by `store.rows` (articles, events, mentions, quotes, places,
  copies), each coded article's place in the reading order (reading_order) and bad records
  written as Parquet files into the batch's staging folder, partitioned by article date, and
  one summary out (files written, rows per table, the pipeline used). A record the coder
  crashes on becomes a bad record and the partition goes on. Files are named by partition
  and attempt, and the driver commits only those a successful attempt reported (spill files
  are dropped with the staging folder).
- `warm_partition(...)`: starts the worker's pipeline build early (`preload_coder`).

Each Python worker builds its pipeline once (`worker_coder`, cached per process: Spark reuses
its Python workers between tasks, so every later partition in that process codes with the same
pipeline) from the Options that travel pickled with the job.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tacitus.config import (
    GroupOptions,
    Options,
    RunOptions,
    SparkOptions,
    StoreOptions,
    WebOptions,
)
from tacitus.model import Article, CodedArticle
from tacitus.sources import read_file
from tacitus.sources.common import BadRecord, ReadContext
from tacitus.store import dedup
from tacitus.store.dataset import (
    BAD_RECORDS,
    BAD_SCHEMA,
    ORDER_SCHEMA,
    PARTITION,
    READING_ORDER,
)
from tacitus.store.rows import ROW_SCHEMAS, article_row, coded_rows, copy_row

# What a reading task sends the driver for each record (a dict): its place, the bad-record
# details, and for an article only its keys (id, normalised-text hash, MinHash signature),
# its date (ISO, or None), its length in characters and where its text waits (`spill` file,
# `spill_row`).
READ_FIELDS: tuple[str, ...] = (
    "kind", "file", "record", "path", "location", "reason", "bad_kind", "id", "text_hash",
    "minhash", "date", "chars", "spill", "spill_row",
)
# The articles a reading task read, as the coding tasks need them (an Arrow IPC file).
SPILL_SCHEMA = pa.schema([
    ("id", pa.string()), ("title", pa.string()), ("url", pa.string()), ("source", pa.string()),
    ("published", pa.string()), ("text", pa.string()), ("notes", pa.list_(pa.string())),
    ("cut_at", pa.int64()), ("minhash", pa.list_(pa.int64())),
])
SPILL_FOLDER = "_read"
# Articles a reading task keeps before appending them to its spill file.
SPILL_ROWS = 1_000
# Rows a task keeps per table and date before writing them out as one Parquet file.
FLUSH_ROWS = 50_000
# Bad records a task reports back to the driver for display (all are written).
KEEP_BAD = 200
# The partition folder name Hive and Spark give a null value (an undated article).
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


def build_coder(options: Options) -> Any:
    """The default pipeline factory: tacitus's Coder with these options."""
    from tacitus.pipeline import Coder

    return Coder(options)


@dataclass(frozen=True)
class ReadSettings:
    """What a reading task needs: the source options, default date and text cap, the batch's
    staging folder (its spill files go there); and, to start building this worker's pipeline
    while the driver groups the batch (`preload`), the pipeline factory and the people file
    shipped with the job."""

    options: Options
    default_date: str | None
    stage: str
    preload: bool = False
    factory: Callable[[Options], Any] = build_coder
    shipped_people: str | None = None


class _SpillWriter:
    """The articles one reading task read, appended to one Arrow IPC file in batches."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows: list[dict[str, Any]] = []
        self.count = 0
        self.writer: Any = None

    def add(self, article: Article, signature: list[int] | None) -> int:
        self.rows.append({"id": article.id, "title": article.title, "url": article.url,
                          "source": article.source, "published": article.published,
                          "text": article.text, "notes": list(article.notes),
                          "cut_at": article.cut_at, "minhash": signature})
        self.count += 1
        if len(self.rows) >= SPILL_ROWS:
            self.flush()
        return self.count - 1

    def flush(self) -> None:
        if not self.rows:
            return
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pa.ipc.new_file(str(self.path), SPILL_SCHEMA)
        self.writer.write_table(pa.Table.from_pylist(self.rows, schema=SPILL_SCHEMA))
        self.rows = []

    def close(self) -> None:
        self.flush()
        if self.writer is not None:
            self.writer.close()


class _SpillReader:
    """Articles and their signatures by (spill file, row), from the spill files of one batch
    (memory-mapped)."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.tables: dict[str, pa.Table] = {}

    def get(self, spill: str, row: int) -> tuple[Article, list[int] | None]:
        table = self.tables.get(spill)
        if table is None:
            if len(self.tables) >= 4:
                self.tables.clear()
            source = pa.memory_map(str(Path(self.stage, spill)))
            table = self.tables[spill] = pa.ipc.open_file(source).read_all()
        values = table.slice(row, 1).to_pylist()[0]
        article = Article(id=values["id"], text=values["text"], title=values["title"],
                          url=values["url"], source=values["source"],
                          published=values["published"], notes=list(values["notes"] or []),
                          cut_at=values["cut_at"])
        return article, values["minhash"]

    def article(self, spill: str, row: int) -> Article:
        return self.get(spill, row)[0]


def _bad_record(file_number: int, record: BadRecord) -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(READ_FIELDS)
    values.update(kind="bad", file=file_number, record=-1, path=record.path,
                  location=record.location, reason=record.reason, bad_kind=record.kind)
    return values


def _article_record(file_number: int, record: int, path: str, article: Article,
                    signature: list[int] | None, spill: tuple[str, int]) -> dict[str, Any]:
    date = article.date
    values: dict[str, Any] = dict.fromkeys(READ_FIELDS)
    values.update(kind="article", file=file_number, record=record, path=path, id=article.id,
                  text_hash=dedup.text_hash(article.text), minhash=signature,
                  date=date.isoformat() if date else None, chars=len(article.text),
                  spill=spill[0], spill_row=spill[1])
    return values


def read_partition(settings: ReadSettings, files: Iterable[tuple[int, str]]
                   ) -> Iterator[dict[str, Any]]:
    """Read each (number, path) file with tacitus.sources; article and bad records out,
    the articles themselves into this task's spill file in the staging folder (the JVM moves
    only their keys). A reader that raises (a bug, not bad input) costs its file's remaining
    records, which are reported, never the job. With `settings.preload`, this worker's
    pipeline then starts building in a background thread (see `preload_coder`)."""
    from pyspark import TaskContext

    context = TaskContext.get()
    partition = context.partitionId() if context else 0
    attempt = context.attemptNumber() if context else 0
    spill_name = f"{SPILL_FOLDER}/t{partition:05d}-a{attempt}.arrow"
    spill = _SpillWriter(Path(settings.stage, spill_name))
    bad: list[BadRecord] = []
    ctx = ReadContext(
        options=settings.options.sources,
        default_date=settings.default_date or settings.options.coder.default_date or None,
        max_chars=settings.options.coder.max_chars,
        on_bad=bad.append,
    )
    for number, name in files:
        record = 0
        try:
            for article in read_file(Path(name), ctx):
                signature = dedup.signature(article.text)
                yield _article_record(number, record, name, article, signature,
                                      (spill_name, spill.add(article, signature)))
                record += 1
        except Exception as exc:
            bad.append(BadRecord(name, f"after article {record}",
                                 f"reader failed: {type(exc).__name__}: {exc}"[:300]))
        for item in bad:
            yield _bad_record(number, item)
        bad.clear()
    spill.close()
    if settings.preload:
        options = worker_options(settings.options, settings.shipped_people)
        preload_coder(settings.factory, coding_options(options))


def coding_options(options: Options) -> Options:
    """`options` with the sections the coder does not read ([run], [store], [groups], [web],
    [spark]) at their defaults, so that jobs differing only there share a worker's pipeline."""
    return dataclasses.replace(options, run=RunOptions(), store=StoreOptions(),
                               groups=GroupOptions(), web=WebOptions(), spark=SparkOptions())


class _Pipeline:
    """One pipeline of this process, built once by whichever thread asks first."""

    def __init__(self, factory: Callable[[Options], Any], options: Options) -> None:
        self.factory = factory
        self.options = options
        self.lock = threading.Lock()
        self.built: tuple[Any, str] | None = None
        self.preloading = False

    def get(self) -> tuple[Any, str]:
        with self.lock:
            if self.built is None:
                self.built = (self.factory(self.options), uuid.uuid4().hex)
            return self.built

    def build_quietly(self) -> None:
        try:
            self.get()
        except Exception:  # the coding task builds it again and reports why
            return


@functools.lru_cache(maxsize=2)
def _pipeline(factory: Callable[[Options], Any], options: Options) -> _Pipeline:
    return _Pipeline(factory, options)


def worker_coder(factory: Callable[[Options], Any], options: Options) -> tuple[Any, str]:
    """This process's pipeline for `options`, built on first use (or by `preload_coder`) and
    kept for every later task the process runs (the one per-process cache of the engine, on
    purpose); with a random id, so the driver can count the pipelines a job built."""
    return _pipeline(factory, options).get()


def preload_coder(factory: Callable[[Options], Any], options: Options) -> None:
    """Start building this process's pipeline in a background thread, once: Spark reuses its
    Python workers, so the reading task's process codes later, and the pipeline (spaCy, the
    knowledge base, the gazetteer: several seconds) loads while the driver de-duplicates and
    groups the batch instead of after."""
    pipeline = _pipeline(factory, options)
    if pipeline.preloading or pipeline.built is not None:
        return
    pipeline.preloading = True
    threading.Thread(target=pipeline.build_quietly, name="tacitus-preload", daemon=True).start()


def warm_partition(factory: Callable[[Options], Any], options: Options,
                   shipped_people: str | None, items: Iterable[Any]) -> Iterator[int]:
    """A task that only starts this Python worker's pipeline build (`preload_coder`); yields
    the worker's process id."""
    for _ in items:
        pass
    preload_coder(factory, coding_options(worker_options(options, shipped_people)))
    yield os.getpid()


def worker_options(options: Options, shipped_people: str | None) -> Options:
    """The options on an executor: with the people file shipped with the job, if any."""
    if not shipped_people:
        return options
    from pyspark import SparkFiles

    return options.with_values("kb", user_people=SparkFiles.get(shipped_people))


@dataclass(frozen=True)
class WriteSettings:
    """What a writing task needs: the options, the batch and its staging folder, when it was
    coded, and the pipeline factory (tacitus's Coder unless a caller supplies another)."""

    options: Options
    batch: int
    stage: str
    coded_at: dt.datetime
    factory: Callable[[Options], Any] = build_coder
    shipped_people: str | None = None
    stamp: str | None = None


@dataclass
class _Output:
    """Rows of one task, buffered per (table, article date) and written as Parquet files."""

    settings: WriteSettings
    prefix: str
    buffers: dict[tuple[str, dt.date | None], list[dict[str, Any]]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    bad: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, table: str, row: dict[str, Any], date: dt.date | None) -> None:
        buffer = self.buffers.setdefault((table, date), [])
        buffer.append(row)
        self.rows[table] = self.rows.get(table, 0) + 1
        if table == BAD_RECORDS:
            kind = f"{BAD_RECORDS}.{row['kind']}"
            self.rows[kind] = self.rows.get(kind, 0) + 1
            if len(self.bad) < KEEP_BAD:
                self.bad.append(tuple(row[name] for name in BAD_SCHEMA.names))
        if len(buffer) >= FLUSH_ROWS:
            self.flush(table, date)

    def flush(self, table: str, date: dt.date | None) -> None:
        rows = self.buffers.pop((table, date), [])
        if not rows:
            return
        schema = {BAD_RECORDS: BAD_SCHEMA, READING_ORDER: ORDER_SCHEMA}.get(table)
        schema = schema or ROW_SCHEMAS[table]
        folder = table if table == BAD_RECORDS else (
            f"{table}/{PARTITION}={date.isoformat() if date else HIVE_NULL}")
        name = f"{folder}/{self.prefix}-{len(self.files):04d}.parquet"
        path = Path(self.settings.stage, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, compression="zstd")
        self.files.append(name)

    def close(self) -> None:
        for table, date in list(self.buffers):
            self.flush(table, date)


def _add_coded(out: _Output, source: dict[str, Any], coded: CodedArticle,
               signature: list[int] | None) -> None:
    settings = out.settings
    date = coded.article.date
    out.add("articles", article_row(
        coded, text_hash=source["text_hash"], signature=signature,
        group_id=source["group_id"] or coded.article.id, coded_at=settings.coded_at,
        batch=settings.batch, coder_version=settings.stamp), date)
    out.add(READING_ORDER, {
        "article_id": coded.article.id, "batch": settings.batch, "file": source["file"],
        "record": source["record"], "path": source["path"]}, date)
    for table, rows in coded_rows(coded).items():
        for row in rows:
            out.add(table, row, date)


def _add_bad(out: _Output, source: Any, stage: str, reason: str, location: str) -> None:
    out.add(BAD_RECORDS, {
        "path": source["path"], "location": location, "reason": reason[:300],
        "kind": source["bad_kind"] or "bad", "stage": stage, "article_id": source["id"],
        "batch": out.settings.batch,
    }, None)


def _crashed(out: _Output, source: Any, exc: BaseException) -> None:
    where = f"article {source['id']}"
    if source["record"] is not None and source["record"] >= 0:
        where += f" (record {source['record'] + 1})"
    _add_bad(out, source, "code", f"coder failed: {type(exc).__name__}: {exc}", where)


def _code_chunk(out: _Output, coder: Any, spills: _SpillReader,
                chunk: list[dict[str, Any]]) -> None:
    """Code a chunk in one pipeline call; if it fails, one article at a time (each read
    afresh from its spill file: a failed call may have changed the articles it was given)."""
    signatures = []
    try:
        articles = []
        for row in chunk:
            article, signature = spills.get(row["spill"], row["spill_row"])
            articles.append(article)
            signatures.append(signature)
        coded = list(coder.code(articles))
    except Exception:
        coded = None
    if coded is not None:
        for source, item, signature in zip(chunk, coded, signatures, strict=True):
            _add_coded(out, source, item, signature)
        return
    for source in chunk:
        article, signature = spills.get(source["spill"], source["spill_row"])
        try:
            single = list(coder.code([article]))
        except Exception as exc:
            _crashed(out, source, exc)
            continue
        _add_coded(out, source, single[0], signature)


def write_partition(settings: WriteSettings, tasks: Iterable[list[dict[str, Any]]]
                    ) -> Iterator[dict[str, Any]]:
    """Handle one coding task of a batch: the lists of work rows of this partition (by their
    `role`: "code", "copy", "bad", "known"; an article's text is read from its reading
    task's spill file); writes Parquet files to the staging folder, yields one summary."""
    from pyspark import TaskContext

    context = TaskContext.get()
    partition = context.partitionId() if context else 0
    attempt = context.attemptNumber() if context else 0
    out = _Output(settings, prefix=f"t{partition:05d}-a{attempt}")
    options = worker_options(settings.options, settings.shipped_people)
    spills = _SpillReader(settings.stage)
    roles: dict[str, int] = {}
    pipeline: tuple[int, str] | None = None
    chunk: list[Any] = []
    size = max(1, options.nlp.batch_size)
    for row in (row for task in tasks for row in task):
        role = row["role"]
        roles[role] = roles.get(role, 0) + 1
        if role == "code":
            if pipeline is None:
                coder, pipeline_id = worker_coder(settings.factory, coding_options(options))
                pipeline = (os.getpid(), pipeline_id)
            chunk.append(row)
            if len(chunk) >= size:
                _code_chunk(out, coder, spills, chunk)
                chunk = []
        elif role == "copy":
            article = spills.article(row["spill"], row["spill_row"])
            out.add("copies", copy_row(article, text_hash=row["text_hash"],
                                       seen_at=settings.coded_at, batch=settings.batch),
                    article.date)
        elif role == "bad":
            _add_bad(out, row, "read", row["reason"], row["location"] or "")
    if chunk:
        _code_chunk(out, coder, spills, chunk)
    out.close()
    yield {"files": out.files, "rows": out.rows, "roles": roles, "pipeline": pipeline,
           "bad": out.bad}
