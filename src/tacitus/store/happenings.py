"""The store's side of grouping reports into happenings (the rule is in grouping.py).

In: a connection inside the writer's transaction and the `events` rows about to be stored.
`assign_groups(con, rows, article_groups, rules)` sets each row's `group_id`: it loads only
the stored happenings found under the rows' lookup keys whose days come within reach (the
`happening_keys` table is the index: key, first and last day), seeds a Grouper with their
members and assigns the new reports in order. `save_happenings(con, assigned,
copied_hashes)` then rewrites what those reports and the batch's verbatim copies touched:
the happenings' keys, days and GDELT's counts. `group_missing(con, rules)` groups stored
events that have no group yet (a store made before grouping existed, after `Store.regroup`,
or after `release_groups` and `drop_empty_happenings` let `tacitus recode` replace events).
All of it runs in the caller's transaction, so a crash leaves groups and events consistent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.store.grouping import Grouper, GroupingRules, Report, lookup_keys, report_of

# Columns of `events` a Report is built from; location_* columns beyond these (a GeoNames id,
# a feature, a region) are read too when the store has them.
_REPORT_COLUMNS = (
    "date", "date_precision", "cameo", "negated", "modality",
    "source_text", "source_code", "source_country", "source_sectors",
    "target_text", "target_code", "target_country", "target_sectors",
    "location_name", "location_country", "location_lat", "location_lon",
)
_OPTIONAL_COLUMNS = ("location_feature", "location_geonames_id", "location_adm1",
                     "location_found_by")
# Events grouped per transaction step when grouping a whole store.
_REGROUP_CHUNK = 20_000


@dataclass
class Assigned:
    """What `assign_groups` did: the groups it touched (id -> index keys, first and last
    day; no keys and no days for an undated report)."""

    spans: dict[Hashable, tuple[list[str], dt.date | None, dt.date | None]] = field(
        default_factory=dict)


def _report_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    have = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
    return [*_REPORT_COLUMNS, *(c for c in _OPTIONAL_COLUMNS if c in have)]


def _load(con: duckdb.DuckDBPyConnection, grouper: Grouper, reports: Sequence[Report]) -> None:
    """Seed `grouper` with the stored happenings a report of `reports` might join."""
    reach = dt.timedelta(days=grouper.rules.max_days)
    wanted = {(key, r.first - reach, r.last + reach)
              for r in reports for key in lookup_keys(r, grouper.rules)}
    want = pa.table({
        "key": pa.array([w[0] for w in wanted], pa.string()),
        "lo": pa.array([w[1] for w in wanted], pa.date32()),
        "hi": pa.array([w[2] for w in wanted], pa.date32()),
    })
    columns = ", ".join(f"e.{c}" for c in _report_columns(con))
    con.register("_want", want)
    try:
        cursor = con.execute(
            f"""WITH near AS (
                    SELECT DISTINCT k.id FROM _want w JOIN happening_keys k
                    ON k.key = w.key AND k.first_date <= w.hi AND k.last_date >= w.lo)
                SELECT DISTINCT e.group_id, e.article_id, {columns}
                FROM events e WHERE e.group_id IN (SELECT id FROM near)"""
        )
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    finally:
        con.unregister("_want")
    article_groups = _article_groups(con, {r["article_id"] for r in rows})
    members: dict[Hashable, list[Report]] = {}
    for row in rows:
        report = report_of(row["group_id"], row, article_groups.get(row["article_id"]))
        if report is not None:
            members.setdefault(row["group_id"], []).append(report)
    for group_id in sorted(members):
        grouper.seed(group_id, members[group_id])


def _article_groups(con: duckdb.DuckDBPyConnection, ids: set[str]) -> dict[str, str]:
    """Article id -> its near-duplicate group, for the given ids."""
    if not ids:
        return {}
    con.register("_articles", pa.table({"id": pa.array(sorted(ids), pa.string())}))
    try:
        return dict(con.execute(
            "SELECT id, group_id FROM articles WHERE id IN (SELECT id FROM _articles)"
        ).fetchall())
    finally:
        con.unregister("_articles")


def assign_groups(
    con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]],
    article_groups: Sequence[str | None], rules: GroupingRules,
) -> Assigned:
    """Set `group_id` on each `events` row (which must carry its `gid`), in order: the gid of
    the first report of the happening it joins, stored or new."""
    reports: list[Report | None] = [
        report_of(row["gid"], row, group)
        for row, group in zip(rows, article_groups, strict=True)
    ]
    dated = [r for r in reports if r is not None]
    grouper = Grouper(rules)
    if dated:
        _load(con, grouper, dated)
    assigned = Assigned()
    for row, report in zip(rows, reports, strict=True):
        if report is None:
            row["group_id"] = row["gid"]  # no day to compare: a happening of its own
            assigned.spans[row["gid"]] = ([], None, None)
            continue
        group_id = grouper.assign(report)
        row["group_id"] = group_id
        group = grouper.group(group_id)
        assert group is not None
        assigned.spans[group_id] = (sorted(group.keys), group.first, group.last)
    return assigned


_COUNTS = """
    WITH ev AS (SELECT group_id, article_id FROM events WHERE group_id IN (SELECT id FROM _ids)),
    docs_of AS (
        SELECT a.id AS article_id, a.id AS doc, coalesce(a.outlet, a.id) AS outlet,
               a.tone AS doc_tone, FALSE AS copy, a.text_hash
        FROM articles a WHERE a.id IN (SELECT article_id FROM ev)),
    r AS (
        SELECT ev.group_id, d.doc, d.outlet, d.doc_tone, d.copy
        FROM ev JOIN docs_of d ON d.article_id = ev.article_id
        UNION ALL
        SELECT ev.group_id, c.id, coalesce(c.outlet, c.id), d.doc_tone, TRUE
        FROM ev JOIN docs_of d ON d.article_id = ev.article_id
        JOIN copies c ON c.text_hash = d.text_hash),
    docs AS (SELECT group_id, doc, any_value(doc_tone) AS tone FROM r GROUP BY group_id, doc),
    tones AS (SELECT group_id, avg(tone) AS avg_tone FROM docs GROUP BY group_id),
    counts AS (
        SELECT group_id, count(*) FILTER (WHERE NOT copy) AS events, count(*) AS num_mentions,
               count(DISTINCT doc) AS num_articles, count(DISTINCT outlet) AS num_sources
        FROM r GROUP BY group_id)
    UPDATE happenings SET events = c.events, num_mentions = c.num_mentions,
        num_articles = c.num_articles, num_sources = c.num_sources, avg_tone = t.avg_tone
    FROM counts c JOIN tones t ON t.group_id = c.group_id
    WHERE happenings.id = c.group_id
