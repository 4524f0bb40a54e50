"""The Doc contract: every extension tacitus's components read or write, declared once.

| attribute | written by | value |
|---|---|---|
| `doc._.article_id` | `Coder.prepare` | the article's id (str) |
| `doc._.date` | `Coder.prepare` | the article's date (datetime.date or None) |
| `doc._.window_start` | `Coder.prepare` | where the Doc's text starts in the article (int) (**) |
| `doc._.article_head` | `Coder.prepare` | a later window's article's opening text (**) |
| `token._.boilerplate` | tacitus.segmenter.v1 | True on a line that is not news |
| `doc.spans["actors"]` | tacitus.actors.v1 | the actor mentions (a SpanGroup, in text order) |
| `span._.actors` | tacitus.actors.v1 | a mention's resolved Actors (two for "the two leaders") |
| `doc._.actor_index` | tacitus.actors.v1 | {token index: position of its mention in the group} |
| `doc._.pronouns` | tacitus.coref.v1 | {token index: [Actor]}: he/she/it/they/"the former" |
| `doc._.quote_pronouns` | tacitus.quotes.v1 | {token index: [Actor]}: I/we in a direct quote |
| `doc._.quotes` | tacitus.quotes.v1 | [Quote] in text order |
| `doc._.events` | tacitus.events.v1 | [Event] in text order |
| `doc._.places` | tacitus.places.v1 | [Place]: every place mention, resolved |
| `doc._.event_places` | tacitus.places.v1 | {event index: EventPlaces}: where it happened |
| `doc._.tone` | tacitus.tone.v1 | the article's tone (float) |
| `doc._.sentence_tones` | tacitus.tone.v1 | [float]: each sentence's tone, by sentence index |

Each component writes only its own attributes: `tacitus.pipeline.to_coded` puts the
events, their places (`EventPlaces.apply`) and their tones together into the output record.
(**) A long article is coded in windows of paragraphs, one Doc each. The first has
`window_start` 0 (or None) and no `article_head`; a later one reads the dateline (its country
and date) from `article_head`, the article's first characters, not from its own text.

`register_extensions()` declares them all (idempotent; every component calls it). The readers
below are how components read another component's output.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span, SpanGroup, Token

from tacitus.model import Actor, Event

ACTOR_SPANS = "actors"

DOC_EXTENSIONS = (
    "article_id",
    "date",
    "window_start",
    "article_head",
    "actor_index",
    "pronouns",
    "quote_pronouns",
    "quotes",
    "events",
    "places",
    "event_places",
    "tone",
    "sentence_tones",
)


@dataclass(frozen=True, slots=True)
class EventPlaces:
    """What tacitus.places.v1 says of one event: its `location` and its sides' places
    (Place dicts or None) and, where a place stands for a side, the side to use instead
    (`target`, None to keep the event's own)."""

    location: dict[str, Any] | None = None
    source_location: dict[str, Any] | None = None
    target_location: dict[str, Any] | None = None
    target: Actor | None = None

    def apply(self, event: Event) -> Event:
        """The event with these places (a copy; the events component's record is kept)."""
        return replace(
            event,
            location=self.location,
            source_location=self.source_location,
            target_location=self.target_location,
            target=self.target if self.target is not None else event.target,
        )


def register_extensions() -> None:
    """Declare every tacitus extension on Doc, Span and Token (once; later calls do nothing)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("actors"):
        Span.set_extension("actors", default=None)
    if not Token.has_extension("boilerplate"):
        Token.set_extension("boilerplate", default=False)


def window_start(doc: Doc) -> int:
    """Where `doc`'s text starts in its article: 0 unless it is a later window of a long one."""
    return (Doc.has_extension("window_start") and doc._.window_start) or 0


def article_head(doc: Doc) -> str | None:
    """The opening of the article a later window belongs to (where its dateline is), or None
    when `doc` itself opens the article."""
    return doc._.article_head if window_start(doc) else None


def actor_spans(doc: Doc) -> SpanGroup | list[Span]:
    """The actor mentions of a Doc (empty before tacitus.actors.v1 has run)."""
    return doc.spans.get(ACTOR_SPANS, [])


def set_actor_spans(doc: Doc, spans: list[Span]) -> None:
    """Store `spans` (in text order, each with `span._.actors` set) as the Doc's actor
    mentions, with the token index over them."""
    doc.spans[ACTOR_SPANS] = spans
    doc._.actor_index = {t.i: k for k, span in enumerate(spans) for t in span}


def actors_at(token: Token) -> list[Actor]:
    """The actors of the mention covering `token` ([] when none)."""
    index = token.doc._.actor_index
    if not index or token.i not in index:
        return []
    return token.doc.spans[ACTOR_SPANS][index[token.i]]._.actors or []


def pronoun_actors(token: Token) -> list[Actor] | None:
    """What a pronoun token stands for: coreference's answer, else the speaker of the direct
    quote it is in (I/we); None when neither resolved it."""
    doc = token.doc
    for found in (doc._.pronouns, doc._.quote_pronouns):
        if found and token.i in found:
            return found[token.i]
    return None


def resolved_pronouns(doc: Doc) -> dict[int, list[Actor]]:
    """Every resolved pronoun of a Doc, {token index: [Actor]}, from coref and quotes."""
    return {**(doc._.quote_pronouns or {}), **(doc._.pronouns or {})}
