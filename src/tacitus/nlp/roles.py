"""Roles: which words of a clause fill a trigger pattern's source and target, and who they are.

Used by tacitus.events.v1. `RoleFinder.slots(match)` fills a `Match`'s source and target tokens
from the pattern's slots and the parse (passives, control, coordination, receivers, nominal
triggers), falling back to the clause's own object, targeting prepositions and a statement's
topic (`tacitus.nlp.sides`) where the pattern names no target. `RoleFinder.sides(match,
reading)` turns the tokens into `Actor` sides: the actors they name or refer to (pronouns
through coreference), the actors inside their phrase, or their words as a participant with no
code; `None` when the clause codes no event (nature as the doer, another event as the doer).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from tacitus.model import Actor, Modality
from tacitus.nlp.doers import (
    causer,
    dative,
    goods,
    mention_tokens,
    named_owner,
    participle_objects,
    predicate_subject,
    stray_subject,
    with_owner_country,
)
from tacitus.nlp.extensions import actors_at, pronoun_actors
from tacitus.nlp.modality import ModalityCues
from tacitus.nlp.sides import (
    TargetSlots,
    acted_on_people,
    acting_object,
    actors_within,
    as_country,
    author_on_verb,
    content_topic,
    doer_behind,
    foreign_to,
    has_owner,
    is_participant,
    named_apposition,
    named_on,
    noun_complements,
    object_slots,
    participant,
    same_actor,
    same_country,
    shared_object,
    statement_topic,
)
from tacitus.nlp.syntax import (
    NOMINAL,
    VERBAL,
    agent_of,
    as_complement,
    clause_subject,
    direct_object,
    is_passive,
    keys,
    light_verb,
    prep_objects,
    with_conjuncts,
)
from tacitus.ontology import CameoCode, TriggerPattern

NOUN_TARGET_PREPS = ("on", "against", "of", "at", "with")
# Light verbs of taking part: who attends "a meeting between X and Y" is no go-between.
TAKING_PART = frozenset({"attend", "join", "participate", "take"})
# Roots of acts done for someone: intentions to cooperate, consulting, support, cooperation,
# aid and yielding; their purpose clause names whom they serve.
HELPING_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
# Roots of acts of force and coercion (material conflict and its postures).
MATERIAL_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})


@dataclass
class Match:
    """A pattern that fits a trigger word, with the words it used and its slots' tokens.
    `implicit` is set when the target slot was not named by the pattern but found in the
    clause (the verb's object, a targeting preposition, a statement's topic)."""

    pattern: TriggerPattern
    head: Token
    used: list[Token]
    score: int
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    passive: bool = False
    implicit: TargetSlots | None = None


@dataclass(frozen=True)
class Reading:
    """What the words say happened: the code (recoded for an obligation, a refusal or an
    intention), whether it is negated, its modality; `speech` is the speech verb of an
    obligation ("X said Y must ..."), `refused` marks a refusal ("rejected Turkey's offer")."""

    code: str
    negated: bool
    modality: Modality
    speech: Token | None = None
    refused: bool = False


class Reach:
    """The words of a trigger's frame, indexed by lemma and by lower-case form."""

    def __init__(self, tokens: Iterable[Token]) -> None:
        self.words: dict[str, list[Token]] = {}
        for token in sorted(tokens, key=lambda t: t.i):
            for key in keys(token):
                self.words.setdefault(key, []).append(token)

    def find(self, word: str | frozenset[str], used: list[Token]) -> Token | None:
        """The first frame word (in text order) matching `word` (a lemma or a word class)
        not yet used; the same whatever order the class's lemmas come in."""
        keys = (word,) if isinstance(word, str) else word
        found = [token for key in keys for token in self.words.get(key, ()) if token not in used]
        return min(found, key=lambda t: t.i) if found else None


# Sectors a state acts through, not on, when they are the object of its act ("mobilized
# troops", "deployed police", "sent diplomats").


