"""Near-duplicate groups on Spark: the local store's rule, over a whole batch at once.

The local store (store/writer.py, store/dedup.py) gives each new article the group of the most
similar earlier article among those sharing one of its LSH band keys (the 64-value MinHash
signature cut into 16 bands of 4 values), when their signatures agree in at least 70% of
places (else the article starts its own group). Here the same rule runs over a whole batch:

1. Candidates: pairs of articles whose signatures agree on all values of one band. Two
   methods (`[spark] near_duplicates`):
   - "bands" (default): the local store's own LSH index (`dedup.band_keys`), as plain RDD
     operations: the batch's and the stored articles' signatures grouped by band key, and
     within each band's group every article compared with every earlier one (numpy), so
     the comparison happens where the candidates meet and only the pairs that pass leave.
     Exact: these are the pairs the local rule looks at, no more and no fewer.
   - "minhashlsh": `pyspark.ml.feature.MinHashLSH` over each signature's set of 64 (place,
     value) items (a sparse vector, `signature_vector`). Two signatures agreeing
     in k places have item Jaccard similarity J = k / (128 - k): at the local threshold
     (k >= 45) J >= 0.54. Its hashes (`lsh_bands` x `lsh_rows` tables) are cut into bands,
     two articles are candidates when all hashes of one band agree (MinHashLSH's own
     `approxSimilarityJoin` only ORs its tables, which on same-topic news makes most pairs
     candidates): with 160 bands of 4 a pair at the threshold is missed with probability
     (1 - 0.54^4)^160 (7e-7). Measured on 2,000 articles it costs about 12 s of JVM CPU that
     the exact join does in well under one (bench/README.md); kept for clusters that prefer
     the library's hashing.
2. Each candidate pair is checked with the local rule itself (an earlier article, a shared
   band, agreement >= 70%); for "minhashlsh" in Spark SQL.
3. The few pairs left are resolved on the driver in reading order: an article joins the group
   of its most similar earlier article (ties: the earliest), and an earlier article's group is
   known by then, as in the store. Articles without a signature (under 12 words) stay alone.

In: an RDD of (id, reading order, group, signature): the batch's articles to code that have a
signature, and the articles already in the dataset (order -1, with their group).
Out: {article id: group id} for the batch's articles that join another article's group
(every other article is its own group).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from tacitus.store import dedup

METHODS = ("bands", "minhashlsh")
# Items of a signature as sparse-vector indices: place * 2^24 + the value's low 24 bits.
VALUE_BITS = 24
VECTOR_SIZE = dedup.PERMUTATIONS << VALUE_BITS
SEED = 20_251_201
# A checked pair: (id, order, other_id, other_order, other_group, agreeing values).
Pair = tuple[str, int, str, int, str | None, int]


def signature_vector(signature: list[int]) -> Any:
    """A MinHash signature as the sparse set vector MinHashLSH hashes."""
    from pyspark.ml.linalg import Vectors

    mask = (1 << VALUE_BITS) - 1
    indices = sorted({(place << VALUE_BITS) | (value & mask)
                      for place, value in enumerate(signature)})
    return Vectors.sparse(VECTOR_SIZE, indices, [1.0] * len(indices))


# -- "bands": the local store's index, as RDD operations ------------------------------------

def _band_entries(entry: tuple[str, int, str | None, list[int]]
                  ) -> Iterator[tuple[int, tuple[str, int, str | None, bytes]]]:
    """(band key, (id, order, group, packed signature)) for each of an article's bands."""
    article_id, order, group, signature = entry
    packed = np.asarray(signature, dtype=np.int64).tobytes()
    for key in dedup.band_keys(signature):
        yield key, (article_id, order, group, packed)


def _checked_in_band(item: tuple[int, Iterable[tuple[str, int, str | None, bytes]]]
                     ) -> Iterator[tuple[str, Pair]]:
    """The pairs of one band's articles that pass the local rule: each article of the batch
    against every earlier one (stored articles, order -1, come first)."""
    _, members = item
    ordered = sorted(members, key=lambda member: member[1])
    if len(ordered) < 2 or ordered[-1][1] < 0:
        return
    values = np.frombuffer(b"".join(m[3] for m in ordered), dtype=np.int64).reshape(
        len(ordered), dedup.PERMUTATIONS)
    for index in range(1, len(ordered)):
        article_id, order = ordered[index][0], ordered[index][1]
        if order < 0:
            continue
        agreeing = (values[:index] == values[index]).sum(axis=1)
        for other in np.flatnonzero(agreeing / dedup.PERMUTATIONS >= dedup.THRESHOLD):
            other_id, other_order, other_group, _ = ordered[other]
            if other_order < order and other_id != article_id:
                yield article_id, (article_id, order, other_id, other_order, other_group,
                                   int(agreeing[other]))


def _closer(a: Pair, b: Pair) -> Pair:
    """The pair with the more similar other article (ties: the earlier one)."""
    return a if (a[5], -a[3]) >= (b[5], -b[3]) else b


