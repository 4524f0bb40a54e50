"""Queries: events by dyad/date/root, dyad aggregates and series, quotes, read-only SQL."""

from __future__ import annotations

import pytest

from tacitus.errors import InputError, StoreError
from tacitus.store import Store, queries

from .records import meeting


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "q.duckdb"
    with Store(path) as store:
        store.write([
            meeting("p1", "PAK", "RUS", "040", "2025-09-01", outlet="Dawn Example"),
            meeting("p2", "PAK", "RUS", "057", "2025-09-09", outlet="Wire"),
            meeting("i1", "IND", "RUS", "040", "2025-09-01", outlet="Wire"),
            meeting("i2", "IND", "RUS", "036", "2025-10-02", outlet="Wire"),
            meeting("c1", "CHN", "IND", "112", "2025-09-03", outlet="Wire"),
            meeting("n1", "PAK", "IND", "190", "2025-09-04", negated=True),
            meeting("h1", "IND", "PAK", "190", "2025-09-04", modality="hypothetical"),
        ])
    return path


@pytest.mark.parametrize(
    ("kwargs", "ids"),
    [
        ({"dyad": "PAK-RUS"}, ["p1", "p2"]),
        ({"dyad": "pak->rus", "since": "2025-09-02"}, ["p2"]),
        ({"dyad": "*-RUS", "root": "4"}, ["p1", "i1"]),
        ({"dyad": "IND-*", "until": "2025-09-30"}, ["i1", "h1"]),
        ({"root": "19"}, ["n1", "h1"]),
        ({"root": "19", "happened": True}, []),
    ],
)
def test_queries_events_filters(db, kwargs, ids):
    frame = queries.events(db, **kwargs)
    assert list(frame["article_id"]) == ids


def test_queries_events_columns_and_grouped(db):
    frame = queries.events(db, dyad="PAK-RUS", limit=1)
    row = frame.iloc[0]
    assert (row["source_code"], row["target_code"], row["cameo"], row["goldstein"],
            row["quad_class"], row["plover"]) == ("PAKGOV", "RUSGOV", "040", 1.0, 1, "CONSULT")
    grouped = queries.events(db, grouped=True)
    assert {"num_mentions", "num_articles", "num_sources"} <= set(grouped.columns)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"dyad": "PAK"}, InputError), ({"since": "1 Sept"}, InputError),
     ({"root": "25"}, InputError)],
)
def test_queries_events_bad_arguments(db, kwargs, error):
    with pytest.raises(error):
        queries.events(db, **kwargs)


def test_queries_dyads_totals_exclude_negated_and_hypothetical(db):
    frame = queries.dyads(db)
    pairs = {(r.source_country, r.target_country): r for r in frame.itertuples()}
    assert set(pairs) == {("PAK", "RUS"), ("IND", "RUS"), ("CHN", "IND")}
    pak = pairs[("PAK", "RUS")]
    assert (pak.events, pak.goldstein_mean, pak.q1, pak.q4) == (2, 4.5, 2, 0)
    assert pairs[("CHN", "IND")].q3 == 1
    assert list(queries.dyads(db, top=1)[["source_country", "target_country"]].iloc[0]) in (
        ["IND", "RUS"], ["PAK", "RUS"])


@pytest.mark.parametrize(
    ("series", "periods"),
    [("day", ["2025-09-01", "2025-09-09"]), ("week", ["2025-09-01", "2025-09-08"]),
     ("month", ["2025-09-01"])],
)
def test_queries_dyads_series(db, series, periods):
    frame = queries.dyads(db, series=series, top=2)
    pak = frame[(frame.source_country == "PAK") & (frame.target_country == "RUS")]
    assert [str(p)[:10] for p in pak["period"]] == periods
    assert pak["events"].sum() == 2
    assert set(zip(frame.source_country, frame.target_country, strict=True)) <= {
        ("PAK", "RUS"), ("IND", "RUS")}


def test_queries_dyads_bad_series(db):
    with pytest.raises(InputError):
        queries.dyads(db, series="hour")


def test_queries_quotes_by_speaker(db):
    assert len(queries.quotes(db)) == 7
    frame = queries.quotes(db, speaker="PRIME MINISTER")
    assert len(frame) == 7 and frame["direct"].all()
    assert list(queries.quotes(db, speaker="PAKGOV")["article_id"]) == ["p1", "n1", "p2"]
    assert queries.quotes(db, speaker="nobody at all").empty


@pytest.mark.parametrize(
    "statement",
    ["SELECT count(*) AS n FROM articles", "WITH x AS (SELECT 1 AS n) SELECT * FROM x",
     "DESCRIBE events", "SHOW TABLES", "EXPLAIN SELECT 1", "SUMMARIZE articles"],
)
def test_queries_sql_allows_reads(db, statement):
    assert not queries.sql(db, statement).empty


