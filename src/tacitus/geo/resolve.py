"""Choose the GeoNames record each place mention of an article means, using the article.

`PlaceResolver(gazetteer).resolve(doc, mentions, actor_countries)` -> list of
`tacitus.model.Place`, one per mention in text order (a weak mention, a one-word "person"
that is also a town, only when the article names the town's country otherwise). Every
candidate gets a prior from its kind and size (a country over a region over a big city over
a small one; a record's own name
over an alternate one) plus what the article says:

- qualifiers: "Paris, Texas", "Edmonton, Ky.", "the Ukrainian city of Kharkiv";
- countries and regions the article names (country names, adjectives, the regions of its
  places, the countries of its actors), the leading one counting most;
- the dateline ("KHARKIV, Ukraine (AP) -") and nearness to the article's other places.

Resolution runs twice (the second pass sees the first pass's places) and then gives every
mention of the same name the sense its mentions support best together.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from tacitus.geo.coordinates import distance_km
from tacitus.geo.index import Candidate, Gazetteer
from tacitus.geo.mentions import Mention
from tacitus.geo.sources import GeoRecord
from tacitus.model import Place

_DATELINE_END = re.compile(r"\s[—–-]{1,2}\s|\((?:AP|AFP|Reuters|CNN|UPI|dpa|Xinhua)\)|:\s")
TYPE_NOUNS = frozenset(
    {"city", "town", "village", "capital", "port", "province", "region", "state", "district",
     "county", "enclave", "stronghold", "island", "suburb", "area", "governorate", "oblast"}
)
QUALIFIER_BONUS = 8.0
CAPITAL_BONUS = 3.0
NEAR_KM = 150.0
NEAR_DEGREES = NEAR_KM / 111.0  # a degree of latitude is ~111 km: a cheap first test


@dataclass
class _Choice:
    candidate: Candidate | None
    score: float
    reason: str


def _prior(candidate: Candidate) -> float:
    record = candidate.record
    size = math.log10(record.population + 10)
    if record.feature == "country":
        return 11.0 if candidate.primary or candidate.adjective else 9.0
    if record.feature == "continent":
        return 10.0 if candidate.primary else 7.0
    if record.feature == "adm1":
        return 9.0 if candidate.primary else 6.0
    if record.feature == "adm2":
        return size - (0.5 if candidate.primary else 2.0)
    return size + (1.0 if candidate.primary else -0.5)


def _capital(mention: Mention) -> Candidate | None:
    """The city a knowledge-base capital name means: the candidate city of that country
    whose own name it is (100,000+ people), else the country's most populous candidate."""
    if mention.hint_kind != "capital":
        return None
    cities = [
        c for c in mention.candidates
        if c.record.feature == "city" and c.record.country == mention.country_hint
    ]
    own = [c for c in cities if c.primary and c.record.population >= 100_000]
    pool = own or cities
    return max(pool, key=lambda c: c.record.population) if pool else None


DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "northeastern", "northwestern", "southeastern", "southwestern", "northeast",
     "northwest", "southeast", "southwest", "the"}
)


def _in_phrase(doc: Doc, i: int, j: int) -> bool:
    """True when the words between two mentions are "in" plus direction words ("Van in
    eastern Turkey", "Gazipur in Bangladesh")."""
    words = [t.lower_ for t in doc[i:j]]
    return bool(words) and words[0] in {"in", ","} and len(words) <= 3 and all(
        w in DIRECTIONS for w in words[1:]
    ) and (words[0] == "in" or (len(words) > 1 and words[1] == "in"))


def dateline_span(text: str) -> tuple[int, int]:
    """(start, end) of a dateline ("KHARKIV, Ukraine (AP) -") that opens the text or the
    paragraph after a headline, or (0, 0) when there is none."""
    starts = [0]
    first_break = text.find("\n\n", 0, 300)
    if first_break > 0:
        starts.append(first_break + 2)
    for start in starts:
        while start < len(text) and text[start].isspace():
            start += 1
        match = _DATELINE_END.search(text, start, start + 100)
        if match is None or "\n" in text[start : match.start()]:
            continue
        head = text[start : match.start()].strip()
        words = head.replace(",", " ").split()
        if words and len(words) <= 8 and ". " not in head and words[0][:1].isupper():
            return start, match.start()
    return 0, 0


def dateline_end(text: str) -> int:
    """The offset where a leading dateline ends (see `dateline_span`), or 0."""
    return dateline_span(text)[1]


