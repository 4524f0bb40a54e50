"""JSON Lines articles: one JSON object a line with `id` and `text` (DESIGN.md contract).

In: an iterable of raw byte lines (a file, a gzip stream or stdin) and the file's name.
Out: one `Article` per good line; `title`, `url`, `source`, `published` (or `date`) are read
when present and every other key is ignored, so gold files are read as they are. A line that
is not JSON, not an object, or lacks `id`/`text` is reported with its line number. A `.json`
file holding one array of such objects is read too (entries numbered from 1).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from tacitus.model import Article
from tacitus.sources.common import ReadContext, decode_bytes

_FIELDS = ("title", "url", "source")


def article_from_record(record: Any) -> tuple[Article | None, str]:
    """A decoded JSON value -> (Article, "") or (None, why it is not an article)."""
    if not isinstance(record, dict):
        return None, f"expected a JSON object, got {type(record).__name__}"
    missing = [key for key in ("id", "text") if record.get(key) in (None, "")]
    if missing:
        return None, f"missing {' and '.join(missing)}"
    if not isinstance(record["text"], str):
        return None, "text is not a string"
    if isinstance(record["id"], dict | list | bool):
        return None, "id is not a string or number"
    values = {}
    for key in _FIELDS:
        value = record.get(key)
        values[key] = str(value) if isinstance(value, str | int | float) and value != "" else None
    published = record.get("published") or record.get("date")
    return (
        Article(
            id=str(record["id"]),
            text=record["text"],
            published=str(published) if isinstance(published, str | int) else None,
            **values,
        ),
        "",
    )


def read_jsonl(lines: Iterable[bytes], *, path: str, ctx: ReadContext) -> Iterator[Article]:
    """Yield an article per good line of `lines`; report the others by line number."""
    number = 0
    records = 0
    try:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            records += 1
            text, _ = decode_bytes(raw)
            try:
                record = json.loads(text)
            except (ValueError, RecursionError) as exc:
                ctx.bad(path, f"line {number}", f"malformed JSON ({_short(exc)})")
                continue
            article, why = article_from_record(record)
            if article is None:
                ctx.bad(path, f"line {number}", why)
                continue
            finished = ctx.finish(article, path, f"line {number}")
            if finished is not None:
                yield finished
    except (OSError, EOFError, zlib.error) as exc:
        ctx.bad(path, f"after line {number}", f"unreadable ({_short(exc)})")
        return
    if not records:
        ctx.bad(path, "", "no records")


def read_json(data: bytes, *, path: str, ctx: ReadContext) -> Iterator[Article]:
    """A `.json` file: an array of article objects, one object, or JSON Lines after all."""
    text, _ = decode_bytes(data)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        yield from read_jsonl(data.splitlines(), path=path, ctx=ctx)
        return
    records = value if isinstance(value, list) else [value]
    for index, record in enumerate(records, start=1):
        article, why = article_from_record(record)
        if article is None:
            ctx.bad(path, f"entry {index}", why)
            continue
        finished = ctx.finish(article, path, f"entry {index}")
        if finished is not None:
            yield finished


def _short(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:120]
