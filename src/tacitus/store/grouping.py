"""One happening, many reports: which coded events report the same happening.

In: events seen as `Report`s (built by `report_of` from an `events` row: who did it to whom
and their sectors, the CAMEO code, the day or period, the place, the article's near-duplicate
group). Out: a group for each, from `Grouper.assign`, which puts a report into the best
existing group it fits or starts a new group whose id is the report's own key. The store
(writer.py) seeds a Grouper with the stored groups near each new report; `group_articles`
groups the events of one `tacitus code` run in memory.

Two reports fit (`fits`) when all of these hold:
- the same kind: both happened, both were only intended, or both did not happen;
- the same source and the same target, with sectors that agree on each side (a shared sector,
  or a side without one); a side is its country, else a named group's code (IMGMOSISL), else
  unknown ("a suicide bomber", "civilians", no target at all), and an unknown side agrees with
  any; for symmetric codes ("A met B" = "B met A") and converse ones ("A visited B" = "B
  hosted A") the sides may be named either way round;
- compatible CAMEO codes (ontology/same_happening.tsv): one family, and the same base code,
  or a root's unspecified code ("190") beside any code of the root, or any code where the
  family says so (an assault, a bombing and a shelling are one attack in different words);
- days at most `max_days` apart (a week, month or year named by the text is its whole span);
- compatible places: unknown on either side (or a continent, or a place the text gives only
  through the dateline or a side's country), the same GeoNames record or name, a
  country and any place in it, a region (adm1; an adm2 counts as its adm1) and a place in
  it, or two points (cities, landmarks) at most `max_km` apart.
A report joins a group only when it fits every member (complete link: reports a day apart
do not chain into a week). Groups are indexed by day under keys (`index_keys`: kind, code
family, source and target, each also as "*" = any) and a report looks only under the keys
that can hold a group it fits (`lookup_keys`), so the work grows with the reports of one dyad
and a few days, not with the store.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from tacitus.datafiles import read_rows
from tacitus.model import CodedArticle

# A group spanning more days than this (a month, a year) is kept in a key's wide list
# instead of one day bucket per day.
_WIDE_DAYS = 40
_EARTH_KM = 6371.0


@dataclass(frozen=True, slots=True)
class CodeRule:
    """How a CAMEO code matches others (a row of same_happening.tsv)."""

    family: str
    symmetric: bool
    converse: str | None
    any_code: bool


class GroupingRules:
    """The code table and the day and distance limits two reports of a happening keep."""

    def __init__(self, codes: dict[str, CodeRule] | None = None, max_days: int = 1,
                 max_km: float = 25.0) -> None:
        self.codes = dict(codes or {})
        self.max_days = max_days
        self.max_km = max_km
        self._unordered = frozenset(
            r.family for r in self.codes.values() if r.symmetric or r.converse)
        self._seen: dict[str, CodeRule] = {}

    def rule(self, code: str) -> CodeRule:
        """The row of the longest prefix of `code`, else its root's family, directed."""
        found = self._seen.get(code)
        if found is None:
            found = next(
                (self.codes[code[:end]] for end in range(len(code), 1, -1)
                 if code[:end] in self.codes),
                CodeRule(code[:2], False, None, False),
            )
            self._seen[code] = found
        return found

    def unordered(self, family: str) -> bool:
        """True when some code of `family` may name its sides either way round."""
        return family in self._unordered


