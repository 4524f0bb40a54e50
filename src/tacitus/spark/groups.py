"""Near-duplicate groups on Spark: the local store's rule, over a whole batch at once.

The local store (store/writer.py, store/dedup.py) gives each new article the group of the most
similar earlier article among those sharing one of its LSH band keys (the 64-value MinHash
signature cut into 16 bands of 4 values), when their signatures agree in at least 70% of
places (else the article starts its own group). Here the same rule runs as Spark SQL:

1. Candidates: pairs of articles whose signatures agree on all values of one band. Two
   methods (`[spark] near_duplicates`):
   - "bands" (default): the local store's own LSH index, as an equi-join on (band, the
     band's values) over the batch's and the stored articles' signatures. Exact: these are
     the pairs the local rule looks at, no more and no fewer.
   - "minhashlsh": `pyspark.ml.feature.MinHashLSH` over each signature's set of 64 (place,
     value) items (a sparse vector made where the article was read). Two signatures agreeing
     in k places have item Jaccard similarity J = k / (128 - k): at the local threshold
     (k >= 45) J >= 0.54. Its hashes (`lsh_bands` x `lsh_rows` tables) are cut into bands,
     two articles are candidates when all hashes of one band agree (MinHashLSH's own
     `approxSimilarityJoin` only ORs its tables, which on same-topic news makes most pairs
     candidates): with 160 bands of 4 a pair at the threshold is missed with probability
     (1 - 0.54^4)^160 (7e-7). Measured on 2,000 articles it costs about 12 s of JVM CPU that
     the exact join does in well under one (bench/README.md); kept for clusters that prefer
     the library's hashing.
2. Each candidate pair is checked with the local rule itself (an earlier article, a shared
   band, agreement >= 70%), in Spark SQL.
3. The few pairs left are resolved on the driver in reading order: an article joins the group
   of its most similar earlier article (ties: the earliest), and an earlier article's group is
   known by then, as in the store. Articles without a signature (under 12 words) stay alone.

In: the batch's articles to code (`id`, `order`, `minhash`; `features` for "minhashlsh") and
the articles already in the dataset (`id`, `minhash`, `group_id`). Out: {article id: group id}
for the batch's articles that join another article's group (every other article is its own
group).
"""

from __future__ import annotations

from typing import Any

from tacitus.store import dedup

METHODS = ("bands", "minhashlsh")
# Items of a signature as sparse-vector indices: place * 2^24 + the value's low 24 bits.
VALUE_BITS = 24
VECTOR_SIZE = dedup.PERMUTATIONS << VALUE_BITS
SEED = 20_251_201


def signature_vector(signature: list[int]) -> Any:
    """A MinHash signature as the sparse set vector MinHashLSH hashes."""
    from pyspark.ml.linalg import Vectors

    mask = (1 << VALUE_BITS) - 1
    indices = sorted({(place << VALUE_BITS) | (value & mask)
                      for place, value in enumerate(signature)})
    return Vectors.sparse(VECTOR_SIZE, indices, [1.0] * len(indices))


def _local_band_keys(pool: Any) -> Any:
    """(id, band, key) rows: the local store's bands (dedup.BANDS runs of dedup.ROWS
    signature values), each band's values hashed into one key."""
    from pyspark.sql import functions as F

    rows = dedup.ROWS
    keys = F.expr(f"transform(sequence(0, {dedup.BANDS - 1}), "
                  f"b -> xxhash64(b, slice(minhash, b * {rows} + 1, {rows})))")
    return pool.select("id", F.posexplode(keys).alias("band", "key"))


def _stored_vectors(spark: Any, frame: Any) -> Any:
    """Stored articles as (id, features) rows, for MinHashLSH."""
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql import types as T

    schema = T.StructType([T.StructField("id", T.StringType()),
                           T.StructField("features", VectorUDT())])
    return spark.createDataFrame(
        frame.rdd.map(lambda row: (row["id"], signature_vector(list(row["minhash"])))), schema)


def _ml_band_keys(spark: Any, new: Any, stored: Any | None, bands: int, rows: int) -> Any:
    """(id, band, key) rows: MinHashLSH's hash values cut into `bands` bands of `rows`."""
    from pyspark.ml.feature import MinHashLSH
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    vectors = new.select("id", "features")
    if stored is not None:
        vectors = vectors.unionByName(_stored_vectors(spark, stored))
    # The model depends only on the seed and the vector size: fit it on one vector, so that
    # fitting does not run a job over the batch.
    sample = spark.createDataFrame(
        [(signature_vector([0] * dedup.PERMUTATIONS),)],
        T.StructType([T.StructField("features", VectorUDT())]))
    model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=bands * rows,
                       seed=SEED).fit(sample)
    keys = F.expr(f"transform(sequence(0, {bands - 1}), "
                  f"b -> xxhash64(b, slice(hashes, b * {rows} + 1, {rows})))")
    return model.transform(vectors).select("id", F.posexplode(keys).alias("band", "key"))


def candidate_pairs(spark: Any, batch: Any, stored: Any | None, method: str = "bands",
                    bands: int = 160, rows: int = 4) -> list[Any]:
    """Pairs (id, order, other_id, other_order, other_group, agreeing) where `other` is an
    earlier article the local rule would let `id` join. `method` is one of METHODS;
    `bands` x `rows` are MinHashLSH's tables ("minhashlsh" only)."""
    from pyspark.sql import functions as F

    if method not in METHODS:
        raise ValueError(f"near-duplicate method {method!r}: not one of {', '.join(METHODS)}")
    with_signature = batch.where(F.col("minhash").isNotNull())
    new = with_signature.select(
        "id", "order", F.lit(None).cast("string").alias("group_id"), "minhash")
    pool = new
    old = None
    if stored is not None:
        old = stored.where(F.col("minhash").isNotNull()).select("id", "minhash", "group_id")
        pool = new.unionByName(old.withColumn("order", F.lit(-1).cast("long")))
    if method == "bands":
        keys = _local_band_keys(pool)
    else:
        keys = _ml_band_keys(spark, with_signature, old, max(1, bands), max(1, rows))
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
