"""The JSON and CSV API: same filters and paging as the pages."""

from __future__ import annotations

import csv
import io

import pytest


def test_api_events_json_page(client):
    body = client.get("/api/events", params={"dyad": "PAK-RUS", "per_page": 1}).json()
    assert (body["total"], body["page"], body["per_page"]) == (2, 1, 1)
    assert body["filters"] == {"dyad": "PAK-RUS"}
    (row,) = body["rows"]
    assert row["article_id"] == "p2" and row["date"] == "2025-09-09"
    assert row["source_code"] == "PAKGOV" and row["source_sectors"] == ["GOV"]
    assert row["context"]["trigger"] == "signed an agreement with"
    second = client.get("/api/events", params={"dyad": "PAK-RUS", "per_page": 1, "page": 2})
    assert second.json()["rows"][0]["article_id"] == "p1"


@pytest.mark.parametrize(
    ("params", "total"),
    [({}, 9), ({"country": "IND"}, 5), ({"plover": "consult"}, 4),
     ({"modality": "HYPOTHETICAL"}, 1), ({"min_confidence": "0.9"}, 7),
     ({"root": "19"}, 2), ({"dyad": "*-PAK"}, 1), ({"until": "2025-09-01"}, 4)],
)
def test_api_events_filters_count(client, params, total):
    assert client.get("/api/events", params=params).json()["total"] == total


def test_api_events_csv_download_has_every_row(client):
    response = client.get("/api/events", params={"format": "csv", "per_page": 1})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="events.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 9  # all rows, not one page
    pak = next(r for r in rows if r["article_id"] == "p1")
    assert pak["source_sectors"] == "GOV" and pak["cameo"] == "040"


def test_api_events_csv_empty_still_has_a_header(client):
    response = client.get("/api/events", params={"format": "csv", "since": "2031-01-01"})
    assert response.text.splitlines()[0].startswith('"gid","group_id","id","article_id"')
    assert len(response.text.splitlines()) == 1


def test_api_dyads_json_csv_and_series(client):
    body = client.get("/api/dyads").json()
    assert body["total"] == 4 and body["series"] is None
    pairs = {(r["source_country"], r["target_country"]): r for r in body["rows"]}
    assert pairs[("PAK", "RUS")]["events"] == 2 and pairs[("PAK", "RUS")]["q1"] == 2
    monthly = client.get("/api/dyads", params={"series": "month", "dyad": "IND-RUS"}).json()
    assert [r["period"] for r in monthly["rows"]] == ["2025-09-01", "2025-10-01"]
    text = client.get("/api/dyads", params={"format": "csv", "series": "week"}).text
    assert text.splitlines()[0].startswith("source_country,target_country,period,events")


def test_api_article_json(client):
    body = client.get("/api/articles/p1").json()
    assert body["article"]["id"] == "p1" and body["article"]["text"].startswith("Prime")
    assert "minhash" not in body["article"]
    assert [e["cameo"] for e in body["events"]] == ["040"]
    assert body["quotes"][0]["speaker_text"] == "the prime minister"
    assert len(body["mentions"]) == 3
    assert body["places"] == []  # a places table, no place in this article
    assert [c["id"] for c in body["copies"]] == ["p1-copy"]


def test_api_article_unknown_is_json_404(client):
    response = client.get("/api/articles/nope")
    assert response.status_code == 404
    assert response.json()["error"]["problems"] == ["no stored article has the id 'nope'"]


def test_api_openapi_lists_the_filters(client):
    spec = client.get("/api/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"dyad", "country", "since", "until", "root", "plover", "modality",
            "min_confidence", "page", "per_page", "order", "format"} <= names
