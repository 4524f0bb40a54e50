"""Readers: files, folders, globs and stdin in, `Article` records out.

`read_articles(inputs)` resolves every input first (a missing path or a glob matching nothing
raises `InputError` before anything is read), then yields articles file by file, in order.
Every record it cannot read, and every article it skips on purpose (another language), is
reported to `on_bad` as a `BadRecord`; nothing in the input stops the run.

Formats, one module each: text.py (.txt), jsonl.py (.jsonl/.ndjson/.json), html.py
(.html/.htm), feeds.py (RSS/Atom), warc.py (.warc/.warc.gz). Gzip-compressed files (`.gz`)
are read by their inner suffix; files with another suffix are sniffed by content.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from tacitus.config import SourceOptions
from tacitus.errors import InputError
from tacitus.model import Article
from tacitus.sources.common import DEFAULT_MAX_CHARS, BadRecord, ReadContext

__all__ = ["FORMATS", "BadRecord", "detect_format", "read_articles", "resolve_inputs"]

# Suffix (lower case, without .gz) -> format name.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".arc": "warc",
}
_GZIP_MAGIC = b"\x1f\x8b"
# Largest whole document (text, HTML page, feed, JSON array) read into memory, in bytes.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024


def _suffix(path: Path) -> tuple[str, bool]:
    """('.jsonl', True) for 'x.jsonl.gz'; ('.txt', False) for 'x.txt'."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def _stem(path: Path) -> str:
    name = path.name
    suffix, gz = _suffix(path)
    if gz:
        name = name[:-3]
    return name[: -len(suffix)] if suffix and name.lower().endswith(suffix) else name


def is_supported(path: Path) -> bool:
    """True when a folder walk should read `path` (a known suffix, not hidden)."""
    return not path.name.startswith(".") and _suffix(path)[0] in FORMATS


def detect_format(head: bytes) -> str:
    """Sniff a format name from a document's first bytes (already gunzipped)."""
    if head.startswith(b"WARC/"):
        return "warc"
    from tacitus.sources.common import decode_bytes

    text = decode_bytes(head[:4096])[0].lstrip("\ufeff \t\r\n").lower()
    if text.startswith("{"):
        return "jsonl"
    if text.startswith("["):
        return "json"
    if text.startswith("<"):
        sample = text[:2048]
        if "<rss" in sample or "<feed" in sample or "<rdf:rdf" in sample:
            return "feed"
        return "html"
    return "text"


def _walk(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and is_supported(p))


def resolve_inputs(inputs: Sequence[str | os.PathLike[str]]) -> list[str | Path]:
    """Inputs -> the files to read, in order: folders walked (sorted), globs expanded, "-" kept.

    Raises InputError for a path that does not exist or a glob that matches nothing.
    """
    resolved: list[str | Path] = []
    for raw in inputs:
        name = os.fspath(raw)
        if name == "-":
            resolved.append("-")
            continue
        path = Path(name)
        if path.is_dir():
            resolved.extend(_walk(path))
        elif path.is_file():
            resolved.append(path)
        elif glob.has_magic(name):
            matches = sorted(Path(m) for m in glob.glob(name, recursive=True))
            files: list[Path] = []
            for match in matches:
                if match.is_dir():
                    files.extend(_walk(match))
                elif match.is_file():
                    files.append(match)
            if not files:
                raise InputError("input_missing", path=name)
            resolved.extend(files)
        else:
            raise InputError("input_missing", path=name)
    return resolved


def read_articles(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    default_date: str | None = None,
    options: SourceOptions | None = None,
    on_bad: Callable[[BadRecord], None] | None = None,
    stdin: TextIO | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article]:
    """Articles from files, folders, globs or "-" (stdin), in input order, streaming.

    `default_date` dates articles that carry none; `options` choose the languages kept;
    `max_chars` caps an article's text (0: no cap; a cut is noted on the article and reported
    to `on_bad` as a warning); bad and skipped records go to `on_bad`. Raises InputError at
    once for a missing input.
    """
    files = resolve_inputs(inputs)
    ctx = ReadContext(
        options=options or SourceOptions(),
        default_date=default_date or None,
        max_chars=max_chars,
        on_bad=on_bad,
    )
    return _read_all(files, ctx, stdin)


def _read_all(files: list[str | Path], ctx: ReadContext, stdin: TextIO | None) -> Iterator[Article]:
    for item in files:
        if item == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, ctx)
        else:
            assert isinstance(item, Path)
            yield from read_file(item, ctx)


