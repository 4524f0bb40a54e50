"""Corpus commands of the `tacitus` CLI: ingest, events, dyads, quotes, sql, export.

Each command parses its options, makes one library call (tacitus.store.ingest,
tacitus.store.queries, tacitus.export) and renders the result; `register(app)` adds them to
the main Typer app in cli.py. Library errors propagate to cli.main, which prints them.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from tacitus.cli_common import (
    ConfigOption,
    check_date,
    options_from,
    show_bad_records,
    stderr,
    stdout,
)
from tacitus.cli_spark import (
    Engine,
    EngineOption,
    MasterOption,
    OutOption,
    ParquetOption,
    WorkersOption,
    check_engine_options,
    query_source,
    render_report,
    require_articles_read,
    run_engine,
)
from tacitus.config import Options
from tacitus.errors import EngineError

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB store (default: the store path setting, ./tacitus.duckdb)."),
]
SinceOption = Annotated[str | None, typer.Option("--since", help="First date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last date (YYYY-MM-DD).")]


class FrameFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


class SeriesChoice(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class ExportChoice(StrEnum):
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    plover = "plover"
    parquet = "parquet"
    csv = "csv"


FormatOption = Annotated[FrameFormat, typer.Option("--format", "-f", help="Output format.")]


def _db(db: Path | None, options: Options) -> Path:
    return db if db is not None else Path(options.store.path)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.strftime("%Y-%m-%d") if value == value else ""
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if hasattr(value, "tolist"):
        return ",".join(str(v) for v in value.tolist())
    return str(value)


def show(frame: pd.DataFrame, fmt: FrameFormat, title: str | None = None) -> None:
    """Print a DataFrame as a rich table, CSV or JSON Lines on stdout."""
    if fmt is FrameFormat.csv:
        frame.to_csv(sys.stdout, index=False)
        return
    if fmt is FrameFormat.jsonl:
        for record in json.loads(frame.to_json(orient="records", date_format="iso")):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    table = Table(title=title, title_justify="left")
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    stdout.print(table)
    if frame.empty:
        stderr.print("no rows")


def ingest_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .jsonl, .html, RSS/Atom, WARC), folders, globs, or - for stdin."
        ),
    ],
    db: DbOption = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Date (YYYY-MM-DD) for articles that carry none.")
    ] = None,
    processes: Annotated[
        int | None, typer.Option("--processes", "-p", help="Worker processes (0 = one per core).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    config: ConfigOption = None,
    engine: EngineOption = Engine.local,
    master: MasterOption = None,
    workers: WorkersOption = None,
    out: OutOption = None,
) -> None:
    """Code articles and store them, with their events, actors and quotes, in a DuckDB file.

    Stored articles (same id or text) are skipped: a killed run re-run stores each once.
    Exit status 1 when no input held an article (all empty, unreadable or another language).
    A Parquet dataset folder written by --engine spark is loaded as it is (again: nothing new).

    Example: tacitus ingest news/ feeds/world.rss --db corpus.duckdb --date 2025-09-01

    On Spark: tacitus ingest news/ --engine spark --out coded/ --db corpus.duckdb
    """
    from tacitus.store.dataset import is_dataset
    from tacitus.store.ingest import IngestReport, ingest

    options = options_from(config)
    path = _db(db, options)
    check_engine_options(engine, out, master, workers)
    datasets = [s for s in sources if is_dataset(s)]
    if datasets and (len(sources) > 1 or engine is Engine.spark):
        raise EngineError("spark_usage", message="a Parquet dataset folder is loaded on its "
                          "own: tacitus ingest DATASET --db STORE")
    if datasets or (engine is Engine.spark and out is not None):
        folder = Path(datasets[0]) if datasets else out
        assert folder is not None
        if not datasets:
            report = run_engine(sources, folder, options, master=master, workers=workers,
                                date=check_date(date), quiet=quiet or as_json)
            if not as_json:
                render_report(report, False, f"coded on Spark into {folder}")
        _load(folder, path, as_json, options)
        if not datasets:
            require_articles_read(report)
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=stderr,
        disable=quiet or as_json or not stderr.is_terminal,  # no spinner frames in logs
        transient=False,
    )
    task = progress.add_task("starting", total=None)

    def update(report: IngestReport) -> None:
        progress.update(
            task,
            description=(
                f"articles {report.coded} ({report.rate:.1f}/s)  events {report.events}  "
                f"skipped {report.skipped}  errors {report.bad + report.errors}"
            ),
        )

    with progress:
        report = ingest(
            sources,
            path,
            options,
            default_date=check_date(date),
            processes=processes,
            progress=update,
        )
        update(report)
    nothing = report.read == 0  # every input empty, unreadable or another language
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict()) + "\n")
        if nothing:
            raise typer.Exit(1)
        return
    show_bad_records(report.bad_records, report.bad + report.language + report.warnings)
    summary = Table(title=f"ingest into {path}", title_justify="left", show_header=False)
    rows = [
        ("read", report.read),
        ("already stored", report.known),
        ("copies of stored texts", report.copies),
        ("other language", report.language),
        ("bad records", report.bad),
        ("warnings", report.warnings),
        ("coded", report.coded),
        ("stored", report.stored),
        ("events", report.events),
        ("quotes", report.quotes),
    ]
    for name, value in rows:
        summary.add_row(name, str(value))
    if nothing:
        stderr.print(summary)
        stderr.print("nothing coded: no input held an article", highlight=False)
        raise typer.Exit(1)
    stdout.print(summary)
    stderr.print(
        f"coded {report.coded} articles in {report.seconds:.1f} s ({report.rate:.1f} articles/s)",
        highlight=False,
    )


def recode_command(
    db: DbOption = None,
    processes: Annotated[
        int | None, typer.Option("--processes", "-p", help="Worker processes (0 = one per core).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    config: ConfigOption = None,
) -> None:
    """Re-code the stored articles coded by another version of the coder (lexicon, knowledge
    base or settings changed), replacing their events, actors, quotes and places.

    Only articles whose coder stamp differs are re-coded; a second run does nothing, and a
    killed run re-run finishes the rest.

    Example: tacitus recode --db corpus.duckdb
    """
    from tacitus.store.recode import RecodeReport, recode

    options = options_from(config)
    path = _db(db, options)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=stderr,
        disable=quiet or as_json,
        transient=False,
    )
    task = progress.add_task("reading the store", total=None)

    def update(report: RecodeReport) -> None:
        progress.update(
            task,
            description=f"re-coded {report.recoded} of {report.stale} ({report.rate:.1f}/s)",
        )

    with progress:
        report = recode(path, options, processes=processes, progress=update)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict()) + "\n")
        return
    summary = Table(title=f"recode {path}", title_justify="left", show_header=False)
    for name, value in (
        ("coder stamp", report.stamp),
        ("articles stored", report.stored),
        ("coded by another version", report.stale),
        ("re-coded", report.recoded),
        ("events", report.events),
        ("quotes", report.quotes),
        ("seconds", f"{report.seconds:.1f}"),
    ):
        summary.add_row(name, str(value))
    stdout.print(summary)


def _load(folder: Path, path: Path, as_json: bool, options: Options) -> None:
    """Load a Parquet dataset into the store and print what was added."""
    from tacitus.store.dataset import load_dataset

    loaded = load_dataset(folder, path, options.groups)
    if as_json:
        data = {"loaded": loaded.rows, "known": loaded.known, "copies": loaded.copies}
        sys.stdout.write(json.dumps(data) + "\n")
        return
    summary = Table(title=f"loaded into {path}", title_justify="left", show_header=False)
    summary.add_row("already stored", str(loaded.known))
    summary.add_row("copies of stored texts", str(loaded.copies))
    for table, count in loaded.rows.items():
        summary.add_row(table, str(count))
    stdout.print(summary)


def events_command(
    db: DbOption = None,
    dyad: Annotated[
        str | None,
        typer.Option(
            "--dyad", help="Directed country pair SOURCE-TARGET, e.g. PAK-RUS; * for any."
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    root: Annotated[str | None, typer.Option("--root", help="CAMEO root code, e.g. 04.")] = None,
    happened: Annotated[
        bool,
        typer.Option("--happened", help="Only events that happened (not negated or hypothetical)."),
    ] = False,
    grouped: Annotated[
        bool,
        typer.Option(
            "--grouped/--reports",
            help="One row per happening with its counts (default), or one row per report.",
        ),
    ] = True,
    mentions: Annotated[
        int | None,
        typer.Option("--mentions", help="The reports behind one happening (its id, as listed)."),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many rows.")] = None,
    fmt: FormatOption = FrameFormat.table,
    parquet: ParquetOption = None,
    config: ConfigOption = None,
) -> None:
    """List stored happenings (one per group of reports across outlets), oldest first.

    Example: tacitus events --dyad PAK-RUS --since 2025-09-01 --root 04 --format csv
    Example: tacitus events --mentions 17   (the articles and outlets behind happening 17)
    """
    options = options_from(config)
    with query_source(parquet, _db(db, options), options) as path:
        _events(path, dyad, since, until, root, happened, grouped, mentions, limit, fmt)


def _events(path: Any, dyad: str | None, since: str | None, until: str | None,
            root: str | None, happened: bool, grouped: bool, mentions: int | None,
            limit: int | None, fmt: FrameFormat) -> None:
    from tacitus.store import queries

    if mentions is not None:
        frame = queries.reports(path, mentions)
        if fmt is FrameFormat.table:
            frame = frame.assign(
                source=frame["source_text"], target=frame["target_text"],
                trigger=frame["trigger_text"], place=frame["location_name"],
                article=frame["doc"] + frame["copy"].map({True: " (copy)", False: ""}),
            )[["gid", "date", "date_precision", "outlet", "article", "sentence", "source",
               "trigger", "target", "cameo", "place"]]
        show(frame, fmt, title=f"reports of happening {mentions}")
        return
    frame = queries.events(
        path,
        dyad=dyad,
        since=check_date(since),
        until=check_date(until),
        root=root,
        happened=happened or None,
        grouped=grouped,
        limit=limit,
    )
    if fmt is FrameFormat.table:
        status = frame["modality"].where(
            ~frame["negated"].astype(bool), "negated " + frame["modality"].astype(str)
        )
        frame = frame.assign(
            source=frame["source_code"],
            target=frame["target_code"],
            gold=frame["goldstein"],
            status=status,
            trigger=frame["trigger_text"],
            article=frame["article_id"],
            place=frame["location_name"],
        )
        keep = ["date", "source", "cameo", "target", "gold", "plover", "status", "trigger",
                "place", "article"]
        if grouped:
            frame = frame.rename(columns={"gid": "happening", "num_mentions": "mentions",
                                          "num_articles": "articles", "num_sources": "sources"})
            keep = ["happening", *keep, "mentions", "articles", "sources"]
        frame = frame[keep]
    show(frame, fmt, title="happenings" if grouped else "events")


def dyads_command(
    db: DbOption = None,
    top: Annotated[int | None, typer.Option("--top", help="The N pairs with most events.")] = None,
    series: Annotated[
        SeriesChoice | None,
        typer.Option("--series", help="One row per pair and day, week or month."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    domestic: Annotated[
        bool, typer.Option("--domestic", help="Keep pairs of a country with itself.")
    ] = False,
    fmt: FormatOption = FrameFormat.table,
    parquet: ParquetOption = None,
    config: ConfigOption = None,
) -> None:
    """Directed country pairs: events, mean Goldstein, QuadClass counts (events that happened).

    Example: tacitus dyads --top 10 --series week
    (or on a Parquet dataset written by --engine spark: tacitus dyads --parquet coded/)
    """
    from tacitus.store import queries

    options = options_from(config)
    with query_source(parquet, _db(db, options), options) as source:
        frame = queries.dyads(
            source,
            top=top,
            series=series.value if series else None,
            since=check_date(since),
            until=check_date(until),
            domestic=domestic,
        )
    show(frame, fmt, title="dyads")


def quotes_command(
    db: DbOption = None,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Part of the speaker's name, or an actor code (PAKGOV)."),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many rows.")] = None,
    fmt: FormatOption = FrameFormat.table,
    parquet: ParquetOption = None,
    config: ConfigOption = None,
) -> None:
    """List stored quotations with their speakers.

    Example: tacitus quotes --db corpus.duckdb --speaker Sharif
    """
    from tacitus.store import queries

    options = options_from(config)
    with query_source(parquet, _db(db, options), options) as source:
        frame = queries.quotes(source, speaker=speaker, limit=limit)
    if fmt is FrameFormat.table:
        frame = frame[
            ["date", "speaker_name", "speaker_code", "cue", "direct", "text", "article_id"]
        ]
    show(frame, fmt, title="quotes")


def sql_command(
    statement: Annotated[str, typer.Argument(help="One SELECT/WITH/DESCRIBE/SHOW statement.")],
    db: DbOption = None,
    fmt: FormatOption = FrameFormat.table,
    parquet: ParquetOption = None,
    config: ConfigOption = None,
) -> None:
    """Run one read-only SQL statement on the store.

    Tables: articles, copies, events, event_groups, mentions, quotes.

    Example: tacitus sql "SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"
    (or on a Parquet dataset written by --engine spark: tacitus sql "..." --parquet coded/;
    its bad_records table lists what could not be read or coded)
    """
    from tacitus.store import queries

    options = options_from(config)
    with query_source(parquet, _db(db, options), options) as source:
        frame = queries.sql(source, statement)
    show(frame, fmt)


def export_command(
    out: Annotated[
        Path,
        typer.Argument(
            help="Output file (gdelt, plover) or folder (parquet, csv: one file per table)."
        ),
    ],
    fmt: Annotated[ExportChoice, typer.Option("--format", "-f", help="Export format.")],
    db: DbOption = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help="gdelt, gdelt-mentions, plover: also events that did not happen (negated, "
            "hypothetical).",
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Export the store: GDELT 2.0 events or mentions (TSV), PLOVER JSONL, or Parquet/CSV.

    Example: tacitus export --format gdelt events.tsv --db corpus.duckdb
    Example: tacitus export --format gdelt-mentions mentions.tsv --db corpus.duckdb
    """
    from tacitus.export import export

    report = export(_db(db, options_from(config)), out, fmt.value, happened_only=not everything)
    for table, path in report.files.items():
        rows = report.rows.get(table, 0)
        stderr.print(f"wrote {escape(str(path))} ({rows} rows)", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the main app (`quotes` is registered by cli.py, which
    codes inputs and falls back to `quotes_command` here to query a store)."""
    app.command("ingest")(ingest_command)
    app.command("recode")(recode_command)
    app.command("events")(events_command)
    app.command("dyads")(dyads_command)
    app.command("sql")(sql_command)
    app.command("export")(export_command)
