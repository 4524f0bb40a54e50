"""Run held-out probe sentences through the coder and show what each one codes.

Usage: .venv/bin/python scripts/probe_lexicon.py [FILE ...] [--misses] [--root NN]
FILE defaults to tests/ontology/probes.tsv (format in its header: expected code prefix, or `-`
for "no event", a tab, the sentence). Prints one line a probe (OK, MISS = no event, WRONG =
only other codes, NOISE = an event where none is expected) with the codes and rules of the
events that happened, then a tally per root.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from tacitus.ontology.examples import check_probes, read_probes
from tacitus.pipeline import Coder

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "ontology" / "probes.tsv"


def main(argv: list[str]) -> int:
    misses_only = "--misses" in argv
    root = argv[argv.index("--root") + 1] if "--root" in argv else None
    files = [Path(a) for a in argv if a.endswith(".tsv")] or [DEFAULT]
    probes = [p for f in files for p in read_probes(f)]
    if root:
        probes = [
            p
            for p in probes
            if any(x.startswith(root) for x in p.expect) or (root == "-" and not p.expect)
        ]
    tally: Counter[tuple[str, str]] = Counter()
    for result in check_probes(Coder(), probes):
        expect = "|".join(result.probe.expect) or "-"
        tally[(expect[:2], result.status)] += 1
        if misses_only and result.status == "OK":
            continue
        detail = "; ".join(f"{c} {r}" for c, r in zip(result.codes, result.rules, strict=True))
        print(f"{result.status:5} [{expect}] {result.probe.sentence}\n      {detail[:200]}")
    total_ok = sum(n for (_, s), n in tally.items() if s == "OK")
    for r in sorted({r for r, _ in tally}):
        counts = {s: n for (rr, s), n in tally.items() if rr == r}
        print(r, " ".join(f"{s}={n}" for s, n in sorted(counts.items())))
    print(f"{total_ok}/{len(probes)} probes ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
