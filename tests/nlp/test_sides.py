"""Event sides: targets the clause names, targets in phrases, places as targets, countries
from context, participants that keep their words, and the precision traps (team-written)."""

from __future__ import annotations

import pytest

from tacitus.nlp.sides import is_participant


def _events(coded, root=None):
    return [e for e in coded.events if root is None or e.cameo_root == root]


def _pairs(coded, root=None):
    return {(e.source.code, e.target.code if e.target else None) for e in _events(coded, root)}


@pytest.mark.parametrize(
    ("text", "root", "target"),
    [
        # a direct object that is an actor is the target whatever the verb
        ("The Chilean president called his Peruvian counterpart on Friday.", "04", "PER"),
        ("The Dutch king hosted the Belgian prime minister in The Hague.", "04", "BEL"),
        ("The Kenyan president thanked Tanzania for its help.", "05", "TZA"),
        # the object of a targeting preposition, or inside the object's phrase
        ("Sweden lifted its sanctions against Belarus on Monday.", "08", "BLR"),
        ("The Greek government rejected Turkey's offer of talks.", "12", "TUR"),
        ("Ghana pledged its support to the Malian people.", "03", "MLI"),
    ],
)
def test_sides_targets_the_clause_names(code_text, text, root, target):
    coded = code_text(text)
    targets = {e.target.country for e in _events(coded, root) if e.target}
    assert target in targets, [(e.cameo, e.target) for e in coded.events]


def test_sides_noun_event_takes_its_complement(code_text):
    coded = code_text("The Serbian army launched an assault on Kosovo on Sunday.")
    assert ("SRBMIL", "XKX") in {(s, t and t[:3]) for s, t in _pairs(coded, "19")}


def test_sides_place_is_the_target_of_an_untargeted_protest(code_text):
    coded = code_text("Thousands of Albanians demonstrated in Belgrade on Sunday.")
    event = _events(coded, "14")[0]
    assert event.target is not None
    assert (event.target.country, event.target.found_by) == ("SRB", "location")
    assert event.target.text == "Belgrade"


def test_sides_own_forces_at_home_take_no_place_target(code_text):
    coded = code_text("Syrian troops opened fire in Damascus on Friday.")
    assert all(e.target is None or e.target.found_by != "location" for e in coded.events)


def test_sides_participant_keeps_its_words(code_text):
    coded = code_text("The Iraqi parliament rejected the new budget proposal on Tuesday.")
    event = _events(coded, "12")[0]
    assert event.target is not None
    assert event.target.code is None and "budget proposal" in event.target.text
    text = coded.article.text
    assert text[event.target.start : event.target.end] == event.target.text


def test_sides_no_event_between_two_participants(code_text):
    coded = code_text("A truck rammed a parked car in the suburbs.")
    assert coded.events == []


def test_sides_nature_is_no_agent(code_text):
    text = "Pakistan sent aid to the north. The earthquake struck northern Pakistan on Monday."
    coded = code_text(text)
    assert not [e for e in coded.events if e.cameo_root in {"18", "19", "20"}]


def test_sides_statement_is_about_its_complement_subject(code_text):
    coded = code_text("The Chinese foreign ministry said Japan had broken its promise.")
    targets = {e.target.country for e in _events(coded, "01") if e.target}
    assert "JPN" in targets


def test_sides_statement_passes_over_the_speaker(code_text):
    coded = code_text("The Egyptian government said it was worried about Ethiopia.")
    targets = {e.target.country for e in _events(coded, "01") if e.target}
    assert targets == {"ETH"}


@pytest.mark.parametrize(
    ("text", "code", "pair"),
    [
        ("Moscow said Kyiv must withdraw its forces.", "106", ("RUS", "UKR")),
        (
            "The Kenyan president said Uganda should hold talks with the rebels.",
            "026",
            ("KENGOV", "UGA"),
        ),
        ("Berlin said Athens has to release the two journalists.", "1053", ("DEU", "GRC")),
    ],
)
def test_sides_obligation_under_a_speech_verb_is_a_demand(code_text, text, code, pair):
    coded = code_text(text)
    assert (code, *pair) in {
        (e.cameo, e.source.code, e.target.code if e.target else None) for e in coded.events
    }


def test_sides_should_without_a_speaker_stays_hypothetical(code_text):
    coded = code_text("Uganda should hold talks with the rebels.")
    assert all(e.modality == "hypothetical" for e in coded.events)


@pytest.mark.parametrize(
    ("text", "word", "country"),
    [
        ("DHANI, Pakistan - Police fired tear gas at protesters on Monday.", "protesters", "PAK"),
        ("KABUL - The vice-president condemned the attack on Sunday.", "vice-president", "AFG"),
        ("Police in Nairobi arrested three men on Monday.", "Police", "KEN"),
    ],
)
def test_sides_country_from_context(code_text, text, word, country):
    coded = code_text(text)
    actor = next(a for a in coded.actors if a.text == word)
    assert (actor.country, actor.found_by) == (country, "context")


def test_sides_the_two_governments_stay_the_pair(code_text):
    text = (
        "Japan and South Korea signed a defence pact on Monday. "
        "North Korea's state media accused the two governments of plotting a war."
    )
    coded = code_text(text, "2025-08-20")
    assert {e.target.country for e in _events(coded, "11") if e.target} == {"JPN", "KOR"}


def test_sides_pronoun_side_is_found_by_coreference(code_text):
    coded = code_text("Canada recalled its ambassador. It also expelled two Iranian diplomats.")
    expel = next(e for e in coded.events if e.trigger["text"].startswith("expelled"))
    assert expel.source.country == "CAN" and expel.source.found_by == "coreference"
    assert expel.target is not None and expel.target.country == "IRN"


