"""Events: who did what to whom, from the trigger lexicon and the dependency parse.

Reads the parse, `doc.spans["actors"]` (tacitus.actors), the resolved pronouns
(`doc._.pronouns` from tacitus.coref, `doc._.quote_pronouns` from tacitus.quotes), `doc._.quotes`
(an event inside a direct quote carries its id), `doc._.date` and `doc._.article_id`; writes
`doc._.events`, a list of `tacitus.model.Event` (see tacitus.nlp.extensions).

For every sentence that is not boilerplate, each word whose lemma heads a lexicon pattern is
tried against its patterns; the best-scoring pattern whose required words are all in the
word's frame wins and claims those words (pattern scores: settings.cfg [events]). Source and
target actors come from the subject, object and prepositions the pattern names (passives,
control and coordination handled in `syntax`), modality from `modality`, and intentions and
refusals are recoded with ontology/intent.tsv and refusal.tsv. What a code implies for its
sides (symmetric, channel, attribution, carrier) is in ontology/cameo.tsv.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import product

from spacy.tokens import Doc, Span, Token

from tacitus.config import EventOptions
from tacitus.datafiles import read_rows
from tacitus.model import Actor, Event, Modality
from tacitus.nlp.actors import compose_code
from tacitus.nlp.dates import DateResolver
from tacitus.nlp.extensions import actors_at, pronoun_actors, register_extensions
from tacitus.nlp.modality import ModalityCues
from tacitus.nlp.syntax import (
    NOMINAL,
    VERBAL,
    agent_of,
    clause_subject,
    direct_object,
    frame,
    governs,
    is_passive,
    light_verb,
    prep_objects,
    with_conjuncts,
)
from tacitus.ontology import CameoCode, Ontology, TriggerPattern

NOUN_TARGET_PREPS = ("on", "against", "of", "at", "with")


@dataclass(frozen=True)
class Reading:
    """What the words say happened: the code (recoded for a refusal or an intention), whether
    it is negated, and its modality."""

    code: str
    negated: bool
    modality: Modality


@dataclass
class Match:
    """A pattern that fits a trigger word, with the words it used."""

    pattern: TriggerPattern
    head: Token
    used: list[Token]
    score: int
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    passive: bool = False


class Reach:
    """The words of a trigger's frame, indexed by lemma and by lower-case form."""

    def __init__(self, tokens: Iterable[Token]) -> None:
        self.words: dict[str, list[Token]] = {}
        for token in sorted(tokens, key=lambda t: t.i):
            for key in {token.lemma_.lower(), token.lower_}:
                self.words.setdefault(key, []).append(token)

    def find(self, word: str | frozenset[str], used: list[Token]) -> Token | None:
        """The first frame word matching `word` (a lemma or a word class) not yet used."""
        keys = (word,) if isinstance(word, str) else word
        for key in keys:
            for token in self.words.get(key, ()):
                if token not in used:
                    return token
        return None


def load_word_list(name: str) -> frozenset[str]:
    """The words of an nlp/data one-column list (light_verbs.tsv)."""
    return frozenset(cells[0] for _, cells in read_rows("tacitus.nlp", f"data/{name}", 1))


def load_prefix_codes(name: str = "intent.tsv") -> dict[str, str]:
    """{code prefix: code} from an ontology prefix table (intent.tsv, refusal.tsv)."""
    return {prefix: code for _, (prefix, code) in read_rows("tacitus.ontology", name, 2)}


