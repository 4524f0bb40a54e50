"""CSV and Parquet export: a store in, one file per table out (events.csv, articles.parquet..).

Tables: articles (with their text), copies, events, event_groups (the GDELT-style counted
view), mentions, quotes. Parquet keeps DuckDB's types (lists stay lists); CSV has a header
row, and list columns (sectors, notes) are joined with ";". Internal columns (the MinHash
signature) are left out.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import duckdb

from tacitus.store.writer import connect, store_error

TABLES: tuple[str, ...] = ("articles", "copies", "events", "event_groups", "mentions", "quotes")
_HIDDEN = {"minhash"}


def _select(con: duckdb.DuckDBPyConnection, table: str, fmt: str) -> str:
    columns = con.execute(f"DESCRIBE {table}").fetchall()
    parts = []
    for name, kind, *_ in columns:
        if name in _HIDDEN:
            continue
        quoted = f'"{name}"'
        if fmt == "csv" and str(kind).endswith("[]"):
            parts.append(f"array_to_string({quoted}, ';') AS {quoted}")
        else:
            parts.append(quoted)
    order = "gid" if table in ("events", "event_groups") else ("article_id" if table in (
        "mentions", "quotes") else "id")
    return f"SELECT {', '.join(parts)} FROM {table} ORDER BY {order}"


def write_tables(
    db: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    fmt: Literal["csv", "parquet"] = "parquet",
    tables: tuple[str, ...] = TABLES,
) -> dict[str, Path]:
    """Write each table to `out_dir/<table>.<fmt>`; returns {table: path}."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER"
    con = connect(db, read_only=True)
    try:
        for table in tables:
            path = folder / f"{table}.{fmt}"
            query = _select(con, table, fmt)
            escaped = str(path).replace("'", "''")
            con.execute(f"COPY ({query}) TO '{escaped}' ({options})")
            written[table] = path
    except duckdb.Error as exc:
        raise store_error(db, exc) from exc
    finally:
        con.close()
    return written
