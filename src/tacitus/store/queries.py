"""Read a store back as pandas DataFrames: events, dyads, quotes, one article, read-only SQL.

Every function takes the store first: a path (a store, or a Parquet dataset folder:
store/dataset.py), opened read-only for the one query (so a notebook can read while nothing
writes), or a connection from `reader(path)`, so a dashboard page runs all its queries on one
connection. Events are chosen by an `EventFilter` (dyad, country, dates, CAMEO root, PLOVER
type, modality, minimum confidence), every value checked and bound as a parameter. Dyads are
directed country pairs (source country -> target country, ISO 3166 alpha-3 or CAMEO
region/IGO codes) and count only events that happened (not negated, not hypothetical), each
near-duplicate group once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, Literal

import duckdb
import pandas as pd

from tacitus.errors import InputError, StoreError
from tacitus.ontology.tables import load_codes
from tacitus.store.writer import connect, store_error

Db = str | os.PathLike[str] | duckdb.DuckDBPyConnection
Series = Literal["day", "week", "month", "year"]
SERIES: tuple[str, ...] = ("day", "week", "month", "year")
_ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
_DYAD = re.compile(r"^\s*([A-Za-z0-9*]+)\s*(?:->|>|-|:|/)\s*([A-Za-z0-9*]+)\s*$")
_COUNTRY = re.compile(r"^[A-Z]{3}(?:[A-Z]{3}){0,2}$")
MODALITIES: tuple[str, ...] = ("asserted", "intended", "hypothetical", "reported")
_EVENT_COLUMNS = """gid, e.group_id, e.id, article_id, e.date, e.date_precision, sentence,
    source_text, source_name, source_code, source_country, source_sectors,
    target_text, target_name, target_code, target_country, target_sectors,
    cameo, cameo_root, cameo_name, goldstein, quad_class, plover, plover_mode, plover_context,
    trigger_text, trigger_start, trigger_end, location_name, location_country,
    location_lat, location_lon, negated, modality, happened, confidence, rule, e.tone"""


@contextlib.contextmanager
def reader(db: Db, groups: Any = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a store with file access outside it switched off; `db` may
    also be a Parquet dataset folder (store/dataset.py), read where it lies, its happenings
    grouped with `groups` (GroupOptions; None = the defaults); given a connection (from an
    outer `reader`), that connection, left open."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        yield db
        return
    from tacitus.store.dataset import connect_dataset, is_dataset

    if is_dataset(db):
        con = connect_dataset(db, groups)
    else:
        con = connect(db, read_only=True)
        con.execute("SET enable_external_access = false")
    try:
        yield con
    except duckdb.Error as exc:
        raise store_error(db, exc) from exc
    finally:
        con.close()


def _frame(db: Db, query: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    with reader(db) as con:
        return con.execute(query, params or {}).df()


def _why(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0]


def parse_dyad(dyad: str) -> tuple[str | None, str | None]:
    """'PAK-RUS' (or 'PAK->RUS', 'PAK>RUS') -> ('PAK', 'RUS'); '*' for either side is None."""
    match = _DYAD.match(dyad or "")
    if not match:
        raise InputError("bad_dyad", value=dyad)
    source, target = (None if side == "*" else side.upper() for side in match.groups())
    return source, target


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise InputError("bad_date", value=value) from exc


def _root(value: str | int | None) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 20:
        raise InputError("bad_root", value=value)
    return f"{int(text):02d}"


def check_country(value: str) -> str:
    """'pak' -> 'PAK': an ISO3, CAMEO region or IGO code (3, 6 or 9 letters); else
    InputError('bad_country')."""
    code = str(value).strip().upper()
    if not _COUNTRY.match(code):
        raise InputError("bad_country", value=value)
    return code


def plover_types() -> tuple[str, ...]:
    """The PLOVER event types the CAMEO->PLOVER crosswalk can give, sorted."""
    return tuple(sorted({c.plover for c in load_codes().values() if c.plover}))


def _plover(value: str) -> str:
    code = str(value).strip().upper()
    choices = plover_types()
    if code not in choices:
        raise InputError("bad_plover", value=value, choices=", ".join(choices))
    return code


def _modality(value: str) -> str:
    name = str(value).strip().lower()
    if name not in MODALITIES:
        raise InputError("bad_modality", value=value, choices=", ".join(MODALITIES))
    return name


def _confidence(value: float | str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError("bad_confidence", value=value) from None
    if not (math.isfinite(number) and 0.0 <= number <= 1.0):
        raise InputError("bad_confidence", value=value)
    return number


@dataclass(frozen=True)
class EventFilter:
    """Which events a query keeps; every field optional, every value checked (InputError)
    and bound as a parameter, never pasted into SQL.

    `dyad` "PAK-RUS" (source-target, "*" for any side); `country` either side; `since` and
    `until` inclusive ISO dates; `root` a CAMEO root ("04" or 4); `plover` a PLOVER type;
    `modality` asserted/intended/hypothetical/reported; `min_confidence` 0..1; `happened`
    True keeps events neither negated nor hypothetical.
    """

    dyad: str | None = None
    country: str | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    root: str | int | None = None
    plover: str | None = None
    modality: str | None = None
    min_confidence: float | str | None = None
    happened: bool | None = None

    def sql(self, table: str = "e") -> tuple[str, dict[str, Any]]:
        """The WHERE clause (columns of events aliased `table`) and its parameters."""
        where, params = ["TRUE"], {}

        def add(clause: str, name: str, value: Any) -> None:
            where.append(clause.format(t=table))
            params[name] = value

        if self.dyad:
            source, target = parse_dyad(self.dyad)
            if source:
                add("{t}.source_country = $source", "source", source)
            if target:
                add("{t}.target_country = $target", "target", target)
        if self.country:
            add("($country IN ({t}.source_country, {t}.target_country))", "country",
                check_country(self.country))
        if (start := _date(self.since)) is not None:
            add("{t}.date >= $since", "since", start)
        if (end := _date(self.until)) is not None:
            add("{t}.date <= $until", "until", end)
        if (code := _root(self.root)) is not None:
            add("{t}.cameo_root = $root", "root", code)
        if self.plover:
            add("{t}.plover = $plover", "plover", _plover(self.plover))
        if self.modality:
            add("{t}.modality = $modality", "modality", _modality(self.modality))
        if self.min_confidence is not None and self.min_confidence != "":
            add("{t}.confidence >= $confidence", "confidence", _confidence(self.min_confidence))
        if self.happened is not None:
            add("{t}.happened = $happened", "happened", bool(self.happened))
        return " AND ".join(where), params

    def replace(self, **changes: Any) -> EventFilter:
        """A copy with some fields changed."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return EventFilter(**values)


