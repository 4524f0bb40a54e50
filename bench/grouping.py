"""Grouping reports into happenings at scale: does the store's cost per event stay flat?

Usage: .venv/bin/python bench/grouping.py [--events 100000] [--batch 200] [--out DB]

Writes `--events` synthetic coded events (no NLP: hand-built CodedArticles, 1-3 events each,
about a third of them other outlets' reports of recent happenings, 40 countries with three
busy dyads, attack/meeting/accusation codes, places from a small list; the news flows as in
an archive: `--per-day` events a day, so the store grows in days, not in density) through
`Store.write` in batches of `--batch` articles, as ingest does, and prints for every tenth of
the run the CPU seconds of this process (DuckDB's threads included, so other work on the
machine does not tilt them) per 1,000 events, and how much of that went to grouping
(assign_groups + save_happenings). Near-linear cost means the per-1,000 figure stays flat as the
store grows, because each batch loads only the happenings of its own blocks and days.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from tacitus.model import Actor, Article, CodedArticle, Event
from tacitus.store import happenings, writer
from tacitus.store.writer import Store

COUNTRIES = [
    "AFG", "ARM", "AZE", "BRA", "CHN", "COL", "DEU", "EGY", "ETH", "FRA", "GBR", "IDN", "IND",
    "IRN", "IRQ", "ISR", "JPN", "KEN", "KOR", "LBN", "LBY", "MEX", "MLI", "MMR", "NGA", "PAK",
    "PHL", "PSE", "RUS", "SAU", "SDN", "SOM", "SSD", "SYR", "TUR", "UKR", "USA", "VEN", "YEM",
    "ZAF",
]
CODES = [("040", "04", 1.0, 1), ("043", "04", 2.8, 1), ("057", "05", 8.0, 1),
         ("112", "11", -2.0, 3), ("173", "17", -5.0, 4), ("190", "19", -10.0, 4),
         ("195", "19", -10.0, 4), ("183", "18", -10.0, 4)]
PLACES = [None, ("Capital", 10.0, 20.0), ("Border town", 12.0, 22.0), ("Port", 14.0, 24.0)]
SECTORS = [[], ["GOV"], ["MIL"]]
OUTLETS = [f"Outlet {i}" for i in range(60)]
START = dt.date(2025, 1, 1)


def _actor(country: str, sectors: list[str]) -> Actor:
    return Actor(text=country, start=0, end=3, name=country, code=country + "".join(sectors),
                 country=country, sectors=list(sectors))


def _happening(rng: random.Random, today: dt.date) -> dict:
    source, target = rng.sample(COUNTRIES, 2)
    # A few busy dyads carry much of the news, as in a real corpus.
    if rng.random() < 0.3:
        source, target = rng.choice([("RUS", "UKR"), ("ISR", "PSE"), ("IND", "PAK")])
    code = rng.choice(CODES)
    place = rng.choice(PLACES)
    return {"source": source, "target": target, "code": code,
            "day": today - dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2])),
            "sectors": rng.choice(SECTORS), "place": place}


def _event(article_id: str, index: int, h: dict, rng: random.Random) -> Event:
    code, root, goldstein, quad = h["code"]
    day = h["day"] + dt.timedelta(days=rng.choice([0, 0, 0, 1]))
    place = h["place"]
    location = None
    if place is not None:
        name, lat, lon = place
        location = {"name": name, "country": h["target"], "lat": lat + rng.random() * 0.05,
                    "lon": lon}
    return Event(
        id=f"{article_id}-e{index}", article_id=article_id, sentence=index,
        date=day.isoformat(), source=_actor(h["source"], h["sectors"]),
        target=_actor(h["target"], []), cameo=code, cameo_root=root, cameo_name=code,
        goldstein=goldstein, quad_class=quad, plover=None, plover_mode=None,
        plover_context=None, trigger={"text": "x", "start": 0, "end": 1}, location=location,
    )


def articles(n_events: int, per_day: int = 300, seed: int = 7):
    """Yield CodedArticles until `n_events` events are made, `per_day` events a day."""
    rng = random.Random(seed)
    made, number, recent = 0, 0, []
    while made < n_events:
        today = START + dt.timedelta(days=made // per_day)
        count = min(rng.choice([1, 1, 2, 3]), n_events - made)
        events = []
        for index in range(count):
            if recent and rng.random() < 0.35:
                h = rng.choice(recent)  # another outlet's report of a known happening
            else:
                h = _happening(rng, today)
                recent = [*recent[-500:], h]
            events.append(_event(f"a{number}", index, h, rng))
        text = f"Synthetic report {number} " + " ".join(str(rng.random()) for _ in range(8))
        article = Article(id=f"a{number}", text=text, source=rng.choice(OUTLETS),
                          published=events[0].date)
        yield CodedArticle(article=article, events=events, tone=rng.uniform(-5, 5))
        made += count
        number += 1


class _Timer:
    """Wraps a function and adds up the seconds spent in it."""

    def __init__(self, fn):
        self.fn, self.seconds = fn, 0.0

    def __call__(self, *args, **kwargs):
        started = time.process_time()
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.seconds += time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--per-day", type=int, default=300)
    parser.add_argument("--out", type=Path, default=None, help="keep the store here")
    args = parser.parse_args()
    assign = _Timer(happenings.assign_groups)
    save = _Timer(happenings.save_happenings)
    writer.assign_groups, writer.save_happenings = assign, save  # time the grouping steps
    folder = tempfile.TemporaryDirectory()
    path = args.out or Path(folder.name) / "bench.duckdb"
    step = max(1, args.events // 10)
    print(f"# {args.events:,} events, {args.per_day} a day, batches of {args.batch} articles; "
          f"Python {platform.python_version()}, {platform.machine()}")
    print("| events stored | CPU s / 1,000 events (write) | of which grouping | happenings |")
    print("|---|---|---|---|")
    total_started = time.process_time()
    with Store(path) as store:
        batch, stored, mark = [], 0, step
        slice_started, slice_grouping, slice_events = time.process_time(), 0.0, 0
        for coded in articles(args.events, args.per_day):
            batch.append(coded)
            if len(batch) < args.batch:
                continue
            stored += store.write(batch).events
            slice_events += sum(len(c.events) for c in batch)
            batch = []
            if stored >= mark:
                grouping = assign.seconds + save.seconds - slice_grouping
                slice_grouping = assign.seconds + save.seconds
                seconds = time.process_time() - slice_started
                groups = store.con.execute("SELECT count(*) FROM happenings").fetchone()[0]
                print(f"| {stored:,} | {1000 * seconds / slice_events:.3f} | "
                      f"{1000 * grouping / slice_events:.3f} | {groups:,} |")
                slice_started, slice_events, mark = time.process_time(), 0, mark + step
        if batch:
            stored += store.write(batch).events
        groups, mentions = store.con.execute(
            "SELECT count(*), sum(num_mentions) FROM happenings").fetchone()
    total = time.process_time() - total_started
    print(f"\n{stored:,} events in {groups:,} happenings ({mentions:,} mentions); "
          f"{total:.1f} CPU s in all, grouping {assign.seconds + save.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
