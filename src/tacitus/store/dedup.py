"""Exact and near-duplicate fingerprints of article texts.

In: an article's text. Out: `text_hash` (the same for texts that differ only in case,
punctuation, spacing or Unicode form: the key for "already stored"), and a MinHash
`signature` of its word 3-shingles with LSH `band_keys` (the keys for grouping wire copies
re-published with small edits: a datelined lead, a changed sentence, a credit line).

Why MinHash and not simhash: measured on news-length texts (70-300 words), a wire copy with a
dateline and a credit line added sits 4-11 bits from the original in a 64-bit simhash, while
unrelated texts sit about 20 or more away; the 3-bit threshold that simhash's band index
supports misses most copies, and a 10-bit one cannot be indexed efficiently. MinHash estimates
the shingle Jaccard similarity directly (a copy like that keeps J > 0.9), and its LSH bands
are plain equality keys that DuckDB joins quickly. The signature (64 values) and the band
keys live in the store's own tables, written in the same transaction as the article, so the
duplicate index survives a crash with the data; datasketch's MinHashLSH would keep its index
in memory or Redis, apart from the database. The hashing is a few lines of numpy.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

# Texts with fewer words than this are too short for a trustworthy signature.
MIN_WORDS = 12
SHINGLE = 3
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
# Two texts whose estimated shingle Jaccard similarity reaches this are near-duplicates.
THRESHOLD = 0.7
_WORD = re.compile(r"\w+")
_MASKS = np.frombuffer(
    b"".join(hashlib.blake2b(f"tacitus-minhash-{i}".encode(), digest_size=8).digest()
             for i in range(PERMUTATIONS)),
    dtype=np.uint64,
).reshape(-1, 1)


def normalise(text: str) -> str:
    """NFKC, case-folded, punctuation and runs of spaces collapsed to one space."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded))


def text_hash(text: str) -> str | None:
    """Hex SHA-1 (first 16 digits) of the normalised text; None for a text with no words."""
    norm = normalise(text)
    if not norm:
        return None
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, elementwise on uint64 (wrapping arithmetic)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def signature(text: str) -> list[int] | None:
    """MinHash of the word 3-shingles: PERMUTATIONS signed 64-bit ints; None when the text
    has fewer than MIN_WORDS words."""
    words = normalise(text).split()
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    digests = b"".join(
        hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() for s in shingles
    )
    base = np.frombuffer(digests, dtype=np.uint64)
    with np.errstate(over="ignore"):
        mins = _mix(base[np.newaxis, :] ^ _MASKS).min(axis=1)
    return [int(v) for v in mins.view(np.int64)]


def band_keys(sig: list[int]) -> list[int]:
    """BANDS signed 64-bit keys, one per run of ROWS signature values (the LSH index)."""
    keys = []
    raw = np.asarray(sig, dtype=np.int64).tobytes()
    for band in range(BANDS):
        chunk = raw[band * ROWS * 8 : (band + 1) * ROWS * 8]
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal values)."""
    return float(np.mean(np.asarray(a, dtype=np.int64) == np.asarray(b, dtype=np.int64)))


def nearest(sig: list[int], candidates: list[tuple[list[int], str]]) -> str | None:
    """The group of the most similar candidate (signature, group) at or above THRESHOLD."""
    best: tuple[float, str] | None = None
    for other, group in candidates:
        score = similarity(sig, other)
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, group)
    return best[1] if best else None
