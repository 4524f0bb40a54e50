"""Place mentions the recogniser mislabels or splits: team-written sentences."""

from __future__ import annotations


def _found(coded) -> dict[str, object]:
    return {p.text: p for p in coded.places}


def test_mentions_town_before_a_region_name(code_text):
    coded = code_text("The family of Mary Cole of Enid, Oklahoma, and of Laramie, Wyoming, met.")
    got = _found(coded)
    assert (got["Enid"].country, got["Enid"].adm1) == ("USA", "OK")
    assert (got["Laramie"].country, got["Laramie"].adm1) == ("USA", "WY")


def test_mentions_name_read_as_a_date_is_still_a_place(code_text):
    coded = code_text(
        "The shelter opened on Monday. Volunteers said the need is great in Winnipeg."
    )
    got = _found(coded)
    assert got["Winnipeg"].country == "CAN"
    assert "Monday" not in got


def test_mentions_place_after_a_preposition_inside_an_organisation(code_text):
    coded = code_text("The boy was flown to the Children's Hospital of Manitoba in Winnipeg.")
    assert _found(coded)["Winnipeg"].country == "CAN"


def test_mentions_town_name_is_no_part_of_a_facility(code_text):
    coded = code_text("Pupils from Cuckoo Hall Academy in Edmonton won the prize.")
    assert "Hall" not in _found(coded)


def test_mentions_country_before_a_hyphen(code_text):
    coded = code_text("Turkey joined the U.S.-led campaign, and a Well-known author spoke.")
    place = _found(coded)["U.S."]
    assert (place.country, place.feature) == ("USA", "country")
    assert coded.article.text[place.start : place.end] == "U.S."
    assert "Well" not in _found(coded)


def test_mentions_town_before_its_council_or_police(code_text):
    coded = code_text(
        "A mason was arrested by Danbury police on Monday, and Enfield Council said the "
        "shelter will stay open at Christmas."
    )
    got = _found(coded)
    assert got["Danbury"].country == "USA"
    assert "Enfield" in got
    assert "Christmas" not in got


def test_mentions_name_a_strike_lands_on_is_a_town(code_text):
    """"struck Haifa": the recogniser reads a person, but what missiles strike is a town."""
    coded = code_text("Iranian missiles struck Haifa on Sunday, damaging the port.")
    haifa = _found(coded).get("Haifa")
    assert haifa is not None and (haifa.feature, haifa.country) == ("city", "ISR")


def test_mentions_person_attacked_in_words_stays_a_person(code_text):
    coded = code_text("The senator attacked Warren over the budget on Tuesday.")
    assert "Warren" not in _found(coded)


def test_mentions_hyphenated_article_stays_in_the_name(code_text):
    coded = code_text("Aid convoys reached Deir ez-Zor after the road reopened.")
    place = _found(coded)["Deir ez-Zor"]
    assert (place.country, place.feature) == ("SYR", "city")


def test_mentions_transliteration_variant_finds_the_town(code_text):
    coded = code_text("Artillery shelled Zaporizhia overnight, the governor said.")
    place = _found(coded)["Zaporizhia"]
    assert (place.country, place.feature, place.geonames_id) == ("UKR", "city", 687700)


def test_mentions_dateline_in_capitals_is_a_place(code_text):
    coded = code_text("DANBURY — The mayor will hold a press conference on Monday.")
    place = _found(coded)["DANBURY"]
    assert (place.country, place.adm1) == ("USA", "CT")
    assert not code_text("WATCH: The mayor spoke on Monday.").places
