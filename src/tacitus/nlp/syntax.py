"""Dependency-parse helpers for the event coder: frames, subjects, objects and clause chains.

Pure functions over spaCy tokens; nothing here knows CAMEO. Input is a parsed Doc's tokens,
output tokens (or lists of them).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

# Arcs followed from a trigger word to find the words a pattern requires ("held [talks]",
# "imposed [sanctions] [on]", "threatened to [attack]"). Clause arcs (ccomp, advcl, relcl) are
# not followed: a word in another clause belongs to another event.
FRAME_DEPS = frozenset(
    {
        "dobj",
        "obj",
        "prt",
        "xcomp",
        "prep",
        "pobj",
        "compound",
        "amod",
        "attr",
        "acomp",
        "advmod",
        "dative",
        "oprd",
        "pcomp",
        "nsubjpass",
        "npadvmod",
        "nmod",
        "agent",
        "conj",
        "acl",
        "neg",
        "aux",
        "poss",
        "quantmod",
        "nummod",
    }
)
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
VERBAL = frozenset({"VERB", "AUX"})
TIME_ENTS = frozenset({"DATE", "TIME"})
# Nouns that name a point in time, not a side ("said at [one point] that ...").
TIME_NOUNS = frozenset({"time", "point", "moment", "stage", "juncture"})
# Arcs of words that only qualify their head: "[during] a visit", "[on] Monday", "[then]".
ADJUNCT_DEPS = frozenset({"prep", "npadvmod", "advmod"})
NOMINAL = frozenset({"NOUN", "PROPN"})


def keys(token: Token, forms: bool = True) -> list[str]:
    """The lower-case lemma (and with `forms` the lower-case form) of a token and, for the
    last part of a hyphenated word the tokenizer split ("cease-fire" -> cease, -, fire), the
    joined words ("ceasefire", "cease-fire"), so a lexicon word matches however the compound
    is spelled. The token's own words come first."""
    ends = [token.lemma_.lower()]
    if forms and token.lower_ not in ends:
        ends.append(token.lower_)
    found = list(ends)
    if token.i >= 2:
        hyphen, first = token.doc[token.i - 1], token.doc[token.i - 2]
        if hyphen.text == "-" and not hyphen.whitespace_ and not first.whitespace_:
            found += [first.lower_ + end for end in ends] + [f"{first.lower_}-{e}" for e in ends]
    return found


def frame(head: Token, depth: int = 4) -> dict[int, Token]:
    """Tokens reachable from `head` over FRAME_DEPS within `depth` arcs, by index."""
    found = {head.i: head}
    layer = [head]
    for _ in range(depth):
        following = []
        for token in layer:
            for child in token.children:
                if child.dep_ in FRAME_DEPS and child.i not in found:
                    found[child.i] = child
                    following.append(child)
        layer = following
    return found


def is_passive(verb: Token) -> bool:
    """True when the verb has a passive subject or a passive auxiliary, or is a participle
    clause with a "by" agent ("[Attacked] by rebels, the army retreated")."""
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children):
        return True
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in {"advcl", "acl"}
        and any(c.dep_ == "agent" for c in verb.children)
    )


def children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated with it ("Pakistan and India" -> both)."""
    found = [token]
    for conj in token.conjuncts:
        nominal = (conj.i > token.i and conj.pos_ == token.pos_) or conj.pos_ in NOMINAL
        if nominal and conj not in found:
            found.append(conj)
    return found


def agent_of(verb: Token) -> Token | None:
    """The object of the passive "by" phrase (for an event noun also "from": "threats from")."""
    preps = {"by", "from"} if verb.pos_ in NOMINAL else {"by"}
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in preps):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def prep_objects(heads: list[Token], prep: str) -> list[Token]:
    """Objects of preposition `prep` attached to any of `heads` (nearest head first)."""
    found = []
    for head in heads:
        for child in head.children:
            if child.dep_ in {"prep", "agent", "dative"} and child.lower_ == prep:
                for obj in child.children:
                    if obj.dep_ in {"pobj", "pcomp"} and not is_time(obj):
                        found.append(obj)
    return found


def is_time(token: Token) -> bool:
    """True for a date or time word ("on [Monday]", "in [March]", "at [one point]", "at
    [the time]"): never a participant."""
    if token.ent_type_ in TIME_ENTS:
        return True
    # a bare time noun; not a modified place ("fired at a [crossing] point")
    bare = not any(c.dep_ in {"compound", "amod", "nmod"} for c in token.children)
    return bare and token.lemma_.lower() in TIME_NOUNS


def has_arc(token: Token, arc: str) -> bool:
    """True when `token` has a child by dependency `arc`; for "dobj" a passive subject counts
    too ("the paintings [were returned]") and so does the noun of a participle that has no
    subject of its own ("paintings returned to Peru")."""
    if any(c.dep_ == arc for c in token.children):
        return True
    if arc != "dobj":
        return False
    if any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in token.children):
        return True
    if token.dep_ != "acl" or token.tag_ != "VBN":
        return False
    return not any(c.dep_ in {"nsubj", "aux"} for c in token.children)


