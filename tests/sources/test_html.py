"""HTML reader: main text, title and date; boilerplate dropped; pages without text."""

from __future__ import annotations

import pytest

from .pages import PARAGRAPHS, article_page


def test_html_main_text_title_and_date(tmp_path, read):
    path = tmp_path / "tianjin.html"
    path.write_text(article_page(), encoding="utf-8")
    articles, bad = read(path)
    assert bad == []
    (article,) = articles
    assert article.id == "tianjin"
    assert article.title == "Leaders meet in Tianjin"
    assert article.published == "2025-09-01"
    assert article.source == "The Daily Example"
    assert PARAGRAPHS[0] in article.text and PARAGRAPHS[2] in article.text
    for boilerplate in ("cookies", "Copyright", "Sport"):
        assert boilerplate not in article.text


def test_html_cp1252_page_without_charset(tmp_path, read):
    page = article_page(title="Café talks").replace('<meta charset="utf-8">', "")
    path = tmp_path / "legacy.htm"
    path.write_bytes(page.replace("warm", "“warm”").encode("cp1252"))
    articles, bad = read(path)
    assert bad == [] and "“warm”" in articles[0].text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
        "",
    ],
)
def test_html_page_without_text_is_reported(tmp_path, read, page):
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    articles, bad = read(path)
    assert articles == []
    assert len(bad) == 1 and bad[0].reason in ("no main text in the page", "empty file")


def test_html_page_without_date_has_none(tmp_path, read):
    page = article_page().replace('<meta property="article:published_time" '
                                  'content="2025-09-01T09:00:00Z">', "")
    path = tmp_path / "undated.html"
    path.write_text(page, encoding="utf-8")
    articles, _ = read(path)
    assert articles[0].published is None
    dated, _ = read(path, default_date="2025-09-05")
    assert dated[0].published == "2025-09-05"
