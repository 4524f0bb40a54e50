"""Tone: how positive or negative an article and each of its events read.

The `tacitus.tone.v1` component runs last. It reads the sentences and `token._.boilerplate` and
writes
- `doc._.tone`: the article's tone, a float in [-10, +10];
- `doc._.sentence_tones`: the tone of each sentence, by sentence index (an event's tone is the
  tone of the sentence it was coded from; `tacitus.pipeline.to_coded` sets it).

Scale (documented in docs and DESIGN's spirit of GDELT's AvgTone, which runs roughly -10..+10):
a sentence's tone is VADER's compound score (vaderSentiment's shipped lexicon and rules, in
[-1, 1]) times 10; the article's tone is the mean of its sentences' tones weighted by their
number of words, boilerplate lines left out. 0 is neutral; below about -0.5 reads negative,
above +0.5 positive (VADER's own ±0.05 threshold, scaled). Each sentence is scored once.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc, Span
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from tacitus.nlp.extensions import register_extensions
from tacitus.nlp.saving import SavedData

SCALE = 10.0


class ToneScorer(SavedData):
    """The `tacitus.tone.v1` component: VADER per sentence, scaled to [-10, 10]. Its lexicon
    ships with vaderSentiment: nothing of ours to save."""

    name = "tacitus_tone"

    def __init__(self, analyzer: SentimentIntensityAnalyzer | None = None) -> None:
        super().__init__()
        register_extensions()
        self.analyzer = analyzer or SentimentIntensityAnalyzer()
        self.loaded = True

    def load(self, folder: Path | None) -> None:
        pass

    def sentence_tone(self, text: str) -> float:
        """VADER compound x 10 for one sentence (0.0 for empty text)."""
        if not text.strip():
            return 0.0
        return round(self.analyzer.polarity_scores(text)["compound"] * SCALE, 3)

    def span_tone(self, sent: Span) -> float:
        """`sentence_tone` of a sentence; 0.0 without scoring it when none of its words is in
        VADER's lexicon (VADER gives such a sentence 0 too)."""
        lexicon = self.analyzer.lexicon
        if not any(t.lower_ in lexicon for t in sent):
            return 0.0
        return self.sentence_tone(sent.text)

    def __call__(self, doc: Doc) -> Doc:
        tones: list[float] = []
        weights: list[int] = []
        for sent in doc.sents:
            if _is_boilerplate(sent):
                tones.append(0.0)
                weights.append(0)
                continue
            tones.append(self.span_tone(sent))
            weights.append(sum(1 for t in sent if t.is_alpha))
        total = sum(weights)
        weighted = sum(t * w for t, w in zip(tones, weights, strict=True))
        doc._.tone = round(weighted / total, 3) if total else 0.0
        doc._.sentence_tones = tones
        return doc


def _is_boilerplate(sent: Span) -> bool:
    return bool(sent[0]._.boilerplate)
