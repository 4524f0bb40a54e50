"""The article that defines the job (../shared/examples/sco-summit-2025.txt, read from there and
skipped when absent): the events, actors and absences the issue asks for."""

from __future__ import annotations

import pytest

from tacitus.model import Article


@pytest.fixture(scope="module")
def seed(shared, coder):
    path = shared / "examples" / "sco-summit-2025.txt"
    if not path.is_file():
        pytest.skip("seed article absent")
    text = path.read_text(encoding="utf-8")
    article = Article(id="sco-summit-2025", text=text, published="2025-09-01")
    return text, next(coder.code([article]))


@pytest.mark.parametrize(
    ("source", "target", "root", "what"),
    [
        ("PAK", "RUS", "04", "Sharif meets Putin"),
        ("PAK", "RUS", "05", "Sharif thanks and praises Putin"),
        ("PAK", "RUS", "03", "Pakistan wants to deepen engagement and work closely with Russia"),
        ("IND", "RUS", "04", "Modi holds talks with Putin"),
        ("IND", "RUS", "06", "India expands energy and defence cooperation with Russia"),
        ("WST", "RUS", "16", "Russia is isolated from the West by sanctions"),
    ],
)
def test_seed_events(seed, source, target, root, what):
    _, coded = seed
    found = {
        (e.source.country, e.target.country if e.target else None, e.cameo_root)
        for e in coded.events
        if e.happened
    }
    assert (source, target, root) in found, what


def test_seed_people_resolved_as_of_the_date(seed):
    _, coded = seed
    names = {(a.text, a.name, a.code) for a in coded.actors}
    assert ("Sharif", "Shehbaz Sharif", "PAKGOV") in names
    assert any(name == "Narendra Modi" and code == "INDGOV" for _, name, code in names)
    assert any(name == "Vladimir Putin" and code == "RUSGOV" for _, name, code in names)


def test_seed_nothing_from_the_teaser_or_the_platform(seed):
    text, coded = seed
    teaser = text.index("Read More")
    assert all(e.trigger["start"] < teaser for e in coded.events)
    assert all(q.start < teaser for q in coded.quotes)
    assert all(a.start < teaser for a in coded.actors)
    assert not {"X", "Twitter"} & {a.text for a in coded.actors}


def test_seed_triggers_point_at_the_words(seed):
    text, coded = seed
    for event in coded.events:
        trigger = event.trigger
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        assert text[event.source.start : event.source.end] == event.source.text
