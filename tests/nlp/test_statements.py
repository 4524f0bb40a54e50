"""What a statement says (demand, appeal, refusal, intention) and background clauses."""

from __future__ import annotations

import pytest

from tacitus.nlp.modality import ModalityCues, Obligations
from tacitus.nlp.statements import background, said_kind


@pytest.fixture(scope="module")
def cues():
    return ModalityCues.load(), Obligations.load()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Kenyan president said that the police must respect the protesters.", "demand"),
        ("The Swedish minister said Hungary should respect the court.", "appeal"),
        ("The Ghanaian bishop said the government has to end illegal mining.", "demand"),
        ("The Moroccan government said it will not allow the ship to dock.", "refusal"),
        ("The Malawian government said it will allow the refugees to stay.", "intent"),
        ("The Thai minister said the economy will not grow this year.", None),
        ("The Thai minister said it will not be easy.", None),
        ("The Thai minister said the talks went well.", None),
    ],
)
def test_statements_said_kind(parser, cues, text, kind):
    modality, obligations = cues
    doc = parser(text)
    said = next(t for t in doc if t.lemma_ == "say")
    found = said_kind(said, obligations, modality)
    assert (found[0] if found else None) == kind


def test_statements_background_is_the_relative_clause(parser):
    doc = parser("The Cuban government freed the activists who were jailed in July.")
    freed, jailed = doc[3], doc[8]
    assert (freed.text, jailed.text) == ("freed", "jailed")
    assert background([freed, jailed]) == {1}
    assert background([jailed]) == set()
