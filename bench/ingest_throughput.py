"""Ingest throughput beside `tacitus code --format jsonl` on the same corpus.

Usage: .venv/bin/python bench/ingest_throughput.py [--n 1600] [--repeat 2] [--processes P]
                                                   [--corpus DIR] [--check]

Both sides run as the CLI would (separate processes, same worker count, same date), on the
synthetic corpus of bench/ingest_corpus.py (or --corpus DIR), in alternating order, each
ingest into a fresh database; the best time of each side counts. The ratio
ingest/code articles-per-second is what the floor (>= 0.8: storage is not the bottleneck) is
about; --check exits 1 below it.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest_corpus import write_corpus

FLOOR = 0.8


def _tacitus(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("tacitus")
    if script.is_file():
        return [str(script), *args]
    return [sys.executable, "-c", "from tacitus.cli import main; main()", *args]


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(corpus: Path, n: int, repeat: int, processes: int, work: Path) -> dict[str, float]:
    common = ["--date", "2025-09-01", "--processes", str(processes)]
    code_times, ingest_times = [], []
    for round_ in range(repeat):
        db = work / f"bench-{round_}.duckdb"
        runs = [("code", _tacitus("code", str(corpus), "--format", "jsonl", *common)),
                ("ingest", _tacitus("ingest", str(corpus), "--db", str(db), "--quiet",
                                    *common))]
        if round_ % 2:
            runs.reverse()
        for name, command in runs:
            elapsed = _timed(command)
            (code_times if name == "code" else ingest_times).append(elapsed)
            print(f"  round {round_ + 1}: {name:6s} {elapsed:7.1f} s  {n / elapsed:6.1f} art/s",
                  flush=True)
    code_rate = n / min(code_times)
    ingest_rate = n / min(ingest_times)
    return {"code": code_rate, "ingest": ingest_rate, "ratio": ingest_rate / code_rate}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1600)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--processes", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help=f"exit 1 if ratio < {FLOOR}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = args.corpus
        n = args.n
        if corpus is None:
            corpus = work / "corpus"
            n = len(write_corpus(corpus, args.n))
        print(f"ingest vs code on {n} articles, processes={args.processes or os.cpu_count()}, "
              f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores")
        result = measure(corpus, n, args.repeat, args.processes, work)
    print(f"code   {result['code']:7.1f} articles/s (tacitus code --format jsonl)")
    print(f"ingest {result['ingest']:7.1f} articles/s (tacitus ingest, DuckDB)")
    print(f"ratio  {result['ratio']:7.2f} (floor {FLOOR})")
    return 1 if args.check and result["ratio"] < FLOOR else 0


if __name__ == "__main__":
    sys.exit(main())
