"""The one place where tacitus's spaCy components are registered, under versioned names.

Importing this module registers the factories; `tacitus.pipeline.build_nlp` adds them to a
loaded spaCy pipeline in order: segmenter (before the parser), actors, coref, quotes, events,
places, tone (after the entity recognizer). spaCy forbids dots in factory names, so the versioned
name `tacitus.events.v1` is spelled `tacitus_events_v1`.
"""

from __future__ import annotations

from spacy.language import Language

from tacitus.config import EventOptions, KbOptions
from tacitus.kb import KnowledgeBase, load_kb
from tacitus.nlp.actors import ActorRecognizer
from tacitus.nlp.coref import CorefResolver, title_nouns
from tacitus.nlp.events import EventCoder
from tacitus.nlp.places import PlaceTagger
from tacitus.nlp.quotes import QuoteFinder
from tacitus.nlp.segmenter import Segmenter, load_boilerplate_patterns
from tacitus.nlp.tone import ToneScorer
from tacitus.ontology import load_codes, load_ontology

# What each component reads besides the parse (declared as spaCy `requires`); every
# extension is declared in tacitus.nlp.extensions.
MENTIONS = ["doc.spans", "span._.actors", "doc._.actor_index"]
PARSE = ["token.dep", "token.pos", "token.lemma"]


@Language.factory(
    "tacitus_segmenter_v1",
    assigns=["token.is_sent_start", "token._.boilerplate"],
)
def make_segmenter(nlp: Language, name: str) -> Segmenter:
    return Segmenter(load_boilerplate_patterns())


@Language.factory(
    "tacitus_actors_v1",
    requires=[*PARSE, "doc.ents", "token._.boilerplate", "doc._.date"],
    assigns=MENTIONS,
    default_config={"user_people": "", "people_dir": ""},
)
def make_actors(nlp: Language, name: str, user_people: str, people_dir: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, load_kb(KbOptions(user_people=user_people, people_dir=people_dir)))


@Language.factory(
    "tacitus_events_v1",
    requires=[
        *PARSE,
        *MENTIONS,
        "token._.boilerplate",
        "doc._.pronouns",
        "doc._.quote_pronouns",
        "doc._.quotes",
        "doc._.date",
        "doc._.article_id",
    ],
    assigns=["doc._.events"],
)
def make_events(
    nlp: Language,
    name: str,
    statements_only_when_alone: bool,
    min_confidence: float,
    scoring: dict[str, float],
) -> EventCoder:
    return EventCoder(
        load_ontology(), statements_only_when_alone, min_confidence, EventOptions(**scoring)
    )


def _loaded_kb(nlp: Language) -> KnowledgeBase:
    """The knowledge base of the pipeline's actor component, else a freshly loaded one."""
    for _, component in nlp.pipeline:
        if isinstance(component, ActorRecognizer):
            return component.kb
    return load_kb()


@Language.factory(
    "tacitus_coref_v1",
    requires=[*PARSE, *MENTIONS, "token.tag"],
    assigns=["doc._.pronouns"],
)
def make_coref(nlp: Language, name: str) -> CorefResolver:
    return CorefResolver(title_nouns(_loaded_kb(nlp)))


@Language.factory(
    "tacitus_quotes_v1",
    requires=[*PARSE, *MENTIONS, "doc._.pronouns", "doc._.article_id", "token._.boilerplate"],
    assigns=["doc._.quotes", "doc._.quote_pronouns"],
)
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


@Language.factory(
    "tacitus_places_v1",
    requires=["token.dep", "doc.ents", *MENTIONS, "doc._.events"],
    assigns=["doc._.places"],
    default_config={"cache_dir": ""},
)
def make_places(nlp: Language, name: str, cache_dir: str) -> PlaceTagger:
    from tacitus.geo import open_gazetteer
    from tacitus.geo.mentions import MentionFinder, load_abbreviations

    gazetteer = open_gazetteer(cache_dir or None)
    finder = MentionFinder(gazetteer, _loaded_kb(nlp), load_abbreviations())
    place_targets = frozenset(code for code, entry in load_codes().items() if entry.place_target)
    return PlaceTagger(gazetteer, finder, place_targets)


@Language.factory(
    "tacitus_tone_v1",
    requires=["token._.boilerplate"],
    assigns=["doc._.tone", "doc._.sentence_tones"],
)
def make_tone(nlp: Language, name: str) -> ToneScorer:
    return ToneScorer()
