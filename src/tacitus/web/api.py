"""The dashboard's JSON (and CSV) API: events, dyads and one article, with the same filters
and paging as the pages.

`/api/events` and `/api/dyads` answer one page of rows as JSON ({"total", "page",
"per_page", "rows"}), or, with format=csv, every row the filters keep as a CSV download
streamed from the store. `/api/articles/{id}` gives an article with its events, quotes,
actor mentions, places and copies.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException

from tacitus.errors import StoreError
from tacitus.store import queries
from tacitus.store.queries import EventFilter
from tacitus.web import data
from tacitus.web.pages import Order, Pages, checked, event_rows
from tacitus.web.params import event_filter, series_choice
from tacitus.web.site import site_of

router = APIRouter(prefix="/api")
Filter = Annotated[EventFilter, Depends(event_filter)]
Format = Literal["json", "csv"]
# Rows fetched from the store per CSV chunk.
CHUNK = 5000


def _csv_chunks(batches: pa.RecordBatchReader, stack: contextlib.ExitStack
                ) -> Iterator[bytes]:
    """Record batches as CSV (header first); closes the connection (`stack`) when done or
    abandoned."""
    with stack:
        header = True
        for batch in batches:
            out = io.BytesIO()
            pacsv.write_csv(pa.Table.from_batches([batch]), out,
                            pacsv.WriteOptions(include_header=header))
            header = False
            yield out.getvalue()
        if header:  # no rows: still a header line
            out = io.BytesIO()
            pacsv.write_csv(batches.schema.empty_table(), out)
            yield out.getvalue()


def _download(request: Request, name: str, query: str, params: dict[str, Any]
              ) -> StreamingResponse:
    """Every row of `query` as a CSV download, list columns joined with ';'. The store is
    opened and the query started before the response begins, so a busy store is a 503."""
    with contextlib.ExitStack() as stack:
        con = stack.enter_context(site_of(request).reader.connection())
        try:
            described = con.execute(f"DESCRIBE {query}", params).fetchall()
            lists = [row[0] for row in described if str(row[1]).endswith("[]")]
            if lists:
                replaced = ", ".join(f"array_to_string({c}, ';') AS {c}" for c in lists)
                query = f"SELECT * REPLACE ({replaced}) FROM ({query})"
            relation = con.sql(query, params=params)
            # DuckDB 2 names it to_arrow_reader; 1.x fetch_arrow_reader.
            stream = (getattr(relation, "to_arrow_reader", None)
                      or relation.fetch_arrow_reader)
            batches = stream(CHUNK)
        except duckdb.Error as exc:
            raise StoreError("store", path="store", reason=str(exc).splitlines()[0]) from exc
        return StreamingResponse(
            _csv_chunks(batches, stack.pop_all()), media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{name}.csv"'})


@router.get("/events", response_model=None)
def api_events(request: Request, flt: Filter, pages: Pages, order: Order = "newest",
               format: Format = "json") -> JSONResponse | StreamingResponse:
    """Events the filters keep: one page as JSON, or all of them as CSV."""
    if format == "csv":
        with site_of(request).reader.connection() as con:
            flt = checked(request, flt, con)
        query, params = queries.events_query(flt, newest_first=order == "newest")
        return _download(request, "events", query, params)
    with site_of(request).reader.connection() as con:
        flt = checked(request, flt, con)
        total, rows = event_rows(con, flt, pages, order)
    return JSONResponse({"total": total, "page": pages.page, "per_page": pages.size,
                         "filters": _filters(flt), "rows": rows})


@router.get("/dyads", response_model=None)
def api_dyads(request: Request, flt: Filter, pages: Pages,
              series: Annotated[str | None, Query(max_length=10)] = None,
              format: Format = "json") -> Response:
    """Directed pairs (per period with `series`): one page as JSON, or all as CSV."""
    period = series_choice(series) if series else None
    with site_of(request).reader.connection() as con:
        flt = checked(request, flt, con)
        if format == "csv":
            body = queries.dyads(con, flt, series=period).to_csv(index=False,
                                                                date_format="%Y-%m-%d")
            return Response(body, media_type="text/csv; charset=utf-8",
                            headers={"content-disposition": 'attachment; filename="dyads.csv"'})
        total = data.count_dyads(con, flt) if period is None else None
        frame = queries.dyads(con, flt, series=period, limit=pages.size, offset=pages.offset)
    return JSONResponse({"total": total, "page": pages.page, "per_page": pages.size,
                         "series": period, "filters": _filters(flt),
                         "rows": data.records(frame)})


def _filters(flt: EventFilter) -> dict[str, Any]:
    return {k: v for k, v in vars(flt).items() if v is not None}


@router.get("/articles/{article_id:path}")
def api_article(request: Request, article_id: str) -> JSONResponse:
    """An article with its text, events, quotes, actor mentions, places and copies."""
    with site_of(request).reader.connection() as con:
        found = queries.article(con, article_id)
    if found is None:
        raise HTTPException(404, f"no stored article has the id {article_id!r}")
    article = {k: data.clean(v) for k, v in found["article"].items()}
    return JSONResponse({
        "article": article,
        "copy_of": found["copy_of"],
        "events": data.records(found["events"]),
        "quotes": data.records(found["quotes"]),
        "mentions": data.records(found["mentions"]),
        "places": data.records(found["places"]) if found["places"] is not None else None,
        "copies": data.records(found["copies"]),
    })