def _where(where: EventFilter | None, filters: dict[str, Any]) -> EventFilter:
    """`where` with keyword filters laid over it (a TypeError names an unknown one)."""
    return (where or EventFilter()).replace(**filters) if filters else where or EventFilter()


def _page(limit: int | None, offset: int | None) -> str:
    text = f" LIMIT {int(limit)}" if limit is not None else ""
    return text + (f" OFFSET {int(offset)}" if offset else "")


def events(
    db: Db,
    where: EventFilter | None = None,
    *,
    grouped: bool = False,
    limit: int | None = None,
    offset: int | None = None,
    newest_first: bool = False,
    **filters: Any,
) -> pd.DataFrame:
    """Stored events, oldest first (`newest_first` reverses), with their article's title,
    url and outlet.

    `where` (an EventFilter) or its fields as keywords choose the events: `dyad` "PAK-RUS"
    keeps events from Pakistan to Russia ("*" for any side); `since`/`until` are inclusive
    ISO dates; `root` a CAMEO root ("04" or 4); `happened` True keeps events neither negated
    nor hypothetical; also `country`, `plover`, `modality`, `min_confidence`. `grouped` gives
    one row per happening (its first report, `gid` = `group_id`) with num_mentions,
    num_articles and num_sources (GDELT's counting); the filters then apply to that first
    report. `limit`/`offset` page through the rows.
    """
    query, params = events_query(_where(where, filters), grouped=grouped,
                                 newest_first=newest_first, limit=limit, offset=offset)
    return _frame(db, query, params)


def events_query(where: EventFilter, *, grouped: bool = False, newest_first: bool = False,
                 limit: int | None = None, offset: int | None = None
                 ) -> tuple[str, dict[str, Any]]:
    """The SELECT statement and parameters behind `events` (for streaming its rows).

    With `limit`/`offset`, the page's ids are chosen first from the events alone (ordering
    a few narrow columns), then only those rows are read whole and joined to their article:
    a late page of 100,000 events costs about what the first does."""
    clause, params = where.sql()
    counts = ", e.num_mentions, e.num_articles, e.num_sources" if grouped else ""
    table = "event_groups" if grouped else "events"
    order = "e.date DESC NULLS LAST, gid DESC" if newest_first else "e.date NULLS LAST, gid"
    chosen, kept = f"{table} e", clause
    if limit is not None or offset:
        chosen = (f"(SELECT gid AS page_gid FROM {table} e WHERE {clause} ORDER BY {order}"
                  f"{_page(limit, offset)}) p JOIN {table} e ON e.gid = p.page_gid")
        kept = "TRUE"
    query = (
        f"SELECT {_EVENT_COLUMNS}{counts}, a.title, a.url, a.outlet FROM {chosen} "
        f"JOIN articles a ON a.id = e.article_id WHERE {kept} ORDER BY {order}"
    )
    return query, params


