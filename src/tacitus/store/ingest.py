"""Ingest: sources in, a DuckDB store with every article exactly once out.

`ingest(sources, db_path, options)` reads articles with `tacitus.sources.read_articles`,
drops those already stored (same id, or same normalised text: those are recorded as copies,
not coded again) before they reach the coder, codes the rest with `tacitus.engines.code`
(in worker processes), and writes them in batches of `options.store.batch_size`, one
transaction each. Bad input never stops the run: it is counted and reported. Killing the
run loses at most the batch being written; running it again stores what is missing.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from tacitus.config import Options, load_options
from tacitus.errors import StoreError, TacitusError
from tacitus.model import Article, CodedArticle
from tacitus.sources import BadRecord, read_articles
from tacitus.stamp import coder_stamp
from tacitus.store.dedup import text_hash
from tacitus.store.writer import Store, WriteResult

# Bad records kept on the report for display (all are counted).
KEEP_BAD = 200


@dataclass
class IngestReport:
    """Counts of one ingest run; `rate` is coded articles per second. `warnings` counts
    articles coded with a warning (a `published` value that is no date); `bad_records` keeps
    the first KEEP_BAD bad, skipped and warned-about records."""

    read: int = 0
    known: int = 0
    copies: int = 0
    language: int = 0
    bad: int = 0
    warnings: int = 0
    coded: int = 0
    stored: int = 0
    events: int = 0
    mentions: int = 0
    quotes: int = 0
    errors: int = 0
    seconds: float = 0.0
    bad_records: list[BadRecord] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Articles read or offered but not coded: known, copies, other language, bad."""
        return self.known + self.copies + self.language + self.bad

    @property
    def rate(self) -> float:
        return self.coded / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: WriteResult) -> None:
        self.stored += result.articles
        self.events += result.events
        self.mentions += result.mentions
        self.quotes += result.quotes

    def as_dict(self) -> dict[str, float | int]:
        """The counts (no bad-record details), for JSON output."""
        return {
            "read": self.read, "known": self.known, "copies": self.copies,
            "language": self.language, "bad": self.bad, "warnings": self.warnings,
            "coded": self.coded,
            "stored": self.stored, "events": self.events, "mentions": self.mentions,
            "quotes": self.quotes, "errors": self.errors, "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.rate, 2),
        }


class _Filter:
    """Passes on the articles the store lacks; remembers copies to record with a batch."""

    def __init__(self, store: Store, report: IngestReport) -> None:
        self.ids = store.known_ids()
        self.hashes = store.known_hashes()
        self.report = report
        self.copies: list[Article] = []

    def __call__(self, articles: Iterator[Article]) -> Iterator[Article]:
        for article in articles:
            self.report.read += 1
            if article.id in self.ids:
                self.report.known += 1
                continue
            self.ids.add(article.id)
            digest = text_hash(article.text)
            if digest and digest in self.hashes:
                self.report.copies += 1
                self.copies.append(article)
                continue
            if digest:
                self.hashes.add(digest)
            yield article

    def take_copies(self) -> list[Article]:
        taken, self.copies = self.copies, []
        return taken


def ingest(
    sources: Sequence[str | os.PathLike[str]],
    db_path: str | os.PathLike[str] = "tacitus.duckdb",
    options: Options | None = None,
    *,
    default_date: str | None = None,
    processes: int | None = None,
    progress: Callable[[IngestReport], None] | None = None,
    stdin: TextIO | None = None,
) -> IngestReport:
    """Read, code and store `sources` into the store at `db_path`; returns the counts.

    `processes` overrides `options.run.processes` (0 = one per core); `progress` is called
    with the running report after every coded article and every stored batch. Raises
    InputError for a missing input before the store is opened; a coder failure is raised
    after the articles coded so far are stored.
    """
    options = options or load_options()
    report = IngestReport()
    started = time.perf_counter()

    def on_bad(record: BadRecord) -> None:
        if record.kind == "skipped":
            report.language += 1
        elif record.kind == "warning":
            report.warnings += 1
        else:
            report.bad += 1
        if len(report.bad_records) < KEEP_BAD:
            report.bad_records.append(record)

    articles = read_articles(
        sources, default_date=default_date or options.coder.default_date or None,
        options=options.sources, on_bad=on_bad, stdin=stdin, max_chars=options.coder.max_chars,
    )
    size = max(1, options.store.batch_size)
    with Store(db_path, options.groups) as store:
        fresh = _Filter(store, report)
        batch: list[CodedArticle] = []

        def flush() -> None:
            copies = fresh.take_copies()
            if batch or copies:
                report.add(store.write(batch, copies=copies))
                batch.clear()
            report.seconds = time.perf_counter() - started
            if progress is not None:
                progress(report)

        todo = fresh(articles)
        first = next(todo, None)  # nothing new: do not load the coder at all
        coding: Iterator[CodedArticle] = iter(())
        if first is not None:
            from tacitus.engines import code

            store.stamp = coder_stamp(options)  # the coding these articles get, for recode
            coding = code(itertools.chain([first], todo), options, processes=processes)
        try:
            for coded in coding:
                report.coded += 1
                batch.append(coded)
                if len(batch) >= size:
                    flush()
                elif progress is not None:
                    report.seconds = time.perf_counter() - started
                    progress(report)
        except BaseException as exc:
            report.errors += 1
            if batch and not isinstance(exc, StoreError):
                with contextlib.suppress(TacitusError):
                    flush()  # what was coded before the failure is good: keep it
            raise
        flush()
    report.seconds = time.perf_counter() - started
    return report
