"""Pronouns: resolve he/she/his/her/they/them/their/it (and "the former/the latter") to actors.

The `tacitus.coref.v1` component runs after `tacitus.actors.v1`. It reads the parse and
`doc.spans["actors"]` (mention Spans with `span._.actors`) and writes only `doc._.pronouns`, a
dict {token index: [Actor]} that `tacitus.events.v1` and `tacitus.quotes.v1` read. Each Actor keeps
the pronoun's own text and character offsets, copies name/code/country/sectors/kb_id from the
mention it resolved to, and records that mention in `antecedent` ({"text", "start", "end"}).

Rules (a pronoun stays unresolved unless one candidate is left):
- he/she/him/her/his/hers: people named in the same sentence before the pronoun, else in the
  nearest earlier sentence (up to three back) that names a person. A person is never the
  antecedent of a non-reflexive object pronoun of the verb it is the subject of ("X praised
  him"). Gender is never guessed from a name: only "Mr/Mrs/Ms", "X's wife/husband" and earlier
  resolved he/she narrow the candidates. When two people remain, the subject of the clause that
  governs the pronoun wins, then the one subject among them; otherwise nothing is resolved.
- they/them/their: a plural group of people ("officials", "the two leaders", "X and Y"), or a
  country/organisation subject, in the same or previous sentence, when exactly one fits.
- it/its: a country/organisation subject in the same or previous sentence, when exactly one
  fits; expletive "it" ("it is clear that") is left alone.
- the former/the latter: the first/second of exactly two actors named in the sentence before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from tacitus.datafiles import parse_rows
from tacitus.kb import KnowledgeBase, load_kb
from tacitus.model import Actor
from tacitus.nlp.actors import ActorRecognizer
from tacitus.nlp.extensions import actor_spans, register_extensions
from tacitus.nlp.pronouns import PronounInfo, PronounLexicon, as_pronoun
from tacitus.nlp.saving import SavedData
from tacitus.nlp.syntax import governs

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "pobj", "iobj"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SENTENCES_BACK = 3
EXPLETIVE_VERBS = frozenset({"be", "seem", "appear", "take", "remain", "become", "look"})
# adjectives that say what their subject is disposed to do ("it is [ready] to talk"): an "it"
# they are said of is an actor, unlike "it is [clear] that" (the intent adjectives of
# nlp/data/modality.tsv and their negatives)
DISPOSED = frozenset(
    {"ready", "willing", "unwilling", "eager", "keen", "determined", "prepared", "poised",
     "reluctant", "committed"}
)
PERSON_NOUNS = "person_nouns.tsv"
GOVERN_STEPS = 12  # how far up the tree a subject's verb is looked for above a pronoun


@dataclass
class Candidate:
    """An earlier mention a pronoun may refer to."""

    start: int  # token index
    end: int
    actors: list[Actor]
    kind: str  # person | people | org
    sentence: int
    subject: bool
    head: Token
    gender: str | None = None
    key: str = ""  # identity of a resolved pronoun's referent

    def identity(self) -> str:
        return self.key or "|".join(_identity(a) for a in self.actors)


@dataclass
class Resolution:
    """What a pronoun resolved to."""

    token: Token
    candidate: Candidate
    actors: list[Actor] = field(default_factory=list)


def _identity(actor: Actor) -> str:
    return actor.kb_id or (actor.name or actor.text).lower()


class CorefResolver(SavedData):
    """The `tacitus.coref.v1` component. `person_nouns`: lower-case nouns naming one person
    ("president", "minister"; from the titles of the pipeline's KB, saved as
    person_nouns.tsv) so a title mention counts as a person."""

    data_files = (("tacitus.nlp", "data/pronouns.tsv"),)
    name = "tacitus_coref"

    def __init__(
        self, person_nouns: Iterable[str] = (), lexicon: PronounLexicon | None = None
    ) -> None:
        super().__init__()
        register_extensions()
        self.person_nouns = frozenset(person_nouns)
        if lexicon is not None:
            self.use(lexicon)
            self.loaded = True

    def use(self, lexicon: PronounLexicon) -> None:
        self.lexicon = lexicon
        self.words = frozenset(self.lexicon.pronouns) | self.lexicon.ordinals

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
    ) -> None:
        """Read the pronouns from the package and the person nouns from the titles of the
        KB of the pipeline's actor component (a freshly loaded KB without one)."""
        kb = next(
            (c.kb for _, c in (nlp.pipeline if nlp else []) if isinstance(c, ActorRecognizer)),
            None,
        )
        self.person_nouns = title_nouns(kb or load_kb())
        super().initialize(get_examples, nlp=nlp)

    def load(self, folder: Path | None) -> None:
        self.use(PronounLexicon.load(folder))
        if folder is not None:
            rows = parse_rows((folder / PERSON_NOUNS).read_text("utf-8"), PERSON_NOUNS, ["noun"])
            self.person_nouns = frozenset(cells[0] for _, cells in rows)

    def save_extra(self, path: Path) -> None:
        nouns = "".join(f"{noun}\n" for noun in sorted(self.person_nouns))
        (path / PERSON_NOUNS).write_text(
            "# Nouns naming one person (from the KB's titles), for tacitus.coref.v1.\nnoun\n"
            + nouns,
            encoding="utf-8",
        )

    # -- candidates -----------------------------------------------------------------------
    def kind_of(self, span: Span, actors: list[Actor]) -> str | None:
        """person, people (plural persons), org (country/organisation) or None."""
        real = [a for a in actors if not a.attributive]
        if not real:
            return None
        if len(real) > 1:
            return "people"
        actor, root = real[0], span.root
        if root.tag_ in PLURAL_TAGS:
            return "people"
        if (actor.kb_id or "").startswith("person:") or any(t.ent_type_ == "PERSON" for t in span):
            return "person"
        if root.lower_ in self.person_nouns or root.lemma_.lower() in self.person_nouns:
            return "person"
        if any(t.lower_ in self.lexicon.honorifics for t in span):
            return "person"
        if actor.code or actor.country or root.ent_type_ in {"GPE", "ORG", "NORP"}:
            return "org"
        return None

    def gender_of(self, span: Span) -> str | None:
        """A gender cue next to a mention: an honorific before it or "X's wife/husband"."""
        doc = span.doc
        for token in [doc[span.start - 1]] if span.start > 0 else []:
            if token.lower_ in self.lexicon.honorifics:
                return self.lexicon.honorifics[token.lower_]
        for token in span:
            if token.lower_ in self.lexicon.honorifics:
                return self.lexicon.honorifics[token.lower_]
        root = span.root
        if root.dep_ == "poss" and root.head.lower_ in self.lexicon.relations:
            return self.lexicon.relations[root.head.lower_]
        return None

    def candidates(self, doc: Doc, sentence_of: list[int]) -> list[Candidate]:
        """Every actor mention as a candidate, plus "X and Y" groups of coordinated mentions."""
        found: list[Candidate] = []
        by_head: dict[int, Candidate] = {}
        for span in actor_spans(doc):
            actors = list(span._.actors or [])
            kind = self.kind_of(span, actors)
            if kind is None:
                continue
            root = span.root
            cand = Candidate(
                span.start,
                span.end,
                actors,
                kind,
                sentence_of[span.start],
                _is_subject(root),
                root,
                self.gender_of(span),
            )
            found.append(cand)
            by_head[root.i] = cand
        for cand in list(found):
            conjuncts = [
                by_head[c.i] for c in cand.head.conjuncts if c.i in by_head and c.i > cand.head.i
            ]
            if cand.head.dep_ != "conj" and conjuncts:
                members = [cand, *conjuncts]
                actors = [a for m in members for a in m.actors]
                found.append(
                    Candidate(
                        cand.start,
                        members[-1].end,
                        actors,
                        "people",
                        cand.sentence,
                        cand.subject,
                        cand.head,
                    )
                )
        return sorted(found, key=lambda c: (c.end, c.start))

    # -- the component --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self.require_loaded()
        pronouns: dict[int, list[Actor]] = {}
        if not len(actor_spans(doc)) or not any(t.lower_ in self.words for t in doc):
            doc._.pronouns = pronouns
            return doc
        sentence_of = [0] * len(doc)
        sent_roots: list[Token] = []
        for k, sent in enumerate(doc.sents):
            sent_roots.append(sent.root)
            for token in sent:
                sentence_of[token.i] = k
        pool = self.candidates(doc, sentence_of)
        genders: dict[str, str] = {}
        for cand in pool:
            if cand.gender and cand.kind == "person":
                genders.setdefault(cand.identity(), cand.gender)
        resolved_pool: list[Candidate] = []
        mentioned = doc._.actor_index or {}  # read once: each doc._ access builds an object
        for token in doc:
            word = token.lower_
            info = self.lexicon.pronouns.get(word)
            if token.i in pronouns or token.i in mentioned:
                continue
            if word in self.lexicon.ordinals:
                result = self._ordinal(token, pool, sentence_of)
            elif info is not None and info.person == 3 and token.pos_ in {"PRON", "DET"}:
                result = self._pronoun(
                    token, info, pool + resolved_pool, sentence_of, genders, sent_roots
                )
            else:
                continue
            if result is None:
                continue
            pronouns[token.i] = [as_pronoun(token, a) for a in result.candidate.actors]
            if info is not None and info.gender in {"m", "f"} and result.candidate.kind == "person":
                genders.setdefault(result.candidate.identity(), info.gender)
            chain = Candidate(
                token.i,
                token.i + 1,
                result.candidate.actors,
                result.candidate.kind,
                sentence_of[token.i],
                _is_subject(token),
                token,
                key=result.candidate.identity(),
            )
            resolved_pool.append(chain)
        doc._.pronouns = pronouns
        return doc

    def _pronoun(
        self,
        token: Token,
        info: PronounInfo,
        pool: list[Candidate],
        sentence_of: list[int],
        genders: dict[str, str],
        sent_roots: list[Token],
    ) -> Resolution | None:
        if info.gender == "n" and _is_expletive(token):
            return None
        if info.number == "sg" and info.gender in {"m", "f"}:
            kinds, back = {"person"}, SENTENCES_BACK
        elif info.number == "pl":
            kinds, back = {"people", "org"}, 1
        else:
            kinds, back = {"org"}, 1
        here = sentence_of[token.i]
        reflexive = token.lower_.endswith(("self", "selves"))
        for distance in range(back + 1):
            sentence = here - distance
            if sentence < 0:
                break
            window = [
                c
                for c in pool
                if c.sentence == sentence
                and c.kind in kinds
                and c.end <= token.i
                and _fits_number(c, info)
            ]
            if info.number == "pl" or info.gender == "n":
                # a country or organisation is "it"/"they" only as a subject
                window = [c for c in window if c.kind == "people" or c.subject]
                members = {id(a) for c in window if len(c.actors) > 1 for a in c.actors}
                window = [
                    c
                    for c in window
                    if len(c.actors) > 1 or not all(id(a) in members for a in c.actors)
                ]
            if info.gender in {"m", "f"}:
                window = [
                    c for c in window if genders.get(c.identity(), info.gender) == info.gender
                ]
            window = [c for c in window if _binding_ok(c, token, reflexive)]
            if not window:
                continue
            chosen = self._decide(token, window, sent_roots[sentence])
            return Resolution(token, chosen) if chosen is not None else None
        return None

    def _decide(self, token: Token, window: list[Candidate], root: Token) -> Candidate | None:
        """The one candidate left after grammatical cues, or None when still ambiguous."""
        latest: dict[str, Candidate] = {}
        for cand in window:
            latest[cand.identity()] = cand
        options = list(latest.values())
        if len(options) == 1:
            return options[0]
        governing = [
            c
            for c in options
            if c.subject and governs(_clause_verb(c.head), token, limit=GOVERN_STEPS)
        ]
        if len(governing) == 1:
            return governing[0]
        if governing:
            return None  # "X said Y thinks he ...": both subjects govern the pronoun
        subjects = [c for c in options if c.subject]
        if len(subjects) == 1 and _is_subject(token):
            return subjects[0]
        main = [c for c in subjects if _clause_verb(c.head) == root]
        if len(main) == 1 and token.sent.root != root:
            return main[0]
        return None

    def _ordinal(
        self, token: Token, pool: list[Candidate], sentence_of: list[int]
    ) -> Resolution | None:
        """ "the former"/"the latter" used as a noun phrase of its own."""
        if token.i == 0 or token.doc[token.i - 1].lower_ != "the":
            return None
        if token.dep_ in {"amod", "compound"} or any(
            c.dep_ in {"compound", "amod"} for c in token.children
        ):
            return None
        if token.head.pos_ == "NOUN" and token.head.i > token.i:
            return None  # "the former president"
        here = sentence_of[token.i]
        for sentence in (here, here - 1):
            seen: dict[str, Candidate] = {}
            for cand in pool:
                if cand.sentence == sentence and cand.end <= token.i and cand.kind != "people":
                    seen.setdefault(cand.identity(), cand)
            if len(seen) == 2:
                first, second = sorted(seen.values(), key=lambda c: c.start)
                return Resolution(token, first if token.lower_ == "former" else second)
            if len(seen) > 2:
                return None
        return None


