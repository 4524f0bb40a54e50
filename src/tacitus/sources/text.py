"""Plain-text articles: one file (or stdin) is one article.

In: the raw bytes of a `.txt` file and its name. Out: one `Article` whose id is the file stem,
whose date is the `default_date` given to `read_articles` (never the file's mtime: no date is
better than a wrong one), or nothing when the file is empty, binary or another language.
"""

from __future__ import annotations

from collections.abc import Iterator

from tacitus.model import Article
from tacitus.sources.common import ReadContext, binary_reason, decode_bytes


def read_text(data: bytes, *, path: str, article_id: str, ctx: ReadContext) -> Iterator[Article]:
    """Yield the one article in `data` (decoded by BOM, UTF-8, then cp1252)."""
    if not data.strip():
        ctx.bad(path, "", "empty file")
        return
    text, encoding = decode_bytes(data)
    reason = binary_reason(text)
    if reason:
        ctx.bad(path, "", reason)
        return
    article = Article(id=article_id, text=text)
    if encoding not in ("utf-8", "utf-8-sig"):
        article.notes.append(f"decoded as {encoding}")
    finished = ctx.finish(article, path)
    if finished is not None:
        yield finished
