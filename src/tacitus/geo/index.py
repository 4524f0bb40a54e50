"""The gazetteer index: built once from the source packages, cached on disk, opened fast.

`open_gazetteer(cache_dir)` returns a `Gazetteer`; the first call on a machine (or after a
source package changes version) reads the sources (`tacitus.geo.sources`, ~20 s) into an
SQLite file `gazetteer-<format>-<digest>.sqlite` in the cache folder (default
`$XDG_CACHE_HOME/tacitus`, else `~/.cache/tacitus`); every later call opens that file
read-only in milliseconds. The file is written under a temporary name and renamed, so
processes building at once never see half a file.

Tables: `records` (rid, geonames_id, name, feature, country, adm1, lat, lon, population) and
`names` (key = `name_key(name)`, rid, is_primary, is_adjective) and `spellings` (key =
`spelling_key(name)`, rid, is_primary); `meta` holds the source versions and the sorted
64-bit hashes of every key of both tables, so a name that is no place is turned away
without a query. A name no record has is looked up by its spelling key ("Zaporizhia" finds
GeoNames' Zaporizhzhya); a variant of a town's own name counts as its own name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from tacitus.geo.sources import GeoRecord, SourceReader, source_versions
from tacitus.kb.text import strip_accents

FORMAT = "6"
_PUNCT = re.compile(r"[.'’`]")
_SPACE = re.compile(r"[\s\-‐–]+")
# Transliteration variants a spelling key folds together (applied in this order).
_ARTICLE = re.compile(r"\b(?:a[dlnrstz]|e[dlnrstz]|ash|esh|ul|ud) (?=\w)")
_DIGRAPHS = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("ck", "k"),
             ("q", "k"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("y", "i"), ("ei", "ai"))
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
_DOUBLE = re.compile(r"([a-z])\1+")
MIN_SPELLING = 5


def name_key(text: str) -> str:
    """The lookup key of a place name: no accents, case, dots, apostrophes or hyphens
    ("St. John's" -> "st johns", "Nur-Sultan" -> "nur sultan")."""
    return _SPACE.sub(" ", _PUNCT.sub("", strip_accents(text).casefold())).strip()


def spelling_key(text: str) -> str:
    """A looser key that folds common transliteration variants of one name: Arabic article
    forms ("ez-Zor", "el-", "ad-" -> "al"), digraphs ("zh" = "j", "kh" = "h", "q" = "k",
    "y" = "i", "ou" = "u", "ei" = "ai": "Beit" = "Bayt"), a final "h" after a vowel
    ("Raqqah" = "Raqqa") and doubled letters ("Zaporizhzhia", "Zaporizhzhya" and
    "Zaporizhia" -> "zaporijia")."""
    key = _ARTICLE.sub("al ", name_key(text))
    for old, new in _DIGRAPHS:
        key = key.replace(old, new)
    return _DOUBLE.sub(r"\1", _FINAL_H.sub("", key))


def key_hash(key: str) -> int:
    """A stable signed 64-bit hash of a name key (the index's quick "no such name" test)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little",
                          signed=True)


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/tacitus, else ~/.cache/tacitus."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tacitus"


def cache_file_name() -> str:
    """The cache file's name: the index format and a digest of the source versions."""
    digest = hashlib.sha1(
        json.dumps([FORMAT, source_versions()], sort_keys=True).encode()
    ).hexdigest()[:12]
    return f"gazetteer-{FORMAT}-{digest}.sqlite"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A record a name may mean: `primary` when the name is the record's own (not an
    alternate), `adjective` when the name is its adjective ("Turkish")."""

    rid: int
    record: GeoRecord
    primary: bool
    adjective: bool


_SCHEMA = """
CREATE TABLE records (rid INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT, feature TEXT,
                      country TEXT, adm1 TEXT, lat REAL, lon REAL, population INTEGER);
CREATE TABLE names (key TEXT, rid INTEGER, is_primary INTEGER, is_adjective INTEGER);
CREATE TABLE spellings (key TEXT, rid INTEGER, is_primary INTEGER);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
_INDEXES = """
CREATE INDEX names_by_key ON names (key);
CREATE INDEX spellings_by_key ON spellings (key);
CREATE INDEX records_by_place ON records (feature, country, adm1);
CREATE INDEX records_by_geonames_id ON records (geonames_id);
"""


def build_index(path: Path) -> None:
    """Read the source packages and write the index to `path` (replacing it atomically)."""
    records, names = SourceReader().read()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=path.name, suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        con = sqlite3.connect(temp)
        con.executescript(_SCHEMA)
        con.executemany(
            "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (n, r.geonames_id, r.name, r.feature, r.country, r.adm1, r.lat, r.lon,
                 r.population)
                for n, r in enumerate(records)
            ),
        )
        best: dict[tuple[str, int], tuple[int, int]] = {}
        for row in names:
            key = name_key(row.name)
            if not key:
                continue
            flags = (int(row.primary), int(row.adjective))
            old = best.get((key, row.record))
            best[(key, row.record)] = max(old, flags) if old else flags
        con.executemany(
            "INSERT INTO names VALUES (?, ?, ?, ?)",
            ((key, rid, p, a) for (key, rid), (p, a) in best.items()),
        )
        spellings: dict[tuple[str, int], int] = {}
        for (key, rid), (primary, adjective) in best.items():
            spelling = spelling_key(key)
            if not adjective and len(spelling) >= MIN_SPELLING:
                spellings[(spelling, rid)] = max(spellings.get((spelling, rid), 0), primary)
        con.executemany(
            "INSERT INTO spellings VALUES (?, ?, ?)",
            ((key, rid, primary) for (key, rid), primary in sorted(spellings.items())),
        )
        hashes = np.unique(np.array(
            [key_hash(k) for k, _ in best] + [key_hash("~" + k) for k, _ in spellings],
            dtype=np.int64))
        con.execute("INSERT INTO meta VALUES ('key_hashes', ?)", [hashes.tobytes()])
        con.executescript(_INDEXES)
        con.execute("INSERT INTO meta VALUES ('sources', ?)", [json.dumps(source_versions())])
        con.commit()
        con.close()
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