def test_sides_appositive_name_is_the_side(code_text):
    text = "The then president, Goodluck Jonathan, rejected the proposals."
    coded = code_text(text, "2024-05-01")
    event = _events(coded, "12")[0]
    assert event.source.text == "Goodluck Jonathan"


def test_sides_doer_behind_a_statement(code_text):
    coded = code_text("Amnesty International issued a statement calling on Egypt to act.")
    appeal = _events(coded, "02")[0]
    assert appeal.source.text == "Amnesty International"
    assert appeal.target is not None and appeal.target.country == "EGY"


def test_sides_own_things_are_no_target(code_text):
    coded = code_text("Poland opened its borders on Monday.")
    event = _events(coded, "08")[0]
    assert event.source.country == "POL" and event.target is None


def test_sides_wanting_to_thank_is_thanking(code_text):
    coded = code_text('"I want to thank Japan for its support," the Kenyan president said.')
    thanks = [e for e in coded.events if e.target and e.target.country == "JPN"]
    assert thanks and all(e.cameo_root == "05" and e.modality == "asserted" for e in thanks)


def test_sides_wanting_to_buy_stays_an_intention(code_text):
    coded = code_text("Kenya wants to buy arms from Israel.")
    assert coded.events and all(e.modality == "intended" for e in coded.events)


def test_sides_reporters_are_a_channel_not_a_target(code_text):
    coded = code_text("The Kenyan president told reporters in Nairobi that the talks had failed.")
    assert all(e.target is None or e.target.sectors != ["MED"] for e in coded.events)


def test_sides_place_object_stands_for_its_country(code_text):
    coded = code_text("Russian forces shelled Kharkiv on Tuesday.")
    event = _events(coded, "19")[0]
    assert event.target is not None
    assert (event.target.text, event.target.code) == ("Kharkiv", "UKR")


def test_sides_owner_of_the_object_is_the_target(code_text):
    coded = code_text("The Libyan army released a Turkish ship on Monday.")
    event = _events(coded, "08")[0]
    assert event.target is not None and event.target.country == "TUR"


def test_sides_asked_act_specifies_the_appeal(code_text):
    coded = code_text("The Arab League called on Israel to lift its blockade of Gaza.")
    appeal = _events(coded, "02")[0]
    assert appeal.cameo == "0256" and appeal.target is not None
    assert appeal.target.country == "ISR"
    assert not _events(coded, "08")  # the lifting is asked for, it did not happen


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the clause acting on an armed group places it
        ("France said its aircraft had struck rebel camps in northern Mali.", "MLIREB"),
        # the noun the group word modifies places it
        ("Kenya said Kenyan troops shelled militant bases in southern Somalia.", "SOMREB"),
    ],
)
def test_sides_armed_group_takes_the_country_where_the_text_places_it(code_text, text, target):
    coded = code_text(text)
    targets = {(e.target.code, e.target.found_by) for e in _events(coded, "19") if e.target}
    assert (target, "context") in targets, targets


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Israeli air strikes hit a school in Gaza City on Tuesday.", "school"),
        ("A Turkish drone strike destroyed a Kurdish militia convoy in northern Syria.", "militia"),
    ],
)
def test_sides_event_noun_acts_through_a_verb_of_impact(code_text, text, target):
    """An event noun that is the subject of a verb of impact acts on that verb's object."""
    coded = code_text(text)
    targets = [e.target.text for e in _events(coded, "19") if e.target]
    assert any(target in t for t in targets), [(e.cameo, e.target) for e in coded.events]


def test_sides_destination_hung_on_the_goods_is_the_receiver(code_text):
    """"sent tents and staff such as engineers [to] Morocco": the parser hangs the
    destination on the last of the goods; the receiver is still Morocco, not the engineers."""
    coded = code_text(
        "Norway, Denmark and other governments have sent tents and staff such as engineers "
        "to Morocco."
    )
    assert {("NOR", "MAR"), ("DNK", "MAR")} <= _pairs(coded, "07")


@pytest.mark.parametrize(
    ("text", "root", "target"),
    [
        # people a state acts on, named by the trigger's own object, are the target
        ("The Bolivian government expelled 15 aid workers employed by a Dutch charity.", "16",
         "aid workers"),
        ("The junta banned opposition newspapers.", "17", "opposition newspapers"),
    ],
)
def test_sides_people_acted_on_are_the_target(code_text, text, root, target):
    coded = code_text(text)
    assert target in {e.target.text for e in _events(coded, root) if e.target}, [
        (e.cameo, e.target) for e in coded.events
    ]


def test_sides_state_forces_it_acts_through_are_no_target(code_text):
    coded = code_text("The Nepali army mobilized troops along the border.")
    assert [e.target for e in _events(coded, "15")] == [None]


def test_sides_owner_of_the_trigger_object_before_its_topic(code_text):
    """"rejected [Norway's] offer on fishing quotas": the offer's owner is the target, not
    what the offer is about."""
    coded = code_text(
        "The Swedish minister has rejected Norway’s offer on fishing quotas, calling it unfair."
    )
    assert {e.target.code for e in _events(coded, "12") if e.target} == {"NOR"}


def test_sides_an_amount_of_currency_is_no_participant(parser):
    doc = parser("Austria pledged aid of 30 million euros to the Red Cross.")
    euros = next(t for t in doc if t.text == "euros")
    cross = next(t for t in doc if t.text == "Cross")
    assert not is_participant(euros)
    assert is_participant(cross)
