"""Check trigger-lexicon examples while writing patterns.

Usage: .venv/bin/python scripts/check_lexicon.py [FILE_STEM_OR_NAME ...] [--all]
Prints every pattern whose example does not yield its code (and, with --all, the ones whose
code came from another pattern), then a summary with lexicon size counts.
"""

from __future__ import annotations

import sys

from tacitus.ontology import load_lexicon
from tacitus.ontology.examples import check_examples
from tacitus.ontology.lexicon import PREPOSITIONS
from tacitus.pipeline import Coder


def main(argv: list[str]) -> int:
    show_all = "--all" in argv
    names = [a for a in argv if not a.startswith("--")]
    lexicon = load_lexicon()
    patterns = [p for p in lexicon.patterns if not names or any(n in p.source for n in names)]
    results = check_examples(Coder(), patterns)
    failures = 0
    for result in results:
        if not result.ok:
            failures += 1
            print(f"FAIL {result.pattern.rule}  [{result.pattern.code}] got {list(result.codes)}")
            print(f"     {result.pattern.example}")
        elif show_all and not result.own_rule:
            print(f"OTHER {result.pattern.rule}  [{result.pattern.code}] via {list(result.rules)}")
    heads = {p.head for p in lexicon.patterns}
    lemmas = heads | {w for p in lexicon.patterns for w in p.companions if w not in PREPOSITIONS}
    roots = sorted({p.code[:2] for p in lexicon.patterns})
    print(
        f"{len(results) - failures}/{len(results)} examples ok; lexicon: {len(lexicon.patterns)} "
        f"patterns, {len(heads)} head lemmas, {len(lemmas)} lemmas, roots {','.join(roots)}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
