"""The DuckDB store: schema, writer (`Store`), queries and ingest.

`Store(path).write(batch)` stores CodedArticle batches exactly once; `tacitus.store.queries`
reads them back as pandas DataFrames; `tacitus.store.ingest.ingest` reads, codes and stores.
"""

from tacitus.store.writer import Store, WriteResult

__all__ = ["Store", "WriteResult"]
