"""Disambiguation by the article: team-written texts, one ambiguity each."""

from __future__ import annotations

import pytest


def _place(coded, text):
    return next(p for p in coded.places if p.text == text)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Georgia's parliament in Tbilisi passed the bill, and the Georgian opposition "
         "walked out.", "Georgia", "GEO"),
        ("Voters in Georgia lined up in Atlanta and Savannah as the state counted ballots "
         "in the U.S. election.", "Georgia", "USA"),
        ("Flooding closed roads in Alexandria, Louisiana, and in nearby Pineville on "
         "Tuesday.", "Alexandria", "USA"),
        ("Police in Alexandria said the Egyptian port city was calm.", "Alexandria", "EGY"),
        ("The council in London, Ontario, met as Canadian officials reviewed the budget.",
         "London", "CAN"),
        ("Officials in Edmonton, Ky., said Metcalfe County schools would reopen.",
         "Edmonton", "USA"),
    ],
)
def test_resolve_uses_the_article(code_text, text, name, country):
    place = _place(code_text(text), name)
    assert place.country == country, place


def test_resolve_one_sense_per_article(code_text):
    text = ("Edmonton, Alberta, opened a shelter. The mayor of Edmonton said the shelter "
            "in Edmonton would stay open.")
    coded = code_text(text)
    senses = {p.geonames_id for p in coded.places if p.text == "Edmonton"}
    assert len(senses) == 1
    assert _place(coded, "Edmonton").country == "CAN"


def test_resolve_says_how(code_text):
    coded = code_text("Crowds gathered in Paris, Texas, for the parade.")
    place = _place(coded, "Paris")
    assert place.country == "USA" and place.found_by == "qualifier"


def test_resolve_capital_and_continent(code_text):
    coded = code_text("European diplomats met in Washington as U.S. officials arrived from Asia.")
    assert _place(coded, "Washington").feature == "city"
    assert _place(coded, "European").feature == "continent"
    assert _place(coded, "Asia").feature == "continent"


def test_resolve_feature_words_and_misread_names(code_text):
    text = ("Drones were shot down over the Black Sea. The talks in northern Mali stalled, "
            "and Ukrainian officials said Kherson was shelled again.")
    coded = code_text(text)
    got = {p.text: p for p in coded.places}
    assert "Sea" not in got and got["Black Sea"].geonames_id is None
    assert got["Mali"].country == "MLI"
    assert got["Kherson"].country == "UKR"


def test_resolve_repeated_name_is_no_evidence_for_itself(code_text):
    # Four mentions of "London" are not four votes for England: the one other place,
    # St. Thomas (Ontario), decides.
    text = ("London police arrested a man on Monday. The man, from St. Thomas, was held in "
            "London overnight. London officers said the London shelter was full.")
    coded = code_text(text)
    assert {p.country for p in coded.places if p.text == "London"} == {"CAN"}


def test_resolve_country_is_never_qualified(code_text):
    coded = code_text("He reported on ties to Russia, U.S. officials said on Wednesday.")
    assert _place(coded, "Russia").feature == "country"


def test_resolve_person_and_religion_words_are_no_towns(code_text):
    text = ("Governor Jeb Bush spoke in Tallahassee. Aides to Bush said the early Christian "
            "saint in the painting was restored.")
    got = {p.text for p in code_text(text).places}
    assert "Tallahassee" in got
    assert "Bush" not in got and "Christian" not in got


def test_resolve_dateline_in_capitals_is_the_capital(code_text):
    coded = code_text("WASHINGTON (AP) - The Senate passed the budget bill on Tuesday.")
    place = _place(coded, "WASHINGTON")
    assert place.feature == "city" and place.adm1 == "DC"


def test_resolve_region_after_a_town_is_the_region_holding_it(code_text):
    coded = code_text("The company has offices in Atlanta, Georgia, and in the Bronx, New York.")
    georgia, new_york = _place(coded, "Georgia"), _place(coded, "New York")
    assert (georgia.country, georgia.feature, georgia.adm1) == ("USA", "adm1", "GA")
    assert (new_york.feature, new_york.adm1) == ("adm1", "NY")


def test_resolve_split_abbreviation_and_the_town_before_it(code_text):
    coded = code_text("She was born in Churchill, Man. her parents flew to Barrie, Ont., later.")
    got = {p.text: p for p in coded.places}
    assert (got["Man."].country, got["Man."].adm1) == ("CAN", "03")
    assert (got["Churchill"].country, got["Churchill"].adm1) == ("CAN", "03")
    assert got["Ont."].adm1 == "08"


def test_resolve_county_abbreviation_and_county_offices(code_text):
    text = ("SIOUX CENTER, Iowa - The Plymouth County Sheriff's Office said a tractor was "
            "stolen near Le Mars in Plymouth Co. last week.")
    coded = code_text(text)
    counties = [p for p in coded.places if p.text.startswith("Plymouth")]
    assert {p.text for p in counties} == {"Plymouth County", "Plymouth Co."}
    assert {(p.country, p.adm1) for p in counties} == {("USA", "IA")}


def test_resolve_adjective_takes_the_kb_country(code_text):
    coded = code_text("The American retailer opened a store.")
    assert _place(coded, "American").country == "USA"


def test_resolve_feature_word_before_the_name(code_text):
    coded = code_text("Lawmakers in the state of Georgia passed the bill.")
    georgia = _place(coded, "Georgia")
    assert (georgia.country, georgia.feature) == ("USA", "adm1")


def test_resolve_direction_word_is_the_direction_of_the_next_place(code_text):
    coded = code_text("A fight broke out in North London, and troopers in West Virginia helped.")
    got = {p.text: p for p in coded.places}
    assert "North" not in got
    assert got["London"].country == "GBR"
    assert got["West Virginia"].adm1 == "WV"


def test_resolve_governorate_under_a_region_is_no_region_of_its_own(code_text):
    # GeoNames files Rafah governorate under the Gaza Strip ("PS.GZ.7870260"): a bare
    # "Rafah" is the town, not a first-level region that would hold every Gaza town.
    place = _place(code_text("Tanks massed outside Rafah on Monday, witnesses said."), "Rafah")
    assert (place.country, place.feature) == ("PSE", "city")
