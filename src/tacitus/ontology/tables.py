"""The CAMEO code table (names, Goldstein weights, QuadClass, PLOVER crosswalk) and what each
code implies for the event coder (symmetric, channel, attribution, carrier).

Reads `cameo.tsv` (format in README.md); `load_ontology()` adds the trigger lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass

from tacitus.datafiles import read_rows
from tacitus.errors import DataError
from tacitus.ontology.lexicon import Lexicon, load_lexicon

COLUMNS = ["code", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_context"]
RULE_COLUMNS = ["symmetric", "channel", "attribution", "carrier"]


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


def load_codes() -> dict[str, CameoCode]:
    """Parse cameo.tsv into {code: CameoCode}; DataError on a malformed row."""
    codes: dict[str, CameoCode] = {}
    for line, row in read_rows("tacitus.ontology", "cameo.tsv", COLUMNS + RULE_COLUMNS):
        code, name, weight, quad, plover, mode, context, *flags = row
        if any(flag not in {"0", "1"} for flag in flags):
            raise DataError("data_file", path="cameo.tsv", line=line, reason="flag not 0 or 1")
        symmetric, channel, attribution, carrier = (flag == "1" for flag in flags)
        try:
            codes[code] = CameoCode(
                code,
                name,
                float(weight),
                int(quad),
                plover or None,
                mode or None,
                context or None,
                symmetric,
                channel,
                attribution,
                carrier,
            )
        except ValueError as exc:
            raise DataError("data_file", path="cameo.tsv", line=line, reason=str(exc)) from exc
    return codes


def load_ontology() -> Ontology:
    """The code table plus the trigger lexicon; every lexicon code must be in the table."""
    codes = load_codes()
    lexicon = load_lexicon()
    for pattern in lexicon.patterns:
        if pattern.code not in codes:
            raise DataError(
                "data_file",
                path=pattern.source,
                line=pattern.line,
                reason=f"unknown CAMEO code {pattern.code}",
            )
    return Ontology(codes=codes, lexicon=lexicon)
