"""A small corpus for the Spark engine tests, from the team's own templates
(bench/ingest_corpus.py): plain articles in .txt and JSONL files, a verbatim wire copy, two
re-published versions of one story (a dateline and a credit line added: near-duplicates), an
article that repeats an id, a JSONL line that is not JSON, and an article marked to crash a
coder that is told to crash on it.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CRASH_MARK = "Zanzibar-crash-marker"


def _article_text(rng: random.Random) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from ingest_corpus import article_text
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return article_text(rng)


def write_corpus(folder: Path, files: int = 4, per_file: int = 4, seed: int = 11,
                 crash: bool = False) -> dict[str, object]:
    """Write the corpus under `folder`; returns what it holds (ids by role)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts = [_article_text(rng) for _ in range(files * per_file + 2)]
    story = (
        "Kenya and Egypt signed an agreement on water sharing in Nairobi on Tuesday. "
        "The Kenyan foreign minister said the deal would help farmers on both sides. "
        "Officials said the talks lasted ninety minutes and covered grain exports and "
        "rail links. Egypt offered Kenya a loan to finance a new dam."
    )
    near = [
        story,
        "NAIROBI (Wire) - " + story + " Reporting by the Nairobi desk.",
        "NAIROBI - " + story.replace("ninety minutes", "about ninety minutes"),
    ]
    ids: dict[str, list[str]] = {"coded": [], "copies": [], "known": [], "near": []}
    for part in range(files):
        with open(folder / f"wire-{part}.jsonl", "w", encoding="utf-8") as handle:
            for i in range(per_file):
                number = part * per_file + i
                record = {"id": f"w{number:03d}", "text": texts[number],
                          "source": f"Wire {part}", "published": f"2025-09-{1 + part:02d}"}
                handle.write(json.dumps(record) + "\n")
                ids["coded"].append(record["id"])
            if part == 0:
                handle.write("{this is not json\n")
            if part == 1:  # the first file's first article again, from another outlet
                copy = {"id": "copy-1", "text": texts[0], "source": "Other Wire",
                        "published": "2025-09-02"}
                handle.write(json.dumps(copy) + "\n")
                ids["copies"].append("copy-1")
            if part == 2:  # an id already read
                again = {"id": "w000", "text": texts[-1], "published": "2025-09-03"}
                handle.write(json.dumps(again) + "\n")
                ids["known"].append("w000")
            if crash and part == 3:
                bomb = {"id": "crash-1", "text": texts[-2] + " " + CRASH_MARK,
                        "published": "2025-09-04"}
                handle.write(json.dumps(bomb) + "\n")
    for number, text in enumerate(near):
        (folder / f"story-{number}.txt").write_text(text + "\n", encoding="utf-8")
        ids["near"].append(f"story-{number}")
    return ids


class CrashingCoder:
    """A coder that raises on any article whose text holds CRASH_MARK, else codes with the
    real one."""

    def __init__(self, coder: object) -> None:
        self.coder = coder

    def code(self, articles):
        articles = list(articles)
        if any(CRASH_MARK in a.text for a in articles):
            raise RuntimeError("deliberate crash for the bad-record test")
        return self.coder.code(articles)


def crashing_factory(options):
    """A pipeline factory for Spark workers: the worker's real pipeline, crashing on the mark."""
    from tacitus.spark.tasks import build_coder, worker_coder

    coder, _ = worker_coder(build_coder, options)
    return CrashingCoder(coder)


class EmptyCoder:
    """A stand-in coder that finds nothing (no pipeline to load)."""

    def code(self, articles):
        from tacitus.model import CodedArticle

        return [CodedArticle(article) for article in articles]


def empty_factory(options):
    """A pipeline factory for Spark workers whose coder finds nothing."""
    return EmptyCoder()
