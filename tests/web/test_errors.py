"""Bad query values get a 400/422 page (or JSON under /api/) that says what is wrong; a
busy store gets a page that retries; nothing ever shows a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from html import unescape

import pytest
from fastapi.testclient import TestClient

from tacitus.web import create_app

BAD = [
    ({"dyad": "PAK-' OR 1=1"}, 400, "not a dyad"),
    ({"dyad": "PAK-RUS; DROP TABLE events"}, 400, "not a dyad"),
    ({"dyad": "PAK-XXX"}, 400, "unknown country code 'XXX'"),
    ({"country": "ZZZ"}, 400, "unknown country code 'ZZZ'"),
    ({"country": "P4K"}, 400, "not a country code"),
    ({"root": "25"}, 400, "not a CAMEO root code"),
    ({"root": "4x"}, 400, "not a CAMEO root code"),
    ({"root": "04 OR 1"}, 422, "root: String should have at most 4 characters"),
    ({"plover": "HUG"}, 400, "unknown value 'HUG'"),
    ({"modality": "certain"}, 400, "unknown value 'certain'"),
    ({"min_confidence": "high"}, 400, "not a confidence"),
    ({"min_confidence": "1.5"}, 400, "not a confidence"),
    ({"min_confidence": "nan"}, 400, "not a confidence"),
    ({"since": "2025-13-01"}, 400, "since: not an ISO date"),
    ({"until": "yesterday"}, 400, "until: not an ISO date"),
    ({"since": "2025-10-01", "until": "2025-09-01"}, 400, "is before since"),
    ({"page": "abc"}, 422, "page: "),
    ({"page": "0"}, 422, "page: "),
    ({"per_page": "100000"}, 422, "per_page: "),
    ({"order": "random()"}, 422, "order: "),
    ({"dyad": "x" * 41}, 422, "dyad: "),
]


def _applies(path: str, params: dict[str, str]) -> bool:
    """`order` is a parameter of /events; paging of /events and /dyads."""
    if "order" in params:
        return path == "/events"
    return not (set(params) & {"page", "per_page"}) or path in ("/events", "/dyads")


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [(path, *case) for path in ("/", "/events", "/dyads", "/network") for case in BAD
     if _applies(path, case[0])],
)
def test_errors_bad_filter_values_page(client, path, params, status, says):
    response = client.get(path, params=params)
    assert response.status_code == status
    assert says in unescape(response.text)
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text


@pytest.mark.parametrize(("params", "status", "says"), BAD)
def test_errors_bad_filter_values_api_json(client, params, status, says):
    response = client.get("/api/events", params=params)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status
    assert any(says in problem for problem in error["problems"])


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/dyads/PAK", 400, "not a dyad"),
        ("/dyads/PAK-*", 400, "needs two countries"),
        ("/dyads/PAK-QQQ", 400, "unknown country code 'QQQ'"),
        ("/dyads/PAK-RUS?series=fortnight", 400, "unknown series 'fortnight'"),
        ("/countries/QQQ", 400, "unknown country code 'QQQ'"),
        ("/countries/<b>", 400, "not a country code"),
        ("/network?top=0", 422, "top: "),
        ("/kb?date=someday", 400, "date: not an ISO date"),
        ("/kb?country=QQQ", 400, "unknown country code"),
        ("/api/dyads?series=decade", 400, "unknown series"),
        ("/api/events?format=xml", 422, "format: "),
        ("/no/such/page", 404, "Not Found"),
    ],
)
def test_errors_bad_paths_say_what_is_wrong(client, path, status, says):
    response = client.get(path)
    assert response.status_code == status
    assert says in unescape(response.text)


def test_errors_writes_are_not_allowed(client):
    assert client.post("/events").status_code == 405
    assert client.delete("/api/articles/p1").status_code == 405


def test_errors_missing_store_is_a_page_not_a_traceback(tmp_path):
    client = TestClient(create_app(tmp_path / "gone.duckdb"))
    response = client.get("/events")
    assert response.status_code == 500
    assert "The store cannot be read" in response.text and "no such file" in response.text
    assert "Traceback" not in response.text


def test_errors_damaged_store_is_a_page(tmp_path):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"this is not a database" * 200)
    response = TestClient(create_app(broken)).get("/")
    assert response.status_code == 500 and "The store cannot be read" in response.text


def test_errors_unexpected_failure_is_a_page(client, monkeypatch):
    from tacitus.web import data

    def explode(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(data, "counts", explode)
    quiet = TestClient(client.app, raise_server_exceptions=False)
    response = quiet.get("/")
    assert response.status_code == 500
    assert "Internal error" in response.text and "ZeroDivisionError" in response.text
    assert "Traceback" not in response.text and "boom" not in response.text


WRITER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("locked", flush=True)
    sys.stdin.readline()
""")


def test_errors_busy_store_retries_then_serves(web_db, tmp_path):
    import shutil

    db = tmp_path / "busy.duckdb"
    shutil.copy(web_db, db)
    client = TestClient(create_app(db))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "locked"
        page = client.get("/events")
        assert page.status_code == 503
        assert page.headers["retry-after"] == "2"
        assert '<meta http-equiv="refresh" content="2">' in page.text
        assert "The store is busy" in page.text
        api = client.get("/api/events")
        assert api.status_code == 503 and api.headers["retry-after"] == "2"
        assert "retry shortly" in api.json()["error"]["problems"][0]
        csv = client.get("/api/events", params={"format": "csv"})
        assert csv.status_code == 503
    finally:
        writer.communicate("done\n", timeout=30)
    assert client.get("/events").status_code == 200
