"""The article's places and each event's location, on team-written sentences."""

from __future__ import annotations

import pytest


def test_places_event_location_from_in_phrase(code_text):
    coded = code_text("Egyptian police arrested ten protesters in Alexandria on Friday.")
    event = next(e for e in coded.events if e.cameo_root == "17")
    assert event.location is not None
    assert event.location["name"] == "Alexandria"
    assert event.location["country"] == "EGY"
    assert event.location["found_by"] == "clause"
    assert event.location["lat"] == pytest.approx(31.2, abs=0.5)
    assert event.location["geonames_id"] is not None


def test_places_country_location_has_a_point(code_text):
    coded = code_text("Kenyan troops attacked rebels in Somalia.")
    event = next(e for e in coded.events if e.cameo_root in {"18", "19"})
    assert event.location["country"] == "SOM" and event.location["feature"] == "country"
    assert event.location["lat"] is not None and event.location["found_by"] == "clause"


def test_places_shelled_town_is_the_clause_place(code_text):
    coded = code_text("Russian artillery shelled Kharkiv overnight, officials in Kyiv said.")
    event = next(e for e in coded.events if e.trigger["text"] == "shelled")
    assert event.location["name"] == "Kharkiv" and event.location["found_by"] == "clause"


def test_places_without_a_place_the_target_country(code_text):
    coded = code_text("The Irish prime minister praised the Dutch government.")
    event = coded.events[0]
    assert event.location["country"] == "NLD"
    assert event.location["found_by"] == "target"


def test_places_dateline_locates_a_placeless_event(code_text):
    text = "NAIROBI, Kenya (AP) - The opposition leader condemned the police.\n\nMore later."
    coded = code_text(text)
    assert coded.events
    assert coded.events[0].location["name"] == "Nairobi"
    assert coded.events[0].location["found_by"] in {"dateline", "paragraph", "sentence"}


def test_places_actor_placed_by_the_text(code_text):
    coded = code_text("Protesters in Lviv condemned the Russian government on Sunday.")
    event = next(e for e in coded.events if e.target is not None)
    assert event.source_location is not None and event.source_location["name"] == "Lviv"


def test_places_article_lists_names_and_adjectives(code_text):
    text = ("Turkish officials met envoys from the Ukrainian city of Kharkiv in Ankara, "
            "while floods hit northern Pakistan and the Gaza Strip.")
    coded = code_text(text)
    got = {p.text: (p.feature, p.country) for p in coded.places}
    assert got["Turkish"] == ("country", "TUR")
    assert got["Ukrainian"] == ("country", "UKR")
    assert got["Kharkiv"] == ("city", "UKR")
    assert got["Ankara"] == ("city", "TUR")
    assert got["Pakistan"] == ("country", "PAK")
    assert got["Gaza Strip"][1] == "PSE"
    for place in coded.places:
        assert text[place.start : place.end] == place.text


def test_places_unresolved_place_keeps_its_words(code_text):
    text = "Militants attacked a checkpoint near Qaryat Zzyxwq, in the Floogle Valley."
    coded = code_text(text)
    for place in coded.places:
        assert text[place.start : place.end] == place.text
        if place.geonames_id is None:
            assert place.lat is None and place.lon is None


def test_places_dateline_after_a_headline_and_village_of(code_text):
    text = ("Clashes on the frontier\n\nBAKU - Armenian troops shelled positions near the "
            "mountain village of Sotk, the ministry said.\n\nOfficials later met reporters.")
    coded = code_text(text)
    assert any(p.text == "Sotk" and p.country == "ARM" for p in coded.places)
    shelled = next(e for e in coded.events if e.trigger["text"] == "shelled")
    assert shelled.location["name"] == "Sotk" and shelled.location["found_by"] == "clause"


def test_places_writes_only_its_own_attributes(coder):
    from tacitus.model import Article
    from tacitus.pipeline import to_coded

    text = "Russian forces shelled Kharkiv on Monday."
    article = Article(id="t", text=text, published="2025-09-01")
    doc = coder.nlp(coder.prepare(article))
    shelled = next(n for n, e in enumerate(doc._.events) if e.trigger["text"] == "shelled")
    event = doc._.events[shelled]
    assert event.location is None and event.target.code is None  # the events' own record
    placed = doc._.event_places[shelled]
    assert placed.location["name"] == "Kharkiv" and placed.target.code == "UKR"
    coded = to_coded(doc, article)
    assert coded.events[shelled].location == placed.location
    assert coded.events[shelled].target.code == "UKR"
