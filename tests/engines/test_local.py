"""The local process engine: input order kept whatever order chunks finish in, and a worker
that dies (or fails) is an error, never a hang. Workers here are small module-level functions
(spawned processes import this module), so no spaCy pipeline is loaded."""

from __future__ import annotations

import os
import time

import pytest

from tacitus.config import load_options
from tacitus.engines.local import code_in_processes
from tacitus.errors import TacitusError
from tacitus.model import Article, CodedArticle


def echo_worker(options, inbox, outbox):
    """Returns each article uncoded; even chunks take longer, so chunks finish out of order."""
    while True:
        item = inbox.get()
        if item is None:
            return
        number, chunk = item
        if number % 2 == 0:
            time.sleep(0.3)
        outbox.put((number, [CodedArticle(article=a) for a in chunk]))


def dying_worker(options, inbox, outbox):
    """Dies without a word on its second chunk (as a process killed by the system would)."""
    inbox.get()
    inbox.get()
    os._exit(3)


def failing_worker(options, inbox, outbox):
    """Reports an error for its first chunk."""
    number, _chunk = inbox.get()
    outbox.put((number, "Traceback: the coder broke on this chunk"))


def _articles(count: int) -> list[Article]:
    return [Article(id=f"a{n}", text=f"Text number {n}.") for n in range(count)]


@pytest.fixture(scope="module")
def options():
    return load_options().with_values("run", chunk_size=3)


def test_local_keeps_input_order_when_chunks_finish_out_of_order(options):
    coded = list(code_in_processes(_articles(20), options, 2, work=echo_worker))
    assert [c.article.id for c in coded] == [f"a{n}" for n in range(20)]


@pytest.mark.timeout(120)
def test_local_worker_that_dies_is_an_error_not_a_hang(options):
    with pytest.raises(TacitusError, match="died"):
        list(code_in_processes(_articles(60), options, 2, work=dying_worker))


@pytest.mark.timeout(120)
def test_local_worker_error_is_raised_with_its_text(options):
    with pytest.raises(TacitusError, match="coder broke"):
        list(code_in_processes(_articles(12), options, 2, work=failing_worker))
