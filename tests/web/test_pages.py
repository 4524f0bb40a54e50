"""Every page over a hand-made store: what it shows, that filters narrow it, that it pages."""

from __future__ import annotations

import re

import pytest


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_pages_overview_counts_chart_dyads_and_latest(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert "Events per week and QuadClass" in html
    assert 'class="figure" id="quad-weekly"' in html  # the chart's data block
    assert "/vendor/plotly.min.js" in html
    assert '/dyads/PAK-RUS?' in html and "/dyads/IND-RUS?" in html  # top dyads link
    assert "/articles/i2#ev-" in html  # the latest event links to its sentence
    assert re.search(r"<b>9</b> events", html)  # 7 meetings + 2 hostile articles


def test_pages_overview_filters_narrow_the_counts(client):
    html = client.get("/", params={"dyad": "PAK-RUS"}).text
    assert re.search(r"<b>2</b> events", html)
    assert 'value="PAK-RUS"' in html  # the form keeps the filter


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({}, ["/articles/p1#ev-", "/articles/h1#ev-"], []),
        ({"dyad": "PAK-RUS"}, ["/articles/p1#", "/articles/p2#"], ["/articles/i1#"]),
        ({"dyad": "*-RUS", "root": "4"}, ["/articles/p1#", "/articles/i1#"],
         ["/articles/p2#"]),
        ({"country": "CHN"}, ["/articles/c1#"], ["/articles/p1#"]),
        ({"since": "2025-09-05", "until": "2025-09-30"}, ["/articles/p2#"],
         ["/articles/p1#", "/articles/i2#"]),
        ({"plover": "ACCUSE"}, ["/articles/c1#"], ["/articles/p1#"]),
        ({"modality": "hypothetical"}, ["/articles/h1#"], ["/articles/n1#"]),
        ({"min_confidence": "0.85"}, ["/articles/p1#"], ["/articles/plain-id-hostile#"]),
    ],
)
def test_pages_events_filters(client, params, present, absent):
    page = client.get("/events", params=params)
    assert page.status_code == 200
    for href in present:
        assert href in page.text, href
    for href in absent:
        assert href not in page.text, href


def test_pages_events_rows_show_the_trigger_in_its_sentence(client):
    html = client.get("/events", params={"dyad": "PAK-RUS", "root": "05"}).text
    assert "<mark>signed an agreement with</mark>" in html
    assert "Prime Minister Shehbaz Sharif " in html
    assert "sentence 0" in html


def test_pages_events_paging_and_order(client):
    first = client.get("/events", params={"per_page": 2}).text
    assert "page 1 of 5" in first and "9 rows" in first
    assert 'rel="next" href="/events?page=2&amp;per_page=2&amp;order=newest"' in first
    last = client.get("/events", params={"per_page": 2, "page": 5}).text
    assert 'rel="prev"' in last and 'rel="next"' not in last
    newest = client.get("/events", params={"per_page": 1}).text
    oldest = client.get("/events", params={"per_page": 1, "order": "oldest"}).text
    assert "/articles/i2#" in newest and "2025-10-02" in newest
    assert "2025-05-02" in oldest


def test_pages_events_download_links_keep_the_filters(client):
    html = client.get("/events", params={"dyad": "PAK-RUS"}).text
    assert "/api/events?dyad=PAK-RUS&amp;order=newest&amp;format=csv" in html


def test_pages_dyads_lists_pairs_that_happened(client):
    html = client.get("/dyads").text
    assert "/dyads/PAK-RUS?" in html and "/dyads/CHN-IND?" in html
    assert "/dyads/PAK-IND?" not in html  # negated: did not happen
    assert "/dyads/IND-PAK?" not in html  # hypothetical
    assert "4 rows" in html  # PAK-RUS, IND-RUS, CHN-IND, EGY-JOR


def test_pages_dyad_has_chart_both_directions_events_and_quotes(client):
    page = client.get("/dyads/PAK-RUS", params={"series": "week"})
    assert page.status_code == 200
    html = page.text
    assert 'id="dyad-series"' in html and "mean Goldstein" in html
    assert "2</b> events PAK → RUS" in html and "0</b> events RUS → PAK" in html
    assert "/dyads/RUS-PAK?" in html
    assert "We want very strong relations," in html  # a PAK speaker's quote
    assert "/articles/p2#ev-" in html
    assert "/articles/i1" not in html


def test_pages_dyad_directions_follow_the_pair_and_a_country_filter(client):
    html = client.get("/dyads/RUS-PAK").text
    assert "0</b> events RUS → PAK" in html and "2</b> events PAK → RUS" in html
    assert "2</b> events PAK → RUS" in client.get("/dyads/PAK-RUS?country=RUS").text
    elsewhere = client.get("/dyads/PAK-RUS?country=IND").text
    assert "0</b> events PAK → RUS" in elsewhere and "0</b> events RUS → PAK" in elsewhere


def test_pages_dyad_lower_case_pair_and_series_choice(client):
    html = client.get("/dyads/pak-rus", params={"series": "month"}).text
    assert "PAK</a> → <a" in html and "<b>month</b>" in html


def test_pages_country_partners_and_actors(client):
    html = client.get("/countries/RUS").text
    assert "/dyads/PAK-RUS?" in html and "/dyads/IND-RUS?" in html  # partners in
    assert "President Vladimir Putin" in html  # its actors
    assert 'id="country-monthly"' in html
    assert "/kb?country=RUS" in html


