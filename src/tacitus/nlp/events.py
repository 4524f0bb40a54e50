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
refusals are recoded with ontology/intent.tsv and refusal.tsv, obligations laid on someone by
a speaker ("X said Y must ...") and acts asked of someone with ontology/demand.tsv. Which words
fill the sources and targets, and who they are, is `tacitus.nlp.roles`. What a code implies for
its sides (symmetric, channel, attribution, carrier, topic, performative, asks) is in
ontology/cameo.tsv.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from tacitus.config import EventOptions
from tacitus.datafiles import read_rows
from tacitus.model import Actor, Event
from tacitus.nlp.dates import DateResolver
from tacitus.nlp.extensions import register_extensions
from tacitus.nlp.modality import ModalityCues, Obligations
from tacitus.nlp.roles import Match, Reach, Reading, RoleFinder, is_mention, political
from tacitus.nlp.saving import SavedData
from tacitus.nlp.sides import same_actor
from tacitus.nlp.statements import background, said_kind
from tacitus.nlp.syntax import NOMINAL, VERBAL, frame, governs, has_arc, keys
from tacitus.ontology import ONTOLOGY_FILES, CameoCode, Ontology, TriggerPattern, load_ontology

# Parts of speech a trigger word may have (patterns name verbs, event nouns and adjectives).
TRIGGER_POS = VERBAL | NOMINAL | {"ADJ"}


def load_word_list(name: str, folder: Path | None = None) -> frozenset[str]:
    """The words of an nlp/data one-column list (light_verbs.tsv, natural_forces.tsv, ...)."""
    return frozenset(cells[0] for _, cells in read_rows("tacitus.nlp", f"data/{name}", 1, folder))


def load_prefix_codes(name: str = "intent.tsv", folder: Path | None = None) -> dict[str, str]:
    """{code prefix: code} from an ontology prefix table (intent.tsv, refusal.tsv)."""
    rows = read_rows("tacitus.ontology", name, 2, folder)
    return {prefix: code for _, (prefix, code) in rows}


def load_demand_codes(folder: Path | None = None) -> dict[str, dict[str, str]]:
    """{"appeal": {prefix: code}, "demand": {prefix: code}} from ontology/demand.tsv."""
    table: dict[str, dict[str, str]] = {"appeal": {}, "demand": {}}
    for _, (prefix, appeal, demand) in read_rows("tacitus.ontology", "demand.tsv", 3, folder):
        table["appeal"][prefix] = appeal
        table["demand"][prefix] = demand
    return table


