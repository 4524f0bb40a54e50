"""WARC archives (.warc, .warc.gz), as Common Crawl's CC-NEWS: HTML responses -> articles.

In: a WARC file or stream. Out: an `Article` per HTTP response (or resource) record whose
content type is HTML, through the HTML reader; id = the WARC-Record-ID (its uuid), url = the
WARC-Target-URI, date = the page's date by htmldate, else the WARC-Date. Other records
(requests, metadata, non-HTML responses) are passed over silently; a truncated or corrupt
archive is reported at the byte offset where reading stopped, after the good records.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from tacitus.model import Article
from tacitus.sources.common import MAX_MARKUP_BYTES, ReadContext, iso_date, text_id
from tacitus.sources.html import read_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, *, ctx: ReadContext) -> Iterator[Article]:
    """Yield the articles of the WARC file at `path`."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, generator-safe
    except OSError as exc:
        ctx.bad(str(path), "", f"cannot open ({exc.strerror or exc})")
        return
    with handle:
        yield from read_warc_stream(handle, path=str(path), ctx=ctx)


def _record_id(raw: str | None, uri: str | None) -> str:
    if raw:
        value = raw.strip().strip("<>")
        return value.removeprefix("urn:uuid:")
    return text_id(uri)


def read_warc_stream(stream: IO[bytes], *, path: str, ctx: ReadContext) -> Iterator[Article]:
    """Yield the articles of a WARC stream (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offset = 0
    seen_any = False
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        for record in records:
            seen_any = True
            offset = records.get_record_offset()
            if record.rec_type not in ("response", "resource"):
                continue
            headers = record.http_headers
            content_type = (
                headers.get_header("Content-Type") if headers is not None
                else record.rec_headers.get_header("Content-Type")
            ) or ""
            if not content_type.lower().startswith(_HTML_TYPES):
                continue
            if headers is not None and not headers.get_statuscode().startswith("2"):
                continue
            charset = None
            if "charset=" in content_type.lower():
                charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(' "\'')
            uri = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read(MAX_MARKUP_BYTES + 1)
            yield from read_html(
                body,
                path=path,
                article_id=_record_id(record.rec_headers.get_header("WARC-Record-ID"), uri),
                ctx=ctx,
                url=uri,
                published=iso_date(record.rec_headers.get_header("WARC-Date")),
                charset=charset or None,
                location=f"byte {offset}",
            )
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, IndexError) as exc:
        where = f"byte {offset}" if seen_any else ""
        ctx.bad(path, where, f"corrupt or truncated WARC ({_why(exc)})")


def _why(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:120]
