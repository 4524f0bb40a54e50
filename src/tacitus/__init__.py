"""tacitus: news text in, political event data out.

The one entry point to the coder is `tacitus.code(articles, options)`; see `tacitus.engines`.
"""

from tacitus.about import __version__
from tacitus.model import Actor, Article, CodedArticle, Event, Quote

__all__ = [
    "Actor",
    "Article",
    "CodedArticle",
    "Event",
    "Quote",
    "__version__",
    "code",
    "load_pipeline",
]


def code(articles, options=None, *, processes=None):  # type: ignore[no-untyped-def]
    """Code an iterable of `Article` into an iterator of `CodedArticle` (see tacitus.engines)."""
    from tacitus.engines import code as _code

    return _code(articles, options, processes=processes)


def load_pipeline(options=None):  # type: ignore[no-untyped-def]
    """The spaCy Language that codes articles (see tacitus.pipeline.load_pipeline)."""
    from tacitus.pipeline import load_pipeline as _load

    return _load(options)
