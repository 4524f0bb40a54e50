"""Clues from the words around a person's name: which countries or organisations and which
offices they point to, and whether they call the person former.

`read_clues(text, lookup, title_roles)` -> `Clues`. `lookup` is the KB's proper-name lookup
(surface form -> entries); `title_roles` maps lower-case title phrases ("prime minister",
"secretary-general", from data/title_roles.tsv) to the people roles they name. Used by
`KnowledgeBase.resolve_person` to choose between people who share a name ("Guterres").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tacitus.kb.records import Entry, Position

_WORD = re.compile(r"[^\W_]+(?:[.'’\-][^\W_]+)*\.?")
_LONGEST = 6
_PLACE_KINDS = frozenset({"country", "adjective", "demonym", "capital", "seat"})
FORMER_WORDS = frozenset({"former", "ex", "late", "erstwhile"})
_PREFIXES = frozenset({"ex", "then", "former"})


@dataclass(frozen=True)
class Clues:
    """What nearby words say: country/IGO codes, people roles, and "former"."""

    places: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    former: bool = False

    def __bool__(self) -> bool:
        return bool(self.places or self.roles or self.former)

    def score(self, position: Position) -> int:
        """How many clues fit a position: its country or organisation, its role (0..2)."""
        return int(position.country in self.places) + int(position.role in self.roles)


def read_clues(
    text: str,
    lookup: Callable[[str], Sequence[Entry]],
    title_roles: Mapping[str, frozenset[str]],
) -> Clues:
    """Scan `text` for country/IGO names (longest match first, case as written) and title
    phrases (any case) -> Clues. Words that name people are skipped."""
    words: list[str] = []
    former = False
    for word in _WORD.findall(text):
        head, dash, rest = word.partition("-")
        if dash and rest and head.lower() in _PREFIXES:  # "ex-president", "then-Senator"
            former, word = True, rest
        elif word.lower() in FORMER_WORDS:
            former = True
        words.append(word)
    places: set[str] = set()
    roles: set[str] = set()
    i = 0
    while i < len(words):
        step = 1
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            found = _places(lookup(phrase)) if phrase[0].isupper() else set()
            named = title_roles.get(phrase.lower().rstrip("."))
            if found or named:
                places |= found
                roles |= named or set()
                step = size
                break
        i += step
    return Clues(frozenset(places), frozenset(roles), former)


def _places(entries: Sequence[Entry]) -> set[str]:
    codes: set[str] = set()
    for entry in entries:
        if entry.kind in _PLACE_KINDS and entry.country:
            codes.add(entry.country)
        elif entry.kind == "igo":
            codes.add(entry.code)
    return codes
