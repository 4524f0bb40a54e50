"""The actor knowledge base: indexes over the loaded data and the lookups the coder uses.

`KnowledgeBase` is built once (see `tacitus.kb.load_kb`) and passed around; it never changes
after construction and does no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from tacitus.kb.clues import Clues, read_clues
from tacitus.kb.loader import StaticData
from tacitus.kb.records import Country, Entry, Person, PersonMatch, Position, Term
from tacitus.kb.text import fold, normalize, singular_candidates, strip_accents

_FORMER = ("ELI",)
# A lone surname matches a former office holder only within this many years of leaving office
# (or with a title, country or "former" beside it): "Collins" in 2020 is not Ireland's
# foreign minister of 1989-1992.
STALE_YEARS = 10
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "sheikh", "shaikh", "prof"}
    | {"mister", "madam", "his", "her", "excellency", "hon", "honourable", "honorable"}
)


def _capitalised(form: str) -> str:
    return form[0].upper() + form[1:]


class KnowledgeBase:
    """Countries, regions, IGOs, groups, media, people and role phrases, indexed for lookup."""

    def __init__(
        self, static: StaticData, people: dict[str, Person], vacancies: list[Term] | None = None
    ) -> None:
        self._static = static
        self._vacancies = list(vacancies or ())
        self._countries = static.countries
        self._roles = static.roles
        self._people = people
        self._forms: list[tuple[str, Entry]] = []
        self._info: dict[tuple[str, str], dict[str, Any]] = {}
        self._index: dict[str, list[Entry]] = {}
        self._accent_index: dict[str, list[Entry]] = {}
        self._person_index: dict[str, list[str]] = {}
        self._person_fold: dict[str, list[str]] = {}
        self._weak: set[tuple[str, str]] = set()
        for item in static.items:
            self._info[(item.entry.kind, item.entry.key)] = item.info
            for form in item.forms:
                self._add_form(form, item.entry)
                if form[0].islower():
                    self._add_form(_capitalised(form), item.entry)
        for person in people.values():
            self._add_person(person)
        for phrase, entry in self._roles.items():
            self._forms.append((phrase, entry))

    def _add_person(self, person: Person) -> None:
        """Index a person's name and aliases (thousands of people: each form is normalised
        once, and a person's own entry is new to every bucket it joins)."""
        latest = max(person.positions, key=lambda p: p.start or dt.date.min)
        entry = Entry("person", person.kb_id, person.name, "", latest.country)
        kb_id = person.kb_id
        seen: set[str] = set()
        for form in (person.name, *person.aliases):
            key = normalize(form)
            accentless = strip_accents(key)
            self._forms.append((form, entry))
            if key in seen:
                continue
            seen.add(key)
            self._index.setdefault(key, []).append(entry)
            self._person_index.setdefault(key, []).append(kb_id)
            _append(self._accent_index, accentless, entry)
            _append(self._person_fold, accentless.casefold(), kb_id)
        self._weak.update((kb_id, fold(form)) for form in person.weak_aliases)

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

    def terms(self, country: str, role: str) -> list[Term]:
        """Every recorded stretch of one office, holders and "(vacant)" rows, by start date."""
        found = [
            Term(country, role, pos.start, pos.end, person.kb_id, person.name, pos.note, pos.source)
            for person in self._people.values()
            for pos in person.positions
            if pos.country == country and pos.role == role
        ]
        found += [t for t in self._vacancies if t.country == country and t.role == role]
        return sorted(found, key=lambda t: (t.start or dt.date.min, t.end or dt.date.max))

    def vacancies(self) -> list[Term]:
        """Every "(vacant)" row: offices recorded as held by nobody, with the reason."""
        return list(self._vacancies)

    def clues(self, text: str) -> Clues:
        """What `text` says about a person named in it: the countries and organisations it
        names (by name, adjective, capital or seat), the roles its titles name
        (title_roles.tsv), and whether it calls the person former."""
        return read_clues(text, self.lookup, self._static.title_roles) if text else Clues()

    def resolve_person(
        self,
        name: str,
        on: dt.date | None = None,
        country: str | None = None,
        *,
        near: str = "",
        sentence: str = "",
    ) -> PersonMatch | None:
        """Who `name` (full name, alias or surname) is on date `on` (None = today).

        Only positions started by `on` count (None when there is none); `country` keeps
        only positions in that country. A longer name not known as a whole matches by its
        known ending when its given name fits ("Joe R. Biden"; "Susan Collins" matches no
        Collins of the KB). A lone surname skips positions that ended over STALE_YEARS
        before `on` unless `country` or `near` points to them. Among people who share the
        name, in order:
        1. clues in `near` (the words of the name's own phrase: "Pakistani army chief",
           "the UN's") -- a country or organisation and a title that fit a position;
        2. in office on `on` (sectors of the role), unless `near` says "former"/"ex-", then
           a position that ended (sectors ELI);
        3. clues in `sentence` (the rest of the sentence);
        4. a plain match of the name before a secondary ("~") alias;
        5. in office: the most senior role, then the latest start; ended: the latest end,
           then the most senior role.
        """
        day = on or dt.date.today()
        people, bare = self._named(name)
        candidates = [
            (person, position)
            for person in people
            for position in person.positions
            if (country is None or position.country == country)
            and (position.start is None or position.start <= day)
        ]
        if not candidates:
            return None
        ambiguous = len({p.kb_id for p, _ in candidates}) > 1
        close = self.clues(near) if ambiguous or near or bare else Clues()
        wide = self.clues(sentence) if ambiguous else Clues()
        if bare and country is None:  # a lone surname does not reach long-retired holders
            stale = day - dt.timedelta(days=round(365.25 * STALE_YEARS))
            candidates = [
                (person, pos)
                for person, pos in candidates
                if pos.end is None or pos.end >= stale or close.former or close.score(pos)
            ]
            if not candidates:
                return None
        key = fold(name)

        def rank(candidate: tuple[Person, Position]) -> tuple[int, ...]:
            person, position = candidate
            current = position.holds_on(day)
            order = self._seniority(position.role)
            tail = (
                (*order, -(position.start or dt.date.min).toordinal())
                if current
                else (-position.end.toordinal(), *order)  # type: ignore[union-attr]
            )
            return (
                -close.score(position),
                int(current == close.former),
                -wide.score(position),
                int((person.kb_id, key) in self._weak),
                *tail,
            )

        person, position = min(candidates, key=rank)
        return self._match(person, position, current=position.holds_on(day))

    def _named(self, name: str) -> tuple[list[Person], bool]:
        """The people `name` names, and whether only by a one-word alias ("Collins").

        A longer name that is not known as a whole ("Vladimir Vladimirovich Putin", "Susan
        Collins") is matched by its longest known ending, kept only when the first given name
        before it (titles and honorifics skipped) is one of that person's own names."""
        found = self.find_people(name)
        words = normalize(name).split()
        if found:
            return found, len(words) == 1 and all(fold(name) != fold(p.name) for p in found)
        for i in range(1, len(words)):
            people = self.find_people(" ".join(words[i:]))
            if not people:
                continue
            given = [
                w
                for w in words[:i]
                if w[:1].isupper()
                and fold(w).rstrip(".") not in HONORIFICS
                and w.lower() not in self._static.title_roles
            ]
            if not given:
                return people, i == len(words) - 1
            first = fold(given[0]).rstrip(".")
            return [p for p in people if first in _name_words(p)], False
        return [], False

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


def _name_words(person: Person) -> set[str]:
    """Every word of a person's name and aliases, folded ("vladimir", "putin")."""
    return {w.rstrip(".") for form in (person.name, *person.aliases) for w in fold(form).split()}


def _append(index: dict[str, list[Any]], key: str, value: Any) -> None:
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)
