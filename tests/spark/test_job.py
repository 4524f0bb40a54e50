"""The Spark engine on local[1] against the local engine, on a corpus with wire copies,
near-duplicates, a repeated id, a malformed line and a record that crashes the coder.

One Spark session serves the module; its single Python worker builds one pipeline. Done
criteria of issue 10: the same events (ids, codes, offsets) as the local engine, bad records
reported with file and reason while the job completes, and a killed job re-run on the same
--out writing nothing twice.
"""

from __future__ import annotations

import concurrent.futures
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tacitus.config import load_options
from tacitus.store.dataset import BATCHES, Dataset, load_dataset

from .corpus import crashing_factory, write_corpus

pytest.importorskip("pyspark")
TESTS = Path(__file__).resolve().parents[1]
CRASHED = "crash-1"
# Columns compared between the engines, per table (coded_at and batch say when and in
# which write an article was stored, not what was coded).
ORDER = {"events": "id", "mentions": "article_id, idx", "quotes": "id", "places": "article_id, idx",
         "articles": "id", "copies": "id"}
# Events: `gid` (the store-wide number) and `group_id` (the happening, named by a gid) are a
# store's; the dataset leaves them empty and a store fills them in on load (compared below).
EXCLUDED = {"articles": "coded_at, batch", "copies": "seen_at, batch", "events": "gid, group_id"}


@pytest.fixture(scope="module")
def spark():
    from tacitus.spark.runtime import start_session

    # The test pipeline factory lives in this package: let the Python workers import it.
    paths = [str(TESTS), os.environ.get("PYTHONPATH", "")]
    previous = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    session = start_session("local[1]", conf={
        "spark.sql.shuffle.partitions": "1",
        "spark.driver.extraJavaOptions": load_options().spark.java_options,
    })
    yield session
    session.stop()
    if previous is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = previous


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark") / "corpus"
    return folder, write_corpus(folder, crash=True)


@pytest.fixture(scope="module")
def local_job(tmp_path_factory):
    """The local engine's store of the same corpus without the record the Spark run's coder
    crashes on (the local coder would code it, and its events join happenings), made in a
    thread while Spark starts and runs: the JVM and its Python worker use the other core."""
    from tacitus.store.ingest import ingest

    folder = tmp_path_factory.mktemp("local")
    write_corpus(folder / "corpus", crash=False)
    db = folder / "local.duckdb"
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        future = pool.submit(ingest, [folder / "corpus"], db, processes=1)
        yield db, future


@pytest.fixture(scope="module")
def local_db(local_job):
    db, future = local_job
    future.result()
    return db


@pytest.fixture(scope="module")
def spark_run(killed_job, local_job, spark, corpus, tmp_path_factory):
    from tacitus.spark import run_spark

    out = tmp_path_factory.mktemp("spark") / "coded"
    report = run_spark([corpus[0]], out, session=spark, coder_factory=crashing_factory)
    return out, report


def rows(con: duckdb.DuckDBPyConnection, table: str, source: str, store: bool) -> list[tuple]:
    """A table's rows but for the crashed article's, without the columns that say when and in
    which write they were stored (and without the store's event numbers)."""
    excluded = EXCLUDED.get(table, "")
    columns = f"* EXCLUDE ({excluded})" if excluded else "*"
    key = "article_id" if table in ("events", "mentions", "quotes", "places") else "id"
    return con.execute(
        f"SELECT {columns} FROM {source} WHERE {key} <> '{CRASHED}' ORDER BY {ORDER[table]}"
    ).fetchall()


@pytest.mark.parametrize("table", list(ORDER))
def test_job_rows_equal_the_local_engine(spark_run, local_db, table):
    out, _ = spark_run
    con = duckdb.connect()
    con.execute(f"ATTACH '{local_db}' AS local (READ_ONLY)")
    parquet = f"read_parquet('{out}/{table}/**/*.parquet', hive_partitioning = false)"
    ours = rows(con, table, parquet, store=False)
    theirs = rows(con, table, f"local.{table}", store=True)
    assert ours, table
    assert ours == theirs


def test_job_events_carry_ids_codes_and_offsets(spark_run, local_db):
    out, report = spark_run
    con = duckdb.connect()
    query = ("SELECT id, cameo, source_code, target_code, trigger_start, trigger_end "
             "FROM {} WHERE article_id <> 'crash-1' ORDER BY id")
    ours = con.execute(query.format(f"'{out}/events/**/*.parquet'")).fetchall()
    with duckdb.connect(str(local_db), read_only=True) as local:
        theirs = local.execute(query.format("events")).fetchall()
    assert ours == theirs and len(ours) == report.events > 20


