"""Quotations: direct quotes and reported speech, each with its cue and its speaker.

The `tacitus.quotes.v1` component runs after `tacitus.coref.v1` and before `tacitus.events.v1`.
It reads the text, the parse, `doc.spans["actors"]` and `doc._.pronouns`, and writes
- `doc._.quotes`: a list of `tacitus.model.Quote`, ids f"{article_id}-q{n}", in text order
  (an enclosing reported clause before the direct quote inside it);
- `doc._.quote_pronouns[i] = [speaker]` for first-person pronouns (I, me, my, we, us, our, ...)
  inside a direct quote whose speaker resolved to an actor, so the events coded inside a quote
  have its speaker as their source; `[addressee]` for you/your when the attribution's sentence
  names one other person (the addressee).

Direct quotes come from the quote marks (`quotemarks.find_quoted`); a quote split by its
attribution ("“A,” he said, “B.”") is one Quote whose `text` joins the quoted parts with a
space and whose `start`/`end` run from the first quoted word to the last. Its cue is the cue
word the quote hangs on in the parse, else the nearest cue beside it in its sentence; a quote
that is a sentence or paragraph of its own with no cue takes the speaker of the previous quote
(or the one person named in the sentence before). A few quoted words inside a sentence with
no cue near them (scare quotes, titles) are not reported.

Reported speech (direct=False): the clause a cue verb governs ("Sharif said [Pakistan wants
...]", "[...], officials said", "told reporters [that ...]"), the words an evaluative cue
governs when they contain a direct quote ("praised [Putin as “a dynamic leader”]"), the
clause of a cue noun ("X's [claim that ...]"), and the rest of a sentence with "according to
X". Reported speech that is one of the direct quotes is not repeated.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc, Token

from tacitus.model import Actor, Quote
from tacitus.nlp.cues import (
    Cue,
    CueLexicon,
    cue_phrase,
    has_phrase,
    speaker_actor,
    speaker_token,
)
from tacitus.nlp.extensions import actor_spans, register_extensions
from tacitus.nlp.layouts import colon_label, dash_byline, label_speaker, transcript_turns
from tacitus.nlp.pronouns import PronounLexicon, addressee, as_pronoun
from tacitus.nlp.quotemarks import Quoted, find_quoted, paragraphs
from tacitus.nlp.reported import balanced, content_of, put_to, quoted_share
from tacitus.nlp.saving import SavedData
from tacitus.nlp.syntax import clause_subject
from tacitus.textmap import doc_text

TERMINAL = frozenset({".", "!", "?"})
ZONE_TOKENS = 40
GAP_TOKENS = 40
INHERIT_PARAGRAPHS = 2
NEAR_TOKENS = 6
TITLE_WORDS = 6
MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "det", "nmod"})
CUE_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN", "ADP"})
# Reported speech this much inside direct quotes repeats them: the direct quotes stand for it.
# Below it, the clause around a quote is kept beside the quote ('the plan “is dead.”' and “is
# dead.”): what was said in full, and the words said verbatim.
REPEATS_QUOTE = 0.8
NOT_SPEAKER_DEPS = frozenset(
    {"compound", "poss", "amod", "pobj", "dobj", "appos", "nmod", "det", "npadvmod"}
)


@dataclass
class Group:
    """Quote-mark ranges that make one direct quote, with the tokens around them."""

    parts: list[Quoted]
    tokens: list[int] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)
    left: list[int] = field(default_factory=list)
    right: list[int] = field(default_factory=list)
    paragraph: int = 0
    bounds: tuple[int, int] = (0, 0)

    @property
    def start(self) -> int:
        return self.parts[0].start

    def holds(self, token: Token) -> bool:
        """True when `token` is in the quote's paragraph and sentence."""
        if not self.bounds[0] <= token.idx < self.bounds[1]:
            return False
        doc = token.doc
        starts = {doc[self.tokens[0]].sent.start, doc[self.tokens[-1]].sent.start}
        return token.sent.start in starts

    @property
    def end(self) -> int:
        return self.parts[-1].end


