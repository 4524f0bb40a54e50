"""Records the knowledge base hands out: Entry, Country, Seat, Person, Position, PersonMatch.

All are frozen dataclasses (hashable, safe to share between threads and processes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

ENTRY_KINDS = (
    "country",
    "adjective",
    "demonym",
    "capital",
    "seat",
    "region",
    "region_adjective",
    "igo",
    "armed_group",
    "party",
    "media",
    "person",
    "title",
    "group",
)


@dataclass(frozen=True)
class Entry:
    """One thing a surface form can refer to.

    `code` is the CAMEO actor code this entry alone gives ("PAK", "RUSGOV" for the Kremlin,
    "IGOUNO"; "" for titles, groups and people, whose code depends on context or date).
    `country` is an ISO3, CAMEO region or IGO code, or None.
    """

    kind: str
    key: str
    name: str
    code: str
    country: str | None
    sectors: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "sectors": list(self.sectors),
        }


@dataclass(frozen=True)
class Seat:
    """A seat of power used as a metonym ("the Kremlin"): its names and the sectors it adds."""

    name: str
    names: tuple[str, ...]
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class Country:
    """A country or territory from countries.yaml."""

    code: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[Seat, ...]
    region: str
    un_member: bool = False
    definite: bool = False
    since: dt.date | None = None
    until: dt.date | None = None

    def exists_on(self, day: dt.date) -> bool:
        """True when the state existed on `day` (`since` and `until` inclusive; None = open)."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    @property
    def title_name(self) -> str:
        """The name as it reads after "of" in a title ("the United States", "Pakistan")."""
        return f"the {self.name}" if self.definite else self.name


@dataclass(frozen=True)
class Position:
    """One position a person held: a row of a people TSV file."""

    country: str
    role: str
    start: dt.date | None
    end: dt.date | None
    note: str = ""
    source: str = ""

    def holds_on(self, day: dt.date) -> bool:
        """True when the position was held on `day` (start and end inclusive)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Term:
    """One stretch of an office: who held `role` in `country` from `start` to `end`.

    `kb_id` and `name` are None for a recorded vacancy (a people-file row named "(vacant)":
    no holder, e.g. a state without a government); `note` is the row's comment.
    """

    country: str
    role: str
    start: dt.date | None
    end: dt.date | None
    kb_id: str | None
    name: str | None
    note: str = ""
    source: str = ""

    @property
    def vacant(self) -> bool:
        return self.kb_id is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "role": self.role,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "kb_id": self.kb_id,
            "name": self.name,
            "note": self.note,
        }


@dataclass(frozen=True)
class Person:
    """A person: the full name, every alias and every position held."""

    kb_id: str
    name: str
    aliases: tuple[str, ...]
    positions: tuple[Position, ...]
    weak_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonMatch:
    """What a person name resolves to on a date (see `KnowledgeBase.resolve_person`)."""

    kb_id: str
    name: str
    country: str
    code: str
    sectors: tuple[str, ...]
    role: str | None
    title: str
    start: dt.date | None
    end: dt.date | None
    current: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "kb_id": self.kb_id,
            "name": self.name,
            "country": self.country,
            "code": self.code,
            "sectors": list(self.sectors),
            "role": self.role,
            "title": self.title,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "current": self.current,
        }