def test_pages_network_draws_edges(client):
    html = client.get("/network").text
    assert 'id="network"' in html
    for pair in ("PAK-RUS", "IND-RUS", "CHN-IND"):
        assert f"/dyads/{pair}?" in html
    one = client.get("/network", params={"top": 1}).text
    assert one.count('class="dyad-link"') == 1


def test_pages_network_empty_says_so(client):
    html = client.get("/network", params={"since": "2030-01-01"}).text
    assert "No country pairs match these filters." in html and 'id="network"' not in html


def test_pages_article_highlights_every_kind_of_evidence(client):
    page = client.get("/articles/p1")
    assert page.status_code == 200
    html = page.text
    assert re.search(r'<span class="hl[^"]*k-trigger[^"]*"[^>]*>met</span>', html)
    assert re.search(r'class="hl k-actor k-source"[^>]*>Prime Minister Shehbaz Sharif<', html)
    assert re.search(r'class="hl k-actor k-target"[^>]*>President Vladimir Putin<', html)
    assert re.search(r'k-quote[^"]*"[^>]*>We want very strong relations,<', html)
    assert re.search(r'k-speaker[^"]*"[^>]*>the prime minister<', html)
    assert 'id="ev-' in html and 'id="q-0"' in html
    assert "rule lexicon:040:met" in html  # hover text and the events list
    assert "Also carried verbatim by: Copy Times" in html
    for kind in ("trigger", "source", "target", "quote", "speaker", "place"):
        assert f'<span class="hl k-{kind}">{kind}</span>' in html  # the legend


def test_pages_article_hover_text_says_code_rule_modality_confidence(client):
    html = client.get("/articles/p2").text
    title = re.search(r'k-trigger"[^>]*title="([^"]*)"', html).group(1)
    assert "057" in title and "lexicon:057" in title
    assert "asserted" in title and "0.90" in title


def test_pages_article_copy_id_shows_the_original(client):
    html = client.get("/articles/p1-copy").text
    assert "a verbatim copy of this article" in html and "p1-copy" in html


def test_pages_article_unknown_is_404_page(client):
    page = client.get("/articles/no-such-article")
    assert page.status_code == 404
    assert "no stored article has the id" in page.text and "<html" in page.text


def test_pages_kb_by_name_and_country(client):
    page = client.get("/kb", params={"q": "sharif", "date": "2016-01-01"})
    assert page.status_code == 200
    assert "Nawaz Sharif" in page.text and "Prime Minister of Pakistan" in page.text
    assert "“sharif” names <b>Nawaz Sharif</b>" in page.text  # as of 2016
    by_country = client.get("/kb", params={"country": "PAK"}).text
    assert "Shehbaz Sharif" in by_country
    assert "Vladimir Putin" not in by_country


def test_pages_kb_empty_query_explains(client):
    assert "Type a name" in client.get("/kb").text


def test_pages_plotly_is_served_from_the_package(client):
    script = client.get("/vendor/plotly.min.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert len(script.content) > 1_000_000 and b"plotly" in script.content[:2000].lower()


def test_pages_static_files(client):
    assert "Plotly.newPlot" in client.get("/static/dashboard.js").text
    assert ".k-trigger" in client.get("/static/style.css").text


def _placed_store(path):
    from store.records import meeting
    from tacitus.model import Place
    from tacitus.store import Store

    coded = meeting("placed")
    at = coded.article.text.index("Tianjin")
    coded.places = [Place(text="Tianjin", start=at, end=at + 7, name="Tianjin",
                          geonames_id=1792947, feature="city", country="CHN", adm1="28",
                          found_by="one")]
    coded.events[0].location = {"text": "Tianjin", "start": at, "end": at + 7,
                                "name": "Tianjin", "country": "CHN", "found_by": "clause"}
    with Store(path) as store:
        store.write([coded])
    return path


def test_pages_article_places_and_event_location(tmp_path):
    from fastapi.testclient import TestClient

    from tacitus.web import create_app

    client = TestClient(create_app(_placed_store(tmp_path / "placed.duckdb")))
    html = client.get("/articles/placed").text
    span = re.search(r'<span class="hl k-place"[^>]*title="([^"]*)"[^>]*>Tianjin</span>', html)
    assert span, "Tianjin is highlighted as a place"
    assert "place: Tianjin (city, CHN, 1792947)" in span.group(1)
    assert "where event 040 happened: Tianjin (CHN, found by clause)" in span.group(1)
    assert "GeoNames 1792947" in html and "found by one" in html and "· in Tianjin" in html


def test_pages_article_store_without_places_table(tmp_path):
    import duckdb
    from fastapi.testclient import TestClient

    from tacitus.web import create_app

    db = _placed_store(tmp_path / "old.duckdb")
    with duckdb.connect(str(db)) as con:  # a store from before places were stored
        con.execute("DROP TABLE places")
        for column in ("location_start", "location_end", "location_found_by"):
            con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    client = TestClient(create_app(db))
    page = client.get("/articles/placed")
    assert page.status_code == 200
    assert "<h2>Places" not in page.text and "k-place" not in page.text.split("</ul>", 1)[1]
    assert client.get("/api/articles/placed").json()["places"] is None


def test_pages_kb_search_with_the_sites_name_index_finds_the_same(client):
    from tacitus.web.kbview import search

    site = client.app.state.site
    for q, country in (("sharif", None), ("Modí", "IND"), ("", "PAK"), ("nobody at all", None)):
        kept = search(site.kb(), q, country, None, site.kb_names())
        assert kept == search(site.kb(), q, country, None)
    assert search(site.kb(), "sharif", None, None, site.kb_names())["people"]
