"""JSON Lines reader: the article contract, gold files as they are, malformed lines."""

from __future__ import annotations

import gzip
import json

import pytest

TEXT = "India's prime minister held talks with the Russian president on energy and defence."


def _jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_jsonl_reads_contract_fields_and_ignores_unknown_keys(tmp_path, read):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        _jsonl(
            {"id": "g1", "set": "dev", "text": TEXT, "events": [{"root": "04"}],
             "title": "Talks", "url": "https://example.org/a", "source": "Example Times",
             "published": "2025-09-01T08:30:00Z"},
            {"id": 7, "text": TEXT, "date": "2025-09-02"},
        ),
        encoding="utf-8",
    )
    articles, bad = read(path)
    assert bad == []
    first, second = articles
    assert (first.id, first.title, first.url, first.source) == (
        "g1", "Talks", "https://example.org/a", "Example Times")
    assert first.published == "2025-09-01T08:30:00Z" and str(first.date) == "2025-09-01"
    assert (second.id, second.published) == ("7", "2025-09-02")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "a", "text": ', "malformed JSON"),
        ("[1, 2, 3]", "expected a JSON object"),
        ('{"id": "a"}', "missing text"),
        ('{"text": "no id here at all"}', "missing id"),
        ('{"id": "a", "text": 5}', "text is not a string"),
        ('{"id": "a", "text": "   "}', "no text"),
    ],
)
def test_jsonl_bad_lines_are_reported_by_line_and_skipped(tmp_path, read, line, reason):
    path = tmp_path / "mixed.jsonl"
    path.write_text(_jsonl({"id": "ok1", "text": TEXT}, line, {"id": "ok2", "text": TEXT}),
                    encoding="utf-8")
    articles, bad = read(path)
    assert [a.id for a in articles] == ["ok1", "ok2"]
    assert len(bad) == 1
    assert bad[0].location == "line 2" and reason in bad[0].reason


def test_jsonl_gzip_and_truncated_gzip(tmp_path, read):
    lines = _jsonl(*({"id": f"a{i}", "text": TEXT} for i in range(200))).encode()
    whole = tmp_path / "whole.jsonl.gz"
    whole.write_bytes(gzip.compress(lines))
    articles, bad = read(whole)
    assert len(articles) == 200 and bad == []
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(lines)[:-40])
    articles, bad = read(cut)
    assert 0 < len(articles) < 200
    assert len(bad) == 1 and "unreadable" in bad[0].reason


def test_jsonl_utf16_file_with_bom(tmp_path, read):
    path = tmp_path / "wide.jsonl"
    path.write_bytes(_jsonl({"id": "w", "text": "Café " + TEXT}).encode("utf-16"))
    articles, bad = read(path)
    assert bad == [] and articles[0].text.startswith("Café")


def test_jsonl_cp1252_line_is_decoded(tmp_path, read):
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(('{"id": "c", "text": "“Talks” – ' + TEXT + '"}\n').encode("cp1252"))
    articles, bad = read(path)
    assert bad == [] and articles[0].text.startswith("“Talks” –")


def test_json_array_file(tmp_path, read):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "j1", "text": TEXT}, {"id": "j2"}]), encoding="utf-8")
    articles, bad = read(path)
    assert [a.id for a in articles] == ["j1"]
    assert [(b.location, b.reason) for b in bad] == [("entry 2", "missing text")]


@pytest.mark.parametrize("published", ["2025-99-99", "yesterday", "31/02/2025", "1725148800"])
def test_jsonl_bad_published_is_read_warned_and_noted(tmp_path, read, published):
    path = tmp_path / "dated.jsonl"
    path.write_text(_jsonl({"id": "d1", "text": TEXT, "published": published},
                           {"id": "d2", "text": TEXT, "published": "2025-09-02"}),
                    encoding="utf-8")
    articles, reports = read(path)
    assert [a.id for a in articles] == ["d1", "d2"]
    first = articles[0]
    assert first.published is None and first.date is None
    assert first.notes == [f"published {published!r} is not a date; coded undated"]
    assert [(r.kind, r.location) for r in reports] == [("warning", "line 1")]
    assert repr(published) in reports[0].reason
    assert first.to_dict()["notes"] == first.notes


def test_jsonl_bad_published_falls_back_to_the_default_date(tmp_path, read):
    path = tmp_path / "dated.jsonl"
    path.write_text(_jsonl({"id": "d1", "text": TEXT, "published": "2025-13-01"}),
                    encoding="utf-8")
    articles, reports = read(path, default_date="2025-08-01")
    assert articles[0].published == "2025-08-01"
    assert "coded dated 2025-08-01 (--date)" in articles[0].notes[0]
    assert reports[0].kind == "warning"


def test_jsonl_rfc2822_published_is_read_as_iso(tmp_path, read):
    path = tmp_path / "dated.jsonl"
    path.write_text(_jsonl({"id": "d1", "text": TEXT,
                            "published": "Tue, 02 Sep 2025 10:15:00 GMT"}), encoding="utf-8")
    articles, reports = read(path)
    assert reports == []
    assert articles[0].published == "2025-09-02" and articles[0].notes == []
