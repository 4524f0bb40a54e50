"""The Spark job: input files in, a Parquet dataset (store/dataset.py) out, batch by batch.

`run_spark(inputs, out, options)`:
1. checks pyspark and Java (runtime.py) and resolves the inputs (folders walked, globs
   expanded) on the driver, before anything is written;
2. finishes or discards what a killed earlier run left staged in `out`, and leaves out the
   input files that committed batches already read;
3. starts every core's Python worker and its pipeline build (a warm-up job in a thread);
4. splits the remaining files into batches of about `[spark] batch_mb`; per batch:
   - the file list is distributed and each file is read and split into articles on the
     executors by tacitus.sources' readers (tasks.read_partition); the texts stay in the
     reading tasks' spill files, Spark gets each article's keys (id, text hash, signature);
   - articles whose id was seen earlier (in the batch, in reading order, or in the dataset)
     are dropped, those whose normalised text was seen earlier become `copies`, exactly as the
     local store decides (keys.py: RDD operations in the Python workers; the work rows, keys
     only, are collected on the driver);
   - near-duplicate groups are found with MinHash LSH under the local rule (groups.py), on
     the first job's shuffle outputs (nothing is read twice);
   - the driver cuts the work rows into coding tasks (`plan_tasks`: by article date, large
     tasks first), coded with `mapPartitions`, one pipeline per Python worker (tasks.py);
     every table is written by the coding tasks to the batch's staging folder in one pass;
   - the batch is committed.
A job killed at any point and run again on the same `out` writes nothing twice and codes only
the files no committed batch read.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.config import Options, load_options
from tacitus.errors import EngineError
from tacitus.sources import BadRecord, resolve_inputs
from tacitus.spark import groups, keys
from tacitus.spark.runtime import check_runtime, local_master, start_session
from tacitus.spark.tasks import (
    ReadSettings,
    WriteSettings,
    build_coder,
    warm_partition,
    write_partition,
)
from tacitus.stamp import coder_stamp
from tacitus.store.dataset import BAD_RECORDS, Dataset, is_dataset

# Bad records kept on the report for display (all are counted and written).
KEEP_BAD = 200
# A coded article's weight when coding tasks are cut: its characters plus this many, for the
# coder's work on every article whatever its length (a rough figure; only balance hangs on it).
ARTICLE_WEIGHT = 300


@dataclass
class SparkReport:
    """Counts of one Spark run (all batches); `rate` is coded articles per second of work
    after the session started."""

    out: str = ""
    master: str = ""
    files: int = 0
    files_done: int = 0
    batches: int = 0
    recovered: int = 0
    read: int = 0
    known: int = 0
    copies: int = 0
    language: int = 0
    warnings: int = 0
    bad: int = 0
    coded: int = 0
    events: int = 0
    mentions: int = 0
    quotes: int = 0
    groups_joined: int = 0
    pipelines: int = 0
    tasks: int = 0
    startup_seconds: float = 0.0
    seconds: float = 0.0
    bad_records: list[BadRecord] = field(default_factory=list)

    @property
    def rate(self) -> float:
        work = self.seconds - self.startup_seconds
        return self.coded / work if work > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The counts (no bad-record details), for JSON output."""
        keys = ("out", "master", "files", "files_done", "batches", "recovered", "read", "known",
                "copies", "language", "warnings", "bad", "coded", "events", "mentions", "quotes",
                "groups_joined", "pipelines", "tasks")
        data: dict[str, Any] = {k: getattr(self, k) for k in keys}
        data["startup_seconds"] = round(self.startup_seconds, 3)
        data["seconds"] = round(self.seconds, 3)
        data["articles_per_second"] = round(self.rate, 2)
        return data


def plan_batches(files: list[tuple[int, str]], batch_bytes: int) -> list[list[tuple[int, str]]]:
    """Consecutive runs of files of about `batch_bytes` together (at least one file each)."""
    batches: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    size = 0
    for item in files:
        try:
            length = os.path.getsize(item[1])
        except OSError:
            length = 0
        if current and size + length > batch_bytes:
            batches.append(current)
            current, size = [], 0
        current.append(item)
        size += length
    if current:
        batches.append(current)
    return batches


@dataclass
class _Batch:
    """What one batch needs from the run."""

    spark: Any
    dataset: Dataset
    number: int
    files: list[tuple[int, str]]
    options: Options
    default_date: str | None
    factory: Callable[[Options], Any]
    shipped_people: str | None
    stamp: str


def _task_order(row: dict[str, Any]) -> tuple[Any, ...]:
    """Coding tasks take their rows by article date, then spill file and row."""
    spill_row = row["spill_row"] if row["spill_row"] is not None else -1
    return (row["date"] or "", row["spill"] or "", spill_row, row["file"], row["record"])


def _weight(row: dict[str, Any]) -> int:
    return (row["chars"] or 0) + ARTICLE_WEIGHT if row["role"] == "code" else 1