def test_job_groups_near_duplicates_like_the_local_store(spark_run, local_db, corpus):
    out, report = spark_run
    query = "SELECT id, group_id FROM {} WHERE id <> group_id ORDER BY id"
    ours = duckdb.connect().execute(query.format(f"'{out}/articles/**/*.parquet'")).fetchall()
    with duckdb.connect(str(local_db), read_only=True) as local:
        theirs = local.execute(query.format("articles")).fetchall()
    assert ours == theirs == [("story-1", "story-0"), ("story-2", "story-0")]
    assert report.groups_joined == 2


def test_job_reports_bad_records_with_file_and_reason(spark_run, corpus):
    out, report = spark_run
    bad = duckdb.connect().execute(
        f"SELECT path, location, reason, stage, article_id FROM "
        f"'{out}/bad_records/*.parquet' ORDER BY stage").fetchall()
    assert len(bad) == 2 and report.bad == 2
    coded, read = bad
    assert coded[0].endswith("wire-3.jsonl") and coded[3] == "code"
    assert coded[4] == CRASHED and "deliberate crash" in coded[2]
    assert read[0].endswith("wire-0.jsonl") and read[1] == "line 5" and read[3] == "read"
    assert report.coded == 19 and report.copies == 1 and report.known == 1


def test_job_builds_one_pipeline_per_python_worker(spark_run):
    _, report = spark_run
    assert report.tasks > 1
    assert report.pipelines == 1


def test_job_rerun_on_the_same_out_adds_nothing(spark, spark_run, corpus):
    from tacitus.spark import run_spark

    out, first = spark_run
    before = sorted(p.name for p in out.rglob("*.parquet"))
    again = run_spark([corpus[0]], out, session=spark, coder_factory=crashing_factory)
    assert again.files_done == again.files == first.files and again.coded == 0
    assert sorted(p.name for p in out.rglob("*.parquet")) == before


