"""Parquet datasets (store/dataset.py): the commit protocol, loading into a store (idempotent,
same rows as the store's own writer) and querying a dataset where it lies. Datasets are built
here by hand from store/rows.py rows, as the Spark engine's tasks build them; the Spark engine
itself is tested in tests/spark."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tacitus.errors import StoreError
from tacitus.store import Store, dedup, queries
from tacitus.store.dataset import (
    MARKER,
    PARTITION,
    READY,
    STAGING,
    TABLES,
    Dataset,
    connect_dataset,
    is_dataset,
    load_dataset,
)
from tacitus.store.rows import ROW_SCHEMAS, article_row, coded_rows, copy_row

from .records import meeting

NOW = dt.datetime(2025, 9, 10, 12, 0)


def stage_batch(dataset: Dataset, batch: int, coded, copies=()) -> list[str]:
    """Stage `coded` articles and `copies` as a batch; returns the file names. Every article
    is its own near-duplicate group here (the Spark engine's grouping is tested with it)."""
    stage = dataset.stage(batch)
    tables: dict[tuple[str, object], list[dict]] = {}
    for item in coded:
        text_hash = dedup.text_hash(item.article.text)
        signature = dedup.signature(item.article.text)
        row = article_row(item, text_hash=text_hash, signature=signature,
                          group_id=item.article.id, coded_at=NOW, batch=batch)
        tables.setdefault(("articles", item.article.date), []).append(row)
        for table, rows in coded_rows(item).items():
            tables.setdefault((table, item.article.date), []).extend(rows)
    for article in copies:
        row = copy_row(article, text_hash=dedup.text_hash(article.text), seen_at=NOW,
                       batch=batch)
        tables.setdefault(("copies", article.date), []).append(row)
    names = []
    for (table, date), rows in tables.items():
        name = f"{table}/{PARTITION}={date}/part-0.parquet"
        (stage / name).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=ROW_SCHEMAS[table]), stage / name)
        names.append(name)
    return names


@pytest.fixture
def articles():
    return [meeting("p1", "PAK", "RUS", "040", "2025-09-01"),
            meeting("p2", "PAK", "RUS", "057", "2025-09-08"),
            meeting("i1", "IND", "RUS", "040", "2025-09-02"),
            meeting("c1", "CHN", "IND", "112", "2025-09-03")]


@pytest.fixture
def dataset(tmp_path, articles):
    data = Dataset.create(tmp_path / "coded")
    names = stage_batch(data, 1, articles[:2])
    data.commit(1, ["/news/a.jsonl"], {"coded": 2}, names)
    names = stage_batch(data, 2, articles[2:], copies=[
        meeting("p1-copy", "PAK", "RUS", "040", "2025-09-01").article])
    data.commit(2, ["/news/b.jsonl"], {"coded": 2}, names)
    return data


def test_dataset_commit_moves_files_and_records_inputs(dataset):
    assert is_dataset(dataset.root)
    assert dataset.done_inputs() == {"/news/a.jsonl", "/news/b.jsonl"}
    assert dataset.next_batch() == 3
    assert not any((dataset.root / STAGING).iterdir())
    files = dataset.files("events")
    assert len(files) == 4
    assert all(f.parent.name.startswith(f"{PARTITION}=2025-09-0") for f in files)
    assert {f.name.split("-")[0] for f in files} == {"b000001", "b000002"}


def test_dataset_recover_finishes_a_ready_batch_and_drops_an_unready_one(dataset, articles):
    extra = meeting("k1", "IND", "CHN", "036", "2025-09-05")
    names = stage_batch(dataset, 3, [extra])
    folder = dataset.root / STAGING / "000003"
    moves = [[n, n.replace("part-0", "b000003-part-0")] for n in names]
    (folder / READY).write_text(json.dumps({
        "batch": 3, "inputs": ["/news/c.jsonl"], "counts": {}, "moves": moves,
        "committed_at": "2025-09-10T12:00:00"}), encoding="utf-8")
    # killed after moving the first file only
    first_source, first_target = moves[0]
    (dataset.root / first_target).parent.mkdir(parents=True, exist_ok=True)
    (folder / first_source).rename(dataset.root / first_target)
    stage_batch(dataset, 4, [meeting("z1", "CHN", "PAK", "040", "2025-09-06")])  # no READY

    assert dataset.recover() == [3]
    assert not (dataset.root / STAGING / "000004").exists()
    assert "/news/c.jsonl" in dataset.done_inputs()
    con = connect_dataset(dataset.root)
    ids = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
    assert ids == {"p1", "p2", "i1", "c1", "k1"}


def test_dataset_create_refuses_a_folder_with_other_files(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="not a tacitus dataset"):
        Dataset.create(folder)
    assert not (folder / MARKER).exists()
    with pytest.raises(StoreError, match=r"no _tacitus_dataset\.json"):
        Dataset.open(folder)


