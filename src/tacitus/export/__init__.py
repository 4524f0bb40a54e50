"""Exports of a store: GDELT 2.0 event and mentions tables, PLOVER JSON, CSV and Parquet.

`export(db, out, fmt)` is the one entry point the CLI calls; the format modules
(gdelt.py, plover.py, tabular.py) can be used on their own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.errors import InputError
from tacitus.export.lines import write_lines

__all__ = ["FORMATS", "ExportReport", "export", "write_lines"]

FORMATS: tuple[str, ...] = ("gdelt", "gdelt-mentions", "plover", "parquet", "csv")


@dataclass
class ExportReport:
    """What an export wrote: its format, the files and the rows (records) in each."""

    fmt: str
    files: dict[str, Path] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def export(db: str | os.PathLike[str], out: str | os.PathLike[str], fmt: str, *,
           happened_only: bool = True) -> ExportReport:
    """Export the store at `db` to `out`: a file for gdelt and gdelt-mentions (TSV) and
    plover (JSONL), a folder of one file per table for parquet and csv."""
    if fmt not in FORMATS:
        raise InputError("export_format", name=fmt, choices=", ".join(FORMATS))
    report = ExportReport(fmt)
    if fmt == "gdelt":
        from tacitus.export.gdelt import write_gdelt

        report.files["events"] = Path(out)
        report.rows["events"] = write_gdelt(db, out, happened_only=happened_only)
    elif fmt == "gdelt-mentions":
        from tacitus.export.gdelt import write_gdelt_mentions

        report.files["mentions"] = Path(out)
        report.rows["mentions"] = write_gdelt_mentions(db, out, happened_only=happened_only)
    elif fmt == "plover":
        from tacitus.export.plover import write_plover

        report.files["events"] = Path(out)
        report.rows["events"] = write_plover(db, out, happened_only=happened_only)
    else:
        from tacitus.export.tabular import write_tables
        from tacitus.store.queries import summary

        report.files = write_tables(db, out, fmt)  # type: ignore[arg-type]
        counts = summary(db)
        report.rows = {table: counts.get(table, 0) for table in report.files}
    return report
