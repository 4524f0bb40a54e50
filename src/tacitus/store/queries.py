"""Read a store back as pandas DataFrames: events, dyads, quotes, and read-only SQL.

Every function takes the store's path first and opens it read-only for the one query, so a
dashboard or notebook can read while nothing writes. Dyads are directed country pairs
(source country -> target country, ISO 3166 alpha-3 or CAMEO region/IGO codes) and count
only events that happened (not negated, not hypothetical), each near-duplicate group once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterator
from typing import Any, Literal

import duckdb
import pandas as pd

from tacitus.errors import InputError, StoreError
from tacitus.store.writer import connect, store_error

Series = Literal["day", "week", "month", "year"]
SERIES: tuple[str, ...] = ("day", "week", "month", "year")
_ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
_DYAD = re.compile(r"^\s*([A-Za-z0-9*]+)\s*(?:->|>|-|:|/)\s*([A-Za-z0-9*]+)\s*$")
_EVENT_COLUMNS = """gid, e.group_id, e.id, article_id, e.date, e.date_precision, sentence,
    source_text, source_name, source_code, source_country, source_sectors,
    target_text, target_name, target_code, target_country, target_sectors,
    cameo, cameo_root, cameo_name, goldstein, quad_class, plover, plover_mode, plover_context,
    trigger_text, trigger_start, trigger_end, location_name, location_country,
    location_lat, location_lon, negated, modality, happened, confidence, rule, e.tone"""


@contextlib.contextmanager
def reader(db: str | os.PathLike[str]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a store with file access outside it switched off."""
    con = connect(db, read_only=True)
    try:
        con.execute("SET enable_external_access = false")
        yield con
    except duckdb.Error as exc:
        raise store_error(db, exc) from exc
    finally:
        con.close()


def _frame(db: str | os.PathLike[str], query: str, params: dict[str, Any] | None = None
           ) -> pd.DataFrame:
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


def _filters(dyad: str | None, since: Any, until: Any, root: Any,
             happened: bool | None) -> tuple[str, dict[str, Any]]:
    where, params = ["TRUE"], {}
    if dyad:
        source, target = parse_dyad(dyad)
        if source:
            where.append("source_country = $source")
            params["source"] = source
        if target:
            where.append("target_country = $target")
            params["target"] = target
    if (start := _date(since)) is not None:
        where.append("e.date >= $since")
        params["since"] = start
    if (end := _date(until)) is not None:
        where.append("e.date <= $until")
        params["until"] = end
    if (code := _root(root)) is not None:
        where.append("cameo_root = $root")
        params["root"] = code
    if happened is not None:
        where.append("happened = $happened")
        params["happened"] = happened
    return " AND ".join(where), params


def events(
    db: str | os.PathLike[str],
    *,
    dyad: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    root: str | int | None = None,
    happened: bool | None = None,
    grouped: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """Stored events, oldest first, with their article's title, url and outlet.

    `dyad` "PAK-RUS" keeps events from Pakistan to Russia ("*" for any side); `since`/`until`
    are inclusive ISO dates; `root` a CAMEO root ("04" or 4); `happened` True keeps events
    neither negated nor hypothetical. `grouped` gives one row per happening (its first
    report, `gid` = `group_id`) with num_mentions, num_articles and num_sources (GDELT's
    counting); the filters then apply to that first report.
    """
    where, params = _filters(dyad, since, until, root, happened)
    counts = ", e.num_mentions, e.num_articles, e.num_sources" if grouped else ""
    table = "event_groups" if grouped else "events"
    query = (
        f"SELECT {_EVENT_COLUMNS}{counts}, a.title, a.url, a.outlet FROM {table} e "
        f"JOIN articles a ON a.id = e.article_id WHERE {where} ORDER BY e.date NULLS LAST, gid"
    )
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    return _frame(db, query, params)


def reports(db: str | os.PathLike[str], group_id: int) -> pd.DataFrame:
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
    db: str | os.PathLike[str],
    *,
    top: int | None = None,
    series: Series | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    domestic: bool = False,
) -> pd.DataFrame:
    """Directed country pairs with events that happened: events, mentions, mean and total
    Goldstein, counts per QuadClass (q1 verbal cooperation .. q4 material conflict).

    `series` adds a `period` column (start of the day, week (Monday), month or year) and one
    row per pair and period; `top` keeps the N pairs with most events overall; `domestic`
    keeps pairs of a country with itself (left out by default).
    """
    if series is not None and series not in SERIES:
        raise InputError("bad_series", value=series, choices=", ".join(SERIES))
    where, params = _filters(None, since, until, None, True)
    where += " AND source_country IS NOT NULL AND target_country IS NOT NULL"
    if not domestic:
        where += " AND source_country <> target_country"
    if series:
        where += " AND e.date IS NOT NULL"
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
    query = f"""
        WITH base AS (
            SELECT {period}e.* FROM event_groups e WHERE {where}
        )
        SELECT {keys}, count(*) AS events, sum(num_mentions) AS mentions,
               avg(goldstein) AS goldstein_mean, sum(goldstein) AS goldstein_sum,
               count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4
        FROM base {ranked}
        GROUP BY {keys}
        ORDER BY {"period, " if series else ""}events DESC, source_country, target_country
    """
    frame = _frame(db, query, params)
    for column in ("events", "mentions", "q1", "q2", "q3", "q4"):
        frame[column] = frame[column].astype("int64")
    return frame


def quotes(
    db: str | os.PathLike[str], *, speaker: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Stored quotes with speaker and article; `speaker` matches a name, the words that
    named the speaker (case-insensitive, part of it) or an exact actor code."""
    where, params = "TRUE", {}
    if speaker:
        where = ("(speaker_name ILIKE $like OR speaker_text ILIKE $like "
                 "OR upper(speaker_code) = upper($code))")
        params = {"like": f"%{speaker.strip()}%", "code": speaker.strip()}
    query = (
        "SELECT q.id, q.article_id, a.date, q.text, q.direct, q.cue, q.speaker_text, "
        "q.speaker_name, q.speaker_code, q.speaker_country, a.title, a.url, a.outlet "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where} "
        "ORDER BY a.date NULLS LAST, q.article_id, q.start"
    )
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    return _frame(db, query, params)


def check_read_only(statement: str) -> None:
    """Raise StoreError unless `statement` is exactly one SELECT/WITH/DESCRIBE/SHOW/SUMMARIZE
    or EXPLAIN statement."""
    try:
        parsed = duckdb.connect(":memory:").extract_statements(statement)
    except duckdb.Error as exc:
        raise StoreError("sql_parse", reason=_why(exc)) from exc
    if len(parsed) != 1 or parsed[0].type not in _ALLOWED:
        raise StoreError("sql_write")


def sql(db: str | os.PathLike[str], statement: str) -> pd.DataFrame:
    """The result of one read-only statement (see `check_read_only`), on a read-only
    connection with file access outside the store switched off."""
    check_read_only(statement)
    return _frame(db, statement)


def summary(db: str | os.PathLike[str]) -> dict[str, int]:
    """Rows per table and the number of happenings (event groups)."""
    counts: dict[str, int] = {}
    with reader(db) as con:
        for table in ("articles", "copies", "events", "event_groups", "mentions", "quotes"):
            row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(row[0]) if row else 0
    return counts
