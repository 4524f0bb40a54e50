"""Quotations through the whole coder, on team-written sentences dated 2025-09-01."""

from __future__ import annotations

import pytest


def _direct(coded):
    return [q for q in coded.quotes if q.direct]


def _reported(coded):
    return [q for q in coded.quotes if not q.direct]


def _one(quotes, text):
    found = [q for q in quotes if q.text == text]
    assert found, [q.text for q in quotes]
    return found[0]


MACRON = ("Emmanuel Macron", "FRAGOV")
RUTO = ("William Ruto", "KENGOV")


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        ("“We will sign the deal,” Emmanuel Macron said.", "We will sign the deal,", MACRON),
        ('"We will sign the deal," Emmanuel Macron said.', "We will sign the deal,", MACRON),
        ("William Ruto said: “Kenya is ready to help.”", "Kenya is ready to help.", RUTO),
        ("« Nous sommes prêts », Emmanuel Macron said.", "Nous sommes prêts", MACRON),
    ],
)
def test_quotes_direct_with_speaker(code_text, text, quoted, speaker):
    quote = _one(_direct(code_text(text)), quoted)
    assert quote.cue == "said"
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.code) == speaker
    assert text[quote.start : quote.end] == quoted


def test_quotes_inverted_attribution_without_actor(code_text):
    text = "“The talks were useful,” said a senior aide."
    quote = _one(_direct(code_text(text)), "The talks were useful,")
    assert quote.speaker is not None and "aide" in quote.speaker.text
    assert quote.speaker.code is None
    assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text


def test_quotes_split_quote_is_one_quote_with_one_speaker(code_text):
    text = "William Ruto arrived in Kampala. “We will go,” he said, “and we will win.”"
    quotes = _direct(code_text(text))
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.text == "We will go, and we will win."
    assert text[quote.start : quote.start + 10] == "We will go"
    assert text[quote.end - 16 : quote.end] == "and we will win."
    assert quote.speaker.text == "he" and quote.speaker.code == "KENGOV"
    assert quote.speaker.antecedent["text"] == "William Ruto"


def test_quotes_split_across_sentences_keeps_speaker(code_text):
    text = "“Prices will fall,” the finance minister of Kenya said. “Wages will rise.”"
    quotes = _direct(code_text(text))
    assert [q.text for q in quotes] == ["Prices will fall, Wages will rise."]


def test_quotes_spanning_paragraphs(code_text):
    text = (
        "Emmanuel Macron spoke for an hour in Paris.\n\n"
        "“We will rebuild the bridges that were lost.\n\n"
        "“And we will do it together,” Macron said.\n"
    )
    quotes = _direct(code_text(text))
    assert len(quotes) == 1
    assert quotes[0].text.startswith("We will rebuild") and quotes[0].text.endswith("together,")
    assert quotes[0].speaker.name == "Emmanuel Macron"


def test_quotes_paragraph_of_quote_takes_previous_speaker(code_text):
    text = (
        "“The border will stay open,” William Ruto said on Monday.\n\n"
        "“Trade must go on.”\n"
    )
    quotes = _direct(code_text(text))
    second = _one(quotes, "Trade must go on.")
    assert second.cue is None
    assert second.speaker is not None and second.speaker.name == "William Ruto"


def test_quotes_colon_paragraph_introduces_next_paragraph_quote(code_text):
    text = (
        "“Trade is up,” William Ruto said on Monday.\n\n"
        "Emmanuel Macron added:\n\n"
        "“France will invest in the port.”\n"
    )
    quote = _one(_direct(code_text(text)), "France will invest in the port.")
    assert quote.cue == "added" and quote.speaker.name == "Emmanuel Macron"


def test_quotes_short_quote_inside_sentence(code_text):
    text = "Emmanuel Macron praised William Ruto as “a reliable partner” on Tuesday."
    coded = code_text(text)
    quote = _one(_direct(coded), "a reliable partner")
    assert quote.cue == "praised" and quote.speaker.name == "Emmanuel Macron"
    clause = [q for q in _reported(coded) if "reliable partner" in q.text]
    assert clause and clause[0].text.startswith("William Ruto as")


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “peace plan” was published on Monday.",
        "The ministers’ talks ended without a deal, and nobody’s plan was adopted.",
    ],
)
def test_quotes_scare_quotes_and_apostrophes_are_not_quotes(code_text, text):
    assert _direct(code_text(text)) == []


