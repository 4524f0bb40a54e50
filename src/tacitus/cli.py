"""The `tacitus` command: parse arguments, make one library call, render the result.

Library errors (TacitusError) become a one-line message on stderr and exit code 2.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tacitus.about import __version__
from tacitus.cli_common import ConfigOption, check_date, options_from, stderr, stdout
from tacitus.cli_spark import (
    Engine,
    EngineOption,
    MasterOption,
    OutOption,
    WorkersOption,
    check_engine_options,
    render_report,
    require_articles_read,
    run_engine,
)
from tacitus.config import Options
from tacitus.errors import InputError, TacitusError
from tacitus.model import Actor, Article, CodedArticle, Quote
from tacitus.sources.common import BadRecord

app = typer.Typer(
    name="tacitus",
    help="Political event data from news text: CAMEO/PLOVER events, actors, quotes, dyads.",
    no_args_is_help=True,
    add_completion=False,
)

DateOption = Annotated[
    str | None, typer.Option("--date", help="Date (YYYY-MM-DD) for articles that carry none.")
]
ProcessesOption = Annotated[
    int | None, typer.Option("--processes", "-p", help="Worker processes (0 = one per core).")
]


class OutputFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


EVENT_COLUMNS = [
    "article_id",
    "sentence",
    "date",
    "source_code",
    "source_text",
    "cameo",
    "cameo_name",
    "target_code",
    "target_text",
    "goldstein",
    "quad_class",
    "plover",
    "negated",
    "modality",
    "confidence",
    "trigger",
    "rule",
    "date_precision",
    "group_id",
]


class InputTally:
    """What the readers reported and how many articles went on to be coded; `read_inputs`
    fills it, `require_articles` turns "nothing coded" into exit status 1."""

    def __init__(self) -> None:
        self.articles = 0
        self.counts: dict[str, int] = {"bad": 0, "skipped": 0, "warning": 0}

    def report(self, bad: BadRecord) -> None:
        """Print one bad, skipped or warned-about record on stderr and count it."""
        self.counts[bad.kind] = self.counts.get(bad.kind, 0) + 1
        label = "warning" if bad.kind == "warning" else "skipped"
        line = f"[yellow]{label}[/yellow] {escape(str(bad))}"
        stderr.print(line, highlight=False, soft_wrap=True)

    def count(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            self.articles += 1
            yield article

    def summary(self) -> str:
        bad, skipped = self.counts["bad"], self.counts["skipped"]
        return (
            f"nothing coded: no input held an article ({bad} unreadable or empty, "
            f"{skipped} skipped as another language)"
        )


def read_inputs(
    inputs: list[str], date: str | None, options: Options, tally: InputTally | None = None
) -> Iterator[Article]:
    """Articles from the inputs; bad records are reported on stderr (and counted in
    `tally`) and skipped."""
    from tacitus.sources import read_articles

    tally = tally or InputTally()
    return tally.count(
        read_articles(
            inputs,
            default_date=check_date(date),
            options=options.sources,
            on_bad=tally.report,
            max_chars=options.coder.max_chars,
        )
    )


def require_articles(tally: InputTally) -> None:
    """Exit status 1, with the reason on stderr, when no input held an article to code."""
    if tally.articles == 0:
        stderr.print(tally.summary(), highlight=False, soft_wrap=True)
        raise typer.Exit(1)


def event_row(event: object) -> dict[str, object]:
    """One flat row for table/CSV output."""
    e = event  # type: ignore[assignment]
    return {
        "article_id": e.article_id,
        "sentence": e.sentence,
        "date": e.date or "",
        "source_code": e.source.code or "",
        "source_text": e.source.text,
        "cameo": e.cameo,
        "cameo_name": e.cameo_name,
        "target_code": (e.target.code or "") if e.target else "",
        "target_text": e.target.text if e.target else "",
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        "plover": e.plover or "",
        "negated": e.negated,
        "modality": e.modality,
        "confidence": e.confidence,
        "trigger": e.trigger["text"],
        "rule": e.rule,
        "date_precision": e.date_precision,
        "group_id": e.group_id or "",
    }


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor_cell(actor: object) -> str:
    """'PAKGOV Sharif': the code, then the words (or the name when the words are a pronoun)."""
    code = actor.code or "?"  # type: ignore[attr-defined]
    words = actor.text or "(unnamed)"  # type: ignore[attr-defined]
    return f"{code} {_short(words, 18)}"


def render(coded: Iterable[CodedArticle], fmt: OutputFormat) -> int:
    """Write coded articles to stdout in the chosen format; returns the number of events."""
    count = 0
    if fmt is OutputFormat.jsonl:
        for item in coded:
            count += len(item.events)
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        return count
    if fmt is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        for item in coded:
            for event in item.events:
                writer.writerow(event_row(event))
                count += 1
        return count
    for item in coded:
        table = Table(
            title=f"{item.article.id} ({item.article.published or 'undated'})",
            title_justify="left",
            box=None,
            pad_edge=False,
        )
        for column in ("#", "source", "event", "target", "gold", "status", "trigger"):
            table.add_column(column, no_wrap=column != "trigger", overflow="ellipsis")
        for event in item.events:
            status = ("not " if event.negated else "") + event.modality
            table.add_row(
                str(event.sentence),
                _actor_cell(event.source),
                f"{event.cameo} {_short(event.cameo_name, 26)}",
                _actor_cell(event.target) if event.target else "-",
                f"{event.goldstein:+.1f}",
                status,
                _short(event.trigger["text"], 30),
            )
            count += 1
        stdout.print(table)
    return count


@app.command("code")
def code_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .jsonl, .html, feeds, WARC), folders, globs or - for stdin."
        ),
    ],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    date: DateOption = None,
    processes: ProcessesOption = None,
    config: ConfigOption = None,
    engine: EngineOption = Engine.local,
    master: MasterOption = None,
    workers: WorkersOption = None,
    out: OutOption = None,
) -> None:
    """Code articles into events, quotes and actors (exit status 1 when no input held an
    article: all empty, unreadable or another language).

    Example: tacitus code examples/ministers-meet.txt --date 2025-08-20 --format jsonl

    On Spark, into a Parquet dataset: tacitus code news/ --engine spark --out coded/
    (its summary is printed; --format jsonl prints it as JSON)
    """
    from tacitus.engines import code
    from tacitus.store.grouping import group_articles, load_rules

    options = options_from(config)
    check_engine_options(engine, out, master, workers)
    if engine is Engine.spark and out is not None:
        report = run_engine(inputs, out, options, master=master, workers=workers,
                            date=check_date(date), quiet=False)
        render_report(report, fmt is OutputFormat.jsonl, f"coded on Spark into {out}")
        require_articles_read(report)
        return
    tally = InputTally()
    rules = load_rules(options.groups.max_days, options.groups.max_km)
    coded = code(read_inputs(inputs, date, options, tally), options, processes=processes)
    render(group_articles(coded, rules), fmt)
    require_articles(tally)


@app.command("eval")
def eval_command(
    gold: Annotated[
        list[Path], typer.Argument(help="Gold JSONL files (see ../shared/eval/README.md).")
    ],
    write: Annotated[
        Path | None, typer.Option("--write", help="Also write the dated Markdown table here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print metrics as JSON.")] = False,
    processes: ProcessesOption = None,
    config: ConfigOption = None,
) -> None:
    """Score the coder against gold files: event detection/type P/R/F1, dyads, quotes.

    Example: tacitus eval ../shared/eval/dev/*.jsonl --write docs/evaluation.md
    """
    from tacitus.evaluate import evaluate_files, render_markdown, update_page

    options = options_from(config)
    for path in gold:
        if not path.is_file():
            raise InputError("input_missing", path=str(path))
    reports = evaluate_files(gold, options, processes=processes)
    if as_json:
        sys.stdout.write(json.dumps({r.name: r.metrics() for r in reports}, indent=2) + "\n")
    else:
        for report in reports:
            table = Table(title=f"{report.name} ({report.texts} texts)", title_justify="left")
            table.add_column("metric")
            table.add_column("value", justify="right")
            for key, value in report.metrics().items():
                table.add_row(key, f"{value:.3f}")
            stdout.print(table)
    if write is not None:
        page = write.read_text(encoding="utf-8") if write.is_file() else ""
        write.write_text(update_page(page, render_markdown(reports)), encoding="utf-8")
        stderr.print(f"wrote {escape(str(write))}", highlight=False)


# Corpus commands (ingest, events, dyads, quotes, sql, export) live in cli_corpus.py.
from tacitus.cli_corpus import register as _register_corpus  # noqa: E402

_register_corpus(app)

from tacitus.cli_web import register as _register_web  # noqa: E402

_register_web(app)

# `tacitus kb show` / `tacitus kb import-wikidata` live in cli_kb.py.
from tacitus.cli_kb import kb_app  # noqa: E402

app.add_typer(kb_app, name="kb")


# -- quotes and actor mentions ---------------------------------------------------------------
# One `quotes` command: with inputs it codes them, without it lists the quotes stored in --db
# through cli_corpus.quotes_command (which is not registered as a command of its own).

QUOTE_COLUMNS = [
    "id",
    "article_id",
    "direct",
    "cue",
    "speaker_text",
    "speaker_code",
    "speaker_name",
    "start",
    "end",
    "text",
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
QUOTE_TABLE = ["id", "direct", "speaker_code", "speaker_text", "cue", "text"]
MENTION_TABLE = ["text", "start", "code", "name", "via"]
MENTION_COLUMNS = [
    "article_id",
    "text",
    "start",
    "end",
    "code",
    "name",
    "kb_id",
    "via",
    "via_start",
    "via_end",
]


def quote_row(quote: Quote) -> dict[str, object]:
    """One flat row for table/CSV output."""
    speaker = quote.speaker
    return {
        "id": quote.id,
        "article_id": quote.article_id,
        "direct": quote.direct,
        "cue": quote.cue or "",
        "speaker_text": speaker.text if speaker else "",
        "speaker_code": (speaker.code or "") if speaker else "",
        "speaker_name": (speaker.name or "") if speaker else "",
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
    }


def mention_row(article_id: str, actor: Actor) -> dict[str, object]:
    """One flat row for a mention: its words, what it resolved to, and through what."""
    via = actor.antecedent or {}
    return {
        "article_id": article_id,
        "text": actor.text,
        "start": actor.start,
        "end": actor.end,
        "code": actor.code or "",
        "name": actor.name or "",
        "kb_id": actor.kb_id or "",
        "via": via.get("text", ""),
        "via_start": via.get("start", ""),
        "via_end": via.get("end", ""),
    }


def render_rows(
    rows: Iterable[dict[str, object]],
    columns: list[str],
    fmt: OutputFormat,
    title: str,
    table_columns: list[str] | None = None,
) -> int:
    """Write flat rows as a table (`table_columns` only), JSON lines or CSV; returns how many."""
    count = 0
    shown = table_columns or columns
    if fmt is OutputFormat.table:
        table = Table(title=title, title_justify="left")
        for column in shown:
            table.add_column(column, overflow="fold")
    elif fmt is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
    for row in rows:
        count += 1
        if fmt is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt is OutputFormat.csv:
            writer.writerow(row)
        else:
            table.add_row(*(str(row[c]) for c in shown))
    if fmt is OutputFormat.table:
        stdout.print(table)
    return count


def _speaker_matches(quote: Quote, speaker: str | None) -> bool:
    if not speaker:
        return True
    who = quote.speaker
    if who is None:
        return False
    wanted = speaker.lower()
    return wanted == (who.code or "").lower() or wanted in f"{who.name or ''} {who.text}".lower()


@app.command("quotes")
def quotes_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders, globs or - to code; none: list the quotes stored in --db."
        ),
    ] = None,
    date: DateOption = None,
    fmt: FormatOption = OutputFormat.table,
    db: Annotated[Path | None, typer.Option("--db", help="DuckDB store to list from.")] = None,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Part of the speaker's name, or an actor code (PAKGOV)."),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many rows.")] = None,
    processes: ProcessesOption = None,
    config: ConfigOption = None,
) -> None:
    """Quotations (direct and reported) with their cue and speaker.

    Example: tacitus quotes examples/ministers-meet.txt --date 2025-08-20
    (or, for a corpus: tacitus quotes --db corpus.duckdb --speaker Sharif)
    """
    if not inputs:
        from tacitus.cli_corpus import FrameFormat
        from tacitus.cli_corpus import quotes_command as stored_quotes

        stored_quotes(
            db=db, speaker=speaker, limit=limit, fmt=FrameFormat(fmt.value), config=config
        )
        return
    from tacitus.engines import code

    options = options_from(config)
    tally = InputTally()
    coded = code(read_inputs(inputs, date, options, tally), options, processes=processes)
    rows = (quote_row(q) for item in coded for q in item.quotes if _speaker_matches(q, speaker))
    render_rows(itertools.islice(rows, limit), QUOTE_COLUMNS, fmt, "quotes", QUOTE_TABLE)
    require_articles(tally)


@app.command("actors")
def actors_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs or - for stdin.")],
    date: DateOption = None,
    fmt: FormatOption = OutputFormat.table,
    config: ConfigOption = None,
) -> None:
    """Every actor mention and resolved pronoun: its words and offsets, the code, name and KB
    id it resolved to, and the earlier mention it was resolved through (via).

    Example: tacitus actors examples/ministers-meet.txt --date 2025-08-20
    """
    from tacitus.pipeline import Coder

    options = options_from(config)
    tally = InputTally()
    mentions = Coder(options).mentions(read_inputs(inputs, date, options, tally))
    rows = (mention_row(article.id, actor) for article, actors in mentions for actor in actors)
    render_rows(rows, MENTION_COLUMNS, fmt, "actor mentions", MENTION_TABLE)
    require_articles(tally)


def version_callback(value: bool) -> None:
    if value:
        stdout.print(f"tacitus {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """tacitus: news text in, political event data out."""


def _click_class(name: str) -> type[Exception]:
    """A click exception class as typer uses it: typer >= 0.2x bundles its own click, older
    versions use the click package, so the class is found through typer's public BadParameter."""
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


def usage_message(exc: Exception) -> str:
    """One line for a command-line usage mistake: what is wrong, and what is allowed."""
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "tacitus"
    message = exc.format_message().replace("Value error, ", "")  # type: ignore[attr-defined]
    message = message.replace(
        "Input should be a valid integer, unable to parse string as an integer",
        "expected a whole number",
    )
    hint = f"see '{command} --help'"
    if ctx is not None and type(exc).__name__ == "NoSuchOption":
        names = sorted(
            {opt for param in ctx.command.params for opt in param.opts if opt.startswith("--")}
        )
        hint = f"options: {', '.join(names)}"
    elif ctx is not None and message.startswith("No such command"):
        names = sorted(getattr(ctx.command, "commands", {}))
        hint = f"commands: {', '.join(names)}"
    elif ctx is not None and type(exc).__name__ == "MissingParameter":
        usage = re.sub(r"\{(\w+)\}", lambda m: m.group(1).upper(), ctx.get_usage())
        hint = usage.replace("Usage: ", "usage: ").strip()
    return f"{command}: {' '.join(message.split()).rstrip('.')} ({hint})"


def main() -> None:
    """Console entry point: run the app; library errors and usage mistakes become one line on
    stderr and exit status 2 (an empty command prints its help)."""
    try:
        status = app(prog_name="tacitus", standalone_mode=False)
        if isinstance(status, int) and status:
            sys.exit(status)  # a command's typer.Exit(n), returned by click in this mode
    except TacitusError as exc:
        stderr.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except typer.Abort:
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except _click_class("ClickException") as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # typer's rich help is already printed
            shown = exc.format_message().strip()  # type: ignore[attr-defined]
            if shown:
                sys.stderr.write(shown + "\n")
            sys.exit(2)
        if isinstance(exc, _click_class("UsageError")):
            stderr.print(
                f"[red]error:[/red] {escape(usage_message(exc))}", highlight=False, soft_wrap=True
            )
            sys.exit(2)
        message = exc.format_message()  # type: ignore[attr-defined]
        stderr.print(f"[red]error:[/red] {escape(message)}", highlight=False)
        sys.exit(exc.exit_code)  # type: ignore[attr-defined]