def _band_pairs(pool: Any, partitions: int) -> list[Pair]:
    return (pool.flatMap(_band_entries).groupByKey(partitions).flatMap(_checked_in_band)
            .reduceByKey(_closer, partitions).values().collect())


# -- "minhashlsh": pyspark.ml's hashing, checked in Spark SQL ---------------------------------

def _vector_row(entry: tuple[str, int, str | None, list[int]]) -> tuple[Any, ...]:
    article_id, order, group, signature = entry
    return article_id, order, group, signature, signature_vector(signature)


def _ml_pairs(spark: Any, pool: Any, bands: int, rows: int) -> list[Pair]:
    from pyspark.ml.feature import MinHashLSH
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    schema = T.StructType([
        T.StructField("id", T.StringType()), T.StructField("order", T.LongType()),
        T.StructField("group_id", T.StringType()),
        T.StructField("minhash", T.ArrayType(T.LongType())),
        T.StructField("features", VectorUDT())])
    pool = spark.createDataFrame(pool.map(_vector_row), schema)
    # The model depends only on the seed and the vector size: fit it on one vector, so that
    # fitting does not run a job over the batch.
    sample = spark.createDataFrame(
        [(signature_vector([0] * dedup.PERMUTATIONS),)],
        T.StructType([T.StructField("features", VectorUDT())]))
    model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=bands * rows,
                       seed=SEED).fit(sample)
    hashed = F.expr(f"transform(sequence(0, {bands - 1}), "
                    f"b -> xxhash64(b, slice(hashes, b * {rows} + 1, {rows})))")
    keys = model.transform(pool).select("id", F.posexplode(hashed).alias("band", "key"))
    new_keys = keys.join(pool.where(F.col("order") >= 0).select("id"), "id", "left_semi")
    candidates = (
        new_keys.alias("a").join(keys.alias("b"), ["band", "key"])
        .where(F.col("a.id") != F.col("b.id"))
        .select(F.col("a.id").alias("id_a"), F.col("b.id").alias("id_b")).distinct())
    a = pool.select(*(F.col(c).alias(f"a_{c}") for c in ("id", "order", "minhash")))
    b = pool.select(*(F.col(c).alias(f"b_{c}") for c in ("id", "order", "minhash", "group_id")))
    joined = (candidates.join(a, F.col("id_a") == F.col("a_id"))
              .join(b, F.col("id_b") == F.col("b_id")))
    per_band = dedup.ROWS
    same_band = F.expr(
        f"exists(sequence(0, {dedup.BANDS - 1}), b -> "
        f"slice(a_minhash, b * {per_band} + 1, {per_band}) = "
        f"slice(b_minhash, b * {per_band} + 1, {per_band}))"
    )
    agreeing = F.expr(
        f"aggregate(sequence(1, {dedup.PERMUTATIONS}), 0, (n, i) -> "
        "n + if(element_at(a_minhash, i) = element_at(b_minhash, i), 1, 0))"
    )
    checked = (
        joined.where(F.col("b_order") < F.col("a_order"))
        .where(same_band)
        .withColumn("agreeing", agreeing)
        .where(F.col("agreeing") / dedup.PERMUTATIONS >= dedup.THRESHOLD)
        .select("a_id", "a_order", "b_id", "b_order", "b_group_id", "agreeing")
    )
    return [tuple(row) for row in checked.collect()]


def candidate_pairs(spark: Any, pool: Any, method: str = "bands", bands: int = 160,
                    rows: int = 4, partitions: int = 1) -> list[Pair]:
    """Checked pairs (id, order, other_id, other_order, other_group, agreeing) where `other`
    is an earlier article the local rule would let `id` join ("bands": only the closest for
    each article). `pool` is an RDD of (id, reading order, group, signature): the batch's
    articles with a signature (group None) and the dataset's (order -1, their group), as
    keys.Roles.to_group; `method` is one of METHODS; `bands` x `rows` are MinHashLSH's
    tables ("minhashlsh" only)."""
    if method not in METHODS:
        raise ValueError(f"near-duplicate method {method!r}: not one of {', '.join(METHODS)}")
    if method == "bands":
        return _band_pairs(pool, max(1, partitions))
    return _ml_pairs(spark, pool, max(1, bands), max(1, rows))


def resolve(pairs: Iterable[Pair]) -> dict[str, str]:
    """{article id: group id} from checked pairs, in reading order (see the module doc)."""
    best: dict[str, tuple[int, int, str, int]] = {}
    stored_groups: dict[str, str | None] = {}
    for article_id, order, other_id, other_order, other_group, agreeing in pairs:
        key = (agreeing, -other_order)
        current = best.get(article_id)
        if current is None or key > (current[0], -current[1]):
            best[article_id] = (agreeing, other_order, other_id, order)
        if other_order < 0:
            stored_groups[other_id] = other_group
    groups: dict[str, str] = {}
    for article_id, (_, _, other, _) in sorted(best.items(), key=lambda item: item[1][3]):
        if other in stored_groups:
            groups[article_id] = stored_groups[other] or other
        else:
            groups[article_id] = groups.get(other, other)
    return groups