def count_events(db: Db, where: EventFilter | None = None, **filters: Any) -> int:
    """How many stored events the filter keeps (as `events` would list them)."""
    clause, params = _where(where, filters).sql()
    frame = _frame(db, f"SELECT count(*) AS n FROM events e WHERE {clause}", params)
    return int(frame["n"].iloc[0])


def reports(db: Db, group_id: int) -> pd.DataFrame:
    """The reports behind one happening (`group_id`, GDELT's GLOBALEVENTID): one row per
    event in an article and per verbatim copy of that article, oldest event first, with the
    outlet, URL, sentence and the words of each side and of the trigger."""
    query = """
        WITH docs AS (
            SELECT a.id AS article_id, a.id AS doc, a.outlet, a.url, a.published,
                   FALSE AS copy
            FROM articles a
            UNION ALL
            SELECT a.id, c.id, c.outlet, c.url, c.published, TRUE
            FROM copies c JOIN articles a ON a.text_hash = c.text_hash
        )
        SELECT e.group_id, e.gid, e.date, e.date_precision, d.doc, d.copy, d.outlet, d.url,
               d.published, e.sentence, e.source_text, e.source_code, e.cameo, e.cameo_name,
               e.target_text, e.target_code, e.trigger_text, e.location_name, e.happened
        FROM events e JOIN docs d ON d.article_id = e.article_id
        WHERE e.group_id = $group
        ORDER BY e.gid, d.copy, d.doc
    """
    return _frame(db, query, {"group": int(group_id)})


def dyads(
    db: Db,
    where: EventFilter | None = None,
    *,
    top: int | None = None,
    series: Series | None = None,
    domestic: bool = False,
    limit: int | None = None,
    offset: int | None = None,
    **filters: Any,
) -> pd.DataFrame:
    """Directed country pairs with events that happened: events, mentions, mean and total
    Goldstein, counts per QuadClass (q1 verbal cooperation .. q4 material conflict).

    `where` or its fields as keywords (`since`, `until`, `dyad`, `country`, `root`, ...)
    choose the events; `series` adds a `period` column (start of the day, week (Monday),
    month or year) and one row per pair and period; `top` keeps the N pairs with most events
    overall; `domestic` keeps pairs of a country with itself (left out by default);
    `limit`/`offset` page through the rows. Goldstein sums and means are summed exactly
    (as decimals), so they do not depend on the order DuckDB adds rows in.
    """
    if series is not None and series not in SERIES:
        raise InputError("bad_series", value=series, choices=", ".join(SERIES))
    clause, params = _where(where, filters).replace(happened=True).sql()
    clause += " AND source_country IS NOT NULL AND target_country IS NOT NULL"
    if not domestic:
        clause += " AND source_country <> target_country"
    if series:
        clause += " AND e.date IS NOT NULL"
    period = f"CAST(date_trunc('{series}', e.date) AS DATE) AS period, " if series else ""
    keys = "source_country, target_country" + (", period" if series else "")
    ranked = ""
    if top is not None:
        ranked = (
            "JOIN (SELECT source_country AS s, target_country AS t FROM base "
            "GROUP BY ALL ORDER BY count(*) DESC, s, t LIMIT $top) r "
            "ON r.s = base.source_country AND r.t = base.target_country"
        )
        params["top"] = int(top)
    # One row per happening: its most telling report (as the event_groups view has it)
    # with the happening's mention count, without the view's joins to the first report.
    query = f"""
        WITH base AS (
            SELECT {period}e.*, h.num_mentions
            FROM happenings h JOIN events e ON e.gid = coalesce(h.rep_gid, h.id)
            WHERE {clause}
        )
        SELECT {keys}, count(*) AS events, sum(num_mentions) AS mentions,
               CAST(avg(CAST(goldstein AS DECIMAL(18, 3))) AS DOUBLE) AS goldstein_mean,
               CAST(sum(CAST(goldstein AS DECIMAL(18, 3))) AS DOUBLE) AS goldstein_sum,
               count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4
        FROM base {ranked}
        GROUP BY {keys}
        ORDER BY {"period, " if series else ""}events DESC, source_country, target_country
    """
    frame = _frame(db, query + _page(limit, offset), params)
    for column in ("events", "mentions", "q1", "q2", "q3", "q4"):
        frame[column] = frame[column].astype("int64")
    return frame


