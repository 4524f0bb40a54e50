"""Dependency-parse helpers on parsed, team-written sentences."""

from __future__ import annotations

import pytest

from tacitus.nlp.syntax import (
    agent_of,
    clause_subject,
    direct_object,
    frame,
    governs,
    has_arc,
    is_passive,
    keys,
    light_verb,
    prep_objects,
    with_conjuncts,
)


def _word(doc, text, nth=0):
    return [t for t in doc if t.text == text][nth]


def test_syntax_keys_join_a_split_hyphenated_word(parser):
    doc = parser("Chad announced a cease-fire and a new truce.")
    assert keys(_word(doc, "fire"), forms=False) == ["fire", "ceasefire", "cease-fire"]
    assert keys(_word(doc, "truce")) == ["truce"]


def test_syntax_clause_subject_of_an_active_verb(parser):
    doc = parser("Kenya praised Uganda.")
    subject, passive = clause_subject(_word(doc, "praised"))
    assert subject.text == "Kenya" and not passive
    assert direct_object(_word(doc, "praised")).text == "Uganda"


def test_syntax_passive_subject_is_the_patient_and_by_names_the_agent(parser):
    doc = parser("The convoy was attacked by rebels.")
    verb = _word(doc, "attacked")
    subject, passive = clause_subject(verb)
    assert subject.text == "convoy" and passive and is_passive(verb)
    assert agent_of(verb).text == "rebels"


def test_syntax_control_verb_lends_its_subject(parser):
    doc = parser("Kenya wants to meet Uganda.")
    subject, _ = clause_subject(_word(doc, "meet"))
    assert subject.text == "Kenya"


def test_syntax_relative_clause_subject_is_the_noun_it_modifies(parser):
    doc = parser("The minister who met the envoy resigned.")
    subject, _ = clause_subject(_word(doc, "met"))
    assert subject.text == "minister"


def test_syntax_conjuncts_and_preposition_objects(parser):
    doc = parser("Kenya imposed sanctions on Uganda and Rwanda.")
    verb = _word(doc, "imposed")
    targets = prep_objects([verb, _word(doc, "sanctions")], "on")
    assert [t.text for t in targets] == ["Uganda"]
    assert [t.text for t in with_conjuncts(targets[0])] == ["Uganda", "Rwanda"]


def test_syntax_frame_reaches_required_words_but_not_other_clauses(parser):
    doc = parser("Kenya held talks with Uganda, officials said.")
    reach = {t.text for t in frame(_word(doc, "held")).values()}
    assert {"held", "talks", "with", "Uganda"} <= reach
    assert "said" not in reach and "officials" not in reach


def test_syntax_light_verb_of_a_noun_trigger(parser):
    doc = parser("Kenya held talks with Uganda.")
    assert light_verb(_word(doc, "talks")).text == "held"
    assert light_verb(_word(doc, "Kenya")) is None


@pytest.mark.parametrize(
    ("text", "head", "below", "coordination", "expected"),
    [
        ("Officials said that troops attacked the camp.", "said", "attacked", True, True),
        ("Officials said that troops attacked the camp.", "attacked", "said", True, False),
        ("Troops attacked the camp and burned the huts.", "attacked", "burned", True, True),
        ("Troops attacked the camp and burned the huts.", "attacked", "burned", False, False),
    ],
)
def test_syntax_governs(parser, text, head, below, coordination, expected):
    doc = parser(text)
    result = governs(_word(doc, head), _word(doc, below), coordination=coordination)
    assert result is expected


def test_syntax_governs_limit_counts_arcs(parser):
    doc = parser("Officials said that troops attacked the camp near the old bridge.")
    said, bridge = _word(doc, "said"), _word(doc, "bridge")
    assert governs(said, bridge)
    assert not governs(said, bridge, limit=2)


@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        ("Austria returned the stolen icons to Serbia.", "returned", True),
        ("The stolen icons were returned to Serbia.", "returned", True),
        ("The museum showed icons returned to Serbia last year.", "returned", True),
        ("The Serbian envoy returned to Belgrade.", "returned", False),
        ("It said that he had returned to Serbia and taken shelter there.", "returned", False),
    ],
)
def test_syntax_has_arc_dobj_counts_the_object_of_active_passive_and_participle(
    parser, sentence, verb, expected
):
    assert has_arc(_word(parser(sentence), verb), "dobj") is expected
