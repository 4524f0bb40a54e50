"""Stored strings are escaped everywhere, only http(s) URLs become links, every response
carries a Content-Security-Policy, and no route runs SQL it was given."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from tacitus.web.app import CSP
from tacitus.web.site import safe_href

from .payloads import HOSTILE_ID, JS_URL, LIVE, SCRIPT

PAGES = ["/", "/events", "/events?country=EGY", "/dyads", "/dyads/EGY-JOR", "/countries/EGY",
         "/network", "/articles/plain-id-hostile", f"/articles/{quote(HOSTILE_ID, safe='')}",
         "/kb?q=" + quote(SCRIPT)]


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser would parse them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


OWN_SCRIPTS = {"/vendor/plotly.min.js", "/static/dashboard.js"}


def _no_live_markup(html: str) -> None:
    """No payload survives as markup: no event-handler attribute, no script but the app's
    own files and inert JSON blocks, no link or source but http(s) or the app's own."""
    for live in LIVE:
        assert live not in html, live
    for tag, attrs in _Tags(html).tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert tag not in ("img", "iframe", "object", "embed", "textarea"), (tag, attrs)
        if tag == "script":
            assert attrs.get("src") in OWN_SCRIPTS or attrs.get("type") == "application/json"
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:text", "vbscript:")), attrs


@pytest.mark.parametrize("path", PAGES)
def test_security_hostile_strings_are_escaped(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    _no_live_markup(response.text)


def test_security_hostile_strings_show_as_text(client):
    html = client.get("/articles/plain-id-hostile").text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html  # the title, as text
    assert "&lt;/textarea&gt;&lt;img src=x onerror=window.__xss=4&gt;" in html
    assert "&#34; onmouseover=&#34;window.__xss=2&#34;" in html


def test_security_javascript_url_is_shown_not_linked(client):
    html = client.get("/articles/plain-id-hostile").text
    assert f'<span class="source-url unsafe" title="not an http(s) address: shown, not linked">{JS_URL}</span>' in html  # noqa: E501
    assert 'href="javascript' not in html.lower()


def test_security_http_urls_are_links(client):
    html = client.get("/articles/p1").text
    assert 'href="https://news.example.com/p1" rel="noopener noreferrer nofollow"' in html


@pytest.mark.parametrize(
    ("url", "link"),
    [("https://example.org/a?b=1", True), ("http://example.org", True),
     ("HTTPS://EXAMPLE.ORG/x", True), ("javascript:alert(1)", False),
     ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
     ("data:text/html,<script>", False), ("//evil.example", False), ("/relative", False),
     ("https://", False), ('https://a.example/"onmouseover=', False),
     ("vbscript:x", False), (None, False), (42, False)],
)
def test_security_safe_href_allows_only_http(url, link):
    assert (safe_href(url) is not None) is link


def test_security_hostile_id_links_are_encoded(client):
    html = client.get("/events", params={"country": "EGY"}).text
    assert f'href="/articles/{quote(HOSTILE_ID, safe="")}#ev-' in html
    page = client.get(f"/articles/{quote(HOSTILE_ID, safe='')}")
    assert page.status_code == 200 and "&lt;script&gt;window.__xss=5" in page.text


def test_security_json_blocks_cannot_close_their_element(client):
    from tacitus.web.charts import json_script

    block = str(json_script({"x": "</script><script>alert(1)</script>&"}, "a\"b<"))
    assert block.count("</script>") == 1 and "\\u003c/script\\u003e" in block
    assert 'id="ab"' in block and "\\u0026" in block


@pytest.mark.parametrize("path", ["/", "/events", "/api/events", "/articles/p1",
                                  "/static/style.css", "/vendor/plotly.min.js",
                                  "/no/such/page", "/events?page=abc", "/events?dyad=PAK"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "default-src 'none'" in CSP
    assert "unsafe-eval" not in CSP and "script-src 'self' 'unsafe-inline'" not in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/", "/events", "/articles/p1", "/network",
                                  "/dyads/PAK-RUS", "/countries/PAK", "/kb?q=Putin",
                                  "/events?dyad=PAK"])
def test_security_pages_have_no_inline_script_or_handlers(client, path):
    html = client.get(path).text
    tags = _Tags(html).tags
    assert [a.get("src") for t, a in tags if t == "script" and a.get("src")] == (
        ["/vendor/plotly.min.js", "/static/dashboard.js"] if "chart" in html
        else ["/static/dashboard.js"])
    for tag, attrs in tags:
        assert not [name for name in attrs if name.startswith("on")], (path, tag)
        assert tag != "style" and "style" not in attrs, (path, tag)


def test_security_no_route_runs_sql(client):
    routes = {getattr(r, "path", "") for r in client.app.routes}
    assert not any("sql" in path.lower() or "query" in path.lower() for path in routes)
    spec = client.get("/api/openapi.json").json()
    for path, methods in spec["paths"].items():
        for operation in methods.values():
            names = {p["name"] for p in operation.get("parameters", [])}
            assert not names & {"sql", "query", "statement", "where", "order_by"}, path
    assert client.get("/api/sql", params={"q": "SELECT 1"}).status_code == 404
    assert client.get("/events", params={"sql": "DROP TABLE events"}).status_code == 200


def test_security_store_is_not_changed_by_injection_attempts(client, web_db):
    import duckdb

    client.get("/events", params={"dyad": "PAK-RUS'; DROP TABLE events; --"})
    client.get("/events", params={"country": "PAK' OR '1'='1"})
    client.get("/articles/x'; DELETE FROM articles; --")
    with duckdb.connect(str(web_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 9


def test_security_real_ingest_of_hostile_articles_is_escaped(real_client):
    for n in range(4):
        page = real_client.get(f"/articles/hostile-{n}")
        assert page.status_code == 200
        _no_live_markup(page.text)
    for path in ("/", "/events", "/events?country=EGY", "/countries/JOR"):
        _no_live_markup(real_client.get(path).text)


def test_security_hostile_country_code_in_a_crafted_store(tmp_path):
    """A store written by anything (not tacitus) may hold any string as a country code."""
    from fastapi.testclient import TestClient

    from store.records import meeting
    from tacitus.store import Store
    from tacitus.web import create_app

    coded = meeting("odd", "PAK", "RUS")
    coded.events[0].target.country = "<img src=x onerror=window.__xss=6>"
    db = tmp_path / "odd.duckdb"
    with Store(db) as store:
        store.write([coded])
    client = TestClient(create_app(db))
    for path in ("/", "/network", "/dyads", "/countries/PAK", "/events"):
        response = client.get(path)
        assert response.status_code == 200, path
        _no_live_markup(response.text)
    assert "/countries/%3Cimg%20src%3Dx" in client.get("/network").text
    assert client.get("/countries/%3Cimg%20src%3Dx").status_code == 400
