"""Place mentions in a parsed spaCy Doc: names ("Kharkiv", "Gaza Strip", "Metcalfe County"),
adjectives and demonyms ("Turkish", "Syrians"), and postal abbreviations ("Ky.", "B.C.").

`find_mentions(doc, gazetteer, kb, abbreviations)` -> list of `Mention`, in text order, never
overlapping. Words are read in runs of capitalised tokens (and the entity recogniser's GPE,
LOC, FAC and NORP spans); inside a run the longest n-gram (up to six words) that the
gazetteer or the knowledge base knows wins. Inside a person's or an organisation's name only
well-known places count ("Edmonton Police", not "Ford"); a GPE/LOC/FAC span that nothing
knows is still a mention, with no candidates (it stays in `places` unresolved).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from tacitus.geo.dateline import dateline_span
from tacitus.geo.index import Candidate, Gazetteer, name_key
from tacitus.kb import KnowledgeBase
from tacitus.textmap import doc_text

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
NAME_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
NUMERIC_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
HYPHENS = frozenset({"-", "‐", "‑"})
JOINERS = frozenset({"of", "and", "&", "-", "de", "del", "el", "al", "la", "upon"})
COUNTRY_KINDS = frozenset({"country", "adjective", "demonym"})
MAX_WORDS = 6
DIRECTION_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "northeast", "northwest", "southeast", "southwest", "upper", "lower"}
)
CALENDAR_WORDS = frozenset(
    [m.casefold() for m in calendar.month_name[1:] + calendar.month_abbr[1:]]
    + [d.casefold() for d in calendar.day_name[:] + calendar.day_abbr[:]]
    + ["sept", "tues", "thur", "thurs"]
)
# Words that make a name a feature other than the place it starts with (a landmark).
FEATURE_NOUNS = frozenset(
    {"shoal", "island", "islands", "river", "lake", "mountain", "mountains", "sea", "strait",
     "bay", "gulf", "valley", "desert", "peninsula", "canal", "airport", "bridge", "square",
     "street", "road", "university", "college", "hospital", "stadium", "dam", "reef", "hills",
     "forest", "park", "palace", "mosque", "church", "cathedral", "prison", "base", "station"}
)
TYPE_NOUNS = frozenset(
    {"city", "town", "village", "capital", "port", "province", "region", "state", "district",
     "county", "enclave", "island", "suburb", "governorate", "oblast", "municipality", "hamlet"}
)
# Bodies of a town's or county's own government, named after it ("Enfield Council").
LOCAL_BODIES = frozenset(
    {"council", "police", "fire", "sheriff", "sheriff's", "mayor", "borough", "township",
     "county", "schools", "school", "library", "hospital", "courthouse", "municipality"}
)
SETTING_PREPS = frozenset({"in", "near", "outside", "across", "throughout"})
# Verbs whose object is a place far more often than a person: a one-word name there that the
# recogniser took for a person is a town when the gazetteer has a sizeable one by that name.
# Not "attack" or "hit" ("the senator attacked Warren over the budget").
PLACE_OBJECT_VERBS = frozenset(
    {"shell", "bomb", "bombard", "strike", "pound", "raid", "besiege"}
    | {"enter", "capture", "seize", "recapture", "retake", "liberate", "evacuate", "occupy"}
)
PLACE_PREPS = frozenset({"in", "at", "near", "from", "outside", "inside", "across", "toward",
                         "towards", "into", "to", "via", "around"})


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A postal or news-style abbreviation of a first-level region ("Ky." -> USA, KY)."""

    text: str
    country: str
    adm1: str
    alone: bool


