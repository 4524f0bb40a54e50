"""Events from the parse: sources, targets, passives, conjunctions, modality (team-written)."""

from __future__ import annotations

import pytest


def _dyads(coded, happened_only=True):
    events = [e for e in coded.events if e.happened or not happened_only]
    return [(e.source.country, e.cameo[:2], e.target.country if e.target else None) for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Brazilian president met the Argentine president in Brasilia.", ("BRA", "04", "ARG")),
        ("Egypt held talks with Jordan on Sunday.", ("EGY", "04", "JOR")),
        ("The European Union imposed sanctions on Belarus.", ("IGOEUREEC", "16", "BLR")),
        # the rebels of a camp attacked by Nigerian troops are Nigeria's (article context)
        ("Nigerian troops attacked a rebel camp near the border.", ("NGA", "19", "NGA")),
        ("The Irish prime minister praised the Dutch government.", ("IRL", "05", "NLD")),
    ],
)
def test_events_active_voice(code_text, text, expected):
    assert expected in _dyads(code_text(text))


def test_events_passive_voice_swaps_roles(code_text):
    coded = code_text("The Malian army was attacked by rebels near Gao.")
    event = next(e for e in coded.events if e.cameo_root == "19")
    assert event.target is not None and event.target.code == "MLIMIL"
    assert event.source.code == "MLIREB"  # rebels in an article about Mali: context


def test_events_conjoined_subjects_give_one_event_each(code_text):
    coded = code_text("France and Germany praised Poland for its help.")
    pairs = {(e.source.country, e.target.country) for e in coded.events if e.cameo_root == "05"}
    assert pairs == {("FRA", "POL"), ("DEU", "POL")}


def test_events_reciprocal_subjects_without_target(code_text):
    coded = code_text("India and Pakistan held talks in Geneva.")
    pairs = {(e.source.country, e.target.country if e.target else None) for e in coded.events}
    assert ("IND", "PAK") in pairs and ("PAK", "IND") in pairs


def test_events_negation_marks_event(code_text):
    coded = code_text("The Greek prime minister did not meet the Turkish president.")
    event = next(e for e in coded.events if e.cameo_root == "04")
    assert event.negated is True
    assert event.happened is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Vietnam wants to expand cooperation with Australia.", "031"),
        ("The Danish prime minister plans to meet Norwegian officials.", "036"),
        ("Sweden will work closely with Finland.", "031"),
    ],
)
def test_events_intentions_become_intent_codes(code_text, text, code):
    coded = code_text(text)
    event = next(e for e in coded.events if e.cameo_root == "03")
    assert event.cameo == code
    assert event.modality == "intended"


def test_events_hypothetical_is_not_counted(code_text):
    coded = code_text("If Canada imposed sanctions on Iran, trade would fall.")
    sanction = [e for e in coded.events if e.cameo_root == "16"]
    assert sanction and all(e.modality == "hypothetical" for e in sanction)


def test_events_reported_speech_keeps_embedded_event(code_text):
    coded = code_text("The Kenyan foreign minister said Kenya wants to work closely with Uganda.")
    roots = {e.cameo_root for e in coded.events}
    assert "03" in roots
    assert "01" not in roots  # the speech verb only carries the embedded event


def test_events_statement_alone_is_coded(code_text):
    coded = code_text("The Kenyan foreign minister said the weather was fine.")
    assert [e.cameo_root for e in coded.events] == ["01"]


def test_events_trigger_offsets_point_at_words(code_text):
    text = "Egypt held talks with Jordan on Sunday."
    coded = code_text(text)
    event = coded.events[0]
    assert text[event.trigger["start"] : event.trigger["end"]] == event.trigger["text"]
    assert "talks" in event.trigger["text"]
    assert event.rule and 0 < event.confidence <= 1


def test_events_boilerplate_line_produces_nothing(code_text):
    coded = code_text("Read More - Egypt held talks with Jordan on Sunday\n")
    assert coded.events == []


def test_events_nominal_trigger_with_national_adjective(code_text):
    coded = code_text("Western sanctions on Russia hurt its oil exports.")
    assert ("WST", "16", "RUS") in _dyads(coded)


