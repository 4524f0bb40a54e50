"""What each record of a batch is, decided on the articles' keys with plain RDD operations.

The local store's rules, over a whole batch at once: an article whose id was seen earlier (in
reading order, or in the dataset) is "known"; one whose normalised text was seen earlier (by
text hash, among the articles not known) is a "copy"; the rest are to "code"; a record a
reader could not read is "bad". Reading order is (input file number, record in the file).

`assign_roles(...)` reads the batch's input files (tasks.read_partition) and the keys the
dataset already holds (its articles' id, text hash, signature and group; its copies' ids,
with pyarrow) in one set of tasks, then groups by id, then by text hash: two shuffles done by
the Python workers, the JVM only moving their bytes, with no query to plan or code to
generate for a few thousand keys (the same decisions as Spark SQL windows took 11 stages and
seconds of driver planning in a JVM just started; bench/README.md). Out (`Roles`): every
record as a work row with its `role`, for the coding tasks, and the articles to code with the
stored ones, for groups.py.

One chain, on purpose: no RDD here is cached and none is a union under a Python step. Either
makes Spark run a second Python worker beside the first within a task (the cached or united
parents are computed by one, the step by another); idle workers are then reused in turn, and
every one that codes builds a pipeline of its own. Later jobs reuse the shuffles' outputs
instead, so each input file is read once.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow.parquet as pq

from tacitus.spark.tasks import ReadSettings, read_partition
from tacitus.store.dataset import Dataset

ORDER_SHIFT = 32
# Near-duplicate group entries (groups.py): (id, reading order, group id, signature); an
# article the dataset holds has order STORED and its group.
STORED = -1


@dataclass(frozen=True)
class Roles:
    """A batch's records with their roles: `work`, an RDD of work rows (dicts: the read
    record without its signature, with `role` and an empty `group_id`); `to_group`, an RDD
    of near-duplicate group entries (id, reading order, group, signature) of the articles to
    code that have a signature and of the articles the dataset holds."""

    work: Any
    to_group: Any


def reading_order(record: dict[str, Any]) -> int:
    """A record's place in the reading order: file number, then record in the file."""
    return (record["file"] << ORDER_SHIFT) + record["record"]


def _slices(items: list[Any], count: int) -> list[list[Any]]:
    """`items` in `count` consecutive runs of nearly equal length (none empty)."""
    count = max(1, min(count, len(items)))
    return [items[i * len(items) // count:(i + 1) * len(items) // count] for i in range(count)]


def _stored_entries(table: str, path: str) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(id, ("stored", text hash, signature, group id)) of each row of one Parquet file of
    the dataset (a copy has only its id)."""
    if table == "articles":
        columns = ["id", "text_hash", "minhash", "group_id"]
        data = pq.ParquetFile(path).read(columns=columns).to_pydict()
        for article_id, text_hash, signature, group in zip(*(data[c] for c in columns),
                                                           strict=True):
            yield article_id, ("stored", text_hash, signature, group)
    else:
        for article_id in pq.ParquetFile(path).read(columns=["id"]).column("id").to_pylist():
            yield article_id, ("stored", None, None, None)


def _source(settings: ReadSettings, chunks: Iterable[tuple[str, list[Any]]]
            ) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """One task's part of the batch under its id: the records it reads from input files
    (bad records, which have no id, under None) or the keys it reads from the dataset."""
    for kind, items in chunks:
        if kind == "read":
            for record in read_partition(settings, items):
                key = record["id"] if record["kind"] == "article" else None
                yield key, ("record", record)
        else:
            for table, path in items:
                yield from _stored_entries(table, path)


def _with_role(record: dict[str, Any], role: str) -> dict[str, Any]:
    record["role"] = role
    return record


def _first_of_id(item: tuple[Any, Iterable[tuple[Any, ...]]]) -> Iterator[tuple[Any, ...]]:
    """One id's entries, each record with a role: all "known" when the dataset holds the id,
    else all but the first in reading order ("fresh": its text decides); bad records "bad".
    Then what the text-hash step needs: ("record", record); ("held",) for a stored text;
    ("signature", id, signature, group) for a stored article's near-duplicate group."""
    article_id, entries = item
    records: list[dict[str, Any]] = []
    held = False
    for entry in entries:
        if entry[0] == "record":
            records.append(entry[1])
            continue
        held = True
        _, text_hash, signature, group = entry
        if text_hash is not None:
            yield text_hash, ("held",)
        if signature is not None:
            yield article_id, ("signature", article_id, signature, group)
    articles = sorted((r for r in records if r["kind"] == "article"), key=reading_order)
    for record in records:
        if record["kind"] != "article":
            yield None, ("record", _with_role(record, "bad"))
    for rank, record in enumerate(articles):
        _with_role(record, "known" if held or rank > 0 else "fresh")
        yield record["text_hash"], ("record", record)


def _first_of_text(item: tuple[Any, Iterable[tuple[Any, ...]]]) -> Iterator[tuple[Any, ...]]:
    """One text hash's entries: of its fresh records the first in reading order is coded
    unless the dataset holds the text, every other is a copy; other records and stored
    signatures pass through."""
    text_hash, entries = item
    fresh: list[dict[str, Any]] = []
    held = False
    for entry in entries:
        if entry[0] == "held":
            held = True
        elif entry[0] == "record" and entry[1]["role"] == "fresh":
            fresh.append(entry[1])
        else:
            yield entry
    for rank, record in enumerate(sorted(fresh, key=reading_order)):
        # no text hash: a text without words, coded (as the local store does)
        copy = text_hash is not None and (held or rank > 0)
        yield "record", _with_role(record, "copy" if copy else "code")


def work_row(record: dict[str, Any]) -> dict[str, Any]:
    """A read record as a coding task needs it: without its signature (the coding task reads
    it from the spill file), with room for its near-duplicate group."""
    row = {name: value for name, value in record.items() if name != "minhash"}
    row["group_id"] = None
    return row


def _work_rows(entry: tuple[Any, ...]) -> Iterator[dict[str, Any]]:
    if entry[0] == "record":
        yield work_row(entry[1])


def _group_entries(entry: tuple[Any, ...]) -> Iterator[tuple[str, int, str | None, Any]]:
    if entry[0] == "signature":
        _, article_id, signature, group = entry
        yield article_id, STORED, group, signature
    elif entry[0] == "record":
        record = entry[1]
        if record["role"] == "code" and record["minhash"] is not None:
            yield record["id"], reading_order(record), None, record["minhash"]


def assign_roles(context: Any, files: list[tuple[int, str]], dataset: Dataset,
                 settings: ReadSettings, partitions: int) -> Roles:
    """The roles of the records read from `files` ((number, path) pairs, one reading task
    per partition) against what `dataset` holds (see the module doc)."""
    chunks = [("read", items) for items in _slices(files, partitions)]
    stored = [(table, str(path)) for table in ("articles", "copies")
              for path in dataset.files(table)]
    if stored:
        chunks += [("stored", items) for items in _slices(stored, partitions)]
    # One element a partition: each chunk is one task.
    entries = context.parallelize(chunks, len(chunks)).mapPartitions(
        functools.partial(_source, settings))
    ranked = entries.groupByKey(partitions).flatMap(_first_of_id)
    compared = ranked.groupByKey(partitions).flatMap(_first_of_text)
    return Roles(work=compared.flatMap(_work_rows), to_group=compared.flatMap(_group_entries))