class EventCoder:
    """The `tacitus.events.v1` component."""

    def __init__(
        self,
        ontology: Ontology,
        statements_only_when_alone: bool,
        min_confidence: float,
        scoring: EventOptions,
    ) -> None:
        register_extensions()
        self.ontology = ontology
        self.by_head = ontology.lexicon.by_head
        self.cues = ModalityCues.load()
        self.intent_codes = load_prefix_codes("intent.tsv")
        self.refusal_codes = load_prefix_codes("refusal.tsv")
        self.light_verbs = load_word_list("light_verbs.tsv")
        self.cues.light_verbs = self.light_verbs
        self.dates = DateResolver()
        self.statements_only_when_alone = statements_only_when_alone
        self.min_confidence = min_confidence
        self.scoring = scoring

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            if sent[0]._.boilerplate or (len(sent) > 1 and sent[1]._.boilerplate):
                continue
            events.extend(self.code_sentence(doc, sent, index))
        quotes = doc._.quotes
        for number, event in enumerate(events, start=1):
            event.id = f"{doc._.article_id or 'doc'}-e{number}"
            start = event.trigger["start"]
            event.quote_id = next(
                (q.id for q in quotes or () if q.direct and q.start <= start < q.end), None
            )
        doc._.events = events
        return doc

    # -- matching -------------------------------------------------------------------------
    def match(self, pattern: TriggerPattern, head: Token, reach: Reach) -> Match | None:
        """The pattern's fit at `head`, or None when a required word is missing."""
        if pattern.head_pos:
            if pattern.head_pos == "NOUN" and head.pos_ not in NOMINAL:
                return None
            if pattern.head_pos == "VERB" and head.pos_ not in VERBAL:
                return None
            if pattern.head_pos == "ADJ" and head.pos_ != "ADJ":
                return None
        used = [head]
        for word in pattern.companions:
            found = reach.find(word, used)
            if found is None:
                return None
            used.append(found)
        for word in pattern.excludes:
            if reach.find(word, []) is not None:
                return None
        weights = self.scoring
        score = weights.score_per_word * len(pattern.companions)
        score += weights.score_part_of_speech if pattern.head_pos else 0
        match = Match(pattern, head, used, score)
        if not self._slots(match):
            return None
        if match.targets:
            by_preposition = pattern.target and pattern.target.prep
            match.score += (
                weights.score_target_by_preposition if by_preposition else weights.score_target
            )
        return match

    def _slots(self, match: Match) -> bool:
        """Fill the match's source and target tokens; False when a named preposition is absent."""
        pattern, head = match.pattern, match.head
        anchors = list(reversed(match.used))
        if head.pos_ in NOMINAL:
            verb = light_verb(head)
            if verb is not None and verb.lemma_.lower() in self.light_verbs:
                anchors.append(verb)  # "brokered a deal [between] Russia and Ukraine"
        verbs = [t for t in match.used if t.pos_ in VERBAL]
        last_verb = max(verbs, key=lambda t: t.i) if verbs else None
        passive = last_verb is not None and is_passive(last_verb)
        if pattern.target is not None:
            if pattern.target.prep:
                match.targets = prep_objects(anchors, pattern.target.prep)
                if not match.targets and pattern.target.prep in {"to", "for"}:
                    match.targets = _dative(anchors)  # "gave Ukraine tanks"
                if not match.targets and (pattern.target.required or not pattern.companions):
                    return False  # "call on $T": the preposition is what makes the sense
            else:
                before = [t for t in match.used[: 1 + pattern.target_after] if t.pos_ in VERBAL]
                anchor = before[-1] if before else None
                if anchor is not None and not is_passive(anchor):
                    obj = direct_object(anchor)
                    match.targets = [obj] if obj is not None else []
                elif anchor is None and head.pos_ in NOMINAL:
                    for prep in NOUN_TARGET_PREPS:
                        match.targets = prep_objects([head], prep)
                        if match.targets:
                            break
        elif head.pos_ in VERBAL and not is_passive(head):
            obj = direct_object(head)  # a pattern without $T still has its object's actor
            match.targets = [obj] if obj is not None and actors_at(obj) else []
        if pattern.source_slot is not None and pattern.source_slot.prep:
            match.sources = prep_objects(anchors, pattern.source_slot.prep)
            if match.sources and pattern.target is None and head.pos_ in VERBAL:
                receiver, _ = clause_subject(head)  # "Ukraine received jets from Denmark"
                match.targets = [receiver] if receiver is not None else []
            return bool(match.sources)
        if head.pos_ in NOMINAL:
            match.sources = self._noun_sources(head)
            return True
        subject, patient = clause_subject(head)
        if passive or patient:
            match.passive = True
            if (
                subject is not None
                and not match.targets
                and pattern.target
                and not pattern.target.prep
            ):
                match.targets = [subject]
            agent = agent_of(last_verb or head)
            match.sources = [agent] if agent is not None else []
        elif subject is not None:
            match.sources = [subject]
        return True

    def _noun_sources(self, noun: Token) -> list[Token]:
        """Who performs a nominal event: possessor, national adjective, "by" phrase or the
        subject of the verb the noun is the object of ("held talks")."""
        for child in noun.children:
            if child.dep_ == "poss":
                return [child]
        for child in noun.children:
            if child.dep_ in {"amod", "compound", "nmod"} and any(
                a.country or a.kb_id for a in actors_at(child)
            ):  # "Russian [attack]", not "military [exercises]"
                return [child]
        agent = agent_of(noun)
        if agent is not None:
            return [agent]
        between = prep_objects([noun], "between") + prep_objects([noun], "among")
        if between:
            return with_conjuncts(between[0])
        verb = light_verb(noun)
        if verb is not None and verb.lemma_.lower() in self.light_verbs:
            subject, patient = clause_subject(verb)
            if patient:
                agent = agent_of(verb)
                return [agent] if agent is not None else []
            return [subject] if subject is not None else []
        return []

    # -- actors ---------------------------------------------------------------------------
    def actors_for(self, token: Token, depth: int = 0, source: bool = False) -> list[Actor]:
        """Actors a participant token stands for, conjuncts included."""
        found: list[Actor] = []
        for part in with_conjuncts(token):
            found.extend(a for a in self._actors_of_one(part, depth, source) if a not in found)
        return found

    def _actors_of_one(self, token: Token, depth: int, source: bool) -> list[Actor]:
        direct = actors_at(token)
        if direct:
            return [_with_owner_country(a, token) for a in direct]
        pronoun = pronoun_actors(token)
        if pronoun is not None:
            return list(pronoun)
        if depth >= 2:
            return []
        for child in token.children:
            if child.dep_ in {"compound", "poss", "amod", "appos", "nmod"}:
                found = actors_at(child)  # "Israeli [airstrikes]", "Armenian [positions]"
                if found:
                    return [_as_country(a) if a.attributive else a for a in found]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "by", "from"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self.actors_for(obj, depth + 1, source)
                        if found:
                            return found
        if source and self.cues.is_governor(token, "intent"):
            verb = light_verb(token)
            if verb is not None:
                subject, _ = clause_subject(verb)
                if subject is not None:
                    return self.actors_for(subject, depth + 1, source)
        return []

    # -- sentences ------------------------------------------------------------------------
    def code_sentence(self, doc: Doc, sent: Span, index: int) -> list[Event]:
        matches: list[Match] = []
        for token in sent:
            patterns = self.by_head.get(token.lemma_.lower())
            if not patterns or token.pos_ not in VERBAL | NOMINAL | {"ADJ"}:
                continue
            reach = Reach(frame(token).values())
            best = None
            for pattern in patterns:
                found = self.match(pattern, token, reach)
                if found is not None and (best is None or found.score > best.score):
                    best = found
            if best is not None:
                matches.append(best)
        claimed: set[int] = set()
        kept: list[Match] = []
        for match in sorted(matches, key=lambda m: (-self._rank(m), m.head.i)):
            if any(t.i in claimed for t in match.used):
                continue
            kept.append(match)
            claimed.update(t.i for t in match.used)
        built = [(m, self.build(doc, m, index)) for m in sorted(kept, key=lambda m: m.head.i)]
        producing = [m for m, events in built if any(e.modality != "hypothetical" for e in events)]
        events: list[Event] = []
        for match, found in built:
            if self._carrier(match, producing) or self._restated(match, found, producing):
                continue
            events.extend(found)
        return events

    @staticmethod
    def _restated(match: Match, found: list[Event], producing: list[Match]) -> bool:
        """True for a sourceless noun that restates a coded verb's event ("killed five in an
        [attack] on the convoy", "[clashes] in which two were killed")."""
        if match.head.pos_ not in NOMINAL or not found or found[0].source.text:
            return False
        heads = {m.head.i for m in producing if m is not match}
        ancestors = [a.i for _, a in zip(range(3), match.head.ancestors, strict=False)]
        return any(i in heads for i in ancestors) or any(
            m.head.head.i == match.head.i for m in producing if m is not match
        )

    def _rank(self, match: Match) -> int:
        """Claim order: a pattern headed by a modal verb that spells out the embedded event
        ("threaten to outlaw $T") outranks the embedded event's own pattern."""
        modal = match.pattern.companions and self.cues.governor.get(match.head.lemma_.lower())
        modal_claim = modal in {"intent", "hypothetical", "negation"}
        return match.score + (self.scoring.score_modal_claim if modal_claim else 0)

    def _carrier(self, match: Match, producing: list[Match]) -> bool:
        """True for a speech or intention word whose complement holds another coded event."""
        entry = self.ontology.get(match.pattern.code)
        if not self.statements_only_when_alone or not entry.carrier:
            return False
        head = match.head
        for other in producing:
            if other is match:
                continue
            if governs(head, other.head, coordination=False):
                return True
            # "Troops attacked the camp, officials said": the speech verb hangs off the event
            if head.dep_ in {"parataxis", "ccomp", "advcl"} and head.head.i == other.head.i:
                return entry.attribution
        return False

    def build(self, doc: Doc, match: Match, index: int) -> list[Event]:
        """Event records for a match: one per source/target pair."""
        reading = self.read(match)
        entry = self.ontology.get(reading.code)
        sources, targets = self.sides(match, entry)
        if not self.is_event(match, sources, targets):
            return []
        first, last = _trigger_tokens(match)
        start, end = first.idx, last.idx + len(last.text)
        trigger = {"text": doc[first.i : last.i + 1].text, "start": start, "end": end}
        day = self.dates.event_date(match.head, doc._.date, future=reading.modality == "intended")
        day = day or doc._.date
        events = []
        for source, target in self.pairs(sources, targets, entry):
            confidence = self.confidence(match, source, target)
            if confidence < self.min_confidence:
                continue
            events.append(
                Event(
                    id="",
                    article_id=doc._.article_id or "",
                    sentence=index,
                    date=day.isoformat() if day else None,
                    source=source or Actor(text="", start=start, end=start),
                    target=target,
                    cameo=entry.code,
                    cameo_root=entry.root,
                    cameo_name=entry.name,
                    goldstein=entry.goldstein,
                    quad_class=entry.quad_class,
                    plover=entry.plover,
                    plover_mode=entry.plover_mode,
                    plover_context=entry.plover_context,
                    trigger=dict(trigger),
                    negated=reading.negated,
                    modality=reading.modality,
                    confidence=confidence,
                    rule=match.pattern.rule,
                )
            )
        return events

    # -- the steps of `build` ----------------------------------------------------------------
    def read(self, match: Match) -> Reading:
        """The pattern's code, negation and modality as the words around the trigger give
        them: "refused to lift the ban" is a rejection that happened, an intention is coded
        with its intent code."""
        negated, modality, refused = self.cues.read(match.head)
        code = match.pattern.code
        refusal = self._prefix_code(self.refusal_codes, code) if refused else None
        if refusal is not None:
            return Reading(refusal, False, "asserted")
        if modality == "intended":
            code = self._intent_code(code)
        return Reading(code, negated, modality)  # type: ignore[arg-type]

    def sides(self, match: Match, entry: CameoCode) -> tuple[list[Actor], list[Actor]]:
        """The source and target actors of a match: a national adjective as source stands for
        its country and is no target; the media a statement is made to are its channel."""
        sources = [a for t in match.sources for a in self.actors_for(t, source=True)]
        targets = [a for t in match.targets for a in self.actors_for(t)]
        sources = [_as_country(a) if a.attributive else a for a in sources]
        targets = [a for a in targets if not a.attributive]
        if entry.channel:  # "told reporters": the press is the channel, not the addressee
            targets = [a for a in targets if a.sectors != ["MED"]]
        return sources, targets

    @staticmethod
    def is_event(match: Match, sources: list[Actor], targets: list[Actor]) -> bool:
        """False when the match reports no event between actors: nobody on either side, a
        participle that only describes ("two men accused of fraud"), or a named doer that is
        no actor ("an earthquake struck")."""
        if not sources and not targets:
            return False
        if match.head.dep_ == "acl" and match.head.tag_ == "VBN" and not sources:
            return False
        return bool(
            sources or not match.sources or match.passive or match.head.pos_ in NOMINAL
        )

    @staticmethod
    def pairs(
        sources: list[Actor], targets: list[Actor], entry: CameoCode
    ) -> list[tuple[Actor | None, Actor | None]]:
        """(source, target) of each event: every source with every target, or, for a
        symmetric code between two or more subjects and no object, each subject with each
        other ("India and Pakistan held talks"). The same actor on both sides, and an
        unnamed doer acting on a private person (crime news, not politics), are left out."""
        found: list[tuple[Actor | None, Actor | None]]
        if not targets and len(sources) >= 2 and entry.symmetric:
            found = [(s, t) for s in sources for t in sources if s is not t]
        else:
            found = list(product(sources or [None], targets or [None]))
        return [
            (source, target)
            for source, target in found
            if not (source is not None and target is not None and _same_actor(source, target))
            and not (source is None and not _political(target))
        ]

    def confidence(self, match: Match, source: Actor | None, target: Actor | None) -> float:
        """How sure the coder is of one event (weights: settings.cfg [events])."""
        weights = self.scoring
        words = min(len(match.pattern.companions), weights.confidence_words_counted)
        score = weights.confidence_base + weights.confidence_per_word * words
        score += weights.confidence_target if target is not None else 0.0
        score += weights.confidence_coded_source if source is not None and source.code else 0.0
        score += weights.confidence_no_source if source is None else 0.0
        return round(max(weights.confidence_floor, min(weights.confidence_ceiling, score)), 2)

    def _intent_code(self, code: str) -> str:
        return self._prefix_code(self.intent_codes, code) or code

    @staticmethod
    def _prefix_code(table: dict[str, str], code: str) -> str | None:
        """The table's code for the longest listed prefix of `code`, or None."""
        for length in range(len(code), 1, -1):
            found = table.get(code[:length])
            if found is not None:
                return found
        return None


