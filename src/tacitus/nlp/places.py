"""Places: every place mention of the article resolved, and where each event happened.

The `tacitus.places.v1` component runs after the events. Reads the parse, `doc.ents`,
`doc.spans["actors"]` (their countries are context) and `doc._.events`; writes `doc._.places` (a
list of `tacitus.model.Place`, the article's `places`) and `doc._.event_places` ({event index:
EventPlaces}: each event's `location`, `source_location` and `target_location`, Place dicts or
None, and a target a place stands for); `tacitus.pipeline.to_coded` applies them to the events.

An event's location is the first of: its clause's own place ("in/at/near X", or a town or
region as the object: "shelled Kharkiv"), the place nearest the trigger in its sentence,
the nearest earlier place in its paragraph, the dateline, the target's country, the
source's country; `found_by` says which (clause | sentence | paragraph | dateline | target |
source). An actor's location is a place the text attaches to the actor's words
("protesters in Kharkiv", "Kharkiv police").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tacitus.geo import Gazetteer, open_gazetteer
from tacitus.geo.mentions import MentionFinder, load_abbreviations
from tacitus.geo.resolve import PlaceResolver, dateline_span
from tacitus.kb import KnowledgeBase, load_kb, saved_kb_options
from tacitus.model import Actor, Event, Place
from tacitus.nlp.actors import ActorRecognizer
from tacitus.nlp.extensions import (
    EventPlaces,
    actor_spans,
    register_extensions,
    window_start,
)
from tacitus.nlp.saving import SavedData
from tacitus.ontology import load_codes
from tacitus.textmap import doc_text

PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "along",
        "around",
        "into",
        "on",
        "over",
        "off",
        "from",
        "throughout",
    }
)
ACTOR_PREPS = frozenset({"in", "at", "from", "of", "near", "outside"})
CARRIER_DEPS = frozenset({"dobj", "pobj", "xcomp", "prep", "conj", "advcl", "ccomp"})
LOCAL_FEATURES = frozenset({"city", "adm1", "adm2", "landmark"})
# A place as the object locates the event only when the act is physical or a visit: "Russia
# shelled Kharkiv" happened in Kharkiv; "Ukraine accused Moscow" did not happen in Moscow.
MATERIAL_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})
# Statements, appeals, intentions, meetings and support are about someone, not done to a
# place: "met in Seoul" names where, not whom.
UNPLACED_ROOTS = frozenset({"01", "02", "03", "04", "05"})
# Roots of help given (intent to help, appeals, cooperation, aid, yielding), and the nouns of an
# organisation's presence in a place that such help serves ("the UN mission in Mali").
HELPING_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
OPERATIONS = frozenset({"mission", "force", "operation"})
VISIT_CODES = ("042", "043")  # "visited Kharkiv", "hosted ... in"
# A state's own forces and bodies: their acts in their own country have no location target.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


class PlaceTagger(SavedData):
    """The `tacitus.places.v1` component (see the module docstring). Its data: the
    abbreviation table, the `place_target` column of ontology/cameo.tsv, the gazetteer (built
    from registry packages into `cache_dir`) and the KB of the pipeline's actor component (in a
    saved pipeline: that component's saved kb/)."""

    data_files = (("tacitus.geo", "data/abbreviations.tsv"), ("tacitus.ontology", "cameo.tsv"))
    name = "tacitus_places"

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        finder: MentionFinder | None = None,
        place_targets: frozenset[str] = frozenset(),
        cache_dir: str = "",
    ) -> None:
        super().__init__()
        register_extensions()
        self.cache_dir = cache_dir
        self.kb: KnowledgeBase | None = None
        if gazetteer is not None and finder is not None:
            self.use(gazetteer, finder, place_targets)
            self.loaded = True

    def use(
        self, gazetteer: Gazetteer, finder: MentionFinder, place_targets: frozenset[str]
    ) -> None:
        self.gazetteer = gazetteer
        self.finder = finder
        # codes whose untargeted events aim at where they happen (cameo.tsv `place_target`)
        self.place_targets = place_targets
        self.resolver = PlaceResolver(gazetteer)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
    ) -> None:
        """Take the KB of the pipeline's actor component (a freshly loaded one without it)."""
        self.kb = next(
            (c.kb for _, c in (nlp.pipeline if nlp else []) if isinstance(c, ActorRecognizer)),
            None,
        )
        super().initialize(get_examples, nlp=nlp)

    def load(self, folder: Path | None) -> None:
        if folder is not None:  # the actor component's saved KB beside this folder
            saved = [p / "kb" for p in sorted(folder.parent.iterdir()) if (p / "kb").is_dir()]
            self.kb = load_kb(saved_kb_options(saved[0]), saved[0]) if saved else None
        kb = self.kb or load_kb()
        gazetteer = open_gazetteer(self.cache_dir or None)
        finder = MentionFinder(gazetteer, kb, load_abbreviations(folder))
        codes = load_codes(folder)
        targets = frozenset(c for c, entry in codes.items() if entry.place_target)
        self.use(gazetteer, finder, targets)

    def __call__(self, doc: Doc) -> Doc:
        self.require_loaded()
        people = [
            (actor.start, actor.end, (actor.name or "").casefold())
            for span in actor_spans(doc)
            for actor in span._.actors or []
            if (actor.kb_id or "").startswith("person:")
        ]
        # A word of a known person's name is the person ("Governor Bush"), not a town.
        text = doc_text(doc)
        dateline = _dateline(doc, text)
        mentions = [
            m for m in self.finder.find(doc, dateline)
            if m.kind != "name" or not any(
                s <= m.start and m.end <= e and m.text.casefold() in name
                for s, e, name in people
            )
        ]
        # Actors' countries are evidence when the actor's own words give them ("Putin"),
        # not when they were guessed from the article ("the court") or are a place
        # mention themselves (counted as the place).
        named = [(m.start, m.end) for m in mentions]
        countries = [
            actor.country
            for span in actor_spans(doc)
            for actor in span._.actors or []
            if actor.country
            and actor.found_by not in {"context", "coreference"}
            and not any(s < actor.end and actor.start < e for s, e in named)
        ]
        places = self.resolver.resolve(doc, mentions, countries, dateline)
        doc._.places = places
        doc._.event_places = {}
        if doc._.events:
            adjectives = {m.start for m in mentions if m.kind == "adjective"}
            locator = EventLocator(
                doc, places, self.gazetteer, adjectives, self.place_targets, text, dateline
            )
            doc._.event_places = {
                n: found
                for n, event in enumerate(doc._.events)
                if (found := locator.locate(event)) is not None
            }
        return doc


