"""Property: no reader raises on arbitrary bytes; each either yields articles or reports."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.model import Article
from tacitus.sources import read_articles, read_bytes
from tacitus.sources.common import BadRecord, ReadContext

PREFIXES = [b"", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"<rss><channel><item>", b'{"id": "a", ',
            b"<html><body><p>", b"\xff\xfe", b"\xef\xbb\xbf", b"<?xml version='1.0'?><feed>"]
FORMATS = ["text", "jsonl", "json", "html", "feed", "warc"]

payloads = st.builds(lambda prefix, body: prefix + body, st.sampled_from(PREFIXES),
                     st.binary(max_size=2048))

# One context for all examples: the language model loads once.
CTX_BAD: list[BadRecord] = []
CTX = ReadContext(on_bad=CTX_BAD.append)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payloads)
def test_fuzz_readers_never_raise_on_random_bytes(fmt, data):
    for article in read_bytes(data, fmt=fmt, path="fuzz", article_id="fuzz", ctx=CTX):
        assert isinstance(article, Article) and article.text.strip()


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".jsonl.gz", ".html", ".rss", ".warc",
                                    ".warc.gz", ".bin"])
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=payloads, gzip_it=st.booleans())
def test_fuzz_files_never_raise(tmp_path, suffix, data, gzip_it):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(gzip.compress(data)[: max(1, len(data))] if gzip_it else data)
    bad: list[BadRecord] = []
    articles = list(read_articles([path], on_bad=bad.append, stdin=io.StringIO("")))
    assert all(a.text.strip() for a in articles)
    assert articles or bad  # nothing silently vanishes


# -- random unicode and random JSON Lines ---------------------------------------------------

# Characters that trouble text handling: controls, zero-width and bidi marks, surrogates' kin,
# combining marks, quotes, line and paragraph separators, emoji.
TROUBLE = "\x00\x01\x1b\x7f\u00a0\u00ad\u034f\u200b\u200c\u200d\u200e\u200f\u2028\u2029" \
          "\u202a\u202e\u2066\u2069\ufeff\ufffd\u0301\u05d0\u0627\u4e2d\U0001f600“”‘’\"'«»"
unicode_texts = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.sampled_from(list(TROUBLE) + list("ab .\n")), max_size=200),
)
# JSON strings may escape unpaired surrogates ("\ud800"), which no UTF-8 output can hold.
json_strings = st.text(alphabet=st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr),
                                          st.sampled_from(list(TROUBLE))), max_size=60)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=unicode_texts, encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_fuzz_readers_never_raise_on_random_unicode(fmt, text, encoding):
    data = text.encode(encoding, "surrogatepass")
    bad: list[BadRecord] = []
    ctx = ReadContext(on_bad=bad.append, languages=CTX.languages)
    articles = list(read_bytes(data, fmt=fmt, path="fuzz", article_id="fuzz", ctx=ctx))
    assert all(isinstance(a, Article) and a.text.strip() for a in articles)
    assert articles or bad  # nothing silently vanishes


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=unicode_texts)
def test_fuzz_stdin_never_raises_on_random_unicode(text):
    bad: list[BadRecord] = []
    articles = list(read_articles(["-"], on_bad=bad.append, stdin=io.StringIO(text)))
    assert all(a.text.strip() for a in articles)
    assert articles or bad


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                         json_strings)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)
dates = st.one_of(st.just("2025-09-01"), st.just("2025-99-99"), st.just("2025-09-01T25:61:00Z"),
                  st.dates().map(str), st.text(max_size=20), st.integers(), json_values)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(json_strings, st.integers(), json_values),
        "text": st.one_of(unicode_texts, st.just("Kenya praised Uganda."), json_values,
                          json_strings.map(lambda t: f"Kenya praised Uganda {t}.")),
        "published": dates,
        "title": st.one_of(json_strings, json_values),
        "url": st.one_of(json_strings, json_values),
        "source": st.one_of(json_strings, json_values),
        "extra": json_values,
    },
)
lines = st.one_of(
    records.map(lambda r: json.dumps(r, allow_nan=True)),
    records.map(lambda r: json.dumps(r, ensure_ascii=False)),
    json_values.map(json.dumps),
    st.text(max_size=60).filter(lambda t: "\n" not in t and "\r" not in t),
)


def _physical_lines(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if line.strip()]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(lines, max_size=12))
def test_fuzz_jsonl_every_record_is_read_or_reported(body):
    data = "\n".join(body).encode("utf-8", "surrogatepass")
    bad: list[BadRecord] = []
    ctx = ReadContext(on_bad=bad.append, languages=CTX.languages)
    articles = list(read_bytes(data, fmt="jsonl", path="fuzz", article_id="fuzz", ctx=ctx))
    lost = [r for r in bad if r.kind != "warning"]
    warned = [r for r in bad if r.kind == "warning"]
    records_in = len(_physical_lines(data))
    if records_in == 0:
        assert not articles and [r.reason for r in lost] == ["no records"]
        return
    # one outcome per record: an article, or one report saying which line and why
    assert len(articles) + len(lost) == records_in
    assert all(r.location.startswith("line ") for r in lost)
    assert len(warned) <= len(articles)
    for article in articles:
        assert isinstance(article.id, str) and article.text.strip()
        assert article.published is None or article.date is not None
        record = {**article.to_dict(), "text": article.text}
        json.dumps(record, ensure_ascii=False).encode("utf-8")  # every field can be written