def _is_subject(token: Token) -> bool:
    if token.dep_ in SUBJECT_DEPS:
        return True
    return token.dep_ == "conj" and token.head.dep_ in SUBJECT_DEPS


def _fits_number(cand: Candidate, info: PronounInfo) -> bool:
    if info.number == "sg":
        return cand.kind != "people"
    return True


def _is_expletive(token: Token) -> bool:
    """ "it" that points at no actor: "it is clear that"; "it said" and "it is ready to talk"
    are handled as actors."""
    if token.dep_ == "expl":
        return True
    head = token.head
    if token.dep_ in SUBJECT_DEPS and head.lemma_ in EXPLETIVE_VERBS:
        if any(c.dep_ == "acomp" and c.lower_ in DISPOSED for c in head.children):
            return False
        return any(c.dep_ in {"ccomp", "xcomp", "acomp", "attr", "csubj"} for c in head.children)
    return token.dep_ not in SUBJECT_DEPS | OBJECT_DEPS | {"poss"}


def _clause_verb(token: Token) -> Token:
    """The verb whose argument `token` is, climbing coordination ("X and Y met" -> met)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.head


def _binding_ok(cand: Candidate, pronoun: Token, reflexive: bool) -> bool:
    """A non-reflexive object pronoun cannot refer to the subject of its own verb; a
    reflexive one must."""
    verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
    same_clause = cand.subject and _clause_verb(cand.head) == verb
    if reflexive:
        return same_clause
    if pronoun.dep_ in OBJECT_DEPS and cand.subject:
        # the understood subject of a controlled verb binds its object too: "X held the
        # hostages to use [them] as shields" is not X
        return _clause_verb(cand.head) not in _controllers(verb)
    return not (same_clause and pronoun.dep_ in OBJECT_DEPS)


def _controllers(verb: Token, max_up: int = 3) -> list[Token]:
    """The verb and the verbs it takes its subject from ("held ... to [use]" -> use, held)."""
    found = [verb]
    for _ in range(max_up):
        own = any(c.dep_ in SUBJECT_DEPS or c.dep_ == "nsubjpass" for c in verb.children)
        if own or verb.dep_ not in {"xcomp", "advcl", "conj"} or verb.head.i == verb.i:
            break
        verb = verb.head
        found.append(verb)
    return found


def title_nouns(kb: KnowledgeBase) -> frozenset[str]:
    """Lower-case head nouns of the KB's title phrases ("prime minister" -> "minister")."""
    heads = set()
    for form, entry in kb.surface_forms():
        if entry.kind == "title":
            head = form.lower().split(" of ")[0]  # "chief of staff of the army" -> "chief"
            heads.add(head.split()[-1])
    return frozenset(heads)
