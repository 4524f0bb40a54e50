"""`tacitus kb ...`: what the actor knowledge base knows, and refreshing it from Wikidata.

Thin commands over tacitus.kb: `show` prints `KnowledgeBase.describe`, `import-wikidata`
runs `import_wikidata` into the user's people file (which the coder then reads).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tacitus.cli_common import ConfigOption, check_date, stderr, stdout
from tacitus.config import default_user_people, load_options
from tacitus.errors import InputError

kb_app = typer.Typer(
    name="kb",
    help="The actor knowledge base: look names up, refresh people from Wikidata.",
    no_args_is_help=True,
)


def _date(value: str | None) -> dt.date | None:
    checked = check_date(value)
    return dt.date.fromisoformat(checked) if checked else None


def _load(config: Path | None):  # type: ignore[no-untyped-def]
    from tacitus.config import KbOptions
    from tacitus.kb import load_kb

    options = load_options(config).kb
    return load_kb(KbOptions(user_people=options.people_overlay(), people_dir=options.people_dir))


@kb_app.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="A name, alias, country code or title.")],
    date: Annotated[
        str | None, typer.Option("--date", help="Resolve as of this date (YYYY-MM-DD).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    config: ConfigOption = None,
) -> None:
    """Print what the knowledge base knows about NAME, with dates of office.

    Example: tacitus kb show Sharif --date 2016-01-01
    """
    found = _load(config).describe(name, _date(date))
    if as_json:
        stdout.print_json(json.dumps(found, default=str))
        return
    if not found:
        stderr.print(f"nothing known about {escape(repr(name))}")
        raise typer.Exit(1)
    for item in found:
        _render(item)


def _render(item: dict[str, Any]) -> None:
    title = f"{item.get('name')} ({item.get('kind')}, {item.get('key')})"
    resolved = item.get("resolved")
    if resolved:
        title += f" -> {resolved.get('code')} {resolved.get('name')}"
    elif item.get("code"):
        title += f" -> {item['code']}"
    table = Table(title=title, title_justify="left")
    positions = item.get("positions") or []
    if positions:
        for column in ("country", "role", "title", "start", "end", "current"):
            table.add_column(column)
        for row in positions:
            table.add_row(
                *(
                    str(row.get(k) or "")
                    for k in ("country", "role", "title", "start", "end", "current")
                )
            )
    else:
        table.add_column("field")
        table.add_column("value")
        for key, value in item.items():
            if key not in {"positions", "resolved"} and value not in (None, "", [], ()):
                table.add_row(key, ", ".join(value) if isinstance(value, list) else str(value))
    stdout.print(table)


@kb_app.command("import-wikidata")
def import_command(
    file: Annotated[
        Path, typer.Argument(help="Wikidata query-service export (JSON, JSONL or CSV).")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="People file to update (default: [kb] user_people, else "
            "the per-user file the coder reads automatically).",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Add or update people from a Wikidata export of "position held" statements.

    Example: tacitus kb import-wikidata positions.csv
    """
    from tacitus.kb.wikidata import import_wikidata

    if not file.is_file():
        raise InputError("input_missing", path=str(file))
    options = load_options(config).kb
    target = out or Path(options.user_people or default_user_people())
    target.parent.mkdir(parents=True, exist_ok=True)
    report = import_wikidata(file, target, kb=_load(config))
    stdout.print(report.summary(), highlight=False)
    for skipped in report.skipped:
        reason = escape(str(skipped.reason))
        stderr.print(f"skipped record {skipped.record}: {reason}", highlight=False)
