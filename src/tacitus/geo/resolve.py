"""Choose the GeoNames record each place mention of an article means, using the article.

`PlaceResolver(gazetteer).resolve(doc, mentions, actor_countries)` -> list of
`tacitus.model.Place`, one per mention in text order (a weak mention, a one-word "person"
that is also a town, only when the article names the town's country otherwise). Every
candidate gets a prior from its kind and size (a country over a region over a big city over
a small one; a record's own name
over an alternate one) plus what the article says:

- qualifiers: "Paris, Texas", "Edmonton, Ky.", "the Ukrainian city of Kharkiv" (and the
  qualifier itself is the region holding the town: "Atlanta, Georgia" is the US state);
- countries and regions the article's *other* names give (country names, adjectives, the
  regions of its places, the countries of actors named by their own words), counting more
  the larger their share of all the evidence; a name's own mentions never vote for it;
- the dateline ("KHARKIV, Ukraine (AP) -") and nearness to the article's other places.

Resolution runs twice (the second pass sees the first pass's places) and then gives every
mention of the same name the sense its mentions support best together.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from tacitus.geo.coordinates import distance_km
from tacitus.geo.dateline import dateline_span as dateline_span  # re-exported for nlp.places
from tacitus.geo.index import Candidate, Gazetteer
from tacitus.geo.mentions import Mention
from tacitus.geo.sources import GeoRecord
from tacitus.model import Place
from tacitus.textmap import doc_text

TYPE_NOUNS = frozenset(
    {"city", "town", "village", "capital", "port", "province", "region", "state", "district",
     "county", "enclave", "stronghold", "island", "suburb", "area", "governorate", "oblast"}
)
QUALIFIER_BONUS = 8.0
# What the article's other names are worth: a base for any evidence of the candidate's
# country (or first-level region) plus a part that grows with that country's (region's)
# share of all the evidence: a local story's one country counts more than one of many.
COUNTRY_BASE, COUNTRY_SHARE, COUNTRY_STEP = 2.2, 0.5, 0.4  # + STEP per mention, up to 5
REGION_BASE, REGION_SHARE = 1.5, 1.5  # halved for a record named by an alternate name
CAPITAL_BONUS = 3.0
NEAR_KM = 150.0
NEAR_DEGREES = NEAR_KM / 111.0  # a degree of latitude is ~111 km: a cheap first test


@dataclass
class _Evidence:
    """What an article says about where it is: country and region counts and the points of
    its resolved towns, each also kept per name so that a name's own mentions never count
    as evidence for themselves ("London" ten times is not ten votes for England)."""

    countries: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    points: list[tuple[str, GeoRecord]] = field(default_factory=list)
    by_name: dict[str, tuple[Counter, Counter]] = field(default_factory=dict)
    _totals: dict[tuple[str, str | None], int] = field(default_factory=dict)

    def add_country(self, country: str, weight: int, key: str | None) -> None:
        self.countries[country] += weight
        if key is not None:
            self.by_name.setdefault(key, (Counter(), Counter()))[0][country] += weight

    def add_region(self, region: tuple[str | None, str], weight: int, key: str) -> None:
        self.regions[region] += weight
        self.by_name.setdefault(key, (Counter(), Counter()))[1][region] += weight

    def country_count(self, country: str, key: str) -> int:
        own = self.by_name.get(key)
        return self.countries.get(country, 0) - (own[0].get(country, 0) if own else 0)

    def region_count(self, region: tuple[str | None, str | None], key: str) -> int:
        own = self.by_name.get(key)
        return self.regions.get(region, 0) - (own[1].get(region, 0) if own else 0)

    def country_share(self, country: str, key: str) -> tuple[int, float]:
        """(count, share of all country evidence) for a country, without the name's own."""
        count = self.country_count(country, key)
        total = self._totals.get((key, None))
        if total is None:
            own = self.by_name.get(key)
            total = sum(self.countries.values()) - (sum(own[0].values()) if own else 0)
            self._totals[(key, None)] = total
        return count, (count / total if total > 0 else 0.0)

    def region_share(self, region: tuple[str | None, str | None], key: str) -> tuple[int, float]:
        """(count, share among the regions of the same country) for a first-level region."""
        count = self.region_count(region, key)
        if count <= 0:
            return count, 0.0
        total = self._totals.get((key, region[0]))
        if total is None:
            own = self.by_name.get(key)
            total = sum(
                n - (own[1].get(r, 0) if own else 0)
                for r, n in self.regions.items()
                if r[0] == region[0]
            )
            self._totals[(key, region[0])] = total
        return count, (count / total if total > 0 else 0.0)


@dataclass
class _Choice:
    candidate: Candidate | None
    score: float
    reason: str


def _prior(candidate: Candidate) -> float:
    record = candidate.record
    size = math.log10(record.population + 10)
    if record.feature == "country":  # the more populous of two namesakes by a hair
        return (11.0 if candidate.primary or candidate.adjective else 9.0) + 0.01 * size
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


SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "hamlet", "suburb", "port"})
REGION_NOUNS = frozenset({"state", "province", "governorate", "oblast"})


def _keep_named_feature(doc: Doc, mentions: list[Mention]) -> set[int]:
    """"the city of X", "the town of X" keep X's towns; "the state/province of X" its
    first-level regions (when it has such candidates): the words name the feature class.
    Returns the indices of the mentions so narrowed."""
    narrowed: set[int] = set()
    for n, mention in enumerate(mentions):
        if mention.kind != "name" or mention.i < 2 or doc[mention.i - 1].lower_ != "of":
            continue
        noun = doc[mention.i - 2].lower_
        wanted = "city" if noun in SETTLEMENT_NOUNS else "adm1" if noun in REGION_NOUNS else None
        kept = [c for c in mention.candidates if c.record.feature == wanted]
        if kept:
            mention.candidates = kept
            narrowed.add(n)
    return narrowed


class PlaceResolver:
    """Resolves an article's mentions against the gazetteer (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(
        self,
        doc: Doc,
        mentions: list[Mention],
        actor_countries: Iterable[str] = (),
        dateline: tuple[int, int] | None = None,
    ) -> list[Place]:
        """The places of `mentions`; `dateline` is the span the caller found (the places
        component gives none, (0, 0), for a later window of a long article); without it, the
        dateline is read from doc.text (which spaCy rebuilds from every token)."""
        for mention in mentions:
            self._complete(mention)
        named = _keep_named_feature(doc, mentions)
        qualifiers, held = self._qualifiers(doc, mentions)
        if dateline is None:
            dateline = dateline_span(doc_text(doc))
        base = _Evidence()
        for country in actor_countries:
            if country and len(country) == 3:
                base.add_country(country, 1, None)
        for mention in mentions:
            sure = self._sure_country(mention)
            if sure:
                base.add_country(sure, 2, mention.key)
        choices = [
            self._choose(m, qualifiers.get(n), base, held.get(n)) for n, m in enumerate(mentions)
        ]
        for _ in range(2):
            evidence = self._context(choices, base, mentions, dateline)
            choices = [
                self._choose(m, qualifiers.get(n), evidence, held.get(n))
                for n, m in enumerate(mentions)
            ]
        choices = self._one_sense(mentions, choices, {**dict.fromkeys(named), **qualifiers})
        supported = set(base.countries) | {
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
            hinted = [c for c in mention.candidates if c.record.country == mention.country_hint]
            if hinted:  # the KB's country of an adjective decides ("American": USA)
                mention.candidates = hinted
        if mention.kind == "abbreviation":
            mention.candidates = [c for c in mention.candidates if c.record.feature == "adm1"]

    def _sure_country(self, mention: Mention) -> str | None:
        if mention.kind == "abbreviation" and mention.adm1_hint:
            return mention.adm1_hint[0]
        if mention.country_hint and mention.kind == "adjective":
            return mention.country_hint
        countries = {c.record.country for c in mention.candidates}
        if mention.hint_kind == "capital":
            return None  # "London" may be London, Ontario: the name alone is not sure
        if mention.country_hint and mention.country_hint in countries:
            return mention.country_hint
        return None

    def _qualifiers(
        self, doc: Doc, mentions: list[Mention]
    ) -> tuple[dict[int, tuple[str, str | None]], dict[int, tuple[str, str | None]]]:
        """Two maps of mention index -> (country, adm1 or None): what the words pin a place
        to ("X, Y" where Y is a country or region; "the <adjective> city of X"), and the
        region a qualifying Y itself is (Y in "Bronx, New York" is the state)."""
        found: dict[int, tuple[str, str | None]] = {}
        held: dict[int, tuple[str, str | None]] = {}
        for n, mention in enumerate(mentions):
            nxt = mentions[n + 1] if n + 1 < len(mentions) else None
            if (
                nxt is not None
                and nxt.i == mention.j + 1
                and doc[mention.j].text == ","
                and self._qualifiable(mention)
            ):
                region = self._region_of(nxt, mention)
                if region is not None:
                    found[n] = region
                    held[n + 1] = region
            if (
                nxt is not None
                and self._qualifiable(mention)
                and n not in found
                and _in_phrase(doc, mention.j, nxt.i)
            ):
                region = self._region_of(nxt, mention)
                if region is not None:
                    found[n] = region
                    held[n + 1] = region
            if mention.kind == "adjective" and mention.country_hint and nxt is not None:
                between = doc[mention.j : nxt.i]
                words = [t.lower_ for t in between]
                if (
                    0 < len(words) <= 4
                    and words[-1] == "of"
                    and any(w in TYPE_NOUNS for w in words)
                ):
                    found[n + 1] = (mention.country_hint, None)
        return found, held

    @staticmethod
    def _qualifiable(mention: Mention) -> bool:
        """A name that another place may qualify: a town, not a country or a region under
        its own name ("Russia, U.S. officials said" is no Russia in the United States)."""
        return mention.kind == "name" and not any(
            c.primary and c.record.feature in {"country", "adm1", "continent"}
            for c in mention.candidates
        )

    def _region_of(
        self, mention: Mention, inner: Mention | None = None
    ) -> tuple[str, str | None] | None:
        """The country or region `mention` names when it qualifies `inner` ("X, Y"): one
        that holds a place named `inner` first ("Atlanta, Georgia" is the US state)."""
        if mention.kind == "abbreviation" and mention.adm1_hint:
            return mention.adm1_hint
        regions = [c.record for c in mention.candidates if c.record.feature in {"country", "adm1"}]
        if inner is not None:
            holding = [
                r for r in regions
                if any(
                    c.record.country == r.country
                    and (r.feature == "country" or c.record.adm1 == r.adm1)
                    for c in inner.candidates
                    if c.record.feature not in {"country", "adm1", "continent"}
                )
            ]
            regions = holding or regions
        if mention.country_hint and mention.kind == "name" and (
            inner is None or any(r.country == mention.country_hint for r in regions)
        ):
            return (mention.country_hint, None)
        if not regions:
            return None
        best = max(regions, key=lambda r: (r.feature == "country", r.population))
        return (best.country or "", best.adm1 if best.feature == "adm1" else None)

    def _context(
        self, choices: list[_Choice], base: _Evidence, mentions: list[Mention],
        dateline: tuple[int, int],
    ) -> _Evidence:
        evidence = _Evidence(
            Counter(base.countries),
            by_name={k: (Counter(c), Counter(r)) for k, (c, r) in base.by_name.items()},
        )
        for mention, choice in zip(mentions, choices, strict=True):
            if choice.candidate is None:
                continue
            record = choice.candidate.record
            weight = 2 if dateline[0] <= mention.start < dateline[1] else 1
            if record.country:
                evidence.add_country(record.country, weight, mention.key)
            if record.feature in {"adm1", "adm2", "city"} and record.adm1:
                evidence.add_region((record.country, record.adm1), weight, mention.key)
            if record.feature in {"city", "adm2"}:
                evidence.points.append((mention.key, record))
        return evidence

    def _choose(
        self,
        mention: Mention,
        qualifier: tuple[str, str | None] | None,
        evidence: _Evidence,
        region: tuple[str, str | None] | None = None,
    ) -> _Choice:
        if not mention.candidates:
            return _Choice(None, 0.0, "")
        if len(mention.candidates) == 1:
            return _Choice(mention.candidates[0], _prior(mention.candidates[0]), "one")
        scored = self._scored(mention, qualifier, evidence, region)
        best_score, best_prior, best = scored[0]
        if qualifier is not None and best.record.country == qualifier[0]:
            reason = "qualifier"
        elif best_prior < max(p for _, p, _ in scored):
            reason = "context"
        else:
            reason = "population"
        return _Choice(best, best_score, reason)

    def _scored(
        self,
        mention: Mention,
        qualifier: tuple[str, str | None] | None,
        evidence: _Evidence,
        region: tuple[str, str | None] | None = None,
    ) -> list[tuple[float, float, Candidate]]:
        """(score, prior, candidate) for each candidate, best first."""
        key = mention.key
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
                count, share = evidence.country_share(record.country, key)
                if count > 0:
                    bonus += COUNTRY_BASE + COUNTRY_SHARE * share + COUNTRY_STEP * min(count, 5)
                count, share = (
                    evidence.region_share((record.country, record.adm1), key)
                    if record.adm1 and record.feature != "country"
                    else (0, 0.0)
                )
                if count > 0:
                    bonus += (REGION_BASE + REGION_SHARE * share) * (
                        1.0 if candidate.primary else 0.5
                    )
            if record.feature in {"city", "adm2"} and any(
                abs(record.lat - other.lat) < NEAR_DEGREES
                and distance_km(record.lat, record.lon, other.lat, other.lon) <= NEAR_KM
                for other_key, other in evidence.points
                if other_key != key and other.geonames_id != record.geonames_id
            ):
                bonus += 1.0 if candidate.primary else 0.5
            if qualifier is not None and record.country == qualifier[0] and (
                qualifier[1] is None or record.adm1 == qualifier[1]
            ):
                bonus += QUALIFIER_BONUS
            if region is not None and (record.country, record.adm1 if region[1] else None) == (
                region
            ) and record.feature == ("adm1" if region[1] else "country"):
                bonus += QUALIFIER_BONUS  # the Y of "X, Y" is the region that holds X
            scored.append((prior + bonus, prior, candidate))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        return scored

    def _one_sense(
        self,
        mentions: list[Mention],
        choices: list[_Choice],
        qualifiers: dict[int, tuple[str, str | None] | None],
    ) -> list[_Choice]:
        """Every unqualified mention of one name takes the sense its mentions chose most
        strongly together ("Edmonton" is one place throughout an article); a qualified one
        (a key of `qualifiers`) keeps its own and counts more."""
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
