"""Negation, intention, hypotheticals and reported speech around an event word.

`ModalityCues.load()` reads data/modality.tsv; `cues.of(head)` returns (negated, modality) for
a trigger token, looking at its own auxiliaries and markers and at the words that govern it
("did not", "wants to", "if they", "said that").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from tacitus.datafiles import read_rows
from tacitus.errors import DataError
from tacitus.nlp.syntax import governors, light_verb

RANK = {"asserted": 0, "reported": 1, "intended": 2, "hypothetical": 3}
AUX_DEPS = frozenset({"aux", "neg", "advmod", "det", "auxpass"})


@dataclass
class ModalityCues:
    """Cue words by where they sit: on the event word, marking its clause, or governing it."""

    aux: dict[str, str] = field(default_factory=dict)
    mark: dict[str, str] = field(default_factory=dict)
    governor: dict[str, str] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    # Intent words that perform an act done by saying it ("I want to thank you").
    polite: frozenset[str] = frozenset()

    @classmethod
    def load(cls, folder: Path | None = None) -> ModalityCues:
        cues = cls()
        polite: set[str] = set()
        for line, (lemma, kind, place) in read_rows("tacitus.nlp", "data/modality.tsv", 3, folder):
            if place not in {"aux", "mark", "governor"}:
                raise DataError("data_file", path="modality.tsv", line=line, reason="bad row")
            if kind == "polite":
                polite.add(lemma)
                kind = "intent"
            getattr(cues, place)[lemma] = kind
        cues.polite = frozenset(polite)
        return cues

    def politely(self, head: Token) -> bool:
        """True when the nearest word governing the event at `head` is a politeness form
        ("I [want] to thank", "we would [like] to congratulate")."""
        first = next(governors(head), None)
        return first is not None and first.lemma_.lower() in self.polite

    def _local(self, token: Token) -> tuple[bool, str]:
        negated, modality = False, "asserted"
        for child in token.children:
            word = child.lower_
            if child.dep_ in AUX_DEPS and word in self.aux:
                kind = self.aux[word]
            elif child.dep_ == "mark" and word in self.mark:
                kind = self.mark[word]
            else:
                continue
            if kind == "negation":
                negated = not negated
            elif kind == "intent" and RANK[modality] < RANK["intended"]:
                modality = "intended"
            elif kind == "hypothetical":
                modality = "hypothetical"
        return negated, modality

    def of(self, head: Token) -> tuple[bool, str]:
        """(negated, modality) of the event whose trigger is `head`."""
        negated, modality, _ = self.read(head)
        return negated, modality

    def read(self, head: Token) -> tuple[bool, str, bool]:
        """(negated, modality, refused) of the event whose trigger is `head`. `refused` is
        True when the negation is a refusal: a refusal verb ("refused to lift") or a
        negated intention or future ("will not lift", "does not want to meet")."""
        carriers = [head]
        if head.pos_ in {"NOUN", "PROPN"}:
            verb = light_verb(head)
            if verb is not None:
                carriers.append(verb)
        negated, modality, refusal = False, "asserted", False
        for carrier in carriers:
            neg, mod = self._local(carrier)
            negated ^= neg
            if RANK[mod] > RANK[modality]:
                modality = mod
        if len(carriers) > 1 and carriers[-1].lemma_.lower() not in self.light_verbs:
            # "pledged cooperation", "refused aid" (but "committed violations" happened)
            kind = self.governor.get(carriers[-1].lemma_.lower())
            if kind in {"negation", "refusal"}:
                negated = not negated
                refusal = refusal or kind == "refusal"
            elif kind == "intent" and RANK[modality] < RANK["intended"]:
                modality = "intended"
        for governor in governors(carriers[-1]):
            kind = self.governor.get(governor.lemma_.lower())
            neg, mod = self._local(governor)
            if neg:
                negated = not negated
            if kind in {"negation", "refusal"}:
                negated = not negated
                refusal = refusal or kind == "refusal"
            elif kind == "intent" and RANK[modality] < RANK["intended"]:
                modality = "intended"
            elif (kind in {"hypothetical", "asked", "alleged"} and mod != "intended") or (
                mod == "hypothetical" and kind != "intent"
            ):
                modality = "hypothetical"
            if kind == "report":
                if modality == "asserted":
                    modality = "reported"
                break
        if _purpose(carriers[-1]) and RANK[modality] < RANK["hypothetical"]:
            modality = "hypothetical"  # "sent envoys to Qatar [to investigate]": the aim
        refused = negated and (refusal or modality == "intended")
        return negated, modality, refused

    def is_governor(self, token: Token, kind: str) -> bool:
        return self.governor.get(token.lemma_.lower()) == kind


@dataclass
class Obligations:
    """Obligation words (data/obligation.tsv) and the speech verbs that lay them on someone
    (the `report` governors of data/modality.tsv)."""

    aux: dict[str, str] = field(default_factory=dict)
    governor: dict[str, str] = field(default_factory=dict)
    speech: frozenset[str] = frozenset()

    @classmethod
    def load(cls, folder: Path | None = None) -> Obligations:
        found = cls()
        for line, (word, kind, place) in read_rows(
            "tacitus.nlp", "data/obligation.tsv", 3, folder
        ):
            if kind not in {"appeal", "demand"} or place not in {"aux", "governor"}:
                raise DataError("data_file", path="obligation.tsv", line=line, reason="bad row")
            getattr(found, place)[word] = kind
        found.speech = frozenset(
            lemma
            for _, (lemma, kind, place) in read_rows("tacitus.nlp", "data/modality.tsv", 3, folder)
            if kind == "report" and place == "governor"
        )
        return found

    def of(self, head: Token) -> tuple[str, Token] | None:
        """("appeal" | "demand", the speech verb) when the event at `head` is said by
        someone to be owed by its subject ("X said [Y] must withdraw", "... should talk",
        "... has to be ready to mediate"); None otherwise."""
        token = head
        if head.pos_ in {"NOUN", "PROPN"}:
            token = light_verb(head) or head
        kind = None
        for _ in range(4):
            kind = next(
                (
                    self.aux[c.lower_]
                    for c in token.children
                    if c.dep_ == "aux" and c.lower_ in self.aux
                ),
                None,
            )
            if kind is not None:
                break
            governor = token.head
            if token.dep_ == "xcomp" and governor.lemma_.lower() in self.governor:
                kind = self.governor[governor.lemma_.lower()]
                token = governor
                break
            if token.dep_ not in {"xcomp", "acomp", "attr", "oprd"} or governor.i == token.i:
                return None
            token = governor
        if kind is None:
            return None
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        speech = token.head
        if token.dep_ == "ccomp" and speech.lemma_.lower() in self.speech:
            return kind, speech
        return None


def _purpose(verb: Token) -> bool:
    """True for an infinitive that states what another act is for ("sent envoys [to
    investigate]", "in order to"): an adverbial clause with "to" and no subject of its own."""
    if verb.dep_ != "advcl":
        return False
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and not any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children
    )
