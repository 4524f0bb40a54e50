"""TSV and YAML readers: comments, headers, column counts, line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.errors import DataError
from tacitus.kb.files import read_tsv, read_yaml_list, split_comment


@pytest.mark.parametrize(
    ("line", "body", "comment"),
    [
        ("a\tb\t# note", "a\tb\t", "note"),
        ("a\tb  # acting", "a\tb  ", "acting"),
        ("# whole line", "", "whole line"),
        ("C#\tb", "C#\tb", ""),
    ],
)
def test_files_split_comment(line: str, body: str, comment: str) -> None:
    assert split_comment(line) == (body, comment)


def test_files_read_tsv_rows_and_optional_tail(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("# top\nx\ty\tz\n\n1\t2\t3\n4\t5  # five\n", encoding="utf-8")
    rows = list(read_tsv(path, ("x", "y", "z"), optional_tail=1))
    assert rows == [(4, ["1", "2", "3"], ""), (5, ["4", "5", ""], "five")]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("x\ty\tz\n1\t2\n", 2),
        ("x\ty\tz\n1\t2\t3\t4\n", 2),
        ("a\tb\tc\n1\t2\t3\n", 1),
        ("# only a comment\n", 1),
    ],
)
def test_files_read_tsv_errors_name_the_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "t.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        list(read_tsv(path, ("x", "y", "z")))
    assert info.value.key == "data_file"
    assert info.value.fields["line"] == line
    assert info.value.fields["path"] == str(path)


def test_files_read_yaml_list_records_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("# c\n- {a: 1}\n\n- a: 2\n  b: 3\n", encoding="utf-8")
    items = read_yaml_list(path)
    assert [(i["a"], i["__line__"]) for i in items] == [(1, 2), (2, 4)]


@pytest.mark.parametrize(("text", "line"), [("- {a: 1\n", 2), ("a: 1\n", 1)])
def test_files_read_yaml_list_errors(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_yaml_list(path)
    assert info.value.fields["line"] == line
