"""The dashboard's pages: overview, events, dyads, one dyad, a country, the network, an
article with its evidence, and the knowledge base.

Each route checks its query values (params.py), opens the store read-only for the request,
reads through `tacitus.store.queries` and web/data.py, and renders a Jinja2 template.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from tacitus.store import queries
from tacitus.store.queries import EventFilter
from tacitus.web import charts, data
from tacitus.web.highlight import KINDS, article_spans, segments
from tacitus.web.params import (
    MAX_PER_PAGE,
    BadParameter,
    Paging,
    check_filter,
    event_filter,
    filter_query,
    paging,
    series_choice,
)
from tacitus.web.site import site_of

router = APIRouter()
Filter = Annotated[EventFilter, Depends(event_filter)]
Pages = Annotated[Paging, Depends(paging)]
Order = Literal["newest", "oldest"]


def checked(request: Request, flt: EventFilter, con: duckdb.DuckDBPyConnection
            ) -> EventFilter:
    """`flt` checked against the vocabulary; codes found in the store count as known."""
    return check_filter(flt, site_of(request).vocabulary(),
                        known=lambda code: data.known_code(con, code))


def render(request: Request, template: str, flt: EventFilter, **context: Any) -> HTMLResponse:
    """A page with the filter form filled from `flt`."""
    site = site_of(request)
    return site.render(request, template, flt=flt, vocabulary=site.vocabulary(),
                       query=filter_query, **context)


def event_rows(con: duckdb.DuckDBPyConnection, flt: EventFilter, pages: Paging,
               order: Order = "newest") -> tuple[int, list[dict[str, Any]]]:
    """The total count and one page of events (with the words around each trigger)."""
    total = queries.count_events(con, flt)
    rows = data.rows(con, *queries.events_query(flt, limit=pages.size, offset=pages.offset,
                                                newest_first=order == "newest"))
    around = data.contexts(con, [r["gid"] for r in rows])
    for row in rows:
        row["context"] = around.get(row["gid"])
    return total, rows


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, flt: Filter) -> HTMLResponse:
    """Counts, events per week and QuadClass, the top dyads and the latest events."""
    with site_of(request).reader.connection() as con:
        flt = checked(request, flt, con)
        counts = data.counts(con, flt)
        weekly = data.quad_series(con, flt, "week")
        top = data.records(queries.dyads(con, flt, limit=10))
        _, latest = event_rows(con, flt, Paging(1, 12))
    return render(request, "overview.html", flt, title="Overview", counts=counts,
                  chart=charts.quad_chart(weekly, "week"), top=top, events=latest)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, flt: Filter, pages: Pages,
                order: Order = "newest") -> HTMLResponse:
    """Events the filters keep, a page at a time, each linking to its article sentence."""
    with site_of(request).reader.connection() as con:
        flt = checked(request, flt, con)
        total, rows = event_rows(con, flt, pages, order)
    return render(request, "events.html", flt, title="Events", events=rows, total=total,
                  paging=pages, order=order)


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page(request: Request, flt: Filter, pages: Pages) -> HTMLResponse:
    """Directed country pairs, most events first."""
    with site_of(request).reader.connection() as con:
        flt = checked(request, flt, con)
        total = data.count_dyads(con, flt)
        rows = data.records(queries.dyads(con, flt, limit=pages.size, offset=pages.offset))
    return render(request, "dyads.html", flt, title="Dyads", dyads=rows, total=total,
                  paging=pages)


def _pair(text: str) -> tuple[str, str]:
    try:
        source, target = queries.parse_dyad(text)
    except queries.InputError as exc:
        raise BadParameter("dyad", str(exc)) from None
    if not source or not target:
        raise BadParameter("dyad", f"a dyad page needs two countries, not {text!r}")
    return source, target


@router.get("/dyads/{pair}", response_class=HTMLResponse)
def dyad_page(request: Request, pair: str, flt: Filter, pages: Pages,
              series: Annotated[str | None, Query(max_length=10)] = None) -> HTMLResponse:
    """One directed pair: events per QuadClass and mean Goldstein over time, its events,
    and the quotes of either side in articles about the two."""
    source, target = _pair(pair)
    period = series_choice(series)
    with site_of(request).reader.connection() as con:
        flt = checked(request, flt.replace(dyad=f"{source}-{target}"), con)
        source, target = flt.dyad.split("-")  # type: ignore[union-attr]
        timeline = queries.dyads(con, flt, series=period, domestic=True)
        # Both directions from one aggregate of the pairs that involve the source country
        # (a country filter naming neither side leaves none).
        pairs = {}
        if flt.country in (None, source, target):
            pairs = {(row["source_country"], row["target_country"]): row
                     for row in data.records(queries.dyads(
                         con, flt.replace(dyad=None, country=source), domestic=True))}
        both = [pairs.get((source, target)), pairs.get((target, source))]
        total, rows = event_rows(con, flt, pages)
        quotes = data.records(queries.quotes(con, between=(source, target), since=flt.since,
                                             until=flt.until, limit=100))
    return render(request, "dyad.html", flt, title=f"{source} → {target}", source=source,
                  target=target, series=period, chart=charts.dyad_chart(timeline, period),
                  directions=both, events=rows,
                  total=total, paging=pages, quotes=quotes)


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_page(request: Request, code: str, flt: Filter) -> HTMLResponse:
    """A country's partners (events it sent and received) and its actors."""
    with site_of(request).reader.connection() as con:
        flt = checked(request, flt.replace(dyad=None, country=code), con)
        code = flt.country  # type: ignore[assignment]
        around = flt.replace(country=None)
        out = data.records(queries.dyads(con, around.replace(dyad=f"{code}-*")))
        into = data.records(queries.dyads(con, around.replace(dyad=f"*-{code}")))
        actors = data.country_actors(con, code, flt)
        monthly = data.quad_series(con, flt, "month")
    return render(request, "country.html", flt, title=code, code=code, out=out, into=into,
                  actors=actors, chart=charts.quad_chart(monthly, "month"))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, flt: Filter,
                 top: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 100) -> HTMLResponse:
    """The country relation graph of the events the filters keep (the `top` pairs)."""
    with site_of(request).reader.connection() as con:
        flt = checked(request, flt, con)
        edges = queries.dyads(con, flt, limit=top)
    chart = None
    if len(edges):
        chart = charts.network_chart(edges, positions=site_of(request).layout(edges))
    return render(request, "network.html", flt, title="Network", top=top, chart=chart,
                  edges=data.records(edges))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """An article's text with every coded span highlighted, and its events and quotes."""
    with site_of(request).reader.connection() as con:
        found = queries.article(con, article_id)
    if found is None:
        raise HTTPException(404, f"no stored article has the id {article_id!r}")
    article = {key: data.clean(value) for key, value in found["article"].items()}
    events = data.records(found["events"])
    quotes = data.records(found["quotes"])
    mentions = data.records(found["mentions"])
    places = data.records(found["places"]) if found["places"] is not None else None
    text = article.get("text") or ""
    spans = article_spans(text, events, quotes, mentions, places)
    for number, row in enumerate(quotes):
        row["ref"] = f"q-{number}"
    return render(request, "article.html", EventFilter(), title=article.get("title")
                  or article["id"], article=article, copy_of=found["copy_of"],
                  pieces=segments(text, spans), kinds=KINDS, events=events, quotes=quotes,
                  places=places, copies=data.records(found["copies"]))


@router.get("/kb", response_class=HTMLResponse)
def kb_page(request: Request,
            q: Annotated[str | None, Query(max_length=100)] = None,
            country: Annotated[str | None, Query(max_length=12)] = None,
            date: Annotated[str | None, Query(max_length=20)] = None) -> HTMLResponse:
    """The actor knowledge base: who held which role when (by name or by country)."""
    from tacitus.web.kbview import search

    on = None
    if date and date.strip():
        try:
            on = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise BadParameter("date", f"not an ISO date: {date!r} (expected YYYY-MM-DD)"
                               ) from None
    site = site_of(request)
    code = None
    if country and country.strip():
        code = country.strip().upper()
        if code not in site.vocabulary().countries:
            raise BadParameter("country", f"unknown country code {country!r}")
    found = search(site.kb(), (q or "").strip(), code, on, site.kb_names())
    return render(request, "kb.html", EventFilter(), title="Knowledge base", q=q or "",
                  country=code or "", date=on.isoformat() if on else "", found=found)
