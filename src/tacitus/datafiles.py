"""The one reader of tacitus's small TSV data tables (word lists, cue and recoding tables).

`read_rows(package, name, columns)` -> [(line number, cells)]: `#` comments and blank lines
are skipped, the first remaining row is the header and is skipped too, and a row with another
number of cells raises DataError naming the file and line.
"""

from __future__ import annotations

from importlib import resources

from tacitus.errors import DataError


def read_rows(package: str, name: str, columns: int) -> list[tuple[int, list[str]]]:
    """The data rows of `name` (a path inside `package`), each split into `columns` cells."""
    text = resources.files(package).joinpath(name).read_text("utf-8")
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if len(cells) != columns:
            raise DataError(
                "data_file", path=name, line=line, reason=f"expected {columns} tab-separated cells"
            )
        rows.append((line, cells))
    return rows
