"""The knowledge-base page's search: a name or part of one, and/or a country, in; the people
with every position they held (title, start, end, held on the chosen date), what the name
resolves to on that date, and the non-person entries (countries, IGOs, groups) out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tacitus.kb import KnowledgeBase, Person
from tacitus.kb.text import fold

# People listed at most on one page.
LIMIT = 60


Names = list[tuple[Person, tuple[str, ...]]]


def name_index(kb: KnowledgeBase) -> Names:
    """Every person of `kb` with their name and aliases folded (accents and case removed):
    folding ~80,000 names takes most of a search, so a Site builds this once."""
    return [(person, tuple(fold(name) for name in (person.name, *person.aliases)))
            for person in kb.people()]


def _person(kb: KnowledgeBase, person: Person, country: str | None, day: dt.date
            ) -> dict[str, Any]:
    positions = [p for p in person.positions if country is None or p.country == country]
    positions.sort(key=lambda p: p.start or dt.date.min, reverse=True)
    return {
        "kb_id": person.kb_id,
        "name": person.name,
        "aliases": list(person.aliases),
        "positions": [
            {"country": p.country, "role": p.role, "title": kb.title(p.country, p.role),
             "start": p.start.isoformat() if p.start else None,
             "end": p.end.isoformat() if p.end else None,
             "held": p.holds_on(day), "note": p.note}
            for p in positions
        ],
    }


def search(kb: KnowledgeBase, q: str, country: str | None, on: dt.date | None,
           names: Names | None = None) -> dict[str, Any]:
    """People whose name or alias contains `q` (accents and case ignored) and who held a
    position in `country` (either may be empty), newest position first; `on` (default
    today) marks the positions held that day and resolves `q` as the coder would. `names`
    is `name_index(kb)`, when the caller keeps one."""
    day = on or dt.date.today()
    out: dict[str, Any] = {"people": [], "entries": [], "resolved": None, "more": 0}
    if not q and not country:
        return out
    needle = fold(q) if q else ""
    found = [
        person for person, folded in (name_index(kb) if names is None else names)
        if (not needle or any(needle in name for name in folded))
        and (country is None or any(p.country == country for p in person.positions))
    ]
    found.sort(key=lambda p: max(pos.start or dt.date.min for pos in p.positions
                                  if country is None or pos.country == country),
               reverse=True)
    match = kb.resolve_person(q, day, country) if q else None
    if match is not None:  # whom the name means on that day comes first
        found.sort(key=lambda p: p.kb_id != match.kb_id)
        out["resolved"] = match.to_dict()
    out["more"] = max(0, len(found) - LIMIT)
    out["people"] = [_person(kb, person, country, day) for person in found[:LIMIT]]
    if q:
        out["entries"] = [
            {k: v for k, v in entry.items() if k in ("kind", "key", "name", "code", "country",
                                                    "sectors", "region", "names")}
            for entry in kb.describe(q, day) if entry.get("kind") != "person"
        ]
    return out
