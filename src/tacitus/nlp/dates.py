"""When an event happened: the day named in its clause, read against the article's date.

`DateResolver.event_date(head, article_date, future)` looks at the date phrases attached to an
event's trigger ("on Tuesday", "yesterday", "on March 3") and returns the calendar day they
name, read with dateparser relative to the article's date (past days for events that happened,
coming days for intended ones), or None when the clause names no single day ("last year",
"this week" and bare years are not days).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

from tacitus.nlp.syntax import light_verb

DAY_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"\d{4}-\d{2}-\d{2}|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)",
    re.IGNORECASE,
)
ATTACH_DEPS = frozenset({"npadvmod", "tmod", "obl", "advmod"})
DATE_PREPS = frozenset({"on", "since", "until", "by"})


def _entity_text(token: Token) -> str:
    """The words of the DATE entity that `token` belongs to."""
    doc = token.doc
    start = token.i
    while start > 0 and token.ent_iob_ == "I" and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[start : end + 1].text


class DateResolver:
    """Reads day phrases with dateparser, remembering what it has read."""

    def __init__(self) -> None:
        import dateparser

        self._parse = dateparser.parse
        self._seen: dict[tuple[str, dt.date, bool], dt.date | None] = {}

    def day(self, text: str, base: dt.date, future: bool = False) -> dt.date | None:
        """The calendar day `text` names, relative to `base`, or None if it names none."""
        if not DAY_WORDS.search(text):
            return None
        key = (text, base, future)
        if key not in self._seen:
            parsed = self._parse(
                text,
                languages=["en"],
                settings={
                    "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
                    "PREFER_DATES_FROM": "future" if future else "past",
                },
            )
            self._seen[key] = parsed.date() if parsed else None
        return self._seen[key]

    def event_date(
        self, head: Token, article_date: dt.date | None, future: bool = False
    ) -> dt.date | None:
        """The day of the event whose trigger is `head` (None: use the article's date)."""
        if article_date is None:
            return None
        carriers = [head]
        verb = light_verb(head) if head.pos_ in {"NOUN", "PROPN"} else None
        if verb is not None:
            carriers.append(verb)
        for carrier in carriers:
            for child in carrier.children:
                candidates = [child] if child.dep_ in ATTACH_DEPS else []
                if child.dep_ == "prep" and child.lower_ in DATE_PREPS:
                    candidates = [c for c in child.children if c.dep_ == "pobj"]
                for token in candidates:
                    if token.ent_type_ == "DATE" or token.lower_ in {"yesterday", "today"}:
                        found = self.day(_entity_text(token), article_date, future)
                        if found is not None:
                            return found
        return None
