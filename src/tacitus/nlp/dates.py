"""When an event happened: the date phrase of its clause, read against the article's date.

`read_when(text, base, future, words)` reads one date phrase against a base day (the
article's date, or its dateline's) and returns a `When` (a day and its precision: day, week,
month or year), or None when the phrase names no time. `DateResolver.event_when(head,
article_date, future)` finds the phrases attached to an event's trigger, to the verb a
nominal trigger hangs from, to the first of coordinated verbs and to the verbs above it (a
reporting verb: "officials said on Friday"), and reads the first that names a time; without
one the event takes the report's date at day precision, as GDELT and ICEWS date events.

How phrases are read (news usage, measured against nothing but the calendar):
- a weekday is the latest such day on or before the base day ("on Friday" in Friday's paper
  is that Friday, "on Thursday" the day before); for an intended event the next on or after
  it; "last Friday" is the latest strictly before, "next Friday" the first strictly after;
- "yesterday", "last week", "earlier this month", "last year" ... (data/time_words.tsv) give
  the first day of the day, week (Monday), weekend (Saturday), month or year they name;
- "March 3" without a year is the March 3 nearest the base day (within half a year); "in
  March" the latest March that has begun by then (the next one for an intended event); a
  written year or an ISO date is taken as written; "two days ago", "three weeks ago" count
  back from the base day;
- a phrase that names a time which cannot be placed ("February 30", "on the 45th") leaves the
  report's date at week precision (`When.understood` False): the event is from about then,
  not from a day we know.
The base day is the dateline's date when the article opens with one ("KYIV, March 14
(Reuters) -"): a wire story re-published days later still means that Friday.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tacitus.datafiles import read_rows
from tacitus.nlp.extensions import article_head
from tacitus.nlp.syntax import light_verb

ATTACH_DEPS = frozenset({"npadvmod", "tmod", "obl", "advmod", "nmod"})
DATE_PREPS = frozenset({"on", "in", "during", "at", "over", "from"})
DATE_ENTS = frozenset({"DATE", "TIME"})
# An event dated by a year-less "March 3" must lie within this many days of the base day.
NEAREST_DAYS = 183
# How far into the text a dateline may sit.
DATELINE_CHARS = 160


def _prefixes(name: str) -> str:
    """A regex matching `name` or any prefix of it of at least three letters."""
    pattern = ""
    for letter in reversed(name[3:]):
        pattern = f"(?:{letter}{pattern})?"
    return name[:3] + pattern


_MONTH = "|".join(_prefixes(calendar.month_name[m].lower()) for m in range(1, 13))
_WEEKDAY = "|".join(calendar.day_name[d].lower() for d in range(7))
_ORDINAL = r"(?:st|nd|rd|th)?"
ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?:,?\s+(?P<year>\d{{4}})\b)?")
DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>{_MONTH})\b\.?"
    rf"(?:,?\s+(?P<year>\d{{4}})\b)?")
MONTH_ONLY = re.compile(rf"\b(?P<month>{_MONTH})\b\.?(?:,?\s+(?P<year>\d{{4}})\b)?")
YEAR = re.compile(r"(?<![\d$£€.,])\b(?P<year>(?:1[89]|20)\d{2})\b(?![\d%])")
WEEKDAY = re.compile(rf"\b(?:(?P<rel>last|past|previous|next|coming|this)\s+)?"
                     rf"(?P<weekday>{_WEEKDAY})(?!s\b)\b")
DAY_OF_MONTH = re.compile(r"\bthe\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b")
# Words that show a phrase is about time (TIME_CUE: or digits, in a date entity) even when it
# cannot be read.
TIME_WORD = re.compile(
    rf"\b(?:{_WEEKDAY}|day|days|week|weeks|weekend|month|months|year|years|ago|"
    r"yesterday|today|tomorrow|tonight|night|morning|evening|afternoon)\b")
TIME_CUE = re.compile(TIME_WORD.pattern + r"|\d")
# A month name as written in news: with its capital ("may" and "march" are other words).
MONTH_CUE = re.compile(
    r"\b(?:" + "|".join(_prefixes(calendar.month_name[m]) for m in range(1, 13)) + r")\b")


@dataclass(frozen=True, slots=True)
class When:
    """A day and how much of the calendar around it the text pins down (day, week: the
    Monday-Sunday week, month, year); `understood` False: a time phrase we could not place,
    so `day` is the report's date."""

    day: dt.date
    precision: str = "day"
    understood: bool = True


class TimeWords:
    """The relative phrases and number words of data/time_words.tsv."""

    def __init__(self, phrases: dict[str, tuple[str, int, str]], numbers: dict[str, int]):
        self.phrases = phrases
        self.numbers = numbers
        longest_first = sorted(phrases, key=len, reverse=True)
        self.phrase = re.compile(r"\b(" + "|".join(map(re.escape, longest_first)) + r")\b")
        number = "|".join(map(re.escape, sorted(numbers, key=len, reverse=True)))
        self.ago = re.compile(rf"\b(?P<n>\d+|{number})\s+(?P<unit>day|week|month|year)s?\s+ago\b")

    @classmethod
    def load(cls) -> TimeWords:
        phrases: dict[str, tuple[str, int, str]] = {}
        numbers: dict[str, int] = {}
        for _, (words, unit, offset, precision) in read_rows(
            "tacitus.nlp", "data/time_words.tsv", 4
        ):
            if unit == "number":
                numbers[words] = int(offset)
            else:
                phrases[words] = (unit, int(offset), precision)
        return cls(phrases, numbers)


