"""The pipeline the spaCy way: built by load_pipeline, saved with to_disk, loaded with
spacy.load in a new process (through the spacy_factories entry points), same events."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import tacitus
import tacitus.pipeline
import tacitus.textmap
from tacitus.errors import ModelError
from tacitus.model import Article, Event
from tacitus.nlp.factories import make_segmenter
from tacitus.pipeline import to_coded

TEXTS = [
    "Egypt's foreign minister met his Jordanian counterpart in Cairo on Monday. "
    "He said the two countries would sign a trade agreement.",
    "Russian troops shelled a village in eastern Ukraine, officials said. "
    "“We condemn this attack,” the Ukrainian president said.",
]

LOAD_AND_CODE = """
import json, sys
import spacy

nlp = spacy.load(sys.argv[1])  # no tacitus import before: the entry points find the factories
from tacitus.model import Article
from tacitus.pipeline import Coder

texts = json.loads(sys.argv[2])
articles = [Article(id=f"t{n}", text=t, published="2025-09-01") for n, t in enumerate(texts)]
print(json.dumps([c.to_dict() for c in Coder(nlp=nlp).code(articles)]))
"""


def _articles() -> list[Article]:
    return [Article(id=f"t{n}", text=t, published="2025-09-01") for n, t in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def saved(coder, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pipeline")
    coder.nlp.to_disk(folder)
    return folder


def test_pipeline_saved_folder_carries_lexicon_and_kb(saved):
    events = saved / "tacitus_events"
    assert (events / "ontology" / "cameo.tsv").is_file()
    assert len(list((events / "ontology" / "triggers").glob("*.tsv"))) == 20
    kb = saved / "tacitus_actors" / "kb"
    assert (kb / "countries.yaml").is_file() and list((kb / "people").glob("*.tsv"))
    assert "\nminister\n" in (saved / "tacitus_coref" / "person_nouns.tsv").read_text()


@pytest.mark.slow
def test_pipeline_spacy_load_in_new_process_codes_the_same_events(coder, saved):
    here = [c.to_dict() for c in coder.code(_articles())]
    env = {**os.environ, "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}
    result = subprocess.run(
        [sys.executable, "-c", LOAD_AND_CODE, str(saved), json.dumps(TEXTS)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    there = json.loads(result.stdout)
    assert sum(len(c["events"]) for c in here) >= 2
    assert [[e["cameo"] for e in c["events"]] for c in there] == [
        [e["cameo"] for e in c["events"]] for c in here
    ]
    assert there == here


def test_pipeline_loaded_copy_reads_its_saved_data(saved):
    nlp = spacy.load(saved)
    events = nlp.get_pipe("tacitus_events")
    assert events.folder is not None and events.folder.is_relative_to(saved)
    assert nlp.get_pipe("tacitus_actors").kb.surface_forms()


def test_pipeline_empty_component_says_how_to_load_it():
    segmenter = make_segmenter(spacy.blank("en"), "tacitus_segmenter")
    with pytest.raises(ModelError, match="initialize"):
        segmenter(spacy.blank("en")("One line.\n\nAnother line."))


def test_pipeline_load_pipeline_returns_the_language():
    nlp = tacitus.load_pipeline()
    assert isinstance(nlp, Language)
    ours = [name for name in nlp.pipe_names if name.startswith("tacitus_")]
    stages = ("segmenter", "actors", "coref", "quotes", "events", "places", "tone")
    assert ours == [f"tacitus_{stage}" for stage in stages]
    doc = nlp("Egypt held talks with Jordan.")
    assert ("EGY", "04", "JOR") in {
        (e.source.code, e.cameo_root, e.target.code if e.target else None) for e in doc._.events
    }


def test_pipeline_to_coded_collects_a_hand_built_doc(hand_doc):
    kenya = {"name": "Kenya", "code": "KEN", "country": "KEN", "kb_id": "KEN"}
    doc = hand_doc(
        "Kenya praised the plan. Ugandan officials and a farmer spoke.",
        {"Kenya": kenya, "Ugandan": {"country": "UGA", "attributive": True}, "farmer": {}},
    )
    source = doc.spans["actors"][0]._.actors[0]
    event = Event(
        id="hand-e1", article_id="hand", sentence=1, date=None, source=source, target=None,
        cameo="051", cameo_root="05", cameo_name="Praise", goldstein=3.4, quad_class=1,
        plover=None, plover_mode=None, plover_context=None,
        trigger={"text": "praised", "start": 6, "end": 13},
    )
    doc._.events = [event]
    doc._.sentence_tones = [1.5, -2.0]
    doc._.tone = 0.25
    doc._.quotes = []
    coded = to_coded(doc, Article(id="hand", text=doc.text))
    assert [a.text for a in coded.actors] == ["Kenya"]  # the adjective and the farmer name none
    assert coded.events[0].tone == -2.0 and event.tone is None  # a copy; the Doc's is kept
    assert coded.tone == 0.25 and coded.quotes == []


def _spans(record) -> list[dict]:
    """Every {"text", "start", "end"} span in a record dict, however deep."""
    found = []
    if isinstance(record, dict):
        if isinstance(record.get("text"), str) and isinstance(record.get("start"), int):
            found.append(record)
        for value in record.values():
            found.extend(_spans(value))
    elif isinstance(record, list):
        for value in record:
            found.extend(_spans(value))
    return found


def _assert_spans_slice(coded, text: str) -> int:
    """Every span of the output is `text[start:end]`; returns how many there were."""
    data = coded.to_dict()
    spans = _spans([data["events"], data["quotes"], data["actors"], data["places"]])
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"], span
    for quote in data["quotes"]:
        if quote["cue_start"] is not None:
            assert text[quote["cue_start"] : quote["cue_end"]].strip()
    return len(spans)


ZW = "\u200b"


@pytest.mark.parametrize(
    "text",
    [f"Iran{ZW} condemned Is{ZW}rael on Monday.",
     "\u202bIran\u202c condemned \u2067Israel\u2069 on Monday.",
     "Iran\u2060 condemned Isr\u00adael\ufeff on Monday."],
)
def test_pipeline_code_reads_through_invisible_characters(code_text, text):
    coded = code_text(text)
    event = next(e for e in coded.events if e.cameo == "111")
    assert (event.source.code, event.target.code) == ("IRN", "ISR")
    assert text[event.trigger["start"] : event.trigger["end"]] == "condemned"
    assert text[event.source.start : event.source.end].strip("\u202b\u202c") == "Iran"
    target = text[event.target.start : event.target.end]
    assert "".join(c for c in target if c.isalpha()) == "Israel"
    _assert_spans_slice(coded, text)


def test_pipeline_code_keeps_offsets_of_quotes_and_places_into_the_original(code_text):
    text = (f"The foreign minister of Egy{ZW}pt spoke in Cai{ZW}ro on Tuesday.\n\n"
            f"“We will not ac{ZW}cept this plan,” the Egyptian foreign minister s{ZW}aid. "
            f"Egypt accused Is{ZW}rael of blocking aid to Ga{ZW}za.")
    coded = code_text(text)
    assert coded.quotes and coded.places and coded.events
    assert _assert_spans_slice(coded, text) > 6
    cairo = next(p for p in coded.places if "Cai" in p.text)
    assert cairo.text == f"Cai{ZW}ro" and cairo.country == "EGY"


PARAGRAPHS = [
    "KYIV, March 14 (Reuters) - Ukraine's foreign minister met his Polish counterpart in "
    "Warsaw on Wednesday.",
    "“We will not give up an inch of our land,” the Ukrainian foreign minister said.",
    "Russian forces shelled the city of Kharkiv on Tuesday, regional officials said.",
    "Poland promised to send more air defence systems to Ukraine.",
    "The European Union condemned Russia for the strikes on Kharkiv.",
    "“We condemn Russia for this attack,” the Polish president said.",
    "Turkey offered to host peace talks between Russia and Ukraine in Istanbul.",
]


def test_pipeline_code_windows_of_paragraphs_give_the_events_of_the_whole(coder):
    text = "\n\n".join(PARAGRAPHS)
    article = Article(id="w", text=text, published="2025-03-14")
    whole = next(coder.code([Article(id="w", text=text, published="2025-03-14")]))
    small = coder.options.with_values("coder", window_chars=130)
    windowed = next(tacitus.pipeline.Coder(small, nlp=coder.nlp).code([article]))

    def key(coded):
        return [(e.cameo, e.trigger["start"], e.source.code, e.target and e.target.code, e.date,
                 e.sentence) for e in coded.events]

    assert len(coded_windows := tacitus.textmap.windows(text, 130)) >= 5, coded_windows
    assert key(windowed) == key(whole) and len(whole.events) >= 5
    assert [e.id for e in windowed.events] == [f"w-e{n}" for n in range(1, len(whole.events) + 1)]
    assert [q.id for q in windowed.quotes] == [f"w-q{n}" for n in range(1, len(whole.quotes) + 1)]
    assert len(whole.quotes) >= 2
    quoted = [e.quote_id for e in windowed.events]
    assert quoted == [e.quote_id for e in whole.events] and set(quoted) - {None}
    assert [(q.start, q.end, q.speaker and q.speaker.code) for q in windowed.quotes] == [
        (q.start, q.end, q.speaker and q.speaker.code) for q in whole.quotes]
    assert {(p.start, p.country) for p in windowed.places} == {
        (p.start, p.country) for p in whole.places}
    assert windowed.tone == pytest.approx(whole.tone, abs=0.3)
    _assert_spans_slice(windowed, text)


def test_pipeline_code_the_last_sentence_of_a_1_mb_article(coder):
    # Filler of long letter runs: a megabyte of text with few tokens, so the test is quick.
    runs = [" ".join(chr(97 + (i + j) % 26) * 99 for j in range(20)) + "." for i in range(500)]
    last = "Iran condemned Israel on Monday."
    text = "Talks went on in Geneva.\n\n" + "\n\n".join(runs) + "\n\n" + last
    assert len(text) > 1_000_000
    coded = next(coder.code([Article(id="long", text=text, published="2025-01-02")]))
    event = coded.events[-1]
    assert (event.cameo, event.source.code, event.target.code) == ("111", "IRN", "ISR")
    assert event.trigger["start"] == len(text) - len(last) + len("Iran ")
    assert text[event.source.start : event.source.end] == "Iran"
    assert text[event.target.start : event.target.end] == "Israel"
    assert event.date == "2024-12-30" and coded.article.cut_at is None
    assert not coded.article.notes


def test_pipeline_code_cuts_at_a_set_limit_and_says_where(coder):
    text = "Egypt praised Jordan.\n\n" + "Filler words here. " * 100 + "\n\nIran condemned Israel."
    limited = coder.options.with_values("coder", max_chars=500)
    coded = next(tacitus.pipeline.Coder(limited, nlp=coder.nlp).code([Article("cut", text)]))
    assert coded.article.cut_at == 500 and coded.to_dict()["article"]["cut_at"] == 500
    assert coded.article.notes == [f"text cut at 500 of {len(text)} characters"]
    assert [e.cameo for e in coded.events] == ["051"]
