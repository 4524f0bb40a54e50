"""The one reader of tacitus's small TSV data tables (word lists, cue and recoding tables).

`read_rows(package, name, columns)` -> [(line number, cells)]: `#` comments and blank lines
are skipped, the first remaining row is the header and is skipped too (and must name
`columns` when they are given as names), and a row with another number of cells raises
DataError naming the file and line. Cells are stripped of surrounding spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from tacitus.errors import DataError


def read_rows(
    package: str, name: str, columns: int | Sequence[str]
) -> list[tuple[int, list[str]]]:
    """The data rows of `name` (a path inside `package`), each split into `columns` cells
    (a count, or the header's column names)."""
    text = resources.files(package).joinpath(name).read_text("utf-8")
    return parse_rows(text, name, columns)


def parse_rows(text: str, name: str, columns: int | Sequence[str]) -> list[tuple[int, list[str]]]:
    """`read_rows` on a table's text; `name` is the file named in errors."""
    names = None if isinstance(columns, int) else [str(c) for c in columns]
    width = columns if isinstance(columns, int) else len(columns)
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if not header_seen:
            header_seen = True
            if names is not None and cells != names:
                expected = "<TAB>".join(names)
                raise DataError(
                    "data_file", path=name, line=line, reason=f"expected the header {expected}"
                )
            continue
        if len(cells) != width:
            raise DataError(
                "data_file", path=name, line=line, reason=f"expected {width} tab-separated cells"
            )
        rows.append((line, cells))
    return rows
