"""What an article said before: surnames, titles and "the two leaders" (hand-built Docs)."""

from __future__ import annotations

from tacitus.model import Actor
from tacitus.nlp.memory import ArticleMemory, load_reciprocal_nouns


def _actor(span, **fields) -> Actor:
    return Actor(text=span.text, start=span.start_char, end=span.end_char, **fields)


def test_memory_surname_takes_the_person_introduced_before(parser):
    doc = parser("Amani Ruto arrived. Ruto spoke.")
    memory = ArticleMemory()
    full, short = doc[0:2], doc[3:4]
    first = _actor(full, name="Amani Ruto", code="KENGOV", country="KEN", kb_id="person:ruto")
    later = _actor(short, name="Ruto")
    memory.link(full, first, "person")
    memory.link(short, later, "person")
    assert (later.kb_id, later.code, later.country) == ("person:ruto", "KENGOV", "KEN")
    assert later.antecedent == {"text": "Amani Ruto", "start": 0, "end": 10}


def test_memory_title_links_to_the_one_person_of_its_country_and_sector(parser):
    doc = parser("Amani Ruto arrived. The Kenyan president spoke.")
    memory = ArticleMemory()
    person = _actor(
        doc[0:2], name="Amani Ruto", country="KEN", sectors=["GOV"], kb_id="person:ruto"
    )
    title = _actor(doc[4:7], name="president", country="KEN", sectors=["GOV"])
    memory.link(doc[0:2], person, "person")
    memory.link(doc[4:7], title, "title")
    assert title.kb_id == "person:ruto" and title.name == "Amani Ruto"


def test_memory_attributive_mention_is_not_remembered(parser):
    doc = parser("Kenyan troops arrived.")
    memory = ArticleMemory()
    memory.link(doc[0:1], _actor(doc[0:1], country="KEN", attributive=True), "other")
    assert memory.history == []


def test_memory_the_two_leaders_are_the_last_two_people(parser):
    doc = parser("Amani Ruto met Yoweri Okello. The two leaders signed a deal.")
    memory = ArticleMemory(reciprocal=load_reciprocal_nouns())
    spans = [doc[0:2], doc[3:5]]
    for span, key in zip(spans, ("ruto", "okello"), strict=True):
        actor = _actor(span, name=span.text, code="KENGOV", country="KEN", kb_id=f"person:{key}")
        memory.link(span, actor, "person")
    pairs = memory.reciprocal_mentions(doc, spans)
    assert len(pairs) == 1
    span, actors = pairs[0]
    assert span.text == "two leaders"
    assert [a.kb_id for a in actors] == ["person:ruto", "person:okello"]
    assert all(a.antecedent is not None for a in actors)
