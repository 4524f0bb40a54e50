"""textmap: invisible characters cleaned with a map back, paragraph windows, offsets moved."""

from __future__ import annotations

import re

import pytest

from tacitus.model import Actor, Event, Quote
from tacitus.textmap import TEXT_KEY, clean, doc_text, move_offsets, windows

ZW = "\u200b"


@pytest.mark.parametrize(
    "text",
    [f"Iran{ZW} condemned Is{ZW}rael.", "\u202eIran\u202c said \u2066no\u2069.",
     "soft\u00adhyphen and \ufeffBOM and word\u2060joiner", "plain text, nothing hidden"],
)
def test_textmap_clean_removes_invisible_characters_and_maps_back(text):
    cleaned, mapping = clean(text)
    assert not re.search("[\u200b\u202a-\u202e\u2066-\u2069\u00ad\ufeff\u2060]", cleaned)
    for match in re.finditer(r"\w+", cleaned):
        start, end = mapping.start(match.start()), mapping.end(match.end())
        original = text[start:end]
        assert "".join(c for c in original if c.isalnum()) == match.group()


def test_textmap_clean_maps_a_word_split_by_a_zero_width_space():
    text = f"Iran{ZW} condemned Is{ZW}rael."
    cleaned, mapping = clean(text)
    assert cleaned == "Iran condemned Israel."
    start = cleaned.index("Israel")
    assert text[mapping.start(start) : mapping.end(start + 6)] == f"Is{ZW}rael"
    assert mapping.end(len(cleaned)) == len(text)


def _paragraphs(count: int) -> str:
    return "\n\n".join(f"Paragraph {i} says that the talks went on. " * (1 + i % 4)
                       for i in range(count))


@pytest.mark.parametrize("size", [60, 200, 1000, 100_000])
def test_textmap_windows_hold_every_word_within_the_size(size):
    text = _paragraphs(40) + "\n\n" + "one long paragraph without a break " * 50
    spans = windows(text, size)
    assert all(end - start <= size for start, end in spans)
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    words = [m.span() for m in re.finditer(r"\S+", text)]
    covered = [any(s <= ws and we <= e for s, e in spans) for ws, we in words]
    if size >= 60:  # no word is longer than a window: none is cut
        assert all(covered)


def test_textmap_windows_cut_between_paragraphs_when_they_fit():
    text = _paragraphs(30)
    for start, end in windows(text, 500):
        assert start == 0 or text[start - 2 : start] == "\n\n"
        assert end == len(text) or text[end : end + 2] == "\n\n"


def test_textmap_windows_one_window_when_it_fits_or_unlimited():
    assert windows("short text", 100) == [(0, 10)]
    assert windows("x" * 500, 0) == [(0, 500)]


def test_textmap_move_offsets_moves_every_span_and_rereads_words():
    text = f"Le{ZW}ad: Is{ZW}rael met Eg{ZW}ypt. “We agree,” Is{ZW}rael said."
    cleaned, mapping = clean(text)
    israel = cleaned.index("Israel")
    egypt = cleaned.index("Egypt")
    met = cleaned.index("met")
    source = Actor("Israel", israel, israel + 6, code="ISR")
    target = Actor("Egypt", egypt, egypt + 5, code="EGY",
                   antecedent={"text": "Israel", "start": israel, "end": israel + 6})
    event = Event("a-e1", "a", 0, None, source, target, "040", "04", "Consult", 1.0, 1, None,
                  None, None, {"text": "met", "start": met, "end": met + 3})
    quote_start = cleaned.index("We")
    quote = Quote("a-q1", "a", "We agree,", quote_start, quote_start + 9, True, "said", source,
                  cleaned.index("said"), cleaned.index("said") + 4)
    records = [[event], [quote], [source, target]]
    move_offsets(records, lambda i, is_end: mapping.end(i) if is_end else mapping.start(i), text,
                 cleaned)
    assert source.text == f"Is{ZW}rael" and text[source.start : source.end] == source.text
    assert target.text == f"Eg{ZW}ypt"
    assert target.antecedent == {"text": f"Is{ZW}rael", "start": source.start, "end": source.end}
    assert text[event.trigger["start"] : event.trigger["end"]] == "met"
    assert quote.text == "We agree," and text[quote.cue_start : quote.cue_end] == "said"


def test_textmap_doc_text_is_built_once_and_rebuilt_when_it_no_longer_fits():
    from spacy.lang.en import English

    doc = English().make_doc("Envoys met in Oslo.\n\nTalks resume Monday. ")
    assert doc_text(doc) == doc.text
    assert doc.user_data[TEXT_KEY] == doc.text
    doc.user_data[TEXT_KEY] = "X" * len(doc.text)  # kept: the same length is trusted
    assert doc_text(doc) == "X" * len(doc.text)
    doc.user_data[TEXT_KEY] = "too short"
    assert doc_text(doc) == doc.text
    assert doc_text(English().make_doc("")) == ""
