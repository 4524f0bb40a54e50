"""Every UN member has a head of government on every day from 1990-01-01 (or its independence)
to 2026-12-01, and so has every state that ended after 1990 until its last day.

A real period without one is a "(vacant)" row in the data (see kb/README.md, "Conventions"),
never an exception here. Countries whose 1990-onward rows have not landed yet are marked
xfail(strict=True): the mark fails as soon as the rows arrive, so it must then be removed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.kb import KnowledgeBase, Term, data_dir
from tacitus.kb.loader import read_static

FIRST = dt.date(1990, 1, 1)
THROUGH = dt.date(2026, 12, 1)
ROLE = "head_of_government"


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Regions written by engineer kbb (Asia and Oceania, Middle East and North Africa,
# sub-Saharan Africa): landed, nothing pending.
PENDING_KBB: frozenset[str] = frozenset()
def _states() -> list[tuple[str, dt.date, dt.date]]:
    """(code, first day, last day) of every UN member and every state that ended."""
    countries = read_static(data_dir()).countries.values()
    spans = []
    for c in countries:
        if c.un_member or c.until:
            first = max(FIRST, c.since or FIRST)
            last = min(THROUGH, c.until or THROUGH)
            if first <= last:
                spans.append((c.code, first, last))
    return spans


def uncovered(terms: list[Term], first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The stretches of first..last (inclusive) that no term covers."""
    gaps = []
    day = first
    for term in sorted(terms, key=lambda t: t.start or dt.date.min):
        start = term.start or dt.date.min
        end = term.end or dt.date.max
        if end < day:
            continue
        if start > last:
            break
        if start > day:
            gaps.append((day, start - dt.timedelta(days=1)))
        if end >= last:
            return gaps
        day = max(day, end + dt.timedelta(days=1))
    if day <= last:
        gaps.append((day, last))
    return gaps


def _cases() -> list[object]:
    cases: list[object] = []
    for code, first, last in _states():
        marks = []
        if code in PENDING_KBB:
            marks.append(pytest.mark.xfail(strict=True, reason="1990-onward rows not landed"))
        cases.append(pytest.param(code, first, last, marks=marks, id=code))
    return cases


@pytest.mark.parametrize(("code", "first", "last"), _cases())
def test_coverage_head_of_government_every_day(
    kb: KnowledgeBase, code: str, first: dt.date, last: dt.date
) -> None:
    gaps = uncovered(kb.terms(code, ROLE), first, last)
    shown = ", ".join(f"{a}..{b}" for a, b in gaps[:8])
    assert not gaps, f"{code}: no {ROLE} on {shown}"


def test_coverage_uncovered_finds_gaps() -> None:
    def term(start: str, end: str | None) -> Term:
        return Term(
            "XXX",
            ROLE,
            dt.date.fromisoformat(start),
            dt.date.fromisoformat(end) if end else None,
            "person:x",
            "X",
        )

    day = dt.date.fromisoformat
    terms = [term("1989-05-01", "1990-03-01"), term("1990-03-03", "1995-01-01")]
    assert uncovered(terms, day("1990-01-01"), day("1994-12-31")) == [
        (day("1990-03-02"), day("1990-03-02"))
    ]
    assert uncovered(terms, day("1990-01-01"), day("1996-01-01"))[-1] == (
        day("1995-01-02"),
        day("1996-01-01"),
    )
    assert uncovered([term("1980-01-01", None)], day("1990-01-01"), day("2026-12-01")) == []
    assert uncovered([], day("1990-01-01"), day("1990-01-02")) == [
        (day("1990-01-01"), day("1990-01-02"))
    ]


def test_coverage_pending_lists_name_real_states() -> None:
    codes = {code for code, _, _ in _states()}
    assert codes >= PENDING_KBB
