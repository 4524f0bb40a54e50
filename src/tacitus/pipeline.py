"""The coder: `code(articles) -> Iterator[CodedArticle]`, the one function everything calls.

`build_nlp(options)` loads the configured spaCy pipeline and adds tacitus's components;
`Coder` codes articles in this process; `code` picks this process or the local process
engine by `options.run.processes`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.config import Options, load_options
from tacitus.errors import ModelError
from tacitus.model import Actor, Article, CodedArticle, parse_date
from tacitus.nlp import factories  # noqa: F401  (registers the components)
from tacitus.nlp.actors import is_attributive


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
        },
    )
    nlp.add_pipe(
        "tacitus_places_v1", name="tacitus_places", config={"cache_dir": options.geo.cache_dir}
    )
    nlp.add_pipe("tacitus_tone_v1", name="tacitus_tone")
    nlp.max_length = max(nlp.max_length, options.nlp.max_chars + 1)
    return nlp


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


def to_coded(doc: Doc, article: Article) -> CodedArticle:
    """Collect a processed Doc's extensions into the output record."""
    used = {(e.source.start, e.source.end) for e in doc._.events or []}
    used |= {(e.target.start, e.target.end) for e in doc._.events or [] if e.target}
    actors: list[Actor] = []
    for span in doc._.actors or []:
        for actor in span._.actors or []:
            listed = actor.code or actor.kb_id or actor.antecedent
            if (listed and not is_attributive(actor)) or (actor.start, actor.end) in used:
                actors.append(actor)
    quotes = doc._.quotes if doc.has_extension("quotes") and doc._.quotes else []
    tone = doc._.tone if doc.has_extension("tone") else None
    places = doc._.places if doc.has_extension("places") and doc._.places else []
    return CodedArticle(
        article=article,
        events=list(doc._.events or []),
        quotes=list(quotes),
        actors=actors,
        tone=tone,
        places=list(places),
    )


def code(
    articles: Iterable[Article], options: Options | None = None, *, processes: int | None = None
) -> Iterator[CodedArticle]:
    """Code articles, streaming, in input order; `processes` 0 = one per core, 1 = here."""
    options = options or load_options()
    wanted = options.run.processes if processes is None else processes
    workers = wanted if wanted > 0 else (os.cpu_count() or 1)
    iterator = iter(articles)
    head = list(itertools.islice(iterator, options.run.chunk_size))
    if workers <= 1 or len(head) < options.run.chunk_size:
        yield from Coder(options).code(itertools.chain(head, iterator))
        return
    from tacitus.engines.local import code_in_processes

    yield from code_in_processes(itertools.chain(head, iterator), options, workers)