@pytest.mark.parametrize(
    ("text", "reported", "cue", "speaker"),
    [
        ("William Ruto said Kenya wants closer ties with Uganda.",
         "Kenya wants closer ties with Uganda", "said", "William Ruto"),
        ("Emmanuel Macron told reporters that France would send aid.",
         "that France would send aid", "told reporters", "Emmanuel Macron"),
        ("Kenya will host the summit next year, officials said.",
         "Kenya will host the summit next year", "said", "officials"),
        ("The talks collapsed on Friday, according to two diplomats.",
         "The talks collapsed on Friday", "according to", "diplomats"),
        ("Emmanuel Macron rejected William Ruto's claim that the deal was dead.",
         "that the deal was dead", "claim", "William Ruto"),
        ("Kenya, William Ruto said, will host the summit next year.",
         "Kenya, William Ruto said, will host the summit next year", "said", "William Ruto"),
        ("Emmanuel Macron warned that the sanctions would hurt Europe.",
         "that the sanctions would hurt Europe", "warned", "Emmanuel Macron"),
    ],
)
def test_quotes_reported_speech(code_text, text, reported, cue, speaker):
    quote = _one(_reported(code_text(text)), reported)
    assert quote.cue is not None and cue in quote.cue
    assert quote.speaker is not None
    assert speaker in quote.speaker.text or speaker == quote.speaker.name
    assert text[quote.start : quote.end] == reported


def test_quotes_according_to_unresolved_source_keeps_words(code_text):
    text = "The talks collapsed on Friday, according to two diplomats."
    quote = _one(_reported(code_text(text)), "The talks collapsed on Friday")
    assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
    assert "diplomats" in quote.speaker.text


def test_quotes_posted_on_x(code_text):
    text = "William Ruto posted on X: “Kenya stands with its neighbours.”"
    quote = _one(_direct(code_text(text)), "Kenya stands with its neighbours.")
    assert quote.cue == "posted on X"
    assert quote.speaker.name == "William Ruto"


def test_quotes_dash_attribution(code_text):
    text = "“We want peace and nothing else.” ― Jane Okafor\n“Prices are too high.” ― Tom Reyes\n"
    quotes = _direct(code_text(text))
    assert [(q.text, q.speaker.text) for q in quotes] == [
        ("We want peace and nothing else.", "Jane Okafor"),
        ("Prices are too high.", "Tom Reyes"),
    ]


def test_quotes_transcript_turns(code_text):
    text = (
        "Emmanuel Macron and William Ruto took questions on Monday.\n\n"
        "MODERATOR: What do you expect from the summit?\n\n"
        "MACRON: We expect a deal on trade.\n\n"
        "RUTO: Kenya is ready to sign it.\n"
    )
    quotes = {q.text: q for q in _direct(code_text(text))}
    assert quotes["We expect a deal on trade."].speaker.name == "Emmanuel Macron"
    assert quotes["We expect a deal on trade."].speaker.text == "MACRON"
    assert quotes["Kenya is ready to sign it."].speaker.code == "KENGOV"


def test_quotes_first_person_in_quote_is_speaker_as_event_source(code_text):
    text = (
        "William Ruto spoke in Nairobi on Monday. "
        "“We will expand cooperation with Uganda,” he said."
    )
    coded = code_text(text)
    events = [e for e in coded.events if e.source.text == "We"]
    assert events, [(e.source.text, e.cameo) for e in coded.events]
    event = events[0]
    assert event.source.code == "KENGOV" and event.source.country == "KEN"
    assert event.cameo_root == "03" and event.target is not None and event.target.country == "UGA"
    assert event.source.antecedent is not None


def test_quotes_nested_quote_first_person_is_not_the_speaker(coder):
    from tacitus.model import Article

    text = (
        "William Ruto arrived on Monday. "
        "“A farmer told me, ‘we are tired,’ and I agree,” he said."
    )
    doc = coder.nlp(coder.prepare(Article(id="n", text=text, published="2025-09-01")))
    pronouns = {doc[i].text: actors for i, actors in doc._.quote_pronouns.items()}
    assert pronouns["I"][0].code == "KENGOV"
    assert "we" not in pronouns


def test_quotes_ids_number_quotes_in_order(code_text):
    text = "“One,” Emmanuel Macron said. William Ruto said Kenya agrees. “Two,” Ruto said."
    coded = code_text(text, article_id="art7")
    assert [q.id for q in coded.quotes] == [f"art7-q{n}" for n in range(1, len(coded.quotes) + 1)]
    assert [q.start for q in coded.quotes] == sorted(q.start for q in coded.quotes)
    assert all(q.article_id == "art7" for q in coded.quotes)


