"""Event sides: which words fill an event's source and target, and what they stand for.

Pure functions over a parsed Doc whose actor mentions are resolved (`doc.spans["actors"]` and
the resolved pronouns, read through tacitus.nlp.extensions); nothing here knows CAMEO codes.
In go tokens of a trigger's clause; out come tokens (the slot a side sits in) or `Actor`
records (what the slot stands for).

- `object_slots(head, used)`: where the target of an act sits when its pattern names no place
  for it: the direct object, the indirect object, the object of a targeting preposition, the
  complement of a nominal trigger ("attack on", "assault against").
- `acting_object(verb)`: whom a verb acts on through an -ing clause ("supported [girls] going").
- `shared_object(verb)`: the object two coordinated verbs share ("rejected and condemned X").
- `statement_topic(verb)`: the entity a statement is about: the subject or object of its
  complement clause ("said [Iran] had violated the deal").
- `actors_within(token)`: the nearest actors inside a phrase ("rejected [Theresa May]'s offer",
  "accepted an invitation to meet [Kim Jong Un]"), nearest layer first.
- `participant(token)`: a side that is no political actor keeps its words ("a car bomb",
  "another ethnic Chechen") with no code.
- `foreign_to(actor, sources)`, `acted_on_people(actor)`, `same_country(a, b)`: what kind of
  side an object is next to the doers (another country's, people a state acts on, the doer's
  own country again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from tacitus.model import Actor
from tacitus.nlp.extensions import actors_at, pronoun_actors
from tacitus.nlp.syntax import (
    NOMINAL,
    VERBAL,
    agent_of,
    clause_subject,
    direct_object,
    is_passive,
    is_time,
)

# Prepositions whose object is what a verb acts on, when the verb's pattern names none:
# "fired on", "turned against", "lashed out at", "sided with", "reached out to".
VERB_TARGET_PREPS = ("against", "on", "at", "with", "to", "toward", "towards", "upon", "into")
# Prepositions whose object is what an event noun is aimed at: "an attack on", "strikes
# against", "sanctions over", "talks with", "the bombardment of".
NOUN_TARGET_PREPS = (
    "against",
    "on",
    "at",
    "with",
    "to",
    "toward",
    "towards",
    "upon",
    "into",
    "over",
    "of",
)
# Prepositions whose object is what a statement is about: "concern over", "optimism about".
TOPIC_PREPS = ("over", "about", "for", "regarding", "concerning")
# Arcs followed inside a phrase to find the actor it is about.
INNER_DEPS = frozenset(
    {"poss", "compound", "amod", "nmod", "appos", "prep", "pobj", "acl", "dobj", "dative"}
    | {"pcomp", "conj", "npadvmod", "attr"}
)
# Modifiers that belong to a participant's words.
PHRASE_LEFT_DEPS = frozenset(
    {"det", "predet", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod"}
    | {"case", "punct", "prep", "pobj"}
)


# Arcs of the words that say whose a noun is: "[Britain's] envoy", "the [UN] mission", "the
# director, [Jane Doe]".
OWNER_DEPS = frozenset({"poss", "compound", "nmod", "appos"})


@dataclass
class TargetSlots:
    """Where a target sits when its pattern names no place for it: `tokens`, whether a
    phrase there that names no actor still counts as a participant (`participants`), and
    whether the tokens are alternatives to try in order (`alternatives`: a statement's
    topic) rather than parts of one side (coordinated objects)."""

    tokens: list[Token] = field(default_factory=list)
    participants: bool = False
    alternatives: bool = False
    # The tokens are the trigger's own noun: only actors inside its phrase count ("rejected
    # [Britain's] offer"), never a national adjective on it (that is the doer's).
    inside: bool = False
    # The tokens complement the pattern's own noun ("talks [on] X", "responsibility for the
    # attack [on] X"): between two doers of a symmetric act that is their topic, no side.
    topic: bool = False


def object_slots(head: Token, used: Iterable[Token], statement: bool = False) -> TargetSlots:
    """The target slots of an act at `head` whose pattern names none: for a verb its direct
    object (unless the object is the trigger's own noun, "held [talks]"), else its indirect
    object, else the actor named on the trigger's own noun ("rejected the [Venezuelan] offer"),
    else the targeting complement of its object noun ("launched strikes [against]
    X") or of the verb itself ("fired [on] X"), else the actors inside the object noun's
    phrase ("rejected [Britain]'s offer"); for a noun, its complement. A `statement` (01x)
    is also aimed at what it is about ("expressed concern [over] X"). Only a direct or
    indirect object or a noun's complement that names no actor is a participant."""
    taken = {t.i for t in used}
    noun_preps = NOUN_TARGET_PREPS + (TOPIC_PREPS if statement else ())
    if head.pos_ in NOMINAL:
        return TargetSlots(preposition_objects(head, noun_preps), participants=True)
    if head.pos_ not in VERBAL:
        return TargetSlots()
    obj = direct_object(head) or shared_object(head)
    if obj is not None and obj.i not in taken and not holds(obj, taken):
        return TargetSlots([obj], participants=True)
    datives = [c for c in head.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    if datives:
        return TargetSlots(datives, participants=True)
    doing = acting_object(head)
    if obj is None and doing is not None:  # "supported [girls] going to school"
        return TargetSlots([doing], participants=True)
    if obj is not None and has_owner(obj):
        return TargetSlots([obj], inside=True)  # "rejected [Britain's] offer on fishing"
    if obj is not None and obj.i in taken and named_on(obj):
        return TargetSlots([obj], inside=True)  # "rejected an [Afghan government] offer"
    inner = preposition_objects(obj, noun_preps) if obj is not None else []
    inner = [t for t in inner if t.i not in taken]  # "lifted the state [of emergency]"
    if inner:
        return TargetSlots(inner, participants=True)
    verb_preps = VERB_TARGET_PREPS + (TOPIC_PREPS if statement else ())
    around = preposition_objects(head, verb_preps)
    if around:
        return TargetSlots(around, participants=statement)
    return TargetSlots([obj] if obj is not None else [], inside=True)


def shared_object(verb: Token) -> Token | None:
    """The object of the verb coordinated right after `verb` ("rejected and [condemned] the
    decision"): two verbs joined by "and" or "or" with nothing between share what follows."""
    for conj in verb.children:
        joined = conj.i == verb.i + 2 and verb.doc[verb.i + 1].lower_ in {"and", "or"}
        if conj.dep_ == "conj" and conj.pos_ in VERBAL and joined:
            return direct_object(conj)
    return None


def acting_object(verb: Token) -> Token | None:
    """The subject of an -ing clause right after a verb with no object, which the verb acts
    on ("supported [girls] going to school", "condemned [troops] firing on civilians")."""
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.tag_ == "VBG":
            for subject in clause.children:
                if subject.dep_ == "nsubj" and subject.i > verb.i:
                    return subject
    return None


def holds(noun: Token, taken: set[int]) -> bool:
    """True for a noun that is the frame of the pattern's own noun ("the state [of emergency]",
    "[curfew] hours"): the thing acted on is the pattern's, no target."""
    for child in noun.children:
        if child.dep_ in {"compound", "nmod"} and child.i in taken:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and any(p.i in taken for p in child.children)
        ):
            return True
    return False


def named_on(noun: Token) -> bool:
    """True for a noun with a country or named actor on it ("the [Venezuelan] offer", "an
    [Afghan government] proposal"; not "[military] aid")."""
    return any(
        c.dep_ in {"compound", "amod", "nmod"} and any(a.country or a.kb_id for a in actors_at(c))
        for c in noun.children
    )


def has_owner(noun: Token) -> bool:
    """True for a noun whose possessor names an actor ("[Britain's] offer")."""
    return any(c.dep_ == "poss" and actors_at(c) for c in noun.children)


def noun_complements(noun: Token) -> list[Token]:
    """Objects of the targeting prepositions of an event noun ("attack [on] the convoy")."""
    return preposition_objects(noun, NOUN_TARGET_PREPS)


def preposition_objects(head: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the first of `preps` attached to `head`, in the order of `preps`."""
    for prep in preps:
        for child in head.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ == prep:
                objects = [c for c in child.children if c.dep_ == "pobj" and not is_time(c)]
                if objects:
                    return objects
    return []


def statement_topic(verb: Token) -> TargetSlots:
    """What a statement is about, as alternatives in order: the subject of its complement
    clause, the clause's object or prepositional object, then the same in a clause inside it
    ("said [the talks] had failed", "said it was worried about [Iran]"); the caller passes
    over the speaker's own pronoun."""
    return TargetSlots(_topics(verb), participants=True, alternatives=True)


def content_topic(noun: Token) -> TargetSlots:
    """What a statement noun's content clause is about, as `statement_topic` reads a verb's
    ("voiced [hope] that [Greece] will help"); empty when the noun has no such clause."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in {"acl", "ccomp"}
            and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
        ),
        None,
    )
    if clause is None:
        return TargetSlots()
    return TargetSlots(_clause_topics(clause), participants=True, alternatives=True)


def _topics(verb: Token) -> list[Token]:
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return []
    return _clause_topics(clause)


def _clause_topics(clause: Token) -> list[Token]:
    found: list[Token] = []
    subject, _ = clause_subject(clause)
    if subject is not None and subject.i != clause.head.i:
        found.append(subject)
    obj = direct_object(clause) if clause.pos_ in VERBAL else None
    if obj is not None:
        found.append(obj)
    for child in clause.children:
        if child.dep_ in {"acomp", "attr"}:
            found.extend(preposition_objects(child, ("about", "of", "over", "with", "to")))
    found.extend(preposition_objects(clause, ("about", "over", "with", "to", "against", "on")))
    inner = next((c for c in clause.children if c.dep_ == "ccomp"), None)
    if inner is not None:
        found.extend(_topics(clause))
    return found


def actors_within(
    token: Token,
    exclude: set[int],
    max_depth: int = 3,
    owners: bool = False,
    avoid: list[Actor] | None = None,
) -> list[Actor]:
    """The actors named nearest to `token` inside its phrase (breadth first, `max_depth` arcs;
    relative clauses and other clauses are not entered); mentions covering `exclude` are
    passed over, so the doer is not found again as its own target. A national adjective
    counts only as an owner (`owners`: "released a [Turkish] ship" -> Turkey); actors that
    are one of `avoid` (the doers) are passed over too ("restrictions between [it] and X").
    A name's appositive only describes it and is not entered ("Haifa, [Israel]'s third city")."""
    layer = [token]
    seen = {token.i}
    for depth in range(max_depth):
        following: list[Token] = []
        found: list[Actor] = []
        for current in layer:
            for child in current.children:
                if child.i in seen or child.dep_ not in INNER_DEPS:
                    continue
                if child.dep_ == "appos" and current.pos_ == "PROPN":
                    continue  # "shelled [Haifa], Israel's third city": a name is itself
                seen.add(child.i)
                following.append(child)
                if child.i in exclude:
                    continue
                for actor in actors_at(child):
                    if actor.attributive:
                        if not owners or depth:  # "a [Turkish] ship", not "[Russian]-made"
                            continue
                        actor = as_country(actor)
                    if actor not in found:
                        found.append(actor)
                found.extend(a for a in pronoun_actors(child) or () if a not in found)
        found = [a for a in found if not any(same_actor(a, b) for b in avoid or ())]
        if found:
            return found
        layer = following
    return []


def phrase_bounds(token: Token) -> tuple[int, int]:
    """Token range [start, end) of a participant's words: the noun with its determiners,
    modifiers and possessor, and an "of" complement ("the last bastion of the rebels");
    relative clauses, participles and other prepositional phrases are left out."""
    start = end = token.i
    for child in token.children:
        if child.i < token.i and child.dep_ in PHRASE_LEFT_DEPS:
            start = min(start, child.left_edge.i)
        elif child.i > token.i and (
            child.dep_ in {"compound", "nummod", "amod"}
            or (child.dep_ == "prep" and child.lower_ == "of")
        ):
            end = max(end, child.right_edge.i)
    doc = token.doc
    while start < token.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end > token.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
        end -= 1
    return start, end + 1


def participant(token: Token) -> Actor:
    """A side that names no actor, with its words and offsets and no code: "a car bomb"."""
    start, end = phrase_bounds(token)
    span = token.doc[start:end]
    return Actor(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        found_by="explicit",
    )


# Currency names: an amount of them is what is given, never who receives it.
_CURRENCY_NAMES = (
    "dollar euro pound yen yuan renminbi rupee franc ruble rouble shekel dinar riyal "
    "rial dirham peso real won lira naira rand shilling taka birr cedi kwacha rupiah "
    "ringgit baht dong hryvnia zloty forint krona krone lari manat som tenge afghani "
    "kyat"
)
CURRENCIES = frozenset(_CURRENCY_NAMES.split())


def is_participant(token: Token) -> bool:
    """True for a word that can stand for an event's participant: a noun or a name (not a
    number, a date, a clause or a pronoun left unresolved)."""
    if token.pos_ not in NOMINAL or token.like_num:
        return False
    if token.lemma_.lower() in CURRENCIES and any(c.dep_ == "nummod" for c in token.children):
        return False  # "[40 million euros]" the tagger did not mark as money
    return token.ent_type_ not in {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL"}


def doer_behind(subject: Token, head: Token) -> Token | None:
    """The doer behind a thing said to act: for a clause hung on a noun that names no actor
    and is the object of a verb ("issued [a statement] calling on X", "accepted [an
    invitation] to meet Y"), the subject of that verb when it names an actor; else None."""
    if head.dep_ != "acl" or head.head.i != subject.i or actors_at(subject):
        return None
    if subject.dep_ not in {"dobj", "obj"} or subject.head.pos_ not in VERBAL:
        return None
    doer, patient = clause_subject(subject.head)
    if doer is None or patient:
        return None
    owned = any(actors_at(c) for c in doer.children if c.dep_ in OWNER_DEPS)
    named = actors_at(doer) or pronoun_actors(doer) is not None or owned
    return doer if named else None  # "[HRW's director] issued a statement calling on"


def named_apposition(token: Token) -> list[Actor]:
    """The person a title mention is set beside ("the president, [Goodluck Jonathan]"), when
    the title names no one itself; [] otherwise."""
    own = actors_at(token)
    if any(a.kb_id and a.kb_id.startswith("person:") for a in own):
        return []
    if own and not any(a.sectors for a in own):
        return []  # a country or organisation is not a title ("from Syria, [the minister]")
    for child in token.children:
        if child.dep_ != "appos":
            continue
        people = [a for a in actors_at(child) if a.kb_id and a.kb_id.startswith("person:")]
        if people:
            return people
    return []


def as_country(actor: Actor) -> Actor:
    """A national adjective standing for its country ("Israeli [airstrikes]")."""
    return replace(
        actor, name=actor.text, code=actor.country, sectors=[], kb_id=None, attributive=False
    )


def same_actor(a: Actor, b: Actor) -> bool:
    """Same entity: same KB id, or same code and name; one span read as a pair ("the two
    leaders") holds two different actors."""
    if a.kb_id or b.kb_id:
        return a.kb_id == b.kb_id
    if a.code or b.code:
        return a.code == b.code and (a.name or "") == (b.name or "")
    return a.start == b.start and a.end == b.end


# State forces a state acts through, not on ("mobilized [troops]").
STATE_FORCES = frozenset({"MIL", "COP", "SPY", "GOV"})


def foreign_to(actor: Actor, sources: list[Actor]) -> bool:
    """True for an actor named with a country of its own that is not the doers' ("expelled
    the [French envoy]"), not for the doers' own people ("mobilized [troops]")."""
    if actor.attributive or not actor.country or actor.found_by == "context":
        return False
    return not any(actor.country == source.country for source in sources)


def acted_on_people(actor: Actor) -> bool:
    """True for people a state acts on, not through ("expelled [aid workers]", "banned
    [newspapers]", "admitted [refugees]"): a sector mention that is not a state's own force
    ("mobilized [troops]", "deployed [police]")."""
    if actor.attributive or not actor.sectors or actor.kb_id:
        return False
    return not set(actor.sectors) & STATE_FORCES


def same_country(a: Actor, b: Actor) -> bool:
    """True when a side is only its country and the other side is of that country ("he said
    Pakistan would ...", said by Pakistan's prime minister)."""
    return bool(a.country) and a.code == a.country and a.country == b.country


def author_on_verb(verb: Token, used: list[Token]) -> Token | None:
    """The author of the pattern's own object noun when the parser hung its "by" phrase on
    the active verb ("denied [charges] by Uganda": an active verb has no "by" agent)."""
    if verb.pos_ not in VERBAL or is_passive(verb):
        return None
    if not any(t.pos_ in NOMINAL and t.head.i == verb.i for t in used[1:]):
        return None
    return agent_of(verb)