def _month_number(name: str) -> int:
    return next(m for m in range(1, 13) if calendar.month_name[m].lower().startswith(name[:3]))


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _unit_start(base: dt.date, unit: str, offset: int, future: bool = False) -> dt.date:
    if unit == "day":
        return base + dt.timedelta(days=offset)
    if unit == "week":
        return base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=offset)
    if unit == "weekend":  # its Saturday
        if offset > 0 or (offset == 0 and future):  # the next weekend, or this one if on it
            coming = base + dt.timedelta(days=(5 - base.weekday()) % 7)
            return coming if base.weekday() < 6 or offset else base - dt.timedelta(days=1)
        saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)  # latest begun
        if offset < 0 and saturday + dt.timedelta(days=1) >= base:
            saturday -= dt.timedelta(weeks=1)  # "last weekend": one that has ended
        return saturday
    if unit == "month":
        return _add_months(base, offset)
    return dt.date(base.year + offset, 1, 1)


def nearest(month: int, day: int, base: dt.date, future: bool = False) -> dt.date | None:
    """The `month`/`day` nearest to `base` (within NEAREST_DAYS; a tie goes to the past,
    or to the future for an intended event), None when there is none (February 29)."""
    options = [d for y in (base.year - 1, base.year, base.year + 1)
               if (d := _date(y, month, day)) is not None]
    options = [d for d in options if abs((d - base).days) <= NEAREST_DAYS]
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - base).days), (d < base) == future))


def _weekday(match: re.Match[str], base: dt.date, future: bool) -> dt.date:
    wanted = list(calendar.day_name).index(match["weekday"].capitalize())
    back = (base.weekday() - wanted) % 7
    ahead = (wanted - base.weekday()) % 7
    relation = match["rel"]
    if relation in {"last", "past", "previous"}:
        return base - dt.timedelta(days=back or 7)
    if relation in {"next", "coming"}:
        return base + dt.timedelta(days=ahead or 7)
    return base + dt.timedelta(days=ahead) if future else base - dt.timedelta(days=back)


def _month(month: int, year: str | None, base: dt.date, future: bool) -> dt.date:
    if year:
        return dt.date(int(year), month, 1)
    start = dt.date(base.year, month, 1)
    if future:
        end = _add_months(start, 1) - dt.timedelta(days=1)
        return start if end >= base else dt.date(base.year + 1, month, 1)
    return start if start <= base else dt.date(base.year - 1, month, 1)


def _written(text: str, base: dt.date, future: bool) -> When | bool | None:
    """A written-out date: When, False when it names an impossible day, None when none."""
    if match := ISO.search(text):
        day = _date(int(match[1]), int(match[2]), int(match[3]))
        return When(day) if day else False
    for pattern in (MONTH_DAY, DAY_MONTH):
        if match := pattern.search(text):
            month, number = _month_number(match["month"]), int(match["day"])
            if match["year"]:
                day = _date(int(match["year"]), month, number)
            else:
                day = nearest(month, number, base, future)
            return When(day) if day else False
    return None


def read_when(text: str, base: dt.date, future: bool = False,
              words: TimeWords | None = None) -> When | None:
    """The time `text` (as written: capitals tell "May" the month from "may") names, read
    against `base` (see the module docstring); None when it names none. `future` is True
    for an intended event."""
    words = words or TimeWords.load()
    written_as = " ".join(text.replace("’", "'").split())
    low = written_as.lower()
    written = _written(low, base, future)
    if isinstance(written, When):
        return written
    if written is False:
        return When(base, "week", understood=False)
    if match := words.ago.search(low):
        count = int(match["n"]) if match["n"].isdigit() else words.numbers[match["n"]]
        unit = match["unit"]
        if unit == "day":
            return When(base - dt.timedelta(days=count))
        if unit == "week":
            return When(_unit_start(base - dt.timedelta(weeks=count), "week", 0),
                        "day" if count == 1 else "week")
        if unit == "month":
            return When(_add_months(base, -count), "month")
        return When(dt.date(base.year - count, 1, 1), "year")
    if match := words.phrase.search(low):
        unit, offset, precision = words.phrases[match[1]]
        return When(_unit_start(base, unit, offset, future), precision)
    if match := WEEKDAY.search(low):
        return When(_weekday(match, base, future))
    for match in MONTH_ONLY.finditer(low):
        as_written = written_as[match.start():match.end()]
        if not as_written[:1].isupper() and not match["year"]:
            continue  # "may" the verb, "march" the noun: months are written with a capital
        return When(_month(_month_number(match["month"]), match["year"], base, future), "month")
    if match := YEAR.search(low):
        return When(dt.date(int(match["year"]), 1, 1), "year")
    if match := DAY_OF_MONTH.search(low):
        day = _date(base.year, base.month, int(match["day"]))
        if day is not None and (day <= base or future):
            return When(day)
        before = _add_months(base, -1)
        day = _date(before.year, before.month, int(match["day"]))
        return When(day) if day else When(base, "week", understood=False)
    if TIME_CUE.search(low) or MONTH_CUE.search(written_as):
        return When(base, "week", understood=False)
    return None


