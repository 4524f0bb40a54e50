"""The coder in this process: the spaCy pipeline and the records collected from its Docs.

`build_nlp(options)` loads the configured spaCy pipeline and adds tacitus's components;
`Coder(options).code(articles)` codes articles in this process; `to_coded(doc, article)` and
`mention_table(doc)` collect a processed Doc's extensions into records. A leaf of the
pipeline layer: it imports the nlp components, nothing above it. `tacitus.engines.code` (also
`tacitus.code`) decides where a Coder runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.config import Options, load_options
from tacitus.errors import ModelError
from tacitus.model import Actor, Article, CodedArticle, parse_date
from tacitus.nlp import factories  # noqa: F401  (registers the components)
from tacitus.nlp.extensions import actor_spans, resolved_pronouns
from tacitus.nlp.saving import SavedData


def build_nlp(options: Options) -> Language:
    """The spaCy pipeline named in options with tacitus's components added."""
    try:
        nlp = spacy.load(options.nlp.model)
    except OSError as exc:
        raise ModelError("model_missing", name=options.nlp.model) from exc
    nlp.add_pipe("tacitus_segmenter_v1", name="tacitus_segmenter", before="parser")
    nlp.add_pipe(
        "tacitus_actors_v1",
        name="tacitus_actors",
        config={
            "user_people": options.kb.people_overlay(),
            "people_dir": options.kb.people_dir,
        },
    )
    nlp.add_pipe("tacitus_coref_v1", name="tacitus_coref")
    nlp.add_pipe("tacitus_quotes_v1", name="tacitus_quotes")
    nlp.add_pipe(
        "tacitus_events_v1",
        name="tacitus_events",
        config={
            "statements_only_when_alone": options.coder.statements_only_when_alone,
            "min_confidence": options.coder.min_confidence,
            "scoring": options.events.as_config(),
        },
    )
    nlp.add_pipe(
        "tacitus_places_v1", name="tacitus_places", config={"cache_dir": options.geo.cache_dir}
    )
    nlp.add_pipe("tacitus_tone_v1", name="tacitus_tone")
    for _, component in nlp.pipeline:
        if isinstance(component, SavedData):  # reads its data from the package
            component.initialize(lambda: [], nlp=nlp)
    nlp.max_length = max(nlp.max_length, options.nlp.max_chars + 1)
    return nlp


def load_pipeline(options: Options | None = None) -> Language:
    """The spaCy Language that codes articles: the configured pipeline with tacitus's
    components, their data read. Save it with `nlp.to_disk(folder)`; `spacy.load(folder)`
    gives it back (with its lexicon and KB) in any process where tacitus is installed."""
    return build_nlp(options or load_options())


class Coder:
    """Codes articles in the current process with one loaded pipeline."""

    def __init__(self, options: Options | None = None, nlp: Language | None = None) -> None:
        self.options = options or load_options()
        self.nlp = nlp or build_nlp(self.options)
        self.default_date = parse_date(self.options.coder.default_date or None)

    def prepare(self, article: Article) -> Doc:
        """A tokenised Doc for the article, with its id and date attached."""
        text = article.text
        if len(text) > self.options.nlp.max_chars:
            text = text[: self.options.nlp.max_chars]
            article.notes.append(f"text cut at {self.options.nlp.max_chars} characters")
        doc = self.nlp.make_doc(text)
        doc._.article_id = article.id
        doc._.date = article.date or self.default_date
        return doc

    def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """One CodedArticle per article, in input order, streaming."""
        pairs = ((self.prepare(a), a) for a in articles)
        for doc, article in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.options.nlp.batch_size
        ):
            yield to_coded(doc, article)

    def mentions(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Actor]]]:
        """(article, its mentions and resolved pronouns) for each article, in input order:
        what `tacitus actors` lists."""
        pairs = ((self.prepare(a), a) for a in articles)
        for doc, article in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.options.nlp.batch_size
        ):
            yield article, mention_table(doc)


def to_coded(doc: Doc, article: Article) -> CodedArticle:
    """Collect a processed Doc's extensions into the output record."""
    placed = doc._.event_places or {}
    tones = doc._.sentence_tones
    events = []
    resolved: dict[int, Actor] = {}  # a side the places resolved, by the mention it was
    for n, event in enumerate(doc._.events or []):
        if n in placed:
            if event.target is not None and placed[n].target is not None:
                resolved[id(event.target)] = placed[n].target
            event = placed[n].apply(event)
        if tones and 0 <= event.sentence < len(tones):
            event = replace(event, tone=tones[event.sentence])
        events.append(event)
    used = {(e.source.start, e.source.end) for e in events}
    used |= {(e.target.start, e.target.end) for e in events if e.target}
    actors: list[Actor] = []
    for span in actor_spans(doc):
        for actor in span._.actors or []:
            listed = actor.code or actor.kb_id or actor.antecedent
            if (listed and not actor.attributive) or (actor.start, actor.end) in used:
                actors.append(resolved.get(id(actor), actor))
    return CodedArticle(
        article=article,
        events=events,
        quotes=list(doc._.quotes or []),
        actors=actors,
        tone=doc._.tone,
        places=list(doc._.places or []),
    )


def mention_table(doc: Doc) -> list[Actor]:
    """Every actor mention and every resolved pronoun of a processed Doc, in text order."""
    found: list[Actor] = []
    for span in actor_spans(doc):
        found.extend(a for a in span._.actors or [] if not a.attributive)
    for actors in resolved_pronouns(doc).values():
        found.extend(actors)
    return sorted(found, key=lambda a: (a.start, a.end))
