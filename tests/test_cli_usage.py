"""Usage mistakes on every command: one line on stderr saying what is wrong and what is
allowed, exit status 2, never a traceback (through the console entry point `cli.main`)."""

from __future__ import annotations

import sys

import pytest
import typer

from tacitus.cli import app, main


def _command_paths() -> list[list[str]]:
    """Every command and sub-command of the app, as argument prefixes."""
    paths: list[list[str]] = []

    def walk(command: object, prefix: list[str]) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in sorted(children.items()):
                walk(child, [*prefix, name])
        else:
            paths.append(prefix)

    walk(typer.main.get_command(app), [])
    return paths


def run_main(monkeypatch, capsys, args: list[str]) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["tacitus", *args])
    status = 0
    try:
        main()
    except SystemExit as stopped:
        status = int(stopped.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_usage_every_command_is_listed():
    names = {" ".join(path) for path in _command_paths()}
    assert {"code", "eval", "ingest", "export", "kb show", "kb import-wikidata"} <= names


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p))
def test_cli_usage_unknown_option_is_one_line_exit_2(monkeypatch, capsys, path):
    status, out, err = run_main(monkeypatch, capsys, [*path, "--bogus-option"])
    assert status == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "No such option: --bogus-option" in lines[0]
    assert f"tacitus {' '.join(path)}" in lines[0]
    assert "options: " in lines[0] and "--bogus-option," not in lines[0]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["export", "--format", "xml", "out", "--db", "x"], "'xml' is not one of 'gdelt'"),
        (["code", "a.txt", "--format", "yaml"], "'yaml' is not one of 'table', 'jsonl', 'csv'"),
        (["code", "a.txt", "--processes", "two"], "--processes' / '-p': expected a whole number"),
        (["ingest", "x", "--processes", "1.5"], "expected a whole number"),
        (["events", "--limit", "ten"], "--limit': expected a whole number"),
        (["dyads", "--series", "hour"], "'hour' is not one of 'day', 'week', 'month', 'year'"),
        (["code"], "Missing argument 'inputs' (usage: tacitus code [OPTIONS] INPUTS...)"),
        (["kb", "show"], "Missing argument 'name'"),
        (["export", "out.tsv"], "Missing option '--format'"),
        (
            ["exprot", "--format", "gdelt"],
            "No such command 'exprot'. Did you mean 'export'? (commands: actors, code,",
        ),
        (
            ["kb", "shwo", "x"],
            "No such command 'shwo'. Did you mean 'show'? (commands: import-wikidata, show)",
        ),
        (["--bogus"], "tacitus: No such option: --bogus"),
    ],
)
def test_cli_usage_mistakes_name_what_is_allowed(monkeypatch, capsys, args, says):
    status, out, err = run_main(monkeypatch, capsys, args)
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: ")
    assert says in err
    assert "Traceback" not in err and "Value error" not in err


def test_cli_usage_library_error_is_one_line_exit_2(monkeypatch, capsys, tmp_path):
    status, _, err = run_main(monkeypatch, capsys, ["code", str(tmp_path / "absent.txt")])
    assert status == 2
    assert err.strip() == f"error: input not found: {tmp_path / 'absent.txt'}"


def test_cli_usage_no_command_prints_help(monkeypatch, capsys):
    status, out, err = run_main(monkeypatch, capsys, [])
    assert status == 2
    assert "Usage: tacitus" in out and "ingest" in out
    assert not err.strip()


@pytest.fixture
def nothing_to_code(tmp_path):
    """Inputs that hold no article: an empty file, a binary file, JSON Lines without text."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "records.jsonl").write_text('{"id": "a"}\n{"id": "b", "text": "  "}\n',
                                            encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [["code"], ["code", "--format", "jsonl"], ["quotes"], ["actors"], ["ingest", "--quiet"]],
    ids=" ".join,
)
def test_cli_usage_nothing_coded_exits_1_with_the_summary_on_stderr(
    monkeypatch, capsys, nothing_to_code, command
):
    args = [*command, str(nothing_to_code)]
    if command[0] == "ingest":
        args += ["--db", str(nothing_to_code / "c.duckdb")]
    status, out, err = run_main(monkeypatch, capsys, args)
    assert status == 1
    assert "nothing coded: no input held an article" in err
    assert "blob.txt: binary data" in err and "records.jsonl, line 2: no text" in err
    assert "nothing coded" not in out and "read" not in out
    if command[0] == "ingest":
        assert "│ read " in err and "│ bad records            │ 4 " in err


def test_cli_usage_some_coded_exits_0(monkeypatch, capsys, nothing_to_code):
    (nothing_to_code / "good.txt").write_text("Kenya praised Uganda for its help.",
                                              encoding="utf-8")
    status, out, err = run_main(monkeypatch, capsys, ["code", str(nothing_to_code),
                                                      "--format", "jsonl", "-p", "1"])
    assert status == 0
    assert '"id": "good"' in out and "blob.txt: binary data" in err



def test_cli_usage_error_text_in_brackets_is_printed_as_written(monkeypatch, capsys, tmp_path):
    """Messages go through rich; words in brackets ("tacitus[spark]", a file called
    "[draft].txt") are text, not markup, and must survive."""
    from tacitus import cli
    from tacitus.errors import EngineError

    def no_spark(*args, **kwargs):
        raise EngineError("spark_missing", need="17")

    monkeypatch.setattr(cli, "run_engine", no_spark)
    draft = tmp_path / "[draft].txt"
    draft.write_text("Iran condemned Israel.", encoding="utf-8")
    status, _, err = run_main(
        monkeypatch, capsys,
        ["code", str(draft), "--engine", "spark", "--out", str(tmp_path / "out")],
    )
    assert status == 2
    assert "pip install 'tacitus[spark]'" in err
    status, _, err = run_main(monkeypatch, capsys, ["code", str(tmp_path / "[gone].txt")])
    assert status != 0
    assert "[gone].txt" in err
