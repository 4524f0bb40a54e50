"""Actor mentions: find who is named in a Doc and resolve each to a CAMEO actor code.

Reads the parse, the entities, `token._.boilerplate` and `doc._.date`; writes
`doc.spans["actors"]` (the mention Spans, each with `span._.actors`: the resolved `Actor`
records, usually one, two for "the two leaders") and `doc._.actor_index` ({token index:
position in the group}); see `tacitus.nlp.extensions`. A lone pronoun is never a mention.

A mention is a run of adjacent pieces of one noun phrase: a country, adjective, capital or seat
of power, a title or group noun, an IGO, group or outlet, and a person's name
("Russian President Vladimir Putin"). Country and sector come from the pieces, then from the
phrase's possessor or "of" complement ("Pakistan's foreign minister", "the president of
France"), then from what the article said earlier about the same person (`ArticleMemory`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tacitus.config import KbOptions
from tacitus.datafiles import read_rows
from tacitus.kb import Entry, KnowledgeBase, PersonMatch, load_kb, save_kb_files, saved_kb_options
from tacitus.model import Actor
from tacitus.nlp.context import ArticleContext
from tacitus.nlp.extensions import register_extensions, set_actor_spans
from tacitus.nlp.memory import ArticleMemory, load_reciprocal_nouns
from tacitus.nlp.pronouns import PronounLexicon
from tacitus.nlp.saving import SavedData

PLACE_KINDS = frozenset({"country", "adjective", "demonym", "capital", "seat"})
REGION_KINDS = frozenset({"region", "region_adjective"})
ORG_KINDS = frozenset({"igo", "armed_group", "party", "media"})
ATTRIBUTIVE_KINDS = frozenset({"adjective", "region_adjective"})
NER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
MERGE_DEPS = frozenset({"compound", "amod", "nmod", "flat", "appos", "nummod", "det", "poss"})
CALENDAR_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september"}
    | {"october", "november", "december", "monday", "tuesday", "wednesday", "thursday"}
    | {"friday", "saturday", "sunday"}
)
FORMER_WORDS = frozenset({"former", "ex", "ex-", "late", "outgoing", "erstwhile"})


@dataclass
class Piece:
    """A matched stretch of tokens and what the knowledge base says about it."""

    start: int
    end: int
    entries: list[Entry] = field(default_factory=list)
    ner: str | None = None

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}


@dataclass
class Mention:
    """Adjacent pieces of one noun phrase, before resolution."""

    pieces: list[Piece]

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    def entries(self, kinds: frozenset[str] | set[str]) -> list[Entry]:
        return [e for p in self.pieces for e in p.entries if e.kind in kinds]


class ActorRecognizer(SavedData):
    """The `tacitus.actors.v1` component. Its data: the knowledge base (from `kb_options`,
    saved whole under kb/) and the reciprocal, not-actor and pronoun word lists."""

    data_files = (
        ("tacitus.nlp", "data/reciprocal.tsv"),
        ("tacitus.nlp", "data/not_actors.tsv"),
        ("tacitus.nlp", "data/pronouns.tsv"),
    )
    name = "tacitus_actors"

    def __init__(
        self,
        nlp: Language,
        kb: KnowledgeBase | None = None,
        kb_options: KbOptions | None = None,
    ) -> None:
        super().__init__()
        register_extensions()
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.kb_options = kb_options or KbOptions()
        if kb is not None:
            self.use(kb, None)
            self.loaded = True

    def load(self, folder: Path | None) -> None:
        if folder is None:
            kb = load_kb(self.kb_options)
        else:
            kb = load_kb(saved_kb_options(folder / "kb"), folder / "kb")
        self.use(kb, folder)

    def save_extra(self, path: Path) -> None:
        if self.folder is None:
            save_kb_files(self.kb_options, path / "kb")
        elif self.folder.resolve() != path.resolve():
            save_kb_files(saved_kb_options(self.folder / "kb"), path / "kb", self.folder / "kb")

    def use(self, kb: KnowledgeBase, folder: Path | None) -> None:
        """Build the matchers over `kb` and read the word lists (from `folder` if saved)."""
        self.kb = kb
        self.pronouns = PronounLexicon.load(folder)
        self.reciprocal = load_reciprocal_nouns(folder)
        self.not_actors = load_not_actors(folder)
        self.names = PhraseMatcher(self.vocab, attr="ORTH")
        self.roles = PhraseMatcher(self.vocab, attr="LOWER")
        self.entries: dict[str, list[Entry]] = {}
        name_docs: dict[str, list[Doc]] = {}
        role_docs: dict[str, list[Doc]] = {}
        for surface, entry in kb.surface_forms():
            key = surface if entry.kind not in {"title", "group"} else surface.lower()
            bucket = role_docs if entry.kind in {"title", "group"} else name_docs
            if key not in self.entries:
                self.entries[key] = []
                bucket.setdefault(key, []).append(self.tokenizer(key))
            if entry not in self.entries[key]:
                self.entries[key].append(entry)
        for key, docs in name_docs.items():
            self.names.add(key, docs)
        for key, docs in role_docs.items():
            self.roles.add(key, docs)

    # -- finding pieces -------------------------------------------------------------------
    def find_pieces(self, doc: Doc) -> list[Piece]:
        """KB matches plus unknown named entities, longest first, without overlaps."""
        known: list[Span] = []
        for matcher in (self.names, self.roles):
            for match_id, start, end in matcher(doc):
                known.append(Span(doc, start, end, label=match_id))
        spans = filter_spans(known)
        covered = {i for span in spans for i in range(span.start, span.end)}
        for ent in doc.ents:
            if ent.label_ not in NER_LABELS or ent.text in self.not_actors:
                continue
            if not any(i in covered for i in range(ent.start, ent.end)):
                spans.append(Span(doc, ent.start, ent.end, label="NER:" + ent.label_))
        pieces = []
        named: set[str] = set()  # words of full names already seen ("Theresa May" -> may)
        for span in sorted(spans, key=lambda s: s.start):
            if doc[span.start]._.boilerplate or _after_prefix(doc, span.start):
                continue
            if self._common_word_name(span) and span[0].lower_ not in named:
                continue
            person = span.label_ == "NER:PERSON" or any(
                e.kind == "person" for e in self.entries.get(span.label_, [])
            )
            if person and len(span) > 1:
                named.update(t.lower_ for t in span)
            label = span.label_
            if label.startswith("NER:"):
                if span.root.pos_ not in {"PROPN", "NOUN"} and label != "NER:NORP":
                    continue
                pieces.append(Piece(span.start, span.end, [], label[4:]))
            else:
                pieces.append(Piece(span.start, span.end, list(self.entries.get(label, []))))
        return pieces

    def _common_word_name(self, span: Span) -> bool:
        """A one-word person alias that is also a common word ("May", "Little", "Young")
        counts only where the entity recognizer also reads a person's name."""
        if len(span) != 1 or span[0].ent_type_ == "PERSON":
            return False
        entries = self.entries.get(span.label_, [])
        word = span[0].lower_
        return (
            bool(entries)
            and all(e.kind == "person" for e in entries)
            and (word in STOP_WORDS or word in CALENDAR_WORDS)
        )

    @staticmethod
    def group(doc: Doc, pieces: list[Piece]) -> list[Mention]:
        """Join adjacent pieces that modify the same noun phrase head."""
        mentions: list[Mention] = []
        for piece in pieces:
            if mentions:
                last = mentions[-1]
                if last.end == piece.start and _same_phrase(doc, last, piece):
                    last.pieces.append(piece)
                    continue
            mentions.append(Mention([piece]))
        return mentions

    # -- resolution -----------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self.require_loaded()
        date: dt.date | None = doc._.date
        spans: list[Span] = []
        resolved: list[list[Actor]] = []
        kinds: list[str] = []
        for mention in self.group(doc, self.find_pieces(doc)):
            span = doc[mention.start : mention.end]
            actor = self.resolve(span, mention, date)
            if actor is None:
                continue
            spans.append(span)
            resolved.append([actor])
            kinds.append(_mention_kind(mention))
        self.enrich_from_syntax(doc, spans, resolved)
        memory = ArticleMemory(reciprocal=self.reciprocal)
        for span, actors, kind in zip(spans, resolved, kinds, strict=True):
            memory.link(span, actors[0], kind)
        pairs = memory.reciprocal_mentions(doc, spans)
        if pairs:
            inside = {t.i for span, _ in pairs for t in span}
            keep = [k for k, span in enumerate(spans) if not any(t.i in inside for t in span)]
            spans = [spans[k] for k in keep] + [span for span, _ in pairs]
            resolved = [resolved[k] for k in keep] + [actors for _, actors in pairs]
        self.enrich_from_context(doc, spans, resolved)
        order = sorted(range(len(spans)), key=lambda i: spans[i].start)
        mentions = []
        for i in order:
            span = spans[i]
            span._.actors = resolved[i]
            if not self._lone_pronoun(span):
                mentions.append(span)
        set_actor_spans(doc, mentions)
        return doc

    def _lone_pronoun(self, span: Span) -> bool:
        """A mention that is one pronoun ("He" matching a name alias) is no name mention."""
        word = span[0]
        return len(span) == 1 and word.pos_ == "PRON" and word.lower_ in self.pronouns.pronouns

    def resolve(self, span: Span, mention: Mention, date: dt.date | None) -> Actor | None:
        """One Actor for a mention, or None when it names nothing an event can have."""
        places = mention.entries(PLACE_KINDS)
        regions = mention.entries(REGION_KINDS)
        orgs = mention.entries(ORG_KINDS)
        roles = mention.entries({"title", "group"})
        persons = [p for p in mention.pieces if "person" in p.kinds or p.ner == "PERSON"]
        former = _is_former(span)
        country = places[0].country if places else (regions[0].code if regions else None)
        sectors: list[str] = []
        for entry in [*places, *roles]:
            for sector in entry.sectors:
                if sector not in sectors:
                    sectors.append(sector)
        name = None
        kb_id = None
        if orgs:
            org = orgs[0]
            if org.kind == "media" and not persons:
                return _actor(span, org.name, org.code, org.country, list(org.sectors), org.key)
            country = org.country if org.kind != "igo" else org.code
            sectors = list(org.sectors) + [s for s in sectors if s not in org.sectors]
            name, kb_id = org.name, org.key
            if org.kind == "igo":
                return _actor(span, name, org.code, org.code, sectors, kb_id)
        if persons:
            person_span = span.doc[persons[-1].start : persons[-1].end]
            match = self._person(person_span.text, date, country, span)
            if match is not None:
                name, kb_id = match.name, match.kb_id
                country = country or match.country
                sectors = list(match.sectors) if not sectors or "ELI" in match.sectors else sectors
            else:
                name = person_span.text
        elif not (places or regions or orgs or roles):
            if mention.pieces[0].ner in {"ORG"}:
                return _actor(span, span.text, None, None, [], None)
            return None
        elif (
            not (places or regions or orgs)
            and roles
            and all(e.kind == "title" for e in roles)
            and _indefinite(span)
        ):
            return None
        elif (
            not roles and not orgs and all(e.kind in ATTRIBUTIVE_KINDS for e in [*places, *regions])
        ):
            # A bare adjective ("Russian-made") is not an actor by itself.
            return _actor(span, span.text, None, country, [], None, attributive=True)
        if former:
            sectors = ["ELI"] + [s for s in sectors if s not in {"GOV", "ELI"}]
        if not name:
            first = (places or regions or roles)[0]
            name = first.name
            kb_id = first.key if first.kind not in {"title", "group"} else None
        own_code = orgs[0].code if orgs and not persons and not former else None
        return _actor(span, name, own_code or None, country, sectors, kb_id)

    def _person(
        self, text: str, date: dt.date | None, country: str | None, span: Span
    ) -> PersonMatch | None:
        """The person `text` names on `date`; a name shared by several people is decided by
        the words of its phrase (`span`) and of its sentence (kb.resolve_person)."""
        near, sentence = span.text, span.sent.text if span.doc.has_annotation("SENT_START") else ""
        text = _full_name(span, text)
        match = self.kb.resolve_person(text, date, country, near=near, sentence=sentence)
        if match is None and country is not None:
            match = self.kb.resolve_person(text, date, None, near=near, sentence=sentence)
            if match is not None and match.country != country:
                return None
        return match

    def enrich_from_syntax(self, doc: Doc, spans: list[Span], resolved: list[list[Actor]]) -> None:
        """Fill a missing country from the possessor or "of" phrase of the mention's head."""
        by_token = {t.i: k for k, span in enumerate(spans) for t in span}
        for k, span in enumerate(spans):
            actor = resolved[k][0]
            if actor.country or actor.attributive:
                continue
            head = span.root
            for child in head.children:
                other = None
                if child.dep_ in {"poss", "amod", "compound", "nmod", "appos"} and (
                    child.i not in span
                ):  # "North Korean [shipping] firms", "Jane Doe, [Kenya's foreign minister]"
                    other = by_token.get(child.i)
                elif child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    other = by_token.get(pobj.i) if pobj is not None else None
                if other is not None and other != k and resolved[other][0].country:
                    actor.country = resolved[other][0].country
                    if child.dep_ == "appos" and not actor.sectors:
                        actor.sectors = list(resolved[other][0].sectors)
                    actor.code = compose_code(actor.country, actor.sectors)
                    break

    def enrich_from_context(self, doc: Doc, spans: list[Span], resolved: list[list[Actor]]) -> None:
        """Give a title or sector mention that names no country the one its article context
        offers (place phrase, dateline, leading country; `found_by` "context")."""
        context = ArticleContext.read(doc, [a[0] for a in resolved], self.kb)
        for span, actors in zip(spans, resolved, strict=True):
            actor = actors[0]
            if actor.country or not actor.sectors or actor.attributive or actor.antecedent:
                continue
            country = context.country_for(actor, span, self.kb)
            if country:
                actor.country = country
                actor.code = compose_code(country, actor.sectors)
                actor.found_by = "context"


