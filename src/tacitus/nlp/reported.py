"""Reported speech: the words a speech cue reports, found in the dependency parse.

Pure functions over a parsed spaCy Doc; `content_of(cue_token, cue)` returns the character span
of what the cue reports and whether that span only counts when it holds quoted words:

- a speech verb's complement clause: "Sharif said [Pakistan wants peace]", "told reporters
  [that ...]", "urged [the two sides to talk]", "[Talks failed], officials said" (not the
  to-infinitive of a `speech_that` cue: "agreed to hold talks" is a deed);
- an evaluative verb's arguments, kept only around quoted words: "praised [Putin as “a
  dynamic leader”]", "called [the deal “a disaster”]";
- a speech verb's object, likewise only around quoted words: "stressed [the “urgent” need]";
- a cue noun's clause: "Sharif's claim [that India attacked]";
- the rest of the sentence around "according to X".

`balanced` widens such a span to hold whole the direct quotes it cuts into, `quoted_share`
says how much of it is direct quotes, `put_to` tells a question put to someone ("Smith,
asked whether ...") from speech.
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
QUOTE_MARKS = frozenset("“”\"«»„")
# Marks that may run together as one quote mark ('' for ", as some papers print it).
MARK_RUNS = frozenset("“”\"«»„'’‘`")
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
        if (c.dep_ in CONTENT_DEPS and not (c.dep_ == "xcomp" and _deed(c, token, cue)))
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


def _deed(xcomp: Token, token: Token, cue: Cue) -> bool:
    """True when an open complement of the cue is no reported speech: one before it, or the
    to-infinitive of a cue that reports only finite clauses ("agreed [to hold talks]": a deed
    agreed on, where "agreed [that talks had failed]" reports speech)."""
    return xcomp.i < token.i or cue.kind == "speech_that"


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


def put_to(token: Token) -> bool:
    """A cue verb as a bare past participle, with no subject or auxiliary of its own ("Smith,
    [asked] whether ...", "[Told] of the vote, ..."): the words were put to the one it
    describes, who did not say them."""
    return token.tag_ == "VBN" and token.dep_ in {"acl", "advcl", "relcl"} and not any(
        c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in token.children
    )


def quoted_share(start: int, end: int, quotes: list[tuple[int, int]]) -> float:
    """The share of [start, end) inside the direct quotes `quotes` ((start, end) of their
    words; the marks around them count too)."""
    inside = sum(max(0, min(end, hi + 1) - max(start, lo - 1)) for lo, hi in quotes)
    return inside / max(1, end - start)


def balanced(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """[start, end) widened to hold whole every direct quote of `quotes` it opens or closes,
    marks and all ('the plan “is dead' -> 'the plan “is dead.”'; '' counts as one mark), and
    without a double quote mark at its edges that opens or closes none of them."""
    for lo, hi in quotes:
        opening, after = lo - 1, hi
        while after < len(text) and after - hi < 2 and text[after] in MARK_RUNS:
            after += 1  # the closing mark, one character or a doubled single one
        if start <= opening < end < after:
            end = after
        elif opening < start < after <= end:
            start = opening
    while 0 < start < end and text[start] in MARK_RUNS and text[start - 1] in MARK_RUNS:
        start -= 1  # never half of a '' mark
    while start < end < len(text) and text[end - 1] in MARK_RUNS and text[end] in MARK_RUNS:
        end += 1
    opens = {lo - 1 for lo, _ in quotes}
    closes = {hi for _, hi in quotes}
    while start < end and (text[start].isspace() or (
            text[start] in QUOTE_MARKS and start not in opens)):
        start += 1
    while end > start and (text[end - 1].isspace() or (
            text[end - 1] in QUOTE_MARKS and end - 1 not in closes)):
        end -= 1
    return start, end
