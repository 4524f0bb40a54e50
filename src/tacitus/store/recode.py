"""Recode: bring a store up to the current coder after the lexicon, the KB or a setting changed.

`recode(db_path, options)` finds the stored articles whose coder stamp (tacitus.stamp, written
by ingest on every article) differs from the current one, codes them again from their stored
text, and replaces what their coding produced (events, actor mentions, quotes, places) batch by
batch, one transaction a batch, stamping each article as it goes. Articles already coded with
the current stamp are not touched, so a second run does nothing, and a run killed half-way
leaves whole batches only: the next run re-codes just the rest.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tacitus.config import Options, load_options
from tacitus.errors import StoreError
from tacitus.model import Article
from tacitus.stamp import coder_stamp
from tacitus.store.writer import Store, iter_batches

# Articles read from the store at a time (their texts are held in memory only this many).
READ_CHUNK = 256


@dataclass
class RecodeReport:
    """Counts of one recode run: articles stored, stale before the run, re-coded, and what
    the new coding produced; `stamp` is the coder stamp the store now carries."""

    stamp: str = ""
    stored: int = 0
    stale: int = 0
    recoded: int = 0
    events: int = 0
    mentions: int = 0
    quotes: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.recoded / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, float | int | str]:
        return {
            "stamp": self.stamp,
            "stored": self.stored,
            "stale": self.stale,
            "recoded": self.recoded,
            "events": self.events,
            "mentions": self.mentions,
            "quotes": self.quotes,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.rate, 2),
        }


def recode(
    db_path: str | os.PathLike[str],
    options: Options | None = None,
    *,
    processes: int | None = None,
    progress: Callable[[RecodeReport], None] | None = None,
) -> RecodeReport:
    """Re-code the stale articles of the store at `db_path`; returns the counts. Raises
    StoreError when the store is missing, damaged or in use."""
    if not Path(db_path).is_file():
        raise StoreError("store_missing", path=os.fspath(db_path))
    options = options or load_options()
    started = time.perf_counter()
    report = RecodeReport(stamp=coder_stamp(options))
    with Store(db_path, stamp=report.stamp) as store:
        report.stored = store.counts()["articles"]
        stale = store.stale_ids(report.stamp)
        report.stale = len(stale)
        if stale:
            from tacitus.engines import code

            coding = code(_read(store, stale), options, processes=processes)
            for batch in iter_batches(coding, max(1, options.store.batch_size)):
                result = store.replace(batch)
                report.recoded += result.articles
                report.events += result.events
                report.mentions += result.mentions
                report.quotes += result.quotes
                report.seconds = time.perf_counter() - started
                if progress is not None:
                    progress(report)
    report.seconds = time.perf_counter() - started
    return report


def _read(store: Store, ids: list[str]) -> Iterator[Article]:
    """The stored articles with these ids, read a chunk at a time."""
    iterator = iter(ids)
    while chunk := list(itertools.islice(iterator, READ_CHUNK)):
        yield from store.articles(chunk)