def _full_name(span: Span, text: str) -> str:
    """The whole PERSON entity around a matched name, when longer ("Susan Collins" around
    "Collins"), so the KB can tell a namesake from its own office holder."""
    start = span.start_char + span.text.find(text)
    token = next((t for t in span if t.idx <= start < t.idx + len(t.text)), None)
    if token is None or token.ent_type_ != "PERSON":
        return text
    doc, first, last = span.doc, token.i, token.i  # walk the entity's IOB tags, not doc.ents
    while doc[first].ent_iob_ == "I" and first > 0:
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    whole = doc[first : last + 1].text
    return whole if len(whole) > len(text) else text


def load_not_actors(folder: Path | None = None) -> frozenset[str]:
    """Names from data/not_actors.tsv (platforms such as X or Telegram)."""
    rows = read_rows("tacitus.nlp", "data/not_actors.tsv", 1, folder)
    return frozenset(cells[0] for _, cells in rows)


def compose_code(country: str | None, sectors: list[str]) -> str | None:
    """CAMEO actor code: country (or IGO/region) followed by the main sector."""
    if country and country.startswith("IGO"):
        return country
    if country and sectors:
        return country + sectors[0]
    return country or (sectors[0] if sectors else None)


def _actor(
    span: Span,
    name: str | None,
    code: str | None,
    country: str | None,
    sectors: list[str],
    kb_id: str | None,
    attributive: bool = False,
) -> Actor:
    actor = Actor(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        name=name,
        code=code if code is not None else compose_code(country, sectors),
        country=country,
        sectors=sectors,
        kb_id=kb_id,
    )
    if attributive:
        actor.sectors = []
        actor.code = None
        actor.name = None
        actor.kb_id = None
        actor.attributive = True
    return actor


