"""Reported speech: the words a speech cue reports, found in the dependency parse.

Pure functions over a parsed spaCy Doc; `content_of(cue_token, cue)` returns the character span
of what the cue reports and whether that span only counts when it holds quoted words:

- a speech verb's complement clause: "Sharif said [Pakistan wants peace]", "told reporters
  [that ...]", "urged [the two sides to talk]", "[Talks failed], officials said";
- an evaluative verb's arguments, kept only around quoted words: "praised [Putin as “a
  dynamic leader”]", "called [the deal “a disaster”]";
- a speech verb's object, likewise only around quoted words: "stressed [the “urgent” need]";
- a cue noun's clause: "Sharif's claim [that India attacked]";
- the rest of the sentence around "according to X".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tacitus.nlp.cues import Cue

CONTENT_DEPS = frozenset({"ccomp", "xcomp"})
THAT_DEPS = frozenset({"advcl", "dobj", "parataxis"})
EVALUATIVE_DEPS = frozenset({"dobj", "oprd", "ccomp", "xcomp", "prep", "attr", "acomp", "dative"})
NOUN_CONTENT_DEPS = frozenset({"acl", "ccomp", "appos", "relcl"})
TRAILING_DEPS = frozenset({"parataxis", "ccomp", "conj"})
OPENING_MARKS = "“\"'‘«"
CLOSING_MARKS = "”\"'’»"
MIN_WORDS = 3
CLAUSE_ENDS = frozenset({",", ".", "!", "?", ";"})

Content = tuple[tuple[int, int] | None, bool]


def content_of(token: Token, cue: Cue) -> Content:
    """(character span of what `token` reports or None, whether it needs quoted words)."""
    if cue.kind == "prep":
        return rest_of_sentence(token), False
    if cue.kind == "noun":
        parts = [
            c for c in token.children if c.dep_ in NOUN_CONTENT_DEPS and c.pos_ in {"VERB", "AUX"}
        ]
        return span_of(parts), False
    parts = [
        c
        for c in token.children
        if (c.dep_ in CONTENT_DEPS and not (c.dep_ == "xcomp" and c.i < token.i))
        or (c.dep_ in THAT_DEPS and c.i > token.i and c.left_edge.lower_ == "that")
    ]
    if parts and cue.kind != "evaluative":
        if any(p.dep_ == "xcomp" for p in parts):  # "urged [X to do Y]"
            parts += [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
        return span_of(parts), False
    if cue.kind == "evaluative":
        parts = [
            c
            for c in token.children
            if c.dep_ in EVALUATIVE_DEPS and not (c.dep_ == "prep" and c.i < token.i)
        ]
        return span_of(parts), True
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if objects:
        return span_of(objects), True
    return trailing_content(token), False


def trailing_content(token: Token) -> tuple[int, int] | None:
    """An attribution set off by a comma reports the rest of its sentence: "[Talks failed],
    officials said." -> the words before it; "[Talks, he said, failed]." -> the whole sentence
    (the attribution inside it, as news writes it)."""
    sent = token.sent
    if token.dep_ not in TRAILING_DEPS and not (token.dep_ == "ROOT" and token.i > sent.start):
        return None
    doc = token.doc
    subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < token.i]
    subject = subjects[-1] if subjects else None  # the nearest: "X, the chief said, ..."
    left = subject.left_edge.i if subject is not None else token.left_edge.i
    if doc[left].text == ",":
        left += 1
    if left <= sent.start or doc[left - 1].text != ",":
        return None
    close = token.i + 1
    while close < sent.end and doc[close].text not in CLAUSE_ENDS:
        close += 1
    words_after = [t for t in doc[close : sent.end] if _word(t)]
    end = left - 1 if not words_after else sent.end
    while end > sent.start and not _word(doc[end - 1]):
        end -= 1
    if end - sent.start < MIN_WORDS:
        return None
    return doc[sent.start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def span_of(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span over the subtrees of `tokens`, edge punctuation trimmed (quote marks
    kept)."""
    if not tokens:
        return None
    doc = tokens[0].doc
    left = min(t.left_edge.i for t in tokens)
    right = max(t.right_edge.i for t in tokens)
    while left <= right and doc[left].is_punct and doc[left].text not in OPENING_MARKS:
        left += 1
    while right >= left and doc[right].is_punct and doc[right].text not in CLOSING_MARKS:
        right -= 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def rest_of_sentence(token: Token) -> tuple[int, int] | None:
    """The sentence around an "according to X" phrase: the side holding the report, or the
    whole sentence when the phrase sits in its middle."""
    sent = token.sent
    pp_start, pp_end = _phrase_bounds(token)
    before = [t for t in Span(token.doc, sent.start, pp_start) if _word(t)]
    after = [t for t in Span(token.doc, pp_end, sent.end) if _word(t)]
    if before and after:  # "X did Y, according to Z, and ...": the whole sentence
        words = before + after
    elif len(before) >= len(after):
        words = before
    else:
        words = after
    if len(words) < MIN_WORDS:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _phrase_bounds(token: Token) -> tuple[int, int]:
    """Token range of "according to X": its subtree, cut at the first comma after X (the parse
    sometimes hangs the whole sentence on "according")."""
    doc = token.doc
    start, end = token.i, token.right_edge.i + 1
    obj = next((g for c in token.children for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
    if obj is not None:
        comma = next((t.i for t in doc[obj.i : end] if t.text == ","), None)
        if comma is not None:
            end = comma
    return start, end


def _word(token: Token) -> bool:
    return not token.is_punct and not token.is_space
