"""People files: one row per person per position held, merged into `Person` records.

Format (tab-separated, header line, `#` comments): country role name aliases start end.
`read_people_file(path, roles, codes)` -> rows; `merge_rows(shipped, overlay)` -> rows with
the overlay's rows replacing shipped ones of the same (country, role, name, start);
`build_people(rows)` -> {kb_id: Person}; `build_vacancies(rows)` -> the rows named "(vacant)"
(an office recorded as held by nobody) as `Term`s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tacitus.kb.files import fail, read_tsv
from tacitus.kb.records import Person, Position, Term
from tacitus.kb.text import parse_period, slug

COLUMNS = ("country", "role", "name", "aliases", "start", "end")
VACANT = "(vacant)"
WEAK = "~"  # an alias written "~Guterres" is secondary: it loses to a plain match of the name
# Two people with the same name: one row's name carries a note in brackets, e.g. "Andris
# Bērziņš (born 1951)"; it makes the kb_id distinct and is dropped from the name shown.
_DISAMBIGUATOR = re.compile(r"\s+\([^()]*\)$")


@dataclass(frozen=True)
class PersonRow:
    """One parsed row of a people file."""

    country: str
    role: str
    name: str
    aliases: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    note: str
    path: str
    line: int
    name_slug: str = ""  # slug(name), filled by read_people_file (computed when empty)

    @cached_property
    def key(self) -> tuple[str, str, str, dt.date | None]:
        """Identity of a row: overlay rows with the same key replace shipped ones."""
        return (self.country, self.role, self.name_slug or slug(self.name), self.start)


def parse_dates(
    path: Path | str, line: int, start: str, end: str
) -> tuple[dt.date | None, dt.date | None]:
    """The start and end cells -> dates (start of period, end of period); DataError if bad."""
    try:
        first = parse_period(start, end=False) if start else None
        last = parse_period(end, end=True) if end else None
    except ValueError as exc:
        raise fail(path, line, str(exc)) from exc
    if first and last and last < first:
        raise fail(path, line, f"end {end} is before start {start}")
    return first, last


def read_people_file(
    path: Path, roles: Mapping[str, object], codes: Iterable[str], *, text: str | None = None
) -> list[PersonRow]:
    """Parse one people TSV file; DataError on a bad date, role, country or column count."""
    known = set(codes)
    rows: list[PersonRow] = []
    slugs: dict[str, str] = {}  # a person has several rows: slug each name once
    dates: dict[tuple[str, str], tuple[dt.date | None, dt.date | None]] = {}
    for line, cells, comment in read_tsv(path, COLUMNS, optional_tail=1, text=text):
        country, role, name, aliases, start, end = cells
        if country not in known:
            raise fail(path, line, f"unknown country code {country!r}")
        if role not in roles:
            raise fail(path, line, f"unknown role {role!r} (see people_roles.tsv)")
        if not name:
            raise fail(path, line, "empty name")
        if (start, end) not in dates:  # rows of one term repeat their dates
            dates[(start, end)] = parse_dates(path, line, start, end)
        first, last = dates[(start, end)]
        if name == VACANT and (aliases.strip() or first is None or not comment):
            raise fail(path, line, "a (vacant) row has no aliases, a start and a # comment why")
        names = tuple(dict.fromkeys(a.strip() for a in aliases.split("|") if a.strip()))
        if name not in slugs:
            slugs[name] = slug(name)
        rows.append(
            PersonRow(
                country, role, name, names, first, last, comment, str(path), line, slugs[name]
            )
        )
    return rows


def merge_rows(shipped: Iterable[PersonRow], overlay: Iterable[PersonRow] = ()) -> list[PersonRow]:
    """Shipped rows (duplicates must agree) with the overlay's rows replacing same-key rows."""
    merged: dict[tuple[str, str, str, dt.date | None], PersonRow] = {}
    for row in shipped:
        old = merged.get(row.key)
        if old is None:
            merged[row.key] = row
            continue
        if old.end != row.end:
            raise fail(
                row.path,
                row.line,
                f"conflicts with {old.path}, line {old.line}: same person, role and start, "
                "different end",
            )
        merged[row.key] = _with_aliases(old, row.aliases)
    for row in overlay:
        merged[row.key] = row
    return list(merged.values())


def _with_aliases(row: PersonRow, extra: tuple[str, ...]) -> PersonRow:
    aliases = tuple(dict.fromkeys((*row.aliases, *extra)))
    return PersonRow(
        row.country,
        row.role,
        row.name,
        aliases,
        row.start,
        row.end,
        row.note,
        row.path,
        row.line,
        row.name_slug,
    )


def build_people(rows: Iterable[PersonRow]) -> dict[str, Person]:
    """Group rows by person (the slug of the full name) -> {kb_id: Person}."""
    grouped: dict[str, list[PersonRow]] = {}
    for row in rows:
        if row.name == VACANT:
            continue
        grouped.setdefault(f"person:{row.name_slug or slug(row.name)}", []).append(row)
    people: dict[str, Person] = {}
    for kb_id, person_rows in grouped.items():
        person_rows.sort(key=lambda r: (r.start or dt.date.min, r.role))
        name = _plain_name(person_rows[-1].name)
        written = [_plain_name(a) for r in person_rows for a in (r.name, *r.aliases)]
        plain = {a for a in written if not a.startswith(WEAK)}
        aliases = tuple(dict.fromkeys(a.lstrip(WEAK) for a in written if a.lstrip(WEAK) != name))
        weak = tuple(
            dict.fromkeys(a[1:] for a in written if a.startswith(WEAK) and a[1:] not in plain)
        )
        positions = tuple(
            Position(r.country, r.role, r.start, r.end, r.note, f"{r.path}:{r.line}")
            for r in person_rows
        )
        people[kb_id] = Person(kb_id, name, aliases, positions, weak)
    return people


def build_vacancies(rows: Iterable[PersonRow]) -> list[Term]:
    """The rows named "(vacant)" -> Terms without a holder, in file order."""
    return [
        Term(r.country, r.role, r.start, r.end, None, None, r.note, f"{r.path}:{r.line}")
        for r in rows
        if r.name == VACANT
    ]


def _plain_name(name: str) -> str:
    """A name without its bracketed disambiguator: "Andris Bērziņš (born 1951)" -> the name."""
    return _DISAMBIGUATOR.sub("", name) if name.endswith(")") else name