def test_dataset_load_is_idempotent_and_equals_the_store_writer(tmp_path, dataset, articles):
    # Another outlet's own words on p1's meeting: one happening, two articles.
    other = meeting("p3", "PAK", "RUS", "040", "2025-09-01", outlet="Lahore Ledger",
                    text="The Pakistani leader met the Russian president in Tianjin on Monday, "
                         "aides said; the two spoke about gas pipelines and wheat for an hour.")
    dataset.commit(3, ["/news/c.jsonl"], {"coded": 1}, stage_batch(dataset, 3, [other]))
    loaded_db = tmp_path / "loaded.duckdb"
    first = load_dataset(dataset.root, loaded_db)
    assert first.rows["articles"] == 5 and first.rows["events"] == 5 and first.known == 0
    assert first.rows["copies"] == 1
    again = load_dataset(dataset.root, loaded_db)
    assert again.known == 5 and sum(again.rows.values()) == 0

    written_db = tmp_path / "written.duckdb"
    with Store(written_db) as store:
        store.write(articles[:2])
        store.write([*articles[2:], meeting("p1-copy", "PAK", "RUS", "040", "2025-09-01")])
        store.write([other])
    with duckdb.connect(str(loaded_db), read_only=True) as a, \
         duckdb.connect(str(written_db), read_only=True) as b:
        for table, columns in (("events", "* EXCLUDE (gid, group_id)"), ("mentions", "*"),
                               ("quotes", "*"), ("article_bands", "*"),
                               ("articles", "* EXCLUDE (coded_at, batch, group_id)")):
            query = f"SELECT {columns} FROM {table}"
            assert sorted(map(str, a.execute(query).fetchall())) == \
                sorted(map(str, b.execute(query).fetchall())), table
        assert a.execute("SELECT count(*) FROM copies").fetchone()[0] == 1
        assert happenings(a) == happenings(b)
        joined = [h for h in happenings(a) if len(h[0]) > 1]
        assert joined == [(["p1-e0", "p3-e0"], dt.date(2025, 9, 1), dt.date(2025, 9, 1), 2, 3,
                           3, 2, "p1-e0")]  # p1, its verbatim copy (same outlet) and p3


def happenings(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Each happening as its events' ids (gids differ between stores) with its days and
    GDELT counts."""
    return con.execute("""
        SELECT list(e.id ORDER BY e.id), h.first_date, h.last_date, h.events, h.num_mentions,
               h.num_articles, h.num_sources, r.id AS representative
        FROM happenings h JOIN events e ON e.group_id = h.id JOIN events r ON r.gid = h.rep_gid
        GROUP BY ALL ORDER BY 1""").fetchall()


def test_dataset_load_counts_an_already_stored_text_as_a_copy(tmp_path, dataset):
    db = tmp_path / "store.duckdb"
    twin = meeting("p1-elsewhere", "PAK", "RUS", "040", "2025-09-01")
    with Store(db) as store:
        store.write([twin])
    report = load_dataset(dataset.root, db)
    assert report.copies == 1 and report.rows["articles"] == 3
    with duckdb.connect(str(db), read_only=True) as con:
        copies = {r[0] for r in con.execute("SELECT id FROM copies").fetchall()}
        events = con.execute("SELECT count(*) FROM events WHERE article_id = 'p1'").fetchone()
    assert "p1" in copies and events[0] == 0


def test_dataset_queries_read_it_like_the_store_it_loads_into(tmp_path, dataset):
    db = tmp_path / "store.duckdb"
    load_dataset(dataset.root, db)
    from_dataset = queries.dyads(dataset.root, top=5)
    assert from_dataset.equals(queries.dyads(db, top=5))
    assert int(from_dataset.query("source_country == 'PAK'")["mentions"].sum()) == 3
    counted = "SELECT id, num_mentions, num_articles FROM event_groups ORDER BY id"
    assert queries.sql(dataset.root, counted).equals(queries.sql(db, counted))
    # Happenings are grouped when the dataset is opened, numbered as the store numbers them.
    assert queries.events(dataset.root).equals(queries.events(db))
    with queries.reader(dataset.root) as con, queries.reader(db) as stored:
        assert happenings(con) == happenings(stored)


def test_dataset_queries_cannot_read_outside_the_dataset(tmp_path, dataset):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(StoreError):
        queries.sql(dataset.root, f"SELECT * FROM read_csv('{secret}')")


def test_dataset_tables_have_the_store_columns(tmp_path, dataset):
    db = tmp_path / "empty.duckdb"
    with Store(db):
        pass
    con = connect_dataset(dataset.root)
    with duckdb.connect(str(db), read_only=True) as store:
        for table in TABLES:
            ours = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            theirs = [r[0] for r in store.execute(f"DESCRIBE {table}").fetchall()]
            assert ours == theirs, table
