"""Query values: checked against the vocabulary, normalised, and turned back into links."""

from __future__ import annotations

import pytest

from tacitus.store.queries import EventFilter
from tacitus.web.params import BadParameter, Paging, Vocabulary, check_filter, filter_query


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary.load()


def test_params_vocabulary_has_roots_plover_and_countries(vocabulary):
    assert vocabulary.roots["04"].upper() == "CONSULT" and len(vocabulary.roots) == 20
    assert "CONSULT" in vocabulary.plover and "ASSAULT" in vocabulary.plover
    assert {"PAK", "RUS", "IGOUNO"} <= vocabulary.countries


def test_params_check_filter_normalises(vocabulary):
    flt = check_filter(EventFilter(dyad="pak->rus", country="ind", root="4",
                                   plover="consult", modality="Reported",
                                   min_confidence="0.5", since="2025-09-01"), vocabulary)
    assert flt == EventFilter(dyad="PAK-RUS", country="IND", root="04", plover="CONSULT",
                              modality="reported", min_confidence=0.5, since="2025-09-01")


def test_params_wildcard_side_and_store_codes(vocabulary):
    assert check_filter(EventFilter(dyad="*-RUS"), vocabulary).dyad == "*-RUS"
    assert check_filter(EventFilter(country="ABC"), vocabulary,
                        known=lambda code: code == "ABC").country == "ABC"


@pytest.mark.parametrize(
    ("flt", "name"),
    [(EventFilter(dyad="PAK"), "dyad"), (EventFilter(dyad="PAK-QQQ"), "dyad"),
     (EventFilter(country="QQQ"), "country"), (EventFilter(root="00"), "root"),
     (EventFilter(root="21"), "root"), (EventFilter(plover="X"), "plover"),
     (EventFilter(modality="x"), "modality"), (EventFilter(min_confidence="-0.1"),
                                                "min_confidence"),
     (EventFilter(since="2025-02-30"), "since"),
     (EventFilter(since="2025-02-02", until="2025-02-01"), "until")],
)
def test_params_bad_values_name_their_parameter(vocabulary, flt, name):
    with pytest.raises(BadParameter) as caught:
        check_filter(flt, vocabulary)
    assert caught.value.name == name and str(caught.value).startswith(f"{name}: ")


def test_params_filter_query_round_trip():
    flt = EventFilter(dyad="PAK-RUS", min_confidence=0.5, root="04")
    assert filter_query(flt, page=2) == "dyad=PAK-RUS&root=04&min_confidence=0.5&page=2"
    assert filter_query(EventFilter()) == ""
    assert filter_query(EventFilter(dyad="A&B=C")) == "dyad=A%26B%3DC"


def test_params_paging():
    assert Paging(3, 20).offset == 40
    assert (Paging(1, 20).pages(0), Paging(1, 20).pages(20), Paging(1, 20).pages(21)) == (
        1, 1, 2)
