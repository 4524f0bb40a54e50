"""PLOVER export: the manual's fields, one record per event group, CAMEO 01/02 left out."""

from __future__ import annotations

import json

from tacitus.export import export


def test_plover_records_have_the_manual_fields(db, tmp_path):
    out = tmp_path / "events.jsonl"
    report = export(db, out, "plover")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert report.rows["events"] == len(records) == 3  # statement (01) and negated left out
    pak = next(r for r in records if r["source"][0]["code"] == "PAK")
    for key in ("id", "date", "source", "recipient", "event", "context", "event_loc",
                "event_text", "quad_code", "event_scale", "text_info", "cite_info", "coder"):
        assert key in pak
    assert pak["date"] == "2025-09-01" and pak["event"] == ["CONSULT"]
    assert pak["source"] == [{"code": "PAK", "sector": "GOV",
                              "actor_text": "Prime Minister Shehbaz Sharif",
                              "identifier_id": "kb:pak",
                              "identifier_text": "Prime Minister Shehbaz Sharif",
                              "actor_code": "PAKGOV"}]
    assert pak["recipient"][0]["code"] == "RUS"
    assert pak["event_loc"]["country_code"] == "CN" and pak["event_loc"]["cc3"] == "CHN"
    assert (pak["quad_code"], pak["event_scale"], pak["cameo"]) == (1, 1.0, "040")
    assert pak["event_text"] == ["met"] and pak["text_info"]["sequence"] == 0
    assert pak["cite_info"]["url"] == "https://news.example.com/p1"
    assert (pak["num_articles"], pak["num_sources"]) == (3, 3)
    assert len({r["id"] for r in records}) == 3


def test_plover_unhappened_included_on_request(db, tmp_path):
    out = tmp_path / "all.jsonl"
    assert export(db, out, "plover", happened_only=False).rows["events"] == 4
    negated = [json.loads(x) for x in out.read_text().splitlines() if '"negated": true' in x]
    assert len(negated) == 1 and negated[0]["event"] == ["ASSAULT"]
