"""Speech cues and their speakers in the parse of team-written sentences."""

from __future__ import annotations

import pytest
import spacy

from tacitus.config import load_options
from tacitus.nlp.cues import CueLexicon, cue_phrase, noun_phrase, speaker_token


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(load_options().nlp.model)


@pytest.fixture(scope="module")
def lexicon():
    return CueLexicon.load()


def _token(doc, word):
    return next(t for t in doc if t.text == word)


def test_cues_lexicon_kinds(lexicon):
    assert lexicon.verbs["say"].kind == "speech"
    assert lexicon.verbs["post"].kind == "speech_if" and "twitter" in lexicon.verbs["post"].phrase
    assert lexicon.verbs["praise"].kind == "evaluative"
    assert lexicon.nouns["statement"].kind == "noun"
    assert lexicon.preps["according"].phrase == frozenset({"to"})


@pytest.mark.parametrize(
    ("text", "word", "quoted", "kind"),
    [
        ("The minister said talks would resume.", "said", False, "speech"),
        ("The premier posted on X that talks would resume.", "posted", False, "speech_if"),
        ("The army posted troops along the border.", "posted", False, None),
        ("She praised the deal as a “new start”.", "praised", True, "evaluative"),
        ("She praised the deal warmly.", "praised", False, None),
        ("The so-called plan was published.", "called", True, None),
        ("The agency rated the claim as “false”.", "rated", True, "evaluative"),
        ("Talks failed, according to officials.", "according", False, "prep"),
    ],
)
def test_cues_cue_at(nlp, lexicon, text, word, quoted, kind):
    cue = lexicon.cue_at(_token(nlp(text), word), quoted=quoted)
    assert (cue.kind if cue else None) == kind


@pytest.mark.parametrize(
    ("text", "word", "phrase"),
    [
        ("The premier told reporters that talks would resume.", "told", "told reporters"),
        ("The premier posted on Twitter that talks would resume.", "posted", "posted on Twitter"),
        ("Talks failed, according to officials.", "according", "according to"),
        ("The minister said talks would resume.", "said", "said"),
    ],
)
def test_cues_phrase(nlp, lexicon, text, word, phrase):
    doc = nlp(text)
    token = _token(doc, word)
    start, end = cue_phrase(token, lexicon.cue_at(token, quoted=True))
    assert doc.text[start:end] == phrase


@pytest.mark.parametrize(
    ("text", "word", "speaker"),
    [
        ("The finance minister said prices would fall.", "said", "minister"),
        ("“Prices will fall,” said the finance minister.", "said", "minister"),
        ("Prices will fall, according to the central bank.", "according", "bank"),
        ("The ministry issued a statement saying prices would fall.", "saying", "ministry"),
        ("The senator's claim that prices would fall was wrong.", "claim", "senator"),
        ("The senator, speaking in Rome, said prices would fall.", "said", "senator"),
    ],
)
def test_cues_speaker_token(nlp, lexicon, text, word, speaker):
    doc = nlp(text)
    token = _token(doc, word)
    found = speaker_token(token, lexicon.cue_at(token, quoted=True), lexicon.nouns)
    assert found is not None and found.text == speaker


def test_cues_noun_phrase_keeps_modifiers_only(nlp):
    doc = nlp("The Kenyan finance minister, who spoke first, said prices would fall.")
    assert noun_phrase(_token(doc, "minister")).text == "The Kenyan finance minister"
