"""Shared person names decided in running text by the date and the words around them."""

from __future__ import annotations

import pytest


def _code_of(code_text, text: str, date: str, mention: str) -> str | None:
    coded = code_text(text, date)
    found = [a for a in coded.actors if mention in a.text]
    assert found, [(a.text, a.code) for a in coded.actors]
    return found[0].code


@pytest.mark.parametrize(
    ("text", "date", "mention", "code"),
    [
        ("Guterres urged both sides to return to talks.", "2020-06-01", "Guterres", "IGOUNO"),
        (
            "East Timorese President Guterres thanked Australia for the aid.",
            "2020-06-01",
            "Guterres",
            "TLSGOV",
        ),
        ("Army chief General Sharif visited Kabul.", "2015-06-01", "Sharif", "PAKMIL"),
        ("Sharif addressed the parliament in Islamabad.", "2015-06-01", "Sharif", "PAKGOV"),
        ("Former President Bush praised Britain.", "2005-06-01", "Bush", "USAELI"),
    ],
)
def test_actor_names_date_and_words_decide(code_text, text, date, mention, code):
    assert _code_of(code_text, text, date, mention) == code


def test_actor_names_namesake_is_not_the_office_holder(code_text):
    # Ireland had a foreign minister Gerard Collins (1989-1992); this is someone else.
    code = _code_of(code_text, "Senator Susan Collins criticised Iran.", "2020-06-01", "Collins")
    assert code is None or not code.startswith("IRL")


def test_actor_names_bare_secretary_general_is_the_organisation(code_text):
    coded = code_text(
        "The UN chief urged Russia to end the war. "
        "The secretary-general also called on Ukraine to free prisoners.",
        "2020-06-01",
    )
    bare = [a for a in coded.actors if a.text.lower().endswith("secretary-general")]
    assert bare and bare[0].code == "IGOUNO"
