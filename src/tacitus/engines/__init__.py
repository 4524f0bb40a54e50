"""Where the coder runs: in this process, or `local` (worker processes on this machine).

`code(articles, options, processes=None) -> Iterator[CodedArticle]` is the one function
everything calls (also as `tacitus.code`): streaming, in input order. It picks this process
(`tacitus.pipeline.Coder`) or `tacitus.engines.local` by `options.run.processes`; the
engines import the pipeline layer, never the other way round.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator

from tacitus.config import Options, load_options
from tacitus.engines.local import code_in_processes
from tacitus.model import Article, CodedArticle
from tacitus.pipeline import Coder

__all__ = ["code"]


def code(
    articles: Iterable[Article], options: Options | None = None, *, processes: int | None = None
) -> Iterator[CodedArticle]:
    """Code articles, streaming, in input order; `processes` 0 = one per core, 1 = here."""
    options = options or load_options()
    wanted = options.run.processes if processes is None else processes
    workers = wanted if wanted > 0 else (os.cpu_count() or 1)
    iterator = iter(articles)
    head = list(itertools.islice(iterator, options.run.chunk_size))
    if workers <= 1 or len(head) < options.run.chunk_size:
        yield from Coder(options).code(itertools.chain(head, iterator))
        return
    yield from code_in_processes(itertools.chain(head, iterator), options, workers)