class RoleFinder:
    """Slot tokens and actor sides for the event coder's matches."""

    def __init__(
        self,
        cues: ModalityCues,
        light_verbs: frozenset[str],
        natural_forces: frozenset[str],
        statement: frozenset[str],
        impact_verbs: frozenset[str] = frozenset(),
        opposing_verbs: frozenset[str] = frozenset(),
    ) -> None:
        self.cues = cues
        # verbs through which an event noun acts on their object ("air strikes hit a school")
        self.impact_verbs = impact_verbs
        # verbs whose object a helping act's purpose clause is against ("to counter X")
        self.opposing_verbs = opposing_verbs
        self.light_verbs = light_verbs
        self.natural_forces = natural_forces
        # codes whose events are statements, aimed at what they are about (cameo.tsv `topic`)
        self.statement = statement

    # -- slots ----------------------------------------------------------------------------
    def slots(self, match: Match) -> bool:
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
        statement = pattern.code in self.statement
        if pattern.target is not None:
            if pattern.target.prep:
                match.targets = prep_objects(anchors, pattern.target.prep)
                if not match.targets and pattern.target.prep in {"to", "for"}:
                    # "gave Ukraine tanks"; "sent supplies and doctors [to] Nepal", where the
                    # parser hangs the destination on the last of the goods
                    match.targets = dative(anchors) or prep_objects(
                        goods(anchors), pattern.target.prep
                    )
                if not match.targets and (pattern.target.required or not pattern.companions):
                    return False  # "call on $T": the preposition is what makes the sense
                if not match.targets:
                    # "pledged support [to] Kenya", "lifted sanctions [against] Iran", "called
                    # [his counterpart]": the actors the clause aims the act at
                    nouns = [t for t in match.used[1:] if t.pos_ in NOMINAL]
                    inner = [c for n in nouns for c in noun_complements(n)]
                    verb = last_verb or head
                    owned = [n for n in nouns if has_owner(n)]  # "rejected [May's] offer on"
                    if owned:
                        slots = TargetSlots(owned, inside=True)
                    else:
                        slots = TargetSlots(inner) if inner else object_slots(verb, match.used)
                    # a statement's own noun keeps what it is about ("condolences [over] X")
                    slots.participants = statement and bool(inner) and not owned
                    if not slots.tokens and head.pos_ in NOMINAL:
                        slots = self.impact_object(head) or slots
                    match.targets, match.implicit = slots.tokens, slots
            else:
                before = [t for t in match.used[: 1 + pattern.target_after] if t.pos_ in VERBAL]
                anchor = before[-1] if before else None
                if anchor is not None and not is_passive(anchor):
                    obj = direct_object(anchor) or shared_object(anchor) or acting_object(anchor)
                    match.targets = [obj] if obj is not None else []
                    if obj is not None and obj in match.used:  # "gave [Hamas] a deadline"
                        match.targets = dative([anchor]) or match.targets
                elif anchor is None and head.pos_ in NOMINAL:
                    for prep in NOUN_TARGET_PREPS:
                        match.targets = prep_objects([head], prep)
                        if match.targets:
                            break
        elif head.pos_ in VERBAL and not is_passive(head):
            # a pattern without $T still acts on its object ("called Russia's minister");
            # a statement is about its complement's subject ("said Iran had violated")
            slots = object_slots(last_verb or head, match.used, statement=statement)
            owned = any(has_owner(t) or named_on(t) for t in slots.tokens)
            if not slots.tokens or (slots.inside and not owned):
                # "claimed responsibility for the attack [on] X": the pattern's own nouns
                nouns = [t for t in match.used[1:] if t.pos_ in NOMINAL]
                inner = [c for n in nouns for c in noun_complements(n)]
                slots = TargetSlots(inner, participants=True, topic=True) if inner else slots
            demand = pattern.code.startswith("10")  # "its demand that [the US] ease"
            if (statement or demand) and (slots.inside or not slots.tokens):
                # "voiced [hope] that Greece will help": what the hope is about; not what an
                # accusation says ("rejected accusations [by X] that ..." aim at X)
                nouns = [
                    t
                    for t in match.used[1:]
                    if t.pos_ in NOMINAL
                    and agent_of(t) is None
                    and (demand or not any(c.dep_ == "poss" for c in t.children))
                ]
                author = author_on_verb(head, match.used)
                if author is not None:
                    slots = TargetSlots([author], participants=True)
                else:
                    slots = next((c for n in nouns if (c := content_topic(n)).tokens), slots)
            if not slots.tokens and statement:
                slots = statement_topic(head)
            match.targets, match.implicit = slots.tokens, slots
        if pattern.source_slot is not None and pattern.source_slot.prep:
            match.sources = prep_objects(anchors, pattern.source_slot.prep)
            if match.sources and pattern.target is None and head.pos_ in VERBAL:
                receiver, _ = clause_subject(head)  # "Ukraine received jets from Denmark"
                match.targets = [receiver] if receiver is not None else []
                match.implicit = None
            elif match.sources and pattern.target is None and head.pos_ in NOMINAL:
                # "Venezuela's isolation from its neighbours": the owner receives
                match.targets = [t for t in self.noun_sources(head) if t not in match.sources]
                match.implicit = None
            return bool(match.sources)
        if head.pos_ in NOMINAL:
            match.sources = self.noun_sources(head)
            if pattern.target is None and self._go_between(head) is not None:
                # "X launched a mediation effort [between] Y and Z": Y and Z are acted on
                parties = prep_objects([head], "between") + prep_objects([head], "among")
                match.targets = with_conjuncts(parties[0])
                return True
            if pattern.target is None:
                slots = object_slots(head, match.used, statement=statement)
                slots.tokens = [t for t in slots.tokens if t not in match.sources]
                if not slots.tokens:
                    slots = self.impact_object(head) or slots
                said_of = as_complement(head)
                if not slots.tokens and said_of is not None:  # "held [X] as shields"
                    slots = TargetSlots([said_of], participants=True)
                match.targets, match.implicit = slots.tokens, slots
            return True
        subject, patient = clause_subject(head)
        maker = causer(head, subject) if not (passive or patient) else None
        if maker is not None:  # "Egypt let free [the journalist]"
            if not match.targets and subject is not None:
                match.targets, match.implicit = [subject], None
            subject = maker
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
            match.sources = [agent] if agent is not None else named_owner(match.used[1:])
        elif subject is not None:
            match.sources = [doer_behind(subject, head) or subject]
        else:
            match.sources = stray_subject(head)
        return True

    def _go_between(self, noun: Token) -> Token | None:
        """The subject of the light verb of a noun "between" two parties when it names an
        actor of its own ("[Norway] brokered talks between X and Y"): the go-between."""
        if not (prep_objects([noun], "between") or prep_objects([noun], "among")):
            return None
        verb = light_verb(noun)
        if verb is None or noun.dep_ not in {"dobj", "obj"}:
            return None  # not "imposed a curfew after [clashes] between gangs"
        lemma = verb.lemma_.lower()
        if lemma not in self.light_verbs or lemma in TAKING_PART:
            return None
        subject, patient = clause_subject(verb)
        if subject is None or patient or subject.i == noun.i:
            return None
        return subject if self.actors_for(subject) else None

    def impact_object(self, noun: Token) -> TargetSlots | None:
        """The object of a verb of impact whose subject is the event noun ("[air strikes] hit
        a school" -> a school), as a target slot where a participant counts; else None."""
        verb = noun.head
        if noun.dep_ != "nsubj" or verb.pos_ not in VERBAL or is_passive(verb):
            return None
        if verb.lemma_.lower() not in self.impact_verbs:
            return None
        obj = direct_object(verb)
        return TargetSlots([obj], participants=True) if obj is not None else None

    def noun_sources(self, noun: Token) -> list[Token]:
        """Who performs a nominal event: possessor, national adjective, "by" phrase, the
        subject of the verb the noun is the object of ("held talks"), or of the clause a
        gerund read as a noun heads ("..., killing dozens")."""
        for child in noun.children:
            if child.dep_ == "poss":
                return [child]
            if child.dep_ == "nsubj" and child.i < noun.i:
                return [child]  # a verb the tagger read as a noun ("the EU [hand] over aid")
        for child in noun.children:
            if child.dep_ in {"amod", "compound", "nmod"} and any(
                (a.country and a.found_by != "context") or a.kb_id for a in actors_at(child)
            ):  # "Russian [attack]", not "military [exercises]"
                return [child]
        agent = agent_of(noun)
        if agent is not None:
            return [agent]
        between = prep_objects([noun], "between") + prep_objects([noun], "among")
        if between and self._go_between(noun) is None:
            return with_conjuncts(between[0])
        verb = light_verb(noun)
        if verb is not None and verb.lemma_.lower() in self.light_verbs:
            subject, patient = clause_subject(verb)
            if patient:
                agent = agent_of(verb)
                return [agent] if agent is not None else []
            return [subject] if subject is not None else []
        if noun.dep_ in {"advcl", "xcomp", "ccomp", "pcomp"}:
            subject, patient = clause_subject(noun)
            return [subject] if subject is not None and not patient else []
        return predicate_subject(noun)

    # -- sides ----------------------------------------------------------------------------
    def sides(
        self, match: Match, reading: Reading, entry: CameoCode, triggers: set[int]
    ) -> tuple[list[Actor], list[Actor]] | None:
        """(sources, targets) of a match as read; None when the clause codes no event: its
        doer is a natural force ("the earthquake struck") or another coded event of no named
        actor ("heavy fighting killed ten"; but "[Russian] artillery shelled" is Russia's).
        An obligation's speaker acts on its subject ("X said [Y] must withdraw"); a refusal
        of a noun acts on the noun's owner ("rejected [Turkey]'s offer"). `triggers` are the
        sentence's trigger words."""
        if any(t.lemma_.lower() in self.natural_forces for t in match.sources):
            return None
        if reading.speech is not None:
            speaker, _ = clause_subject(reading.speech)
            speakers = [speaker] if speaker is not None else []
            sources = self.side_actors(speakers, source=True)
            taken = {i for t in speakers for i in mention_tokens(t)}
            targets = self.side_actors(match.sources, exclude=taken)
        elif reading.refused and match.head.pos_ in NOMINAL and light_verb(match.head):
            refuser, _ = clause_subject(light_verb(match.head))  # type: ignore[arg-type]
            refusers = [refuser] if refuser is not None else []
            sources = self.side_actors(refusers, source=True)
            taken = {i for t in refusers for i in mention_tokens(t)}
            targets = self.side_actors(match.sources, exclude=taken, participants=False)
        else:
            doers = [t for t in match.sources if t.i not in triggers or self.actors_for(t)]
            if match.sources and not doers:
                return None
            sources = self.side_actors(doers, source=True)
            taken = {i for t in match.sources for i in mention_tokens(t)}
            targets = self.target_sides(match, sources, taken)
        sources = [as_country(a) if a.attributive else a for a in sources]
        targets = [a for a in targets if not a.attributive]
        # a symmetric act of two doers is between them ("the two ministers agreed to hold
        # talks on X"): what the clause merely has is its topic, not a third side
        open_target = not (entry.symmetric and len(sources) >= 2)
        if not open_target and match.implicit is not None and match.implicit.topic:
            targets = []
        if open_target and sources and not any(is_mention(a) for a in targets):
            targets = self.governor_targets(match, sources, entry.root) or targets
        if open_target and entry.root in MATERIAL_ROOTS and not any(is_mention(a) for a in targets):
            anchors = [t for t in match.used if t.pos_ in VERBAL]
            targets = self.side_actors(participle_objects(anchors), participants=False) or targets
        helping = entry.root in HELPING_ROOTS
        if open_target and helping and sources and not any(is_mention(a) for a in targets):
            targets = self.purpose_targets(match, sources) or targets
        if entry.channel:  # "told reporters": the press is the channel, not the addressee
            targets = [a for a in targets if a.sectors != ["MED"]]
        if sources and all(same_actor(t, s) for t in targets for s in sources):
            targets = []  # "opened its borders": the doer's own things are no target
        for side in [*sources, *targets]:
            if side.found_by is None:
                side.found_by = "coreference" if side.antecedent else "explicit"
        return sources, targets

    def purpose_targets(self, match: Match, sources: list[Actor]) -> list[Actor]:
        """For a helping act with no actor as its target, whom it is for: the object of a "to"
        infinitive hung on the trigger's words ("agreed to take in [refugees]", "sent aid to
        help [flood victims]"): the actors named there, else its words as a participant; not
        the object of a verb that acts against it (nlp/data/opposing_verbs.tsv: "talks to
        counter [X]")."""
        anchors = [t for t in match.used if t.pos_ in VERBAL | NOMINAL]
        for anchor in anchors:
            for clause in anchor.children:
                if clause.dep_ not in {"advcl", "xcomp", "acl", "relcl"}:
                    continue
                if clause.pos_ not in VERBAL or clause in match.used:
                    continue
                if clause.lemma_.lower() in self.opposing_verbs:
                    continue  # "talks to [counter] X" are not for X
                if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                    continue
                obj = direct_object(clause)
                if obj is None:
                    continue
                found = [
                    a
                    for a in self.side_actors([obj], avoid=sources)
                    if not any(same_actor(a, s) for s in sources)
                ]
                if found:
                    return found
        return []

    def governor_targets(self, match: Match, sources: list[Actor], root: str) -> list[Actor]:
        """For an act in a purpose or complement clause that names no actor as its target,
        the actors the governing verb is aimed at: its indirect object, the object of its
        "to", or its direct object ("sent a team [to Haiti] to assess the damage", "called
        [the minister] to apologize"), else a named place sent to ("sent experts [to
        Alabama] to investigate"); the doers themselves are passed over."""
        head = match.head
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
        # a participle of words ("sent a letter to X [threatening] to ...") is aimed there
        # too; not one of force (", [killing] ten"): it tells what the act did
        speaking = head.tag_ == "VBG" and root not in MATERIAL_ROOTS
        if head.pos_ not in VERBAL or head.dep_ not in {"advcl", "xcomp"}:
            return []
        if not (infinitive or speaking):
            return []
        governor = head.head
        if governor.pos_ not in VERBAL:
            return []
        used = {t.i for t in match.used}
        aimed = [t for t in dative([governor]) + prep_objects([governor], "to")]
        found = self.side_actors(
            [t for t in aimed if t.i not in used], participants=False, within=False
        )
        # a named place sent to ("dispatched a team [to Detroit] to investigate"): its words,
        # a participant that tacitus.places gives its country
        obj = direct_object(governor)
        sent = [obj, *prep_objects([obj], "of")] if obj is not None else []  # "a team of X"
        found += [
            participant(t)
            for t in prep_objects([governor, *sent], "to")
            if t.i not in used and t.pos_ == "PROPN" and not found and is_participant(t)
        ][:1]
        if obj is not None and obj.i not in used:  # not its own troops ("sent [troops] to")
            found += [
                a
                for a in self.side_actors([obj], participants=False, within=False)
                if foreign_to(a, sources) or acted_on_people(a)
            ]
        return [a for a in found if not any(same_actor(a, s) for s in sources)]

    def target_sides(self, match: Match, sources: list[Actor], taken: set[int]) -> list[Actor]:
        """The target side of a match. A slot the pattern names takes the actors there, else
        the actors inside its phrase, else its words as a participant. A slot found in the
        clause instead (`match.implicit`) is read only where the clause names a doer, and
        keeps a participant only where the slot says so; alternatives (a statement's topics)
        are tried in order, passing over the doer itself."""
        slots = match.implicit
        if slots is None:
            return self.side_actors(
                match.targets, exclude=taken, within=bool(sources), avoid=sources
            )
        if not sources:
            return []
        if slots.inside:  # the trigger's own object: "expelled [the French envoy]", "released
            # a [Turkish] ship"
            found: list[Actor] = []
            for token in slots.tokens:
                own = [a for a in actors_at(token) if foreign_to(a, sources) or acted_on_people(a)]
                inside = actors_within(token, taken, owners=True, avoid=sources)
                found += own or [a for a in inside if a.found_by != "context"]
            return found
        if not slots.alternatives:
            return self.side_actors(slots.tokens, exclude=taken, participants=slots.participants)
        for token in slots.tokens:
            found = [
                a
                for a in self.side_actors([token], exclude=taken, participants=slots.participants)
                if not any(same_actor(a, s) or same_country(a, s) for s in sources)
            ]
            if found:
                return found
        return []

    def side_actors(
        self,
        tokens: list[Token],
        *,
        source: bool = False,
        exclude: set[int] | None = None,
        participants: bool = True,
        within: bool = True,
        avoid: list[Actor] | None = None,
    ) -> list[Actor]:
        """What the slot tokens of one side stand for: the actors they name or refer to,
        else (for a target, where `within`: the clause names a doer) the nearest actors inside
        the phrase, else (where `participants`) the phrase's own words as a participant with
        no code ("a car bomb"; a place among them gets its country from tacitus.places).
        Actors inside the phrase that are one of `avoid` (the doers: "[her] colleagues") are
        passed over."""
        found: list[Actor] = []
        exclude = exclude or set()
        for token in tokens:
            actors = self.actors_for(token, source=source)
            if not actors and not source and within:
                actors = actors_within(token, exclude, avoid=avoid)
            if not actors and participants and is_participant(token) and token.i not in exclude:
                actors = [participant(token)]
            found.extend(a for a in actors if a not in found)
        return found

    def actors_for(self, token: Token, depth: int = 0, source: bool = False) -> list[Actor]:
        """Actors a slot token stands for, conjuncts included."""
        found: list[Actor] = []
        for part in with_conjuncts(token):
            found.extend(a for a in self._actors_of_one(part, depth, source) if a not in found)
        return found

    def _actors_of_one(self, token: Token, depth: int, source: bool) -> list[Actor]:
        direct = actors_at(token)
        if direct:
            named = named_apposition(token)  # "the president, Goodluck Jonathan"
            return named or [with_owner_country(a, token) for a in direct]
        pronoun = pronoun_actors(token)
        if pronoun is not None:
            return list(pronoun)
        if depth >= 2:
            return []
        for child in token.children:
            if child.dep_ in {"compound", "poss", "amod", "appos", "nmod"}:
                found = actors_at(child)  # "Israeli [airstrikes]", "Armenian [positions]"
                if found:
                    # the side is the whole phrase ("[Iran's envoy]"), of that actor
                    words = participant(token)
                    return [
                        replace(
                            as_country(a) if a.attributive else a,
                            text=words.text,
                            start=words.start,
                            end=words.end,
                        )
                        for a in found
                    ]
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


def is_mention(actor: Actor) -> bool:
    """True for a side the actor recognizer named (a country, organisation, person, title or
    group), false for a participant that keeps only its words."""
    return bool(actor.name or actor.code or actor.kb_id or actor.country or actor.sectors)


def political(actor: Actor | None) -> bool:
    """True for an actor of the political system: a country, IGO or region, a named
    organisation or person, or any sector but private civilians (CVL)."""
    if actor is None or not (actor.code or actor.kb_id):
        return False
    return bool(actor.country) or bool(actor.kb_id) or any(s != "CVL" for s in actor.sectors)
