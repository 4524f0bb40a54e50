"""Score the grouping of reports into happenings against pairs of reports the team wrote.

A pair file is JSONL, one pair a line (format: eval/README.md):
`{"id", "same": bool, "kind", "root"?, "note", "a": {"outlet", "published", "text"}, "b": ...}`.
`evaluate_pairs(path, options)` codes both reports of every pair with the full coder, writes
them into a fresh in-memory store one after the other (the real writer: the second report
must join the first one's happening incrementally) and asks whether one happening holds
reports from both. A pair of one happening counts as merged when that happening's reports
from both articles include one of the pair's `root` family (an incidental statement both
reports carry does not count); for a pair of two happenings any shared happening is a false
merge. Out: a `PairReport`: merge counts (tp: one-happening pairs merged, fp: two-happening
pairs merged, fn: one-happening pairs kept apart), right answers per kind, and the per-pair
outcomes for the notes (tacitus.evaluate turns it into a results table).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.errors import EvalError
from tacitus.model import Article, CodedArticle


@dataclass
class PairOutcome:
    """One pair: its gold answer, whether the store merged it, and the events coded."""

    id: str
    same: bool
    kind: str
    merged: bool
    events: dict[str, list[str]]


@dataclass
class PairReport:
    """The scores of one pair file: merge counts, right answers per kind, every outcome."""

    name: str
    pairs: int
    tp: int = 0
    fp: int = 0
    fn: int = 0
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)
    outcomes: list[PairOutcome] = field(default_factory=list)


def is_pair_file(path: str | Path) -> bool:
    """True when the first record of a JSONL file is a pair (has "a" and "b" reports)."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(record, dict) and "a" in record and "b" in record
    return False


def read_pairs(path: str | Path) -> list[dict[str, Any]]:
    """The pair records of a file; EvalError on a line that is not a pair."""
    pairs = []
    with Path(path).open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                for side in ("a", "b"):
                    str(record[side]["text"])
                pairs.append({**record, "id": str(record["id"]), "same": bool(record["same"])})
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise EvalError("gold_format", path=str(path), line=line_no,
                                reason=str(exc)) from exc
    return pairs


def _article(pair: dict[str, Any], side: str) -> Article:
    report = pair[side]
    return Article(id=f"{pair['id']}-{side}", text=report["text"],
                   source=report.get("outlet"), published=report.get("published"))


def _describe(coded: CodedArticle) -> list[str]:
    return [
        f"{e.date}/{e.date_precision} {e.source.code or e.source.country or e.source.text} "
        f"{e.cameo} {(e.target.code or e.target.country or e.target.text) if e.target else '-'}"
        f" @{(e.location or {}).get('name')}"
        for e in coded.events
    ]


def merged(store_con: Any, pair: dict[str, Any], family_of: Any) -> bool:
    """Whether one stored happening holds reports of both articles of `pair` (with an event
    of the pair's root family, for a one-happening pair)."""
    rows = store_con.execute(
        "SELECT group_id, article_id, cameo FROM events WHERE cameo IS NOT NULL").fetchall()
    wanted = family_of(pair["root"] + "0") if pair["same"] and pair.get("root") else None
    sides: dict[int, set[str]] = {}
    fitting: dict[int, bool] = {}
    for group_id, article_id, cameo in rows:
        sides.setdefault(group_id, set()).add(article_id[-1])
        fitting[group_id] = fitting.get(group_id, False) or (
            wanted is None or family_of(cameo) == wanted)
    return any(s == {"a", "b"} and fitting[g] for g, s in sides.items())


def evaluate_pairs(path: str | Path, options: Any = None, *, processes: int | None = None
                   ) -> PairReport:
    """Code, store and score every pair of the file (see the module docstring)."""
    from tacitus.config import load_options
    from tacitus.engines import code
    from tacitus.store.writer import Store

    options = options or load_options()
    pairs = read_pairs(path)
    articles = [_article(p, side) for p in pairs for side in ("a", "b")]
    coded = {c.article.id: c for c in code(articles, options, processes=processes)}
    report = PairReport(name=Path(path).name, pairs=len(pairs))
    kinds: dict[str, list[int]] = {}
    for pair in pairs:
        with Store(":memory:", options.groups) as store:
            for side in ("a", "b"):
                store.write([coded[f"{pair['id']}-{side}"]])
            joined = merged(store.con, pair, lambda c: store.rules.rule(c).family)
        if pair["same"]:
            report.tp += joined
            report.fn += not joined
        else:
            report.fp += joined
        label = f"{'one happening' if pair['same'] else 'two happenings'}: {pair['kind']}"
        counts = kinds.setdefault(label, [0, 0])
        counts[0] += joined == pair["same"]
        counts[1] += 1
        report.outcomes.append(PairOutcome(
            pair["id"], pair["same"], pair.get("kind", ""), joined,
            {side: _describe(coded[f"{pair['id']}-{side}"]) for side in ("a", "b")}))
    report.kinds = {label: (right, total) for label, (right, total) in sorted(kinds.items())}
    return report
