"""The dashboard in a real browser: Debian's chromium driven by Playwright.

Loads the overview, clicks through to a dyad and an article, checks that plotly drew its
SVG, that the evidence is highlighted, that no stored payload runs, that no Content-Security-
Policy violation or script error happens, and that a busy store's page retries by itself.
Skipped where chromium is not installed, except under CI (CI=true), where that fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from urllib.parse import quote

import pytest

from tacitus.web import create_app

from .browser import browser, chromium, served
from .conftest import SEED
from .payloads import HOSTILE_ID

if chromium() is None:
    if os.environ.get("CI"):
        pytest.fail("chromium is missing: the set-up (make test) installs it", pytrace=False)
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

pytest.importorskip("playwright")

# Runs in every page before its own scripts: records dialogs a payload could open.
WATCH = "window.__dialogs = []; window.alert = window.confirm = window.prompt = " \
        "function (m) { window.__dialogs.push(String(m)); };"


@pytest.fixture(scope="module")
def chrome():
    with browser() as launched:
        yield launched


@pytest.fixture(scope="module")
def site(web_db):
    with served(create_app(web_db)) as base:
        yield base


class Watched:
    """A page that records console errors, script errors and dialogs."""

    def __init__(self, chrome):
        self.context = chrome.new_context(viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.page.add_init_script(WATCH)
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"),
                                          d.dismiss()))

    def xss(self):
        return self.page.evaluate("[window.__xss, window.__dialogs.length]")

    def close(self):
        self.context.close()


@pytest.fixture
def watched(chrome):
    tab = Watched(chrome)
    yield tab
    tab.close()


def test_browser_overview_to_dyad_to_article(site, watched):
    page = watched.page
    page.goto(site + "/")
    page.wait_for_selector("div.chart.drawn svg.main-svg")
    assert page.locator("div.chart.drawn .barlayer .point").count() > 0  # bars drawn
    page.locator("a.dyad-link", has_text="2").first.click()  # PAK-RUS or IND-RUS
    page.wait_for_selector("div.chart.drawn svg.main-svg")
    heading = page.locator("h1").inner_text()
    assert "→" in heading and "RUS" in heading
    assert page.locator("div.chart.drawn .scatterlayer .trace").count() >= 1  # Goldstein
    page.locator("a.article-link").first.click()
    page.wait_for_selector("#article-text")
    assert page.url.split("#")[1].startswith("ev-")  # the event's sentence
    for kind in ("trigger", "source", "target", "quote", "speaker"):
        assert page.locator(f"#article-text .hl.k-{kind}").count() >= 1, kind
    trigger = page.locator("#article-text .hl.k-trigger").first
    assert "rule lexicon:" in trigger.get_attribute("title")
    assert watched.problems == []


def test_browser_article_events_and_spans_light_up_together(site, watched):
    page = watched.page
    page.goto(site + "/articles/p1")
    item = page.locator("aside li[data-ref^='ev-']").first
    item.hover()
    assert page.locator("#article-text .hl.focus").count() >= 3  # trigger, source, target
    page.locator("#article-text .hl.k-speaker").first.hover()
    assert page.locator("aside li.focus").count() == 1
    assert watched.problems == []


def test_browser_network_node_click_opens_country(site, watched):
    page = watched.page
    page.goto(site + "/network")
    page.wait_for_selector("div.chart.drawn svg.main-svg")
    nodes = page.locator("div.chart.drawn .scatterlayer .trace .points path")
    assert nodes.count() >= 4
    label = page.locator("div.chart.drawn .scatterlayer .textpoint text", has_text="CHN")
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] + 8)
    page.wait_for_url("**/countries/CHN")
    assert page.locator("h1").inner_text().startswith("CHN")
    assert watched.problems == []


HOSTILE_PAGES = ["/", "/events", "/events?country=EGY", "/dyads/EGY-JOR", "/countries/EGY",
                 "/network", "/articles/plain-id-hostile",
                 f"/articles/{quote(HOSTILE_ID, safe='')}"]


def test_browser_stored_payloads_do_not_run(site, watched):
    page = watched.page
    for path in HOSTILE_PAGES:
        page.goto(site + path)
        page.wait_for_load_state("load")
        for span in page.locator("#article-text .hl, td, h1, .meta").all()[:60]:
            span.hover(timeout=2000, force=True)  # would fire an injected onmouseover
        assert watched.xss() == [None, 0], path
    text = page.locator("#article-text").inner_text()
    assert "<script>window.__xss=1</script>" in text  # shown as text, not run
    assert page.locator("a[href^='javascript']").count() == 0
    assert watched.problems == []


WRITER = textwrap.dedent("""
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("locked", flush=True)
    sys.stdin.readline()
""")


def test_browser_busy_page_retries_until_the_store_is_free(web_db, tmp_path, watched):
    db = tmp_path / "busy.duckdb"
    shutil.copy(web_db, db)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "locked"
        with served(create_app(db)) as base:
            page = watched.page
            response = page.goto(base + "/events")
            assert response.status == 503
            assert page.locator("h1").inner_text() == "The store is busy"
            writer.communicate("done\n", timeout=30)
            page.wait_for_selector("table.events", timeout=15000)  # refreshed by itself
            assert page.locator("h1").inner_text() == "Events"
    finally:
        if writer.poll() is None:
            writer.communicate("done\n", timeout=30)


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/examples is not present")
def test_browser_seed_article_shows_sharif_putin_and_modi(real_db, chrome, tmp_path):
    tab = Watched(chrome)
    try:
        with served(create_app(real_db)) as base:
            page = tab.page
            page.goto(base + "/articles/sco-summit-2025")
            spans = page.locator("#article-text .hl")
            texts = {name: spans.filter(has_text=name) for name in ("Sharif", "Putin", "Modi")}
            for name, found in texts.items():
                kinds = " ".join(found.nth(i).get_attribute("class")
                                 for i in range(found.count()))
                assert "k-source" in kinds or "k-target" in kinds, name
            assert "k-source" in " ".join(
                texts["Sharif"].nth(i).get_attribute("class")
                for i in range(texts["Sharif"].count()))
            assert page.locator("aside li[data-ref^='ev-']").count() >= 3
            assert tab.problems == []
    finally:
        tab.close()