def load_rules(max_days: int = 1, max_km: float = 25.0) -> GroupingRules:
    """The shipped code table (ontology/same_happening.tsv) with the given limits."""
    codes: dict[str, CodeRule] = {}
    for _, (prefix, family, symmetric, converse, any_code) in read_rows(
        "tacitus.ontology", "same_happening.tsv", 5
    ):
        codes[prefix] = CodeRule(
            family=prefix[:2] if family == "-" else family,
            symmetric=symmetric == "yes",
            converse=None if converse == "-" else converse,
            any_code=any_code == "yes",
        )
    return GroupingRules(codes, max_days, max_km)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a report puts its event, as far as grouping needs: a country, a first-level
    region or a point, with a GeoNames id where the location has one."""

    country: str | None
    feature: str
    geonames_id: str | None = None
    adm1: str | None = None
    lat: float | None = None
    lon: float | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """One event as grouping sees it; `key` is its id (store gid, or event id in a run)."""

    key: Hashable
    kind: str
    source: str | None
    target: str | None
    source_sectors: frozenset[str]
    target_sectors: frozenset[str]
    cameo: str
    first: dt.date
    last: dt.date
    place: Place | None = None
    article_group: str | None = None

    def profile(self) -> tuple[Any, ...]:
        """Everything but the key: reports with one profile fit the same reports."""
        return (self.kind, self.source, self.target, self.source_sectors,
                self.target_sectors, self.cameo, self.first, self.last, self.place,
                self.article_group)


def period(day: dt.date, precision: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day of the span `day` stands for at `precision`."""
    if precision == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if precision == "month":
        start = day.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return day, day


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# Where an event's location came from (geo: `location.found_by`) when the text does not place
# the event itself: the dateline (where the report was filed) or a side's country. Grouping
# treats such a place as unknown, and a country named elsewhere in the sentence too.
WEAK_PLACES = frozenset({"dateline", "target", "source"})
NEARBY_PLACES = frozenset({"sentence", "paragraph"})


def place_of(row: Mapping[str, Any]) -> Place | None:
    """The Place of an `events` row's location_* columns (absent columns read as empty): a
    country, a region (adm1, or adm2 compared as the adm1 it lies in) or a point; None for
    no location, a continent (which fits anything) or a place the text does not give for
    the event (WEAK_PLACES, a country only named nearby)."""
    found_by = _text(row.get("location_found_by"))
    if found_by in WEAK_PLACES:
        return None
    country = _text(row.get("location_country"))
    lat, lon = _number(row.get("location_lat")), _number(row.get("location_lon"))
    feature = _text(row.get("location_feature"))
    geonames_id = _text(row.get("location_geonames_id"))
    adm1 = _text(row.get("location_adm1"))
    if feature == "continent" or (country is None and lat is None and geonames_id is None):
        return None
    if feature == "adm2" and adm1:
        feature = "adm1"
    elif feature not in {"country", "adm1"}:
        feature = "point" if lat is not None and lon is not None else "country"
    if feature == "country" and found_by in NEARBY_PLACES:
        return None
    name = _text(row.get("location_name"))
    return Place(country and country.upper(), feature, geonames_id, adm1, lat, lon,
                 name and name.casefold())


def _side(row: Mapping[str, Any], prefix: str) -> str | None:
    """A side's identity: its country, else a named group's code (longer than a bare sector
    code such as CVL or REB), else None (unknown)."""
    country = _text(row.get(f"{prefix}_country"))
    if country:
        return country.upper()
    code = _text(row.get(f"{prefix}_code"))
    return code.upper() if code and len(code) > 3 else None


