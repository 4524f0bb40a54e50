"""The team's pairs of reports (eval/same-happening.jsonl): the file is well formed and the
grouping of reports into happenings keeps its measured merge precision and recall."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tacitus.evaluate_pairs import evaluate_pairs, read_pairs

PAIRS = Path(__file__).resolve().parents[1] / "eval" / "same-happening.jsonl"
# Just under the measured figures (precision 1.000, recall 0.841 on 2026-12-02: 0.864 after
# the place fixes, then one pair fewer merged after the afternoon's lexicon and role changes).
# The issue asks precision >= 0.95, recall >= 0.80. Raise them when they rise.
FLOORS = {"precision": 0.995, "recall": 0.835}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def test_evaluate_pairs_file_is_what_its_readme_says():
    pairs = read_pairs(PAIRS)
    assert len(pairs) >= 60 and len({p["id"] for p in pairs}) == len(pairs)
    same = [p for p in pairs if p["same"]]
    assert len(same) >= 30 and len(pairs) - len(same) >= 30
    assert all(p.get("root") for p in same)
    kinds = {p["kind"] for p in pairs if not p["same"]}
    assert {"another day", "another city"} <= kinds
    for pair in pairs:
        for side in ("a", "b"):
            dt.date.fromisoformat(pair[side]["published"])
            assert pair[side]["outlet"] and pair[side]["text"]
        assert pair["a"]["outlet"] != pair["b"]["outlet"]


def _named_day(report):
    """The day a report's first weekday / yesterday / today names (news usage)."""
    published = dt.date.fromisoformat(report["published"])
    text = report["text"].lower()
    found = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", text)
    if found:
        back = (published.weekday() - WEEKDAYS.index(found[1])) % 7
        return published - dt.timedelta(days=back)
    if "yesterday" in text:
        return published - dt.timedelta(days=1)
    return published


def test_evaluate_pairs_days_agree_with_what_each_pair_tests():
    for pair in read_pairs(PAIRS):
        gap = abs((_named_day(pair["a"]) - _named_day(pair["b"])).days)
        if pair["same"] or pair["kind"] != "another day":
            assert gap == 0, pair["id"]
        else:
            assert gap >= 2, pair["id"]


@pytest.mark.slow
def test_evaluate_pairs_merge_floors():
    report = evaluate_pairs(PAIRS, processes=1)
    precision = report.tp / (report.tp + report.fp)
    recall = report.tp / (report.tp + report.fn)
    assert precision >= FLOORS["precision"], f"merge precision {precision:.3f}"
    assert recall >= FLOORS["recall"], f"merge recall {recall:.3f}"
