"""The one reader of tacitus's small TSV data tables (word lists, cue and recoding tables).

`read_rows(package, name, columns)` -> [(line number, cells)]: `#` comments and blank lines
are skipped, the first remaining row is the header and is skipped too (and must name
`columns` when they are given as names), and a row with another number of cells raises
DataError naming the file and line. Cells are stripped of surrounding spaces.

Every loader also takes `folder`: the folder of a saved pipeline component, where
`copy_data_files` put the files it was built from (`data_file` says where each one is), so a
pipeline saved with `nlp.to_disk` carries its own data.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from tacitus.errors import DataError


def data_file(package: str, name: str, folder: Path | None = None) -> Traversable:
    """The data file `name` of `package` (a path inside it): the installed one, or its copy
    in a saved component's `folder` (under the package's last name: nlp/, ontology/)."""
    if folder is None:
        return resources.files(package).joinpath(name)
    return Path(folder) / package.rsplit(".", 1)[-1] / name


def copy_data_files(
    files: Iterable[tuple[str, str]], target: Path, source: Path | None = None
) -> None:
    """Copy (package, name) data files from the package (or the saved folder `source`) into
    the saved folder `target`; a name that is a folder is copied whole."""
    for package, name in files:
        origin, copy = data_file(package, name, source), data_file(package, name, target)
        assert isinstance(copy, Path)
        copy.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            copy.mkdir(exist_ok=True)
            copy_data_files(
                ((package, f"{name}/{item.name}") for item in origin.iterdir()), target, source
            )
        elif isinstance(origin, Path):
            shutil.copyfile(origin, copy)
        else:
            copy.write_bytes(origin.read_bytes())


def read_rows(
    package: str, name: str, columns: int | Sequence[str], folder: Path | None = None
) -> list[tuple[int, list[str]]]:
    """The data rows of `name` (a path inside `package`, or its copy in `folder`), each split
    into `columns` cells (a count, or the header's column names)."""
    text = data_file(package, name, folder).read_text("utf-8")
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
