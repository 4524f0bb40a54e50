"""Dashboard page times on a synthetic store of 100,000 events.

Builds the store (with the real writer: articles, events with actor and trigger offsets,
mentions, quotes; reproducibly seeded) unless it exists, then requests every page and API
of `tacitus serve` in-process (FastAPI's TestClient: routing, store reads, templates, JSON)
and prints the median and slowest time of each. The floor (issue 9): median page time
under 300 ms.

    .venv/bin/python bench/web_pages.py [--db /tmp/web-bench.duckdb] [--events 100000]
                                        [--repeat 15] [--only TEXT]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path

from tacitus.model import Actor, Article, CodedArticle, Event, Quote
from tacitus.ontology.tables import load_codes
from tacitus.store import Store

COUNTRIES = ["PAK", "RUS", "IND", "CHN", "IRN", "TUR", "JPN", "BRA", "EGY", "KEN", "DEU",
             "IDN", "USA", "GBR", "FRA", "UKR", "ISR", "SAU", "NGA", "ZAF", "MEX", "ARG",
             "KOR", "PRK", "AFG", "SYR", "IRQ", "ETH", "SDN", "VEN"]
LEADERS = ["the president", "the prime minister", "the foreign minister",
           "the defence minister", "the army chief"]
WORDS = ["talks", "trade", "grain", "energy", "border", "water", "rail", "ports", "loans",
         "troops", "drills", "sanctions", "visas", "fishing", "pipelines", "elections",
         "refugees", "debt", "tariffs", "satellites", "vaccines"]
EVENTS_PER_ARTICLE = 5


def _article(number: int, codes: list, rng: random.Random, start: dt.date) -> CodedArticle:
    """One article of EVENTS_PER_ARTICLE sentences, each an event with offsets into it."""
    article_id = f"bench-{number}"
    day = start + dt.timedelta(days=rng.randrange(730))
    parts: list[str] = []
    events, actors, quotes = [], [], []
    offset = 0
    for k in range(EVENTS_PER_ARTICLE):
        source, target = rng.sample(COUNTRIES, 2)
        code = rng.choice(codes)
        who, whom = rng.choice(LEADERS), rng.choice(LEADERS)
        topic = " ".join(rng.sample(WORDS, 3))
        src_text, verb, tgt_text = f"{source} {who}", "met", f"{target} {whom}"
        sentence = f"{src_text} {verb} {tgt_text} about {topic} ({number}.{k}). "
        src = Actor(src_text, offset, offset + len(src_text), src_text, source + "GOV",
                    source, ["GOV"], None)
        t_start = offset + len(src_text) + len(verb) + 2
        tgt = Actor(tgt_text, t_start, t_start + len(tgt_text), tgt_text, target + "GOV",
                    target, ["GOV"], None)
        v_start = offset + len(src_text) + 1
        happened = rng.random() > 0.1
        events.append(Event(
            id=f"{article_id}-e{k}", article_id=article_id, sentence=k, date=day.isoformat(),
            source=src, target=tgt, cameo=code.code, cameo_root=code.root,
            cameo_name=code.name, goldstein=code.goldstein, quad_class=code.quad_class,
            plover=code.plover, plover_mode=code.plover_mode,
            plover_context=code.plover_context,
            trigger={"text": verb, "start": v_start, "end": v_start + len(verb)},
            negated=not happened, modality="asserted",
            confidence=round(rng.uniform(0.5, 1.0), 2), rule="bench:synthetic"))
        actors += [src, tgt]
        parts.append(sentence)
        offset += len(sentence)
    said = f'"We want {rng.choice(WORDS)} and {rng.choice(WORDS)}," the minister said.'
    quotes.append(Quote(id=f"{article_id}-q0", article_id=article_id, text=said[:-25],
                        start=offset, end=offset + len(said) - 25, direct=True, cue="said",
                        speaker=actors[0]))
    text = "".join(parts) + said
    article = Article(id=article_id, text=text, title=f"Report {number}",
                      url=f"https://news.example.org/{number}", source=f"Outlet {number % 40}",
                      published=day.isoformat())
    return CodedArticle(article=article, events=events, quotes=quotes, actors=actors,
                        tone=rng.uniform(-5, 5))


def build(db: Path, events: int, seed: int = 7) -> None:
    """Write a store of `events` events (EVENTS_PER_ARTICLE per article)."""
    rng = random.Random(seed)
    codes = [c for c in load_codes().values() if len(c.code) == 3]
    start = dt.date(2024, 1, 1)
    articles = events // EVENTS_PER_ARTICLE
    with Store(db) as store:
        for first in range(0, articles, 2000):
            batch = [_article(n, codes, rng, start)
                     for n in range(first, min(first + 2000, articles))]
            store.write(batch)


URLS = [
    "/", "/?since=2025-01-01&root=04", "/events", "/events?page=1500",
    "/events?dyad=PAK-RUS&min_confidence=0.8", "/events?country=IND&plover=CONSULT",
    "/dyads", "/dyads?page=10", "/dyads/PAK-RUS", "/dyads/PAK-RUS?series=week",
    "/countries/PAK", "/network", "/network?top=300", "/articles/bench-123",
    "/kb?q=Sharif", "/kb?country=PAK", "/api/events", "/api/events?dyad=IND-*&page=20",
    "/api/dyads", "/api/dyads?series=month&dyad=PAK-RUS", "/api/articles/bench-123",
]


def time_pages(db: Path, repeat: int, only: str | None = None
               ) -> list[tuple[str, float, float, float]]:
    """(url, median wall ms, median CPU ms, slowest wall ms) for every page and API (those
    whose URL contains `only`, when given). CPU time is the whole process's (DuckDB's
    threads included), so it says what a page costs when the machine is loaded."""
    from fastapi.testclient import TestClient

    from tacitus.web import create_app

    client = TestClient(create_app(db))
    urls = [url for url in URLS if only is None or only in url]
    out = []
    for url in urls:
        for _ in range(2):  # warm: the vocabulary and KB load once per app
            assert client.get(url).status_code == 200, url
        times, cpu = [], []
        for _ in range(repeat):
            began, began_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
            assert response.status_code == 200, url
        out.append((url, statistics.median(times), statistics.median(cpu), max(times)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/tacitus-web-bench.duckdb"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", help="time only the URLs that contain this text")
    args = parser.parse_args()
    if not args.db.exists():
        began = time.perf_counter()
        build(args.db, args.events)
        print(f"built {args.db} ({args.events} events) in {time.perf_counter() - began:.0f} s")
    results = time_pages(args.db, args.repeat, args.only)
    width = max(len(url) for url, *_ in results)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'page':<{width}}  median ms  median CPU ms  slowest ms")
    for url, median, cpu, slowest in results:
        print(f"{url:<{width}}  {median:9.1f}  {cpu:13.1f}  {slowest:10.1f}")
    medians = [median for _, median, _, _ in results]
    cpus = [cpu for _, _, cpu, _ in results]
    print(f"median of the page medians: {statistics.median(medians):.1f} ms "
          f"(CPU {statistics.median(cpus):.1f} ms); slowest median: {max(medians):.1f} ms "
          f"(CPU {max(cpus):.1f} ms); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
