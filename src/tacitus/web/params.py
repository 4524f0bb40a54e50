"""Query-string values in, checked filters out: every value a page or API accepts.

`event_filter` (a FastAPI dependency) reads the filters every page shares (dyad, country,
since, until, root, plover, modality, min_confidence) into a `tacitus.store.queries.
EventFilter`, checks each value (InputError naming the parameter on a bad one) and checks
country codes against the `Vocabulary` (knowledge-base codes and codes in the store).
`Paging` carries page number and size; integers are typed, so FastAPI answers 422 for
"page=abc". Nothing here builds SQL: the checked values are bound by the query layer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from tacitus.errors import InputError
from tacitus.store.queries import (
    MODALITIES,
    SERIES,
    EventFilter,
    check_country,
    parse_dyad,
    plover_types,
)

PER_PAGE = 50
MAX_PER_PAGE = 500
FILTER_NAMES = tuple(f.name for f in fields(EventFilter) if f.name != "happened")


class BadParameter(InputError):
    """A query-string value that cannot be used; `name` is the parameter."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__("bad_parameter", name=name, message=message)
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Vocabulary:
    """The codes a filter may name: CAMEO roots with names, PLOVER types, modalities and
    the country/region/IGO codes of the knowledge base."""

    roots: dict[str, str]
    plover: tuple[str, ...]
    modalities: tuple[str, ...]
    countries: frozenset[str]

    @classmethod
    def load(cls) -> Vocabulary:
        """Read the code tables and the knowledge base's static data (about a second)."""
        from tacitus.kb import data_dir
        from tacitus.kb.loader import read_static
        from tacitus.ontology.tables import load_codes

        codes = load_codes()
        roots = {code: row.name for code, row in codes.items() if len(code) == 2}
        static = read_static(data_dir())
        known = set(static.countries) | set(static.org_names)
        known |= {item.entry.code for item in static.items if item.entry.kind == "region"}
        return cls(roots=roots, plover=plover_types(), modalities=MODALITIES,
                   countries=frozenset(known))


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _checked(name: str, check: Any, value: str) -> Any:
    try:
        return check(value)
    except InputError as exc:
        raise BadParameter(name, str(exc)) from None


def _date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadParameter(name, f"not an ISO date: {value!r} (expected YYYY-MM-DD)") from None


def check_filter(flt: EventFilter, vocabulary: Vocabulary,
                 known: Any = None) -> EventFilter:
    """`flt` with its values normalised, or BadParameter for the first value that is
    malformed or names an unknown code; `known(code)` may accept codes the KB lacks (codes
    found in the store)."""

    def country(name: str, value: str) -> str:
        code = _checked(name, check_country, value)
        if code not in vocabulary.countries and not (known and known(code)):
            raise BadParameter(name, f"unknown country code {code!r}")
        return code

    values: dict[str, Any] = {}
    if flt.dyad:
        source, target = _checked("dyad", parse_dyad, flt.dyad)
        sides = [country("dyad", s) if s else "*" for s in (source, target)]
        values["dyad"] = "-".join(sides)
    if flt.country:
        values["country"] = country("country", flt.country)
    values["since"] = _date("since", flt.since)  # type: ignore[arg-type]
    values["until"] = _date("until", flt.until)  # type: ignore[arg-type]
    if values["since"] and values["until"] and values["since"] > values["until"]:
        raise BadParameter("until", f"{values['until']} is before since={values['since']}")
    if flt.root:
        root = str(flt.root).strip()
        root = f"{int(root):02d}" if root.isdigit() else root
        if root not in vocabulary.roots:
            raise BadParameter("root", f"not a CAMEO root code: {flt.root!r} (expected 01 to 20)")
        values["root"] = root
    for name, allowed in (("plover", vocabulary.plover), ("modality", vocabulary.modalities)):
        value = getattr(flt, name)
        if value:
            wanted = value.upper() if name == "plover" else value.lower()
            if wanted not in allowed:
                raise BadParameter(name, f"unknown value {value!r}; choose one of "
                                         f"{', '.join(allowed)}")
            values[name] = wanted
    if flt.min_confidence is not None:
        values["min_confidence"] = _confidence(str(flt.min_confidence))
    return flt.replace(**values)


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not 0.0 <= number <= 1.0:  # also false for NaN
        raise BadParameter("min_confidence",
                           f"not a confidence: {value!r} (expected a number from 0 to 1)")
    return number


def event_filter(
    dyad: Annotated[str | None, Query(description="Directed pair SOURCE-TARGET, e.g. PAK-RUS; "
                                                  "* for any side.", max_length=40)] = None,
    country: Annotated[str | None, Query(description="Either side's country (ISO3).",
                                         max_length=20)] = None,
    since: Annotated[str | None, Query(description="First date (YYYY-MM-DD).",
                                       max_length=20)] = None,
    until: Annotated[str | None, Query(description="Last date (YYYY-MM-DD).",
                                       max_length=20)] = None,
    root: Annotated[str | None, Query(description="CAMEO root code, 01 to 20.",
                                      max_length=4)] = None,
    plover: Annotated[str | None, Query(description="PLOVER event type, e.g. CONSULT.",
                                        max_length=20)] = None,
    modality: Annotated[str | None, Query(description="asserted, intended, hypothetical or "
                                                      "reported.", max_length=20)] = None,
    min_confidence: Annotated[str | None, Query(description="Lowest confidence, 0 to 1.",
                                                max_length=20)] = None,
) -> EventFilter:
    """The shared filters as typed from the query string (blank values ignored); values are
    checked against the store's vocabulary by the page that uses them (`check_filter`)."""
    return EventFilter(dyad=_blank(dyad), country=_blank(country), since=_blank(since),
                       until=_blank(until), root=_blank(root), plover=_blank(plover),
                       modality=_blank(modality), min_confidence=_blank(min_confidence))


@dataclass(frozen=True)
class Paging:
    """Page number (1-based) and rows per page."""

    page: int = 1
    size: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def pages(self, total: int) -> int:
        """How many pages `total` rows fill (at least 1)."""
        return max(1, -(-total // self.size))


def paging(
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE,
                                   description=f"Rows per page, 1 to {MAX_PER_PAGE}.")
                        ] = PER_PAGE,
) -> Paging:
    """Paging from the query string (FastAPI answers 422 for values out of range)."""
    return Paging(page, per_page)


def series_choice(value: str | None) -> str:
    """A dyad time-series period (day, week, month, year); month when blank."""
    name = (value or "month").strip().lower()
    if name not in SERIES:
        raise BadParameter("series", f"unknown series {value!r}; choose one of "
                                     f"{', '.join(SERIES)}")
    return name


def filter_query(flt: EventFilter, **extra: Any) -> str:
    """The query string that reproduces `flt` (and `extra` parameters), for links."""
    pairs = [(name, getattr(flt, name)) for name in FILTER_NAMES]
    pairs += list(extra.items())
    return urlencode([(k, str(v)) for k, v in pairs if v not in (None, "")])