def _dative(anchors: list[Token]) -> list[Token]:
    """The indirect object of the verbs of a match ("gave [Ukraine] tanks")."""
    return [c for t in anchors for c in t.children if c.dep_ == "dative" and c.pos_ != "ADP"]


def _with_owner_country(actor: Actor, token: Token) -> Actor:
    """A country-less group whose owner is a resolved pronoun takes its country ("its army")."""
    if actor.country or not actor.sectors:
        return actor
    for child in token.children:
        pronoun = pronoun_actors(child) if child.dep_ == "poss" else None
        if pronoun is not None:
            owner = next((a for a in pronoun if a.country), None)
            if owner is not None:
                found = replace(actor, country=owner.country, sectors=list(actor.sectors))
                found.code = compose_code(owner.country, actor.sectors)
                found.antecedent = owner.antecedent or owner.ref()
                return found
    return actor


def _as_country(actor: Actor) -> Actor:
    """A national adjective standing for its country ("Israeli [airstrikes]")."""
    return replace(
        actor, name=actor.text, code=actor.country, sectors=[], kb_id=None, attributive=False
    )


def _trigger_tokens(match: Match) -> tuple[Token, Token]:
    """First and last token of the trigger: the trigger word stretched over nearby required
    words ("held extensive talks")."""
    tokens = sorted(match.used, key=lambda t: t.i)
    near = [t for t in tokens if abs(t.i - match.head.i) <= 4]
    return near[0], near[-1]


def _political(actor: Actor | None) -> bool:
    """True for an actor of the political system: a country, IGO or region, a named
    organisation or person, or any sector but private civilians (CVL)."""
    if actor is None or not (actor.code or actor.kb_id):
        return False
    return bool(actor.country) or bool(actor.kb_id) or any(s != "CVL" for s in actor.sectors)


def _same_actor(a: Actor, b: Actor) -> bool:
    """Same entity: same KB id, or same code and name; one span read as a pair ("the two
    leaders") holds two different actors."""
    if a.kb_id or b.kb_id:
        return a.kb_id == b.kb_id
    if a.code or b.code:
        return a.code == b.code and (a.name or "") == (b.name or "")
    return a.start == b.start and a.end == b.end
