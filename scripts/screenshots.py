"""Screenshots of `tacitus serve` for the README, from a real ingest.

Ingests examples/ (dated 2025-08-20, as in the README session) and the seed article
../shared/examples/sco-summit-2025.txt (2025-09-01; read from ../shared, never copied) into
a temporary store, serves the dashboard on a loopback port and photographs its pages with
the browser tests' tooling (tests/web/browser.py: Debian's chromium through Playwright)
into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "examples" / "sco-summit-2025.txt"
PAGES = [
    ("overview", "/", None),
    ("events", "/events?dyad=*-RUS", None),
    ("dyad", "/dyads/PAK-RUS?series=week", None),
    ("article", "/articles/sco-summit-2025", None),
    ("network", "/network", None),
    ("country", "/countries/RUS", None),
    ("kb", "/kb?q=Sharif&date=2025-09-01", None),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not SEED.is_file():
        raise SystemExit(f"the seed article is missing: {SEED}")
    sys.path.insert(0, str(ROOT / "tests"))
    from tacitus.config import load_options
    from tacitus.store.ingest import ingest
    from tacitus.web import create_app
    from web.browser import browser, served

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "corpus.duckdb"
        ingest([ROOT / "examples"], db, load_options(), default_date="2025-08-20", processes=1)
        ingest([SEED], db, load_options(), default_date="2025-09-01", processes=1)
        with served(create_app(db)) as base, browser() as chrome:
            page = chrome.new_page(viewport={"width": 1400, "height": 950})
            for name, path, _ in PAGES:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                if page.locator("div.chart").count():
                    page.wait_for_selector("div.chart.drawn svg.main-svg")
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target))
                print(f"wrote {target}")


if __name__ == "__main__":
    main()
