"""Event days read from the clause against the article's date (team-written sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.nlp.dates import DateResolver


@pytest.fixture(scope="module")
def resolver():
    return DateResolver()


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("Tuesday", False, "2025-08-19"),  # 2025-08-20 is a Wednesday
        ("yesterday", False, "2025-08-19"),
        ("March 3", False, "2025-03-03"),
        ("Friday", True, "2025-08-22"),
        ("last year", False, None),
        ("2019", False, None),
    ],
)
def test_dates_day_relative_to_article(resolver, text, future, expected):
    found = resolver.day(text, dt.date(2025, 8, 20), future)
    assert (found.isoformat() if found else None) == expected


def test_dates_event_on_a_weekday(code_text):
    coded = code_text("Egypt held talks with Jordan on Sunday.", "2025-08-20")
    assert coded.events[0].date == "2025-08-17"


def test_dates_event_without_day_takes_article_date(code_text):
    coded = code_text("Egypt held talks with Jordan.", "2025-08-20")
    assert coded.events[0].date == "2025-08-20"


def test_dates_intended_event_looks_forward(code_text):
    coded = code_text("Egypt will hold talks with Jordan on Sunday.", "2025-08-20")
    assert coded.events[0].date == "2025-08-24"
