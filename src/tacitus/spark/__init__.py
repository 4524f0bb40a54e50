"""The Spark engine (`--engine spark`): the same coder on a Spark cluster, into a Parquet
dataset.

It sits beside store/ and export/ rather than under engines/: besides coding it reads the
sources, de-duplicates and groups articles and writes the store's tables (store/rows.py,
store/dedup.py, store/dataset.py), and engines/ sits below store in the import layers.

`run_spark(inputs, out, options, master=..., workers=...)` (job.py) reads, de-duplicates,
groups and codes the inputs on Spark and writes the store's tables as a Parquet dataset
(store/dataset.py); runtime.py checks pyspark and Java first, tasks.py is what the executors
run, groups.py finds near-duplicate groups with Spark's MinHash LSH. Importing this package
does not import pyspark.
"""

from __future__ import annotations

from tacitus.spark.job import SparkReport, run_spark

__all__ = ["SparkReport", "run_spark"]
