"""What every `tacitus` command module shares: consoles, the --config option, date checks.

Used by cli.py, cli_corpus.py and cli_kb.py; no command lives here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from tacitus.config import Options, load_options
from tacitus.errors import InputError


def make_stdout() -> Console:
    """Standard output; piped or captured output has no terminal width, so tables are laid
    out for a wide page instead of 80 columns."""
    console = Console()
    return console if console.is_terminal else Console(width=150)


stdout = make_stdout()
stderr = Console(stderr=True)

ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Settings file overlaying the defaults.")
]


def options_from(config: Path | None) -> Options:
    """The shipped settings overlaid by --config (or $TACITUS_CONFIG)."""
    return load_options(config)


def check_date(value: str | None) -> str | None:
    """An ISO date from the command line, normalised; InputError('bad_date') otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError("bad_date", value=value) from None


def show_bad_records(records: Sequence[Any], reported: int, where: str = "") -> None:
    """The first 20 skipped records on stderr, one line each (kind, then the record as
    written, brackets and all), then how many more of `reported` there are and `where` they
    all are."""
    for record in records[:20]:
        line = f"[yellow]{record.kind}[/yellow] {escape(str(record))}"
        stderr.print(line, highlight=False, soft_wrap=True)
    if reported > 20:
        tail = f" (all in {escape(where)})" if where else ""
        stderr.print(f"... and {reported - 20} more{tail}", highlight=False)
