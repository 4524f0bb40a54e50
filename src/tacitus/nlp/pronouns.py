"""Pronouns shared by the components: the pronoun lexicon and pronoun actors.

`PronounLexicon.load()` reads data/pronouns.tsv (format in data/README.md): person, number
and gender of each pronoun, "the former/the latter", honorifics and relation nouns.
`as_pronoun(token, antecedent)` is the Actor a pronoun token stands for. Used by
`tacitus.actors.v1` (a lone pronoun is no name mention), `tacitus.coref.v1` (he/she/they/it)
and `tacitus.quotes.v1` (I/we inside a direct quote stand for its speaker, you for its
addressee: `addressee(...)`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from tacitus.datafiles import read_rows
from tacitus.errors import DataError
from tacitus.model import Actor
from tacitus.nlp.extensions import actor_spans

KINDS = frozenset({"pronoun", "ordinal", "honorific", "relation"})


@dataclass(frozen=True)
class PronounInfo:
    """Person (1, 2 or 3), number (sg/pl) and gender (m/f/n or None) of a pronoun."""

    person: int
    number: str
    gender: str | None


@dataclass(frozen=True)
class PronounLexicon:
    """Pronouns, "former/latter", honorifics and relation nouns from data/pronouns.tsv."""

    pronouns: dict[str, PronounInfo]
    ordinals: frozenset[str]
    honorifics: dict[str, str]
    relations: dict[str, str]

    @classmethod
    def load(cls, folder: Path | None = None) -> PronounLexicon:
        """The lexicon of data/pronouns.tsv; DataError naming the line of a bad row."""
        pronouns: dict[str, PronounInfo] = {}
        ordinals: set[str] = set()
        honorifics: dict[str, str] = {}
        relations: dict[str, str] = {}
        columns = ("word", "kind", "person", "number", "gender")
        for line, (word, kind, person, number, gender) in read_rows(
            "tacitus.nlp", "data/pronouns.tsv", columns, folder
        ):
            if kind not in KINDS or not person.isdigit():
                raise DataError("data_file", path="pronouns.tsv", line=line, reason="bad row")
            info = PronounInfo(int(person), number, None if gender == "-" else gender)
            if kind == "pronoun":
                pronouns[word] = info
            elif kind == "ordinal":
                ordinals.add(word)
            elif kind == "honorific":
                honorifics[word] = gender
            else:
                relations[word] = gender
        return cls(pronouns, frozenset(ordinals), honorifics, relations)

    def first_person(self, word: str) -> bool:
        """True for I/me/my/we/us/our... (any case)."""
        info = self.pronouns.get(word.lower())
        return info is not None and info.person == 1

    def second_person(self, word: str) -> bool:
        """True for you/your/yours... (any case)."""
        info = self.pronouns.get(word.lower())
        return info is not None and info.person == 2


def as_pronoun(token: Token, antecedent: Actor) -> Actor:
    """An Actor for `token` that stands for `antecedent` (whose span becomes the antecedent)."""
    found = antecedent.seen_as(token.text, token.idx, token.idx + len(token.text))
    found.antecedent = antecedent.ref()
    return found


def addressee(sentence: Span, outside: tuple[int, int], speaker: Actor) -> Actor | None:
    """Whom a direct quote speaks to: the one person (a name, or a singular title) its
    attribution sentence names outside the quoted words (character range `outside` = the
    quote) besides the speaker ("Meeting Putin, Sharif said: 'I thank you'" -> Putin); None
    when there is not exactly one."""
    people: dict[str, Actor] = {}
    for span in actor_spans(sentence.doc):
        if not sentence.start <= span.start < sentence.end:
            continue
        if outside[0] <= span.start_char < outside[1]:
            continue
        for actor in span._.actors or []:
            person = (
                (actor.kb_id or "").startswith("person:")
                or any(t.ent_type_ == "PERSON" for t in span)
                or (span.root.tag_ == "NN" and bool(actor.sectors))  # "the Turkish president"
            )
            same = (actor.kb_id and actor.kb_id == speaker.kb_id) or actor.ref() == speaker.ref()
            if person and not same and (actor.code or actor.kb_id):
                people.setdefault(actor.kb_id or actor.name or actor.text, actor)
    return next(iter(people.values())) if len(people) == 1 else None
