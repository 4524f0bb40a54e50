"""`tacitus serve`: the dashboard over a store, in a web browser.

Parses the options, checks that the store can be read, builds `tacitus.web.create_app`
and runs it with uvicorn. Binds 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from tacitus.cli_common import ConfigOption, options_from, stderr
from tacitus.errors import StoreBusy


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="DuckDB store (default: the store path setting)."),
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    config: ConfigOption = None,
) -> None:
    """Browse a store in a web browser: events, dyads, countries, the relation network, and
    each article with its evidence highlighted. The store is opened read-only; pages say
    when `tacitus ingest` is writing and retry.

    Example: tacitus serve --db corpus.duckdb --port 8000
    """
    import uvicorn

    from tacitus.store import queries
    from tacitus.web import create_app

    options = options_from(config)
    path = db if db is not None else Path(options.store.path)
    try:
        counts = queries.summary(path)
        stderr.print(f"{path}: {counts['articles']} articles, {counts['events']} events",
                     highlight=False)
    except StoreBusy:
        stderr.print(f"{path} is being written; pages will say so until it is free",
                     highlight=False)
    if not _loopback(host):
        stderr.print(f"[yellow]warning:[/yellow] listening on {host}: anyone who can reach "
                     "this address can read the store", highlight=False)
    stderr.print(f"serving on http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
    uvicorn.run(create_app(path, options), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add `serve` to the main app."""
    app.command("serve")(serve_command)
