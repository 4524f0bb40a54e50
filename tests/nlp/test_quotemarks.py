"""Quote marks in raw text: pairing, apostrophes, nesting, paragraphs (team-written text)."""

from __future__ import annotations

import pytest

from tacitus.nlp.quotemarks import find_quoted, paragraphs, quoted_text


def _texts(text: str) -> list[str]:
    return [quoted_text(text, q) for q in find_quoted(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The envoy said "talks went well" on Monday.', ["talks went well"]),
        ("The envoy said “talks went well” on Monday.", ["talks went well"]),
        ("L’envoyé a dit « tout va bien » hier.", ["tout va bien"]),
        ("She called it ‘a farce’ and left.", ["a farce"]),
        ("She called it 'a farce' and left.", ["a farce"]),
        ("The low „quoted words“ style.", ["quoted words"]),
    ],
)
def test_quotemarks_kinds_of_marks(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ministers’ talks ended and they didn’t agree.",
        "It’s the leaders’ meeting, not the deputies’ one.",
        "Rock 'n roll and the '90s are not quotes here.",
    ],
)
def test_quotemarks_apostrophes_are_not_quotes(text):
    assert [t for t in _texts(text) if len(t) > 2] == []


def test_quotemarks_split_quote_gives_two_ranges():
    text = "“We will go,” he said, “and we will win.”"
    assert _texts(text) == ["We will go,", "and we will win."]


def test_quotemarks_nested_quote_stays_inside():
    text = "“He told me, ‘we are ready,’ and then he left,” she said."
    quotes = find_quoted(text)
    assert len(quotes) == 1
    assert quoted_text(text, quotes[0]).startswith("He told me")
    start, end = quotes[0].nested[0]
    assert text[start:end] == "we are ready,"


def test_quotemarks_nested_double_quotes():
    text = "“I would rather live in what they call “exile” than here,” she wrote."
    assert _texts(text) == ["I would rather live in what they call “exile” than here,"]


def test_quotemarks_paragraph_continuation():
    text = "“The first part of the speech.\n\n“The second part,” the minister said.\n\nNo quote."
    quotes = find_quoted(text)
    assert len(quotes) == 1
    assert len(quotes[0].parts) == 2
    assert quoted_text(text, quotes[0]) == "The first part of the speech. The second part,"
    assert quotes[0].closed


def test_quotemarks_unclosed_quote_ends_with_its_paragraph():
    text = "“An unclosed remark here.\n\nThe next paragraph has no quote."
    quotes = find_quoted(text)
    assert [quoted_text(text, q) for q in quotes] == ["An unclosed remark here."]
    assert quotes[0].closed is False


def test_quotemarks_stray_straight_mark_does_not_swallow_curly_paragraph():
    text = '"A stray opening mark.\n\n“A real quote,” she said.'
    assert "A real quote," in _texts(text)
    assert all("stray" not in t or "real" not in t for t in _texts(text))


def test_quotemarks_closing_mark_used_as_opener_at_line_start():
    text = "”A typo opens this quote.” ― Jane Roe"
    assert _texts(text) == ["A typo opens this quote."]


def test_quotemarks_paragraphs_trim_blank_lines():
    text = "  First line.  \n\n\nSecond line.\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["First line.", "Second line."]


@pytest.mark.parametrize(
    "text",
    ["Cutting aid ''will cost lives,'' the envoy said.",
     "Cutting aid ‘‘will cost lives,’’ the envoy said.",
     "Cutting aid ``will cost lives,'' the envoy said."],
)
def test_quotemarks_doubled_single_marks_are_one_mark(text):
    assert _texts(text) == ["will cost lives,"]
