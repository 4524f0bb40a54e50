"""Each component alone on a hand-built Doc: a parse plus actor mentions set by hand, no
other tacitus component run before it."""

from __future__ import annotations

import pytest

from tacitus.config import load_options
from tacitus.nlp.coref import CorefResolver
from tacitus.nlp.events import EventCoder
from tacitus.nlp.pronouns import PronounLexicon
from tacitus.nlp.quotes import QuoteFinder
from tacitus.nlp.tone import ToneScorer

KENYA = {"name": "Kenya", "code": "KEN", "country": "KEN", "kb_id": "KEN"}
UGANDA = {"name": "Uganda", "code": "UGA", "country": "UGA", "kb_id": "UGA"}
RUTO = {
    "name": "Amani Ruto",
    "code": "KENGOV",
    "country": "KEN",
    "sectors": ["GOV"],
    "kb_id": "person:amani-ruto",
}


@pytest.fixture(scope="module")
def events():
    options = load_options()
    coder = EventCoder(
        options.coder.statements_only_when_alone, options.coder.min_confidence, options.events
    )
    coder.initialize()
    return coder


@pytest.fixture(scope="module")
def quotes():
    finder = QuoteFinder()
    finder.initialize()
    return finder


def test_alone_events_from_hand_set_mentions(hand_doc, events):
    doc = events(hand_doc("Kenya praised Uganda for its help.", {"Kenya": KENYA, "Uganda": UGANDA}))
    assert [(e.source.code, e.cameo_root, e.target.code) for e in doc._.events] == [
        ("KEN", "05", "UGA")
    ]
    assert doc._.events[0].id == "hand-e1" and doc._.events[0].quote_id is None


def test_alone_events_symmetric_code_between_two_subjects(hand_doc, events):
    doc = events(hand_doc("Kenya and Uganda held talks.", {"Kenya": KENYA, "Uganda": UGANDA}))
    pairs = {(e.source.code, e.target.code) for e in doc._.events if e.cameo_root == "04"}
    assert pairs == {("KEN", "UGA"), ("UGA", "KEN")}


def test_alone_events_without_mentions_codes_nothing(hand_doc, events):
    assert events(hand_doc("The talks were held on Monday.", {}))._.events == []


def test_alone_quotes_speaker_and_first_person(hand_doc, quotes):
    text = "“We will help Uganda,” Amani Ruto said."
    doc = quotes(hand_doc(text, {"Amani Ruto": RUTO, "Uganda": UGANDA}))
    assert len(doc._.quotes) == 1
    quote = doc._.quotes[0]
    assert quote.direct and quote.cue == "said" and quote.speaker.kb_id == "person:amani-ruto"
    we = next(t.i for t in doc if t.text == "We")
    assert doc._.quote_pronouns[we][0].code == "KENGOV"
    assert doc._.pronouns is None  # quotes never writes coreference's output


def test_alone_coref_writes_only_pronouns(hand_doc):
    resolver = CorefResolver(["president"], PronounLexicon.load())
    doc = hand_doc("Amani Ruto arrived in Kampala. He met Uganda's leaders.", {"Amani Ruto": RUTO})
    before = [(s.start, s.end) for s in doc.spans["actors"]]
    resolver(doc)
    he = next(t.i for t in doc if t.text == "He")
    assert doc._.pronouns[he][0].name == "Amani Ruto"
    assert [(s.start, s.end) for s in doc.spans["actors"]] == before
    assert doc._.quotes is None and doc._.events is None


def test_alone_tone_writes_sentence_tones(hand_doc):
    doc = ToneScorer()(hand_doc("A wonderful day. A terrible attack.", {}))
    assert len(doc._.sentence_tones) == 2
    assert doc._.sentence_tones[0] > 0 > doc._.sentence_tones[1]
