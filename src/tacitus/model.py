"""Records that flow through tacitus: Article in, CodedArticle out.

Every record is a plain dataclass with `to_dict()` / `from_dict()` matching the JSON
contracts in DESIGN.md; offsets are character offsets into the article text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "intended", "hypothetical", "reported"]
# How much of the calendar an event's `date` pins down: the day itself, or the ISO week
# (Monday-Sunday), calendar month or year that contains it.
DatePrecision = Literal["day", "week", "month", "year"]


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """An ISO date or datetime string (or date) -> date; None or '' -> None; else ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()


@dataclass(slots=True)
class Article:
    """One news text. `id` and `text` are required; `published` is an ISO date string;
    `notes` say what was lost or changed on the way in (a cut text, a `published` value that
    is no date) and are part of the output."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    notes: list[str] = field(default_factory=list)
    # Set when the text was longer than the [coder] max_chars limit: where it was cut (only
    # text[:cut_at] was read and coded); `notes` says how long it was.
    cut_at: int | None = None

    def cut(self, max_chars: int) -> bool:
        """Cut the text at `max_chars` (0 = no limit), noting it and setting `cut_at`; True
        when it was cut."""
        if max_chars <= 0 or len(self.text) <= max_chars:
            return False
        self.notes.append(f"text cut at {max_chars} of {len(self.text)} characters")
        self.text = self.text[:max_chars]
        self.cut_at = max_chars
        return True

    @property
    def date(self) -> dt.date | None:
        try:
            return parse_date(self.published)
        except ValueError:
            return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "notes": list(self.notes),
            "cut_at": self.cut_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Build from a JSON object; unknown keys are ignored, `id` and `text` are required."""
        published = data.get("published") or data.get("date")
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            title=data.get("title"),
            url=data.get("url"),
            source=data.get("source"),
            published=str(published) if published else None,
        )


@dataclass(slots=True)
class Actor:
    """A mention of an actor and what it resolved to (CAMEO code, country, sectors)."""

    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    kb_id: str | None = None
    # The earlier mention this one was resolved through (coreference), if any.
    antecedent: dict[str, Any] | None = None
    # A bare national or regional adjective ("Russian" in "Russian-made"): it names a country
    # but no actor of its own (no name, code or sectors).
    attributive: bool = False
    # On an event's side, how the side was found: "explicit" (the clause names it),
    # "coreference", "location" (the place stands for its government), "context" (a title or
    # sector given its country by the article).
    found_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def ref(self) -> dict[str, Any]:
        """The span of this mention's own words: {"text", "start", "end"}."""
        return {"text": self.text, "start": self.start, "end": self.end}

    def seen_as(self, text: str, start: int, end: int) -> Actor:
        """The same actor named by other words (a pronoun, "the two leaders"): a copy at the
        new span whose antecedent is this mention (or this mention's own antecedent)."""
        return Actor(
            text=text,
            start=start,
            end=end,
            name=self.name,
            code=self.code,
            country=self.country,
            sectors=list(self.sectors),
            kb_id=self.kb_id,
            antecedent=self.antecedent or self.ref(),
            attributive=self.attributive,
            found_by="coreference",
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Actor | None:
        if data is None:
            return None
        return cls(
            text=data["text"],
            start=int(data["start"]),
            end=int(data["end"]),
            name=data.get("name"),
            code=data.get("code"),
            country=data.get("country"),
            sectors=list(data.get("sectors") or []),
            kb_id=data.get("kb_id"),
            antecedent=data.get("antecedent"),
            attributive=bool(data.get("attributive", False)),
            found_by=data.get("found_by"),
        )


@dataclass(slots=True)
class Place:
    """A place mention and the GeoNames record it resolved to (all None when unresolved).

    `feature` is continent | country | adm1 | adm2 | city | landmark; `country` ISO3;
    `adm1` the GeoNames admin1 code within the country. `found_by` says what chose the
    record (one | qualifier | context | population) in an article's `places`, and where the
    place came from (clause | sentence | paragraph | dateline | target | source) as an
    event's location.
    """

    text: str
    start: int
    end: int
    name: str | None = None
    geonames_id: int | None = None
    feature: str | None = None
    country: str | None = None
    adm1: str | None = None
    lat: float | None = None
    lon: float | None = None
    found_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Place | None:
        if data is None:
            return None
        known = {k: data.get(k) for k in cls.__slots__ if k in data}  # type: ignore[attr-defined]
        return cls(**known)


@dataclass(slots=True)
class Event:
    """Who did what to whom: one coded event with the words that produced it."""

    id: str
    article_id: str
    sentence: int
    date: str | None
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None
    trigger: dict[str, Any]
    location: dict[str, Any] | None = None
    negated: bool = False
    modality: Modality = "asserted"
    confidence: float = 0.5
    rule: str = ""
    tone: float | None = None
    quote_id: str | None = None
    # Where the text places each side ("protesters in Kharkiv"): Place dicts, or None.
    source_location: dict[str, Any] | None = None
    target_location: dict[str, Any] | None = None
    date_precision: DatePrecision = "day"
    # The happening this report belongs to, across articles and outlets: the id of the
    # group's first event (`tacitus code` across one run; the store across all it holds).
    group_id: str | None = None

    @property
    def happened(self) -> bool:
        """True when the event counts in aggregates: not negated, not hypothetical."""
        return not self.negated and self.modality != "hypothetical"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["source"] = self.source.to_dict()
        data["target"] = self.target.to_dict() if self.target else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        values = dict(data)
        values["source"] = Actor.from_dict(data["source"])
        values["target"] = Actor.from_dict(data.get("target"))
        return cls(**values)


@dataclass(slots=True)
class Quote:
    """A quotation (direct) or reported speech (indirect) with its cue and speaker."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None
    speaker: Actor | None
    cue_start: int | None = None
    cue_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["speaker"] = self.speaker.to_dict() if self.speaker else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        values = dict(data)
        values["speaker"] = Actor.from_dict(data.get("speaker"))
        return cls(**values)


@dataclass(slots=True)
class CodedArticle:
    """The coder's output for one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    tone: float | None = None
    places: list[Place] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        article = self.article.to_dict()
        article["tone"] = self.tone
        return {
            "article": article,
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> CodedArticle:
        meta = data["article"]
        article = Article(
            id=meta["id"],
            text=text,
            title=meta.get("title"),
            url=meta.get("url"),
            source=meta.get("source"),
            published=meta.get("published"),
            notes=list(meta.get("notes") or []),
            cut_at=meta.get("cut_at"),
        )
        return cls(
            article=article,
            events=[Event.from_dict(e) for e in data.get("events", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            actors=[a for a in (Actor.from_dict(x) for x in data.get("actors", [])) if a],
            tone=meta.get("tone"),
            places=[p for p in (Place.from_dict(x) for x in data.get("places", [])) if p],
        )