def happenings(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Each happening as the ids of its events (gids differ between stores), its days, GDELT
    counts and representative report."""
    return con.execute(f"""
        SELECT list(e.id ORDER BY e.id), h.first_date, h.last_date, h.events, h.num_mentions,
               h.num_articles, h.num_sources, round(h.avg_tone, 9), r.id
        FROM happenings h JOIN events e ON e.group_id = h.id JOIN events r ON r.gid = h.rep_gid
        WHERE e.article_id <> '{CRASHED}' GROUP BY ALL ORDER BY 1""").fetchall()


def test_job_dataset_loads_into_the_local_engines_store(spark_run, local_db, tmp_path):
    out, _ = spark_run
    db = tmp_path / "loaded.duckdb"
    load_dataset(out, db)
    query = ("SELECT id, num_mentions, num_articles, num_sources FROM event_groups "
             f"WHERE article_id <> '{CRASHED}' ORDER BY id")
    with duckdb.connect(str(db), read_only=True) as a, \
         duckdb.connect(str(local_db), read_only=True) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
        ours, theirs = happenings(a), happenings(b)
    assert ours == theirs
    assert any(len(members) > 1 for members, *_ in ours)  # reports joined across articles
    from tacitus.store import queries

    with queries.reader(out) as dataset:  # --parquet groups the same happenings on opening
        assert happenings(dataset) == theirs


# The killed job codes with a stand-in coder (no spaCy to load in a process about to be
# killed): what is tested is the batch commit, not the coding.
KILLED_JOB = """
import sys
from tacitus.config import load_options
from tacitus.spark import run_spark
from spark.corpus import empty_factory
run_spark([sys.argv[1]], sys.argv[2], load_options(sys.argv[3]), master="local[1]",
          coder_factory=empty_factory)
"""


def _kill_on_first_commit(job: subprocess.Popen, first: Path, state: dict) -> None:
    """Watch for the job's first committed batch and kill -9 its process group then."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and job.poll() is None and not first.exists():
        time.sleep(0.05)
    state["alive"] = job.poll() is None
    if state["alive"]:
        os.killpg(job.pid, signal.SIGKILL)
    job.wait()


@pytest.fixture(scope="module")
def killed_job(tmp_path_factory):
    """A Spark job on a corpus of two files, a file a batch, killed -9 (driver, JVM and Python
    worker) as soon as its first batch is committed. It starts with the module, so that its
    JVM and the module's share the two cores rather than start one after the other."""
    folder = tmp_path_factory.mktemp("killed")
    corpus = folder / "corpus"
    write_corpus(corpus, files=2, per_file=2, seed=5)
    for story in corpus.glob("story-*.txt"):
        story.unlink()
    config = folder / "tiny-batches.cfg"
    config.write_text("[spark]\nbatch_mb = 0.0001\n", encoding="utf-8")  # a file a batch
    out = folder / "coded"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(TESTS), os.environ.get("PYTHONPATH", "")) if p))
    job = subprocess.Popen([sys.executable, "-c", KILLED_JOB, str(corpus), str(out),
                            str(config)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    state: dict = {}
    first = out / BATCHES / "000001.json"
    watcher = threading.Thread(target=_kill_on_first_commit, args=(job, first, state),
                               daemon=True)
    watcher.start()
    yield corpus, config, out, watcher, state
    if job.poll() is None:
        os.killpg(job.pid, signal.SIGKILL)
        job.wait()


@pytest.mark.timeout(900)
def test_job_killed_job_rerun_finishes_without_duplicates(spark, killed_job):
    from tacitus.spark import run_spark

    corpus, config, out, watcher, state = killed_job
    first = out / BATCHES / "000001.json"
    watcher.join()
    assert state["alive"], "the job ended before it could be killed"
    done = Dataset.open(out).manifests()
    assert len(done) == 1

    report = run_spark([corpus], out, load_options(config), session=spark)
    assert report.files_done == 1 and report.batches == 1
    con = duckdb.connect()
    ids = [r[0] for r in con.execute(
        f"SELECT id FROM '{out}/articles/**/*.parquet'").fetchall()]
    assert len(ids) == len(set(ids)) == 4
    copies = con.execute(f"SELECT id FROM '{out}/copies/**/*.parquet'").fetchall()
    assert copies == [("copy-1",)]  # the copy of an article a committed batch stored
    events = con.execute(f"SELECT id FROM '{out}/events/**/*.parquet'").fetchall()
    assert len(events) == len(set(events)) > 0
    manifests = Dataset.open(out).manifests()
    assert sorted(i for m in manifests for i in m["inputs"]) == sorted(
        str(p.resolve()) for p in corpus.glob("*.jsonl"))
    assert sum(m["counts"]["coded"] for m in manifests) == len(ids)
    assert json.loads(first.read_text(encoding="utf-8"))["batch"] == 1


def test_job_cli_ingest_loads_the_dataset_and_sql_reads_it(spark_run, tmp_path):
    from typer.testing import CliRunner

    from tacitus.cli import app

    out, report = spark_run
    runner = CliRunner()
    db = tmp_path / "cli.duckdb"
    first = runner.invoke(app, ["ingest", str(out), "--db", str(db), "--json"])
    assert first.exit_code == 0, first.output
    loaded = json.loads(first.stdout.strip().splitlines()[-1])
    assert loaded["loaded"]["articles"] == report.coded and loaded["known"] == 0
    again = runner.invoke(app, ["ingest", str(out), "--db", str(db), "--json"])
    assert json.loads(again.stdout.strip().splitlines()[-1])["known"] == report.coded
    query = "SELECT count(*) AS n FROM events"
    from_parquet = runner.invoke(app, ["sql", query, "--parquet", str(out), "-f", "csv"])
    from_store = runner.invoke(app, ["sql", query, "--db", str(db), "-f", "csv"])
    assert from_parquet.stdout == from_store.stdout == f"n\n{report.events}\n"
    dyads = runner.invoke(app, ["dyads", "--parquet", str(out), "-f", "csv"])
    stored = runner.invoke(app, ["dyads", "--db", str(db), "-f", "csv"])
    # the same rows; float sums may differ in the last digit (DuckDB adds in parallel)
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(dyads.stdout)),
                                  pd.read_csv(io.StringIO(stored.stdout)))
    assert "EGY,KEN" in dyads.stdout


