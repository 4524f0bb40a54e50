"""Doers and receivers the parse hides: pure functions over a parsed Doc whose actor mentions
are resolved (tacitus.nlp.extensions). In go tokens of a trigger's clause; out come the tokens
a side sits in, for `tacitus.nlp.roles` to read.

- `stray_subject(verb)`: a name the parser hung on a subjectless verb as a modifier.
- `causer(verb, subject)`: who makes a bare verb happen ("Egypt let free X").
- `predicate_subject(noun)`: the subject an event noun is said of ("X was responsible for").
- `named_owner(words)`: the actor named on a pattern's own noun ("UN sanctions").
- `dative(anchors)`, `goods(anchors)`: a handing-over's receiver and goods.
- `with_owner_country(actor, token)`, `mention_tokens(token)`: a group's country from its
  owner pronoun ("its army"); the tokens of the mention a token is in.
- `participle_objects(anchors)`: what a participle that goes on with an act acts on ("carried
  out a raid, targeting [commanders]").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from tacitus.model import Actor
from tacitus.nlp.actors import compose_code
from tacitus.nlp.extensions import actor_spans, actors_at, pronoun_actors
from tacitus.nlp.syntax import NOMINAL, VERBAL, clause_subject, direct_object

# Arcs inside the phrase of what is handed over ("supplies and personnel such as doctors").
GOODS_DEPS = frozenset({"conj", "appos", "prep", "pobj", "amod", "compound", "nummod"})


def goods(anchors: list[Token]) -> list[Token]:
    """The words of the direct objects of `anchors` (the goods of a handing-over), with their
    conjuncts and modifiers but not clauses inside them, nearest to the verb last."""
    found: list[Token] = []
    for anchor in anchors:
        obj = direct_object(anchor) if anchor.pos_ in VERBAL else None
        stack = [obj] if obj is not None else []
        while stack:
            token = stack.pop()
            found.append(token)
            stack.extend(c for c in token.children if c.dep_ in GOODS_DEPS)
    return found


# Arcs by which the parser sometimes hangs a sentence's subject on its verb when it misreads
# the name's part of speech ("[USAID] deployed teams" with USAID as an adverb).
STRAY_SUBJECT_DEPS = frozenset({"advmod", "npadvmod", "dep", "nmod", "amod", "compound"})


def stray_subject(verb: Token) -> list[Token]:
    """The actor named before a subjectless verb and hung on it by a modifier arc: the
    subject the parser missed ("[USAID] deployed ...", "[UNICEF] provided ..."); [] when
    there is none, and for a participle that only describes a noun ("[US]-backed forces")."""
    if verb.dep_ == "amod":
        return []
    for token in (verb, verb.head) if verb.dep_ in {"xcomp", "conj"} else (verb,):
        for child in token.children:
            named = any(not a.attributive for a in actors_at(child))
            if child.i < token.i and child.dep_ in STRAY_SUBJECT_DEPS and named:
                return [child]
    return []


def causer(verb: Token, subject: Token | None) -> Token | None:
    """For a bare verb the parser hung as a clause of its own under the verb before it, with
    no subject or one after it ("Egypt let free [X]": X is what is freed), that verb's
    subject, who did it; None elsewhere."""
    if verb.dep_ != "ccomp" or (subject is not None and subject.i < verb.i):
        return None
    governor = verb.head
    if governor.pos_ not in VERBAL or governor.i > verb.i or direct_object(governor) is not None:
        return None
    if subject is not None and direct_object(verb) is not None:
        return None
    doer, patient = clause_subject(governor)
    return doer if doer is not None and not patient else None


def predicate_subject(noun: Token) -> list[Token]:
    """The subject an event noun is said of through a predicate: an adjective or a noun
    after a copula whose complement the event is ("X was [responsible] for the killings",
    "X is the largest [donor] of aid"); [] elsewhere and in the content of a noun."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    predicate = noun.head.head
    if predicate.dep_ not in {"acomp", "attr"} or predicate.head.pos_ not in VERBAL:
        return []
    if predicate.head.dep_ in {"acl", "relcl"}:
        return []  # what a noun says of someone ("accusations that X is guilty of Y")
    subject, patient = clause_subject(predicate)
    return [subject] if subject is not None and not patient else []


def named_owner(words: list[Token]) -> list[Token]:
    """For a passive with no agent, the actor named on the pattern's own noun: the
    doer of its act ("[UN] sanctions against Iran were lifted"); not a possessor, which
    can be either side ("Iran's sanctions")."""
    for noun in words:
        if noun.pos_ not in NOMINAL:
            continue
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod"} and any(
                (a.country and a.found_by != "context") or a.kb_id for a in actors_at(child)
            ):
                return [child]
    return []


def dative(anchors: list[Token]) -> list[Token]:
    """The indirect object of the verbs of a match ("gave [Ukraine] tanks")."""
    return [c for t in anchors for c in t.children if c.dep_ == "dative" and c.pos_ != "ADP"]


def participle_objects(anchors: list[Token]) -> list[Token]:
    """Direct objects of the -ing participles hung on the verbs of a match that tell what the
    act did ("carried out a raid, [targeting] [commanders]", "shelled the area, [killing]
    [ten civilians]"), outside the match's own words."""
    used = {t.i for t in anchors}
    found = []
    for anchor in anchors:
        for clause in anchor.children:
            if clause.dep_ != "advcl" or clause.tag_ != "VBG" or clause.i in used:
                continue
            obj = direct_object(clause)
            if obj is not None and obj.i not in used:
                found.append(obj)
    return found


def with_owner_country(actor: Actor, token: Token) -> Actor:
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


def mention_tokens(token: Token) -> list[int]:
    """Indices of the actor mention covering `token` (or the token alone)."""
    index = token.doc._.actor_index or {}
    if token.i not in index:
        return [token.i]
    span = actor_spans(token.doc)[index[token.i]]
    return list(range(span.start, span.end))