@pytest.mark.parametrize(
    "text", ["A woman was stabbed outside a bar on Friday.", "Two men were charged with theft."]
)
def test_events_unnamed_doer_and_private_person_is_not_political(code_text, text):
    assert code_text(text).events == []


def test_events_unnamed_doer_against_state_actor_is_kept(code_text):
    coded = code_text("Two Malian soldiers were killed near Gao on Sunday.")
    assert any(e.cameo_root == "18" and e.target.code == "MLIMIL" for e in coded.events)


def test_events_armed_group_keeps_its_code(code_text):
    coded = code_text("Israel attacked Hamas positions in Gaza.")
    assert coded.events and coded.events[0].source.code == "ISR"
    assert any(a.code == "PSEREBHMS" for a in coded.actors)


def test_events_indirect_object_is_the_target(code_text):
    coded = code_text("Britain gave Ukraine fourteen tanks in January.")
    assert ("GBR", "07", "UKR") in _dyads(coded)


def test_events_receiver_pattern_makes_subject_the_target(code_text):
    coded = code_text("Ukraine received fighter jets from Denmark.")
    assert ("DNK", "07", "UKR") in _dyads(coded)


def test_events_committed_violations_are_not_intentions(code_text):
    coded = code_text("Indian troops committed ceasefire violations along the border.")
    assert coded.events and all(e.modality != "intended" for e in coded.events)


def test_events_threat_outranks_the_threatened_act(code_text):
    coded = code_text("The Thai army threatened to outlaw the opposition party.")
    assert any(e.cameo_root == "13" and e.happened for e in coded.events)


def test_events_national_adjective_on_object_gives_target_country(code_text):
    coded = code_text("Azerbaijani troops attacked Armenian positions near the border.")
    assert ("AZE", "19", "ARM") in _dyads(coded)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Iran refused to release the British sailors.", "1243"),
        ("Britain will not lift its sanctions on Belarus.", "1244"),
        ("The Serbian president declined to meet the Kosovar prime minister.", "125"),
    ],
)
def test_events_refusals_become_rejections(code_text, text, code):
    coded = code_text(text)
    event = next(e for e in coded.events if e.cameo_root == "12")
    assert event.cameo == code
    assert event.happened and not event.negated


def test_events_trailing_attribution_is_not_a_statement(code_text):
    coded = code_text("Nigerian troops attacked a rebel camp on Monday, officials said.")
    assert [e.cameo_root for e in coded.events] == ["19"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Portugal said it agreed with Spain on the water treaty.", "019"),
        ("The Thai foreign minister said Thailand was considering a visa waiver for India.", "014"),
        ("Bolivia denied the allegations, the Bolivian interior ministry said.", "016"),
        ("The Zambian government rejected the accusations, a spokesman said.", "016"),
    ],
)
def test_events_statement_inside_a_statement_is_kept(code_text, text, code):
    """A statement that reports another statement's kind ("said it agreed") carries it: the
    reported one is coded, whichever of the two the parser puts on top."""
    coded = code_text(text)
    assert [e.cameo for e in coded.events if e.happened] == [code]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Kenyan president said that the police must respect the rights of protesters.", "100"),
        ("The Swedish prime minister said Hungary should respect the European court.", "020"),
        ("The Moroccan government said it will not allow the ship to dock in Tangier.", "120"),
        ("The Thai finance minister said the economy will not grow this year.", "010"),
        ("The Malawian government said it will allow the refugees to stay until March.", "030"),
        ("The Eritrean government said it would reopen the border with Ethiopia.", "0351"),
    ],
)
def test_events_statement_says_a_demand_appeal_or_refusal(code_text, text, code):
    """A statement whose clause lays an obligation on someone is a demand or an appeal, and
    one in which the speaker says it will not act a refusal, when the clause holds no event of
    its own; other futures stay statements."""
    coded = code_text(text)
    assert [e.cameo for e in coded.events if e.happened] == [code]


def test_events_alleged_act_did_not_happen(code_text):
    """What an allegation or accusation says was done is not coded as done: only the denial
    of it is."""
    coded = code_text("The Nigerian army denied allegations that its soldiers burned villages.")
    assert [e.cameo for e in coded.events if e.happened] == ["016"]
    assert any(e.cameo_root == "17" and e.modality == "hypothetical" for e in coded.events)


