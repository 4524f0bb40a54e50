"""Pronoun resolution on parsed, team-written sentences whose actor mentions are set by hand."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc

from tacitus.config import load_options
from tacitus.model import Actor
from tacitus.nlp.coref import CorefResolver
from tacitus.nlp.extensions import register_extensions, set_actor_spans
from tacitus.nlp.pronouns import PronounLexicon
from tacitus.pipeline import mention_table


def _actor(name: str, code: str, kb_id: str) -> dict[str, str]:
    return {"name": name, "code": code, "country": code[:3], "kb_id": kb_id}


DIALLO = _actor("Amina Diallo", "SENGOV", "person:amina-diallo")
BERG = _actor("Karl Berg", "AUTGOV", "person:karl-berg")
MOREAU = _actor("Lucas Moreau", "FRAGOV", "person:lucas-moreau")
PEOPLE = {
    "Amina Diallo": DIALLO, "Diallo": DIALLO,
    "Karl Berg": BERG, "Berg": BERG,
    "Lucas Moreau": MOREAU, "Moreau": MOREAU,
    "Senegal": _actor("Senegal", "SEN", "SEN"),
    "Austria": _actor("Austria", "AUT", "AUT"),
    "Ghana": _actor("Ghana", "GHA", "GHA"),
    "European Union": {
        "name": "European Union", "code": "IGOEUREEC", "country": "IGOEUREEC",
        "kb_id": "IGOEUREEC",
    },
}
TITLES = {"president", "minister", "premier", "chancellor", "leader"}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(load_options().nlp.model)


@pytest.fixture(scope="module")
def resolver():
    return CorefResolver(TITLES, PronounLexicon.load())


def make_doc(nlp, text: str) -> Doc:
    """Parse `text` and mark every occurrence of a PEOPLE key as an actor mention."""
    register_extensions()
    doc = nlp(text)
    taken: set[int] = set()
    spans = []
    for surface in sorted(PEOPLE, key=len, reverse=True):
        for match in re.finditer(r"\b" + re.escape(surface) + r"\b", text):
            span = doc.char_span(match.start(), match.end())
            if span is None or any(t.i in taken for t in span):
                continue
            taken.update(t.i for t in span)
            span._.actors = [Actor(text=span.text, start=span.start_char, end=span.end_char,
                                   **PEOPLE[surface])]
            spans.append(span)
    spans.sort(key=lambda s: s.start)
    set_actor_spans(doc, spans)
    return doc


def resolved(doc: Doc, word: str, nth: int = 0) -> list[Actor] | None:
    tokens = [t for t in doc if t.text == word]
    return (doc._.pronouns or {}).get(tokens[nth].i)


@pytest.mark.parametrize(
    ("text", "pronoun", "name"),
    [
        ("Amina Diallo arrived in Vienna. She said the talks were useful.", "She", "Amina Diallo"),
        ("Karl Berg spoke for an hour. Reporters asked him about the budget.", "him", "Karl Berg"),
        ("Karl Berg thanked his staff after the vote.", "his", "Karl Berg"),
        ("Amina Diallo met Karl Berg, and she praised the agreement.", "she", "Amina Diallo"),
        ("Karl Berg met Amina Diallo. He said the visit went well.", "He", "Karl Berg"),
        ("Lucas Moreau arrived first. Karl Berg praised him.", "him", "Lucas Moreau"),
    ],
)
def test_coref_singular_pronoun_resolves(nlp, resolver, text, pronoun, name):
    doc = resolver(make_doc(nlp, text))
    actors = resolved(doc, pronoun)
    assert actors is not None and [a.name for a in actors] == [name]


def test_coref_keeps_pronoun_span_and_records_antecedent(nlp, resolver):
    text = "Amina Diallo arrived in Vienna on Monday. She said the talks were useful."
    doc = resolver(make_doc(nlp, text))
    actor = resolved(doc, "She")[0]
    assert (actor.text, text[actor.start : actor.end]) == ("She", "She")
    assert actor.code == "SENGOV" and actor.kb_id == "person:amina-diallo"
    assert actor.antecedent == {"text": "Amina Diallo", "start": 0, "end": 12}


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        # two people, both subjects: nothing decides
        ("Karl Berg and Lucas Moreau met in Paris. He said the talks went well.", "He"),
        # two people, neither a subject
        ("The talks between Karl Berg and Lucas Moreau ended early. He left at noon.", "He"),
        # two nested speakers both govern the pronoun
        ("Karl Berg said Lucas Moreau thinks he will win.", "he"),
        # nobody named before
        ("He arrived late to the meeting in Vienna.", "He"),
    ],
)
def test_coref_refuses_when_ambiguous(nlp, resolver, text, pronoun):
    doc = resolver(make_doc(nlp, text))
    assert resolved(doc, pronoun) is None


def test_coref_object_pronoun_never_refers_to_its_own_subject(nlp, resolver):
    doc = resolver(make_doc(nlp, "Karl Berg praised him warmly."))
    assert resolved(doc, "him") is None


def test_coref_honorific_gives_gender(nlp, resolver):
    text = "Mr. Moreau met Ms. Diallo in Dakar. She said the visit was useful."
    doc = resolver(make_doc(nlp, text))
    assert [a.name for a in resolved(doc, "She")] == ["Amina Diallo"]


def test_coref_earlier_pronoun_gives_gender(nlp, resolver):
    text = (
        "Karl Berg arrived on Monday. He met reporters. "
        "Amina Diallo and Karl Berg then held talks. She called them useful."
    )
    doc = resolver(make_doc(nlp, text))
    assert [a.name for a in resolved(doc, "She")] == ["Amina Diallo"]


@pytest.mark.parametrize(
    ("text", "pronoun", "codes"),
    [
        ("Senegal rejected the plan. It said the terms were unfair.", "It", ["SEN"]),
        ("The European Union imposed tariffs. Its members agreed.", "Its", ["IGOEUREEC"]),
        ("Austria and Ghana signed a deal. They will meet again in May.", "They", ["AUT", "GHA"]),
        ("Senegal criticised the ruling, and they asked for a review.", "they", ["SEN"]),
    ],
)
def test_coref_it_and_they_for_countries(nlp, resolver, text, pronoun, codes):
    doc = resolver(make_doc(nlp, text))
    actors = resolved(doc, pronoun)
    assert actors is not None and sorted(a.code for a in actors) == codes


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        ("It is clear that Senegal will respond.", "It"),  # expletive
        ("Karl Berg spoke at length. It ended late.", "It"),  # a person is not "it"
        ("Reporters asked about Austria. It was not discussed.", "It"),  # not a subject
        ("Senegal and Austria voted no. It said nothing more.", "It"),  # two countries
    ],
)
def test_coref_it_refusals(nlp, resolver, text, pronoun):
    doc = resolver(make_doc(nlp, text))
    assert resolved(doc, pronoun) is None


@pytest.mark.parametrize(
    "text",
    [
        "Ghana said it is ready for talks with Senegal.",
        "Ghana said that it was willing to meet Senegal.",
    ],
)
def test_coref_it_disposed_to_act_is_an_actor(nlp, resolver, text):
    # "it is ready/willing to ..." says what the actor will do; only "it is clear that" is empty
    doc = resolver(make_doc(nlp, text))
    actors = resolved(doc, "it")
    assert actors is not None and [a.code for a in actors] == ["GHA"]


@pytest.mark.parametrize(("word", "name"), [("latter", "Lucas Moreau"), ("former", "Karl Berg")])
def test_coref_the_former_and_the_latter(nlp, resolver, word, name):
    text = f"Karl Berg met Lucas Moreau in Paris. The {word} praised the talks."
    doc = resolver(make_doc(nlp, text))
    assert [a.name for a in resolved(doc, word)] == [name]


def test_coref_former_as_adjective_is_not_resolved(nlp, resolver):
    doc = resolver(make_doc(nlp, "Karl Berg met Lucas Moreau. The former president spoke first."))
    assert resolved(doc, "former") is None


def test_coref_mention_table_lists_mentions_and_pronouns(nlp, resolver):
    text = "Karl Berg arrived on Monday. He said the talks were useful."
    doc = resolver(make_doc(nlp, text))
    table = mention_table(doc)
    assert [(a.text, a.name) for a in table] == [("Karl Berg", "Karl Berg"), ("He", "Karl Berg")]
    assert table[1].antecedent == {"text": "Karl Berg", "start": 0, "end": 9}


def test_coref_lexicon_reads_pronoun_data():
    lexicon = PronounLexicon.load()
    assert lexicon.pronouns["she"].gender == "f"
    assert lexicon.pronouns["they"].number == "pl"
    assert lexicon.first_person("We") and not lexicon.first_person("they")
    assert lexicon.honorifics["mr."] == "m"
    assert {"former", "latter"} <= lexicon.ordinals


def test_coref_in_pipeline_gives_events_a_source(code_text):
    coded = code_text("The Kenyan president arrived in Kampala. He praised Uganda for its help.")
    praise = [e for e in coded.events if e.cameo_root == "05"]
    assert praise and praise[0].source.text == "He"
    assert praise[0].source.country == "KEN"
    assert praise[0].source.antecedent is not None


def test_coref_it_is_the_army_that_speaks(code_text):
    text = (
        "Turkish warplanes struck rebel positions on Sunday, the Turkish defence ministry said.\n"
        "The Indian army said it had killed three militants in Kashmir."
    )
    coded = code_text(text, "2025-06-01")
    killing = next(e for e in coded.events if e.cameo_root == "18")
    assert killing.source.text == "it" and killing.source.code == "INDMIL"
