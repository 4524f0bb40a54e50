"""Attributions by layout: transcript turns and dash bylines (team-written text)."""

from __future__ import annotations

from tacitus.nlp.layouts import dash_byline, transcript_turns

TRANSCRIPT = (
    "The two candidates met on Tuesday.\n\n"
    '"HOST: Welcome to both of you.\n\n'
    '"SMITH: Thank you for having me.\n\n'
    '"(APPLAUSE)\n\n'
    '"JONES: Glad to be here.\n\n'
    "The debate ran for an hour.\n"
)


def test_layouts_transcript_turns_with_labels():
    turns = transcript_turns(TRANSCRIPT)
    labels = [TRANSCRIPT[t.label_start : t.label_end] for t in turns]
    assert labels == ["HOST", "SMITH", "JONES"]
    host = turns[0]
    assert TRANSCRIPT[host.start : host.end] == "Welcome to both of you."


def test_layouts_turn_runs_over_unlabelled_paragraph_with_same_mark():
    smith = transcript_turns(TRANSCRIPT)[1]
    assert TRANSCRIPT[smith.start : smith.end].endswith("(APPLAUSE)")
    jones = transcript_turns(TRANSCRIPT)[2]
    assert "debate ran" not in TRANSCRIPT[jones.start : jones.end]


def test_layouts_too_few_labels_is_no_transcript():
    text = "UPDATE: The meeting was moved.\n\nWASHINGTON: Officials met on Monday.\n"
    assert transcript_turns(text) == []


def test_layouts_dash_byline():
    text = "“We want peace.” ― Jane Okafor\n“Next.”"
    dash, start, end = dash_byline(text, text.index("”"))
    assert text[dash] == "―" and text[start:end] == "Jane Okafor"


def test_layouts_dash_needs_a_capitalised_name_on_the_line():
    text = "“We want peace” - and then they left."
    assert dash_byline(text, text.index("”")) is None
