"""The evidence in an article's text: coded spans in, text pieces to render out.

`article_spans` turns an article's stored events (trigger, source, target, and where it
happened when the store has location offsets), quotes (quote, cue, speaker), actor mentions
and places into `Span`s; `segments` cuts the text at every
span edge so that each piece lists the spans that cover it (spans overlap: a trigger sits
inside a quote). Offsets outside the text or reversed are dropped, never trusted; runs of
blank lines outside any span are shown as one. Nothing here writes HTML: the template
escapes every piece.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*(?:\n[ \t\r\f\v]*)+")
# Kinds in drawing order: later kinds are drawn over earlier ones.
KINDS: dict[str, str] = {
    "actor": "actor mention (resolved to a code)",
    "quote": "quotation",
    "cue": "quotation cue ('said')",
    "place": "place",
    "speaker": "quotation speaker",
    "source": "event source",
    "target": "event target",
    "trigger": "event trigger",
}


@dataclass(frozen=True)
class Span:
    """One highlighted stretch: [start, end) of the text, its kind, the hover text, and the
    event or quote it belongs to (an anchor id such as "ev-12" or "q-3")."""

    start: int
    end: int
    kind: str
    note: str
    ref: str = ""


@dataclass
class Segment:
    """A piece of text and the spans covering all of it (none for plain text)."""

    text: str
    spans: list[Span] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        """The covering kinds in drawing order (CSS classes)."""
        have = {s.kind for s in self.spans}
        return [k for k in KINDS if k in have]

    @property
    def refs(self) -> str:
        """The events and quotes this piece is evidence of, space-separated."""
        return " ".join(dict.fromkeys(s.ref for s in self.spans if s.ref))

    @property
    def title(self) -> str:
        """Hover text: one line per covering span, innermost kinds first."""
        order = list(KINDS)
        spans = sorted(self.spans, key=lambda s: -order.index(s.kind))
        return "\n".join(dict.fromkeys(s.note for s in spans))


def _int(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number


def _valid(start: Any, end: Any, length: int) -> tuple[int, int] | None:
    first, last = _int(start), _int(end)
    if first is None or last is None or not 0 <= first < last <= length:
        return None
    return first, last


def _actor(row: dict[str, Any], prefix: str) -> str:
    code = row.get(f"{prefix}_code") or "no code"
    name = row.get(f"{prefix}_name") or row.get(f"{prefix}_text") or ""
    return f"{code} {name}".strip()


def _event_note(row: dict[str, Any]) -> str:
    status = ("negated " if row.get("negated") else "") + str(row.get("modality") or "")
    confidence = row.get("confidence")
    shown = f"{confidence:.2f}" if isinstance(confidence, float) else "?"
    return (f"event {row.get('cameo')} {row.get('cameo_name') or ''} "
            f"({row.get('plover') or 'no PLOVER type'}): {_actor(row, 'source')} → "
            f"{_actor(row, 'target') if row.get('target_text') else 'no target'}; "
            f"rule {row.get('rule')}; {status}; confidence {shown}")


def article_spans(
    text: str,
    events: list[dict[str, Any]],
    quotes: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
    places: list[dict[str, Any]] | None = None,
) -> list[Span]:
    """Every span with valid offsets into `text`, from stored rows (as dicts)."""
    length = len(text)
    spans: list[Span] = []

    def add(start: Any, end: Any, kind: str, note: str, ref: str = "") -> None:
        where = _valid(start, end, length)
        if where:
            spans.append(Span(where[0], where[1], kind, note, ref))

    for row in mentions:
        add(row.get("start"), row.get("end"), "actor",
            f"actor: {row.get('code') or 'no code'} {row.get('name') or ''}".strip())
    for number, row in enumerate(quotes):
        ref = f"q-{number}"
        speaker = _actor(row, "speaker") if row.get("speaker_text") else "no speaker"
        kind = "direct" if row.get("direct") else "reported"
        add(row.get("start"), row.get("end"), "quote", f"{kind} quote by {speaker}", ref)
        add(row.get("cue_start"), row.get("cue_end"), "cue", f"cue '{row.get('cue')}'", ref)
        add(row.get("speaker_start"), row.get("speaker_end"), "speaker",
            f"speaker: {speaker}", ref)
    for row in places or []:
        where = ", ".join(str(row[k]) for k in ("feature", "country", "geonames_id")
                          if row.get(k) not in (None, ""))
        add(row.get("start"), row.get("end"), "place",
            f"place: {row.get('name') or row.get('text')} ({where})".replace(" ()", ""))
    for row in events:
        ref = f"ev-{row.get('gid')}"
        note = _event_note(row)
        add(row.get("trigger_start"), row.get("trigger_end"), "trigger", note, ref)
        for side in ("source", "target"):
            found = f", found by {row[f'{side}_found_by']}" if row.get(f"{side}_found_by") else ""
            add(row.get(f"{side}_start"), row.get(f"{side}_end"), side,
                f"{side}: {_actor(row, side)} (event {row.get('cameo')}{found})", ref)
        # Stores from before places were coded have no location offsets: nothing added.
        found = f", found by {row['location_found_by']}" if row.get("location_found_by") else ""
        add(row.get("location_start"), row.get("location_end"), "place",
            f"where event {row.get('cameo')} happened: {row.get('location_name')} "
            f"({row.get('location_country') or '?'}{found})", ref)
    return spans


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """`text` cut at every span edge; each piece with the spans that cover it and the
    anchors (first piece of each event trigger or quote) that start in it."""
    edges = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
    active: list[Span] = []
    anchored: set[str] = set()
    out: list[Segment] = []
    for first, last in itertools.pairwise(edges):
        active = [s for s in active if s.end > first] + starts.get(first, [])
        anchors = []
        for span in starts.get(first, []):
            if span.ref and span.kind in ("trigger", "quote") and span.ref not in anchored:
                anchored.add(span.ref)
                anchors.append(span.ref)
        piece = text[first:last]
        if not active:  # blank lines between paragraphs: at most one shown
            piece = _BLANK_LINES.sub("\n\n", piece)
        out.append(Segment(piece, list(active), anchors))
    return out