"""
# The report that stands for its happening in event_groups (and the GDELT/PLOVER exports):
# a named day before a week, month or year; a place the text gives (a point before a
# country) before the dateline's or a side's country before none; the code most of its
# reports carry; sides with a country; the most confident; then the first.
_REPRESENTATIVE = """
    WITH members AS (
        SELECT *, count(*) OVER (PARTITION BY group_id, cameo) AS same_code
        FROM events WHERE group_id IN (SELECT id FROM _ids)),
    ranked AS (
        SELECT group_id, first(gid ORDER BY
            CASE date_precision WHEN 'day' THEN 0 WHEN 'week' THEN 1 WHEN 'month' THEN 2
                 ELSE 3 END,
            CASE WHEN location_country IS NULL AND location_lat IS NULL THEN 4
                 WHEN coalesce(location_found_by, '') IN ('dateline', 'target', 'source')
                 THEN 3
                 WHEN location_feature IN ('country', 'continent') THEN 2
                 WHEN location_lat IS NULL THEN 1 ELSE 0 END,
            same_code DESC,
            (source_country IS NULL)::INTEGER + (target_country IS NULL)::INTEGER,
            confidence DESC NULLS LAST, gid) AS rep
        FROM members GROUP BY group_id)
    UPDATE happenings SET rep_gid = ranked.rep FROM ranked WHERE happenings.id = ranked.group_id
