"""The `quotes` and `actors` commands on team-written articles, through typer's runner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tacitus.cli import app

runner = CliRunner()

ARTICLE = (
    "William Ruto arrived in Kampala on Monday.\n\n"
    "“We will expand trade with Uganda,” he said.\n\n"
    "Emmanuel Macron said France would send aid, according to his office.\n"
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "visit.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args: object):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def test_cli_quotes_jsonl_lists_quotes_with_speakers(article):
    result = run("quotes", article, "--date", "2025-09-01", "--format", "jsonl", "-p", "1")
    rows = [json.loads(line) for line in result.output.splitlines()]
    direct = [r for r in rows if r["direct"]]
    assert [r["text"] for r in direct] == ["We will expand trade with Uganda,"]
    assert direct[0]["speaker_text"] == "he" and direct[0]["speaker_code"] == "KENGOV"
    assert direct[0]["cue"] == "said"
    reported = [r for r in rows if not r["direct"]]
    assert any(r["speaker_name"] == "Emmanuel Macron" for r in reported)
    assert all(r["article_id"] == "visit" for r in rows)
    assert [r["id"] for r in rows] == [f"visit-q{n}" for n in range(1, len(rows) + 1)]


def test_cli_quotes_speaker_filter_and_csv(article):
    result = run("quotes", article, "--date", "2025-09-01", "--format", "csv",
                 "--speaker", "KENGOV", "-p", "1")
    lines = result.output.splitlines()
    assert lines[0].startswith("id,article_id,direct,cue")
    assert len(lines) == 2 and "KENGOV" in lines[1]


def test_cli_quotes_table(article):
    result = run("quotes", article, "--date", "2025-09-01", "-p", "1")
    assert "visit-q1" in result.output and "KENGOV" in result.output
    assert "speaker_code" in result.output


def test_cli_actors_lists_mentions_and_antecedents(article):
    result = run("actors", article, "--date", "2025-09-01", "--format", "jsonl")
    rows = [json.loads(line) for line in result.output.splitlines()]
    first = rows[0]
    assert (first["text"], first["code"], first["kb_id"]) == (
        "William Ruto", "KENGOV", "person:william-ruto"
    )
    assert ARTICLE[first["start"] : first["end"]] == "William Ruto"
    he = next(r for r in rows if r["text"] == "he")
    assert he["code"] == "KENGOV" and he["via"] == "William Ruto"
    assert (he["via_start"], he["via_end"]) == (0, 12)
    assert ARTICLE[he["start"] : he["end"]] == "he"


@pytest.mark.parametrize("command", ["quotes", "actors"])
def test_cli_quotes_and_actors_help_has_an_example(command):
    assert "Example: tacitus " + command in run(command, "--help").output
