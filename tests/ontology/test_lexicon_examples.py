"""Every lexicon pattern's example sentence, run through the full coder, yields its code."""

from __future__ import annotations

import pytest

from tacitus.ontology import load_lexicon
from tacitus.ontology.examples import check_examples

PATTERNS = load_lexicon().patterns


@pytest.fixture(scope="module")
def results(coder):
    return {r.pattern.rule: r for r in check_examples(coder, PATTERNS)}


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.rule for p in PATTERNS])
def test_lexicon_examples_code(results, pattern):
    result = results[pattern.rule]
    assert result.ok, f"{pattern.example!r} gave {list(result.codes)}, expected {pattern.code}"
