"""Tone from VADER's shipped lexicon: sign, range, per-sentence events, boilerplate left out."""

from __future__ import annotations

import pytest
import spacy

from tacitus.config import load_options
from tacitus.nlp.tone import SCALE, ToneScorer


@pytest.fixture(scope="module")
def scorer():
    return ToneScorer()


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(load_options().nlp.model)


@pytest.mark.parametrize(
    "text",
    [
        "The two leaders praised the warm and friendly talks as a great success.",
        "Both sides welcomed the peaceful agreement and thanked each other.",
    ],
)
def test_tone_positive_sentences(scorer, text):
    assert scorer.sentence_tone(text) > 0.5


@pytest.mark.parametrize(
    "text",
    [
        "The army killed dozens of civilians in a brutal attack.",
        "Officials condemned the horrible bombing and warned of deadly reprisals.",
    ],
)
def test_tone_negative_sentences(scorer, text):
    assert scorer.sentence_tone(text) < -0.5


def test_tone_neutral_and_empty_sentences(scorer):
    assert scorer.sentence_tone("") == 0.0
    assert abs(scorer.sentence_tone("The committee met on Tuesday in room four.")) < 0.5


def test_tone_scale_is_ten_times_vader_compound(scorer):
    text = "A great, wonderful, excellent and happy day."
    compound = scorer.analyzer.polarity_scores(text)["compound"]
    assert scorer.sentence_tone(text) == pytest.approx(compound * SCALE, abs=1e-3)
    assert -10.0 <= scorer.sentence_tone(text) <= 10.0


def test_tone_article_is_word_weighted_mean_of_sentences(nlp, scorer):
    doc = nlp("The talks were a great success. The attack killed many people in the city.")
    scorer(doc)
    sents = list(doc.sents)
    tones = [scorer.sentence_tone(s.text) for s in sents]
    weights = [sum(t.is_alpha for t in s) for s in sents]
    expected = sum(t * w for t, w in zip(tones, weights, strict=True)) / sum(weights)
    assert doc._.tone == pytest.approx(expected, abs=1e-3)
    assert min(tones) < doc._.tone < max(tones)


def test_tone_leaves_out_boilerplate_lines(coder):
    from tacitus.model import Article

    clean = "The summit was a great success for both countries."
    text = clean + "\n\nRead More - Terrible disaster kills many"
    with_teaser = coder.nlp(coder.prepare(Article(id="a", text=text)))
    without = coder.nlp(coder.prepare(Article(id="b", text=clean)))
    assert with_teaser._.tone == pytest.approx(without._.tone)


def test_tone_on_events_is_their_sentence_tone(code_text, scorer):
    text = "Egypt praised Jordan for its generous and wonderful help. Syria attacked a village."
    coded = code_text(text)
    assert coded.tone is not None
    praise = next(e for e in coded.events if e.cameo_root == "05")
    attack = next(e for e in coded.events if e.cameo_root in {"18", "19"})
    assert praise.tone > 0 > attack.tone
    first = "Egypt praised Jordan for its generous and wonderful help."
    assert praise.tone == pytest.approx(scorer.sentence_tone(first))
