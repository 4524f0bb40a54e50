"""Happenings in the store: reports of one happening across articles and outlets grouped,
incrementally, idempotently, with GDELT's counts (store/happenings.py, writer.py)."""

from __future__ import annotations

import duckdb

from tacitus.config import GroupOptions
from tacitus.store import Store

from .records import meeting

OTHER_WORDS = (
    "Pakistan's prime minister held talks with the Russian president in the Chinese port city, "
    "the two sides said after the meeting, which lasted two hours and covered trade, energy "
    "and security on the sidelines of the regional summit."
)
THIRD_WORDS = (
    "Talks between Islamabad and Moscow took place at the summit venue, according to a "
    "statement from the foreign ministry, with both leaders pledging deeper economic ties and "
    "more flights between the two capitals before the end of the year."
)


def _rows(path, sql):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def _groups(path):
    return _rows(path, "SELECT id, events, num_mentions, num_articles, num_sources "
                       "FROM happenings ORDER BY id")


def test_happenings_two_outlets_other_words_one_group(tmp_path):
    db = tmp_path / "h.duckdb"
    wire = meeting("wire", outlet="Wire Service", tone=-1.0)
    paper = meeting("paper", outlet="Daily Paper", date="2025-09-02", text=OTHER_WORDS, tone=2.0)
    with Store(db) as store:
        store.write([wire, paper])
    events = _rows(db, "SELECT gid, group_id, article_id FROM events ORDER BY gid")
    head = events[0][0]
    assert [g for _, g, _ in events] == [head, head]
    assert _groups(db) == [(head, 2, 2, 2, 2)]
    (tone,) = _rows(db, "SELECT avg_tone FROM happenings")
    assert tone[0] == 0.5


def test_happenings_new_articles_join_stored_groups_and_copies_count(tmp_path):
    db = tmp_path / "h.duckdb"
    with Store(db) as store:
        store.write([meeting("wire", outlet="Wire Service")])
        store.write([meeting("paper", outlet="Daily Paper", text=OTHER_WORDS)])
        assert _count(store) == (1, 2, 2, 2, 2)
        # A verbatim copy of the wire text from a third outlet: one more mention and source.
        copy = meeting("copy", outlet="Evening Post")
        store.write([copy])
        assert _count(store) == (1, 2, 3, 3, 3)
        # Another outlet in other words, a day later: joins the same happening.
        store.write([meeting("radio", outlet="Radio", date="2025-09-02", text=THIRD_WORDS)])
        assert _count(store) == (1, 3, 4, 4, 4)
        # Everything again: nothing changes.
        again = store.write([meeting("wire"), meeting("paper", text=OTHER_WORDS), copy])
        assert (again.articles, again.events) == (0, 0)
        assert _count(store) == (1, 3, 4, 4, 4)
    assert _rows(db, "SELECT DISTINCT group_id FROM events") == [(1,)]
    assert _rows(db, "SELECT min(gid) FROM events") == [(1,)]


def _count(store):
    (groups,) = store.con.execute("SELECT count(*) FROM happenings").fetchone()
    row = store.con.execute("SELECT sum(events), sum(num_mentions), sum(num_articles), "
                            "sum(num_sources) FROM happenings").fetchone()
    return (groups, *(int(v) for v in row))


def test_happenings_lookalikes_stay_apart(tmp_path):
    db = tmp_path / "h.duckdb"
    base = meeting("base", outlet="One")
    later = meeting("later", outlet="Two", date="2025-09-04", text=OTHER_WORDS)
    elsewhere = meeting("elsewhere", outlet="Three", text=THIRD_WORDS)
    elsewhere.events[0].location = {"name": "Lahore", "country": "PAK", "lat": 31.55,
                                    "lon": 74.34}
    other_pair = meeting("pair", "IND", "RUS", outlet="Four")
    with Store(db) as store:
        store.write([base, later, elsewhere, other_pair])
    assert [g[1:] for g in _groups(db)] == [(1, 1, 1, 1)] * 4
    assert _rows(db, "SELECT count(*) FROM event_groups") == [(4,)]


