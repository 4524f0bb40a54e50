"""Speech cues: the words that attribute what was said to someone, and who that someone is.

`CueLexicon.load()` reads data/quote_cues.tsv (format in data/README.md). Given a parsed token,
`lexicon.cue_at(token)` says whether it is a cue and of what kind; `cue_phrase` gives the
words a cue is reported with ("posted on X", "told reporters", "according to");
`speaker_token` finds the speaker of a cue in the parse (the subject of the cue verb, the
object of "according to", the possessor of "X's remarks", the subject of "issued a statement
saying"); `speaker_actor` turns that word into an Actor over the speaker's words as they
stand in the sentence, resolved through the actor mentions and the resolved pronouns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from tacitus.datafiles import read_rows
from tacitus.errors import DataError
from tacitus.model import Actor
from tacitus.nlp.extensions import actor_spans, actors_at, pronoun_actors
from tacitus.nlp.syntax import agent_of, clause_subject, light_verb

VERB_KINDS = frozenset({"speech", "speech_that", "speech_if", "direct", "evaluative"})
KINDS = VERB_KINDS | {"noun", "prep"}
NP_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"})
NP_RIGHT_DEPS = frozenset({"compound", "flat", "case"})
SPEAKER_PREPS = frozenset({"by", "from", "of"})
MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "appos", "nmod"})


@dataclass(frozen=True)
class Cue:
    """One lexicon row: the lemma, its kind and the words that complete its phrase."""

    word: str
    kind: str
    phrase: frozenset[str]


@dataclass(frozen=True)
class CueLexicon:
    """Cue verbs, nouns and prepositions by lemma (lower case)."""

    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    preps: dict[str, Cue]

    @classmethod
    def load(cls, folder: Path | None = None) -> CueLexicon:
        """The lexicon of data/quote_cues.tsv; DataError naming the line of a bad row."""
        verbs: dict[str, Cue] = {}
        nouns: dict[str, Cue] = {}
        preps: dict[str, Cue] = {}
        columns = ("cue", "kind", "phrase")
        rows = read_rows("tacitus.nlp", "data/quote_cues.tsv", columns, folder)
        for line, (word, kind, phrase) in rows:
            if kind not in KINDS:
                raise DataError("data_file", path="quote_cues.tsv", line=line, reason="bad row")
            cue = Cue(word, kind, frozenset(w for w in phrase.split("|") if w))
            if kind in VERB_KINDS:
                verbs[word] = cue
            elif kind == "noun":
                nouns[word] = cue
            else:
                preps[word] = cue
        return cls(verbs, nouns, preps)

    def cue_at(self, token: Token, *, quoted: bool = False) -> Cue | None:
        """The cue `token` is, or None. `quoted`: a direct quote hangs on it, so cues that
        only attribute quoted words (kind direct, evaluative) and phrase-less speech_if count."""
        lemma = token.lemma_.lower()
        prep = self.preps.get(token.lower_)
        if prep is not None:
            return prep if any(c.lower_ in prep.phrase for c in token.children) else None
        if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"):
            if token.dep_ in {"amod", "compound"}:
                return None  # "the so-called plan", "a much-quoted remark"
            forms = _verb_forms(lemma, token.lower_)
            cue = next((self.verbs[w] for w in forms if w in self.verbs), None)
            if cue is None:
                return None
            if cue.kind in {"speech", "speech_that"}:
                return cue
            if cue.kind == "speech_if":
                return cue if quoted or has_phrase(token, cue) else None
            return cue if quoted else None
        if token.pos_ in {"NOUN", "PROPN"}:
            return self.nouns.get(token.lower_) or self.nouns.get(lemma)
        return None


def _verb_forms(lemma: str, word: str) -> list[str]:
    """The lemma, then base forms guessed from the word itself (the lemmatizer sometimes
    errs: "rated" -> "rat")."""
    forms = [lemma, word]
    for suffix, base in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("es", ""),
        ("s", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + base)
    return forms


def has_phrase(token: Token, cue: Cue) -> bool:
    """True when one of the cue's phrase words depends on `token` ("posted [on] [X]")."""
    return any(t.lower_ in cue.phrase for t in _phrase_tokens(token))