"""


def save_happenings(
    con: duckdb.DuckDBPyConnection, assigned: Assigned, copied_hashes: Sequence[str] = ()
) -> None:
    """Rewrite the happenings `assigned` touched (keys, days) and recount them and those
    whose articles gained verbatim copies (`copied_hashes`)."""
    ids = list(assigned.spans)
    if ids:
        spans = pa.table({
            "id": pa.array(ids, pa.int64()),
            "first_date": pa.array([assigned.spans[i][1] for i in ids], pa.date32()),
            "last_date": pa.array([assigned.spans[i][2] for i in ids], pa.date32()),
        })
        keyed = [(i, key) for i in ids for key in assigned.spans[i][0]]
        keys = pa.table({
            "id": pa.array([i for i, _ in keyed], pa.int64()),
            "key": pa.array([k for _, k in keyed], pa.string()),
        })
        con.register("_spans", spans)
        con.register("_keys", keys)
        try:
            con.execute("DELETE FROM happenings WHERE id IN (SELECT id FROM _spans)")
            con.execute("DELETE FROM happening_keys WHERE id IN (SELECT id FROM _spans)")
            con.execute("INSERT INTO happenings (id, first_date, last_date) "
                        "SELECT id, first_date, last_date FROM _spans")
            con.execute("INSERT INTO happening_keys SELECT k.id, k.key, s.first_date, "
                        "s.last_date FROM _keys k JOIN _spans s ON s.id = k.id")
        finally:
            con.unregister("_spans")
            con.unregister("_keys")
    if copied_hashes:
        ids += [
            r[0] for r in con.execute(
                "SELECT DISTINCT e.group_id FROM events e JOIN articles a ON a.id = e.article_id "
                "WHERE list_contains($h, a.text_hash) AND e.group_id IS NOT NULL",
                {"h": list(copied_hashes)},
            ).fetchall()
        ]
    if not ids:
        return
    con.register("_ids", pa.table({"id": pa.array(sorted(set(ids)), pa.int64())}))
    try:
        con.execute(_COUNTS)
        con.execute(_REPRESENTATIVE)
    finally:
        con.unregister("_ids")


def group_missing(con: duckdb.DuckDBPyConnection, rules: GroupingRules) -> int:
    """Group the stored events that have no group (oldest first), as if they had been
    ingested in that order; returns how many were grouped."""
    columns = ", ".join(f"e.{c}" for c in _report_columns(con))
    done = 0
    while True:
        cursor = con.execute(
            f"SELECT e.gid, a.group_id AS article_group, {columns} FROM events e "
            "LEFT JOIN articles a ON a.id = e.article_id WHERE e.group_id IS NULL "
            f"ORDER BY e.gid LIMIT {_REGROUP_CHUNK}"
        )
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
        if not rows:
            return done
        assigned = assign_groups(con, rows, [r["article_group"] for r in rows], rules)
        table = pa.table({
            "gid": pa.array([r["gid"] for r in rows], pa.int64()),
            "group_id": pa.array([r["group_id"] for r in rows], pa.int64()),
        })
        con.register("_assigned", table)
        try:
            con.execute("UPDATE events SET group_id = t.group_id FROM _assigned t "
                        "WHERE events.gid = t.gid")
        finally:
            con.unregister("_assigned")
        save_happenings(con, assigned)
        done += len(rows)


def release_groups(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> list[int]:
    """Before the events of `article_ids` are replaced (tacitus recode): every event that
    shares a happening with them loses its group, so that `group_missing` regroups it with
    the new events; returns the happenings released."""
    released = [
        r[0] for r in con.execute(
            "SELECT DISTINCT group_id FROM events WHERE list_contains($ids, article_id) "
            "AND group_id IS NOT NULL", {"ids": list(article_ids)},
        ).fetchall()
    ]
    if released:
        con.execute(
            "UPDATE events SET group_id = NULL WHERE list_contains($g, group_id)", {"g": released}
        )
    return released


def drop_empty_happenings(con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> None:
    """Delete the happenings `ids` (and their index keys): their events were released."""
    if ids:
        con.execute("DELETE FROM happening_keys WHERE list_contains($g, id)", {"g": list(ids)})
        con.execute("DELETE FROM happenings WHERE list_contains($g, id)", {"g": list(ids)})
