"""RSS and Atom feeds: one article per entry (title, link, date, content or summary).

In: the raw bytes of a feed. Out: an `Article` per entry with text, its HTML stripped, from
the entry's content (or summary when it has none); id from the entry's id, else its link,
else a hash of its title. Feeds are checked before parsing: a document that declares XML
entities or references external ones (entity bombs, XXE) is refused as a whole, so the
parser never expands them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from tacitus.model import Article
from tacitus.sources.common import MAX_MARKUP_BYTES, ReadContext, strip_html, text_id

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITY_DECL16 = re.compile("<!ENTITY".encode("utf-16-le"), re.IGNORECASE)


def unsafe_reason(data: bytes) -> str | None:
    """Why a feed must not be parsed (declared or external entities), or None if it is safe."""
    if _ENTITY_DECL.search(data) or _ENTITY_DECL16.search(data) \
            or _ENTITY_DECL.search(data.replace(b"\x00", b"")):
        return "XML entity declarations refused (possible entity bomb)"
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        SafeET.fromstring(data)
    except DefusedXmlException as exc:
        return f"unsafe XML refused ({type(exc).__name__})"
    except Exception:  # malformed XML: feedparser's lenient mode reads it
        return None
    return None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return time.strftime("%Y-%m-%d", value)
            except (TypeError, ValueError):
                continue
    return None


def _entry_text(entry: Any) -> str:
    for item in entry.get("content") or []:
        value = item.get("value") if hasattr(item, "get") else None
        if value and value.strip():
            return strip_html(value)
    return strip_html(entry.get("summary") or entry.get("description") or "")


def read_feed(data: bytes, *, path: str, ctx: ReadContext) -> Iterator[Article]:
    """Yield an article per feed entry with text; report entries without and unsafe feeds."""
    if not data.strip():
        ctx.bad(path, "", "empty feed")
        return
    if len(data) > MAX_MARKUP_BYTES:
        ctx.bad(path, "", f"feed larger than {MAX_MARKUP_BYTES} bytes; not read")
        return
    reason = unsafe_reason(data)
    if reason:
        ctx.bad(path, "", reason)
        return
    import feedparser

    try:
        parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    except Exception as exc:  # feedparser can raise from deep inside sgmllib
        ctx.bad(path, "", f"not a feed ({type(exc).__name__})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        why = "no entries" if not parsed.get("bozo") else "not a feed (malformed XML, no entries)"
        ctx.bad(path, "", why)
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for index, entry in enumerate(entries, start=1):
        location = f"entry {index}"
        text = _entry_text(entry)
        if not text:
            ctx.bad(path, location, "entry has no content or summary")
            continue
        link = entry.get("link") or None
        title = strip_html(entry.get("title") or "") or None
        article = Article(
            id=str(entry.get("id") or link or text_id(path, title, text[:200])),
            text=text,
            title=title,
            url=link,
            source=outlet,
            published=_entry_date(entry),
        )
        finished = ctx.finish(article, path, location)
        if finished is not None:
            yield finished