def test_events_act_asked_for_did_not_happen(code_text):
    """What a request or call asks for is not coded as done; its rejection is."""
    text = "The Serbian court rejected the Croatian request to extradite the former commander."
    coded = code_text(text)
    assert [e.cameo for e in coded.events if e.happened] == ["120"]
    assert any(e.cameo == "063" and e.modality == "hypothetical" for e in coded.events)


def test_events_purpose_of_an_act_is_not_done(code_text):
    """An infinitive saying what an act is for states an aim, not a second act."""
    coded = code_text("The Kenyan army attacked the camp to free the hostages.")
    assert [e.cameo for e in coded.events if e.happened] == ["190"]
    assert any(e.cameo == "0841" and e.modality == "hypothetical" for e in coded.events)


@pytest.mark.parametrize(
    ("text", "roots"),
    [
        ("The Bolivian government freed the students who were jailed during the protests.",
         ["08"]),
        # what is said is that they are alive (010); the kidnapping only says who they are
        ("The Malian defence minister said the soldiers who were kidnapped in May are alive.",
         ["01", "18"]),
        ("The European Union lifted the sanctions imposed on Belarus by the council in 2020.",
         ["08"]),
    ],
)
def test_events_relative_clause_is_background_to_an_act(code_text, text, roots):
    """An event in a relative clause describes a participant of the sentence's act and is not
    coded beside it; beside a mere statement it is the news and stays, and so does the
    statement, whose content it is not."""
    coded = code_text(text)
    assert sorted({e.cameo_root for e in coded.events if e.happened}) == roots


def test_events_inside_a_quote_point_at_it(code_text):
    text = "“We will expand cooperation with Uganda,” the Kenyan president said on Monday."
    coded = code_text(text)
    event = next(e for e in coded.events if e.cameo_root == "03")
    quote = next(q for q in coded.quotes if q.direct)
    assert event.quote_id == quote.id
    assert event.source.country == "KEN" and event.target.country == "UGA"


def test_events_truce_between_two_subjects_is_mutual(code_text):
    coded = code_text("The Sudanese army and the Rapid Support Forces agreed to a 72-hour truce.")
    pairs = {(e.source.code, e.target.code if e.target else None) for e in coded.events}
    assert ("SDNMIL", "SDNREBRSF") in pairs and ("SDNREBRSF", "SDNMIL") in pairs


def test_events_generic_modifier_is_not_the_source(code_text):
    coded = code_text("The United States and the Philippines began joint military exercises.")
    assert {e.source.country for e in coded.events} == {"USA", "PHL"}


def test_events_reporters_are_not_the_target_of_a_statement(code_text):
    coded = code_text("The Kenyan president told reporters that the weather was fine.")
    statement = next(e for e in coded.events if e.cameo_root == "01")
    assert statement.target is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause that says who a participant is does not swallow the statement
        (
            "The Peruvian president expressed condolences to the families of the miners who "
            "were killed in the landslide.",
            {"018", "1823"},
        ),
        (
            "The Chadian minister expressed condolences to the relatives of the soldiers "
            "killed in the ambush.",
            {"018"},
        ),
    ],
)
def test_events_statement_kept_beside_a_clause_describing_its_participant(
    code_text, text, expected
):
    assert expected <= {e.cameo for e in code_text(text).events}


def test_events_statement_carrying_its_content_is_still_not_coded_alone(code_text):
    coded = code_text("The Kenyan minister said the soldiers were arrested in Somalia.")
    assert [e.cameo_root for e in coded.events] == ["17"]


def test_events_denial_is_coded_beside_the_act_it_denies(code_text):
    """A denied act is no content that stands in for the denial: the denial is the event."""
    coded = code_text("The Zambian government denied charges by Malawi that it tortured reporters.")
    assert [e.cameo for e in coded.events if e.happened] == ["016"]
    assert any(e.cameo == "1822" and e.negated for e in coded.events)


def test_events_author_of_a_denied_charge_hung_on_the_verb_is_the_target(code_text):
    """"denied charges by X": the parser hangs "by X" on the active verb; X is the accuser."""
    coded = code_text("The Bolivian government denied charges by Peru that it armed the smugglers.")
    denial = next(e for e in coded.events if e.cameo == "016")
    assert denial.target is not None and denial.target.country == "PER"
