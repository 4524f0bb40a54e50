"""The `--engine spark` side of `tacitus code` and `tacitus ingest`, and `--parquet DIR`.

Shared options (engine, master, workers, out), one call into tacitus.spark.run_spark,
and the summary table; cli.py and cli_corpus.py call `run_engine`/`render_report` when the
user picks the Spark engine. No command is registered here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from tacitus.cli_common import show_bad_records, stderr, stdout
from tacitus.config import Options
from tacitus.errors import EngineError, StoreError


class Engine(StrEnum):
    local = "local"
    spark = "spark"


EngineOption = Annotated[
    Engine,
    typer.Option("--engine", help="local: processes on this machine; spark: a Spark cluster "
                 "(needs --out; pip install 'tacitus[spark]' and Java 17)."),
]
MasterOption = Annotated[
    str | None,
    typer.Option("--master", help="Spark master URL (default: local[N], N = --workers)."),
]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", help="Spark: Python workers of a local master (0 = one per core)."),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", help="Spark: the Parquet dataset folder to write (re-runs resume)."),
]
ParquetOption = Annotated[
    Path | None,
    typer.Option("--parquet", help="Query a Parquet dataset folder (from --engine spark) "
                 "instead of a DuckDB store."),
]


def check_engine_options(engine: Engine, out: Path | None, master: str | None,
                         workers: int | None) -> None:
    """Usage errors for engine options that do not fit together."""
    if engine is Engine.spark and out is None:
        raise EngineError("spark_usage", message="--engine spark needs --out DIR "
                          "(the Parquet dataset to write)")
    if engine is Engine.local and (out is not None or master or workers is not None):
        raise EngineError("spark_usage", message="--out, --master and --workers belong to "
                          "--engine spark")


def run_engine(inputs: list[str], out: Path, options: Options, *, master: str | None,
               workers: int | None, date: str | None, quiet: bool) -> Any:
    """Run the Spark job with a status line on stderr; returns its SparkReport."""
    from tacitus.spark import run_spark

    def progress(report: Any) -> None:
        if not quiet:
            stderr.print(f"batch {report.batches}: {report.coded} articles coded, "
                         f"{report.events} events", highlight=False)

    return run_spark(inputs, out, options, master=master, workers=workers, default_date=date,
                     progress=progress)


def render_report(report: Any, as_json: bool, title: str) -> None:
    """The Spark run's counts as a table on stdout (or JSON), bad records on stderr."""
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict()) + "\n")
        return
    reported = report.bad + report.language + report.warnings
    show_bad_records(report.bad_records, reported, f"{report.out}/bad_records")
    summary = Table(title=title, title_justify="left", show_header=False)
    rows = [
        ("master", report.master),
        ("input files", report.files),
        ("files done before", report.files_done),
        ("batches", report.batches),
        ("read", report.read),
        ("already stored", report.known),
        ("copies of stored texts", report.copies),
        ("other language", report.language),
        ("bad records", report.bad),
        ("warnings (coded)", report.warnings),
        ("coded", report.coded),
        ("events", report.events),
        ("quotes", report.quotes),
        ("near-duplicates grouped", report.groups_joined),
        ("pipelines built", report.pipelines),
        ("seconds (start-up)", f"{report.seconds:.1f} ({report.startup_seconds:.1f})"),
        ("articles/s", f"{report.rate:.1f}"),
    ]
    for name, value in rows:
        summary.add_row(name, str(value))
    stdout.print(summary)


def require_articles_read(report: Any) -> None:
    """Exit status 1, with the reason on stderr, when the job read every input (none was done
    by an earlier run on the same --out) and no input held an article: all empty, unreadable
    or another language, as the local engine does."""
    if report.read == 0 and report.files_done == 0:
        stderr.print(f"nothing coded: no input held an article ({report.bad} unreadable or "
                     f"empty, {report.language} skipped as another language)",
                     highlight=False, soft_wrap=True)
        raise typer.Exit(1)


def dataset_or_db(parquet: Path | None, db: Path) -> Path:
    """The folder to query: --parquet (checked to be a dataset), else the store path."""
    if parquet is None:
        return db
    from tacitus.store.dataset import MARKER, is_dataset

    if not is_dataset(parquet):
        raise StoreError("dataset", path=str(parquet),
                         reason=f"not a tacitus Parquet dataset (no {MARKER})")
    return parquet


@contextmanager
def query_source(parquet: Path | None, db: Path, options: Options) -> Iterator[Any]:
    """What the query commands read: the store path, or with --parquet an in-memory store over
    the dataset whose happenings are grouped with the configured [groups] settings (as
    `tacitus ingest DATASET --db` would group them), closed afterwards."""
    if parquet is None:
        yield db
        return
    from tacitus.store.queries import reader

    with reader(dataset_or_db(parquet, db), options.groups) as con:
        yield con
