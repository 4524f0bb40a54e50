"""Fingerprints: normalised hash for exact copies, MinHash for near-duplicates."""

from __future__ import annotations

import pytest

from tacitus.store import dedup

STORY = (
    "Pakistan's prime minister met the Russian president in Tianjin on Monday on the sidelines "
    "of the regional summit. The two leaders discussed energy supplies, a planned gas pipeline, "
    "rail links through Central Asia and the trade in grain and fertiliser. Officials in "
    "Islamabad said a working group would meet in Moscow before the end of the year, and that "
    "ministers of both countries were preparing further visits in the coming months."
)
OTHER = (
    "India and China held another round of talks on their disputed border on Friday, and both "
    "sides agreed to keep troops back from the patrol points at the centre of the standoff. "
    "Diplomats from the two countries said the next meeting would take place in Beijing, where "
    "officials also plan to discuss direct flights, visas for journalists and river data."
)


@pytest.mark.parametrize(
    "variant",
    [STORY.upper(), STORY.replace(",", "").replace(".", " ."), "  " + STORY.replace(" ", "\n")],
)
def test_dedup_text_hash_ignores_case_punctuation_spacing(variant):
    assert dedup.text_hash(variant) == dedup.text_hash(STORY)


def test_dedup_text_hash_differs_for_different_words_and_is_none_for_no_words():
    assert dedup.text_hash(STORY) != dedup.text_hash(STORY.replace("Monday", "Tuesday"))
    assert dedup.text_hash(" ... ") is None


@pytest.mark.parametrize(
    "edited",
    [
        "ISLAMABAD (Wire) - " + STORY,
        STORY.replace("on Monday", "on Monday evening"),
        STORY + " Reporting by the wire desk.",
    ],
)
def test_dedup_wire_copies_are_similar_and_share_a_band(edited):
    a, b = dedup.signature(STORY), dedup.signature(edited)
    assert dedup.similarity(a, b) >= dedup.THRESHOLD
    assert set(dedup.band_keys(a)) & set(dedup.band_keys(b))
    assert dedup.nearest(a, [(b, "g")]) == "g"


def test_dedup_different_stories_are_dissimilar_and_short_texts_unsigned():
    a, b = dedup.signature(STORY), dedup.signature(OTHER)
    assert dedup.similarity(a, b) < 0.1
    assert dedup.nearest(a, [(b, "g")]) is None
    assert dedup.signature("Too short to sign.") is None


def test_dedup_signature_is_stable_and_sized():
    sig = dedup.signature(STORY)
    assert sig == dedup.signature(STORY)
    assert len(sig) == dedup.PERMUTATIONS and all(-(1 << 63) <= v < (1 << 63) for v in sig)
    assert len(set(dedup.band_keys(sig))) == dedup.BANDS
