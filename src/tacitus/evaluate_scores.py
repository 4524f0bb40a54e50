"""The records of a scored gold file: `Score` (P/R/F1 counts) and `FileReport` (every metric
of one file). A leaf shared by evaluate.py and evaluate_pairs.py, so neither imports the other
back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Score:
    """Counts for precision/recall/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[Any], predicted: set[Any]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


@dataclass
class FileReport:
    """Every metric computed for one gold file: name -> Score or (hits, total)."""

    name: str
    texts: int
    label: str | None
    scores: dict[str, Score] = field(default_factory=dict)
    ratios: dict[str, tuple[int, int]] = field(default_factory=dict)

    def metrics(self) -> dict[str, float]:
        """Flat {metric: value} with p/r/f1 per score and a value per ratio."""
        flat: dict[str, float] = {}
        for key, score in self.scores.items():
            flat[f"{key} P"] = round(score.precision, 3)
            flat[f"{key} R"] = round(score.recall, 3)
            flat[f"{key} F1"] = round(score.f1, 3)
        for key, (hits, total) in self.ratios.items():
            flat[key] = round(hits / total, 3) if total else 0.0
        return flat
