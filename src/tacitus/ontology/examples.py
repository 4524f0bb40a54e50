"""Run the trigger lexicon's example sentences through the coder.

`check_examples(coder, patterns)` -> list of `ExampleResult`: for each pattern, whether its
example sentence yields an event with the pattern's code, and which rule produced it. Used by
the parametrized lexicon test and by `scripts/check_lexicon.py` while writing patterns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
