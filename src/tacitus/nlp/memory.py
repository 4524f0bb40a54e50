"""What an article has said so far about its actors: the within-article coreference layer.

`ArticleMemory.link` walks the resolved mentions in text order and
- gives a bare surname the identity of the person the article introduced under it
  ("Vladimir Putin ... Putin" keeps the code; "Nawaz Sharif ... Sharif" is not re-guessed),
- links a title-only mention ("the Pakistani premier") to the person of that country and sector
  named before, when exactly one fits, and a bare organisation title ("the secretary-general")
  to the international organisation named last,
and records the antecedent span on each linked Actor. `reciprocal_mentions` resolves
"the two leaders" / "both sides" to the last two actors of the right kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from tacitus.datafiles import read_rows
from tacitus.model import Actor


def load_reciprocal_nouns(folder: Path | None = None) -> dict[str, str]:
    """{noun: person|country|any} from data/reciprocal.tsv."""
    rows = read_rows("tacitus.nlp", "data/reciprocal.tsv", 2, folder)
    return {noun: kind for _, (noun, kind) in rows}


@dataclass
class ArticleMemory:
    """Per-article registry of people and actors seen so far."""

    reciprocal: dict[str, str] = field(default_factory=dict)
    people: dict[str, Actor] = field(default_factory=dict)
    history: list[tuple[Actor, str]] = field(default_factory=list)

    def link(self, span: Span, actor: Actor, kind: str) -> None:
        """Resolve `actor` against what came before, then remember it."""
        if actor.attributive:
            return
        if kind == "person" and actor.name:
            self._link_person(span, actor)
        elif kind == "title":
            self._link_title(actor)
        self.history.append((actor, kind))

    def _link_person(self, span: Span, actor: Actor) -> None:
        words = actor.name.split() if actor.name else []
        surface = [t.text for t in span if t.pos_ == "PROPN" or t.ent_type_ == "PERSON"]
        single = len(surface) <= 1
        # Every part of the name: news writes "Putin" but also "Cho" for "Cho Hyun".
        keys = [actor.name.lower()] + [w.lower() for w in words if len(w) > 2]
        keys += [w.lower() for w in surface if len(w) > 2]
        known = self.people.get(actor.name.lower())
        if known is None and single and surface:
            known = self.people.get(surface[-1].lower())
        if known is not None and known is not actor:
            if single or known.kb_id == actor.kb_id:
                for attr in ("name", "kb_id", "country", "code"):
                    setattr(actor, attr, getattr(known, attr))
                actor.sectors = list(known.sectors)
                actor.antecedent = known.antecedent or known.ref()
            return
        for key in keys:
            self.people.setdefault(key, actor)

    def _link_title(self, actor: Actor) -> None:
        if not actor.country and "IGO" in actor.sectors:
            self._link_organisation(actor)
            return
        candidates = [
            previous
            for previous, kind in reversed(self.history)
            if kind == "person"
            and previous.country
            and previous.country == actor.country
            and set(previous.sectors) & set(actor.sectors)
        ]
        names = {c.name for c in candidates}
        if len(names) == 1:
            person = candidates[0]
            actor.name, actor.kb_id = person.name, person.kb_id
            actor.antecedent = person.antecedent or person.ref()

    def _link_organisation(self, actor: Actor) -> None:
        """A bare organisation title ("the secretary-general") stands for the international
        organisation the article named last ("the UN chief ... the secretary-general")."""
        for previous, _ in reversed(self.history):
            if previous.code and previous.country and previous.country.startswith("IGO"):
                actor.name, actor.kb_id = previous.name, previous.kb_id
                actor.country, actor.code = previous.country, previous.code
                actor.sectors = list(previous.sectors)
                actor.antecedent = previous.antecedent or previous.ref()
                return

    def reciprocal_mentions(self, doc: Doc, spans: list[Span]) -> list[tuple[Span, list[Actor]]]:
        """Spans like "the two leaders" with the two actors they refer to."""
        kinds = self._kinds(spans)
        actors = self._actors(spans)
        taken = {  # a generic "governments" or "leaders" may be re-read as "the two ..."
            t.i
            for span, kind, actor in zip(spans, kinds, actors, strict=True)
            for t in span
            if kind != "title" and actor is not None and actor.country
        }
        starts = sorted(
            ((span.start, actor) for span, actor in zip(spans, self._actors(spans), strict=True)),
            key=lambda pair: pair[0],
        )
        found = []
        for token in doc:
            if token.lower_ not in {"two", "both"} or token.i in taken:
                continue
            noun = token.head if token.head.i > token.i else doc[min(token.i + 1, len(doc) - 1)]
            kind = self.reciprocal.get(noun.lower_)
            if kind is None or noun.i in taken:
                continue
            excluded = _subject_tokens(noun)
            before = [
                actor
                for start, actor in starts
                if start < token.i and actor is not None and start not in excluded
            ]
            pair = _last_two(before, kind, self.history)
            if pair is None:
                continue
            span = doc[token.i : noun.i + 1]
            found.append((span, [_copy_as(span, a) for a in pair]))
        return found

    def _kinds(self, spans: list[Span]) -> list[str]:
        lookup = {(a.start, a.end): kind for a, kind in self.history}
        return [lookup.get((s.start_char, s.end_char), "other") for s in spans]

    def _actors(self, spans: list[Span]) -> list[Actor | None]:
        lookup = {(a.start, a.end): a for a, _ in self.history}
        return [lookup.get((s.start_char, s.end_char)) for s in spans]


def _subject_tokens(noun: Token) -> set[int]:
    """Token indexes of the subject of the verb a noun is the object of: in "KCNA accused the
    two governments", KCNA cannot be one of the two."""
    verb = noun.head
    if noun.dep_ not in {"dobj", "pobj", "dative"} or verb.pos_ not in {"VERB", "AUX"}:
        return set()
    return {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}


def _last_two(
    before: list[Actor], kind: str, history: list[tuple[Actor, str]]
) -> list[Actor] | None:
    kinds = {id(actor): k for actor, k in history}
    chosen: list[Actor] = []
    seen: set[str] = set()
    for actor in reversed(before):
        if kind == "person" and kinds.get(id(actor)) != "person":
            continue
        key = actor.country if kind == "country" else (actor.kb_id or actor.name or actor.code)
        if not key or key in seen or not actor.code:
            continue
        seen.add(key)
        chosen.append(actor)
        if len(chosen) == 2:
            return list(reversed(chosen))
    return None


def _copy_as(span: Span, actor: Actor) -> Actor:
    return actor.seen_as(span.text, span.start_char, span.end_char)
