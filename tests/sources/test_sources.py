"""Dispatch: folders, globs, stdin, sniffing, missing inputs."""

from __future__ import annotations

import io
import json

import pytest

from tacitus.errors import InputError
from tacitus.sources import detect_format, read_articles

TEXT = "Russia's foreign minister spoke by telephone with his Pakistani counterpart on Friday."


def test_sources_folder_is_walked_sorted_and_recursively(tmp_path, read):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "three", "text": TEXT}), encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    articles, bad = read(tmp_path)
    assert [a.id for a in articles] == ["a", "two", "three"]
    assert bad == []


def test_sources_glob_and_missing_inputs(tmp_path, read):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    articles, _ = read(str(tmp_path / "x*.txt"))
    assert [a.id for a in articles] == ["x1", "x2"]
    with pytest.raises(InputError):
        read_articles([tmp_path / "nope.txt"])
    with pytest.raises(InputError):
        read_articles([str(tmp_path / "z*.txt")])


@pytest.mark.parametrize(
    ("stdin", "ids"),
    [
        (json.dumps({"id": "s1", "text": TEXT}) + "\n" + json.dumps({"id": "s2", "text": TEXT}),
         ["s1", "s2"]),
        ("\n\n" + TEXT + "\n", ["stdin"]),
    ],
)
def test_sources_stdin_jsonl_or_text(read, stdin, ids):
    articles, bad = read("-", stdin=io.StringIO(stdin))
    assert [a.id for a in articles] == ids and bad == []


def test_sources_unknown_suffix_is_sniffed(tmp_path, read):
    path = tmp_path / "article.dat"
    path.write_text(json.dumps({"id": "sniffed", "text": TEXT}), encoding="utf-8")
    articles, _ = read(path)
    assert [a.id for a in articles] == ["sniffed"]


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"WARC/1.0\r\n", "warc"),
        (b'{"id": 1}', "jsonl"),
        (b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"Plain words.", "text"),
    ],
)
def test_sources_detect_format(head, fmt):
    assert detect_format(head) == fmt