def plan_tasks(rows: list[dict[str, Any]], workers: int, per_worker: int
               ) -> list[list[dict[str, Any]]]:
    """A batch's work rows cut into coding tasks, in order of article date (so that a task
    writes few date partitions), then spill file and row. Sizes fall (weights: characters):
    each task takes half of what is left per worker, down to 1/`per_worker` of a worker's
    share, so the large tasks start first and the last ones, which can leave a core idle
    while another finishes, are small."""
    ordered = sorted(rows, key=_task_order)
    weights = [_weight(row) for row in ordered]
    remaining = sum(weights)
    workers = max(1, workers)
    smallest = remaining / (workers * max(1, per_worker))
    tasks: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    size = 0
    target = max(smallest, remaining / (2 * workers))
    for row, weight in zip(ordered, weights, strict=True):
        current.append(row)
        size += weight
        if size >= target:
            tasks.append(current)
            remaining -= size
            current, size = [], 0
            target = max(smallest, remaining / (2 * workers))
    if current:
        tasks.append(current)
    return tasks


def _run_batch(job: _Batch, report: SparkReport) -> None:
    spark, options = job.spark, job.options
    context = spark.sparkContext
    parallel = max(1, context.defaultParallelism)
    stage = job.dataset.stage(job.number)
    # Reading is cheap beside coding: one task per core, so each Python worker reads once and
    # then builds its pipeline while the batch is de-duplicated and grouped.
    read_settings = ReadSettings(options, job.default_date, str(stage), preload=True,
                                 factory=job.factory, shipped_people=job.shipped_people)
    roles = keys.assign_roles(context, job.files, job.dataset, read_settings, parallel)
    work = roles.work.collect()
    # Near-duplicate groups (MinHash LSH under the local rule) of the articles to code: a
    # second job, on the first one's shuffle outputs (the files are not read again).
    spark_options = options.spark
    joined = groups.resolve(groups.candidate_pairs(
        spark, roles.to_group, spark_options.near_duplicates, spark_options.lsh_bands,
        spark_options.lsh_rows, parallel))
    for row in work:
        if row["role"] == "code":
            row["group_id"] = joined.get(row["id"])
    tasks = plan_tasks(work, parallel, spark_options.tasks_per_worker)

    settings = WriteSettings(options=options, batch=job.number, stage=str(stage),
                             coded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                             factory=job.factory, shipped_people=job.shipped_people,
                             stamp=job.stamp)
    summaries = context.parallelize(tasks, len(tasks)).mapPartitions(
        functools.partial(write_partition, settings)).collect() if tasks else []

    rows: dict[str, int] = {}
    roles: dict[str, int] = {}
    for summary in summaries:
        for key, value in summary["rows"].items():
            rows[key] = rows.get(key, 0) + value
        for key, value in summary["roles"].items():
            roles[key] = roles.get(key, 0) + value
    pipelines = {s["pipeline"] for s in summaries if s["pipeline"] is not None}
    bad_rows = [b for s in summaries for b in s["bad"]]
    skipped = rows.get(f"{BAD_RECORDS}.skipped", 0)
    warnings = rows.get(f"{BAD_RECORDS}.warning", 0)
    read_count = roles.get("code", 0) + roles.get("copy", 0) + roles.get("known", 0)
    batch_counts = {
        "read": read_count, "known": roles.get("known", 0), "copies": roles.get("copy", 0),
        "language": skipped, "warnings": warnings,
        "bad": rows.get(BAD_RECORDS, 0) - skipped - warnings,
        "coded": rows.get("articles", 0), "events": rows.get("events", 0),
        "mentions": rows.get("mentions", 0), "quotes": rows.get("quotes", 0),
        "groups_joined": len(joined), "pipelines": len(pipelines), "tasks": len(tasks),
    }
    files = [name for s in summaries for name in s["files"]]
    job.dataset.commit(job.number, [name for _, name in job.files], batch_counts, files)
    for name in ("read", "known", "copies", "language", "warnings", "bad", "coded", "events",
                 "mentions", "quotes", "groups_joined", "tasks"):
        setattr(report, name, getattr(report, name) + batch_counts[name])
    report.pipelines = max(report.pipelines, len(pipelines))
    for path, location, reason, kind, *_ in bad_rows[: max(0, KEEP_BAD - len(report.bad_records))]:
        label = kind if kind in ("skipped", "warning") else "bad"
        report.bad_records.append(BadRecord(path, location or "", reason, label))
    report.batches += 1


def _check_out(out: Path) -> None:
    """Refuse an --out that cannot become a dataset, before Spark starts."""
    if is_dataset(out):
        return
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        Dataset.create(out)  # raises the StoreError that says why


