"""Near-duplicate groups on Spark: the local store's rule, found with Spark's MinHash LSH.

The local store (store/writer.py, store/dedup.py) gives each new article the group of the most
similar earlier article among those sharing one of its 16 LSH band keys, when their 64-value
MinHash signatures agree in at least 70% of places (else the article starts its own group).
Here the same rule runs over a whole batch at once:

1. Each signature becomes a set of 64 (place, value) items, a sparse vector for
   `pyspark.ml.feature.MinHashLSH`. Two signatures agreeing in k places have set Jaccard
   similarity J = k / (128 - k): at the local threshold (k >= 45 of 64) J >= 0.54.
   MinHashLSH's own `approxSimilarityJoin` only ORs its hash tables, so a pair is a candidate
   when any one hash agrees: unrelated articles of one topic (J ~ 0.02-0.1) would then be
   candidates 30-90% of the time and the work grow with the square of a batch. So its
   hashes (`[spark] lsh_bands` x `lsh_rows` tables) are cut into bands of `lsh_rows` and
   two articles are candidates when all hashes of one band agree (an equi-join on band
   keys): with 160 bands of 4 a pair at the threshold is missed with probability
   (1 - 0.54^4)^160 (7e-7), a pair at J = 0.02 becomes a candidate with probability 3e-5.
2. Each candidate pair is checked with the local rule itself (an earlier article, a shared
   band, agreement >= 70%), in Spark SQL.
3. The few pairs left are resolved on the driver in reading order: an article joins the group
   of its most similar earlier article (ties: the earliest), and an earlier article's group is
   known by then, as in the store. Articles without a signature (under 12 words) stay alone.

In: the batch's articles to code (`id`, `order`, `minhash`, `features`: the signature's
vector, made where the article was read) and the articles already in the
dataset (`id`, `minhash`, `group_id`). Out: {article id: group id} for the batch's articles
that join another article's group (every other article is its own group).
"""

from __future__ import annotations

import math
from typing import Any

from tacitus.store import dedup

# Items of a signature as sparse-vector indices: place * 2^24 + the value's low 24 bits.
VALUE_BITS = 24
VECTOR_SIZE = dedup.PERMUTATIONS << VALUE_BITS
SEED = 20_251_201
MIN_AGREEING = math.ceil(dedup.THRESHOLD * dedup.PERMUTATIONS - 1e-9)
MAX_DISTANCE = 1.0 - MIN_AGREEING / (2 * dedup.PERMUTATIONS - MIN_AGREEING) + 1e-9


def signature_vector(signature: list[int]) -> Any:
    """A MinHash signature as the sparse set vector MinHashLSH hashes."""
    from pyspark.ml.linalg import Vectors

    mask = (1 << VALUE_BITS) - 1
    indices = sorted({(place << VALUE_BITS) | (value & mask)
                      for place, value in enumerate(signature)})
    return Vectors.sparse(VECTOR_SIZE, indices, [1.0] * len(indices))


def _stored_vectors(spark: Any, frame: Any) -> Any:
    """Stored articles as (id, order -1, group_id, minhash, features) rows."""
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql import types as T

    schema = T.StructType([
        T.StructField("id", T.StringType()), T.StructField("order", T.LongType()),
        T.StructField("group_id", T.StringType()),
        T.StructField("minhash", T.ArrayType(T.LongType())),
        T.StructField("features", VectorUDT()),
    ])

    def convert(row: Any) -> tuple[Any, ...]:
        signature = list(row["minhash"])
        return row["id"], -1, row["group_id"], signature, signature_vector(signature)

    return spark.createDataFrame(frame.rdd.map(convert), schema)


def _band_keys(hashed: Any, bands: int, rows: int) -> Any:
    """(id, band, key) rows: MinHashLSH's hash values cut into `bands` bands of `rows`
    values, each band's values hashed into one key."""
    from pyspark.sql import functions as F

    keys = F.expr(f"transform(sequence(0, {bands - 1}), "
                  f"b -> xxhash64(b, slice(hashes, b * {rows} + 1, {rows})))")
    return hashed.select("id", F.posexplode(keys).alias("band", "key"))


def candidate_pairs(spark: Any, batch: Any, stored: Any | None, bands: int, rows: int
                    ) -> list[Any]:
    """Pairs (id, order, other_id, other_order, other_group, agreeing) where `other` is an
    earlier article the local rule would let `id` join."""
    from pyspark.ml.feature import MinHashLSH
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    new = batch.where(F.col("minhash").isNotNull()).select(
        "id", "order", F.lit(None).cast("string").alias("group_id"), "minhash", "features")
    pool = new
    if stored is not None:
        old = stored.where(F.col("minhash").isNotNull()).select("id", "minhash", "group_id")
        pool = new.unionByName(_stored_vectors(spark, old))
    # The model depends only on the seed and the vector size: fit it on one vector, so that
    # fitting does not run a job over the batch.
    sample = spark.createDataFrame(
        [(signature_vector([0] * dedup.PERMUTATIONS),)],
        T.StructType([T.StructField("features", VectorUDT())]))
    model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=bands * rows,
                       seed=SEED).fit(sample)
    hashed = model.transform(pool.select("id", "features"))
    keys = _band_keys(hashed, bands, rows)
    new_keys = keys.join(new.select("id"), "id", "left_semi")
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
        .select(
            F.col("a_id").alias("id"), F.col("a_order").alias("order"),
            F.col("b_id").alias("other_id"), F.col("b_order").alias("other_order"),
            F.col("b_group_id").alias("other_group"), "agreeing",
        )
    )
    return checked.collect()


def resolve(pairs: list[Any]) -> dict[str, str]:
    """{article id: group id} from checked pairs, in reading order (see the module doc)."""
    best: dict[str, tuple[int, int, str, int]] = {}
    for pair in pairs:
        key = (pair["agreeing"], -pair["other_order"])
        current = best.get(pair["id"])
        if current is None or key > (current[0], -current[1]):
            best[pair["id"]] = (pair["agreeing"], pair["other_order"], pair["other_id"],
                                pair["order"])
    stored_groups = {p["other_id"]: p["other_group"] for p in pairs if p["other_order"] < 0}
    groups: dict[str, str] = {}
    for article_id, (_, _, other, _) in sorted(best.items(), key=lambda item: item[1][3]):
        if other in stored_groups:
            groups[article_id] = stored_groups[other] or other
        else:
            groups[article_id] = groups.get(other, other)
    return groups
