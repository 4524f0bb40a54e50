"""What the dashboard reads beyond `tacitus.store.queries`: overview counts, QuadClass
series, a country's actors, the words around an event's trigger; and DataFrames turned into
JSON-ready records.

Every function takes an open read-only connection (from `queries.reader`) and an
`EventFilter`, and binds every value; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from tacitus.errors import StoreError
from tacitus.store import queries
from tacitus.store.queries import EventFilter

# Characters of article text shown on each side of a trigger in event lists.
CONTEXT = 160
_SENTENCE_END = re.compile(r"(?:[.!?][\"'”’)]?\s+|\n\s*)")


_PLAIN = (str, int, bool)


def clean(value: Any) -> Any:
    """One cell as plain JSON: dates as YYYY-MM-DD, NaN/NaT as None, arrays as lists."""
    if type(value) in _PLAIN:
        return value
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.ndarray | list | tuple):
        return [clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as a list of JSON-ready dicts (see `clean`)."""
    columns = list(frame.columns)
    return [{c: clean(v) for c, v in zip(columns, row, strict=True)}
            for row in frame.itertuples(index=False, name=None)]


def _frame(con: duckdb.DuckDBPyConnection, query: str, params: dict[str, Any]
           ) -> pd.DataFrame:
    try:
        return con.execute(query, params).df()
    except duckdb.Error as exc:
        raise StoreError("store", path="store", reason=str(exc).splitlines()[0]) from exc


def rows(con: duckdb.DuckDBPyConnection, query: str, params: dict[str, Any]
         ) -> list[dict[str, Any]]:
    """The rows of `query` as JSON-ready dicts (see `clean`), read without a DataFrame
    (for a page of rows, pandas costs more than the query)."""
    try:
        cursor = con.execute(query, params)
        found = cursor.fetchall()
    except duckdb.Error as exc:
        raise StoreError("store", path="store", reason=str(exc).splitlines()[0]) from exc
    names = [column[0] for column in cursor.description or ()]
    return [{name: clean(value) for name, value in zip(names, row, strict=True)}
            for row in found]



def counts(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> dict[str, Any]:
    """Articles, events (all, that happened), quotes, outlets and the date range, of the
    events the filter keeps and the articles that report them."""
    where, params = flt.sql()
    row = rows(con, f"""
        SELECT count(*) AS events, count(*) FILTER (WHERE e.happened) AS happened,
               count(DISTINCT e.article_id) AS articles,
               count(DISTINCT a.outlet) AS outlets,
               count(DISTINCT e.source_country) AS countries,
               min(e.date) AS first, max(e.date) AS last
        FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}""", params)[0]
    totals = rows(con, "SELECT (SELECT count(*) FROM articles) AS stored, "
                        "(SELECT count(*) FROM copies) AS copies, "
                        "(SELECT count(*) FROM quotes) AS quotes", {})[0]
    return {**row, **totals}


def quad_series(con: duckdb.DuckDBPyConnection, flt: EventFilter, series: str = "week"
                ) -> pd.DataFrame:
    """Events that happened per period and QuadClass: columns period, q1, q2, q3, q4."""
    if series not in queries.SERIES:
        raise ValueError(series)
    where, params = flt.replace(happened=True).sql()
    return _frame(con, f"""
        SELECT CAST(date_trunc('{series}', e.date) AS DATE) AS period,
               count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4
        FROM events e WHERE {where} AND e.date IS NOT NULL
        GROUP BY 1 ORDER BY 1""", params)


def count_dyads(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    """How many directed pairs of two countries have events that happened (as listed by
    `queries.dyads`)."""
    where, params = flt.replace(happened=True).sql()
    row = rows(con, f"""
        SELECT count(DISTINCT (source_country, target_country)) AS n FROM events e
        WHERE {where} AND source_country IS NOT NULL AND target_country IS NOT NULL
          AND source_country <> target_country""", params)
    return int(row[0]["n"])


def country_actors(con: duckdb.DuckDBPyConnection, code: str, flt: EventFilter,
                   limit: int = 50) -> list[dict[str, Any]]:
    """A country's actors: mentions resolved to it, grouped by name and actor code, with
    how many mentions and articles; only articles with events the filter keeps."""
    where, params = flt.sql()
    params.update(code=code, limit=int(limit))
    return rows(con, f"""
        SELECT coalesce(m.name, m.text) AS name, m.code, count(*) AS mentions,
               count(DISTINCT m.article_id) AS articles, any_value(m.kb_id) AS kb_id
        FROM mentions m
        WHERE m.country = $code AND m.article_id IN (
            SELECT e.article_id FROM events e WHERE {where})
        GROUP BY ALL ORDER BY mentions DESC, name LIMIT $limit""", params)


def known_code(con: duckdb.DuckDBPyConnection, code: str) -> bool:
    """True when some stored event has `code` as a side's country."""
    found = rows(con, "SELECT EXISTS (SELECT 1 FROM events WHERE source_country = $c "
                      "OR target_country = $c) AS found", {"c": code})
    return bool(found[0]["found"])


def _trim(before: str, after: str) -> tuple[str, str]:
    """Cut the words around a trigger to its own sentence where a sentence end shows."""
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    found = _SENTENCE_END.search(after)
    if found:
        after = after[: found.start() + 1]
    return before.lstrip(), after.rstrip()


def contexts(con: duckdb.DuckDBPyConnection, gids: list[int]) -> dict[int, dict[str, str]]:
    """For each event id, the trigger and the words before and after it in its sentence
    (at most CONTEXT characters each side)."""
    if not gids:
        return {}
    around = rows(con, f"""
        SELECT e.gid,
               substr(a.text, greatest(e.trigger_start - {CONTEXT}, 0) + 1,
                      e.trigger_start - greatest(e.trigger_start - {CONTEXT}, 0)) AS before,
               substr(a.text, e.trigger_start + 1, e.trigger_end - e.trigger_start) AS word,
               substr(a.text, e.trigger_end + 1, {CONTEXT}) AS after
        FROM (SELECT unnest($gids) AS wanted) w JOIN events e ON e.gid = w.wanted
        JOIN articles a ON a.id = e.article_id
        WHERE e.trigger_start IS NOT NULL
          AND e.trigger_end >= e.trigger_start""", {"gids": [int(g) for g in gids]})
    out = {}
    for row in around:
        gid, before, word, after = row["gid"], row["before"], row["word"], row["after"]
        before, after = _trim(before or "", after or "")
        out[int(gid)] = {"before": before, "trigger": word or "", "after": after}
    return out