class PlaceResolver:
    """Resolves an article's mentions against the gazetteer (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(
        self, doc: Doc, mentions: list[Mention], actor_countries: Iterable[str] = ()
    ) -> list[Place]:
        for mention in mentions:
            self._complete(mention)
        qualifiers = self._qualifiers(doc, mentions)
        mid_article = Doc.has_extension("window_start") and doc._.window_start  # a later window
        dateline = (0, 0) if mid_article else dateline_span(doc.text)
        base = Counter(c for c in actor_countries if c and len(c) == 3)
        for mention in mentions:
            sure = self._sure_country(mention)
            if sure:
                base[sure] += 2
        choices = [self._choose(m, qualifiers.get(n), base, Counter(), []) for n, m in
                   enumerate(mentions)]
        for _ in range(2):
            countries, regions, points = self._context(choices, base, mentions, dateline)
            choices = [
                self._choose(m, qualifiers.get(n), countries, regions, points,
                             own=choices[n].candidate)
                for n, m in enumerate(mentions)
            ]
        choices = self._one_sense(mentions, choices, qualifiers)
        supported = set(base) | {
            c.candidate.record.country
            for m, c in zip(mentions, choices, strict=True)
            if c.candidate is not None and not m.weak
        }
        return [
            self._place(m, c)
            for m, c in zip(mentions, choices, strict=True)
            if not m.weak or (c.candidate is not None and c.candidate.record.country in supported)
        ]

    def _complete(self, mention: Mention) -> None:
        """Add the knowledge base's country and an abbreviation's region as candidates."""
        extra: list[GeoRecord | None] = []
        own_place = any(
            c.primary and c.record.feature != "country" and c.record.country == mention.country_hint
            for c in mention.candidates
        )
        if mention.country_hint and mention.hint_kind != "capital" and not own_place:
            extra.append(self.gazetteer.country(mention.country_hint))
        if mention.adm1_hint:
            extra.append(self.gazetteer.adm1(*mention.adm1_hint))
        have = {c.record.geonames_id for c in mention.candidates}
        for record in extra:
            if record is not None and record.geonames_id not in have:
                mention.candidates.append(Candidate(-1, record, True, mention.kind != "name"))
        if mention.kind == "adjective":
            mention.candidates = [
                c for c in mention.candidates
                if c.record.feature in {"country", "continent"} or c.adjective
            ]
        if mention.kind == "abbreviation":
            mention.candidates = [c for c in mention.candidates if c.record.feature == "adm1"]

    def _sure_country(self, mention: Mention) -> str | None:
        if mention.kind == "abbreviation" and mention.adm1_hint:
            return mention.adm1_hint[0]
        if mention.country_hint and mention.kind == "adjective":
            return mention.country_hint
        countries = {c.record.country for c in mention.candidates}
        if mention.country_hint and mention.country_hint in countries:
            return mention.country_hint
        return None

    def _qualifiers(self, doc: Doc, mentions: list[Mention]) -> dict[int, tuple[str, str | None]]:
        """Mention index -> (country, adm1 or None) its words pin it to: "X, Y" where Y is a
        country or region, and "the <adjective> city of X"."""
        found: dict[int, tuple[str, str | None]] = {}
        for n, mention in enumerate(mentions):
            nxt = mentions[n + 1] if n + 1 < len(mentions) else None
            if (
                nxt is not None
                and nxt.i == mention.j + 1
                and doc[mention.j].text == ","
                and mention.kind == "name"
            ):
                region = self._region_of(nxt)
                if region is not None:
                    found[n] = region
            if (
                nxt is not None
                and mention.kind == "name"
                and n not in found
                and _in_phrase(doc, mention.j, nxt.i)
            ):
                region = self._region_of(nxt)
                if region is not None:
                    found[n] = region
            if mention.kind == "adjective" and mention.country_hint and nxt is not None:
                between = doc[mention.j : nxt.i]
                words = [t.lower_ for t in between]
                if (
                    0 < len(words) <= 4
                    and words[-1] == "of"
                    and any(w in TYPE_NOUNS for w in words)
                ):
                    found[n + 1] = (mention.country_hint, None)
        return found

    def _region_of(self, mention: Mention) -> tuple[str, str | None] | None:
        if mention.kind == "abbreviation" and mention.adm1_hint:
            return mention.adm1_hint
        if mention.country_hint and mention.kind == "name":
            return (mention.country_hint, None)
        regions = [c.record for c in mention.candidates if c.record.feature in {"country", "adm1"}]
        if not regions:
            return None
        best = max(regions, key=lambda r: (r.feature == "country", r.population))
        return (best.country or "", best.adm1 if best.feature == "adm1" else None)

    def _context(
        self, choices: list[_Choice], base: Counter, mentions: list[Mention],
        dateline: tuple[int, int],
    ) -> tuple[Counter, Counter, list[tuple[int, GeoRecord]]]:
        countries: Counter = Counter(base)
        regions: Counter = Counter()
        points: list[tuple[int, GeoRecord]] = []
        for n, choice in enumerate(choices):
            if choice.candidate is None:
                continue
            record = choice.candidate.record
            weight = 2 if dateline[0] <= mentions[n].start < dateline[1] else 1
            if record.country:
                countries[record.country] += weight
            if record.feature in {"adm1", "adm2", "city"} and record.adm1:
                regions[(record.country, record.adm1)] += weight
            if record.feature in {"city", "adm2"}:
                points.append((n, record))
        return countries, regions, points

    def _choose(
        self,
        mention: Mention,
        qualifier: tuple[str, str | None] | None,
        countries: Counter,
        regions: Counter,
        points: list[tuple[int, GeoRecord]],
        own: Candidate | None = None,
    ) -> _Choice:
        if not mention.candidates:
            return _Choice(None, 0.0, "")
        if len(mention.candidates) == 1:
            return _Choice(mention.candidates[0], _prior(mention.candidates[0]), "one")
        leader = countries.most_common(1)[0][0] if countries else None
        scored: list[tuple[float, float, Candidate]] = []
        containers = {
            (c.record.country, c.record.adm1)
            for c in mention.candidates
            if c.record.feature == "adm1"
        }
        capital = _capital(mention)
        for candidate in mention.candidates:
            record = candidate.record
            prior = _prior(candidate)
            if (
                record.feature == "city"
                and record.population >= 1_000_000
                and (record.country, record.adm1) in containers
            ):
                prior += 3.5  # "Kharkiv": the city, not the region named after it
            bonus = 0.0
            if candidate is capital:
                # The knowledge base knows the name as this country's capital ("Washington"):
                # count it as the city's own name, and as the capital.
                bonus += CAPITAL_BONUS + (0.0 if candidate.primary else 1.5)
            if record.country:
                count = countries.get(record.country, 0)
                if own is not None and own.record.country == record.country:
                    count -= 1
                if count > 0:
                    bonus += 2.0 + 0.4 * min(count, 6) + (0.5 if record.country == leader else 0)
                count = regions.get((record.country, record.adm1), 0) if record.adm1 else 0
                if own is not None and (own.record.country, own.record.adm1) == (
                    record.country, record.adm1
                ):
                    count -= 1
                if count > 0 and record.feature != "country":
                    bonus += 2.5 if candidate.primary else 1.0
            if record.feature in {"city", "adm2"} and any(
                abs(record.lat - other.lat) < NEAR_DEGREES
                and distance_km(record.lat, record.lon, other.lat, other.lon) <= NEAR_KM
                for _, other in points
                if other.geonames_id != record.geonames_id
            ):
                bonus += 1.0 if candidate.primary else 0.5
            if qualifier is not None and record.country == qualifier[0] and (
                qualifier[1] is None or record.adm1 == qualifier[1]
            ):
                bonus += QUALIFIER_BONUS
            scored.append((prior + bonus, prior, candidate))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        best_score, best_prior, best = scored[0]
        if qualifier is not None and best.record.country == qualifier[0]:
            reason = "qualifier"
        elif best_prior < max(p for _, p, _ in scored):
            reason = "context"
        else:
            reason = "population"
        return _Choice(best, best_score, reason)

    def _one_sense(
        self,
        mentions: list[Mention],
        choices: list[_Choice],
        qualifiers: dict[int, tuple[str, str | None]],
    ) -> list[_Choice]:
        """Every unqualified mention of one name takes the sense its mentions chose most
        strongly together ("Edmonton" is one place throughout an article)."""
        support: dict[str, Counter] = {}
        best: dict[tuple[str, int], _Choice] = {}
        for n, (mention, choice) in enumerate(zip(mentions, choices, strict=True)):
            if choice.candidate is None or mention.kind != "name":
                continue
            gid = choice.candidate.record.geonames_id
            weight = choice.score + (QUALIFIER_BONUS if n in qualifiers else 0.0)
            support.setdefault(mention.key, Counter())[gid] += weight
            if (mention.key, gid) not in best or best[(mention.key, gid)].score < choice.score:
                best[(mention.key, gid)] = choice
        result = []
        for n, (mention, choice) in enumerate(zip(mentions, choices, strict=True)):
            votes = support.get(mention.key)
            if choice.candidate is None or mention.kind != "name" or n in qualifiers or not votes:
                result.append(choice)
                continue
            gid = votes.most_common(1)[0][0]
            chosen = best[(mention.key, gid)]
            if gid != choice.candidate.record.geonames_id:
                chosen = _Choice(chosen.candidate, chosen.score, "context")
            result.append(chosen)
        return result

    @staticmethod
    def _place(mention: Mention, choice: _Choice) -> Place:
        place = Place(text=mention.text, start=mention.start, end=mention.end)
        if choice.candidate is None:
            place.feature = "landmark" if mention.label in {"FAC", "LOC"} else None
            return place
        record = choice.candidate.record
        place.name = record.name
        place.geonames_id = record.geonames_id
        place.feature = record.feature
        place.country = record.country
        place.adm1 = record.adm1
        place.lat = round(record.lat, 5)
        place.lon = round(record.lon, 5)
        place.found_by = choice.reason
        return place