def _sectors(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset(str(s).upper() for s in value if s)


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or value != value:  # None or NaN/NaT
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def kind_of(row: Mapping[str, Any]) -> str:
    """happened | intended | not (negated or hypothetical)."""
    if row.get("negated") or row.get("modality") == "hypothetical":
        return "not"
    return "intended" if row.get("modality") == "intended" else "happened"


def report_of(key: Hashable, row: Mapping[str, Any], article_group: str | None = None
              ) -> Report | None:
    """The Report of an `events` row (see store/rows.py); None when it has no date or code."""
    day = _day(row.get("date"))
    cameo = _text(row.get("cameo"))
    if day is None or cameo is None:
        return None
    first, last = period(day, row.get("date_precision"))
    return Report(
        key=key, kind=kind_of(row), source=_side(row, "source"), target=_side(row, "target"),
        source_sectors=_sectors(row.get("source_sectors")),
        target_sectors=_sectors(row.get("target_sectors")),
        cameo=cameo, first=first, last=last, place=place_of(row), article_group=article_group,
    )


def _orientations(report: Report, rules: GroupingRules) -> list[tuple[str, str]]:
    """The report's (source, target) with "?" for an unknown side, and the swapped pair too
    when its code family may name the sides either way round."""
    pair = (report.source or "?", report.target or "?")
    if rules.unordered(rules.rule(report.cameo).family) and pair[0] != pair[1]:
        return [pair, (pair[1], pair[0])]
    return [pair]


def index_keys(report: Report, rules: GroupingRules) -> list[str]:
    """The keys a group holding `report` is found under: kind|family|SOURCE>TARGET with "?"
    for an unknown side, the same with "*" (any) for the source, for the target and for
    both; both orientations for a family whose sides may be named either way round."""
    stem = f"{report.kind}|{rules.rule(report.cameo).family}|"
    keys: dict[str, None] = {}
    for source, target in _orientations(report, rules):
        for key in (f"{source}>{target}", f"{source}>*", f"*>{target}", "*>*"):
            keys[stem + key] = None
    return list(keys)


def lookup_keys(report: Report, rules: GroupingRules) -> list[str]:
    """The keys to look under for groups `report` may join: for each side it knows, groups
    with that side or an unknown one ("?"); for a side it does not know, any ("*")."""
    stem = f"{report.kind}|{rules.rule(report.cameo).family}|"
    sources = [report.source, "?"] if report.source else ["*"]
    targets = [report.target, "?"] if report.target else ["*"]
    return [f"{stem}{s}>{t}" for s in sources for t in targets]


def _base_fits(a: str, b: str, rule: CodeRule) -> bool:
    if rule.any_code or a[:3] == b[:3]:
        return True
    generic = a[:2] + "0"
    return a[:3] == generic or b[:3] == generic


def codes_fit(a: str, b: str, swapped: bool, rules: GroupingRules) -> bool:
    """Whether codes `a` and `b` may report one happening, `swapped` when b names the sides
    the other way round."""
    rule_a, rule_b = rules.rule(a), rules.rule(b)
    if rule_a.family != rule_b.family:
        return False
    if swapped:  # read one of them the other way round, if its code allows
        if rule_b.symmetric or rule_a.symmetric:
            pass  # "B met A" is "A met B"
        elif rule_b.converse:
            b = rule_b.converse  # "B hosted A" is "A visited B"
        elif rule_a.converse:
            a = rule_a.converse
            rule_a = rules.rule(a)
        else:
            return False
    return _base_fits(a, b, rule_a)


def _sectors_fit(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or bool(a & b)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def places_fit(a: Place | None, b: Place | None, max_km: float) -> bool:
    """Whether two places may be the place of one happening (see the module docstring)."""
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.geonames_id and a.geonames_id == b.geonames_id:
        return True
    if a.name and a.name == b.name:
        return True  # one town named by both (the gazetteer may pick two records of it)
    if a.feature == "country" or b.feature == "country":
        return True
    if a.feature == "adm1" or b.feature == "adm1":
        if a.adm1 and b.adm1:
            return a.adm1 == b.adm1
        return a.feature != b.feature  # a region beside a place in unknown region: allowed
    if None in (a.lat, a.lon, b.lat, b.lon):
        return True
    return km(a.lat, a.lon, b.lat, b.lon) <= max_km  # type: ignore[arg-type]


def _days_apart(a: Report, b: Report) -> int:
    """Days between two reports' spans (0 when they overlap)."""
    if a.last < b.first:
        return (b.first - a.last).days
    if b.last < a.first:
        return (a.first - b.last).days
    return 0


def _same_side(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def fits(a: Report, b: Report, rules: GroupingRules) -> bool:
    """Whether reports `a` and `b` may describe one happening."""
    if a.kind != b.kind or _days_apart(a, b) > rules.max_days:
        return False
    if not places_fit(a.place, b.place, rules.max_km):
        return False
    rule_a, rule_b = rules.rule(a.cameo), rules.rule(b.cameo)
    if rule_a.family != rule_b.family:
        return False
    for swapped in (False, True) if rules.unordered(rule_a.family) else (False,):
        b_source, b_target = (b.target, b.source) if swapped else (b.source, b.target)
        b_sources, b_targets = (
            (b.target_sectors, b.source_sectors) if swapped
            else (b.source_sectors, b.target_sectors)
        )
        if (_same_side(a.source, b_source) and _same_side(a.target, b_target)
                and _sectors_fit(a.source_sectors, b_sources)
                and _sectors_fit(a.target_sectors, b_targets)
                and codes_fit(a.cameo, b.cameo, swapped, rules)):
            return True
    return False


@dataclass
class Group:
    """A happening: its id (its first report's key) and its members, one per profile."""

    id: Hashable
    order: int
    members: list[Report] = field(default_factory=list)
    profiles: set[tuple[Any, ...]] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    first: dt.date = dt.date.max
    last: dt.date = dt.date.min

    def add(self, report: Report) -> None:
        profile = report.profile()
        if profile not in self.profiles:
            self.profiles.add(profile)
            self.members.append(report)
        self.first = min(self.first, report.first)
        self.last = max(self.last, report.last)


class Grouper:
    """Assigns reports to groups; holds the groups it was given or made, indexed by key
    (`index_keys`) and day."""

    def __init__(self, rules: GroupingRules) -> None:
        self.rules = rules
        self._days: dict[str, dict[int, list[Group]]] = {}
        self._wide: dict[str, list[Group]] = {}
        self._groups: dict[Hashable, Group] = {}
        self.touched: dict[Hashable, Group] = {}

    def _index(self, group: Group, report: Report) -> None:
        for key in index_keys(report, self.rules):
            group.keys.add(key)
            if (report.last - report.first).days > _WIDE_DAYS:
                wide = self._wide.setdefault(key, [])
                if group not in wide:
                    wide.append(group)
                continue
            days = self._days.setdefault(key, {})
            for ordinal in range(report.first.toordinal(), report.last.toordinal() + 1):
                bucket = days.setdefault(ordinal, [])
                if group not in bucket:
                    bucket.append(group)

    def seed(self, group_id: Hashable, members: Iterable[Report]) -> None:
        """Add a stored group (its id and members) that new reports may join."""
        group = self._groups.get(group_id)
        if group is None:
            group = self._groups[group_id] = Group(group_id, len(self._groups))
        for report in members:
            group.add(report)
            self._index(group, report)

    def group(self, group_id: Hashable) -> Group | None:
        return self._groups.get(group_id)

    def _candidates(self, report: Report) -> list[Group]:
        reach = self.rules.max_days
        seen: dict[Hashable, Group] = {}
        for key in lookup_keys(report, self.rules):
            days = self._days.get(key, {})
            for ordinal in range(report.first.toordinal() - reach,
                                 report.last.toordinal() + reach + 1):
                for group in days.get(ordinal, ()):
                    seen.setdefault(group.id, group)
            for group in self._wide.get(key, ()):
                seen.setdefault(group.id, group)
        return sorted(seen.values(), key=lambda g: g.order)

    def _score(self, group: Group, report: Report) -> tuple[int, float, int]:
        same_text = int(any(m.article_group is not None and m.article_group ==
                            report.article_group for m in group.members))
        same_code = sum(m.cameo == report.cameo for m in group.members) / len(group.members)
        closest = min(_days_apart(m, report) for m in group.members)
        return same_text, same_code, -closest

    def assign(self, report: Report) -> Hashable:
        """The id of the group `report` joins: the best-scoring group it fits every member
        of (same text, same code, nearest day; then the oldest), else a new group."""
        best: tuple[tuple[int, float, int], Group] | None = None
        for group in self._candidates(report):
            if all(fits(member, report, self.rules) for member in group.members):
                score = self._score(group, report)
                if best is None or score > best[0]:
                    best = (score, group)
        if best is None:
            group = self._groups[report.key] = Group(report.key, len(self._groups))
        else:
            group = best[1]
        group.add(report)
        self._index(group, report)
        self.touched[group.id] = group
        return group.id


def group_articles(coded: Iterable[CodedArticle], rules: GroupingRules | None = None
                   ) -> Iterator[CodedArticle]:
    """Set `group_id` on the events of a stream of coded articles (the id of the group's
    first event), grouping across the stream as the store does; yields each article."""
    from tacitus.store.rows import event_row

    grouper = Grouper(rules or load_rules())
    for item in coded:
        date = item.article.date
        for event in item.events:
            report = report_of(event.id, event_row(event, date))
            event.group_id = str(grouper.assign(report)) if report else event.id
        yield item
