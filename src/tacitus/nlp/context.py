"""Article context for actors that name no country: the dateline, the place phrase, the
article's leading country.

`ArticleContext.read(doc, spans, actors, kb)` looks at an article whose actor mentions are
resolved; `give_countries()` then gives each title or sector mention that still lacks a country
("the vice-president", "police", "workers", "PM" in a headline) the first country its context
offers, in this order: a place phrase on the mention ("police in Karachi"), the dateline
("DHANI, Pakistan -"), the leading country of mentions with the same sector, the article's
leading country when it dominates. Such actors get `found_by = "context"`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from tacitus.kb import KnowledgeBase
from tacitus.model import Actor
from tacitus.nlp.extensions import article_head
from tacitus.nlp.syntax import NOMINAL, VERBAL
from tacitus.textmap import doc_text

# "KARACHI, Pakistan (Reuters) -", "DHANI, Pakistan -", "Kabul, Aug 3 (AFP) --", "PARIS —"
DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z.'\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\- ]{1,40}?))?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:-{1,2}|—|–|:)\s"
)
PLACE_PREPS = frozenset({"in", "at", "from", "near"})
# A leading country speaks for a country-less mention only when it has this share of the
# article's country mentions.
DOMINANT_SHARE = 0.5
NON_STATE_KINDS = frozenset({"IGO"})
# A mention that modifies a noun ("[Taliban] positions", "[the rebels'] bases") is placed by
# that noun's place phrase.
MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})
# Sectors whose country is where the text places them, also by the clause acting on them:
# armed groups, criminals and civilians (a government title is not placed by where it met).
PLACED_BY_CLAUSE = frozenset({"REB", "INS", "SEP", "UAF", "CRM", "CVL", "REF"})


@dataclass
class ArticleContext:
    """What the article says about where it is: the dateline country and the countries of
    its mentions, overall and per sector."""

    dateline: str | None = None
    countries: Counter[str] = field(default_factory=Counter)
    by_sector: dict[str, Counter[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, doc: Doc, actors: list[Actor], kb: KnowledgeBase) -> ArticleContext:
        """The context of a Doc from its text and its resolved actor mentions."""
        # A later window of a long article reads the dateline at the article's head.
        context = cls(dateline=dateline_country(article_head(doc) or doc_text(doc), kb))
        for actor in actors:
            if not _national(actor, kb):
                continue
            assert actor.country is not None
            context.countries[actor.country] += 1
            for sector in actor.sectors:
                context.by_sector.setdefault(sector, Counter())[actor.country] += 1
        return context

    def country_for(self, actor: Actor, span: Span, kb: KnowledgeBase) -> str | None:
        """The country the context gives a country-less mention, or None."""
        place = _place_country(span, actor, kb)
        if place:
            return place
        if self.dateline:
            return self.dateline
        for sector in actor.sectors:
            counts = self.by_sector.get(sector)
            if counts:
                (country, _), *rest = counts.most_common(2)
                if not rest or rest[0][1] < counts[country]:
                    return country
        if self.countries:
            country, count = self.countries.most_common(1)[0]
            if count >= DOMINANT_SHARE * sum(self.countries.values()):
                return country
        return None


def dateline_country(text: str, kb: KnowledgeBase) -> str | None:
    """The country of a dateline at the start of one of the article's first two paragraphs
    ("ISLAMABAD, Pakistan (AP) -", "Kabul -"), from the KB's countries and capitals."""
    for paragraph in text.lstrip().split("\n", 2)[:2]:
        found = DATELINE.match(paragraph)
        if found is None:
            continue
        for name in (found.group("region"), found.group("city")):
            country = _country_named(name, kb) if name else None
            if country:
                return country
    return None


def _country_named(name: str, kb: KnowledgeBase) -> str | None:
    for form in {name.strip(), name.strip().title()}:
        for entry in kb.lookup(form):
            if entry.kind in {"country", "capital"} and entry.country:
                return entry.country
    return None


def _place_country(span: Span, actor: Actor, kb: KnowledgeBase) -> str | None:
    """The country of an "in X" phrase on the mention's head ("police in Karachi"), or on the
    noun the mention modifies ("Taliban positions in Afghanistan"); for armed groups and
    civilians also on the clause that acts on them ("strikes on rebel targets in Syria")."""
    heads = [span.root]
    if span.root.dep_ in MODIFIER_DEPS and span.root.head.pos_ in NOMINAL:
        heads.append(span.root.head)
    if PLACED_BY_CLAUSE.intersection(actor.sectors):
        token = heads[-1]
        while token.dep_ in {"pobj", "dobj", "prep"} and token.head is not token:
            token = token.head
            heads.append(token)
            if token.pos_ in VERBAL:
                break
    for head in heads:
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in PLACE_PREPS:
                continue
            for obj in child.children:
                if obj.dep_ == "pobj":
                    country = _country_named(obj.text, kb)
                    if country:
                        return country
    return None


def _national(actor: Actor, kb: KnowledgeBase) -> bool:
    """True for a mention whose country is a real state (not an IGO or a region), named as an
    actor (a bare adjective, "Russian-made", says nothing about where the article is)."""
    if actor.attributive or not actor.country:
        return False
    return kb.country(actor.country) is not None
