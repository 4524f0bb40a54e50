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
    with pytest.raises(SystemExit) as stopped:
        main()
    captured = capsys.readouterr()
    return int(stopped.value.code or 0), captured.out, captured.err


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