def _phrase_tokens(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in {"prt", "prep", "dative", "dobj", "agent"}:
            found.append(child)
            found.extend(g for g in child.children if g.dep_ in {"pobj", "compound"})
    return found


def cue_phrase(token: Token, cue: Cue) -> tuple[int, int]:
    """Character span of the cue with the words that complete it ("posted on X")."""
    first = last = token
    if cue.kind == "prep":
        to = next((c for c in token.children if c.lower_ in cue.phrase), None)
        last = to if to is not None else token
    elif cue.kind == "noun":
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            first = token.head
        determiners = [c for c in token.children if c.dep_ in {"det", "poss"}]
        first = min([first, *determiners], key=lambda t: t.i)
        if first.dep_ == "poss":
            first = token
    else:
        for extra in _phrase_tokens(token):
            if extra.lower_ in cue.phrase and abs(extra.i - token.i) <= 4:
                span = [extra]
                if extra.dep_ == "prep":
                    span += [c for c in extra.children if c.dep_ == "pobj"]
                last = max([last, *span], key=lambda t: t.i)
                first = min([first, *span], key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def speaker_token(token: Token, cue: Cue, nouns: dict[str, Cue] | None = None) -> Token | None:
    """The word naming who spoke through this cue, or None."""
    if cue.kind == "prep":
        for child in token.children:
            if child.lower_ in cue.phrase:
                return next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
        return None
    if cue.kind == "noun":
        return _noun_speaker(token)
    subject, passive = clause_subject(token)
    if passive:
        if token.head.lemma_ == "quote" or (subject is not None and _quoted_as(token)):
            return subject
        return agent_of(token) or agent_of(token.head)
    if subject is None and token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
        subject = token.head
    if subject is not None and nouns and subject.lower_ in nouns:
        return _noun_speaker(subject) or subject
    return subject


def _quoted_as(token: Token) -> bool:
    """ "X was quoted as saying": the passive subject is the speaker."""
    return any(t.lemma_ == "quote" for t in token.ancestors)


def _noun_speaker(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in SPEAKER_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    verb = light_verb(noun)
    if verb is None and noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb = noun.head.head if noun.head.head.pos_ in {"VERB", "AUX"} else None
    if verb is not None:
        subject, passive = clause_subject(verb)
        return agent_of(verb) if passive else subject
    return None


def noun_phrase(token: Token) -> Span:
    """The words of the noun phrase headed by `token`, without relative clauses or appositions."""
    doc = token.doc
    left = token.i
    for child in token.lefts:
        if child.dep_ in NP_LEFT_DEPS:
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in NP_RIGHT_DEPS and child.i == right + 1:
            right = child.i
    return doc[left : right + 1]


def speaker_actor(doc: Doc, head: Token) -> Actor:
    """The speaker named by `head`: its actor mention, its pronoun resolution, an actor
    modifying it ("Pakistan's envoy"), or the bare words ("a source") with no code."""
    actors = [a for a in actors_at(head) if not a.attributive]
    if actors:
        return _with_adjacent_person(head, actors[0])
    pronoun = pronoun_actors(head)
    if pronoun:
        return replace(pronoun[0], sectors=list(pronoun[0].sectors))
    phrase = noun_phrase(head)
    for child in head.children:
        if child.dep_ in MODIFIER_DEPS:
            inner = [a for a in actors_at(child) if not a.attributive]
            if inner:
                return replace(
                    inner[0],
                    text=phrase.text,
                    start=phrase.start_char,
                    end=phrase.end_char,
                    sectors=list(inner[0].sectors),
                )
    return Actor(text=phrase.text, start=phrase.start_char, end=phrase.end_char)


def _with_adjacent_person(head: Token, actor: Actor) -> Actor:
    """A title-only speaker ("PM") right beside a person's name ("Modi") that the parse split
    off is that person, over both mentions' words."""
    found = replace(actor, sectors=list(actor.sectors))
    if actor.kb_id:
        return found
    doc = head.doc
    position = doc._.actor_index[head.i]
    mentions = actor_spans(doc)
    mention = mentions[position]
    for k in range(max(0, position - 1), min(len(mentions), position + 2)):
        other = mentions[k]
        adjacent = other.start == mention.end or other.end == mention.start
        person = next(
            (a for a in other._.actors or [] if (a.kb_id or "").startswith("person:")), None
        )
        if adjacent and person is not None:
            words = doc[min(other.start, mention.start) : max(other.end, mention.end)]
            return replace(
                person,
                text=words.text,
                start=words.start_char,
                end=words.end_char,
                sectors=list(person.sectors),
            )
    return found