class EventLocator:
    """Finds events' and actors' places in one Doc whose places are resolved."""

    def __init__(
        self,
        doc: Doc,
        places: list[Place],
        gazetteer: Gazetteer,
        adjectives: set[int],
        place_targets: frozenset[str] = frozenset(),
        text: str | None = None,
        dateline: tuple[int, int] | None = None,
    ) -> None:
        self.doc = doc
        self.place_targets = place_targets
        self.gazetteer = gazetteer
        self.adjectives = adjectives
        self.places = [p for p in places if p.lat is not None or p.feature == "landmark"]
        self.by_token: dict[int, Place] = {}
        for place in self.places:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    self.by_token[token.i] = place
        self.text = doc_text(doc) if text is None else text
        self.sents = list(doc.sents)
        self.sent_starts = [sent.start for sent in self.sents]
        self.dateline = _dateline(doc, self.text) if dateline is None else dateline

    def _place_at(self, token: Token, adjectives: bool = False) -> Place | None:
        place = self.by_token.get(token.i)
        if place is None or (not adjectives and place.start in self.adjectives):
            return None
        return place

    def locate(self, event: Event) -> EventPlaces | None:
        """Where the event happened and where its sides are (None when its trigger has no
        tokens); the event itself is left as it is."""
        trigger = self.doc.char_span(
            event.trigger["start"], event.trigger["end"], alignment_mode="expand"
        )
        if trigger is None or len(trigger) == 0:
            return None
        head = trigger.root
        actors = [a for a in (event.source, event.target) if a is not None and a.end > a.start]
        place, how = self._clause_place(head, event), "clause"
        if place is None:
            place, how = self._sentence_place(head, actors), "sentence"
        if place is None:
            place, how = self._paragraph_place(head, actors), "paragraph"
        if place is None:
            place, how = self._dateline_place(), "dateline"
        for side, name in ((event.target, "target"), (event.source, "source")):
            if place is None and side is not None and side.country:
                place, how = self._country_place(side), name
        target = self._place_sides(event, place if how == "clause" else None)
        return EventPlaces(
            location=replace(place, found_by=how).to_dict() if place else None,
            source_location=self._actor_place(event.source),
            target_location=self._actor_place(target or event.target),
            target=target,
        )

    def _place_sides(self, event: Event, clause_place: Place | None) -> Actor | None:
        """Places as event sides. A target that names no actor but a place stands for the
        place's country ("shelled [Kharkiv]" -> UKR). An untargeted protest, rejection or
        attack is aimed at the government of the country where its clause places it
        ("Albanians demonstrated in Serbia" -> SRBGOV, found_by "location"), except for a
        government protesting or a state's own forces acting at home; there, and for other
        untargeted acts that are no statement, appeal, intention, meeting or support, the
        place of the clause is the participant acted in (its words, no code: "imposed a
        curfew in [Kashmir]"). Returns the side to use instead of the event's target, or None
        to keep it."""
        target = event.target
        if target is not None:
            served = self._served_place(event, target)
            if served is not None:
                return served
            if target.code is None and not target.sectors and target.end > target.start:
                place = self._span_place(target.start, target.end)
                if place is not None and place.country:
                    return replace(target, country=place.country, code=place.country)
            return None
        if clause_place is None or not clause_place.country:
            return None
        if not event.source.text:
            return None
        country, source = clause_place.country, event.source
        own = set(source.sectors) & STATE_SECTORS and (
            event.cameo_root == "14" or source.country == country
        )
        if event.cameo not in self.place_targets or own:
            if event.cameo_root in UNPLACED_ROOTS:
                return None
            # "imposed a curfew in [Kashmir]", "held exercises off [Japan]": the place acted
            # in is the participant the clause names, standing for no government
            return Actor(
                text=clause_place.text,
                start=clause_place.start,
                end=clause_place.end,
                found_by="explicit",
            )
        return Actor(
            text=clause_place.text,
            start=clause_place.start,
            end=clause_place.end,
            name=clause_place.name,
            code=country + "GOV",
            country=country,
            sectors=["GOV"],
            found_by="location",
        )

    def _served_place(self, event: Event, target: Actor) -> Actor | None:
        """Help given to an organisation's mission or force in a place is help to that
        place's country ("sent troops to the UN [mission] in Mali" -> MLI, the place's words,
        found_by "location"); None for any other target."""
        if event.cameo_root not in HELPING_ROOTS or not (target.code or "").startswith("IGO"):
            return None
        span = self.doc.char_span(target.start, target.end, alignment_mode="expand")
        if span is None or len(span) == 0 or span.root.lemma_.lower() not in OPERATIONS:
            return None
        for child in span.root.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                for pobj in child.children:
                    place = self._phrase_place(pobj)
                    if place is not None and place.country:
                        return Actor(
                            text=place.text,
                            start=place.start,
                            end=place.end,
                            name=place.name,
                            code=place.country,
                            country=place.country,
                            found_by="location",
                        )
        return None

    def _span_place(self, start: int, end: int) -> Place | None:
        """The place whose words are the head of the span's words (not a place inside a
        longer phrase: "the road to Kharkiv" is not Kharkiv)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return self._place_at(span.root)

    def _clause_place(self, head: Token, event: Event) -> Place | None:
        carriers = [head]
        current = head
        for _ in range(2):
            if current.head.i == current.i or current.dep_ not in CARRIER_DEPS:
                break
            current = current.head
            carriers.append(current)
        objects = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
        # the noun an object's phrase is about: "claimed responsibility for [the attack] in X"
        objects += [
            p
            for o in objects
            for c in o.children
            if c.dep_ == "prep" and c.lower_ not in PLACE_PREPS
            for p in c.children
            if p.dep_ == "pobj" and p.pos_ in {"NOUN"}
        ]
        for carrier in carriers + objects:  # "attacked positions near the village of X"
            for child in carrier.children:
                if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                    for pobj in child.children:
                        place = self._phrase_place(pobj)
                        if place is not None:
                            return place
        if not (event.cameo_root in MATERIAL_ROOTS or event.cameo.startswith(VISIT_CODES)):
            return None
        target = event.target
        if target is not None and target.end > target.start:
            objects += list(
                self.doc.char_span(target.start, target.end, alignment_mode="expand") or []
            )
        for token in objects:
            place = self._phrase_place(token)
            if place is not None:
                return place
        return None

    def _phrase_place(self, token: Token) -> Place | None:
        """A place named by a noun phrase: its head, a compound, or "the city of X"."""
        place = self._place_at(token)
        if place is not None:
            return place
        for child in token.children:
            if child.dep_ in {"compound", "appos"}:
                place = self._place_at(child)
                if place is not None:
                    return place
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    place = self._place_at(pobj)
                    if place is not None:
                        return place
        return None

    def _outside_actors(self, place: Place, actors: list[Actor]) -> bool:
        return not any(place.start < a.end and a.start < place.end for a in actors)

    def _sentence_of(self, token: Token) -> Span:
        return self.sents[bisect_right(self.sent_starts, token.i) - 1]

    def _sentence_place(self, head: Token, actors: list[Actor]) -> Place | None:
        sent = self._sentence_of(head)
        best: tuple[int, Place] | None = None
        for token in sent:
            place = self._place_at(token)
            if place is None or not self._outside_actors(place, actors):
                continue
            if self._in_dateline(place):
                continue  # the dateline's places are the dateline step's
            distance = abs(token.i - head.i)
            if best is None or distance < best[0]:
                best = (distance, place)
        return best[1] if best else None

    def _paragraph_place(self, head: Token, actors: list[Actor]) -> Place | None:
        start = self.text.rfind("\n\n", 0, head.idx)
        start = 0 if start < 0 else start
        earlier = [
            p
            for p in self.places
            if start <= p.start < self._sentence_of(head).start_char
            and not self._in_dateline(p)
            and p.start not in self.adjectives
            and self._outside_actors(p, actors)
        ]
        return earlier[-1] if earlier else None

    def _in_dateline(self, place: Place) -> bool:
        return self.dateline[0] <= place.start < self.dateline[1]

    def _dateline_place(self) -> Place | None:
        within = [p for p in self.places if self._in_dateline(p) and p.lat is not None]
        return within[0] if within else None

    def _country_place(self, actor: Actor) -> Place | None:
        record = self.gazetteer.country(actor.country or "")
        if record is None:
            return None
        return Place(
            text=actor.text,
            start=actor.start,
            end=actor.end,
            name=record.name,
            geonames_id=record.geonames_id,
            feature="country",
            country=record.country,
            lat=round(record.lat, 5),
            lon=round(record.lon, 5),
        )

    def _actor_place(self, actor: Actor | None) -> dict | None:
        if actor is None or actor.end <= actor.start:
            return None
        span = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        place = _attached_place(span, self)
        return replace(place, found_by="actor").to_dict() if place else None


def _attached_place(span: Span, locator: EventLocator) -> Place | None:
    """A town or region the actor's words carry: "Kharkiv police", "protesters in Kharkiv"."""
    root = span.root
    for child in root.children:
        if child.dep_ in {"compound", "nmod", "amod"}:
            place = locator._place_at(child)
            if place is not None and place.feature in LOCAL_FEATURES:
                return place
        if child.dep_ == "prep" and child.lower_ in ACTOR_PREPS:
            for pobj in child.children:
                place = locator._phrase_place(pobj)
                if place is not None:
                    return place
    return None


def _dateline(doc: Doc, text: str) -> tuple[int, int]:
    """The dateline span of a Doc whose text is `text`; none, (0, 0), for a later window of a
    long article (its text does not start the article)."""
    return (0, 0) if window_start(doc) else dateline_span(text)
