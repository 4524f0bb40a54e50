"""What every reader shares: bad-record reports, decoding, HTML stripping, caps, language.

A reader gets a `ReadContext` and calls `ctx.bad(...)` for every record it cannot read and
`ctx.finish(article, ...)` on every article it built; `finish` returns the article to yield
(text normalised, capped, dated) or None when it was skipped (empty text, another language).
"""

from __future__ import annotations

import codecs
import email.utils
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Literal

from tacitus.config import SourceOptions
from tacitus.model import Article, parse_date

DEFAULT_MAX_CHARS = 0  # no limit: long texts are coded in windows
# Raw bytes of one HTML page / feed given to a parser; larger documents are cut first.
MAX_MARKUP_BYTES = 8_000_000
# Characters of an article given to the language detector.
DETECT_CHARS = 2_000
# A detected language other than the wanted ones must be at least this sure to skip.
DETECT_CONFIDENCE = 0.8

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_OK = frozenset("\t\n\r\f\v")


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record a reader could not turn into an article, one it skipped on purpose, or one
    it read with a warning.

    `location` says where in `path`: "line 12", "byte 4096", "entry 3", or "" for the whole
    file. `kind` is "bad" for unreadable input, "skipped" for readable input left out on
    purpose (another language) and "warning" for a record that is read and coded but lost
    something on the way (a `published` value that is no date); `reason` is a short phrase.
    """

    path: str
    location: str
    reason: str
    kind: Literal["bad", "skipped", "warning"] = "bad"

    def __str__(self) -> str:
        where = f"{self.path}, {self.location}" if self.location else self.path
        return f"{where}: {self.reason}"


def decode_bytes(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding used): BOM first, then a declared charset, UTF-8, cp1252.

    Never raises: cp1252's five undefined bytes fall back to latin-1.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    if hint:
        try:
            return data.decode(hint), hint.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_utf16(data):
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be",
                           errors="replace"), "utf-16"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: about half the bytes of the head are NUL, all at one parity."""
    head = data[:4096]
    if len(head) < 4:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half


def binary_reason(text: str) -> str | None:
    """Why a decoded text is not prose (NUL bytes, control characters, replacement chars)."""
    head = text[:20_000]
    if not head:
        return None
    if "\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(
        1 for ch in head if ch not in _CONTROL_OK and unicodedata.category(ch) in ("Cc", "Cs")
    )
    replaced = head.count("\ufffd")
    if controls > 0.05 * len(head):
        return "binary data (control characters)"
    if replaced > 0.05 * len(head):
        return "undecodable text (replacement characters)"
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(article: Article, text: str) -> str:
    """`text` and the article's other strings with unpaired surrogates (JSON escapes such as
    "\\ud800", which no UTF-8 output can hold) replaced by U+FFFD; the text's are noted."""
    found = len(_SURROGATE.findall(text))
    if found:
        article.notes.append(f"{found} unpaired surrogate escape(s) replaced by U+FFFD")
        text = _SURROGATE.sub("\ufffd", text)
    for name in ("id", "title", "url", "source", "published"):
        value = getattr(article, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            setattr(article, name, _SURROGATE.sub("\ufffd", value))
    return text


def normalise_text(text: str) -> str:
    """Line endings to \\n, BOM and NUL removed, outer whitespace stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return text.replace("\x00", "").strip()


class _Stripper(HTMLParser):
    """Text of an HTML fragment, a newline at block elements, script/style dropped."""

    _BLOCK = frozenset((
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "tr", "table", "section", "article", "pre", "hr",
    ))
    _SKIP = frozenset(("script", "style", "noscript", "template"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def strip_html(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries): paragraphs kept as blank lines."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    stripper = _Stripper()
    try:
        stripper.feed(fragment)
        stripper.close()
    except (ValueError, AssertionError):  # pragma: no cover - html.parser is lenient
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    text = "".join(stripper.parts)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def text_id(*parts: str | None) -> str:
    """A short stable id from some strings (URL, title): the first 16 hex of their SHA-1."""
    joined = "\x1f".join(p or "" for p in parts)
    return hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def iso_date(value: Any) -> str | None:
    """A date-ish value (ISO 8601 date or datetime, or an RFC 2822 date as in e-mail and RSS
    headers) -> 'YYYY-MM-DD', or None when it is not a date."""
    if value is None or value == "":
        return None
    try:
        parsed = parse_date(value)
    except (ValueError, TypeError):
        try:
            parsed = email.utils.parsedate_to_datetime(str(value).strip()).date()
        except (ValueError, TypeError, IndexError):
            return None
    return parsed.isoformat() if parsed else None


class LanguageFilter:
    """Detects an article's language with py3langid (model loaded on first use)."""

    def __init__(self, languages: tuple[str, ...], min_chars: int) -> None:
        self.languages = frozenset(lang.lower() for lang in languages if lang and lang != "*")
        self.min_chars = min_chars
        self._identifier: Any = None

    def unwanted(self, text: str) -> str | None:
        """The detected language code when it is confidently not a wanted one, else None."""
        if not self.languages or len(text) < self.min_chars:
            return None
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        lang, prob = self._identifier.classify(text[:DETECT_CHARS])
        if lang in self.languages or prob < DETECT_CONFIDENCE:
            return None
        return str(lang)


@dataclass
class ReadContext:
    """Settings and callbacks one `read_articles` call hands to every reader."""

    options: SourceOptions = field(default_factory=SourceOptions)
    default_date: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    on_bad: Callable[[BadRecord], None] | None = None
    languages: LanguageFilter | None = None

    def __post_init__(self) -> None:
        if self.languages is None:
            self.languages = LanguageFilter(self.options.languages, self.options.min_detect_chars)

    def bad(self, path: str, location: str, reason: str, kind: str = "bad") -> None:
        """Report one bad (or skipped, or warned-about) record; never raises."""
        if self.on_bad is not None:
            label: Literal["bad", "skipped", "warning"] = (
                kind if kind in ("skipped", "warning") else "bad"  # type: ignore[assignment]
            )
            self.on_bad(BadRecord(path, location, reason, label))

    def finish(self, article: Article, path: str, location: str = "") -> Article | None:
        """Normalise, cap and date `article`; None (reported) when it is empty or unwanted."""
        text = normalise_text(article.text)
        if not text:
            self.bad(path, location, "no text")
            return None
        reason = binary_reason(text)
        if reason:
            self.bad(path, location, reason)
            return None
        text = _without_surrogates(article, text)
        article.text = text
        if article.cut(self.max_chars):  # a limit the user set: say so on screen too
            self.bad(path, location, article.notes[-1], kind="warning")
        text = article.text
        assert self.languages is not None
        sample = f"{article.title}\n{text}" if article.title else text
        lang = self.languages.unwanted(sample)
        if lang:
            self.bad(path, location, f"language: {lang}", kind="skipped")
            return None
        if article.published:
            self._check_published(article, path, location)
        if not article.published and self.default_date:
            article.published = self.default_date
        return article

    def _check_published(self, article: Article, path: str, location: str) -> None:
        """Keep an ISO `published`, rewrite an RFC 2822 one as ISO, and warn about (and note
        on the article) one that is no date: the article is still coded, undated or dated by
        the default date."""
        raw = str(article.published).strip()
        day = iso_date(raw)
        if day is None:
            fallback = f"dated {self.default_date} (--date)" if self.default_date else "undated"
            why = f"published {raw!r} is not a date; coded {fallback}"
            article.notes.append(why)
            self.bad(path, location, why, kind="warning")
            article.published = None
            return
        try:
            parse_date(raw)
        except ValueError:
            raw = day
        article.published = raw
