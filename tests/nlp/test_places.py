"""Event locations from place phrases, resolved with the gazetteer, on team-written sentences."""

from __future__ import annotations

import pytest

from tacitus.nlp.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


@pytest.mark.parametrize(
    ("name", "country"),
    [("Alexandria", "EGY"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Lahore", "PAK")],
)
def test_places_gazetteer_finds_cities(gazetteer, name, country):
    place = gazetteer.city(name)
    assert place is not None and place.country == country
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_places_gazetteer_unknown_name(gazetteer):
    assert gazetteer.city("Nowhereville Upon Sea") is None


def test_places_event_location_from_in_phrase(code_text):
    coded = code_text("Egyptian police arrested ten protesters in Alexandria on Friday.")
    event = next(e for e in coded.events if e.cameo_root == "17")
    assert event.location is not None
    assert event.location["name"] == "Alexandria"
    assert event.location["country"] == "EGY"
    assert event.location["lat"] == pytest.approx(31.2, abs=0.5)


def test_places_country_location_has_no_point(code_text):
    coded = code_text("Kenyan troops attacked rebels in Somalia.")
    event = next(e for e in coded.events if e.cameo_root in {"18", "19"})
    assert event.location == {"name": "Somalia", "country": "SOM", "lat": None, "lon": None}


def test_places_no_place_phrase_no_location(code_text):
    coded = code_text("The Irish prime minister praised the Dutch government.")
    assert coded.events and coded.events[0].location is None
