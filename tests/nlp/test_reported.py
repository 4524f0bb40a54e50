"""What a speech cue reports, from the parse of team-written sentences."""

from __future__ import annotations

import pytest
import spacy

from tacitus.config import load_options
from tacitus.nlp.cues import CueLexicon
from tacitus.nlp.reported import balanced, content_of, quoted_share


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(load_options().nlp.model)


@pytest.fixture(scope="module")
def lexicon():
    return CueLexicon.load()


@pytest.mark.parametrize(
    ("text", "word", "content", "needs_quote"),
    [
        ("The minister said Ghana wants closer ties with Togo.", "said",
         "Ghana wants closer ties with Togo", False),
        ("The premier told reporters that the border would reopen.", "told",
         "that the border would reopen", False),
        ("The rebels attacked the town, a police official said.", "said",
         "The rebels attacked the town", False),
        ("The envoy urged both sides to return to talks.", "urged",
         "both sides to return to talks", False),
        ("She praised the deal as a “new start” for the region.", "praised",
         "the deal as a “new start” for the region", True),
        ("The talks failed, according to two officials.", "according",
         "The talks failed", False),
        ("The talks, according to two officials, failed on Monday.", "according",
         "The talks, according to two officials, failed on Monday", False),
        ("The senator's claim that prices would fall was wrong.", "claim",
         "that prices would fall", False),
        ("Acts of protest, the senator said, are acts of courage.", "said",
         "Acts of protest, the senator said, are acts of courage", False),
        ("These workers, the chief explained in the hearing, were well paid.", "explained",
         "These workers, the chief explained in the hearing, were well paid", False),
        ("According to the ministry, the border will reopen on Monday.", "According",
         "the border will reopen on Monday", False),
    ],
)
def test_reported_content(nlp, lexicon, text, word, content, needs_quote):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    span, needs = content_of(token, lexicon.cue_at(token, quoted=True))
    assert span is not None and doc.text[span[0] : span[1]] == content
    assert needs is needs_quote


def test_reported_speech_verb_object_needs_quoted_words(nlp, lexicon):
    doc = nlp("The minister stressed the need for calm.")
    token = next(t for t in doc if t.text == "stressed")
    span, needs = content_of(token, lexicon.cue_at(token))
    assert doc.text[span[0] : span[1]] == "the need for calm" and needs is True


@pytest.mark.parametrize(
    ("text", "cut", "whole", "quoted"),
    [
        ("He said the plan “is dead.” Then he left.", "the plan “is dead", "the plan “is dead.”",
         True),
        ("He said the plan ''is dead.'' Then he left.", "the plan ''is dead.'",
         "the plan ''is dead.''", True),
        ("He said the plan is dead.” Then he left.", "the plan is dead.”", "the plan is dead.",
         False),
    ],
)
def test_reported_balanced_holds_a_quote_whole_and_drops_stray_marks(text, cut, whole, quoted):
    words = text.index("is dead.")
    quotes = [(words, words + len("is dead."))] if quoted else []
    start = text.index(cut)
    assert text[slice(*balanced(text, start, start + len(cut), quotes))] == whole


def test_reported_quoted_share_counts_marks_and_every_quote():
    text = "that “we agree” and “we sign” now"
    quotes = [(6, 14), (21, 28)]
    assert text[6:14] == "we agree" and text[21:28] == "we sign"
    assert quoted_share(0, len(text), quotes) == pytest.approx(19 / len(text))
