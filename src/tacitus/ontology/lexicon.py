"""The trigger lexicon: patterns that turn a parsed clause into a CAMEO code.

Reads every `triggers/*.tsv` (columns: code, pattern, example; format in README.md) into a
`Lexicon` indexed by the head lemma. A pattern such as ``impose sanction on $T`` means: a
word with lemma *impose* that governs *sanction*, whose target is the object of *on*.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.datafiles import data_file
from tacitus.errors import DataError

POS_TAGS = {"V": "VERB", "N": "NOUN", "A": "ADJ"}
PREPOSITIONS = frozenset(
    [
        "with",
        "to",
        "on",
        "against",
        "at",
        "for",
        "from",
        "by",
        "into",
        "in",
        "over",
        "about",
        "between",
        "toward",
        "towards",
        "upon",
        "of",
        "among",
        "across",
        "onto",
        "through",
        "under",
        "around",
        "after",
        "behind",
        "near",
        "within",
        "inside",
        "off",
        "out",
        "up",
        "down",
        "as",
    ]
)
IGNORED = frozenset({"a", "an", "the", "to"})


@dataclass(frozen=True, slots=True)
class Slot:
    """Where an actor comes from: the object of `prep`, or the direct object when None;
    `required` (written `with! $T`) makes the preposition a condition of the match."""

    prep: str | None
    required: bool = False


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    """One lexicon row, parsed."""

    code: str
    head: str
    head_pos: str | None
    # Each required word is a lemma, or a word class written `&name` in the pattern (see
    # synsets.tsv), kept here as the frozenset of its lemmas.
    companions: tuple[str | frozenset[str], ...]
    # Words that veto the match: a lemma, a word class (`!&name`, its lemmas) or a dependency
    # arc the trigger must not have (`!:oprd`, kept as ":oprd").
    excludes: tuple[str | frozenset[str], ...]
    target: Slot | None
    source_slot: Slot | None
    # How many required words come before $T: 0 means the target hangs on the trigger word
    # itself ("urge $T to release"), 1 on the first required word ("threaten to attack $T").
    target_after: int
    text: str
    example: str
    source: str
    line: int
    # Dependency arcs the trigger must have (`:dobj`: "returned [the paintings] to Peru"; a
    # passive's subject counts as its object).
    arcs: tuple[str, ...] = ()

    @property
    def specificity(self) -> int:
        """More required words (and a named target preposition) make a more specific rule."""
        bonus = 1 if self.target and self.target.prep else 0
        return 2 * len(self.companions) + len(self.arcs) + bonus + (1 if self.head_pos else 0)

    @property
    def rule(self) -> str:
        """The id written on events: file stem, line and pattern text."""
        return f"{self.source}:{self.line} {self.text}"


@dataclass
class Lexicon:
    """Patterns indexed by head lemma, most specific first."""

    patterns: list[TriggerPattern]
    by_head: dict[str, list[TriggerPattern]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, list[TriggerPattern]] = defaultdict(list)
        for pattern in self.patterns:
            for head in self.head_lemmas(pattern):
                index[head].append(pattern)
        self.by_head = {
            head: sorted(rows, key=lambda p: -p.specificity) for head, rows in index.items()
        }

    synsets: dict[str, frozenset[str]] = field(default_factory=dict)

    def head_lemmas(self, pattern: TriggerPattern) -> frozenset[str]:
        """The lemmas a pattern's trigger word may have (a word class gives several)."""
        if pattern.head.startswith("&"):
            return self.synsets[pattern.head[1:]]
        return frozenset({pattern.head})

    @property
    def lemmas(self) -> set[str]:
        """Every lemma a pattern names: heads and companions (prepositions excluded)."""
        words = set(self.by_head)
        for pattern in self.patterns:
            for word in pattern.companions:
                words.update({word} if isinstance(word, str) else word)
        return {w for w in words if w not in PREPOSITIONS}


