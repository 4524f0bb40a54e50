"""WARC reader: HTML responses as in CC-NEWS, other records passed over, truncation."""

from __future__ import annotations

from .pages import PARAGRAPHS, article_page, write_warc


def _pages() -> list[tuple[str, bytes, str]]:
    return [
        ("https://news.example.com/2025/09/tianjin", article_page().encode(),
         "text/html; charset=utf-8"),
        ("https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("https://other.example.net/story", article_page(title="Second story").encode(),
         "text/html"),
    ]


def test_warc_html_responses_become_articles(tmp_path, read):
    path = tmp_path / "CC-NEWS-sample.warc.gz"
    write_warc(path, _pages())
    articles, bad = read(path)
    assert bad == []
    assert [a.url for a in articles] == [
        "https://news.example.com/2025/09/tianjin", "https://other.example.net/story"]
    first = articles[0]
    assert len(first.id) == 36 and first.id.count("-") == 4  # the record's uuid
    assert first.published == "2025-09-01"  # page date wins over WARC-Date
    assert PARAGRAPHS[1] in first.text
    assert articles[1].title == "Second story"


def test_warc_uncompressed_and_date_fallback(tmp_path, read):
    page = article_page().replace('<meta property="article:published_time" '
                                  'content="2025-09-01T09:00:00Z">', "")
    path = tmp_path / "plain.warc"
    write_warc(path, [("https://news.example.com/x", page.encode(), "text/html")], gz=False)
    articles, bad = read(path)
    assert bad == [] and articles[0].published == "2025-09-04"  # WARC-Date


def test_warc_truncated_gzip_keeps_good_records(tmp_path, read):
    path = tmp_path / "cut.warc.gz"
    data = write_warc(path, _pages())
    path.write_bytes(data[: len(data) - 300])
    articles, bad = read(path)
    assert [a.url for a in articles] == ["https://news.example.com/2025/09/tianjin"]
    assert bad and all("truncated" in b.reason for b in bad)


def test_warc_truncated_plain_record_is_reported_not_read(tmp_path, read):
    path = tmp_path / "cut.warc"
    data = write_warc(path, _pages(), gz=False)
    path.write_bytes(data[: len(data) - 300])
    articles, bad = read(path)
    assert [a.url for a in articles] == ["https://news.example.com/2025/09/tianjin"]
    assert len(bad) == 1 and "truncated record (296 bytes missing)" in bad[0].reason
