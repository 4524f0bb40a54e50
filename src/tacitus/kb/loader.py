"""Reads the KB's package data (countries, regions, IGOs, groups, media, roles) into records.

`read_static(data_dir)` -> `StaticData`: everything but people, validated. Each entry comes
with the surface forms that refer to it and the extra fields `describe` shows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.kb.files import LINE_KEY, fail, read_tsv, read_yaml_list
from tacitus.kb.records import Country, Entry, Seat
from tacitus.kb.text import singular_candidates, slug

_CODE3 = re.compile(r"^[A-Z]{3}$")
_ORG_CODE = re.compile(r"^(IGO|NGO)[A-Z]{3,12}$")
_GROUP_CODE = re.compile(r"^[A-Z]{6}[A-Z0-9]{0,6}$")


@dataclass(frozen=True)
class Item:
    """An entry, the surface forms that refer to it and extra facts for `describe`."""

    entry: Entry
    forms: tuple[str, ...]
    info: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class RoleInfo:
    """A role allowed in people files (people_roles.tsv)."""

    role: str
    sectors: tuple[str, ...]
    rank: int
    title: str


@dataclass
class StaticData:
    """Everything in the KB's data folder except the people files."""

    sectors: dict[str, str]
    countries: dict[str, Country]
    items: list[Item]
    roles: dict[str, Entry]
    person_roles: dict[str, RoleInfo]
    titles: dict[tuple[str, str], str]
    org_names: dict[str, str]
    title_roles: dict[str, frozenset[str]] = field(default_factory=dict)


class _Checker:
    """Field access for one YAML mapping that raises DataError naming the file and line."""

    def __init__(self, path: Path, item: dict[str, Any], allowed: set[str]) -> None:
        self.path = path
        self.item = item
        self.line = item.get(LINE_KEY, 0)
        unknown = set(item) - allowed - {LINE_KEY}
        if unknown:
            raise fail(path, self.line, f"unknown field(s): {', '.join(sorted(unknown))}")

    def error(self, reason: str) -> Exception:
        return fail(self.path, self.line, reason)

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self.item.get(key)
        if value is None:
            if required:
                raise self.error(f"missing field {key!r}")
            return default
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"field {key!r} must be a non-empty string")
        return value.strip()

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.item.get(key)
        if value is None:
            if required:
                raise self.error(f"missing field {key!r}")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(f"field {key!r} must be a list of non-empty strings")
        return tuple(dict.fromkeys(v.strip() for v in value))

    def flag(self, key: str, default: bool) -> bool:
        value = self.item.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"field {key!r} must be true or false")
        return value

    def date(self, key: str) -> dt.date | None:
        """An optional YYYY-MM-DD field (a YAML date or a string) -> date or None."""
        value = self.item.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError as exc:
            raise self.error(f"field {key!r} must be a date YYYY-MM-DD, not {value!r}") from exc

    def code(self, key: str, pattern: re.Pattern[str], *, required: bool = True) -> str | None:
        value = self.item.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not pattern.match(value):
            raise self.error(f"field {key!r}: bad code {value!r}")
        return value

    def sectors(self, known: dict[str, str], default: tuple[str, ...]) -> tuple[str, ...]:
        value = self.texts("sectors") or default
        unknown = [s for s in value if s not in known]
        if unknown:
            raise self.error(f"unknown sector code(s): {', '.join(unknown)}")
        return value


def _read_sectors(path: Path) -> dict[str, str]:
    sectors: dict[str, str] = {}
    for line, (code, name), _ in read_tsv(path, ("code", "name")):
        if not _CODE3.match(code) or code in sectors:
            raise fail(path, line, f"bad or duplicate sector code {code!r}")
        sectors[code] = name
    return sectors


def _parse_sectors(path: Path, line: int, cell: str, known: dict[str, str]) -> tuple[str, ...]:
    sectors = tuple(s.strip() for s in cell.split(",") if s.strip())
    unknown = [s for s in sectors if s not in known]
    if unknown:
        raise fail(path, line, f"unknown sector code(s): {', '.join(unknown)}")
    return sectors