_PLACE_WORDS = r"[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,3}"
_DATELINE = re.compile(
    rf"^\s*(?:{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS})?,\s+)?"
    rf"(?P<when>(?i:{_MONTH})\.?\s+\d{{1,2}}{_ORDINAL}(?:,?\s+\d{{4}})?)"
    r"\s*(?:\(|--|—|–|-|:)",
)


def dateline_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date of an opening dateline ("KYIV, March 14 (Reuters) -", "Jan. 5, 2025 --"),
    placed near `published` when it has no year; None without one."""
    match = _DATELINE.match(text[:DATELINE_CHARS])
    if match is None:
        return None
    found = _written(match["when"].lower(), published or dt.date.min, False)
    if isinstance(found, When) and (published is not None or re.search(r"\d{4}", match["when"])):
        return found.day
    return None


class DateResolver:
    """Dates events from the phrases of their clauses; remembers the last doc's dateline."""

    def __init__(self, words: TimeWords | None = None) -> None:
        self.words = words or TimeWords.load()
        self._report: tuple[Doc | None, dt.date | None, dt.date | None] = (None, None, None)

    def report_date(self, doc: Doc, article_date: dt.date | None) -> dt.date | None:
        """The date the report speaks from: its dateline's, else the article's."""
        cached_doc, cached_for, cached = self._report
        if cached_doc is doc and cached_for == article_date:
            return cached
        head = article_head(doc) or doc[: min(len(doc), 40)].text  # a later window: the article's
        found = dateline_date(head, article_date) or article_date
        self._report = (doc, article_date, found)
        return found

    def day(self, text: str, base: dt.date, future: bool = False) -> When | None:
        """The time `text` names, against `base` (read_when with this resolver's words)."""
        return read_when(text, base, future, self.words)

    def _phrases(self, carrier: Token, skip: Token | None) -> list[tuple[str, str]]:
        """Date phrases hung on `carrier` (not in the subtree of `skip`): (lower, as written)."""
        found = []
        for child in carrier.children:
            if child is skip:
                continue
            tokens = [child] if child.dep_ in ATTACH_DEPS else []
            if child.dep_ == "prep" and child.lower_ in DATE_PREPS:
                tokens = [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ == "advmod":  # "late on Friday", "early on Monday"
                tokens += [g for p in child.children if p.dep_ == "prep"
                           and p.lower_ in DATE_PREPS for g in p.children if g.dep_ == "pobj"]
            for token in tokens:
                text = _phrase(token)
                if text:
                    found.append(text)
        return found

    def _read(self, carrier: Token, skip: Token | None, base: dt.date, future: bool
              ) -> When | None:
        unknown = None
        for text in self._phrases(carrier, skip):
            when = read_when(text, base, future, self.words)
            if when is not None and when.understood:
                return when
            unknown = unknown or when
        return unknown

    def event_when(self, head: Token, article_date: dt.date | None, future: bool = False
                   ) -> When | None:
        """The When of the event whose trigger is `head`: from its own clause, else the verb
        a nominal trigger hangs from, the first coordinated verb, the verbs above it; else the
        report's date at day precision. None when the article has no date."""
        base = self.report_date(head.doc, article_date)
        if base is None:
            return None
        carriers: list[tuple[Token, Token | None]] = [(head, None)]
        verb = light_verb(head) if head.pos_ in {"NOUN", "PROPN"} else None
        if verb is not None:
            carriers.append((verb, head))
        current = head if verb is None else verb
        while current.head.i != current.i:  # up the tree: conjuncts, reporting verbs
            carriers.append((current.head, current))
            current = current.head
        carriers += [(c, None) for c in head.children if c.dep_ == "parataxis"]
        unknown = None
        for carrier, skip in carriers:
            when = self._read(carrier, skip, base, future)
            if when is not None and when.understood:
                return when
            unknown = unknown or when
        return unknown or When(base)


def _phrase(token: Token) -> str | None:
    """The words of the date entity `token` is in, else of its subtree (short ones only)."""
    if token.ent_type_ in DATE_ENTS:
        doc = token.doc
        start, end = token.i, token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        return doc[start : end + 1].text
    subtree = list(token.subtree)
    if len(subtree) > 6:
        return None
    text = token.doc[subtree[0].i : subtree[-1].i + 1].text
    return text if TIME_WORD.search(text.lower()) or MONTH_CUE.search(text) else None