def _mention_kind(mention: Mention) -> str:
    if any("person" in p.kinds or p.ner == "PERSON" for p in mention.pieces):
        return "person"
    if mention.entries({"title"}):
        return "title"
    return "other"


def _after_prefix(doc: Doc, start: int) -> bool:
    """True for "government" in "anti-government": the word qualifies, it names no actor."""
    return (
        start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 2].lower_ in {"anti", "pro", "non"}
    )


def _indefinite(span: Span) -> bool:
    """True for "a leader", "an official": a description, not a reference to an actor."""
    return any(
        c.dep_ == "det" and c.lower_ in {"a", "an", "any", "another"} for c in span.root.children
    )


def _is_former(span: Span) -> bool:
    head = span.root
    for token in [*span, *head.children]:
        if token.lower_ in FORMER_WORDS and token.i < head.i:
            return True
    previous = span.doc[span.start - 1] if span.start > 0 else None
    return previous is not None and previous.lower_ in FORMER_WORDS


def _same_phrase(doc: Doc, left: Mention, piece: Piece) -> bool:
    """Adjacent pieces join when the left one modifies something inside the right one."""
    right = doc[piece.start : piece.end]
    left_kinds = {e.kind for p in left.pieces for e in p.entries}
    person = piece.ner == "PERSON" or "person" in piece.kinds
    if person and left_kinds & {
        "title",
        "country",
        "adjective",
        "region_adjective",
        "igo",
        "party",
    }:
        return True
    if left_kinds & {"adjective", "country"} and piece.kinds & {"title", "group"}:
        return True
    left_root = doc[left.start : left.end].root
    if left_root.dep_ not in MERGE_DEPS:
        return False
    head = left_root.head
    return right.start <= head.i < right.end or head == right.root.head
