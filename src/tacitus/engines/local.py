"""Code articles in worker processes on this machine, streaming and in input order.

Input is any iterable of Article; output the CodedArticles in the same order. A feeder thread
sends chunks to `workers` spawned processes (each loads its own pipeline once); at most
2 x workers chunks are in flight, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import queue
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from tacitus.config import Options
from tacitus.errors import TacitusError
from tacitus.model import Article, CodedArticle
from tacitus.pipeline import Coder

STOP = None


def _worker(options: Options, inbox: Any, outbox: Any) -> None:
    """Worker process: build a Coder, then code chunks until told to stop."""
    try:
        coder = Coder(options)
    except Exception as exc:  # report, then drain so the parent does not hang
        outbox.put((-1, f"worker could not start: {exc}"))
        return
    parent = mp.parent_process()
    while True:
        try:
            item = inbox.get(timeout=2)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return  # the parent was killed: do not linger
            continue
        if item is STOP:
            return
        number, chunk = item
        try:
            outbox.put((number, list(coder.code(chunk))))
        except Exception:
            outbox.put((number, traceback.format_exc()))


def _feed(
    articles: Iterable[Article], inbox: Any, size: int, workers: int, counter: list[int]
) -> None:
    iterator = iter(articles)
    for number in itertools.count():
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            break
        inbox.put((number, chunk))
        counter[0] = number + 1
    counter[1] = 1
    for _ in range(workers):
        inbox.put(STOP)


def code_in_processes(
    articles: Iterable[Article],
    options: Options,
    workers: int,
    work: Callable[[Options, Any, Any], None] = _worker,
) -> Iterator[CodedArticle]:
    """Code `articles` with `workers` processes; yields in input order. `work` is what each
    process runs (a module-level function: it reads (number, chunk) from its inbox until
    None and puts (number, [CodedArticle]) or (number, error text) in its outbox). A worker
    that dies makes this raise TacitusError("worker_failed") instead of waiting for it."""
    context = mp.get_context("spawn")
    inbox = context.Queue(maxsize=2 * workers)
    outbox = context.Queue()
    processes = [
        context.Process(target=work, args=(options, inbox, outbox), daemon=True)
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    counter = [0, 0]  # chunks sent, feeding finished
    feeder = threading.Thread(
        target=_feed, args=(articles, inbox, options.run.chunk_size, workers, counter), daemon=True
    )
    feeder.start()
    pending: dict[int, list[CodedArticle]] = {}
    next_number = 0
    try:
        while True:
            if counter[1] and next_number >= counter[0]:
                break
            try:
                number, result = outbox.get(timeout=0.5)
            except queue.Empty:
                died = next((p.exitcode for p in processes if p.exitcode not in (None, 0)), None)
                if died is not None:
                    message = f"a worker process died (exit code {died})"
                    raise TacitusError("worker_failed", message=message) from None
                if not any(p.is_alive() for p in processes):
                    raise TacitusError("worker_failed", message="workers exited early") from None
                continue
            if isinstance(result, str):
                raise TacitusError("worker_failed", message=result)
            pending[number] = result
            while next_number in pending:
                yield from pending.pop(next_number)
                next_number += 1
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
