"""Corpus CLI commands through typer's runner: ingest, events, dyads, quotes, sql, export."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.errors import StoreError
from tacitus.store import Store

from .fakes import fake_code
from .records import meeting

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    with Store(path) as store:
        store.write([meeting("p1", "PAK", "RUS", "040", "2025-09-01"),
                     meeting("p2", "PAK", "RUS", "057", "2025-09-08"),
                     meeting("i1", "IND", "RUS", "040", "2025-09-02"),
                     meeting("c1", "CHN", "IND", "112", "2025-09-03")])
    return path


def run(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def test_cli_ingest_summary_and_json(tmp_path, monkeypatch):
    monkeypatch.setattr("tacitus.engines.code", fake_code)
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(
            f"Story {i}: the two delegations met in the capital to discuss energy and trade.",
            encoding="utf-8")
    db = tmp_path / "out.duckdb"
    result = run("ingest", folder, "--db", db, "--date", "2025-09-01", "--quiet")
    assert "stored" in result.output and "3" in result.output
    again = run("ingest", folder, "--db", db, "--json")
    counts = json.loads(again.output.strip().splitlines()[-1])
    assert (counts["read"], counts["known"], counts["stored"]) == (3, 3, 0)


@pytest.mark.parametrize(
    ("args", "ids"),
    [(["--dyad", "PAK-RUS"], ["p1", "p2"]), (["--root", "04"], ["p1", "i1"]),
     (["--since", "2025-09-03"], ["c1", "p2"])],
)
def test_cli_events_filters_as_jsonl(db, args, ids):
    result = run("events", "--db", db, *args, "--format", "jsonl")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["article_id"] for r in rows] == ids


def test_cli_events_table_and_csv(db):
    assert "PAKGOV" in run("events", "--db", db).output
    csv = run("events", "--db", db, "--format", "csv", "--grouped").output.splitlines()
    assert "num_articles" in csv[0] and len(csv) == 5


def test_cli_dyads_lists_pak_and_ind_to_rus(db):
    result = run("dyads", "--db", db, "--format", "csv")
    pairs = {tuple(line.split(",")[:2]) for line in result.output.splitlines()[1:]}
    assert {("PAK", "RUS"), ("IND", "RUS")} <= pairs
    weekly = run("dyads", "--db", db, "--top", "1", "--series", "week", "--format", "jsonl")
    rows = [json.loads(line) for line in weekly.output.splitlines()]
    assert {(r["source_country"], r["target_country"]) for r in rows} == {("PAK", "RUS")}
    assert [r["period"][:10] for r in rows] == ["2025-09-01", "2025-09-08"]


def test_cli_quotes_by_speaker(db):
    result = run("quotes", "--db", db, "--speaker", "INDGOV", "--format", "jsonl")
    assert [json.loads(x)["article_id"] for x in result.output.splitlines()] == ["i1"]


def test_cli_sql_read_only(db):
    result = run("sql", "SELECT count(*) AS n FROM articles", "--db", db, "--format", "csv")
    assert result.output.splitlines() == ["n", "4"]
    refused = runner.invoke(app, ["sql", "DELETE FROM articles", "--db", str(db)])
    assert isinstance(refused.exception, StoreError)


@pytest.mark.parametrize(("fmt", "name"), [("gdelt", "events.tsv"), ("plover", "events.jsonl"),
                                           ("parquet", "tables"), ("csv", "tables")])
def test_cli_export_formats(db, tmp_path, fmt, name):
    out = tmp_path / name
    result = run("export", "--format", fmt, out, "--db", db)
    assert "wrote" in result.output
    if fmt == "gdelt":
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 4 and all(len(x.split("\t")) == 61 for x in lines)
    elif fmt == "plover":
        assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    else:
        assert (out / f"events.{fmt}").is_file()


def test_cli_query_on_missing_db_is_an_error(tmp_path):
    result = runner.invoke(app, ["dyads", "--db", str(tmp_path / "none.duckdb")])
    assert isinstance(result.exception, StoreError)


@pytest.mark.parametrize("command", ["ingest", "events", "dyads", "quotes", "sql", "export"])
def test_cli_help_has_an_example(command):
    assert "Example: tacitus " + command in run(command, "--help").output


def test_cli_ingest_warns_about_a_bad_published_date(tmp_path, monkeypatch):
    monkeypatch.setattr("tacitus.engines.code", fake_code)
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "x1", "published": "2025-99-99",
                                  "text": "The two delegations met to discuss energy."}) + "\n",
                      encoding="utf-8")
    result = run("ingest", source, "--db", tmp_path / "out.duckdb", "--quiet")
    assert f"warning {source}, line 1: published '2025-99-99' is not a date" in result.output
    assert "│ warnings " in result.output


def test_cli_events_lists_happenings_and_their_reports(tmp_path):
    path = tmp_path / "h.duckdb"
    wire = meeting("wire", outlet="Wire Service")
    other = meeting("paper", outlet="Daily Paper", date="2025-09-02", text=(
        "Pakistan's prime minister held talks with the Russian president in the Chinese port "
        "city, the two sides said after the meeting on trade, energy and security."))
    copy = meeting("copy", outlet="Evening Post")
    with Store(path) as store:
        store.write([wire, other, copy, meeting("c1", "CHN", "IND", "112", "2025-09-03")])
    rows = [json.loads(x) for x in run("events", "--db", path, "--format", "jsonl").output
            .splitlines()]
    assert [(r["article_id"], r["num_mentions"], r["num_articles"], r["num_sources"])
            for r in rows] == [("wire", 3, 3, 3), ("c1", 1, 1, 1)]
    assert rows[0]["gid"] == rows[0]["group_id"]
    reports = run("events", "--db", path, "--reports", "--format", "csv").output.splitlines()
    assert len(reports) == 4  # header, wire, paper, c1
    behind = run("events", "--db", path, "--mentions", str(rows[0]["gid"]), "--format",
                 "jsonl").output.splitlines()
    docs = [(r["doc"], r["outlet"], r["copy"]) for r in map(json.loads, behind)]
    assert docs == [("wire", "Wire Service", False), ("copy", "Evening Post", True),
                    ("paper", "Daily Paper", False)]
    table = run("events", "--db", path, "--mentions", str(rows[0]["gid"])).output
    assert "copy (copy)" in table and "Daily Paper" in table


def test_cli_recode_missing_store_is_an_error_not_a_new_store(tmp_path):
    path = tmp_path / "none.duckdb"
    result = runner.invoke(app, ["recode", "--db", str(path)])
    assert isinstance(result.exception, StoreError) and "none.duckdb" in str(result.exception)
    assert not path.exists()


def test_cli_recode_json_on_an_up_to_date_store(tmp_path, monkeypatch):
    monkeypatch.setattr("tacitus.engines.code", fake_code)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Egypt held talks with Jordan on Sunday.", encoding="utf-8")
    db = tmp_path / "r.duckdb"
    run("ingest", folder, "--db", db, "--quiet")
    report = json.loads(run("recode", "--db", db, "--json").stdout)
    assert (report["stored"], report["stale"], report["recoded"]) == (1, 0, 0)
