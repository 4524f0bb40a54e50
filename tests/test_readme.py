"""The README runs: every ```console session in README.md is run (scripts/readme.py) and must
print what the README shows; ```python blocks must run; ```sh lines must be valid usage."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def readme():
    spec = importlib.util.spec_from_file_location("readme_script", ROOT / "scripts" / "readme.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


SAMPLE = """# Title

```console
$ echo one
stale output
$ printf 'a\\nb\\n' \\
    | sort -r
```

```sh
make test
```
"""


def test_readme_parse_and_render_round_trip(readme):
    doc = readme.Document.parse(SAMPLE)
    assert doc.render() == SAMPLE
    (console,) = doc.blocks("console")
    assert readme.commands_of(console) == ["echo one", "printf 'a\\nb\\n' \\\n    | sort -r"]


def test_readme_regenerate_writes_real_output(readme):
    fresh = readme.regenerate(SAMPLE)
    assert "$ echo one\none\n$ printf" in fresh and "    | sort -r\nb\na\n```" in fresh
    assert "stale output" not in fresh
    assert readme.stale_diff(SAMPLE, fresh).count("\n-stale output") == 1
    assert readme.stale_diff(fresh, fresh) == ""


def test_readme_failing_command_is_an_error_unless_expected(readme):
    with pytest.raises(RuntimeError, match="exited 3, not 0"):
        readme.regenerate("```console\n$ exit 3\n```\n")
    expected = "```console\n$ (exit 3)  # exit 3\n```\n"
    assert readme.regenerate(expected) == expected


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (".venv/bin/tacitus events --dyad PAK-RUS --bogus", "No such option"),
        ("tacitus exprot --format gdelt out.tsv", "No such command"),
        ("cat a.txt | .venv/bin/tacitus code - --format xml", "'xml' is not one of"),
        ("make deploy", "no Makefile target"),
    ],
)
def test_readme_sh_lines_must_be_valid_usage(readme, line, problem):
    with pytest.raises(RuntimeError, match=problem):
        readme.check_sh(readme.Block("sh", [line], 0))
    readme.check_sh(readme.Block("sh", ["tacitus kb show Sharif --date 2016-01-01", "make run"], 0))


def test_readme_timings_are_masked_in_the_check(readme):
    one = "coded 4 articles in 22.3 s (0.2 articles/s)"
    two = "coded 4 articles in 3.0 s (1.3 articles/s)"
    assert readme.stale_diff(one, two) == ""
    assert readme.stale_diff(one, two.replace("4 articles", "5 articles")) != ""


@pytest.mark.slow
def test_readme_shows_what_the_commands_print(readme):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```console" in text
    diff = readme.stale_diff(text, readme.regenerate(text))
    assert diff == "", f"README.md is stale; run `make readme` and commit it:\n{diff}"