def test_job_parquet_groups_happenings_with_the_configured_settings(spark_run, tmp_path):
    from typer.testing import CliRunner

    from tacitus.cli import app

    out, report = spark_run
    runner = CliRunner()
    apart = tmp_path / "apart.cfg"  # no two reports a happening: days never fit
    apart.write_text("[groups]\nmax_days = -1\n", encoding="utf-8")
    db = tmp_path / "apart.duckdb"
    loaded = runner.invoke(app, ["ingest", str(out), "--db", str(db), "--config", str(apart),
                                 "--json"])
    assert loaded.exit_code == 0, loaded.output
    listed = {}
    for name, source in (("default", ["--parquet", str(out)]),
                         ("apart", ["--parquet", str(out), "--config", str(apart)]),
                         ("stored", ["--db", str(db), "--config", str(apart)])):
        result = runner.invoke(app, ["events", *source, "-f", "csv"])
        assert result.exit_code == 0, result.output
        listed[name] = pd.read_csv(io.StringIO(result.stdout))
    assert len(listed["apart"]) == report.events > len(listed["default"])
    columns = ["date", "source_code", "cameo", "target_code", "article_id", "num_mentions"]
    pd.testing.assert_frame_equal(
        listed["apart"][columns].sort_values(columns, ignore_index=True),
        listed["stored"][columns].sort_values(columns, ignore_index=True))


def test_job_cli_code_exits_1_when_no_input_held_an_article(spark, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import tacitus.spark
    from tacitus.cli import app

    real = tacitus.spark.run_spark

    def on_the_module_session(*args, **kwargs):
        return real(*args, session=spark, **kwargs)

    monkeypatch.setattr(tacitus.spark, "run_spark", on_the_module_session)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(corpus), "--engine", "spark",
                                      "--out", str(tmp_path / "coded"), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    assert "nothing coded: no input held an article" in result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["coded"] == 0


@pytest.mark.parametrize("method", ["bands", "minhashlsh"])
def test_job_near_duplicate_methods_give_the_local_groups(spark, method):
    from tacitus.spark import groups
    from tacitus.store import dedup

    base = ("The finance ministers of Chile and Peru agreed on Monday to open a joint customs "
            "post on their border, officials in Lima said, after two days of talks about trade "
            "in copper and fish.")
    texts = {
        "a": base,
        "b": "LIMA (Wire) - " + base + " Reporting by the Lima desk.",
        "c": "Farmers in Ghana protested outside parliament on Friday against a new tax on "
             "fertiliser imports, and the police dispersed them with water cannon.",
        "d": base.replace("two days", "three days") + " Editing by the news desk.",
    }
    pool = spark.sparkContext.parallelize(
        [(article_id, order, None, dedup.signature(text))
         for order, (article_id, text) in enumerate(texts.items())], 2)
    found = groups.resolve(groups.candidate_pairs(spark, pool, method, partitions=2))
    # the local rule, article by article
    local: dict[str, str] = {}
    for article_id, text in list(texts.items()):
        signature = dedup.signature(text)
        earlier = [(dedup.signature(texts[o]), local.get(o, o))
                   for o in texts if o < article_id
                   and set(dedup.band_keys(dedup.signature(texts[o])))
                   & set(dedup.band_keys(signature))]
        group = dedup.nearest(signature, earlier)
        if group is not None:
            local[article_id] = group
    assert found == local
    assert found.get("b") == "a"


@pytest.mark.parametrize("method", ["bands", "minhashlsh"])
def test_job_near_duplicate_methods_join_the_groups_a_dataset_holds(spark, method):
    from tacitus.spark import groups
    from tacitus.store import dedup

    base = ("Ministers from Chile and Peru agreed on Monday to open a joint customs post on "
            "their border after two days of talks about trade in copper and fish, officials "
            "in Lima said.")
    copy = "LIMA (Wire) - " + base + " Reporting by the Lima desk."
    other = ("Farmers in Ghana protested outside parliament on Friday against a new tax on "
             "fertiliser imports, and the police dispersed them with water cannon.")
    stored = [("old-1", -1, "old-0", dedup.signature(base)),  # (id, order, group, signature)
              ("old-2", -1, "old-2", dedup.signature(other))]
    new = [("new-1", 4, None, dedup.signature(copy)),
           ("new-2", 7, None, dedup.signature(copy + " More to follow.")),
           ("new-3", 9, None, dedup.signature(other[:60] + base[60:]))]
    pool = spark.sparkContext.parallelize(stored + new, 2)
    found = groups.resolve(groups.candidate_pairs(spark, pool, method, partitions=2))
    expected: dict[str, str] = {}  # the local rule, article by article
    for article_id, _, _, signature in new:
        earlier = [(s, g) for _, _, g, s in stored]
        earlier += [(s, expected.get(i, i)) for i, _, _, s in new if i < article_id]
        near = [(s, g) for s, g in earlier
                if set(dedup.band_keys(s)) & set(dedup.band_keys(signature))]
        group = dedup.nearest(signature, near)
        if group is not None:
            expected[article_id] = group
    assert found == expected
    assert found["new-1"] == found["new-2"] == "old-0"