def _read_countries(path: Path, sectors: dict[str, str]) -> dict[str, Country]:
    fields = {"code", "name", "names", "adjectives", "demonyms", "capitals", "seats", "region"}
    fields |= {"un_member", "definite", "since", "until"}
    countries: dict[str, Country] = {}
    for raw in read_yaml_list(path):
        item = _Checker(path, raw, fields)
        code = item.code("code", _CODE3)
        assert code is not None
        if code in countries:
            raise item.error(f"duplicate country code {code}")
        seats = []
        for seat_raw in raw.get("seats") or []:
            if not isinstance(seat_raw, dict):
                raise item.error("each seat must be a mapping")
            seat = _Checker(path, seat_raw, {"name", "names", "sectors"})
            name = seat.text("name")
            names = tuple(dict.fromkeys((name, *seat.texts("names"))))
            seats.append(Seat(name, names, seat.sectors(sectors, ("GOV",))))
        name = item.text("name")
        countries[code] = Country(
            code=code,
            name=name,
            names=tuple(dict.fromkeys((name, *item.texts("names")))),
            adjectives=item.texts("adjectives"),
            demonyms=item.texts("demonyms"),
            capitals=item.texts("capitals"),
            seats=tuple(seats),
            region=item.code("region", _CODE3) or "",
            un_member=item.flag("un_member", False),
            definite=item.flag("definite", False),
            since=item.date("since"),
            until=item.date("until"),
        )
        known = countries[code]
        if known.since and known.until and known.until < known.since:
            raise item.error("until is before since")
        if known.until and known.un_member:
            raise item.error("a state that ended (until) is not a current UN member")
    return countries


def _country_items(countries: dict[str, Country]) -> list[Item]:
    items: list[Item] = []
    for c in countries.values():
        for kind, forms in (
            ("country", c.names),
            ("adjective", c.adjectives),
            ("demonym", c.demonyms),
            ("capital", c.capitals),
        ):
            if forms:
                items.append(Item(Entry(kind, c.code, c.name, c.code, c.code), forms))
        for seat in c.seats:
            key = f"seat:{c.code}:{slug(seat.name)}"
            entry = Entry("seat", key, seat.name, c.code + seat.sectors[0], c.code, seat.sectors)
            items.append(Item(entry, seat.names, {"of": c.name}))
    return items


def _read_regions(path: Path, known_codes: set[str]) -> list[Item]:
    items: list[Item] = []
    for raw in read_yaml_list(path):
        item = _Checker(path, raw, {"code", "name", "names", "adjectives", "cameo"})
        code = item.code("code", _CODE3)
        assert code is not None
        if code in known_codes:
            raise item.error(f"duplicate code {code}")
        known_codes.add(code)
        name = item.text("name")
        info = {"cameo": item.flag("cameo", True)}
        names = tuple(dict.fromkeys((name, *item.texts("names"))))
        items.append(Item(Entry("region", code, name, code, code), names, info))
        adjectives = item.texts("adjectives")
        if adjectives:
            items.append(Item(Entry("region_adjective", code, name, code, code), adjectives, info))
    return items


def _read_orgs(path: Path, sectors: dict[str, str], known_codes: set[str]) -> list[Item]:
    items: list[Item] = []
    for raw in read_yaml_list(path):
        item = _Checker(path, raw, {"code", "name", "names", "sectors", "cameo", "type"})
        code = item.code("code", _ORG_CODE)
        assert code is not None
        if code in known_codes:
            raise item.error(f"duplicate code {code}")
        known_codes.add(code)
        kind = item.text("type", required=False, default="igo")
        if kind not in ("igo", "ngo"):
            raise item.error(f"type must be igo or ngo, not {kind!r}")
        name = item.text("name")
        entry = Entry(
            "igo",
            code,
            name,
            code,
            code,
            item.sectors(sectors, ("IGO",) if kind == "igo" else ("NGO",)),
        )
        info = {"type": kind, "cameo": item.flag("cameo", True)}
        items.append(Item(entry, tuple(dict.fromkeys((name, *item.texts("names")))), info))
    return items


def _read_groups(
    path: Path, sectors: dict[str, str], countries: dict[str, Country], known_codes: set[str]
) -> list[Item]:
    fields = {"code", "kind", "name", "names", "country", "sectors", "cameo", "governing", "note"}
    items: list[Item] = []
    for raw in read_yaml_list(path):
        item = _Checker(path, raw, fields)
        code = item.code("code", _GROUP_CODE)
        assert code is not None
        if code in known_codes:
            raise item.error(f"duplicate code {code}")
        known_codes.add(code)
        kind = item.text("kind")
        if kind not in ("armed_group", "party"):
            raise item.error(f"kind must be armed_group or party, not {kind!r}")
        country = item.code("country", _CODE3, required=False)
        if country is not None and country not in countries:
            raise item.error(f"unknown country {country}")
        name = item.text("name")
        entry = Entry(kind, code, name, code, country, item.sectors(sectors, ("REB",)))
        info: dict[str, Any] = {"cameo": item.flag("cameo", True)}
        if "governing" in raw:
            info["governing"] = item.flag("governing", False)
        if "note" in raw:
            info["note"] = item.text("note")
        items.append(Item(entry, tuple(dict.fromkeys((name, *item.texts("names")))), info))
    return items