@dataclass
class Found:
    """A quote before numbering."""

    start: int
    end: int
    text: str
    direct: bool
    cue: tuple[int, int] | None
    speaker: Actor | None
    group: Group | None = None


class QuoteFinder(SavedData):
    """The `tacitus.quotes.v1` component. Its data: the cue and pronoun tables."""

    data_files = (("tacitus.nlp", "data/quote_cues.tsv"), ("tacitus.nlp", "data/pronouns.tsv"))
    name = "tacitus_quotes"

    def __init__(
        self, cues: CueLexicon | None = None, pronouns: PronounLexicon | None = None
    ) -> None:
        super().__init__()
        register_extensions()
        if cues is not None and pronouns is not None:
            self.cues, self.pronouns = cues, pronouns
            self.loaded = True

    def load(self, folder: Path | None) -> None:
        self.cues = CueLexicon.load(folder)
        self.pronouns = PronounLexicon.load(folder)

    def __call__(self, doc: Doc) -> Doc:
        self.require_loaded()
        doc._.quote_pronouns = {}
        text = doc_text(doc)
        turns = self.transcript_turns(doc, text)
        skip = [(t.speaker.start - 1, t.end) for t in turns if t.speaker]
        groups, inside = self.direct_groups(doc, text, skip)
        found: list[Found] = list(turns)
        previous: Found | None = None
        for group in groups:
            records = self.direct_quote(doc, text, group, inside, previous)
            if not records:
                continue
            found.extend(records)
            previous = records[0]
            self.first_person(doc, previous)
        found.extend(self.reported(doc, text, inside, groups))
        unique: dict[tuple[int, int, bool], Found] = {}
        for quote in found:
            unique.setdefault((quote.start, quote.end, quote.direct), quote)
        found = sorted(unique.values(), key=lambda q: (q.start, -q.end))
        article_id = doc._.article_id or ""
        article = article_id or "doc"
        doc._.quotes = [
            Quote(
                id=f"{article}-q{n}",
                article_id=article_id,
                text=q.text,
                start=q.start,
                end=q.end,
                direct=q.direct,
                cue=text[q.cue[0] : q.cue[1]] if q.cue else None,
                speaker=q.speaker,
                cue_start=q.cue[0] if q.cue else None,
                cue_end=q.cue[1] if q.cue else None,
            )
            for n, q in enumerate(found, start=1)
        ]
        return doc

    # -- direct quotes --------------------------------------------------------------------
    def transcript_turns(self, doc: Doc, text: str) -> list[Found]:
        """Transcript turns ("NAME: words") as direct quotes of the person the label names."""
        found = []
        for turn in transcript_turns(text):
            label = text[turn.label_start : turn.label_end]
            speaker = label_speaker(doc, label, turn.label_start)
            cue = (turn.label_end, turn.label_end + 1)
            words = text[turn.start : turn.end]
            found.append(Found(turn.start, turn.end, words, True, cue, speaker))
        return found

    def direct_groups(
        self, doc: Doc, text: str, skip: list[tuple[int, int]] | None = None
    ) -> tuple[list[Group], list[int]]:
        """Quote-mark ranges merged into quotes; `inside[i]` = group index of token i or -1.
        Ranges inside `skip` (transcript turns) are left out."""
        paras = paragraphs(text)
        quoted = [
            q
            for q in find_quoted(text)
            if not _boilerplate(doc, q) and not any(lo <= q.start < hi for lo, hi in skip or [])
        ]
        token_at = _token_index(doc)
        inside = [-1] * len(doc)
        raw: list[Group] = []
        for q in quoted:
            k = _paragraph_of(paras, q.start)
            group = Group([q], paragraph=k, bounds=paras[k] if paras else (0, len(text)))
            for start, end in q.parts:
                group.tokens.extend(range(token_at(start), token_at(end - 1) + 1))
            raw.append(group)
        for k, group in enumerate(raw):
            for i in group.tokens:
                inside[i] = k
        for k, group in enumerate(raw):
            group.left, group.right = self._zones(doc, group, inside, k)
        merged: list[Group] = []
        titles: set[int] = set()
        for group in raw:
            last = next((g for g in reversed(merged) if id(g) not in titles), None)
            title_tokens = titles_tokens(merged, titles)
            if last is not None and self._continues(doc, last, group, title_tokens):
                last.gaps.extend(range(last.tokens[-1] + 1, group.tokens[0]))
                last.parts.extend(group.parts)
                last.tokens.extend(group.tokens)
                last.right = group.right
                continue
            if _is_title(doc, group):
                titles.add(id(group))
            merged.append(group)
        inside = [-1] * len(doc)
        for k, group in enumerate(merged):
            for i in group.tokens:
                inside[i] = k
        return merged, inside

    def _zones(
        self, doc: Doc, group: Group, inside: list[int], k: int
    ) -> tuple[list[int], list[int]]:
        """Token indices before and after the quote that can hold its attribution."""
        lo, hi = group.bounds
        left: list[int] = []
        i = group.tokens[0] - 1
        while i >= 0 and len(left) < ZONE_TOKENS:
            token = doc[i]
            if token.idx < lo or (inside[i] != -1 and inside[i] != k):
                break
            if token.text in TERMINAL and i < group.tokens[0] - 1:
                break
            left.append(i)
            i -= 1
        right: list[int] = []
        i = group.tokens[-1] + 1
        while i < len(doc) and len(right) < ZONE_TOKENS:
            token = doc[i]
            if token.idx >= hi or (inside[i] != -1 and inside[i] != k):
                break
            right.append(i)
            if token.text in TERMINAL and i > group.tokens[-1] + 2:
                break
            i += 1
        return sorted(left), right

    def _continues(self, doc: Doc, last: Group, group: Group, titles: set[int]) -> bool:
        """True when `group` continues `last` after its attribution ("“A,” he said, “B.”"):
        the words between them are a cue with its speaker (a quoted title such as a show's
        name may sit among them), and `group` has no cue of its own."""
        if last.paragraph != group.paragraph or not last.parts[-1].closed:
            return False
        gap = [i for i in range(last.tokens[-1] + 1, group.tokens[0]) if i not in titles]
        if not any(not doc[i].is_punct and not doc[i].is_space for i in gap):
            return True
        if len(gap) > GAP_TOKENS:
            return False
        inner = set(gap)
        attributed = False
        blocked = [-1] * len(doc)
        for i in [*last.tokens, *group.tokens, *titles]:
            if 0 <= i < len(doc):
                blocked[i] = 0
        for i in gap:
            cue = self._is_cue(doc[i], True)
            if cue is None:
                continue
            head = self._speaker_head(doc, doc[i], cue, blocked)
            if head is None or head.i in inner or doc[i].dep_ in {"advcl", "xcomp"}:
                attributed = True
        if not attributed:
            return False
        words = [i for i in gap if not _is_mark(doc[i])]
        last_word = doc[words[-1]] if words else None
        if (
            last_word is not None
            and not last_word.is_punct
            and self._is_cue(last_word, True) is None
            and not any(t in titles for t in range(last_word.i + 1, group.tokens[0]))
        ):
            return False  # "speak “directly to ...”": the second part is inside a clause
        terminals = [i for i in gap if doc[i].text in TERMINAL]
        if terminals and terminals[0] != words[-1]:
            return False
        return not any(self._is_cue(doc[i], True) for i in group.right)

    def _is_cue(self, token: Token, quoted: bool) -> Cue | None:
        return self.cues.cue_at(token, quoted=quoted)

    def direct_quote(
        self, doc: Doc, text: str, group: Group, inside: list[int], previous: Found | None
    ) -> list[Found]:
        """The Quote record for a group with its cue and speaker ([] for a scare quote with no
        cue), and the enclosing clause when the quote is a few words inside it."""
        words = " ".join(text[s:e] for q in group.parts for s, e in q.parts)
        dash = self._dash_attribution(doc, text, group) or self._label_attribution(doc, group)
        if dash is not None:
            cue_span, speaker = dash
            return [Found(group.start, group.end, words, True, cue_span, speaker, group)]
        cue_token, cue = self._direct_cue(doc, group, inside)
        if cue_token is None:
            cue_token, cue = self._lead_in(doc, group, inside)
        if cue_token is None:
            if self._standalone(doc, group):
                speaker = self._inherited(doc, group, previous)
                return [Found(group.start, group.end, words, True, None, speaker, group)]
            return []
        assert cue is not None
        span = cue_phrase(cue_token, cue)
        head = self._speaker_head(doc, cue_token, cue, inside)
        speaker = speaker_actor(doc, head) if head is not None else None
        found = [Found(group.start, group.end, words, True, span, speaker, group)]
        if cue.kind == "evaluative" and cue_token.pos_ in {"VERB", "AUX"}:
            content, _ = content_of(cue_token, cue)
            if content is not None and content[1] - content[0] > (group.end - group.start) + 2:
                found.append(
                    Found(
                        content[0],
                        content[1],
                        text[content[0] : content[1]],
                        False,
                        span,
                        speaker,
                    )
                )
        return found

    def _speaker_head(
        self, doc: Doc, cue_token: Token, cue: Cue, inside: list[int]
    ) -> Token | None:
        """The speaker word of a cue; when the parse puts it inside a quote or finds none, the
        nearest noun phrase head before the cue in its clause ("Smith, an aide, said")."""
        head = speaker_token(cue_token, cue, self.cues.nouns)
        if head is not None and inside[head.i] == -1:
            return head
        if cue.kind not in {"speech", "speech_that", "speech_if", "direct"}:
            return None
        nouns: list[Token] = []
        i = cue_token.i - 1
        while i >= 0 and cue_token.i - i <= NEAR_TOKENS * 2 and inside[i] == -1:
            token = doc[i]
            if token.text in TERMINAL or token.is_quote:
                break
            if token.pos_ in {"PROPN", "NOUN", "PRON"}:
                if token.dep_ not in NOT_SPEAKER_DEPS or inside[token.head.i] != -1:
                    return token
                nouns.append(token)
            i -= 1
        # “...,” Tulsa police Chief Jo Doe said: the parse gave the name no subject role
        heads = [t for t in nouns if t.dep_ not in MODIFIER_DEPS]
        return heads[0] if heads else None

    def _lead_in(
        self, doc: Doc, group: Group, inside: list[int]
    ) -> tuple[Token | None, Cue | None]:
        """The cue of a paragraph ending in a colon right before the quote ("Smith added:")."""
        i = group.tokens[0] - 1
        while i >= 0 and (doc[i].is_space or _is_mark(doc[i])):
            i -= 1
        if i < 0 or doc[i].text != ":" or doc[i].idx >= group.bounds[0]:
            return None, None
        start = max(doc[i].sent.start, i - ZONE_TOKENS)
        for j in range(i - 1, start - 1, -1):
            if inside[j] != -1:
                break
            cue = self._is_cue(doc[j], True)
            if cue is not None:
                return doc[j], cue
        return None, None

    def _governing_verb(self, doc: Doc, group: Group, inside: list[int]) -> Token | None:
        """The verb a few quoted words hang on when no cue does, if it has a subject: the
        subject is taken to own the words ("introduced the “new deal”")."""
        own = set(group.tokens)
        for i in group.tokens:
            current = doc[i]
            if current.head.i in own:
                continue
            for _ in range(3):
                current = current.head
                if inside[current.i] != -1:
                    break
                if current.pos_ == "VERB" and current.is_alpha and group.holds(current):
                    while current.dep_ == "xcomp" and current.head.pos_ == "VERB":
                        current = current.head  # "urged supporters to “check out” ..."
                    subject, passive = clause_subject(current)
                    if subject is None or passive or inside[subject.i] != -1:
                        return None
                    if subject.lower_ in {"it", "there", "this", "that"}:
                        return None
                    return current
                if current.head.i == current.i:
                    break
        return None

    def _dash_attribution(
        self, doc: Doc, text: str, group: Group
    ) -> tuple[tuple[int, int], Actor] | None:
        """ "“...” ― Name": a dash and a name right after the quote, on its line."""
        byline = dash_byline(text, group.end)
        if byline is None:
            return None
        dash, start, end = byline
        words = doc.char_span(start, end, alignment_mode="expand")
        if words is None or len(words) == 0:
            return None
        speaker = speaker_actor(doc, words.root)
        speaker = replace(speaker, text=words.text, start=words.start_char, end=words.end_char)
        return (dash, dash + 1), speaker

    def _label_attribution(
        self, doc: Doc, group: Group
    ) -> tuple[tuple[int, int], Actor] | None:
        """ "Smith: “...”": the colon is the cue, the label's head the speaker."""
        found = colon_label(doc, group.tokens[0], lambda t: self._is_cue(t, True) is not None)
        if found is None:
            return None
        colon, head = found
        return (colon, colon + 1), speaker_actor(doc, head)

    def _direct_cue(
        self, doc: Doc, group: Group, inside: list[int]
    ) -> tuple[Token | None, Cue | None]:
        """The cue of a direct quote: the cue word it hangs on in the parse, else a cue next to
        it, else the verb it hangs on (with a subject), else any cue beside it in its sentence."""
        zone = set(group.left) | set(group.right) | set(group.gaps)
        own = set(group.tokens)
        for i in group.tokens:
            token = doc[i]
            if token.head.i in own or token.head.i == token.i:
                continue
            current = token.head
            for _ in range(4):
                if current.i in own or inside[current.i] != -1:
                    break
                cue = self._is_cue(current, True)
                if cue is not None and (current.i in zone or group.holds(current)):
                    return current, cue
                if current.head.i == current.i:
                    break
                current = current.head
        order = sorted(
            (i for i in zone if inside[i] == -1),
            key=lambda i: (0 if i in group.gaps else 1, _distance(i, group.tokens)),
        )
        near = [i for i in order if i in group.gaps or _distance(i, group.tokens) <= NEAR_TOKENS]
        for i in near:
            cue = self._is_cue(doc[i], True)
            if cue is not None:
                return doc[i], cue
        verb = self._governing_verb(doc, group, inside)
        if verb is not None:
            return verb, Cue(verb.lemma_.lower(), "evaluative", frozenset())
        for i in order:
            cue = self._is_cue(doc[i], True)
            if cue is not None:
                return doc[i], cue
        return None, None

    def _standalone(self, doc: Doc, group: Group) -> bool:
        """True when nothing but punctuation stands beside the quote in its sentence."""
        return not any(
            not doc[i].is_punct and not doc[i].is_space for i in group.left + group.right
        )

    def _inherited(self, doc: Doc, group: Group, previous: Found | None) -> Actor | None:
        if (
            previous is not None
            and previous.speaker is not None
            and previous.group is not None
            and group.paragraph - previous.group.paragraph <= INHERIT_PARAGRAPHS
        ):
            return previous.speaker
        first = doc[group.tokens[0]]
        sent = first.sent
        if sent.start == 0:
            return None
        before = doc[sent.start - 1].sent
        people = {}
        for span in actor_spans(doc):
            if before.start <= span.start < before.end:
                for actor in span._.actors or []:
                    if (actor.kb_id and actor.kb_id.startswith("person:")) or any(
                        t.ent_type_ == "PERSON" for t in span
                    ):
                        people.setdefault(actor.kb_id or actor.name, actor)
        return next(iter(people.values())) if len(people) == 1 else None

    # -- speakers -------------------------------------------------------------------------
    def first_person(self, doc: Doc, quote: Found) -> None:
        """Point I/we/my/our inside a direct quote at its resolved speaker, and you/your at
        its addressee where the attribution's sentence names one (pronouns.addressee)."""
        speaker = quote.speaker
        if speaker is None or quote.group is None or not (speaker.code or speaker.kb_id):
            return
        nested = [r for q in quote.group.parts for r in q.nested]
        cue = doc.char_span(*quote.cue, alignment_mode="expand") if quote.cue else None
        listener = addressee(cue.sent, (quote.start, quote.end), speaker) if cue else None
        for i in quote.group.tokens:
            token = doc[i]
            if any(s <= token.idx < e for s, e in nested) or i in doc._.quote_pronouns:
                continue
            if self.pronouns.first_person(token.lower_):
                doc._.quote_pronouns[i] = [as_pronoun(token, speaker)]
            elif listener is not None and self.pronouns.second_person(token.lower_):
                doc._.quote_pronouns[i] = [as_pronoun(token, listener)]

    # -- reported speech ------------------------------------------------------------------
    def reported(self, doc: Doc, text: str, inside: list[int], groups: list[Group]) -> list[Found]:
        """Reported speech of every cue outside the direct quotes."""
        found: list[Found] = []
        seen: set[tuple[int, int]] = set()
        for token in doc:
            if inside[token.i] != -1 or token.pos_ not in CUE_POS:
                continue
            cue = self._is_cue(token, True)
            if cue is None or cue.kind == "direct" or token._.boilerplate or put_to(token):
                continue
            # evaluative cues and phrase-less speech_if ones only report around quoted words
            quoted = cue.kind == "evaluative" or (
                cue.kind == "speech_if" and not has_phrase(token, cue)
            )
            content, needs_quote = content_of(token, cue)
            if content is None or content[1] - content[0] < 4:
                continue
            quoted_ranges = [(g.start, g.end) for g in groups]
            start, end = balanced(text, *content, quoted_ranges)
            covered = quoted_share(start, end, quoted_ranges)
            if covered >= REPEATS_QUOTE or end - start < 4 or (start, end) in seen:
                continue
            if (quoted or needs_quote) and covered == 0.0:
                continue
            head = self._speaker_head(doc, token, cue, inside)
            if head is not None and start <= head.idx < end and not start <= token.idx < end:
                head = None  # a speaker inside the reported words, unless the cue is too
            speaker = speaker_actor(doc, head) if head is not None else None
            seen.add((start, end))
            cue_span = cue_phrase(token, cue)
            found.append(Found(start, end, text[start:end], False, cue_span, speaker))
        return found


