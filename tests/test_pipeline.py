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
