"""The store's side of grouping reports into happenings (the rule is in grouping.py).

In: a connection inside the writer's transaction and the `events` rows about to be stored.
`assign_groups(con, rows, article_groups, rules)` sets each row's `group_id`: it loads only
the stored happenings of the rows' blocks whose days come within reach (`happenings.block`,
`first_date`, `last_date` are the index), seeds a Grouper with their members and assigns the
new reports in order. `save_happenings(con, assigned, copied_hashes)` then rewrites the
`happenings` rows those reports and the batch's verbatim copies touched: blocks, days and
GDELT's counts. `group_missing(con, rules)` groups stored events that have no group yet (a
store made before grouping existed, or after `Store.regroup`). All of it runs in the
caller's transaction, so a crash leaves groups and events consistent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.store.grouping import Grouper, GroupingRules, Report, block_of, report_of

# Columns of `events` a Report is built from; location_* columns beyond these (a GeoNames id,
# a feature, a region) are read too when the store has them.
_REPORT_COLUMNS = (
    "date", "date_precision", "cameo", "negated", "modality",
    "source_text", "source_code", "source_country", "source_sectors",
    "target_text", "target_code", "target_country", "target_sectors",
    "location_country", "location_lat", "location_lon",
)
_OPTIONAL_COLUMNS = ("location_feature", "location_geonames_id", "location_adm1")
# Events grouped per transaction step when grouping a whole store.
_REGROUP_CHUNK = 20_000


@dataclass
class Assigned:
    """What `assign_groups` did: the groups it touched (id -> block, first and last day)."""

    spans: dict[Hashable, tuple[str | None, dt.date | None, dt.date | None]] = field(
        default_factory=dict)


def _report_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    have = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
    return [*_REPORT_COLUMNS, *(c for c in _OPTIONAL_COLUMNS if c in have)]


def _load(con: duckdb.DuckDBPyConnection, grouper: Grouper, reports: Sequence[Report]) -> None:
    """Seed `grouper` with the stored happenings a report of `reports` might join."""
    reach = dt.timedelta(days=grouper.rules.max_days)
    want = pa.table({
        "block": [block_of(r, grouper.rules) for r in reports],
        "lo": pa.array([r.first - reach for r in reports], pa.date32()),
        "hi": pa.array([r.last + reach for r in reports], pa.date32()),
    })
    columns = ", ".join(f"e.{c}" for c in _report_columns(con))
    con.register("_want", want)
    try:
        rows = con.execute(
            f"""WITH near AS (
                    SELECT DISTINCT h.id FROM _want w JOIN happenings h
                    ON h.block = w.block AND h.first_date <= w.hi AND h.last_date >= w.lo)
                SELECT DISTINCT e.group_id, a.group_id AS article_group, {columns}
                FROM near JOIN events e ON e.group_id = near.id
                JOIN articles a ON a.id = e.article_id"""
        )
        names = [d[0] for d in rows.description]
        members: dict[Hashable, list[Report]] = {}
        for values in rows.fetchall():
            row = dict(zip(names, values, strict=True))
            report = report_of(row["group_id"], row, row["article_group"])
            if report is not None:
                members.setdefault(row["group_id"], []).append(report)
    finally:
        con.unregister("_want")
    for group_id in sorted(members):
        grouper.seed(group_id, members[group_id])


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
            assigned.spans[row["gid"]] = (None, None, None)
            continue
        group_id = grouper.assign(report)
        row["group_id"] = group_id
        group = grouper.group(group_id)
        assert group is not None
        assigned.spans[group_id] = (block_of(group.members[0], rules), group.first, group.last)
    return assigned


_COUNTS = """
    WITH r AS (SELECT rp.* FROM reports rp JOIN _ids ON _ids.id = rp.group_id),
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


def save_happenings(
    con: duckdb.DuckDBPyConnection, assigned: Assigned, copied_hashes: Sequence[str] = ()
) -> None:
    """Rewrite the happenings `assigned` touched (block, days) and recount them and those
    whose articles gained verbatim copies (`copied_hashes`)."""
    ids = list(assigned.spans)
    if ids:
        spans = pa.table({
            "id": pa.array(ids, pa.int64()),
            "block": pa.array([assigned.spans[i][0] for i in ids], pa.string()),
            "first_date": pa.array([assigned.spans[i][1] for i in ids], pa.date32()),
            "last_date": pa.array([assigned.spans[i][2] for i in ids], pa.date32()),
        })
        con.register("_spans", spans)
        try:
            con.execute("DELETE FROM happenings WHERE id IN (SELECT id FROM _spans)")
            con.execute("INSERT INTO happenings (id, block, first_date, last_date) "
                        "SELECT id, block, first_date, last_date FROM _spans")
        finally:
            con.unregister("_spans")
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
