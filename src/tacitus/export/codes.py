"""Loader for the exporters' package data: country code crosswalk and GDELT's columns.

`load_countries()` -> {iso3: Country(iso3, iso2, fips, name)}; `gdelt_columns()` -> the 61
(name, type) pairs of the GDELT 2.0 event table, in order; `gdelt_mentions_columns()` the 16
of its Mentions table. Formats: data/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from tacitus.errors import DataError


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    fips: str
    name: str


def _rows(name: str, width: int) -> list[list[str]]:
    text = resources.files("tacitus.export").joinpath("data", name).read_text(encoding="utf-8")
    rows: list[list[str]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = line.split("\t")
        if len(cells) != width or not all(c.strip() for c in cells):
            raise DataError("data_file", path=f"export/data/{name}", line=number,
                            reason=f"expected {width} non-empty tab-separated cells")
        rows.append(cells)
    return rows


def load_countries() -> dict[str, Country]:
    """ISO3 code -> Country with its ISO2 and FIPS 10-4 codes and its name."""
    return {r[0]: Country(*r) for r in _rows("countries.tsv", 4)}


def gdelt_columns() -> list[tuple[str, str]]:
    """(column name, type) of the GDELT 2.0 event table, in order; type is int, float,
    date or str."""
    return [(r[0], r[1]) for r in _rows("gdelt_columns.tsv", 3)]


def gdelt_mentions_columns() -> list[tuple[str, str]]:
    """(column name, type) of the GDELT 2.0 Mentions table, in order."""
    return [(r[0], r[1]) for r in _rows("gdelt_mentions_columns.tsv", 3)]