def test_quotes_seed_article(shared, coder):
    from tacitus.model import Article

    path = shared / "examples" / "sco-summit-2025.txt"
    if not path.is_file():
        pytest.skip("seed article absent")
    text = path.read_text(encoding="utf-8")
    coded = next(coder.code([Article(id="seed", text=text, published="2025-09-01")]))
    direct = _direct(coded)
    assert len(direct) == 5
    speakers = [(q.speaker.name, q.speaker.code) for q in direct]
    assert speakers.count(("Shehbaz Sharif", "PAKGOV")) == 4
    assert speakers.count(("Narendra Modi", "INDGOV")) == 1


QUOTE_MARKS = "“”\"«»"


def _balanced(text):
    """The quote marks of a record's words pair up: none is left open or half of a pair."""
    marks = [c for c in text.replace("''", '"') if c in QUOTE_MARKS]
    return marks in ([], ["“", "”"], ['"', '"'], ["“", "”", "“", "”"])


@pytest.mark.parametrize(
    ("text", "clause", "quoted"),
    [
        ("The governor said the new law “will protect families across the state.”",
         "the new law “will protect families across the state.”",
         "will protect families across the state."),
        ('Jane Okafor said the plan "is dead." The talks ended.', 'the plan "is dead."',
         "is dead."),
        ("The union said it would strike on Monday and Tuesday unless the company “comes back "
         "to the table.”", "it would strike on Monday and Tuesday unless the company “comes "
         "back to the table.”", "comes back to the table."),
    ],
)
def test_quotes_reported_clause_holds_its_quoted_words_whole(code_text, text, clause, quoted):
    coded = code_text(text)
    reported = _one(_reported(coded), clause)
    direct = _one(_direct(coded), quoted)
    assert reported.cue == direct.cue and reported.speaker.text == direct.speaker.text
    assert all(_balanced(q.text) for q in coded.quotes), [q.text for q in coded.quotes]


def test_quotes_doubled_single_marks_are_one_quote_mark(code_text):
    text = "Cutting the budget ''will hurt the poorest,'' the minister said on Monday."
    coded = code_text(text)
    quote = _one(_direct(coded), "will hurt the poorest,")
    assert quote.speaker.text == "minister" and text[quote.start : quote.end] == quote.text
    assert all(_balanced(q.text) for q in coded.quotes), [q.text for q in coded.quotes]


@pytest.mark.parametrize(
    "text",
    [
        "Both sides agreed to hold talks in Geneva next week.",
        "Kenya and Uganda agreed to reopen the border crossing on Monday.",
    ],
)
def test_quotes_agreeing_to_do_something_is_no_speech(code_text, text):
    assert code_text(text).quotes == []


def test_quotes_agreeing_that_something_is_so_is_speech(code_text):
    text = "The two ministers agreed that the talks had failed."
    quote = _one(_reported(code_text(text)), "that the talks had failed")
    assert quote.cue == "agreed" and quote.speaker.text.endswith("ministers")


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        ("Jane Okafor: “We want the road rebuilt before the rains.”",
         "We want the road rebuilt before the rains.", "Jane Okafor"),
        ("The roads were closed again.\n\nTom Reyes on the budget: “Prices are too high.”",
         "Prices are too high.", "Tom Reyes"),
    ],
)
def test_quotes_name_and_colon_before_a_quote_is_its_speaker(code_text, text, quoted, speaker):
    quote = _one(_direct(code_text(text)), quoted)
    assert quote.cue == ":" and quote.speaker is not None
    assert speaker.endswith(quote.speaker.text)
    assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.text


def test_quotes_label_without_a_name_gives_no_speaker(code_text):
    coded = code_text("Key point: “This is a turning point for the region.”")
    assert all(q.speaker is None for q in coded.quotes)


def test_quotes_as_someone_put_it(code_text):
    text = "As Jane Okafor put it, “the bridge will not be rebuilt this year.”"
    quote = _one(_direct(code_text(text)), "the bridge will not be rebuilt this year.")
    assert quote.cue == "put it" and quote.speaker.text.endswith("Okafor")


def test_quotes_a_question_put_to_someone_is_not_their_speech(code_text):
    text = "Asked whether the talks would resume, Jane Okafor said they would."
    coded = code_text(text)
    assert [q.cue for q in coded.quotes] == ["said"]
    assert coded.quotes[0].speaker.text.endswith("Okafor")


@pytest.mark.parametrize("verb", ["retorted", "clarified", "speculated", "hinted", "opined"])
def test_quotes_less_common_speech_verbs_report_speech(code_text, verb):
    text = f"The engineer {verb} that the bridge would be rebuilt by spring."
    quote = _one(_reported(code_text(text)), "that the bridge would be rebuilt by spring")
    assert quote.cue == verb and quote.speaker.text.endswith("engineer")
