"""Property: no reader raises on arbitrary bytes; each either yields articles or reports."""

from __future__ import annotations

import gzip
import io

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
