"""The CAMEO code table (names, Goldstein weights, QuadClass, PLOVER crosswalk) and what each
code implies for the event coder (symmetric, channel, attribution, carrier, topic, place_target,
performative, asks).

Reads `cameo.tsv` (format in README.md); `load_ontology()` adds the trigger lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tacitus.datafiles import read_rows
from tacitus.errors import DataError
from tacitus.ontology.lexicon import Lexicon, load_lexicon

COLUMNS = ["code", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_context"]
FLAG_COLUMNS = [
    "symmetric",
    "channel",
    "attribution",
    "carrier",
    "topic",
    "place_target",
    "performative",
]
RULE_COLUMNS = [*FLAG_COLUMNS, "asks"]
ASKS = frozenset({"", "appeal", "demand"})


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code and what it maps to."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None
    # Between two coordinated subjects and no object the event is mutual ("India and Pakistan
    # held talks": each with the other).
    symmetric: bool = False
    # The media a statement is made to are its channel, not its target ("told reporters").
    channel: bool = False
    # Said beside another event's clause, it attributes that event ("..., officials said").
    attribution: bool = False
    # With another coded event in its complement it only carries that event ("said that
    # troops attacked"; [coder] statements_only_when_alone).
    carrier: bool = False
    # A statement is aimed at what it is about: its complement's subject or the object of
    # "about/over" ("said [Iran] had violated the deal", "voiced concern over [the strikes]").
    topic: bool = False
    # With no named target, the government of the country where it happens is the target
    # ("Albanians demonstrated in Serbia" -> SRBGOV).
    place_target: bool = False
    # Done by saying it: wanted politely, it is done ("I want to thank you" thanks).
    performative: bool = False
    # "appeal" / "demand": what it asks of its target is an act it codes through
    # ontology/demand.tsv ("called on X to lift the blockade" -> 0256); "" otherwise.
    asks: str = ""

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def penta_class(self) -> int:
        """PentaClass: 0 = roots 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13, 4 = 14-20."""
        root = int(self.root)
        return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@dataclass(frozen=True)
class Ontology:
    """CAMEO codes by code string and the trigger lexicon."""

    codes: dict[str, CameoCode]
    lexicon: Lexicon

    def get(self, code: str) -> CameoCode:
        """The entry for `code`; raises DataError('unknown_code') when absent."""
        try:
            return self.codes[code]
        except KeyError:
            raise DataError("unknown_code", code=code) from None


def load_codes(folder: Path | None = None) -> dict[str, CameoCode]:
    """Parse cameo.tsv into {code: CameoCode}; DataError on a malformed row."""
    codes: dict[str, CameoCode] = {}
    for line, row in read_rows("tacitus.ontology", "cameo.tsv", COLUMNS + RULE_COLUMNS, folder):
        code, name, weight, quad, plover, mode, context, *rules = row
        *flags, asks = rules
        if any(flag not in {"0", "1"} for flag in flags) or asks not in ASKS:
            raise DataError(
                "data_file", path="cameo.tsv", line=line, reason="flag not 0 or 1, or bad asks"
            )
        rule = {name: flag == "1" for name, flag in zip(FLAG_COLUMNS, flags, strict=True)}
        try:
            codes[code] = CameoCode(
                code,
                name,
                float(weight),
                int(quad),
                plover or None,
                mode or None,
                context or None,
                asks=asks,
                **rule,
            )
        except ValueError as exc:
            raise DataError("data_file", path="cameo.tsv", line=line, reason=str(exc)) from exc
    return codes


ONTOLOGY_FILES = (
    ("tacitus.ontology", "cameo.tsv"),
    ("tacitus.ontology", "synsets.tsv"),
    ("tacitus.ontology", "triggers"),
)


def load_ontology(folder: Path | None = None) -> Ontology:
    """The code table plus the trigger lexicon (from the package, or the copies of
    ONTOLOGY_FILES in a saved `folder`); every lexicon code must be in the table."""
    codes = load_codes(folder)
    lexicon = load_lexicon(folder)
    for pattern in lexicon.patterns:
        if pattern.code not in codes:
            raise DataError(
                "data_file",
                path=pattern.source,
                line=pattern.line,
                reason=f"unknown CAMEO code {pattern.code}",
            )
    return Ontology(codes=codes, lexicon=lexicon)
