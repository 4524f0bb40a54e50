"""The actor knowledge base: indexes over the loaded data and the lookups the coder uses.

`KnowledgeBase` is built once (see `tacitus.kb.load_kb`) and passed around; it never changes
after construction and does no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from tacitus.kb.loader import StaticData
from tacitus.kb.records import Country, Entry, Person, PersonMatch, Position
from tacitus.kb.text import fold, normalize, singular_candidates, strip_accents

_FORMER = ("ELI",)


def _capitalised(form: str) -> str:
    return form[0].upper() + form[1:]


class KnowledgeBase:
    """Countries, regions, IGOs, groups, media, people and role phrases, indexed for lookup."""

    def __init__(self, static: StaticData, people: dict[str, Person]) -> None:
        self._static = static
        self._countries = static.countries
        self._roles = static.roles
        self._people = people
        self._forms: list[tuple[str, Entry]] = []
        self._info: dict[tuple[str, str], dict[str, Any]] = {}
        self._index: dict[str, list[Entry]] = {}
        self._accent_index: dict[str, list[Entry]] = {}
        self._person_index: dict[str, list[str]] = {}
        self._person_fold: dict[str, list[str]] = {}
        for item in static.items:
            self._info[(item.entry.kind, item.entry.key)] = item.info
            for form in item.forms:
                self._add_form(form, item.entry)
                if form[0].islower():
                    self._add_form(_capitalised(form), item.entry)
        for person in people.values():
            latest = max(person.positions, key=lambda p: p.start or dt.date.min)
            entry = Entry("person", person.kb_id, person.name, "", latest.country)
            for form in (person.name, *person.aliases):
                self._add_form(form, entry)
                _append(self._person_index, normalize(form), person.kb_id)
                _append(self._person_fold, fold(form), person.kb_id)
        for phrase, entry in self._roles.items():
            self._forms.append((phrase, entry))

    def _add_form(self, form: str, entry: Entry) -> None:
        self._forms.append((form, entry))
        key = normalize(form)
        _append(self._index, key, entry)
        _append(self._accent_index, strip_accents(key), entry)

    # --- surface forms and lookups ------------------------------------------------------------

    def surface_forms(self) -> Iterator[tuple[str, Entry]]:
        """Every literal string to look for in text, with the entry it refers to.

        Proper names come as written in news (match them case-sensitively); a proper name
        written in lower case ("mainland China") also comes capitalised. Role phrases come in
        lower case (match them on lower-cased text).
        """
        return iter(self._forms)

    def lookup(self, text: str) -> list[Entry]:
        """Entries whose surface form equals `text` after normalisation (whitespace,
        apostrophes, a leading "the ", a trailing "'s"); proper names match case-sensitively
        (accents optional), role phrases in any case. Proper names come first; [] when none."""
        key = normalize(text)
        if not key:
            return []
        found = list(self._index.get(key, ()))
        if not found:
            found = list(self._accent_index.get(strip_accents(key), ()))
        role = self._roles.get(key.lower())
        if role is not None and role not in found:
            found.append(role)
        return found

    def role(self, phrase: str) -> Entry | None:
        """The title/group entry for a phrase or its singular ("presidents" -> president)."""
        key = normalize(phrase).lower()
        if key in self._roles:
            return self._roles[key]
        for candidate in singular_candidates(key):
            if candidate in self._roles:
                return self._roles[candidate]
        return None

    def is_media(self, text: str) -> bool:
        """True when `text` names a news outlet or a generic media phrase ("state media")."""
        return any(entry.kind == "media" for entry in self.lookup(text))

    def country(self, code: str) -> Country | None:
        """The country or territory with this ISO3 code (XKX for Kosovo), or None."""
        return self._countries.get(code.strip().upper())

    def countries(self) -> Iterator[Country]:
        """Every country and territory, in data order."""
        return iter(self._countries.values())

    def entries(self, kind: str | None = None) -> Iterator[Entry]:
        """Every distinct entry (optionally of one kind), in load order."""
        seen: set[Entry] = set()
        for _, entry in self._forms:
            if entry not in seen and (kind is None or entry.kind == kind):
                seen.add(entry)
                yield entry

    # --- people ----------------------------------------------------------------------------

    def people(self) -> Iterator[Person]:
        """Every person with every position held, sorted by name."""
        return iter(sorted(self._people.values(), key=lambda p: p.name))

    def person(self, kb_id: str) -> Person | None:
        """The person with this kb_id ("person:shehbaz-sharif"), or None."""
        return self._people.get(kb_id)

    def find_people(self, name: str) -> list[Person]:
        """People whose full name or alias is `name` (exact, then accent/case-insensitive)."""
        ids = self._person_index.get(normalize(name)) or self._person_fold.get(fold(name), [])
        return [self._people[i] for i in ids]

    def person_roles(self) -> tuple[str, ...]:
        """The roles allowed in people files (people_roles.tsv), most senior first."""
        roles = self._static.person_roles.values()
        return tuple(r.role for r in sorted(roles, key=lambda r: r.rank))

    def title(self, country: str, role: str) -> str:
        """Human title of a role in a country: "Prime Minister of Pakistan"."""
        override = self._static.titles.get((country, role))
        if override:
            return override
        info = self._static.person_roles.get(role)
        template = info.title if info else role.replace("_", " ").title() + " of {country}"
        known = self._countries.get(country)
        if known is not None:
            where = known.title_name
        elif country in self._static.org_names:
            where = self._static.org_names[country]
            where = where if where.isupper() else f"the {where}"
        else:
            where = country
        return template.format(country=where)

    def resolve_person(
        self, name: str, on: dt.date | None = None, country: str | None = None
    ) -> PersonMatch | None:
        """Who `name` (full name, alias or surname) is on date `on` (None = today).

        Prefers a holder in office on that date (the most senior role, then the latest
        start); else the most recent former holder (sectors ELI); None when no position of a
        matching person had started by then. `country` narrows to positions in that country.
        """
        day = on or dt.date.today()
        candidates = [
            (person, position)
            for person in self.find_people(name)
            for position in person.positions
            if country is None or position.country == country
        ]
        current = [(p, pos) for p, pos in candidates if pos.holds_on(day)]
        if current:
            person, position = min(
                current,
                key=lambda c: (
                    *self._seniority(c[1].role),
                    -(c[1].start or dt.date.min).toordinal(),
                ),
            )
            return self._match(person, position, current=True)
        past = [(p, pos) for p, pos in candidates if pos.end is not None and pos.end < day]
        if past:
            person, position = min(
                past,
                key=lambda c: (-c[1].end.toordinal(), *self._seniority(c[1].role)),  # type: ignore[union-attr]
            )
            return self._match(person, position, current=False)
        return None

    def _seniority(self, role: str) -> tuple[int, int]:
        """(rank, line order) of a role in people_roles.tsv: smaller is more senior."""
        info = self._static.person_roles.get(role)
        if info is None:
            return (99, 99)
        return (info.rank, list(self._static.person_roles).index(role))

    def _match(self, person: Person, position: Position, *, current: bool) -> PersonMatch:
        info = self._static.person_roles.get(position.role)
        sectors = (info.sectors if info else ()) if current else _FORMER
        title = self.title(position.country, position.role)
        if not current:
            title = f"former {title}"
        is_org = position.country in self._static.org_names
        code = position.country if is_org or not sectors else position.country + sectors[0]
        return PersonMatch(
            kb_id=person.kb_id,
            name=person.name,
            country=position.country,
            code=code,
            sectors=sectors,
            role=position.role,
            title=title,
            start=position.start,
            end=position.end,
            current=current,
        )

    # --- describe --------------------------------------------------------------------------

    def describe(self, name: str, on: dt.date | None = None) -> list[dict[str, Any]]:
        """What the KB knows about `name`: one dict per entry (a country code, surface form or
        role phrase); a person's dict lists every position and what the name resolves to."""
        found: list[Entry] = []
        if self.country(name) is not None and name.strip().isupper():
            found.append(Entry("country", name.strip().upper(), "", "", None))
        found += [e for e in self.lookup(name) if e not in found]
        role = self.role(name)
        if role is not None and role not in found:
            found.append(role)
        out: list[dict[str, Any]] = []
        for entry in found:
            out.append(self._describe_entry(entry, name, on))
        return out

    def _describe_entry(self, entry: Entry, name: str, on: dt.date | None) -> dict[str, Any]:
        if entry.kind == "country" and not entry.name:
            country = self._countries[entry.key]
            entry = Entry("country", country.code, country.name, country.code, country.code)
        data = entry.to_dict()
        data.update(self._info.get((entry.kind, entry.key), {}))
        if entry.kind in ("country", "adjective", "demonym", "capital"):
            country = self._countries[entry.key]
            data.update(
                names=list(country.names),
                adjectives=list(country.adjectives),
                demonyms=list(country.demonyms),
                capitals=list(country.capitals),
                seats=[{"name": s.name, "sectors": list(s.sectors)} for s in country.seats],
                region=country.region,
                un_member=country.un_member,
            )
        if entry.kind == "person":
            person = self._people[entry.key]
            day = on or dt.date.today()
            data["aliases"] = list(person.aliases)
            data["positions"] = [
                {
                    "country": p.country,
                    "role": p.role,
                    "title": self.title(p.country, p.role),
                    "start": p.start.isoformat() if p.start else None,
                    "end": p.end.isoformat() if p.end else None,
                    "current": p.holds_on(day),
                    "note": p.note,
                    "source": p.source,
                }
                for p in person.positions
            ]
            match = self.resolve_person(person.name, on)
            data["resolved"] = match.to_dict() if match else None
            if normalize(name) != normalize(person.name):
                alias_match = self.resolve_person(name, on)
                data["name_resolves_to"] = alias_match.to_dict() if alias_match else None
        return data


def _append(index: dict[str, list[Any]], key: str, value: Any) -> None:
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)
