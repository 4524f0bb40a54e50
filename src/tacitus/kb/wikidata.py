"""Merge a Wikidata "position held" (P39) export into a people TSV file (the user overlay).

`import_wikidata(path, out_path, kb=None)` reads a Wikidata query-service download (JSON,
JSON lines or CSV; columns person, personLabel, position, positionLabel, country,
countryLabel or countryCode, start, end, and optionally role and aliases), maps each position
to roles with data/wikidata_positions.tsv, and adds new rows to `out_path`, updates changed end
dates and never duplicates a row. Returns an `ImportReport`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tacitus.errors import InputError
from tacitus.kb.base import KnowledgeBase
from tacitus.kb.files import read_tsv, split_comment
from tacitus.kb.load import data_dir, load_kb
from tacitus.kb.people import COLUMNS, PersonRow, read_people_file
from tacitus.kb.text import normalize, slug, strip_accents

_QID = re.compile(r"^Q\d+$")
_FIELDS = MappingProxyType(
    {
        "name": ("personLabel", "name", "person_label"),
        "person": ("person", "item"),
        "position": ("positionLabel", "position_label", "position"),
        "country_code": ("countryCode", "country_code", "iso3"),
        "country_label": ("countryLabel", "country_label"),
        "start": ("start", "startDate", "start_date", "startTime"),
        "end": ("end", "endDate", "end_date", "endTime"),
        "role": ("role",),
        "aliases": ("aliases", "personAltLabel", "altLabel"),
    }
)


@dataclass(frozen=True)
class Skipped:
    """A record that was not imported: its number in the export (from 1) and why."""

    record: int
    reason: str


@dataclass
class ImportReport:
    """What `import_wikidata` did."""

    path: str
    out_path: str
    records: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.records} records: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped"
        )


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    roles: tuple[str, ...]
    country: str


def _value(record: dict[str, Any], name: str) -> str:
    for key in _FIELDS[name]:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("value")
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(record number, record or None when unreadable) for each record of the export."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError("input_missing", path=str(path)) from exc
    if path.suffix.lower() in (".csv", ".tsv"):
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
        for number, row in enumerate(csv.DictReader(io.StringIO(text), dialect=dialect), start=1):
            yield number, dict(row)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
        lines = [line for line in text.splitlines() if line.strip()]
        for number, line in enumerate(lines, start=1):
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                yield number, None
                continue
            yield number, item if isinstance(item, dict) else None
        return
    if isinstance(data, dict) and isinstance(data.get("results"), dict):
        data = data["results"].get("bindings", [])
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise InputError(
            "kb_import", path=str(path), line=1, reason="expected a JSON array of records"
        )
    for number, item in enumerate(data, start=1):
        yield number, item if isinstance(item, dict) else None


def _patterns(data_dir: Path) -> list[_Pattern]:
    path = data_dir / "wikidata_positions.tsv"
    patterns = []
    for _, (pattern, roles, country), _ in read_tsv(path, ("pattern", "roles", "country")):
        regex = re.escape(pattern).replace(re.escape("{country}"), "(?P<country>.+?)")
        role_list = tuple(r.strip() for r in roles.split(",") if r.strip())
        patterns.append(_Pattern(re.compile(f"^{regex}$", re.IGNORECASE), role_list, country))
    return patterns


def _date(value: str) -> dt.date | None:
    text = value.strip().lstrip("+")
    if not text:
        return None
    return dt.date.fromisoformat(text[:10])


def _country_of(kb: KnowledgeBase, text: str) -> str | None:
    for entry in kb.lookup(text):
        if entry.kind in ("country", "adjective", "demonym") or entry.kind == "igo":
            return entry.code
    return None


def _aliases(name: str, given: str) -> tuple[str, ...]:
    found = [a.strip() for a in re.split(r"[|,]", given) if a.strip()]
    words = name.split()
    if len(words) > 1:
        found.append(words[-1])
    found += [strip_accents(a) for a in (name, *found)]
    return tuple(a for a in dict.fromkeys(found) if a != name)


class _Target:
    """The people file being merged into: its lines, and row keys -> line index."""

    def __init__(self, path: Path, kb: KnowledgeBase) -> None:
        self.path = path
        self.lines: list[str] = []
        self.rows: dict[tuple[str, str, str, dt.date | None], tuple[int, dt.date | None]] = {}
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            self.lines = text.splitlines()
            codes = [c.code for c in kb.countries()] + [e.code for e in kb.entries("igo")]
            roles = {r: None for r in kb.person_roles()}
            for row in read_people_file(path, roles, codes, text=text):
                self.rows[row.key] = (row.line - 1, row.end)
        else:
            self.lines = [
                "# People imported from Wikidata by `tacitus kb import-wikidata`; format as the",
                "# shipped kb/data/people/*.tsv. Rows here replace shipped rows with the same",
                "# country, role, name and start.",
                "\t".join(COLUMNS),
            ]

    def add(self, row: PersonRow, comment: str) -> None:
        cells = [
            row.country,
            row.role,
            row.name,
            "|".join(row.aliases),
            _iso(row.start),
            _iso(row.end),
        ]
        self.lines.append("\t".join(cells) + (f"\t# {comment}" if comment else ""))
        self.rows[row.key] = (len(self.lines) - 1, row.end)

    def set_end(self, key: tuple[str, str, str, dt.date | None], end: dt.date) -> None:
        index, _ = self.rows[key]
        body, comment = split_comment(self.lines[index])
        cells = body.rstrip(" \t").split("\t")
        cells += [""] * (len(COLUMNS) - len(cells))
        cells[COLUMNS.index("end")] = end.isoformat()
        self.lines[index] = "\t".join(cells) + (f"\t# {comment}" if comment else "")
        self.rows[key] = (index, end)

    def write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _shipped_end(kb: KnowledgeBase, row: PersonRow) -> tuple[bool, dt.date | None]:
    person = kb.person(f"person:{slug(row.name)}")
    for position in person.positions if person else ():
        if (position.country, position.role, position.start) == (row.country, row.role, row.start):
            return True, position.end
    return False, None


def import_wikidata(
    path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    kb: KnowledgeBase | None = None,
) -> ImportReport:
    """Merge the P39 export at `path` into the people TSV at `out_path` (created if absent).

    `kb` (default: `load_kb()`) names the countries and roles. Rows already in the file or
    the KB with the same end are left alone; a changed end date is updated in place.
    """
    if kb is None:
        kb = load_kb()
    source, target_path = Path(path), Path(out_path)
    if not source.is_file():
        raise InputError("input_missing", path=str(source))
    patterns = _patterns(data_dir())
    report = ImportReport(str(source), str(target_path))
    target = _Target(target_path, kb)
    for number, record in _records(source):
        report.records += 1
        if record is None:
            report.skipped.append(Skipped(number, "not a JSON object"))
            continue
        reason = _import_one(kb, patterns, target, record, report)
        if reason:
            report.skipped.append(Skipped(number, reason))
    target.write()
    return report


def _import_one(
    kb: KnowledgeBase,
    patterns: list[_Pattern],
    target: _Target,
    record: dict[str, Any],
    report: ImportReport,
) -> str:
    """Import one record into `target`; returns the reason it was skipped, or ''."""
    name = _value(record, "name")
    if not name or _QID.match(name):
        return "no English label for the person"
    position = _value(record, "position")
    roles: tuple[str, ...] = ()
    where = ""
    pattern_country = ""
    role_cell = _value(record, "role")
    if role_cell:
        roles = tuple(r.strip() for r in role_cell.split(",") if r.strip())
        unknown = [r for r in roles if r not in kb.person_roles()]
        if unknown:
            return f"unknown role {unknown[0]!r}"
    else:
        label = normalize(position) if position else ""
        for pattern in patterns:
            match = pattern.regex.match(label)
            if match:
                roles, pattern_country = pattern.roles, pattern.country
                where = match.groupdict().get("country") or ""
                break
        if not roles:
            return f"position {position!r} maps to no role" if position else "no position label"
    code = _value(record, "country_code").upper()
    country = code if kb.country(code) else None
    if country is None and code:
        return f"unknown country code {code!r}"
    country = country or pattern_country or None
    label = _value(record, "country_label")
    if country is None and label:
        country = _country_of(kb, label)
    if country is None and where:
        country = _country_of(kb, where)
    if country is None:
        return f"unknown country {(label or where or position)!r}"
    try:
        start, end = _date(_value(record, "start")), _date(_value(record, "end"))
    except ValueError:
        return "bad start or end date"
    if start is None:
        return "no start date"
    if end is not None and end < start:
        return "end date before start date"
    aliases = _aliases(name, _value(record, "aliases"))
    person_id = _value(record, "person").rsplit("/", 1)[-1]
    comment = f"wikidata {person_id}: {position}" if person_id else f"wikidata: {position}"
    for role in roles:
        row = PersonRow(country, role, name, aliases, start, end, "", str(target.path), 0)
        if row.key in target.rows:
            _, old_end = target.rows[row.key]
            if end is not None and end != old_end:
                target.set_end(row.key, end)
                report.updated += 1
            else:
                report.unchanged += 1
            continue
        known, shipped_end = _shipped_end(kb, row)
        if known and (end is None or end == shipped_end):
            report.unchanged += 1
            continue
        target.add(row, comment)
        report.added += 1
    return ""