@dataclass
class Mention:
    """A place mention: token span [i, j), its words, how it was found (`kind` is name |
    adjective | abbreviation), the entity label over it, and its candidate records.
    `country_hint` is the country the knowledge base gives the words (ISO3), if any."""

    i: int
    j: int
    text: str
    start: int
    end: int
    kind: str
    label: str
    candidates: list[Candidate] = field(default_factory=list)
    country_hint: str | None = None
    adm1_hint: tuple[str, str] | None = None
    hint_kind: str | None = None
    weak: bool = False

    @property
    def key(self) -> str:
        return name_key(self.text)


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and token.pos_ != "PRON"


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (joined by "of", "and", hyphens...), and the
    place-entity spans, as token index pairs. Reads each token once (Token objects are
    built on every access)."""
    caps, ents, inside, joins, glued, stops = [], [], [], [], [], []
    for token in doc:
        label = token.ent_type_
        caps.append(_is_capitalised(token))
        ents.append(label in PLACE_LABELS)
        inside.append(label in PLACE_LABELS and token.ent_iob_ == "I")
        joins.append(token.lower_ in JOINERS and "\n" not in token.whitespace_)
        # a short lowercase particle glued to a hyphen: "ez-" of "Deir ez-Zor", "al-"
        glued.append(token.is_lower and token.is_alpha and len(token) <= 4
                     and not token.whitespace_)
        stops.append(
            (label in NUMERIC_LABELS and not _name_in_a_date(token)) or token.is_space
        )
    runs: list[tuple[int, int]] = []
    i, n = 0, len(caps)
    while i < n:
        if not (caps[i] or ents[i]) or stops[i]:
            i += 1
            continue
        j = i + 1
        while j < n and not stops[j]:
            if caps[j] or inside[j]:
                j += 1
            elif joins[j] and j + 1 < n and caps[j + 1]:
                j += 2
            elif (glued[j] and j + 2 < n and doc[j + 1].text in HYPHENS
                  and not doc[j + 1].whitespace_ and caps[j + 2]):
                j += 3
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _name_in_a_date(token: Token) -> bool:
    """A proper name the recogniser put in a date or number ("in Winnipeg." read as a date),
    not a month or a weekday."""
    word = token.text.casefold().rstrip(".")
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and word not in CALENDAR_WORDS
        and not any(ch.isdigit() for ch in word)
    )


def _well_formed(span: Span) -> bool:
    """Whether an n-gram can be a place name: no joiner, punctuation or "the" at its edges,
    no trailing "'s", not a lone feature noun ("Sea")."""
    first, last = span[0], span[-1]
    if len(span) == 1 and first.lower_ in FEATURE_NOUNS:
        return False
    if last.lower_ in JOINERS or (last.is_punct and last.text != "."):
        return False
    if (first.lower_ in JOINERS and first.is_lower) or first.lower_ == "the" or first.is_punct:
        return False
    return last.text not in {"'s", "’s"}


def _entity_label(span: Span) -> str:
    """The entity label over a span ("" for none, or for a date or number misread)."""
    labels = {t.ent_type_ for t in span if t.ent_type_ and t.ent_type_ not in NUMERIC_LABELS}
    for label in ("GPE", "LOC", "FAC", "NORP", "PERSON", "ORG"):
        if label in labels:
            return label
    return next(iter(labels), "")


class MentionFinder:
    """Finds place mentions with a gazetteer, the knowledge base and an abbreviation table."""

    def __init__(
        self, gazetteer: Gazetteer, kb: KnowledgeBase, abbreviations: dict[str, Abbreviation]
    ) -> None:
        self.gazetteer = gazetteer
        self.kb = kb
        self.abbreviations = abbreviations

    def find(self, doc: Doc, dateline: tuple[int, int] | None = None) -> list[Mention]:
        """The place mentions of `doc`, in token order; `dateline` is the (start, end) of its
        dateline when the caller already has it ((0, 0): none), else it is read here."""
        mentions: list[Mention] = []
        taken: set[int] = set()
        runs = _runs(doc)
        for i, j in runs:
            k = i
            while k < j:
                found = self._longest(doc, k, j)
                if found is None:
                    k += 1
                    continue
                mentions.append(found)
                taken.update(range(found.i, found.j))
                k = found.j
        opening = self._dateline_place(doc, taken, dateline)
        if opening is not None:
            mentions.append(opening)
            taken.update(range(opening.i, opening.j))
        for mention in list(mentions):
            town = self._town_before(doc, mention, taken)
            if town is not None:
                mentions.append(town)
                taken.update(range(town.i, town.j))
        known = {m.key for m in mentions if m.candidates or m.country_hint}
        first_words = {key.split(" ", 1)[0] for key in known}
        for i, j in runs if known else ():
            for k in range(i, j):
                if k in taken or name_key(doc[k].text) not in first_words:
                    continue
                for end in range(min(j, k + MAX_WORDS), k, -1):
                    span = doc[k:end]
                    if any(t.i in taken for t in span) or not _well_formed(span):
                        continue
                    if name_key(span.text) not in known:
                        continue
                    again = self._match(span, repeated=True)
                    if again is not None:
                        mentions.append(again)
                        taken.update(range(again.i, again.j))
                        break
        for ent in doc.ents:
            if ent.label_ in {"GPE", "LOC", "FAC"} and not any(t.i in taken for t in ent):
                span = _trim(ent)
                if span is not None and len(span) > 0:
                    mentions.append(
                        Mention(span.start, span.end, span.text, span.start_char,
                                span.end_char, "name", ent.label_)
                    )
        mentions.sort(key=lambda m: m.i)
        return mentions

    def _dateline_place(
        self, doc: Doc, taken: set[int], dateline: tuple[int, int] | None
    ) -> Mention | None:
        """The place in capitals that opens a dateline ("DANBURY — The mayor said..."): a
        dateline names a place, so a town of any size the gazetteer knows under its own name
        is one there, whatever the recogniser made of the capitals."""
        start, end = dateline_span(doc_text(doc)) if dateline is None else dateline
        if end == 0:
            return None
        words: list[Token] = []
        for token in doc:  # the dateline opens the text: stop after it (doc.text is costly)
            if token.idx >= end:
                if token.idx == end and token.text.startswith(":"):
                    return None  # "UPDATE:", "WATCH:" are labels, not places
                break
            if start <= token.idx and token.idx + len(token) <= end:
                words.append(token)
        run: list[Token] = []
        for token in words:
            if token.is_alpha and token.is_upper and len(token) > 1:
                run.append(token)
                continue
            break
        if not run or any(t.i in taken for t in run):
            return None
        span = doc[run[0].i : run[-1].i + 1]
        for stop in range(len(span), 0, -1):
            part = span[:stop]
            found = [c for c in self.gazetteer.candidates(name_key(part.text)) if c.primary]
            if found:
                return Mention(part.start, part.end, part.text, part.start_char,
                               part.end_char, "name", _entity_label(part), found)
        return None

    def _town_before(self, doc: Doc, region: Mention, taken: set[int]) -> Mention | None:
        """The town named right before ", Man." or ", Oklahoma" whatever the recogniser
        made of it ("born in Churchill, Man."): the longest capitalised name there that has
        a place in that region or country."""
        comma = region.i - 1
        if comma < 1 or doc[comma].text != ",":
            return None
        holders = {region.adm1_hint} if region.adm1_hint else {
            (c.record.country, c.record.adm1 if c.record.feature == "adm1" else None)
            for c in region.candidates
            if c.primary and c.record.feature in {"adm1", "country"}
        }
        if not holders:
            return None
        for start in range(max(0, comma - 4), comma):
            span = doc[start:comma]
            if any(t.i in taken for t in span) or not all(
                _is_capitalised(t) or t.lower_ in JOINERS for t in span
            ) or not _well_formed(span):
                continue
            inside = [
                c for c in self.gazetteer.candidates(name_key(span.text))
                if c.record.feature not in {"country", "adm1", "continent"}
                and ({(c.record.country, c.record.adm1), (c.record.country, None)} & holders)
            ]
            if inside:
                return Mention(span.start, span.end, span.text, span.start_char, span.end_char,
                               "name", _entity_label(span), inside)
        return None

    def _longest(self, doc: Doc, i: int, j: int) -> Mention | None:
        # "North London", "Southern California": a direction word before another name is the
        # direction of that place, not the region called "North" ("West Virginia" still is).
        direction = i + 1 < j and doc[i].lower_ in DIRECTION_WORDS
        for end in range(min(j, i + MAX_WORDS), i + direction, -1):
            if end < len(doc) and doc[end].lower_ in FEATURE_NOUNS and doc[end].text[0].isupper():
                continue  # "Scarborough Shoal", "Kaduna Airport": not the town itself
            span = doc[i:end]
            if not _well_formed(span):
                continue
            mention = self._match(span)
            if mention is not None:
                return mention
        return self._hyphen_prefix(doc[i])

    def _hyphen_prefix(self, token: Token) -> Mention | None:
        """The country or place before a hyphen in one token ("U.S.-led", "U.S.-based")."""
        prefix, _, rest = token.text.partition("-")
        if not prefix or not rest or not rest.islower():
            return None
        kb_country, kb_kind = self._kb_country(prefix)
        candidates = [
            c for c in self.gazetteer.candidates(name_key(prefix))
            if c.primary and c.record.feature in {"country", "adm1", "continent"}
        ]
        if kb_country is None and not candidates:
            return None
        kind = "adjective" if kb_kind in {"adjective", "demonym"} else "name"
        return Mention(token.i, token.i + 1, prefix, token.idx, token.idx + len(prefix), kind,
                       _entity_label(token.doc[token.i : token.i + 1]), candidates,
                       country_hint=kb_country, hint_kind=kb_kind)

    def _match(self, span: Span, repeated: bool = False) -> Mention | None:
        """The mention `span` makes, or None; `repeated` accepts a name the article already
        used as a place wherever it recurs ("Winnipeg" in "the Winnipeg Jets")."""
        text = span.text
        label = _entity_label(span)
        doc, end = span.doc, span.end
        abbreviation = self.abbreviations.get(text)
        if (
            abbreviation is None
            and end < len(doc)
            and doc[end].text == "."
            and not span[-1].whitespace_
        ):  # "Man." split by the tokenizer into "Man" and "."
            abbreviation = self.abbreviations.get(text + ".")
            end += 1 if abbreviation is not None else 0
        if abbreviation is not None and self._abbreviation_fits(span, abbreviation):
            whole = doc[span.start : end]
            return Mention(span.start, end, whole.text, span.start_char, whole.end_char,
                           "abbreviation", label,
                           adm1_hint=(abbreviation.country, abbreviation.adm1))
        if text.endswith(".") and len(span) > 1 and span[-1].text == ".":
            return None
        kb_country, kb_kind = self._kb_country(text)
        key = name_key(text)
        if len(span) > 1 and span[-1].lower_ in {"co.", "co"}:  # "Plymouth Co.": the county
            key = key.rsplit(" ", 1)[0] + " county"
        candidates = list(self.gazetteer.candidates(key))
        continent = self._kb_continent(text)
        if continent:
            candidates = continent
            kb_kind = "adjective" if continent[0].adjective else None
        kind = "adjective" if kb_kind in {"adjective", "demonym"} else "name"
        if not candidates and kb_country is None:
            return None
        if kb_kind is None and all(c.adjective for c in candidates):
            kind = "adjective"
        weak = False
        if not repeated and not self._acceptable(span, label, candidates, kb_country):
            if not _person_like_town(span, label, candidates):
                return None
            weak = True

        return Mention(span.start, span.end, text, span.start_char, span.end_char, kind, label,
                       candidates, country_hint=kb_country, hint_kind=kb_kind, weak=weak)

    def _kb_country(self, text: str) -> tuple[str | None, str | None]:
        entries = self.kb.lookup(text)
        if not entries and text.isupper() and len(text) > 3:  # "WASHINGTON" in a dateline
            entries = self.kb.lookup(text.title())
        for entry in entries:
            if entry.kind in COUNTRY_KINDS and entry.country and len(entry.country) == 3:
                return entry.country, entry.kind
            if entry.kind == "capital" and entry.country:
                return entry.country, entry.kind
        return None, None

    def _kb_continent(self, text: str) -> list[Candidate]:
        """The continent a knowledge-base region name or adjective means ("European")."""
        for entry in self.kb.lookup(text):
            if entry.kind in {"region", "region_adjective"}:
                found = [
                    Candidate(c.rid, c.record, True, entry.kind == "region_adjective")
                    for c in self.gazetteer.candidates(name_key(entry.name))
                    if c.record.feature == "continent"
                ]
                if found:
                    return found
        return []

    def _abbreviation_fits(self, span: Span, abbreviation: Abbreviation) -> bool:
        if abbreviation.alone:
            return True
        before = span.start - 1
        return before >= 0 and span.doc[before].text == ","

    def _acceptable(
        self, span: Span, label: str, candidates: list[Candidate], kb_country: str | None
    ) -> bool:
        """Whether an n-gram the gazetteer knows is a place here: anything in a place entity
        or outside entities; inside names only countries, regions and large cities."""
        first = span[0]
        if len(span) == 1 and first.is_stop and label not in PLACE_LABELS and not kb_country:
            return False
        if label == "NORP" and not (kb_country or any(c.adjective for c in candidates)):
            label = ""  # a religion ("early Christian saint") is a place only as others are
        if label in {"GPE", "LOC", "NORP"} or (label == "FAC" and _whole_entity(span)):
            return True
        if label == "":
            if kb_country:
                return True
            if _sentence_initial_word(first) or self.kb.role(span.text) is not None:
                return False
            if any(t.ent_type_ in NUMERIC_LABELS for t in span):  # read as a date: a known
                before = first.doc[first.i - 1].lower_ if first.i > 0 else ""  # region, or
                return any(_well_known(c, 100_000) for c in candidates) or (  # "in Winnipeg"
                    before in SETTING_PREPS and any(_well_known(c, 5_000) for c in candidates)
                )
            if _after_place_words(span) or _before_local_body(span, candidates):
                return True
            return any(_well_known(c, 100_000) for c in candidates)
        if label in NAME_LABELS or label == "FAC":  # a facility's name: "Cuckoo Hall Lane"
            whole = _whole_entity(span)
            if kb_country and (label != "PERSON" or (whole and len(span) == 1)):
                return True
            if kb_country and span.end < len(span.doc) and span.doc[span.end].is_lower:
                return True  # "YEREVAN - Azerbaijani troops" read as one person
            at_start = span[0].ent_iob_ == "B"
            before = first.doc[first.i - 1].lower_ if first.i > 0 else ""
            if before in PLACE_PREPS and any(_well_known(c, 5_000) for c in candidates) and (
                whole or label != "PERSON"
            ):
                return True  # "in Mato Grosso", "to Townsville" whatever the recogniser saw
            if (
                label in {"PERSON", "ORG"}
                and whole
                and _struck_or_entered(span.root)
                and any(_well_known(c, 50_000) for c in candidates)
            ):
                return True  # "missiles struck Haifa": a person or a body is not what
                # missiles strike ("tanks shelled Beit Lahia", read as an organisation)
            for candidate in candidates:
                feature, population = candidate.record.feature, candidate.record.population
                if label == "PERSON" and (not whole or len(span) > 1):
                    continue
                if feature in {"adm1", "continent"} and candidate.primary:
                    return True
                if feature == "adm2" and candidate.primary and at_start and label == "ORG":
                    return True  # "the Plymouth County Sheriff's Office"
                if at_start and label == "ORG" and _before_local_body(span, [candidate]):
                    return True  # "Enfield Council", "Danbury Police Department"
                if feature == "country" and label != "PERSON" and candidate.primary:
                    return True
                threshold = (500_000 if label == "PERSON" else 100_000) if whole else 50_000
                if (
                    feature == "city"
                    and candidate.primary
                    and population >= threshold
                    and (whole or at_start)
                ):
                    return True
        return False


def _struck_or_entered(token: Token) -> bool:
    """True for the object of a verb that acts on a place ("shelled Kharkiv", "troops entered
    Goma"), the slot where a one-word name the recogniser took for a person is a town."""
    return token.dep_ == "dobj" and token.head.lemma_.lower() in PLACE_OBJECT_VERBS


def _before_local_body(span: Span, candidates: list[Candidate]) -> bool:
    """A town's own name before a body of its local government ("Enfield Council", "Danbury
    police", "the Torrington fire department"): a town under its own name."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in LOCAL_BODIES:
        return False
    return any(c.primary and c.record.feature in {"city", "adm2"} for c in candidates)


def _after_place_words(span: Span) -> bool:
    """True after a setting preposition ("in Sotk") or a place noun and "of" ("the border
    village of Sotk", "the city of Kharkiv")."""
    doc, i = span.doc, span.start
    if i > 0 and doc[i - 1].lower_ in PLACE_PREPS:
        return True
    return i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in TYPE_NOUNS


def _person_like_town(span: Span, label: str, candidates: list[Candidate]) -> bool:
    """A one-word name the recogniser took for a person that is also a sizeable town
    ("Kherson was shelled"): kept as a weak mention the resolver keeps only when the article
    is about the town's country."""
    return (
        label == "PERSON"
        and len(span) == 1
        and _whole_entity(span)
        and any(
            c.primary and c.record.feature == "city" and c.record.population >= 50_000
            for c in candidates
        )
    )


def _well_known(candidate: Candidate, population: int) -> bool:
    """A country, region or continent under its own name, or a city of `population`+."""
    record = candidate.record
    if not candidate.primary:
        return False
    return record.feature in {"country", "adm1", "continent"} or record.population >= population


def _sentence_initial_word(token: Token) -> bool:
    """A capitalised first word of a sentence that is not a proper noun ("Nice work")."""
    return token.is_sent_start and token.pos_ not in {"PROPN"}


def _whole_entity(span: Span) -> bool:
    ents = {t.ent_iob_ for t in span}
    doc = span.doc
    starts_entity = span[0].ent_iob_ == "B"
    ends_entity = span.end >= len(doc) or doc[span.end].ent_iob_ != "I"
    return starts_entity and ends_entity and "O" not in ents


def _trim(span: Span) -> Span | None:
    """A place entity without a leading "the" and a trailing "'s"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in {"'s", "’s", "'"} or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def load_abbreviations(folder: Path | None = None) -> dict[str, Abbreviation]:
    """The abbreviation table (data/abbreviations.tsv, or its copy in a saved `folder`),
    keyed by the form as written."""
    from tacitus.datafiles import read_rows

    table: dict[str, Abbreviation] = {}
    rows = read_rows("tacitus.geo", "data/abbreviations.tsv", 4, folder)
    for _, (text, country, adm1, alone) in rows:
        table[text] = Abbreviation(text, country, adm1, alone == "yes")
    return table