class Gazetteer:
    """Read-only lookups over a built index file: names to candidate records, and the
    records of a country or a first-level region by code."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA mmap_size = 268435456")
        blob = self._con.execute("SELECT value FROM meta WHERE key = 'key_hashes'").fetchone()
        self._hashes = np.frombuffer(blob[0], dtype=np.int64) if blob else None
        self.candidates = lru_cache(maxsize=50_000)(self._candidates)
        self.country = lru_cache(maxsize=1_000)(self._country)
        self.adm1 = lru_cache(maxsize=10_000)(self._adm1)

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    @staticmethod
    def _record(row: tuple) -> GeoRecord:
        return GeoRecord(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])

    def _known(self, hashed: str) -> bool:
        """False when the index surely has no such key (the hash is not in the key list)."""
        if self._hashes is None:
            return True
        wanted = key_hash(hashed)
        at = int(np.searchsorted(self._hashes, wanted))
        return at < len(self._hashes) and int(self._hashes[at]) == wanted

    def _candidates(self, key: str) -> tuple[Candidate, ...]:
        """Every record the name key may mean (see `name_key`), in no particular order; for a
        key no name has, the records whose names share its spelling key (as alternates)."""
        if self._known(key):
            rows = self._con.execute(
                "SELECT r.rid, geonames_id, name, feature, country, adm1, lat, lon, population,"
                " is_primary, is_adjective FROM names n JOIN records r USING (rid) WHERE key = ?",
                [key],
            ).fetchall()
            if rows:
                own = self._own_spellings(key) if not all(r[9] for r in rows) else set()
                return tuple(
                    Candidate(r[0], self._record(r[1:9]), bool(r[9]) or r[0] in own,
                              bool(r[10]))
                    for r in rows
                )
        spelling = spelling_key(key)
        if len(spelling) < MIN_SPELLING or not self._known("~" + spelling):
            return ()
        rows = self._con.execute(
            "SELECT r.rid, geonames_id, name, feature, country, adm1, lat, lon, population,"
            " is_primary FROM spellings s JOIN records r USING (rid) WHERE key = ?",
            [spelling],
        ).fetchall()
        return tuple(Candidate(r[0], self._record(r[1:9]), bool(r[9]), False) for r in rows)

    def _own_spellings(self, key: str) -> set[int]:
        """The towns whose own name is spelt like `key` ("Zaporizhzhia", an alternate name
        of GeoNames' Zaporizhzhya, is a spelling of its own name). Towns only: the district
        "Ḩayfā" does not become Haifa's own name beside the city's."""
        spelling = spelling_key(key)
        if len(spelling) < MIN_SPELLING or not self._known("~" + spelling):
            return set()
        rows = self._con.execute(
            "SELECT rid FROM spellings JOIN records USING (rid)"
            " WHERE key = ? AND is_primary = 1 AND feature = 'city'", [spelling]
        ).fetchall()
        return {r[0] for r in rows}

    def _country(self, iso3: str) -> GeoRecord | None:
        """The country record of an ISO3 code, or None."""
        row = self._con.execute(
            "SELECT geonames_id, name, feature, country, adm1, lat, lon, population FROM records"
            " WHERE feature = 'country' AND country = ?",
            [iso3],
        ).fetchone()
        return self._record(row) if row else None

    def _adm1(self, iso3: str, code: str) -> GeoRecord | None:
        """The first-level region of a country by its GeoNames admin1 code, or None."""
        row = self._con.execute(
            "SELECT geonames_id, name, feature, country, adm1, lat, lon, population FROM records"
            " WHERE feature = 'adm1' AND country = ? AND adm1 = ?",
            [iso3, code],
        ).fetchone()
        return self._record(row) if row else None

    def size(self) -> tuple[int, int]:
        """(records, names) in the index."""
        records = self._con.execute("SELECT count(*) FROM records").fetchone()[0]
        names = self._con.execute("SELECT count(*) FROM names").fetchone()[0]
        return records, names


def open_gazetteer(cache_dir: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The gazetteer, building its index into `cache_dir` first when it is not there yet."""
    folder = Path(cache_dir) if cache_dir else default_cache_dir()
    path = folder / cache_file_name()
    if not path.is_file():
        try:
            build_index(path)
        except OSError:
            path = Path(tempfile.gettempdir()) / "tacitus" / cache_file_name()
            if not path.is_file():
                build_index(path)
    return Gazetteer(path)