def direct_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS and child.dep_ != "dative":
            return child
    return None


def _antecedent_of_relative(token: Token) -> Token:
    """Map a relative pronoun ("who") to the noun its clause modifies."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    return token


def clause_subject(verb: Token, max_up: int = 4) -> tuple[Token | None, bool]:
    """The (logical) subject of a verb and whether it is the patient of a passive.

    Climbs control and coordination ("X wants to meet", "X met and praised"), participle
    clauses ("Meeting Putin, Sharif said") and relative clauses ("the man who met").
    """
    token = verb
    if token.pos_ == "ADJ" and token.dep_ in {"acomp", "attr", "oprd"}:
        token = token.head
    described = _set_off_noun(token)
    if described is not None:  # "For Russia, [isolated] from the West, ..."
        return described, True
    for _ in range(max_up):
        # The subject nearest the verb: a dateline ("CAIRO --") is often parsed as a second one.
        for child in sorted(token.children, key=lambda c: abs(token.i - c.i)):
            if child.dep_ in SUBJECT_DEPS:
                return _antecedent_of_relative(child), False
            if child.dep_ in PASSIVE_SUBJECT_DEPS:
                return _antecedent_of_relative(child), True
        dep = token.dep_
        if dep in {"acomp", "attr", "oprd"} and token.head.i != token.i:  # "was ready to share"
            token = token.head
            continue
        if dep in {"xcomp", "conj", "advcl", "pcomp"} and token.head.i != token.i:
            token = token.head
            if dep == "pcomp":
                token = token.head
                controller = direct_object(token) if token.pos_ in VERBAL else None
                if controller is not None:  # "thanked X for supporting", "accused X of hiding"
                    return controller, False
            continue
        if dep in {"acl", "relcl"} and token.head.pos_ in NOMINAL | {"PRON"}:
            # a participle with a direct object is active: "the air force [carried] out
            # strikes", misread as a noun's modifier
            passive = token.tag_ == "VBN" and direct_object(token) is None
            return token.head, passive
        break
    return None, False


def _set_off_noun(verb: Token) -> Token | None:
    """The noun a past participle set off by commas describes: the noun just before the
    comma that opens its clause ("Russia, [isolated] from the West, ..."); None elsewhere."""
    if verb.tag_ != "VBN" or verb.dep_ not in {"advcl", "acl"}:
        return None
    start = verb.left_edge.i
    doc = verb.doc
    if start < 2 or doc[start - 1].text != ",":
        return None
    noun = doc[start - 2]
    described = noun.pos_ in NOMINAL and (noun.i != verb.head.i or noun.dep_ == "pobj")
    return noun if described else None


def governors(token: Token, max_up: int = 4) -> Iterator[Token]:
    """Words above `token` through complement arcs: "wants" above "meet" in "wants to meet"."""
    current = token
    for _ in range(max_up):
        dep = current.dep_
        if current.head.i == current.i or dep not in {
            "xcomp",
            "ccomp",
            "acl",
            "pcomp",
            "pobj",
            "prep",
            "conj",
        }:
            return
        # a coordinated verb is no complement of the verb before it, even where the parser
        # read that one as a noun ("[rejects] and condemns the decision")
        if dep == "conj" and (current.head.pos_ in VERBAL or current.pos_ in VERBAL):
            current = current.head
            continue
        current = current.head
        yield current


def light_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of ("held [talks]", "condemned the [attack]")."""
    if noun.dep_ in {"dobj", "obj", "attr", "nsubjpass"} and noun.head.pos_ in VERBAL:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        governor = noun.head.head
        if governor.pos_ in VERBAL:
            return governor
        if as_complement(noun) is not None:  # "held [civilians] as [shields]"
            return governor.head
        if governor.lower_ in {"part"} and governor.head.pos_ in VERBAL:  # "took part in"
            return governor.head
    return None


def as_complement(noun: Token) -> Token | None:
    """The object an "as" phrase says something of ("held [civilians] as shields" ->
    civilians), the phrase hung on the verb's direct object or on the verb; else None."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "as":
        return None
    obj = noun.head.head
    if obj.pos_ in VERBAL:
        return direct_object(obj)
    if obj.dep_ in {"dobj", "obj"} and obj.head.pos_ in VERBAL:
        return obj
    return None


def governs(
    head: Token, token: Token, *, coordination: bool = True, adjuncts: bool = True, limit: int = 0
) -> bool:
    """True when `token` sits below `head` in the tree (in its clause or a clause it embeds).

    `coordination=False`: not when `token` only hangs off `head` as a conjunct ("X attacked
    and said": "said" does not govern "attacked"). `adjuncts=False`: not when it hangs off
    `head` through an adjunct ("pledged support [during] a visit": the visit is no part of
    the pledge). `limit`: climb at most this many arcs from `token` (0: up to the root).
    """
    current, steps = token, 0
    while current.head.i != current.i and (not limit or steps < limit):
        if current.head == head:
            if not coordination and current.dep_ == "conj":
                return False
            return adjuncts or current.dep_ not in ADJUNCT_DEPS
        current = current.head
        steps += 1
    return False
