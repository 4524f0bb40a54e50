"""The thin CLI: code, eval and kb commands through typer's runner, on inputs written here."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tacitus.cli import app

runner = CliRunner()

ARTICLE = (
    "Kenya and Uganda sign trade deal\n\n"
    "The Kenyan president met the Ugandan president in Nairobi on Monday. "
    "Kenya praised Uganda for its help with the border.\n\n"
    "Read More - Ten things to know about the new port\n"
)


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "kenya.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_cli_code_jsonl_follows_contract(article_file):
    result = runner.invoke(
        app,
        [
            "code",
            str(article_file),
            "--date",
            "2025-05-05",
            "--format",
            "jsonl",
            "--processes",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[0])
    assert set(record) == {"article", "events", "quotes", "actors", "places"}
    assert record["article"]["id"] == "kenya"
    assert record["article"]["published"] == "2025-05-05"
    codes = {
        (e["source"]["country"], e["cameo_root"], e["target"]["country"])
        for e in record["events"]
        if e["target"]
    }
    assert ("KEN", "04", "UGA") in codes and ("KEN", "05", "UGA") in codes
    assert all(
        "Read More" not in ARTICLE[e["trigger"]["start"] - 20 : e["trigger"]["end"]]
        for e in record["events"]
    )
    event = record["events"][0]
    for key in (
        "id",
        "article_id",
        "sentence",
        "date",
        "cameo",
        "cameo_root",
        "cameo_name",
        "goldstein",
        "quad_class",
        "plover",
        "plover_mode",
        "plover_context",
        "trigger",
        "location",
        "negated",
        "modality",
        "confidence",
        "rule",
    ):
        assert key in event


def test_cli_code_csv_has_one_row_per_event(article_file):
    result = runner.invoke(
        app,
        ["code", str(article_file), "--date", "2025-05-05", "--format", "csv", "--processes", "1"],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("article_id,sentence,date,source_code")
    assert len(lines) >= 3


def test_cli_code_reads_stdin():
    result = runner.invoke(
        app,
        ["code", "-", "--format", "jsonl", "--processes", "1"],
        input="Egypt held talks with Jordan on Sunday.\n",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["events"]


def _main_exit(argv, capsys):
    import sys

    from tacitus.cli import main

    saved = sys.argv
    sys.argv = ["tacitus", *argv]
    try:
        with pytest.raises(SystemExit) as info:
            main()
    finally:
        sys.argv = saved
    return info.value.code, capsys.readouterr().err


def test_cli_code_bad_date_is_a_clear_error(article_file, capsys):
    code, err = _main_exit(["code", str(article_file), "--date", "31/12/2025"], capsys)
    assert code == 2 and "not an ISO date" in err


def test_cli_code_missing_input_exits_2(tmp_path, capsys):
    code, err = _main_exit(["code", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "input not found" in err


def test_cli_eval_scores_a_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "a", "text": "Egypt held talks with Jordan on Sunday.", "events": [{"root": "04"}]},
        {"id": "b", "text": "The weather was mild in the capital.", "events": []},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "evaluation.md"
    result = runner.invoke(
        app, ["eval", str(gold), "--json", "--processes", "1", "--write", str(out)]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)["gold.jsonl"]
    assert metrics["root F1"] == 1.0 and metrics["detection F1"] == 1.0
    assert "gold.jsonl" in out.read_text()


def test_cli_kb_show_resolves_by_date():
    result = runner.invoke(app, ["kb", "show", "Sharif", "--date", "2016-01-01", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    resolved = [item["resolved"] for item in found if item.get("resolved")]
    assert resolved and resolved[0]["name"] == "Nawaz Sharif"


def test_cli_kb_import_wikidata_then_code_uses_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    export = tmp_path / "p39.csv"
    export.write_text(
        "person,personLabel,position,positionLabel,countryCode,start,end\n"
        "http://www.wikidata.org/entity/Q9999991,Amara Testfigure,"
        "http://www.wikidata.org/entity/Q9999992,Prime Minister of Kenya,KEN,"
        "2031-01-10T00:00:00Z,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["kb", "import-wikidata", str(export)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tacitus" / "people.tsv").is_file()
    again = runner.invoke(app, ["kb", "import-wikidata", str(export)])
    assert "added 0" in again.stdout or "0 added" in again.stdout
    shown = runner.invoke(app, ["kb", "show", "Amara Testfigure", "--date", "2031-06-01", "--json"])
    assert shown.exit_code == 0, shown.output
    assert "KEN" in shown.stdout


def test_cli_code_bad_published_is_coded_warned_and_noted(tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "x1", "published": "2025-99-99", "text": ARTICLE}) + "\n",
                      encoding="utf-8")
    result = runner.invoke(app, ["code", str(source), "--format", "jsonl", "--processes", "1"])
    assert result.exit_code == 0, result.output
    assert f"warning {source}, line 1: published '2025-99-99' is not a date" in result.stderr
    record = json.loads(result.stdout)
    assert record["events"] and record["article"]["published"] is None
    assert record["article"]["notes"] == ["published '2025-99-99' is not a date; coded undated"]


def test_cli_code_text_over_the_set_limit_is_cut_with_a_warning_and_a_field(tmp_path):
    settings = tmp_path / "limit.cfg"
    settings.write_text("[coder]\nmax_chars = 300\n", encoding="utf-8")
    text = ARTICLE + "\n\n" + "The talks went on for a second day in the capital. " * 20
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "x1", "text": text}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(source), "--format", "jsonl", "--processes", "1",
                                 "--config", str(settings)])
    assert result.exit_code == 0, result.output
    cut = f"text cut at 300 of {len(text.strip())} characters"
    assert f"warning {source}, line 1: {cut}" in result.stderr
    record = json.loads(result.stdout)
    assert record["article"]["cut_at"] == 300 and record["article"]["notes"] == [cut]
