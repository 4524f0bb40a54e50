"""The coder in this process: the spaCy pipeline and the records collected from its Docs.

`build_nlp(options)` loads the configured spaCy pipeline and adds tacitus's components;
`Coder(options).code(articles)` codes articles in this process; `to_coded(doc, article)` and
`mention_table(doc)` collect a processed Doc's extensions into records. A leaf of the
pipeline layer: it imports the nlp components, nothing above it. `tacitus.engines.code` (also
`tacitus.code`) decides where a Coder runs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.config import Options, load_options
from tacitus.errors import ModelError
from tacitus.model import Actor, Article, CodedArticle, parse_date
from tacitus.nlp import factories  # noqa: F401  (registers the components)
from tacitus.nlp.extensions import actor_spans, resolved_pronouns
from tacitus.nlp.saving import SavedData
from tacitus.textmap import TEXT_KEY, TextMap, clean, doc_text, move_offsets, windows

# How much of an article's opening a later window is given to read its dateline in.
HEAD_CHARS = 300


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
    window = options.coder.window_chars
    nlp.max_length = max(nlp.max_length, window + 1) if window > 0 else sys.maxsize
    return nlp


def load_pipeline(options: Options | None = None) -> Language:
    """The spaCy Language that codes articles: the configured pipeline with tacitus's
    components, their data read. Save it with `nlp.to_disk(folder)`; `spacy.load(folder)`
    gives it back (with its lexicon and KB) in any process where tacitus is installed."""
    return build_nlp(options or load_options())


@dataclass(frozen=True)
class Window:
    """One Doc's worth of an article: `article.text[start:end]` as the parser reads it
    (`mapping` leads from that cleaned text back to the window's own offsets)."""

    article: Article
    start: int
    mapping: TextMap
    last: bool

    def to_original(self, offset: int, is_end: bool) -> int:
        """An offset in the Doc's text -> the same place in the article's text."""
        return self.start + (self.mapping.end(offset) if is_end else self.mapping.start(offset))

    @property
    def moves_offsets(self) -> bool:
        return self.start != 0 or self.mapping.kept is not None


@dataclass
class _Part:
    """What one coded window adds to its article's record."""

    coded: CodedArticle
    sentences: int
    words: int


class Coder:
    """Codes articles in the current process with one loaded pipeline.

    An article's text reaches the parser without invisible format characters (zero-width
    spaces, bidi controls; `tacitus.textmap.clean`), and a text longer than [coder]
    window_chars is coded in windows of whole paragraphs, one Doc each; every offset in the
    output points into the article's own, whole text."""

    def __init__(self, options: Options | None = None, nlp: Language | None = None) -> None:
        self.options = options or load_options()
        self.nlp = nlp or build_nlp(self.options)
        self.default_date = parse_date(self.options.coder.default_date or None)

    def prepare(self, article: Article) -> Doc:
        """A tokenised Doc for the article's first window, with its id and date attached."""
        return next(self.windows(article))[0]

    def windows(self, article: Article) -> Iterator[tuple[Doc, Window]]:
        """(tokenised Doc, Window) for each window of the article, made as they are asked for
        (the text is first cut at [coder] max_chars when that is set and exceeded)."""
        article.cut(self.options.coder.max_chars)
        text = article.text
        spans = windows(text, self.options.coder.window_chars) or [(0, len(text))]
        date = article.date or self.default_date
        for number, (start, end) in enumerate(spans):
            cleaned, mapping = clean(text[start:end])
            doc = self.nlp.make_doc(cleaned)
            doc.user_data[TEXT_KEY] = cleaned  # what doc_text(doc) gives every component
            doc._.article_id = article.id
            doc._.window_start = start
            doc._.date = date
            if number > 0:  # where a later window reads the article's dateline
                doc._.article_head = clean(text[:HEAD_CHARS])[0]
            yield doc, Window(article, start, mapping, number == len(spans) - 1)

    def _processed(self, articles: Iterable[Article]) -> Iterator[tuple[Doc, Window]]:
        pairs = (pair for article in articles for pair in self.windows(article))
        return self.nlp.pipe(pairs, as_tuples=True, batch_size=self.options.nlp.batch_size)

    def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """One CodedArticle per article, in input order, streaming. Each window's Doc is
        turned into records at once, so only records are held for a long article."""
        parts: list[_Part] = []
        for doc, window in self._processed(articles):
            coded = to_coded(doc, window.article)
            if window.moves_offsets:
                move_offsets(
                    _records(coded), window.to_original, window.article.text, doc_text(doc)
                )
            if window.last and not parts:  # the whole text in one Doc
                yield coded
                continue
            tones = doc._.sentence_tones
            sentences = len(tones) if tones is not None else sum(1 for _ in doc.sents)
            parts.append(_Part(coded, sentences, _words(doc)))
            if window.last:
                yield _joined(parts)
                parts = []

    def mentions(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Actor]]]:
        """(article, its mentions and resolved pronouns) for each article, in input order:
        what `tacitus actors` lists."""
        found: list[Actor] = []
        for doc, window in self._processed(articles):
            actors = mention_table(doc)
            if window.moves_offsets:
                move_offsets([actors], window.to_original, window.article.text, doc_text(doc))
            found.extend(actors)
            if window.last:
                yield window.article, found
                found = []


def _records(coded: CodedArticle) -> tuple[list, ...]:
    return (coded.events, coded.quotes, coded.actors, coded.places)


def _words(doc: Doc) -> int:
    """The words a Doc's tone is weighted by (see tacitus.tone.v1)."""
    return sum(1 for token in doc if token.is_alpha and not token._.boilerplate)


def _joined(parts: list[_Part]) -> CodedArticle:
    """One article's record from its windows' records: events and quotes numbered on across
    windows (an event's quote_id follows its quote), sentence indexes counted on, the tone
    the word-weighted mean of the windows' tones."""
    first = parts[0].coded
    article_id = first.article.id or "doc"
    joined = CodedArticle(article=first.article, tone=None)
    sentences = 0
    for part in parts:
        renamed = {}
        for quote in part.coded.quotes:
            new_id = f"{article_id}-q{len(joined.quotes) + 1}"
            renamed[quote.id] = new_id
            quote.id = new_id
            joined.quotes.append(quote)
        for event in part.coded.events:
            event.id = f"{article_id}-e{len(joined.events) + 1}"
            event.sentence += sentences
            event.quote_id = renamed.get(event.quote_id) if event.quote_id else None
            joined.events.append(event)
        joined.actors.extend(part.coded.actors)
        joined.places.extend(part.coded.places)
        sentences += part.sentences
    words = sum(part.words for part in parts)
    if words:
        weighted = sum((part.coded.tone or 0.0) * part.words for part in parts)
        joined.tone = round(weighted / words, 3)
    else:
        joined.tone = parts[0].coded.tone
    return joined


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
