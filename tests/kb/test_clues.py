"""Nearby words deciding between people who share a name; vacancies; secondary aliases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tacitus.errors import DataError
from tacitus.kb import KnowledgeBase

from .conftest import HEADER

D = dt.date.fromisoformat

# Real office holders with their real dates (a few rows each).
ROWS = [
    ("IGOUNO", "igo_head", "António Guterres", "Guterres|Antonio Guterres", "2017-01-01", ""),
    ("PRT", "head_of_government", "António Guterres", "Guterres", "1995-10-28", "2002-04-06"),
    ("TLS", "head_of_state", "Francisco Guterres", "Lu-Olo|~Guterres", "2017-05-20", "2022-05-20"),
    ("PAK", "head_of_government", "Nawaz Sharif", "Sharif|Nawaz", "2013-06-05", "2017-07-28"),
    ("PAK", "military_chief", "Raheel Sharif", "Sharif|Raheel", "2013-11-29", "2016-11-29"),
    ("USA", "head_of_state", "George H. W. Bush", "Bush", "1989-01-20", "1993-01-20"),
    ("USA", "head_of_state", "George W. Bush", "Bush", "2001-01-20", "2009-01-20"),
    ("USA", "governor", "Jeb Bush", "Bush", "1999-01-05", "2007-01-02"),
    ("SOM", "head_of_government", "(vacant)", "", "1991-01-27", "1991-02-01"),
]
PEOPLE = HEADER + "".join("\t".join(r) + ("\t# why\n" if "(vacant)" in r else "\n") for r in ROWS)


@pytest.fixture(scope="module")
def clue_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    from tacitus.config import KbOptions
    from tacitus.kb import load_kb

    folder = tmp_path_factory.mktemp("clue_people")
    (folder / "people.tsv").write_text(PEOPLE, encoding="utf-8")
    return load_kb(KbOptions(people_dir=str(folder)))


def _who(kb: KnowledgeBase, name: str, on: str, near: str = "", sentence: str = "") -> str:
    match = kb.resolve_person(name, D(on), near=near, sentence=sentence)
    assert match is not None
    return match.kb_id


def test_clues_read_countries_orgs_roles_and_former(clue_kb: KnowledgeBase) -> None:
    clues = clue_kb.clues("former East Timorese President")
    assert clues.places == {"TLS"} and "head_of_state" in clues.roles and clues.former
    clues = clue_kb.clues("the U.N. secretary-general")
    assert clues.places == {"IGOUNO"} and clues.roles == {"igo_head"} and not clues.former
    clues = clue_kb.clues("Pakistan's army chief")
    assert clues.places == {"PAK"} and clues.roles == {"military_chief"}
    assert clue_kb.clues("ex-president").former and clue_kb.clues("then-Governor").former
    assert not clue_kb.clues("he said on Monday")


def test_clues_secondary_alias_loses_without_clues(clue_kb: KnowledgeBase) -> None:
    assert _who(clue_kb, "Guterres", "2020-06-01") == "person:antonio-guterres"
    assert _who(clue_kb, "Lu-Olo", "2020-06-01") == "person:francisco-guterres"


@pytest.mark.parametrize(
    "near",
    ["East Timorese President", "Timor-Leste's president", "Timorese", "Dili's"],
)
def test_clues_near_words_pick_the_person(clue_kb: KnowledgeBase, near: str) -> None:
    assert _who(clue_kb, "Guterres", "2020-06-01", near=near) == "person:francisco-guterres"


def test_clues_title_picks_the_office(clue_kb: KnowledgeBase) -> None:
    assert _who(clue_kb, "Sharif", "2015-06-01") == "person:nawaz-sharif"
    assert _who(clue_kb, "Sharif", "2015-06-01", near="army chief General") == (
        "person:raheel-sharif"
    )
    assert _who(clue_kb, "Bush", "2003-06-01", near="Florida Governor") == "person:jeb-bush"
    assert _who(clue_kb, "Bush", "2003-06-01") == "person:george-w-bush"


def test_clues_former_picks_an_ended_position(clue_kb: KnowledgeBase) -> None:
    match = clue_kb.resolve_person("Bush", D("2005-01-01"), near="former President")
    assert match is not None and match.kb_id == "person:george-h-w-bush" and not match.current
    assert match.code == "USAELI"


def test_clues_sentence_is_weaker_than_office(clue_kb: KnowledgeBase) -> None:
    sentence = "Guterres spoke after meeting the East Timorese president in Dili."
    # 2020: both in office, the sentence decides for Timor-Leste's president
    assert _who(clue_kb, "Guterres", "2020-06-01", sentence=sentence) == (
        "person:francisco-guterres"
    )
    # 2023: Francisco Guterres had left office; the serving UN chief wins over sentence clues
    assert _who(clue_kb, "Guterres", "2023-06-01", sentence=sentence) == ("person:antonio-guterres")


def test_clues_igo_head_code_and_earlier_office(clue_kb: KnowledgeBase) -> None:
    match = clue_kb.resolve_person("Guterres", D("2020-06-01"), near="UN chief")
    assert match is not None and match.code == "IGOUNO" and match.current
    match = clue_kb.resolve_person("Guterres", D("1998-06-01"))
    assert match is not None and match.code == "PRTGOV"


def test_clues_vacancy_is_no_person(clue_kb: KnowledgeBase) -> None:
    assert clue_kb.find_people("(vacant)") == []
    terms = clue_kb.terms("SOM", "head_of_government")
    assert len(terms) == 1 and terms[0].vacant and terms[0].note == "why"
    assert [t.vacant for t in clue_kb.vacancies()] == [True]
    held = clue_kb.terms("USA", "head_of_state")
    assert [t.name for t in held] == ["George H. W. Bush", "George W. Bush"]


def test_clues_weak_alias_recorded(clue_kb: KnowledgeBase) -> None:
    person = clue_kb.person("person:francisco-guterres")
    assert person is not None and person.weak_aliases == ("Guterres",)
    assert "Guterres" in person.aliases and "~Guterres" not in person.aliases


@pytest.mark.parametrize(
    "row",
    [
        "SOM\thead_of_government\t(vacant)\t\t1991-01-27\t1991-02-01\n",  # no comment
        "SOM\thead_of_government\t(vacant)\tX\t1991-01-27\t1991-02-01\t# why\n",  # aliases
        "SOM\thead_of_government\t(vacant)\t\t\t1991-02-01\t# why\n",  # no start
    ],
)
def test_clues_bad_vacancy_rows(make_kb: Callable[..., KnowledgeBase], row: str) -> None:
    with pytest.raises(DataError):
        make_kb(HEADER + row)
