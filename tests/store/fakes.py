"""A stand-in for the coder in ingest and CLI tests: one PAK->RUS meeting per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tacitus.model import Article, CodedArticle

from .records import meeting


def fake_code(articles: Iterable[Article], options=None, *, processes=None,
              fail_after: int | None = None) -> Iterator[CodedArticle]:
    """Code each article as `meeting(...)` would, keeping the article itself."""
    for number, article in enumerate(articles):
        if fail_after is not None and number >= fail_after:
            raise RuntimeError("coder crashed")
        template = meeting(article.id, date=article.published or "2025-09-01")
        yield CodedArticle(article=article, events=template.events, quotes=template.quotes,
                           actors=template.actors, tone=0.5)