def test_happenings_event_groups_view_has_the_first_report(tmp_path):
    db = tmp_path / "h.duckdb"
    with Store(db) as store:
        store.write([meeting("wire", outlet="Wire"), meeting("paper", outlet="Paper",
                                                              text=OTHER_WORDS)])
    (row,) = _rows(db, "SELECT gid, article_id, num_reports, num_mentions, num_articles, "
                       "num_sources, first_date, last_date FROM event_groups")
    assert row[:6] == (1, "wire", 2, 2, 2, 2) and str(row[6]) == str(row[7]) == "2025-09-01"


def test_happenings_schema_one_store_is_grouped_when_opened(tmp_path):
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.write([meeting("wire", outlet="Wire"), meeting("paper", outlet="Paper",
                                                              text=OTHER_WORDS)])
    with duckdb.connect(str(db)) as con:  # back to what a schema-1 store holds
        con.execute("DROP VIEW event_groups")
        con.execute("DROP VIEW reports")
        con.execute("DROP TABLE happenings")
        con.execute("ALTER TABLE events DROP COLUMN group_id")
        con.execute("ALTER TABLE events DROP COLUMN date_precision")
        con.execute("UPDATE meta SET value = '1'")
    with Store(db):
        pass
    assert _groups(db) == [(1, 2, 2, 2, 2)]
    assert _rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [("2",)]
    assert _rows(db, "SELECT DISTINCT date_precision FROM events") == [("day",)]


def test_happenings_regroup_with_other_settings(tmp_path):
    db = tmp_path / "h.duckdb"
    with Store(db) as store:
        store.write([meeting("wire", outlet="Wire"),
                     meeting("paper", outlet="Paper", date="2025-09-02", text=OTHER_WORDS)])
    assert len(_groups(db)) == 1
    with Store(db, GroupOptions(max_days=0)) as store:
        assert store.regroup() == 2
    assert [g[1:] for g in _groups(db)] == [(1, 1, 1, 1), (1, 1, 1, 1)]


def test_happenings_stand_for_by_their_most_telling_report(tmp_path):
    db = tmp_path / "h.duckdb"
    vague = meeting("vague", outlet="Wire", date="2025-09-01")
    vague.events[0].date_precision = "week"
    vague.events[0].location = None
    exact = meeting("exact", outlet="Paper", date="2025-09-02", text=OTHER_WORDS)
    with Store(db) as store:
        store.write([vague])
        store.write([exact])
    (row,) = _rows(db, "SELECT gid, group_id, article_id, first_article_id, date, "
                       "date_precision, location_name, num_articles FROM event_groups")
    head = _rows(db, "SELECT gid FROM events WHERE article_id = 'vague'")[0][0]
    assert row[0] == row[1] == head  # the happening keeps its first report's id
    assert row[2:4] == ("exact", "vague")
    assert (str(row[4]), row[5], row[6], row[7]) == ("2025-09-02", "day", "Tianjin", 2)


def test_happenings_stored_reports_keep_place_names_and_sources(tmp_path):
    # One town, two gazetteer records 80 km apart: the name joins them, in the store too.
    first = meeting("first", outlet="One")
    first.events[0].location = {"name": "Tianjin", "country": "CHN", "lat": 39.13, "lon": 117.2,
                                "geonames_id": 1, "feature": "city", "found_by": "clause"}
    second = meeting("second", outlet="Two", text=OTHER_WORDS)
    second.events[0].location = {"name": "Tianjin", "country": "CHN", "lat": 39.8,
                                 "lon": 117.5, "geonames_id": 2, "feature": "city",
                                 "found_by": "sentence"}
    # A place that only comes from a side's country says nothing about where it happened.
    third = meeting("third", outlet="Three", text=THIRD_WORDS)
    third.events[0].location = {"name": "Russia", "country": "RUS", "feature": "country",
                                "found_by": "target"}
    with Store(tmp_path / "h.duckdb") as store:
        for coded in (first, second, third):
            store.write([coded])
        assert _count(store)[:3] == (1, 3, 3)