def parse_pattern(
    text: str,
    code: str,
    example: str = "",
    source: str = "",
    line: int = 0,
    synsets: dict[str, frozenset[str]] | None = None,
) -> TriggerPattern:
    """Parse one pattern string; DataError when it has no head, a misplaced slot or an
    unknown word class."""
    words = text.split()
    synsets = synsets or {}

    def fail(reason: str) -> DataError:
        return DataError("data_file", path=source, line=line, reason=f"{reason}: {text!r}")

    if not words or words[0].startswith(("$", "!")):
        raise fail("a pattern starts with its trigger word")
    head, _, pos = words[0].partition("/")
    if pos and pos not in POS_TAGS:
        raise fail(f"unknown part of speech /{pos}")
    if head.startswith("&") and head[1:] not in synsets:
        raise fail(f"unknown word class {head}")
    companions: list[str | frozenset[str]] = []
    excludes: list[str | frozenset[str]] = []
    arcs: list[str] = []
    target = source_slot = None
    target_after = 0
    for index, word in enumerate(words[1:], start=1):
        if word in {"$T", "$S"}:
            before = words[index - 1]
            required = before.endswith("!") and before[:-1] in PREPOSITIONS
            before = before.rstrip("!")
            prep = before if index > 1 and before in PREPOSITIONS else None
            if prep and companions and companions[-1] == prep:
                companions.pop()
            slot = Slot(prep, required)
            if word == "$T":
                if target is not None:
                    raise fail("two $T slots")
                target = slot
                target_after = len(companions)
            else:
                if source_slot is not None:
                    raise fail("two $S slots")
                source_slot = slot
        elif word.startswith("$"):
            raise fail(f"unknown slot {word}")
        elif word.startswith(":") and len(word) > 1:
            arcs.append(word[1:])
        elif word.startswith("!&"):
            if word[2:] not in synsets:
                raise fail(f"unknown word class {word}")
            excludes.append(synsets[word[2:]])
        elif word.startswith("!"):
            excludes.append(word[1:].lower())
        elif word.startswith("&"):
            if word[1:] not in synsets:
                raise fail(f"unknown word class {word}")
            companions.append(synsets[word[1:]])
        elif word.lower() not in IGNORED or (
            index + 1 < len(words) and words[index + 1] in {"$T", "$S"}
        ):
            companions.append(word.lower().rstrip("!"))
    return TriggerPattern(
        code=code,
        head=head.lower(),
        head_pos=POS_TAGS.get(pos),
        companions=tuple(companions),
        excludes=tuple(excludes),
        target=target,
        source_slot=source_slot,
        target_after=target_after,
        text=text,
        example=example,
        source=source,
        line=line,
        arcs=tuple(arcs),
    )


def read_synsets(content: str, name: str = "synsets.tsv") -> dict[str, frozenset[str]]:
    """Word classes: rows `name<TAB>lemma lemma ...` (a name may span several rows)."""
    classes: dict[str, set[str]] = defaultdict(set)
    for line, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("name\t"):
            continue
        cells = raw.split("\t")
        if len(cells) != 2 or not cells[0].strip().isidentifier():
            raise DataError("data_file", path=name, line=line, reason="expected name<TAB>lemmas")
        classes[cells[0].strip()].update(w.lower() for w in cells[1].split())
    return {key: frozenset(words) for key, words in classes.items()}


def read_lexicon_file(
    name: str, content: str, synsets: dict[str, frozenset[str]] | None = None
) -> list[TriggerPattern]:
    """Rows of one lexicon TSV (`#` comments and blank lines skipped)."""
    patterns = []
    for line, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if cells[0] == "code" and line <= 3:
            continue
        if len(cells) != 3:
            raise DataError(
                "data_file", path=name, line=line, reason="expected 3 tab-separated cells"
            )
        code, text, example = (cell.strip() for cell in cells)
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise DataError("data_file", path=name, line=line, reason=f"bad code {code!r}")
        patterns.append(parse_pattern(text, code, example, name, line, synsets))
    return patterns


def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Every pattern in the package's triggers/*.tsv files (or their copies in `folder`)."""
    synsets_file = data_file("tacitus.ontology", "synsets.tsv", folder)
    synsets = read_synsets(synsets_file.read_text(encoding="utf-8"))
    triggers = data_file("tacitus.ontology", "triggers", folder)
    patterns: list[TriggerPattern] = []
    for entry in sorted(triggers.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".tsv"):
            patterns.extend(
                read_lexicon_file(entry.name, entry.read_text(encoding="utf-8"), synsets)
            )
    return Lexicon(patterns, synsets=synsets)