class EventCoder(SavedData):
    """The `tacitus.events.v1` component. Its data: the CAMEO table and trigger lexicon, the
    intent, refusal and demand recodings, the modality and obligation cues, light verbs and
    natural forces; dates are read with the dateparser package."""

    data_files = (
        *ONTOLOGY_FILES,
        ("tacitus.ontology", "intent.tsv"),
        ("tacitus.ontology", "refusal.tsv"),
        ("tacitus.ontology", "demand.tsv"),
        ("tacitus.nlp", "data/modality.tsv"),
        ("tacitus.nlp", "data/obligation.tsv"),
        ("tacitus.nlp", "data/light_verbs.tsv"),
        ("tacitus.nlp", "data/natural_forces.tsv"),
        ("tacitus.nlp", "data/impact_verbs.tsv"),
        ("tacitus.nlp", "data/opposing_verbs.tsv"),
    )
    name = "tacitus_events"

    def __init__(
        self,
        statements_only_when_alone: bool,
        min_confidence: float,
        scoring: EventOptions,
        ontology: Ontology | None = None,
    ) -> None:
        super().__init__()
        register_extensions()
        self.statements_only_when_alone = statements_only_when_alone
        self.min_confidence = min_confidence
        self.scoring = scoring
        if ontology is not None:
            self.use(ontology, None)
            self.loaded = True

    def load(self, folder: Path | None) -> None:
        self.use(load_ontology(folder), folder)

    def use(self, ontology: Ontology, folder: Path | None) -> None:
        """Take `ontology` and read the other tables (from `folder` if saved)."""
        self.ontology = ontology
        self.by_head = ontology.lexicon.by_head
        self.cues = ModalityCues.load(folder)
        self.intent_codes = load_prefix_codes("intent.tsv", folder)
        self.refusal_codes = load_prefix_codes("refusal.tsv", folder)
        self.light_verbs = load_word_list("light_verbs.tsv", folder)
        self.cues.light_verbs = self.light_verbs
        self.demand_codes = load_demand_codes(folder)
        self.obligations = Obligations.load(folder)
        statements = frozenset(c for c, entry in ontology.codes.items() if entry.topic)
        self.roles = RoleFinder(
            self.cues,
            self.light_verbs,
            load_word_list("natural_forces.tsv", folder),
            statements,
            load_word_list("impact_verbs.tsv", folder),
            load_word_list("opposing_verbs.tsv", folder),
        )
        self.dates = DateResolver()

    def __call__(self, doc: Doc) -> Doc:
        self.require_loaded()
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
        if not all(has_arc(head, arc) for arc in pattern.arcs):
            return None
        used = [head]
        for word in pattern.companions:
            found = reach.find(word, used)
            if found is None:
                return None
            used.append(found)
        for word in pattern.excludes:
            if isinstance(word, str) and word.startswith(":"):  # `!:oprd` ("called X a liar")
                if any(c.dep_ == word[1:] for c in head.children):
                    return None
            elif reach.find(word, []) is not None:
                return None
        weights = self.scoring
        score = weights.score_per_word * len(pattern.companions)
        score += weights.score_part_of_speech if pattern.head_pos else 0
        match = Match(pattern, head, used, score)
        if not self.roles.slots(match):
            return None
        if match.targets and match.implicit is None and pattern.target is not None:
            # a target in the slot the pattern names (not one the clause merely has) counts
            by_preposition = pattern.target.prep
            match.score += (
                weights.score_target_by_preposition if by_preposition else weights.score_target
            )
        return match

    # -- sentences ------------------------------------------------------------------------
    def code_sentence(self, doc: Doc, sent: Span, index: int) -> list[Event]:
        matches: list[Match] = []
        for token in sent:
            if token.pos_ not in TRIGGER_POS:
                continue
            patterns = [p for key in keys(token, forms=False) for p in self.by_head.get(key, ())]
            if not patterns:
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
        heads = {m.head.i: m.pattern.code[:2] for m in matches}
        for match in sorted(matches, key=lambda m: (-self._rank(m, heads), m.head.i)):
            if any(t.i in claimed for t in match.used):
                continue
            if len(match.used) > 1 and not self.build(doc, match, index, set(heads)):
                # a pattern that codes no event here ("aid [deliveries]" with no doer) leaves
                # its words to one that does ("[suspended] aid deliveries")
                continue
            kept.append(match)
            claimed.update(t.i for t in match.used)
        triggers = {m.head.i: m.pattern.code for m in kept}
        built = [
            (m, self.build(doc, m, index, triggers)) for m in sorted(kept, key=lambda m: m.head.i)
        ]
        absorbed = self._absorb_into_appeals(built)
        built = [(m, found) for m, found in built if id(m) not in absorbed]
        producing = [m for m, events in built if any(e.modality != "hypothetical" for e in events)]
        restated = {id(m) for m, found in built if self._restated(m, found, producing)}
        acts = [m for m in producing if not self.ontology.get(m.pattern.code).topic]
        restated |= {id(acts[n]) for n in background([m.head for m in acts])}
        producing = [m for m in producing if id(m) not in restated]
        # an act a statement denies is no content that replaces the denial
        denied = {id(m) for m, found in built if _all_negated(found)}
        carried = [m for m in producing if id(m) not in denied]
        events: list[Event] = []
        for match, found in built:
            if id(match) in restated or self._carrier(match, carried):
                continue
            events.extend(found)
        return events

    def _absorb_into_appeals(self, built: list[tuple[Match, list[Event]]]) -> set[int]:
        """An act asked or demanded of someone is the appeal's content, not an event of its
        own: "called on the US to [lift] its embargo" is one appeal, coded for what it asks
        (ontology/demand.tsv: 020 + lift an embargo -> 0254). Returns the ids of the matches
        absorbed; the appeals' events are recoded in place where their code was unspecific
        (the root's own "not specified" code)."""
        absorbed: set[int] = set()
        for appeal, asked in built:
            kind = self.ontology.get(appeal.pattern.code).asks
            if not kind or not asked:
                continue
            for other, _ in built:
                if other is appeal or id(other) in absorbed:
                    continue
                if not governs(appeal.head, other.head, coordination=False, adjuncts=False):
                    continue
                absorbed.add(id(other))
                code = self._prefix_code(self.demand_codes[kind], other.pattern.code)
                if code and appeal.pattern.code == appeal.pattern.code[:2] + "0":
                    for event in asked:
                        self._recode(event, code)
        return absorbed

    def _recode(self, event: Event, code: str) -> None:
        """Give an event another CAMEO code, with that code's name, weight and PLOVER type."""
        entry = self.ontology.get(code)
        event.cameo, event.cameo_root, event.cameo_name = code, entry.root, entry.name
        event.goldstein, event.quad_class = entry.goldstein, entry.quad_class
        event.plover, event.plover_mode = entry.plover, entry.plover_mode
        event.plover_context = entry.plover_context

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

    def _rank(self, match: Match, heads: dict[int, str]) -> int:
        """Claim order: a pattern headed by a modal verb that spells out the embedded event
        ("threaten to outlaw $T") outranks the embedded event's own pattern, and a pattern
        whose words include another trigger of another kind of event frames that trigger
        ("condemned the [attacks]"; `heads`: trigger index -> its root) where it names a doer.
        Between two patterns of one kind ("detonated a [car bomb]") the more specific wins."""
        modal = match.pattern.companions and self.cues.governor.get(match.head.lemma_.lower())
        modal_claim = modal in {"intent", "hypothetical", "negation"}
        root = match.pattern.code[:2]
        frames = bool(match.sources) and any(heads.get(t.i, root) != root for t in match.used[1:])
        return (
            match.score
            + (self.scoring.score_modal_claim if modal_claim else 0)
            + (self.scoring.score_frame_claim if frames else 0)
        )

    def _carrier(self, match: Match, producing: list[Match]) -> bool:
        """True for a speech or intention word whose complement holds another coded event."""
        entry = self.ontology.get(match.pattern.code)
        if not self.statements_only_when_alone or not entry.carrier:
            return False
        head = match.head
        for other in producing:
            if other is match:
                continue
            if governs(head, other.head, coordination=False, adjuncts=False):
                if self._attributes(other, match):  # "[denied it], officials said"
                    continue
                if _describes_participant(other.head, head):
                    continue  # "condolences to the families of miners [who were killed]"
                return True
            # "Troops attacked the camp, officials said": the speech verb hangs off the event;
            # but "Greece said it agreed with Italy": the clause a statement governs without a
            # comma is what it says, not its attribution
            if head.dep_ in {"parataxis", "ccomp", "advcl"} and head.head.i == other.head.i:
                if _reported_by(head, other, self.ontology.get(other.pattern.code).carrier):
                    continue
                return entry.attribution
        return False

    def _attributes(self, speech: Match, event: Match) -> bool:
        """True when `speech` is a trailing attribution of `event` ("[Russia denied the
        claim], the ministry said"): it hangs off the event's word and is not what it says."""
        head = speech.head
        if head.dep_ not in {"parataxis", "ccomp", "advcl"} or head.head.i != event.head.i:
            return False
        if not self.ontology.get(speech.pattern.code).attribution:
            return False
        return not _reported_by(head, event, self.ontology.get(event.pattern.code).carrier)

    def build(
        self, doc: Doc, match: Match, index: int, triggers: dict[int, str] | None = None
    ) -> list[Event]:
        """Event records for a match: one per source/target pair. `triggers` are the
        sentence's trigger words (index -> code): one of them as the doer ("the fighting
        killed ten") is that event's, not a participant of this one."""
        reading = self.read(match, triggers or {})
        entry = self.ontology.get(reading.code)
        found = self.roles.sides(match, reading, entry, set(triggers or ()))
        if found is None:
            return []
        sources, targets = found
        if not self.is_event(match, sources, targets):
            return []
        first, last = _trigger_tokens(match)
        start, end = first.idx, last.idx + len(last.text)
        trigger = {"text": doc[first.i : last.i + 1].text, "start": start, "end": end}
        when = self.dates.event_when(match.head, doc._.date,
                                     future=reading.modality == "intended")
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
                    date=when.day.isoformat() if when else None,
                    date_precision=when.precision if when else "day",
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
    def read(self, match: Match, triggers: dict[int, str] | None = None) -> Reading:
        """The pattern's code, negation and modality as the words around the trigger give
        them: "X said Y must withdraw" is X's demand of Y (ontology/demand.tsv), "refused to
        lift the ban" a rejection that happened, "I want to thank you" thanks (a performative
        code wanted politely), another intention is coded with its intent code."""
        negated, modality, refused = self.cues.read(match.head)
        code = match.pattern.code
        obligation = self.obligations.of(match.head)
        if obligation is not None:
            kind, speech = obligation
            code = self._prefix_code(self.demand_codes[kind], code) or (
                "020" if kind == "appeal" else "100"
            )
            return Reading(code, False, "asserted", speech=speech)
        if self.ontology.get(code).topic:
            said = self._said_code(match.head, triggers or {})
            if said is not None:
                return Reading(said, negated, modality)
        refusal = self._prefix_code(self.refusal_codes, code) if refused else None
        if refusal is not None:
            return Reading(refusal, False, "asserted", refused=True)
        if modality == "intended" and self._performed(code, match.head):
            return Reading(code, negated, "asserted")
        if modality == "intended":
            code = self._intent_code(code)
        return Reading(code, negated, modality)  # type: ignore[arg-type]

    def _said_code(self, speech: Token, triggers: dict[int, str]) -> str | None:
        """The code of a statement that says more than it reports (tacitus.nlp.statements):
        a demand (100), an appeal (020), a refusal (120) or an intention (030, or the intent
        code of a merely possible act the clause names: "said it would reopen the border"
        0351). `triggers`: the sentence's trigger words, index -> code."""
        said = said_kind(speech, self.obligations, self.cues)
        if said is None:
            return None
        kind, clause = said
        if kind == "intent":
            named = triggers.get(clause.i, "")
            return self._intent_code(named) if named[:2] not in {"", "01"} else "030"
        return {"demand": "100", "appeal": "020", "refusal": "120"}[kind]

    @staticmethod
    def is_event(match: Match, sources: list[Actor], targets: list[Actor]) -> bool:
        """False when the match reports no event between actors: no actor the recognizer
        named on either side (only participants: "a car bomb killed a man"), a participle
        that only describes ("two men accused of fraud"), or a named doer that stands for
        nothing ("you" unresolved)."""
        if not any(is_mention(a) for a in [*sources, *targets]):
            return False
        if match.head.dep_ == "acl" and match.head.tag_ == "VBN" and not sources:
            return False
        return bool(sources or not match.sources or match.passive or match.head.pos_ in NOMINAL)

    @staticmethod
    def pairs(
        sources: list[Actor], targets: list[Actor], entry: CameoCode
    ) -> list[tuple[Actor | None, Actor | None]]:
        """(source, target) of each event: every source with every target, or, for a
        symmetric code between two or more subjects and no actor as object, each subject with
        each other ("India and Pakistan held talks"). The same actor on both sides, an
        unnamed doer acting on a private person (crime news, not politics), and a pair with
        no named actor are left out."""
        found: list[tuple[Actor | None, Actor | None]]
        mutual = len(sources) >= 2 and entry.symmetric
        if mutual and not any(is_mention(t) for t in targets):
            found = [(s, t) for s in sources for t in sources if s is not t]
        else:
            found = list(product(sources or [None], targets or [None]))
        return [
            (source, target)
            for source, target in found
            if not (source is not None and target is not None and same_actor(source, target))
            and ((source is not None and is_mention(source)) or political(target))
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

    def _performed(self, code: str, head: Token) -> bool:
        """True for an act done by saying it (cameo.tsv `performative`) wanted politely."""
        return self.ontology.get(code).performative and self.cues.politely(head)

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


def _trigger_tokens(match: Match) -> tuple[Token, Token]:
    """First and last token of the trigger: the trigger word stretched over nearby required
    words ("held extensive talks")."""
    tokens = sorted(match.used, key=lambda t: t.i)
    near = [t for t in tokens if abs(t.i - match.head.i) <= 4]
    return near[0], near[-1]


def _all_negated(events: list[Event]) -> bool:
    return bool(events) and all(e.negated for e in events)


def _describes_participant(token: Token, head: Token) -> bool:
    """True when `token` sits below `head` inside a clause that describes a noun (a relative
    clause, a reduced participle: "the miners [who were killed]", "the tourists [killed]"):
    such a clause says who a participant is, not what a speech act says."""
    current = token
    while current.i != head.i and current.head.i != current.i:
        if current.dep_ == "relcl":
            return True
        # a passive participle ("the tourists [killed]"), not "a statement [calling] for"
        if current.dep_ == "acl" and current.tag_ == "VBN":
            return True
        current = current.head
    return False


def _reported_by(clause: Token, speech: Match, speech_carries: bool) -> bool:
    """True when `clause` is the complement its head speech word reports: "said [it agreed]",
    "[Russia denied it], the ministry said" parsed with 'said' on top; False for an
    attribution the parser hung under the clause after a comma ("[denied it], officials
    said" with 'said' below) and for any clause under a word that is no speech word."""
    if not speech_carries or clause.dep_ != "ccomp":
        return False
    if clause.i < speech.head.i:
        return True
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    return before is None or before.text not in {",", ";", ":"}
