"""Held-out probe sentences (tests/ontology/probes.tsv): each codes the expected CAMEO code, and
the sentences that hold no political event code none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.ontology.examples import check_probes, read_probes

PROBES = read_probes(Path(__file__).with_name("probes.tsv"))


@pytest.fixture(scope="module")
def results(coder):
    return {r.probe.line: r for r in check_probes(coder, PROBES)}


def test_lexicon_probes_cover_events_and_non_events():
    assert sum(1 for p in PROBES if p.expect) >= 40
    assert sum(1 for p in PROBES if not p.expect) >= 15


@pytest.mark.parametrize("probe", PROBES, ids=[f"line{p.line}" for p in PROBES])
def test_lexicon_probes_code_as_expected(results, probe):
    result = results[probe.line]
    expected = "|".join(probe.expect) or "no event"
    assert result.status == "OK", f"{probe.sentence!r} gave {list(result.rules)}; want {expected}"
