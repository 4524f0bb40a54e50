"""WARC archives (.warc, .warc.gz), as Common Crawl's CC-NEWS: HTML responses -> articles.

In: a WARC file or stream. Out: an `Article` per HTTP response (or resource) record whose
content type is HTML, through the HTML reader; id = the WARC-Record-ID (its uuid), url = the
WARC-Target-URI, date = the page's date by htmldate, else the WARC-Date. Other records
(requests, metadata, non-HTML responses) are passed over silently; a truncated or corrupt
archive is reported at the (uncompressed) byte offset where reading stopped, after the good
records, and a record shorter than its Content-Length is reported, not read.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

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


class _Gunzip(io.RawIOBase):
    """A gunzipping reader of multi-member gzip (one member a WARC record) that stops at a
    truncated end and says so (`truncated`), where warcio's own decompression stops silently.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self.raw = raw
        self.inflater = zlib.decompressobj(wbits=31)
        self.pending = b""
        self.truncated = False
        self.started = False
        self.corrupt = ""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.pending:
            if self.inflater.eof:  # a member ended: the next one starts in its unused data
                chunk = self.inflater.unused_data
                self.inflater = zlib.decompressobj(wbits=31)
                self.started = False
            else:
                chunk = self.inflater.unconsumed_tail
            if not chunk:
                chunk = self.raw.read(1 << 16)
                if not chunk:
                    self.truncated = self.started
                    return 0
            try:
                self.pending = self.inflater.decompress(chunk, 1 << 20)
            except zlib.error as exc:
                self.corrupt = str(exc)
                return 0
            self.started = True
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def _record_id(raw: str | None, uri: str | None) -> str:
    if raw:
        value = raw.strip().strip("<>")
        return value.removeprefix("urn:uuid:")
    return text_id(uri)


def read_warc_stream(stream: IO[bytes], *, path: str, ctx: ReadContext) -> Iterator[Article]:
    """Yield the articles of a WARC stream (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator
    offset = 0
    seen_any = False
    html_records = 0
    head = stream.read(2)
    stream.seek(0)
    plain: IO[bytes] = stream
    if head == b"\x1f\x8b":
        plain = io.BufferedReader(_Gunzip(stream), 1 << 16)  # type: ignore[arg-type]
    try:
        records = ArchiveIterator(plain, arc2warc=True)
        for record in records:
            seen_any = True
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
            html_records += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read(MAX_MARKUP_BYTES + 1)
            offset = records.get_record_offset()  # only valid once the content is read
            missing = getattr(record.raw_stream, "limit", 0) if len(body) <= MAX_MARKUP_BYTES else 0
            if missing:
                ctx.bad(path, f"byte {offset}", f"truncated record ({missing} bytes missing)")
                continue
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
    except Exception as exc:  # warcio fails in many ways on bad bytes
        where = f"byte {offset}" if seen_any else ""
        ctx.bad(path, where, f"corrupt or truncated WARC ({_why(exc)})")
        return
    raw = getattr(plain, "raw", None)
    if isinstance(raw, _Gunzip) and (raw.truncated or raw.corrupt):
        why = "truncated gzip" if raw.truncated else f"corrupt gzip ({raw.corrupt})"
        ctx.bad(path, f"after byte {offset}" if seen_any else "", f"{why}; the rest is lost")
    elif not html_records:
        ctx.bad(path, "", "no HTML response records in the archive")


def _why(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:120]
