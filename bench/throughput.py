"""Coded articles per second beside bare spaCy parsing of the same texts.

Usage: .venv/bin/python bench/throughput.py [--limit N] [--repeat R] [FILES...]
Texts: the given JSONL/.txt files, else every text in ../shared/eval/dev and ../shared/examples
(read at run time, never copied), else the project's examples/. Both sides run in one process
on the same texts and are timed in CPU seconds of this process (time.process_time), so other
work on the machine does not tilt the ratio; coded/bare is what the speed floor (>= 0.8) is about.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import spacy

from tacitus.config import load_options
from tacitus.model import Article
from tacitus.pipeline import Coder

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def load_texts(paths: list[Path]) -> list[str]:
    """Texts of .jsonl (field `text`) and .txt files."""
    texts = []
    for path in paths:
        if path.suffix == ".jsonl":
            texts += [
                json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()
            ]
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def default_paths() -> list[Path]:
    if SHARED.is_dir():
        return sorted((SHARED / "eval" / "dev").glob("*.jsonl")) + sorted(
            (SHARED / "examples").glob("*.txt")
        )
    return sorted((ROOT / "examples").glob("*.txt"))


def measure(texts: list[str], repeat: int) -> dict[str, float]:
    options = load_options()
    bare = spacy.load(options.nlp.model)
    coder = Coder(options)
    batch = options.nlp.batch_size
    list(bare.pipe(texts[:50], batch_size=batch))  # warm both pipelines
    list(coder.code(Article(id=str(i), text=t) for i, t in enumerate(texts[:50])))
    bare_times, coded_times = [], []
    events = 0
    for _ in range(repeat):
        start = time.process_time()
        for _doc in bare.pipe(texts, batch_size=batch):
            pass
        bare_times.append(time.process_time() - start)
        start = time.process_time()
        events = 0
        for item in coder.code(
            Article(id=str(i), text=t, published="2025-06-01") for i, t in enumerate(texts)
        ):
            events += len(item.events)
        coded_times.append(time.process_time() - start)
    bare_rate = len(texts) / min(bare_times)
    coded_rate = len(texts) / min(coded_times)
    return {
        "texts": len(texts),
        "characters": sum(len(t) for t in texts),
        "events": events,
        "bare_articles_per_s": round(bare_rate, 1),
        "coded_articles_per_s": round(coded_rate, 1),
        "ratio": round(coded_rate / bare_rate, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="Use only the first N texts.")
    parser.add_argument("--repeat", type=int, default=2, help="Runs per side; the best counts.")
    args = parser.parse_args()
    texts = load_texts(args.files or default_paths())
    if args.limit:
        texts = texts[: args.limit]
    result = measure(texts, args.repeat)
    result["python"] = platform.python_version()
    result["spacy"] = spacy.__version__
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