def quotes(
    db: Db,
    *,
    speaker: str | None = None,
    between: tuple[str, str] | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> pd.DataFrame:
    """Stored quotes with speaker and article, oldest first; `speaker` matches a name, the
    words that named the speaker (case-insensitive, part of it) or an exact actor code;
    `between` ("PAK", "RUS") keeps quotes spoken by either side in articles that report an
    event between the two (either direction); `since`/`until` bound the article date."""
    where, params = ["TRUE"], {}
    if speaker:
        where.append("(speaker_name ILIKE $like OR speaker_text ILIKE $like "
                     "OR upper(speaker_code) = upper($code))")
        params.update(like=f"%{speaker.strip()}%", code=speaker.strip())
    if between:
        one, two = (check_country(side) for side in between)
        where.append(
            "q.speaker_country IN ($one, $two) AND q.article_id IN (SELECT article_id FROM "
            "events WHERE (source_country = $one AND target_country = $two) "
            "OR (source_country = $two AND target_country = $one))")
        params.update(one=one, two=two)
    if (start := _date(since)) is not None:
        where.append("a.date >= $since")
        params["since"] = start
    if (end := _date(until)) is not None:
        where.append("a.date <= $until")
        params["until"] = end
    query = (
        "SELECT q.id, q.article_id, a.date, q.text, q.direct, q.cue, q.speaker_text, "
        "q.speaker_name, q.speaker_code, q.speaker_country, a.title, a.url, a.outlet "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {' AND '.join(where)} "
        "ORDER BY a.date NULLS LAST, q.article_id, q.start"
    )
    return _frame(db, query + _page(limit, offset), params)


def check_read_only(statement: str) -> None:
    """Raise StoreError unless `statement` is exactly one SELECT/WITH/DESCRIBE/SHOW/SUMMARIZE
    or EXPLAIN statement."""
    try:
        parsed = duckdb.connect(":memory:").extract_statements(statement)
    except duckdb.Error as exc:
        raise StoreError("sql_parse", reason=_why(exc)) from exc
    if len(parsed) != 1 or parsed[0].type not in _ALLOWED:
        raise StoreError("sql_write")


def sql(db: Db, statement: str) -> pd.DataFrame:
    """The result of one read-only statement (see `check_read_only`), on a read-only
    connection with file access outside the store switched off."""
    check_read_only(statement)
    return _frame(db, statement)


def summary(db: Db) -> dict[str, int]:
    """Rows per table and the number of happenings (event groups)."""
    counts: dict[str, int] = {}
    with reader(db) as con:
        for table in ("articles", "copies", "events", "event_groups", "mentions", "quotes"):
            row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(row[0]) if row else 0
    return counts


def tables(db: Db) -> dict[str, set[str]]:
    """The store's tables and views with their column names (a store written by an older or
    newer tacitus may lack or add some)."""
    frame = _frame(db, "SELECT table_name, column_name FROM duckdb_columns() "
                       "WHERE database_name = current_database()")
    out: dict[str, set[str]] = {}
    for table, column in frame.itertuples(index=False):
        out.setdefault(table, set()).add(column)
    return out


def article(db: Db, article_id: str) -> dict[str, Any] | None:
    """One stored article and everything coded in it, or None when the id is unknown.

    Returns {"article": dict (id, title, url, outlet, date, text, tone, group_id, ...),
    "copy_of": the id asked for when it was a verbatim copy (then "article" is the stored
    original) or None, "events", "mentions", "quotes": DataFrames in text order, "places": a
    DataFrame when the store has a places table, else None, "copies": the other outlets that
    carried the same text}.
    """
    with reader(db) as con:
        present = tables(con)
        found = _frame(con, "SELECT * EXCLUDE (minhash) FROM articles WHERE id = $id",
                       {"id": article_id})
        copy_of = None
        if found.empty:
            found = _frame(con, "SELECT a.* EXCLUDE (minhash) FROM copies c JOIN articles a "
                                "ON a.text_hash = c.text_hash WHERE c.id = $id LIMIT 1",
                           {"id": article_id})
            if found.empty:
                return None
            copy_of = article_id
        row = found.iloc[0].to_dict()
        params = {"id": row["id"]}
        places = None
        if "places" in present and "article_id" in present["places"]:
            order = ' ORDER BY "start"' if "start" in present["places"] else ""
            places = _frame(con, f"SELECT * FROM places WHERE article_id = $id{order}", params)
        return {
            "article": row,
            "copy_of": copy_of,
            "events": _frame(con, "SELECT * FROM events WHERE article_id = $id "
                                  "ORDER BY trigger_start NULLS LAST, gid", params),
            "mentions": _frame(con, 'SELECT * FROM mentions WHERE article_id = $id '
                                    'ORDER BY "start", idx', params),
            "quotes": _frame(con, 'SELECT * FROM quotes WHERE article_id = $id '
                                  'ORDER BY "start"', params),
            "places": places,
            "copies": _frame(con, "SELECT id, title, url, outlet, published FROM copies "
                                  "WHERE text_hash = $h ORDER BY id", {"h": row["text_hash"]}),
        }
