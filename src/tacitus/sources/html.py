"""HTML pages: main text and title by trafilatura, publication date by htmldate.

In: the raw bytes of one page (a `.html` file, a WARC response body), optionally its URL,
a date and an outlet name known from elsewhere. Out: one `Article` with the page's main text
(navigation, ads, comments and other boilerplate dropped), or nothing, reported, when the page
has no main text. The date is htmldate's "original" publication date without its extensive
(guessing) search: no date is better than a wrong one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from tacitus.model import Article
from tacitus.sources.common import (
    MAX_MARKUP_BYTES,
    ReadContext,
    binary_reason,
    decode_bytes,
    strip_html,
)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
# Fewer words than this in a page's main text is navigation residue, not an article.
MIN_WORDS = 8
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Page bytes -> text: BOM, then the given or <meta> charset, then UTF-8, then cp1252."""
    if charset is None:
        match = _CHARSET.search(data[:4096])
        charset = match.group(1).decode("ascii", "replace") if match else None
    return decode_bytes(data, charset)[0]


def extract_page(markup: str, url: str | None = None) -> dict[str, Any] | None:
    """Main text, title, date and site name of a page; None when it has no main text."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except (ValueError, TypeError, AttributeError, LookupError, RecursionError):
        doc = None
    if doc is None or len((getattr(doc, "text", None) or "").split()) < MIN_WORDS:
        return None
    title = doc.title
    if not title:
        match = _TITLE.search(markup[:200_000])
        title = strip_html(match.group(1)) if match else None
    return {"text": doc.text, "title": title or None, "date": doc.date or None,
            "source": doc.sitename or None}


def read_html(
    data: bytes,
    *,
    path: str,
    article_id: str,
    ctx: ReadContext,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    charset: str | None = None,
    location: str = "",
) -> Iterator[Article]:
    """Yield the one article of an HTML page, or report why there is none."""
    if not data.strip():
        ctx.bad(path, location, "empty page")
        return
    notes = []
    if len(data) > MAX_MARKUP_BYTES:
        notes.append(f"page cut at {MAX_MARKUP_BYTES} of {len(data)} bytes before extraction")
        data = data[:MAX_MARKUP_BYTES]
    markup = decode_html(data, charset)
    reason = binary_reason(markup)
    if reason:
        ctx.bad(path, location, reason)
        return
    page = extract_page(markup, url)
    if page is None:
        ctx.bad(path, location, "no main text in the page")
        return
    article = Article(
        id=article_id,
        text=page["text"],
        title=page["title"],
        url=url,
        source=source or page["source"] or _host(url),
        published=page["date"] or published,
        notes=notes,
    )
    finished = ctx.finish(article, path, location)
    if finished is not None:
        yield finished


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