def run_spark(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    options: Options | None = None,
    *,
    master: str | None = None,
    workers: int | None = None,
    default_date: str | None = None,
    session: Any | None = None,
    coder_factory: Callable[[Options], Any] = build_coder,
    progress: Callable[[SparkReport], None] | None = None,
) -> SparkReport:
    """Code `inputs` on Spark into the Parquet dataset `out`; returns the counts.

    `master` is a Spark master URL (default: `[spark] master`, else local[workers]);
    `session` an existing SparkSession to use (and leave running); `coder_factory` builds the
    pipeline in each Python worker from the options. Raises EngineError (no pyspark, no or
    wrong Java, a failed job) and InputError before anything is written.
    """
    options = options or load_options()
    started = time.perf_counter()
    check_runtime()
    if any(os.fspath(i) == "-" for i in inputs):
        raise EngineError("spark_usage",
                          message="the Spark engine reads files and folders, not standard input")
    names = [str(Path(f).resolve()) for f in resolve_inputs(inputs)]
    target = Path(out)
    _check_out(target)
    count = workers if workers is not None else options.spark.workers
    chosen = master or options.spark.master or local_master(count)
    report = SparkReport(out=str(target), master=chosen, files=len(names))
    done: set[str] = set()
    if is_dataset(target):
        existing = Dataset.open(target)
        report.recovered = len(existing.recover())
        done = existing.done_inputs()
    pending = [(i, n) for i, n in enumerate(names) if n not in done]
    report.files_done = len(names) - len(pending)
    if not pending:
        report.seconds = time.perf_counter() - started
        return report
    own = session is None
    if own:
        cores = count or os.cpu_count() or 1
        conf = {"spark.sql.shuffle.partitions": str(max(4, 2 * cores))}
        if chosen.startswith("local"):
            conf["spark.driver.memory"] = "2g"
            conf["spark.sql.shuffle.partitions"] = str(cores)  # shuffles of keys only
            # The JVM handles only the articles' keys here: adaptive execution would re-plan
            # and run every shuffle of the de-duplication as a job of its own (12 jobs, about
            # twice the wall time of 2 for 2,000 articles, bench/README.md).
            conf["spark.sql.adaptive.enabled"] = "false"
            java = driver_java_options(options)
            if java:
                conf["spark.driver.extraJavaOptions"] = java
        session = start_session(chosen, conf=conf)
    report.startup_seconds = time.perf_counter() - started
    warming: threading.Thread | None = None
    try:
        dataset = Dataset.create(target)
        shipped = _ship_people(session, options)
        warming = threading.Thread(target=_warm_workers, name="tacitus-warm", daemon=True,
                                   args=(session, coder_factory, options, shipped))
        warming.start()
        stamp = coder_stamp(options)  # the coding these articles get, for `tacitus recode`
        batch_bytes = max(1, int(options.spark.batch_mb * 1024 * 1024))
        for files in plan_batches(pending, batch_bytes):
            job = _Batch(session, dataset, dataset.next_batch(), files, options, default_date,
                         coder_factory, shipped, stamp)
            try:
                _run_batch(job, report)
            except Exception as exc:
                if isinstance(exc, EngineError) or type(exc).__module__.startswith("tacitus"):
                    raise
                reason = (str(exc) or type(exc).__name__).strip().splitlines()[0][:300]
                raise EngineError("spark_failed", reason=reason) from exc
            report.seconds = time.perf_counter() - started
            if progress is not None:
                progress(report)
    finally:
        if warming is not None:
            warming.join()
        if own:
            session.stop()
    report.seconds = time.perf_counter() - started
    return report


def driver_java_options(options: Options) -> str:
    """The driver JVM's options for a local master: `[spark] java_options`, and with
    `[spark] class_archive` the class-data archive to start from (or, when it is missing,
    to write as the JVM exits), its log lines off (they would go to standard output)."""
    java = options.spark.java_options.strip()
    archive = options.spark.class_archive.strip()
    if not archive:
        return java
    path = Path(archive).expanduser().resolve()
    if path.is_file():
        use = f"-XX:SharedArchiveFile={path}"
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        use = f"-XX:ArchiveClassesAtExit={path}"
    return f"{java} {use} -Xlog:cds=off -Xlog:cds+dynamic=off".strip()


def _warm_workers(session: Any, factory: Callable[[Options], Any], options: Options,
                  shipped: str | None) -> None:
    """Start every core's Python worker and its pipeline build (tasks.warm_partition) while
    the driver plans the batch's first job: the workers' start (a second or more) and the
    pipeline's load (several) then overlap the driver's and the JVM's work. A failure here
    is left for the batch's own tasks to meet and report."""
    context = session.sparkContext
    count = max(1, context.defaultParallelism)
    try:
        context.parallelize(range(count), count).mapPartitions(
            functools.partial(warm_partition, factory, options, shipped)).collect()
    except Exception:  # the batch's own tasks report it
        return


def _ship_people(session: Any, options: Options) -> str | None:
    """Send the user's people file (a setting) to every executor; its name there, or None."""
    overlay = options.kb.people_overlay()
    if not overlay or not Path(overlay).is_file():
        return None
    session.sparkContext.addFile(str(Path(overlay).resolve()))
    return Path(overlay).name