def read_file(path: Path, ctx: ReadContext) -> Iterator[Article]:
    """The articles of one file, by suffix (or by content when the suffix is unknown)."""
    name = str(path)
    suffix, gz = _suffix(path)
    fmt = FORMATS.get(suffix)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        ctx.bad(name, "", f"cannot open ({exc.strerror or exc})")
        return
    if not head:
        ctx.bad(name, "", "empty file")
        return
    if fmt == "warc" or (fmt is None and _sniff_warc(path)):
        from tacitus.sources.warc import read_warc

        yield from read_warc(path, ctx=ctx)
        return
    gz = gz or head.startswith(_GZIP_MAGIC)
    if fmt == "jsonl":
        yield from _read_jsonl_file(path, gz, ctx)
        return
    data = _read_document(path, gz, ctx)
    if data is None:
        return
    if fmt is None:
        fmt = detect_format(data[:4096])
    yield from read_bytes(data, fmt=fmt, path=name, article_id=_stem(path), ctx=ctx)


def read_bytes(
    data: bytes, *, fmt: str, path: str, article_id: str, ctx: ReadContext
) -> Iterator[Article]:
    """The articles of one whole document already in memory, given its format name."""
    if fmt == "jsonl":
        from tacitus.sources.jsonl import read_jsonl

        yield from read_jsonl(_utf8_lines(data), path=path, ctx=ctx)
    elif fmt == "json":
        from tacitus.sources.jsonl import read_json

        yield from read_json(data, path=path, ctx=ctx)
    elif fmt == "html":
        from tacitus.sources.html import read_html

        yield from read_html(data, path=path, article_id=article_id, ctx=ctx)
    elif fmt == "feed":
        from tacitus.sources.feeds import read_feed

        yield from read_feed(data, path=path, ctx=ctx)
    elif fmt == "warc":
        from tacitus.sources.warc import read_warc_stream

        yield from read_warc_stream(io.BytesIO(data), path=path, ctx=ctx)
    else:
        from tacitus.sources.text import read_text

        yield from read_text(data, path=path, article_id=article_id, ctx=ctx)


def _sniff_warc(path: Path) -> bool:
    try:
        with open(path, "rb") as raw:
            head = raw.read(64)
            if head.startswith(_GZIP_MAGIC):
                raw.seek(0)
                with gzip.GzipFile(fileobj=raw) as unzipped:
                    head = unzipped.read(8)
    except (OSError, EOFError, zlib.error):
        return False
    return head.startswith(b"WARC/")


def _read_document(path: Path, gz: bool, ctx: ReadContext) -> bytes | None:
    """A whole (gunzipped) file, or None after reporting why it cannot be read."""
    name = str(path)
    try:
        if gz:
            with gzip.open(path, "rb") as handle:
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_DOCUMENT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        ctx.bad(name, "", f"unreadable ({_why(exc)})")
        return None
    if len(data) > MAX_DOCUMENT_BYTES:
        ctx.bad(name, "", f"larger than {MAX_DOCUMENT_BYTES} bytes; not read")
        return None
    return data


def _read_jsonl_file(path: Path, gz: bool, ctx: ReadContext) -> Iterator[Article]:
    from tacitus.sources.jsonl import read_jsonl

    name = str(path)
    with open(path, "rb") as probe:
        bom = probe.read(4)
    if bom.startswith((b"\xff\xfe", b"\xfe\xff")) and not gz:
        data = _read_document(path, gz, ctx)
        if data is not None:
            yield from read_jsonl(_utf8_lines(data), path=name, ctx=ctx)
        return
    try:
        handle = gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        ctx.bad(name, "", f"cannot open ({_why(exc)})")
        return
    with handle:
        yield from read_jsonl(handle, path=name, ctx=ctx)


def _utf8_lines(data: bytes) -> Iterable[bytes]:
    """Byte lines of a document, re-encoded as UTF-8 first when it is UTF-16/32 (BOM)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        from tacitus.sources.common import decode_bytes

        data = decode_bytes(data)[0].encode("utf-8", "replace")
    return data.splitlines()


def _read_stdin(stream: TextIO, ctx: ReadContext) -> Iterator[Article]:
    """Standard input: JSON Lines when its first non-blank line is a JSON object, else one
    document sniffed like a file (plain text, HTML or a feed) with id "stdin"."""
    buffer = getattr(stream, "buffer", None)
    first = b""
    if buffer is not None:
        lines: Iterator[bytes] = iter(buffer)
        for line in lines:
            first = line
            if line.strip():
                break
    else:
        lines = (line.encode("utf-8", "surrogateescape") for line in stream)
        for line in lines:
            first = line
            if line.strip():
                break
    if not first.strip():
        ctx.bad("<stdin>", "", "empty input")
        return
    if detect_format(first) == "jsonl":
        from tacitus.sources.jsonl import read_jsonl

        yield from read_jsonl(_chain(first, lines), path="<stdin>", ctx=ctx)
        return
    data = first + b"".join(lines)
    yield from read_bytes(data, fmt=detect_format(data[:4096]), path="<stdin>",
                          article_id="stdin", ctx=ctx)


def _chain(first: bytes, rest: Iterable[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _why(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:120]