def _read_media(path: Path, countries: dict[str, Country]) -> list[Item]:
    items: list[Item] = []
    keys: set[str] = set()
    for raw in read_yaml_list(path):
        item = _Checker(path, raw, {"name", "names", "country", "generic"})
        name = item.text("name")
        key = f"media:{slug(name)}"
        if key in keys:
            raise item.error(f"duplicate media name {name!r}")
        keys.add(key)
        country = item.code("country", _CODE3, required=False)
        if country is not None and country not in countries:
            raise item.error(f"unknown country {country}")
        generic = item.flag("generic", False)
        if generic == (country is not None):
            raise item.error("a media entry has a country, or is generic: true, not both")
        entry = Entry("media", key, name, (country or "") + "MED", country, ("MED",))
        forms = item.texts("names", required=generic) or (name,)
        items.append(Item(entry, forms if generic else tuple(dict.fromkeys((name, *forms)))))
    return items


def _read_roles(path: Path, sectors: dict[str, str]) -> dict[str, Entry]:
    roles: dict[str, Entry] = {}
    for line, (phrase, cell, kind), _ in read_tsv(path, ("phrase", "sectors", "kind")):
        if phrase != phrase.lower() or not phrase:
            raise fail(path, line, f"role phrases are lower case: {phrase!r}")
        if kind not in ("title", "group"):
            raise fail(path, line, f"kind must be title or group, not {kind!r}")
        if phrase in roles:
            raise fail(path, line, f"duplicate phrase {phrase!r}")
        roles[phrase] = Entry(
            kind, f"{kind}:{phrase}", phrase, "", None, _parse_sectors(path, line, cell, sectors)
        )
    return _share_lemmas(roles)


def _share_lemmas(roles: dict[str, Entry]) -> dict[str, Entry]:
    """Point a plural phrase at its singular's entry when both have the same kind and sectors
    ("presidents" -> title:president), so the coder sees one entry per role."""
    shared = dict(roles)
    for phrase, entry in roles.items():
        for singular in singular_candidates(phrase):
            base = roles.get(singular)
            if base is not None and (base.kind, base.sectors) == (entry.kind, entry.sectors):
                shared[phrase] = base
                break
    return shared


def _read_person_roles(path: Path, sectors: dict[str, str]) -> dict[str, RoleInfo]:
    roles: dict[str, RoleInfo] = {}
    columns = ("role", "sectors", "rank", "title")
    for line, (role, cell, rank, title), _ in read_tsv(path, columns):
        if not re.match(r"^[a-z_]+$", role) or role in roles:
            raise fail(path, line, f"bad or duplicate role {role!r}")
        if not rank.isdigit():
            raise fail(path, line, f"rank must be a whole number, not {rank!r}")
        roles[role] = RoleInfo(role, _parse_sectors(path, line, cell, sectors), int(rank), title)
    return roles


def _read_titles(
    path: Path, roles: dict[str, RoleInfo], codes: set[str]
) -> dict[tuple[str, str], str]:
    titles: dict[tuple[str, str], str] = {}
    for line, (country, role, title), _ in read_tsv(path, ("country", "role", "title")):
        if country not in codes:
            raise fail(path, line, f"unknown country or IGO code {country!r}")
        if role not in roles:
            raise fail(path, line, f"unknown role {role!r}")
        titles[(country, role)] = title
    return titles


def _read_title_roles(path: Path, roles: dict[str, RoleInfo]) -> dict[str, frozenset[str]]:
    """title_roles.tsv: lower-case title phrase -> the people roles it names."""
    found: dict[str, frozenset[str]] = {}
    for line, (phrase, cell), _ in read_tsv(path, ("phrase", "roles")):
        if phrase != phrase.lower() or not phrase or phrase in found:
            raise fail(path, line, f"phrases are lower case and unique: {phrase!r}")
        named = frozenset(r.strip() for r in cell.split(",") if r.strip())
        unknown = sorted(named - set(roles))
        if not named or unknown:
            raise fail(path, line, f"unknown or missing role(s): {', '.join(unknown) or cell!r}")
        found[phrase] = named
    return found


def read_static(data_dir: Path) -> StaticData:
    """Read and validate every static data file in `data_dir` (not people/)."""
    sectors = _read_sectors(data_dir / "sectors.tsv")
    countries = _read_countries(data_dir / "countries.yaml", sectors)
    codes = set(countries)
    items = _country_items(countries)
    items += _read_regions(data_dir / "regions.yaml", codes)
    orgs = _read_orgs(data_dir / "igos.yaml", sectors, codes)
    items += orgs
    items += _read_groups(data_dir / "groups.yaml", sectors, countries, codes)
    items += _read_media(data_dir / "media.yaml", countries)
    person_roles = _read_person_roles(data_dir / "people_roles.tsv", sectors)
    org_names = {item.entry.code: item.entry.name for item in orgs}
    return StaticData(
        sectors=sectors,
        countries=countries,
        items=items,
        roles=_read_roles(data_dir / "roles.tsv", sectors),
        person_roles=person_roles,
        titles=_read_titles(data_dir / "titles.tsv", person_roles, set(countries) | set(org_names)),
        org_names=org_names,
        title_roles=_read_title_roles(data_dir / "title_roles.tsv", person_roles),
    )
