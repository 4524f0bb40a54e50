"""Helpers for reader tests: run `read_articles` and collect what it reports."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tacitus.model import Article
from tacitus.sources import BadRecord, read_articles


@pytest.fixture
def read() -> Callable[..., tuple[list[Article], list[BadRecord]]]:
    """read(*inputs, **kwargs) -> (articles, bad records), fully consumed."""

    def run(*inputs: object, **kwargs: object) -> tuple[list[Article], list[BadRecord]]:
        bad: list[BadRecord] = []
        articles = list(read_articles(list(inputs), on_bad=bad.append, **kwargs))  # type: ignore[arg-type]
        return articles, bad

    return run
