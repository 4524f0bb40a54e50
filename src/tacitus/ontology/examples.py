"""Run the trigger lexicon's example sentences through the coder.

`check_examples(coder, patterns)` -> list of `ExampleResult`: for each pattern, whether its
example sentence yields an event with the pattern's code, and which rule produced it. Used by
the parametrized lexicon test and by `scripts/check_lexicon.py` while writing patterns.

`read_probes(path)` -> list of `Probe` and `check_probes(coder, probes)` -> list of
`ProbeResult`: held-out sentences (tests/ontology/probes.tsv, format in its header) that were
not used to write the patterns they exercise, each with the code prefix it should yield or `-`
for "no event". Used by the probe test and by `scripts/probe_lexicon.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tacitus.model import Article
from tacitus.ontology.lexicon import TriggerPattern


@dataclass(frozen=True)
class ExampleResult:
    pattern: TriggerPattern
    codes: tuple[str, ...]
    rules: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.pattern.code in self.codes

    @property
    def own_rule(self) -> bool:
        """True when the pattern itself produced the expected code."""
        pairs = zip(self.codes, self.rules, strict=True)
        return any(r == self.pattern.rule for c, r in pairs if c == self.pattern.code)


def check_examples(
    coder: object, patterns: Iterable[TriggerPattern], date: str = "2025-06-01"
) -> list[ExampleResult]:
    """Code every pattern's example (dated `date`) and compare the codes it yields."""
    patterns = list(patterns)
    articles = [
        Article(id=f"ex{i}", text=p.example, published=date) for i, p in enumerate(patterns)
    ]
    results = []
    for pattern, coded in zip(patterns, coder.code(articles), strict=True):  # type: ignore[attr-defined]
        events = [e for e in coded.events if e.happened]
        results.append(
            ExampleResult(pattern, tuple(e.cameo for e in events), tuple(e.rule for e in events))
        )
    return results


@dataclass(frozen=True)
class Probe:
    expect: tuple[str, ...]  # code prefixes, any of which counts; empty: no event expected
    sentence: str
    line: int


@dataclass(frozen=True)
class ProbeResult:
    probe: Probe
    codes: tuple[str, ...]
    rules: tuple[str, ...]

    @property
    def status(self) -> str:
        """OK, MISS (no event), WRONG (only other codes) or NOISE (an event where none is)."""
        if not self.probe.expect:
            return "NOISE" if self.codes else "OK"
        if not self.codes:
            return "MISS"
        hit = any(c.startswith(x) for c in self.codes for x in self.probe.expect)
        return "OK" if hit else "WRONG"


def read_probes(path: str | Path) -> list[Probe]:
    """The probes of a file: `expect<TAB>sentence` rows, `#` comments; `expect` is a CAMEO
    code prefix, several joined by `|`, or `-` for a sentence that holds no event."""
    probes = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        expect, sentence = line.split("\t", 1)
        prefixes = () if expect.strip() == "-" else tuple(expect.strip().split("|"))
        probes.append(Probe(prefixes, sentence.strip(), number))
    return probes


def check_probes(
    coder: object, probes: Iterable[Probe], date: str = "2025-06-01"
) -> list[ProbeResult]:
    """Code every probe sentence (dated `date`) and keep the codes of the events that happened."""
    probes = list(probes)
    articles = [
        Article(id=f"probe{i}", text=p.sentence, published=date) for i, p in enumerate(probes)
    ]
    results = []
    for probe, coded in zip(probes, coder.code(articles), strict=True):  # type: ignore[attr-defined]
        events = [e for e in coded.events if e.happened]
        results.append(
            ProbeResult(probe, tuple(e.cameo for e in events), tuple(e.rule for e in events))
        )
    return results
