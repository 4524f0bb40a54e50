"""What a statement says beyond reporting, and which events only describe a participant.

`said_kind(speech, obligations, cues)` reads the clause a speech verb ("said") governs and
returns what kind of act the statement is when the clause lays an obligation on someone ("X
said Y must ..." -> "demand", "... should ..." -> "appeal") or the speaker says it will not
act ("refusal") or will act ("intent"), with that clause's verb; None for a plain statement.
`background(heads)` returns which of a sentence's event words only describe a participant of
its main act (relative and past-participle clauses). Both read the spaCy parse only; the
codes the kinds stand for are chosen by tacitus.nlp.events.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from tacitus.nlp.modality import ModalityCues, Obligations
from tacitus.nlp.syntax import VERBAL

# Subjects by which a speaker speaks of itself ("X said [it] will not ...").
SELF_PRONOUNS = frozenset({"it", "they", "we", "i"})
FUTURE = frozenset({"will", "would", "shall", "'ll"})


def said_kind(
    speech: Token, obligations: Obligations, cues: ModalityCues
) -> tuple[str, Token] | None:
    """("demand" | "appeal" | "refusal" | "intent", the clause's verb) for a speech verb
    whose complement clause lays an obligation ("must", "should", "has to") or, with the
    speaker's own pronoun as subject, says it will not act or will act ("said it would
    allow"); None otherwise. Copulas ("said it will not be easy") are no acts."""
    if speech.lemma_.lower() not in obligations.speech:
        return None
    for clause in speech.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in VERBAL:
            continue
        owed = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]  # has to end
        for obligation in filter(None, map(obligations.of, owed)):
            if obligation[1].i == speech.i:
                return obligation[0], clause
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in SELF_PRONOUNS or clause.lemma_ == "be":
            continue
        negated, _, refused = cues.read(clause)
        if refused:
            return "refusal", clause
        if not negated and any(c.dep_ == "aux" and c.lower_ in FUTURE for c in clause.children):
            return "intent", clause
    return None


def background(heads: Sequence[Token]) -> set[int]:
    """Indices (into `heads`) of the event words that only describe a participant of the
    sentence's main act: in a relative or past-participle clause ("freed the activists [who
    were jailed] in 2014", "condemned the attack [which killed nine]", "lifted the sanctions
    [imposed] by the council"), when some event word outside such clauses is among `heads`
    (the words of the sentence's acts, statements left out)."""

    def described(head: Token) -> bool:
        return any(
            t.dep_ == "relcl" or (t.dep_ == "acl" and t.tag_ == "VBN")
            for t in [head, *head.ancestors]
        )

    inside = {n for n, head in enumerate(heads) if described(head)}
    return inside if len(inside) < len(heads) else set()