@pytest.mark.parametrize(
    "statement",
    ["DELETE FROM articles", "DROP TABLE events", "INSERT INTO meta VALUES ('a', 'b')",
     "SELECT 1; DROP TABLE events", "COPY articles TO 'out.csv'", "ATTACH 'other.db'",
     "PRAGMA version", "SET threads = 1", "UPDATE articles SET title = 'x'", "SELEC 1"],
)
def test_queries_sql_refuses_everything_else(db, statement):
    with pytest.raises(StoreError):
        queries.sql(db, statement)
    assert queries.summary(db)["articles"] == 7


def test_queries_sql_cannot_read_other_files(db, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(StoreError):
        queries.sql(db, f"SELECT * FROM read_csv('{secret}')")


def test_queries_missing_database(tmp_path):
    with pytest.raises(StoreError):
        queries.events(tmp_path / "none.duckdb")


@pytest.mark.parametrize(
    ("kwargs", "ids"),
    [
        ({"country": "ind"}, ["i1", "c1", "n1", "h1", "i2"]),
        ({"plover": "accuse"}, ["c1"]),
        ({"modality": "hypothetical"}, ["h1"]),
        ({"min_confidence": 0.95}, []),
        ({"min_confidence": "0.9", "dyad": "PAK-*"}, ["p1", "n1", "p2"]),
    ],
)
def test_queries_events_more_filters(db, kwargs, ids):
    assert list(queries.events(db, **kwargs)["article_id"]) == ids
    assert queries.count_events(db, **kwargs) == len(ids)


@pytest.mark.parametrize(
    "kwargs",
    [{"country": "P4K"}, {"plover": "HUG"}, {"modality": "certain"},
     {"min_confidence": "high"}, {"min_confidence": 2}],
)
def test_queries_events_more_bad_arguments(db, kwargs):
    with pytest.raises(InputError):
        queries.events(db, **kwargs)


def test_queries_events_paging_and_newest_first(db):
    newest = queries.events(db, newest_first=True, limit=2)
    assert list(newest["article_id"]) == ["i2", "p2"]
    assert list(queries.events(db, limit=2, offset=2)["article_id"]) == ["c1", "n1"]


def test_queries_event_filter_object_and_keywords_combine(db):
    where = queries.EventFilter(dyad="PAK-RUS")
    assert list(queries.events(db, where, since="2025-09-02")["article_id"]) == ["p2"]
    with pytest.raises(TypeError):
        queries.events(db, dyadd="PAK-RUS")


def test_queries_dyads_filters_and_paging(db):
    frame = queries.dyads(db, country="RUS", limit=1, offset=1)
    assert frame[["source_country", "target_country"]].values.tolist() == [["PAK", "RUS"]]
    only = queries.dyads(db, dyad="PAK-RUS", series="month")
    assert only["events"].tolist() == [2]


def test_queries_quotes_between_two_sides(db):
    frame = queries.quotes(db, between=("RUS", "pak"))
    assert set(frame["article_id"]) == {"p1", "p2"}  # PAK speakers, PAK-RUS articles
    assert queries.quotes(db, between=("CHN", "RUS")).empty


def test_queries_article_with_everything_coded_in_it(db):
    found = queries.article(db, "p1")
    assert found["article"]["title"] == "PAK and RUS leaders talk"
    assert "minhash" not in found["article"]
    assert found["events"]["cameo"].tolist() == ["040"]
    assert found["quotes"]["speaker_text"].tolist() == ["the prime minister"]
    assert len(found["mentions"]) == 3 and found["places"].empty
    assert found["copy_of"] is None and found["copies"].empty
    assert queries.article(db, "nope") is None


def test_queries_reader_connection_is_reused(db):
    with queries.reader(db) as con:
        assert queries.count_events(con) == 7
        assert len(queries.events(con, limit=3)) == 3
        assert "events" in queries.tables(con)
        assert con.execute("SELECT 1").fetchone() == (1,)  # still open


@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("newest_first", [False, True])
@pytest.mark.parametrize("filters", [{}, {"dyad": "*-RUS"}, {"root": "19"}])
def test_queries_events_pages_are_slices_of_the_whole_list(db, grouped, newest_first, filters):
    whole = queries.events(db, grouped=grouped, newest_first=newest_first, **filters)
    for offset in range(0, len(whole) + 2):
        page = queries.events(db, grouped=grouped, newest_first=newest_first, limit=2,
                              offset=offset, **filters)
        expected = whole.iloc[offset:offset + 2].reset_index(drop=True)
        assert page["gid"].tolist() == expected["gid"].tolist()
        if len(expected):
            assert page.equals(expected), offset
