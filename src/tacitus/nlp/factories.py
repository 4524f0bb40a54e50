"""The one place where tacitus's spaCy components are registered, under versioned names.

Importing this module registers the factories, and so does spaCy itself through the
`spacy_factories` entry points in pyproject.toml (a saved pipeline loads with `spacy.load`
without importing tacitus first). `tacitus.pipeline.build_nlp` adds them to a loaded spaCy
pipeline in order: segmenter (before the parser), actors, coref, quotes, events, places, tone
(after the entity recognizer), and initializes them. A factory makes an empty component: its data
are read by `initialize()` (from the package) or `from_disk()` (from a saved pipeline); see
`tacitus.nlp.saving`. spaCy forbids dots in factory names, so the versioned name
`tacitus.events.v1` is spelled `tacitus_events_v1`.
"""

from __future__ import annotations

from spacy.language import Language

from tacitus.config import EventOptions, KbOptions
from tacitus.nlp.actors import ActorRecognizer
from tacitus.nlp.coref import CorefResolver
from tacitus.nlp.events import EventCoder
from tacitus.nlp.places import PlaceTagger
from tacitus.nlp.quotes import QuoteFinder
from tacitus.nlp.segmenter import Segmenter
from tacitus.nlp.tone import ToneScorer

# What each component reads besides the parse (declared as spaCy `requires`); every
# extension is declared in tacitus.nlp.extensions.
MENTIONS = ["doc.spans", "span._.actors", "doc._.actor_index"]
PARSE = ["token.dep", "token.pos", "token.lemma"]


@Language.factory(
    "tacitus_segmenter_v1",
    assigns=["token.is_sent_start", "token._.boilerplate"],
)
def make_segmenter(nlp: Language, name: str) -> Segmenter:
    return Segmenter()


@Language.factory(
    "tacitus_actors_v1",
    requires=[*PARSE, "doc.ents", "token._.boilerplate", "doc._.date"],
    assigns=MENTIONS,
    default_config={"user_people": "", "people_dir": ""},
)
def make_actors(nlp: Language, name: str, user_people: str, people_dir: str) -> ActorRecognizer:
    options = KbOptions(user_people=user_people, people_dir=people_dir)
    return ActorRecognizer(nlp, kb_options=options)


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
    return EventCoder(statements_only_when_alone, min_confidence, EventOptions(**scoring))


@Language.factory(
    "tacitus_coref_v1",
    requires=[*PARSE, *MENTIONS, "token.tag"],
    assigns=["doc._.pronouns"],
)
def make_coref(nlp: Language, name: str) -> CorefResolver:
    return CorefResolver()


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
    assigns=["doc._.places", "doc._.event_places"],
    default_config={"cache_dir": ""},
)
def make_places(nlp: Language, name: str, cache_dir: str) -> PlaceTagger:
    return PlaceTagger(cache_dir=cache_dir)


@Language.factory(
    "tacitus_tone_v1",
    requires=["token._.boilerplate"],
    assigns=["doc._.tone", "doc._.sentence_tones"],
)
def make_tone(nlp: Language, name: str) -> ToneScorer:
    return ToneScorer()
