"""KnowledgeBase lookups: normalisation, case, roles and lemmas, seats, media, describe."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.kb import KnowledgeBase


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("Pakistan", "country", "PAK"),
        ("Pakistan’s", "country", "PAK"),
        ("Pakistani", "adjective", "PAK"),
        ("Pakistanis", "demonym", "PAK"),
        ("Islamabad", "capital", "PAK"),
        ("U.S.", "country", "USA"),
        ("America", "country", "USA"),
        ("Britain", "country", "GBR"),
        ("U.K.", "country", "GBR"),
        ("Britons'", "demonym", "GBR"),
        ("DPRK", "country", "PRK"),
        ("Republic of Korea", "country", "KOR"),
        ("Ivory Coast", "country", "CIV"),
        ("Côte d’Ivoire", "country", "CIV"),
        ("Czechia", "country", "CZE"),
        ("Türkiye", "country", "TUR"),
        ("Burma", "country", "MMR"),
        ("Kosovo", "country", "XKX"),
        ("Kyiv", "capital", "UKR"),
        ("Kiev", "capital", "UKR"),
        ("New Delhi", "capital", "IND"),
        ("Moscow", "capital", "RUS"),
        ("The Hague", "capital", "NLD"),
        ("the West", "region", "WST"),
        ("Western", "region_adjective", "WST"),
        ("South Asia", "region", "SAS"),
        ("Taliban", "armed_group", "AFGREBTAL"),
        ("ISIS", "armed_group", "IMGMOSISL"),
        ("Daesh", "armed_group", "IMGMOSISL"),
        ("Hezbollah", "armed_group", "LBNREBHEZ"),
        ("BJP", "party", "INDPTYBJP"),
        ("Republicans", "party", "USAPTYREP"),
        ("Reuters", "media", "GBRMED"),
        ("state media", "media", "MED"),
    ],
)
def test_base_lookup_finds(kb: KnowledgeBase, text: str, kind: str, code: str) -> None:
    assert (kind, code) in {(e.kind, e.code) for e in kb.lookup(text)}


@pytest.mark.parametrize(
    "text", ["the Kremlin", "The Kremlin", "Kremlin", "Kremlin's", "Kremlin’s", " the  Kremlin "]
)
def test_base_lookup_normalises(kb: KnowledgeBase, text: str) -> None:
    assert [e.code for e in kb.lookup(text)] == ["RUSGOV"]


@pytest.mark.parametrize("text", ["pakistan", "PAKISTAN", "kremlin", "Narnia", "", "   "])
def test_base_lookup_proper_names_are_case_sensitive(kb: KnowledgeBase, text: str) -> None:
    assert kb.lookup(text) == []


def test_base_lookup_accentless_spelling(kb: KnowledgeBase) -> None:
    assert [e.code for e in kb.lookup("Elysee")] == ["FRAGOV"]
    assert [e.code for e in kb.lookup("Élysée")] == ["FRAGOV"]


@pytest.mark.parametrize("text", ["prime minister", "Prime Minister", "PRIME MINISTER"])
def test_base_lookup_role_phrases_in_any_case(kb: KnowledgeBase, text: str) -> None:
    assert [e.key for e in kb.lookup(text)] == ["title:prime minister"]


def test_base_lookup_ambiguous_form_gives_every_entry(kb: KnowledgeBase) -> None:
    kinds = {(e.kind, e.code) for e in kb.lookup("Brussels")}
    assert kinds == {("capital", "BEL"), ("igo", "IGOEUREEC")}


@pytest.mark.parametrize(
    ("seat", "code", "sectors"),
    [
        ("Pentagon", "USAMIL", ("MIL",)),
        ("White House", "USAGOV", ("GOV",)),
        ("State Department", "USAGOV", ("GOV",)),
        ("Kremlin", "RUSGOV", ("GOV",)),
        ("Downing Street", "GBRGOV", ("GOV",)),
        ("Zhongnanhai", "CHNGOV", ("GOV",)),
        ("ISI", "PAKSPY", ("SPY",)),
    ],
)
def test_base_seat_sectors(
    kb: KnowledgeBase, seat: str, code: str, sectors: tuple[str, ...]
) -> None:
    (entry,) = [e for e in kb.lookup(seat) if e.kind == "seat"]
    assert (entry.code, entry.sectors, entry.country) == (code, sectors, code[:3])


@pytest.mark.parametrize(
    ("phrase", "key", "sectors"),
    [
        ("president", "title:president", ("GOV",)),
        ("presidents", "title:president", ("GOV",)),
        ("Presidents", "title:president", ("GOV",)),
        ("foreign ministers", "title:foreign minister", ("GOV",)),
        ("defense minister", "title:defense minister", ("GOV", "MIL")),
        ("the army", "group:army", ("MIL",)),
        ("soldiers", "group:soldier", ("MIL",)),
        ("policemen", "title:policeman", ("COP",)),
        ("militias", "group:militia", ("REB",)),
        ("protesters", "group:protester", ("CVL",)),
        ("gunmen", "group:gunman", ("UAF",)),
        ("prosecutors", "title:prosecutor", ("JUD",)),
        ("lawmakers", "title:lawmaker", ("LEG",)),
        ("spy agency", "group:spy agency", ("SPY",)),
        ("junta", "group:junta", ("MIL",)),
        ("spokesman", "title:spokesman", ()),
    ],
)
def test_base_role_and_lemma(
    kb: KnowledgeBase, phrase: str, key: str, sectors: tuple[str, ...]
) -> None:
    entry = kb.role(phrase)
    assert entry is not None
    assert (entry.key, entry.sectors, entry.code) == (key, sectors, "")


@pytest.mark.parametrize("phrase", ["pakistan", "banana", ""])
def test_base_role_unknown(kb: KnowledgeBase, phrase: str) -> None:
    assert kb.role(phrase) is None


@pytest.mark.parametrize(
    ("text", "media"),
    [
        ("Reuters", True),
        ("AP", True),
        ("Associated Press", True),
        ("the Washington Post", True),
        ("Xinhua", True),
        ("Dawn", True),
        ("state media", True),
        ("State media", True),
        ("state television", True),
        ("Pakistan", False),
        ("Kremlin", False),
        ("journalists", False),
    ],
)
def test_base_is_media(kb: KnowledgeBase, text: str, media: bool) -> None:
    assert kb.is_media(text) is media


def test_base_country_record(kb: KnowledgeBase) -> None:
    usa = kb.country("usa")
    assert usa is not None
    assert usa.name == "United States" and usa.region == "NMR" and usa.un_member
    assert {"U.S.", "US", "USA", "America", "United States of America"} <= set(usa.names)
    assert "Washington" in usa.capitals and "Americans" in usa.demonyms
    assert usa.title_name == "the United States"
    assert kb.country("ZZZ") is None


def test_base_surface_forms_cover_every_kind(kb: KnowledgeBase) -> None:
    forms = {(form, entry.kind) for form, entry in kb.surface_forms()}
    for item in [
        ("Pakistan", "country"),
        ("Pakistani", "adjective"),
        ("Kremlin", "seat"),
        ("SCO", "igo"),
        ("Taliban", "armed_group"),
        ("Reuters", "media"),
        ("State media", "media"),
        ("prime minister", "title"),
        ("troops", "group"),
        ("Mainland China", "country"),
    ]:
        assert item in forms


def test_base_people_in_surface_forms_and_lookup(people_kb: KnowledgeBase) -> None:
    forms = {form for form, entry in people_kb.surface_forms() if entry.kind == "person"}
    assert {"Shehbaz Sharif", "Sharif", "Shehbaz", "Trump"} <= forms
    keys = {e.key for e in people_kb.lookup("Sharif")}
    assert keys == {"person:nawaz-sharif", "person:shehbaz-sharif"}


def test_base_describe_country_code(kb: KnowledgeBase) -> None:
    (info,) = kb.describe("PAK")
    assert info["kind"] == "country" and info["name"] == "Pakistan"
    assert "Islamabad" in info["capitals"] and info["region"] == "SAS"


def test_base_describe_person_lists_positions(people_kb: KnowledgeBase) -> None:
    described = people_kb.describe("Sharif", on=dt.date(2016, 1, 1))
    by_key = {d["key"]: d for d in described}
    nawaz = by_key["person:nawaz-sharif"]
    assert nawaz["positions"][0]["title"] == "Prime Minister of Pakistan"
    assert nawaz["positions"][0]["start"] == "2013-06-05"
    assert nawaz["positions"][0]["current"] is True
    assert nawaz["name_resolves_to"]["kb_id"] == "person:nawaz-sharif"
    assert len(by_key["person:shehbaz-sharif"]["positions"]) == 2


def test_base_describe_role_and_unknown(kb: KnowledgeBase) -> None:
    assert [d["key"] for d in kb.describe("presidents")] == ["title:president"]
    assert kb.describe("Narnia") == []
