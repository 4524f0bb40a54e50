"""Parsing trigger patterns, and the size and coverage the lexicon promises."""

from __future__ import annotations

import pytest

from tacitus.errors import DataError
from tacitus.ontology import load_lexicon
from tacitus.ontology.lexicon import PREPOSITIONS, parse_pattern, read_lexicon_file


@pytest.mark.parametrize(
    ("text", "head", "pos", "companions", "target", "source"),
    [
        ("meet $T", "meet", None, (), None, None),
        ("meet with $T", "meet", None, (), "with", None),
        ("hold talk with $T", "hold", None, ("talk",), "with", None),
        ("threaten to impose sanction on $T", "threaten", None, ("impose", "sanction"), "on", None),
        ("attack/N on $T", "attack", "NOUN", (), "on", None),
        ("appeal to $T", "appeal", None, (), "to", None),
        ("isolate from $S", "isolate", None, (), None, "from"),
        ("call off", "call", None, ("off",), None, None),
    ],
)
def test_lexicon_parse_pattern(text, head, pos, companions, target, source):
    pattern = parse_pattern(text, "040")
    assert pattern.head == head
    assert pattern.head_pos == pos
    assert pattern.companions == companions
    if target is None and "$T" not in text:
        assert pattern.target is None
    else:
        assert pattern.target is not None and pattern.target.prep == target
    if source is None:
        assert pattern.source_slot is None
    else:
        assert pattern.source_slot.prep == source


def test_lexicon_parse_required_preposition():
    pattern = parse_pattern("stage exercise with! $T", "062")
    assert pattern.target is not None and pattern.target.prep == "with" and pattern.target.required
    assert pattern.companions == ("exercise",)
    assert not parse_pattern("stage exercise with $T", "062").target.required


def test_lexicon_parse_exclusion():
    pattern = parse_pattern("fire $T !employee", "1723")
    assert pattern.excludes == ("employee",)
    assert pattern.target is not None and pattern.target.prep is None


def test_lexicon_parse_arc_exclusion():
    pattern = parse_pattern("call/V $T !:oprd !for", "041")
    assert pattern.excludes == (":oprd", "for")


def test_lexicon_parse_class_exclusion():
    classes = {"strike": frozenset({"strike"}), "operation": frozenset({"attack", "raid"})}
    pattern = parse_pattern("end/V &strike !&operation", "082", synsets=classes)
    assert pattern.excludes == (frozenset({"attack", "raid"}),)


@pytest.mark.parametrize("text", ["$T meet", "!x meet", "meet/Q $T", "meet $T $T", "meet $X"])
def test_lexicon_parse_rejects_bad_patterns(text):
    with pytest.raises(DataError):
        parse_pattern(text, "040")


@pytest.mark.parametrize(
    "row", ["04\tmeet $T", "4x\tmeet $T\tAn example.", "040\tmeet $T\tex\textra"]
)
def test_lexicon_file_rejects_bad_rows(row):
    with pytest.raises(DataError) as info:
        read_lexicon_file("x.tsv", "code\tpattern\texample\n" + row + "\n")
    assert "x.tsv" in str(info.value)


def test_lexicon_more_specific_first():
    lexicon = load_lexicon()
    for rows in lexicon.by_head.values():
        scores = [p.specificity for p in rows]
        assert scores == sorted(scores, reverse=True)


def test_lexicon_size_and_coverage():
    lexicon = load_lexicon()
    lemmas = set(lexicon.by_head) | {
        w for p in lexicon.patterns for w in p.companions if w not in PREPOSITIONS
    }
    assert len(lexicon.patterns) >= 1000
    assert len(lemmas) >= 400
    assert {p.code[:2] for p in lexicon.patterns} == {f"{n:02d}" for n in range(1, 21)}
    assert all(p.example for p in lexicon.patterns)
