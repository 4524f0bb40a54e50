"""Score coded output against gold files (format: ../shared/eval/README.md).

`evaluate_file(path, coded)` takes the gold JSONL path and the CodedArticles for its texts and
returns a `FileReport`: event detection and event type P/R/F1 for whatever labels the gold
carries (CAMEO root, PLOVER type or PentaClass; roots 01/02 both included and excluded),
dyad accuracy where the gold has actors, role recall (source, target, both, both + type) where
it has `roles`, the share of coded events with two country sides, direct-quote recall and
speaker accuracy where it has quotes, and places found / acc@161 where it has places
(evaluate_places.py). `render_markdown(reports)` writes the dated table kept in
docs/evaluation.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.errors import EvalError
from tacitus.evaluate_places import score_places
from tacitus.evaluate_scores import FileReport, Score
from tacitus.model import Actor, Article, CodedArticle, Event

STATEMENT_ROOTS = frozenset({"01", "02"})


@dataclass
class GoldText:
    """One gold record: the text and whatever labels it carries."""

    id: str
    text: str
    events: list[dict[str, Any]] | None
    quotes: list[dict[str, Any]] | None
    places: list[dict[str, Any]] | None = None
    roles: dict[str, list[list[int]]] | None = None


def read_gold(path: str | Path) -> Iterator[GoldText]:
    """Gold records of a JSONL file; EvalError on a line that is not a gold record."""
    with Path(path).open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield GoldText(
                    id=str(record["id"]),
                    text=record["text"],
                    events=record.get("events"),
                    quotes=record.get("quotes"),
                    places=record.get("places"),
                    roles=record.get("roles"),
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise EvalError(
                    "gold_format", path=str(path), line=line_no, reason=str(exc)
                ) from exc


def gold_articles(golds: Iterable[GoldText], date: str | None = None) -> Iterator[Article]:
    for gold in golds:
        yield Article(id=gold.id, text=gold.text, published=date)


def _label_kind(golds: list[GoldText]) -> str | None:
    for gold in golds:
        for event in gold.events or []:
            for key in ("root", "plover", "penta"):
                if key in event:
                    return key
    return None


def _event_label(event: Event, kind: str) -> Any:
    if kind == "root":
        return event.cameo_root
    if kind == "plover":
        return event.plover
    root = int(event.cameo_root)
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _is_statement(label: Any, kind: str) -> bool:
    return label in STATEMENT_ROOTS if kind == "root" else (kind == "penta" and label == 0)


def counted(events: Iterable[Event]) -> list[Event]:
    """Events that count as having happened: not negated, not hypothetical."""
    return [e for e in events if e.happened]


def evaluate_file(path: str | Path, coded: dict[str, CodedArticle]) -> FileReport:
    """Score the CodedArticles (by article id) against the gold file at `path`."""
    golds = list(read_gold(path))
    kind = _label_kind(golds)
    report = FileReport(name=Path(path).name, texts=len(golds), label=kind)
    has_events = any(g.events is not None for g in golds)
    has_quotes = any(g.quotes for g in golds)
    if has_events:
        _score_events(report, golds, coded, kind)
        _score_sides(report, golds, coded)
    if any(_has_both_roles(g) for g in golds):
        _score_roles(report, golds, coded, kind)
    if has_quotes:
        _score_quotes(report, golds, coded)
    if any(g.places is not None for g in golds):
        report.ratios.update(score_places(((g.id, g.places or []) for g in golds), coded))
    return report


def _score_events(
    report: FileReport, golds: list[GoldText], coded: dict[str, CodedArticle], kind: str | None
) -> None:
    variants = {"all": False, "no 01/02": True} if kind in {"root", "penta"} else {"all": False}
    dyads = [0, 0]
    for variant, exclude in variants.items():
        detection, types = Score(), Score()
        for gold in golds:
            if gold.events is None:
                continue
            result = coded.get(gold.id)
            predicted = counted(result.events) if result else []
            gold_labels = {e[kind] for e in gold.events if kind and kind in e}
            pred_labels = {_event_label(e, kind) for e in predicted} if kind else set()
            if exclude:
                gold_labels = {x for x in gold_labels if not _is_statement(x, kind or "")}
                pred_labels = {x for x in pred_labels if not _is_statement(x, kind or "")}
                gold_any = bool(gold_labels)
                pred_any = bool(pred_labels)
            else:
                gold_any = bool(gold.events)
                pred_any = bool(predicted)
            detection.add({gold.id} if gold_any else set(), {gold.id} if pred_any else set())
            if kind:
                types.add({(gold.id, x) for x in gold_labels}, {(gold.id, x) for x in pred_labels})
            if not exclude:
                _count_dyads(dyads, gold.events, predicted)
        suffix = "" if variant == "all" else f" ({variant})"
        report.scores[f"detection{suffix}"] = detection
        if kind:
            report.scores[f"{kind}{suffix}"] = types
    if dyads[1]:
        report.ratios["dyad accuracy"] = (dyads[0], dyads[1])


def _count_dyads(
    counts: list[int], gold_events: list[dict[str, Any]], predicted: list[Event]
) -> None:
    for event in gold_events:
        sources, targets = set(event.get("source") or []), set(event.get("target") or [])
        if not sources or not targets:
            continue
        counts[1] += 1
        if any(
            e.source.country in sources and e.target is not None and e.target.country in targets
            for e in predicted
        ):
            counts[0] += 1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _has_both_roles(gold: GoldText) -> bool:
    return bool(gold.roles and gold.roles.get("source") and gold.roles.get("target"))


def side_spans(actor: Actor | None) -> list[tuple[int, int]]:
    """The spans a coded side answers for: its own words, and its antecedent's for a pronoun
    or other coreferent mention."""
    if actor is None or actor.end <= actor.start:
        return []
    spans = [(actor.start, actor.end)]
    if actor.antecedent:
        spans.append((int(actor.antecedent["start"]), int(actor.antecedent["end"])))
    return spans


def _hits(actor: Actor | None, gold_spans: list[tuple[int, int]]) -> bool:
    return any(_overlap(s, g) > 0 for s in side_spans(actor) for g in gold_spans)


def _score_roles(
    report: FileReport, golds: list[GoldText], coded: dict[str, CodedArticle], kind: str | None
) -> None:
    """Role recall by ../shared/eval/README.md: on texts whose gold names both a source and a
    target, does some coded (not negated) event have a source span overlapping a gold source
    span, a target likewise, one event both, and such a pair with the right type."""
    counts = {"source": 0, "target": 0, "both": 0, "both + type": 0}
    total = 0
    for gold in golds:
        if not _has_both_roles(gold):
            continue
        total += 1
        assert gold.roles is not None
        sources = [(int(a), int(b)) for a, b in gold.roles["source"]]
        targets = [(int(a), int(b)) for a, b in gold.roles["target"]]
        labels = {e[kind] for e in gold.events or [] if kind and kind in e}
        result = coded.get(gold.id)
        events = [e for e in (result.events if result else []) if not e.negated]
        source_hit = [_hits(e.source, sources) for e in events]
        target_hit = [_hits(e.target, targets) for e in events]
        both = [s and t for s, t in zip(source_hit, target_hit, strict=True)]
        counts["source"] += any(source_hit)
        counts["target"] += any(target_hit)
        counts["both"] += any(both)
        counts["both + type"] += any(
            hit and kind is not None and _event_label(e, kind) in labels
            for hit, e in zip(both, events, strict=True)
        )
    for key, hits in counts.items():
        report.ratios[f"role recall: {key}"] = (hits, total)


def _score_sides(report: FileReport, golds: list[GoldText], coded: dict[str, CodedArticle]) -> None:
    """The share of coded events (that happened) whose source and target both resolve to a
    country: what a dyad table can count."""
    dyadic = total = 0
    for gold in golds:
        result = coded.get(gold.id)
        for event in counted(result.events) if result else []:
            total += 1
            dyadic += bool(
                event.source.country and event.target is not None and event.target.country
            )
    report.ratios["events with two country sides"] = (dyadic, total)


def _score_quotes(
    report: FileReport, golds: list[GoldText], coded: dict[str, CodedArticle]
) -> None:
    found = {True: [0, 0], False: [0, 0]}
    speakers = [0, 0]
    for gold in golds:
        result = coded.get(gold.id)
        quotes = result.quotes if result else []
        for quote in gold.quotes or []:
            start, end = quote["content"]
            direct = bool(quote.get("direct"))
            found[direct][1] += 1
            half = (end - start) / 2
            match = next(
                (q for q in quotes if _overlap((q.start, q.end), (start, end)) >= half), None
            )
            if match is None:
                continue
            found[direct][0] += 1
            if direct and quote.get("source"):
                speakers[1] += 1
                speaker = match.speaker
                if (
                    speaker is not None
                    and _overlap((speaker.start, speaker.end), tuple(quote["source"])) > 0
                ):
                    speakers[0] += 1
    report.ratios["direct quote recall"] = (found[True][0], found[True][1])
    report.ratios["indirect quote recall"] = (found[False][0], found[False][1])
    report.ratios["speaker accuracy"] = (speakers[0], speakers[1])


def render_markdown(reports: list[FileReport], today: dt.date | None = None, note: str = "") -> str:
    """The dated results page (docs/evaluation.md)."""
    today = today or dt.date.today()
    lines = [
        f"## Results on {today.isoformat()}",
        "",
        "Regenerated by `make eval` (`tacitus eval ../shared/eval/dev/*.jsonl "
        "eval/same-happening.jsonl --write docs/evaluation.md`); only this block is rewritten.",
        "",
        "Events counted are those that happened (not negated, not hypothetical). Type scores are",
        'micro-averaged over (text, label) pairs; "no 01/02" drops statements and appeals',
        "(PentaClass 0) from both gold and coded labels. See ../shared/eval/README.md for the",
        "sets and the quote scoring rule, eval/README.md for the pairs of reports (merge: one",
        "happening's reports joined, two happenings' kept apart).",
        "",
    ]
    if note:
        lines += [note, ""]
    for report in reports:
        lines += [f"### {report.name} ({report.texts} texts)", ""]
        if report.scores:
            lines += ["| metric | P | R | F1 |", "|---|---|---|---|"]
        for key, score in report.scores.items():
            lines.append(f"| {key} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} |")
        if report.ratios:
            lines += ([""] if report.scores else []) + [
                "| metric | value | hits / total |",
                "|---|---|---|",
            ]
            for key, (hits, total) in report.ratios.items():
                value = hits / total if total else 0.0
                lines.append(f"| {key} | {value:.3f} | {hits} / {total} |")
        lines.append("")
    return "\n".join(lines)


def evaluate_files(
    paths: Iterable[str | Path], options: Any = None, *, processes: int | None = None
) -> list[FileReport]:
    """Code each gold file's texts and score them; one FileReport a file. A file of pairs
    of reports (evaluate_pairs.py) scores the grouping of reports into happenings."""
    from tacitus.engines import code
    from tacitus.evaluate_pairs import evaluate_pairs, is_pair_file

    reports = []
    for path in paths:
        if is_pair_file(path):
            pairs = evaluate_pairs(path, options, processes=processes)
            report = FileReport(name=pairs.name, texts=pairs.pairs, label=None)
            report.scores["merge"] = Score(pairs.tp, pairs.fp, pairs.fn)
            for kind, (right, total) in pairs.kinds.items():
                report.ratios[f"right: {kind}"] = (right, total)
            reports.append(report)
            continue
        golds = list(read_gold(path))
        coded = {c.article.id: c for c in code(gold_articles(golds), options, processes=processes)}
        reports.append(evaluate_file(path, coded))
    return reports


BEGIN_MARK = "<!-- tacitus eval: generated tables begin -->"
END_MARK = "<!-- tacitus eval: generated tables end -->"


def update_page(page: str, tables: str) -> str:
    """Replace the generated block of an evaluation page, keeping what people wrote around it;
    a page without the markers gets the tables first and the old text after them."""
    block = f"{BEGIN_MARK}\n{tables.rstrip()}\n{END_MARK}"
    if BEGIN_MARK in page and END_MARK in page:
        head, rest = page.split(BEGIN_MARK, 1)
        return head + block + rest.split(END_MARK, 1)[1]
    return block + ("\n\n" + page if page.strip() else "\n")
