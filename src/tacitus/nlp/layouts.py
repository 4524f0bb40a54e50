"""Attributions written by layout rather than by a speech verb.

Pure functions over the article text (plus the actor mentions for `label_speaker`):
- `transcript_turns(text)`: "NAME: words" paragraphs of an interview or debate transcript,
  when the text has at least TURNS_MIN of them; a turn runs on over following paragraphs that
  open with the same stray quote mark as its own (transcripts pasted inside quotes) until the
  next label;
- `dash_byline(text, end)`: "“...” ― Name" (or —, –, -) right after a quote, on its line;
- `label_speaker(doc, label, start)`: the actor a transcript label ("PENCE") names;
- `colon_label(doc, i, is_cue)`: "Smith: “...”", a short verbless phrase naming someone and a
  colon right before the quote that opens at token i.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from tacitus.model import Actor
from tacitus.nlp.extensions import actor_spans
from tacitus.nlp.quotemarks import paragraphs

TURN = re.compile(r"[\"“”]?([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):\s+")
TURNS_MIN = 3
TURN_PARAGRAPHS = 4
QUOTE_MARKS = frozenset("“”‘’«»\"'„")
DASHES = frozenset("―—–-")
NAME_CHARS = 60
LABEL_WORDS = 8  # "Name: “...”": at most this many words before the colon
SPACES = frozenset(" \t\u00a0")


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label's offsets and the offsets of the words spoken."""

    label_start: int
    label_end: int
    start: int
    end: int


def transcript_turns(text: str) -> list[Turn]:
    """The turns of a transcript, or [] when fewer than TURNS_MIN paragraphs are labelled."""
    paras = paragraphs(text)
    labelled = {k: TURN.match(text, lo, hi) for k, (lo, hi) in enumerate(paras)}
    labelled = {
        k: m for k, m in labelled.items() if m is not None and any(c.isalpha() for c in m.group(1))
    }
    if len(labelled) < TURNS_MIN:
        return []
    turns = []
    for k, match in sorted(labelled.items()):
        lead = text[paras[k][0]]
        last = k
        while (
            lead in QUOTE_MARKS
            and last + 1 < len(paras)
            and last + 1 not in labelled
            and last - k < TURN_PARAGRAPHS
            and text[paras[last + 1][0]] == lead
        ):
            last += 1
        start, end = match.end(), paras[last][1]
        while end > start and text[end - 1] in QUOTE_MARKS:
            end -= 1
        if end - start > 1:
            turns.append(Turn(match.start(1), match.end(1), start, end))
    return turns


def label_speaker(doc: Doc, label: str, start: int) -> Actor:
    """The person a label names (the person mention with that surname), over the label's
    words; a bare Actor when nobody by that name was mentioned."""
    end = start + len(label)
    for span in actor_spans(doc):
        if span[-1].lower_ != label.lower():
            continue
        for actor in span._.actors or []:
            if (actor.kb_id or "").startswith("person:") or span.root.ent_type_ == "PERSON":
                return replace(actor, text=label, start=start, end=end, sectors=list(actor.sectors))
    return Actor(text=label, start=start, end=end)


def dash_byline(text: str, end: int) -> tuple[int, int, int] | None:
    """(dash offset, name start, name end) of "” ― Name" after a quote ending at `end`."""
    i = end
    while i < len(text) and (text[i] in QUOTE_MARKS or text[i] in SPACES):
        i += 1
    if i >= len(text) or text[i] not in DASHES:
        return None
    dash = i
    line_end = text.find("\n", i)
    line_end = len(text) if line_end == -1 else line_end
    name = text[i + 1 : line_end].strip()
    if not name or len(name) > NAME_CHARS or not name[0].isupper():
        return None
    start = text.index(name, i + 1)
    return dash, start, start + len(name)


def colon_label(doc: Doc, first: int, is_cue: Callable[[Token], bool]) -> tuple[int, Token] | None:
    """(colon offset, head token of the label) when the sentence opens with a short verbless
    phrase that names someone ("Smith:", "The minister on the talks:") and a colon right
    before the quote whose first word is token `first`; None otherwise (also after a cue:
    "Smith added:" is the cue's)."""
    i = first - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_quote or doc[i].text in QUOTE_MARKS):
        i -= 1
    if i < 1 or doc[i].text != ":" or is_cue(doc[i - 1]):
        return None
    label = doc[doc[i].sent.start : i]
    words = [t for t in label if not t.is_punct and not t.is_space]
    if not words or len(words) > LABEL_WORDS or any(t.pos_ in {"VERB", "AUX"} for t in words):
        return None
    head = label.root
    named = head.pos_ == "PROPN" or head.ent_type_ == "PERSON"
    if not named and not any(s.start <= head.i < s.end for s in actor_spans(doc)):
        return None
    return doc[i].idx, head
