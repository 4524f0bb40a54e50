"""Actor mentions resolved to CAMEO codes, on sentences the team wrote."""

from __future__ import annotations

import pytest


def _actors(code_text, text, date="2025-09-01"):
    return [(a.text, a.code) for a in code_text(text, date).actors]


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Pakistan sent a delegation to the summit.", "Pakistan", "PAK"),
        ("The Pakistani premier arrived in Baku on Monday.", "Pakistani premier", "PAKGOV"),
        ("Russian troops crossed the river at dawn.", "Russian troops", "RUSMIL"),
        ("The Kremlin rejected the report.", "Kremlin", "RUSGOV"),
        ("Kenyan police arrested three men.", "Kenyan police", "KENCOP"),
        ("Rebels seized the town overnight.", "Rebels", "REB"),
        ("The United Nations sent observers.", "United Nations", "IGOUNO"),
        ("NATO held a summit in Vilnius.", "NATO", "IGOWSTNAT"),
        ("The West has criticised the vote.", "West", "WST"),
    ],
)
def test_actors_resolve_names_titles_groups(code_text, text, mention, code):
    found = _actors(code_text, text)
    assert any(m.endswith(mention) or mention in m for m, c in found if c == code), found


def test_actors_person_keeps_code_under_surname(code_text):
    text = (
        "Brazilian President Luiz Inacio Lula da Silva arrived in Rome.\n\n"
        "Lula later met the Italian prime minister."
    )
    coded = code_text(text, "2025-06-01")
    lula = [a for a in coded.actors if a.text == "Lula"]
    assert lula and lula[0].code == "BRAGOV"


@pytest.mark.parametrize(
    ("date", "name"), [("2016-01-01", "Nawaz Sharif"), ("2025-09-01", "Shehbaz Sharif")]
)
def test_actors_surname_resolves_by_article_date(code_text, date, name):
    coded = code_text("Sharif addressed the parliament in Islamabad.", date)
    sharif = next(a for a in coded.actors if a.text == "Sharif")
    assert sharif.name == name
    assert sharif.code == "PAKGOV"


def test_actors_former_leader_is_elite(code_text):
    coded = code_text(
        "Former Pakistani prime minister Nawaz Sharif returned to Lahore.", "2025-09-01"
    )
    sharif = next(a for a in coded.actors if "Sharif" in a.text)
    assert sharif.code == "PAKELI"


def test_actors_platform_is_not_an_actor(code_text):
    coded = code_text(
        "The Kenyan president posted on X (formerly Twitter) that the talks went well."
    )
    texts = [a.text for a in coded.actors]
    assert "X" not in texts and "Twitter" not in texts
    assert any(a.code == "KENGOV" for a in coded.actors)


def test_actors_two_leaders_refers_to_last_two_people(code_text):
    text = (
        "Japanese Prime Minister Shigeru Ishiba met Indian Prime Minister Narendra Modi in Tokyo. "
        "The two leaders discussed trade."
    )
    coded = code_text(text, "2025-08-30")
    pair = [a for a in coded.actors if a.text.endswith("two leaders")]
    assert {a.code for a in pair} == {"JPNGOV", "INDGOV"}
    assert all(a.antecedent for a in pair)


def test_actors_possessive_gives_country_to_title(code_text):
    coded = code_text("Egypt's foreign minister flew to Amman.")
    minister = next(a for a in coded.actors if "foreign minister" in a.text)
    assert minister.code == "EGYGOV"


def test_actors_adjective_alone_is_not_listed(code_text):
    coded = code_text("The army bought Russian-made helicopters.")
    assert "Russian" not in [a.text for a in coded.actors]


def test_actors_two_governments_exclude_the_speaker(code_text):
    text = (
        "Japan and South Korea signed a defence pact on Monday. "
        "North Korea's state media accused the two governments of plotting a war."
    )
    coded = code_text(text, "2025-08-20")
    targets = {e.target.country for e in coded.events if e.cameo_root == "11" and e.target}
    assert targets == {"JPN", "KOR"}


def test_actors_korean_name_order_keeps_surname(code_text):
    text = (
        "South Korean Foreign Minister Cho Hyun arrived in Tokyo on Monday.\n\n"
        "Cho later met the Japanese prime minister."
    )
    coded = code_text(text, "2025-08-20")
    cho = [a for a in coded.actors if a.text == "Cho"]
    assert cho and cho[0].country == "KOR" and cho[0].antecedent is not None


def test_actors_common_word_alias_needs_a_name(code_text):
    coded = code_text("In May, the Chinese army held drills near the coast.", "2017-06-01")
    assert "May" not in [a.text for a in coded.actors]
    coded = code_text(
        "Theresa May met the Irish prime minister. May later flew home.", "2017-06-01"
    )
    assert [a.code for a in coded.actors if a.text == "May"] == ["GBRGOV"]
