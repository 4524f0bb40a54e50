"""Normalisation, folding, singulars and period dates."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.kb.text import fold, normalize, parse_period, singular_candidates, slug


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the Kremlin", "Kremlin"),
        ("The Kremlin", "Kremlin"),
        ("  the   White \n House ", "White House"),
        ("Pakistan’s", "Pakistan"),
        ("Pakistan's", "Pakistan"),
        ("Britons'", "Britons"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("theatre", "theatre"),
        ("", ""),
    ],
)
def test_text_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_text_fold_ignores_accents_and_case() -> None:
    assert fold("Erdoğan") == fold("erdogan") == "erdogan"


def test_text_slug() -> None:
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("presidents", "president"),
        ("foreign ministers", "foreign minister"),
        ("policemen", "policeman"),
        ("militias", "militia"),
        ("authorities", "authority"),
        ("women", "woman"),
        ("thieves", "thief"),
    ],
)
def test_text_singular_candidates(plural: str, singular: str) -> None:
    assert singular in singular_candidates(plural)


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2024", False, dt.date(2024, 1, 1)),
        ("2024", True, dt.date(2024, 12, 31)),
        ("2024-02", False, dt.date(2024, 2, 1)),
        ("2024-02", True, dt.date(2024, 2, 29)),
        ("2024-03-04", True, dt.date(2024, 3, 4)),
    ],
)
def test_text_parse_period(value: str, end: bool, expected: dt.date) -> None:
    assert parse_period(value, end=end) == expected


@pytest.mark.parametrize("value", ["2024-13", "2024-02-30", "24-03-04", "20240304", "March 2024"])
def test_text_parse_period_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_period(value, end=False)