def titles_tokens(groups: list[Group], titles: set[int]) -> set[int]:
    """Token indices of the title-like groups (marks around them included)."""
    found: set[int] = set()
    for group in groups:
        if id(group) in titles:
            found.update(range(group.tokens[0] - 1, group.tokens[-1] + 2))
    return found


def _is_title(doc: Doc, group: Group) -> bool:
    """A few capitalised words with no verb: the name of a show, book or law."""
    words = [doc[i] for i in group.tokens if doc[i].is_alpha]
    if not words or len(words) > TITLE_WORDS or len(group.parts) > 1:
        return False
    if not (words[0].is_title and words[-1].is_title):
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in words)


def _distance(i: int, tokens: list[int]) -> int:
    return min(abs(i - tokens[0]), abs(i - tokens[-1]))


def _is_mark(token: Token) -> bool:
    return token.is_quote or token.text in "“”‘’«»\"'"


def _boilerplate(doc: Doc, quote: Quoted) -> bool:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and bool(span[0]._.boilerplate)


def _paragraph_of(paras: list[tuple[int, int]], offset: int) -> int:
    for k, (lo, hi) in enumerate(paras):
        if lo <= offset <= hi:
            return k
    return 0


def _token_index(doc: Doc) -> Callable[[int], int]:
    """A function mapping a character offset to the index of the token that covers it."""
    starts = [t.idx for t in doc]

    def at(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    return at
