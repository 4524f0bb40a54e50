"""Event dates read from the clause against the article's date (team-written phrases and
sentences): weekdays x publication weekdays, relative and partial dates, month and year
boundaries, datelines, and phrases that cannot be placed."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest

from tacitus.nlp.dates import TimeWords, When, dateline_date, nearest, read_when

WORDS = TimeWords.load()
# Monday 2025-03-10 .. Sunday 2025-03-16: one article published on each day of the week.
WEEK = [dt.date(2025, 3, 10) + dt.timedelta(days=i) for i in range(7)]
DAYS = list(calendar.day_name)


def when(text, base, future=False):
    return read_when(text, dt.date.fromisoformat(base) if isinstance(base, str) else base,
                     future, WORDS)


@pytest.mark.parametrize("published", WEEK, ids=[d.strftime("%a") for d in WEEK])
@pytest.mark.parametrize("mentioned", range(7), ids=DAYS)
def test_dates_every_weekday_mentioned_x_every_weekday_published(published, mentioned):
    name = DAYS[mentioned]
    back = (published.weekday() - mentioned) % 7
    ahead = (mentioned - published.weekday()) % 7
    # Something that happened "on Friday": the latest Friday on or before the article's day.
    assert when(f"on {name}", published) == When(published - dt.timedelta(days=back))
    # Something planned "for Friday": the first Friday on or after it.
    assert when(f"on {name}", published, future=True) == When(
        published + dt.timedelta(days=ahead))
    # "last Friday" is strictly before, "next Friday" strictly after.
    assert when(f"last {name}", published).day == published - dt.timedelta(days=back or 7)
    assert when(f"next {name}", published).day == published + dt.timedelta(days=ahead or 7)
    assert when(f"late on {name} night", published).day == published - dt.timedelta(days=back)


def test_dates_friday_in_a_friday_paper_is_that_day_thursday_the_day_before():
    friday = dt.date(2025, 3, 14)
    assert when("Friday", friday) == When(friday)
    assert when("on Thursday", friday) == When(dt.date(2025, 3, 13))
    assert when("Saturday", friday) == When(dt.date(2025, 3, 8))


@pytest.mark.parametrize(("text", "published", "day", "precision"), [
    ("yesterday", "2025-03-12", "2025-03-11", "day"),
    ("today", "2025-03-12", "2025-03-12", "day"),
    ("last night", "2025-03-12", "2025-03-11", "day"),
    ("the day before yesterday", "2025-03-12", "2025-03-10", "day"),
    ("tomorrow", "2025-03-12", "2025-03-13", "day"),
    ("last week", "2025-03-12", "2025-03-03", "week"),
    ("earlier this week", "2025-03-12", "2025-03-10", "week"),
    ("next week", "2025-03-12", "2025-03-17", "week"),
    ("over the weekend", "2025-03-17", "2025-03-15", "week"),
    ("last weekend", "2025-03-12", "2025-03-08", "week"),
    ("earlier this month", "2025-03-12", "2025-03-01", "month"),
    ("last month", "2025-03-12", "2025-02-01", "month"),
    ("last year", "2025-03-12", "2024-01-01", "year"),
    ("earlier this year", "2025-03-12", "2025-01-01", "year"),
    ("two days ago", "2025-03-12", "2025-03-10", "day"),
    ("3 days ago", "2025-03-12", "2025-03-09", "day"),
    ("a week ago", "2025-03-12", "2025-03-03", "day"),
    ("three weeks ago", "2025-03-12", "2025-02-17", "week"),
    ("two months ago", "2025-03-12", "2025-01-01", "month"),
    ("on March 3", "2025-03-12", "2025-03-03", "day"),
    ("on 3 March", "2025-03-12", "2025-03-03", "day"),
    ("on the 3rd of March", "2025-03-12", "2025-03-03", "day"),
    ("on Sept. 30", "2025-10-02", "2025-09-30", "day"),
    ("on Monday, March 3", "2025-03-12", "2025-03-03", "day"),
    ("on March 3, 2024", "2025-03-12", "2024-03-03", "day"),
    ("2024-11-05", "2025-03-12", "2024-11-05", "day"),
    ("in March", "2025-03-12", "2025-03-01", "month"),
    ("in early May", "2025-03-12", "2024-05-01", "month"),
    ("in March 2023", "2025-03-12", "2023-03-01", "month"),
    ("in 2014", "2025-03-12", "2014-01-01", "year"),
    ("on the 3rd", "2025-03-12", "2025-03-03", "day"),
    ("on the 20th", "2025-03-12", "2025-02-20", "day"),
])
def test_dates_relative_and_partial(text, published, day, precision):
    assert when(text, published) == When(dt.date.fromisoformat(day), precision)


@pytest.mark.parametrize(("text", "published", "future", "day", "precision"), [
    ("yesterday", "2025-01-01", False, "2024-12-31", "day"),
    ("on Sunday", "2025-01-01", False, "2024-12-29", "day"),
    ("on Friday", "2025-03-03", False, "2025-02-28", "day"),
    ("on Saturday", "2024-03-01", False, "2024-02-24", "day"),
    ("last week", "2025-01-02", False, "2024-12-23", "week"),
    ("this week", "2025-01-02", False, "2024-12-30", "week"),
    ("last month", "2025-01-15", False, "2024-12-01", "month"),
    ("next month", "2025-12-15", True, "2026-01-01", "month"),
    ("earlier this month", "2025-03-01", False, "2025-03-01", "month"),
    ("on December 30", "2025-01-02", False, "2024-12-30", "day"),
    ("on January 3", "2024-12-30", True, "2025-01-03", "day"),
    ("on January 3", "2024-12-30", False, "2025-01-03", "day"),  # nearest: four days ahead
    ("on February 29", "2024-03-05", False, "2024-02-29", "day"),
    ("in December", "2025-01-10", False, "2024-12-01", "month"),
    ("in January", "2025-12-10", True, "2026-01-01", "month"),
    ("tomorrow", "2025-12-31", True, "2026-01-01", "day"),
    ("last year", "2025-01-01", False, "2024-01-01", "year"),
])
def test_dates_month_and_year_boundaries(text, published, future, day, precision):
    assert when(text, published, future) == When(dt.date.fromisoformat(day), precision)


@pytest.mark.parametrize("text", [
    "on February 30", "on February 29",  # 2025 is not a leap year
    "on April 31, 2025", "2025-13-40", "on the 45th", "in recent years", "at an hour unknown",
])
def test_dates_phrases_that_cannot_be_placed_keep_the_article_date(text):
    found = when(text, "2025-03-12")
    if text == "at an hour unknown":
        assert found is None  # names no time at all
    else:
        assert found == When(dt.date(2025, 3, 12), "week", understood=False)


@pytest.mark.parametrize("text", ["in Kharkiv", "with the United Nations", "they may meet",
                                  "a protest march"])
def test_dates_phrases_without_time_name_none(text):
    assert when(text, "2025-03-12") is None


def test_dates_nearest_month_day():
    assert nearest(3, 3, dt.date(2025, 3, 12)) == dt.date(2025, 3, 3)
    assert nearest(9, 3, dt.date(2025, 3, 12)) == dt.date(2025, 9, 3)  # 175 days ahead
    assert nearest(9, 20, dt.date(2025, 3, 12)) == dt.date(2024, 9, 20)  # 173 days back
    assert nearest(2, 29, dt.date(2025, 3, 12)) is None


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("KYIV, March 14 (Reuters) - Russian forces shelled Kharkiv on Friday.", "2025-03-17",
     "2025-03-14"),
    ("ISLAMABAD, Pakistan, Jan. 5 -- Talks began.", "2025-01-07", "2025-01-05"),
    ("WASHINGTON, Dec. 30, 2024 — The president met allies.", None, "2024-12-30"),
    ("March 3 (AFP) - Talks began.", "2025-03-04", "2025-03-03"),
    ("WASHINGTON, Dec. 30 — The president met allies.", None, None),  # no year known
    ("Russian forces shelled Kharkiv on Friday, March 14 - officials said.", "2025-03-17", None),
    ("Talks began in Cairo.", "2025-03-04", None),
])
def test_dates_dateline(text, published, expected):
    found = dateline_date(text, dt.date.fromisoformat(published) if published else None)
    assert (found.isoformat() if found else None) == expected


# Through the whole coder: the phrase hangs on the trigger, on the verb a noun trigger is
# the object of, or on the verb that reports the event.
@pytest.mark.parametrize(("text", "published", "day", "precision"), [
    ("Egypt held talks with Jordan on Sunday.", "2025-08-20", "2025-08-17", "day"),
    ("Egypt held talks with Jordan.", "2025-08-20", "2025-08-20", "day"),
    ("Egypt will hold talks with Jordan on Sunday.", "2025-08-20", "2025-08-24", "day"),
    ("Egypt held talks with Jordan on Friday.", "2025-03-14", "2025-03-14", "day"),
    ("Egypt held talks with Jordan on Thursday.", "2025-03-14", "2025-03-13", "day"),
    ("Russian forces shelled Kharkiv late on Friday.", "2025-03-15", "2025-03-14", "day"),
    ("Egypt held talks with Jordan yesterday.", "2025-01-01", "2024-12-31", "day"),
    ("Egypt held talks with Jordan last week.", "2025-01-02", "2024-12-23", "week"),
    ("Egypt held talks with Jordan earlier this month.", "2025-03-12", "2025-03-01", "month"),
    ("Egypt held talks with Jordan on March 3.", "2025-03-12", "2025-03-03", "day"),
    ("Egypt held talks with Jordan on December 30.", "2025-01-02", "2024-12-30", "day"),
    ("Egypt condemned Israel, the foreign ministry said on Tuesday.", "2025-03-14",
     "2025-03-11", "day"),
    ("Egypt held talks with Jordan on February 30.", "2025-03-12", "2025-03-12", "week"),
    ("CAIRO, March 3 (Wire) - Egypt held talks with Jordan on Monday.", "2025-03-10",
     "2025-03-03", "day"),
    ("Egypt held talks with Jordan in 5 rounds.", "2025-03-12", "2025-03-12", "day"),
])
def test_dates_events_in_coded_sentences(code_text, text, published, day, precision):
    coded = code_text(text, published)
    assert coded.events, text
    event = coded.events[0]
    assert (event.date, event.date_precision) == (day, precision), text


def test_dates_article_without_date_has_undated_events(code_text):
    coded = code_text("Egypt held talks with Jordan on Sunday.", None)
    assert coded.events and coded.events[0].date is None
