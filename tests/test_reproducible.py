"""Reproducible output: the same input and settings give byte-identical output whatever the
hash seed (PYTHONHASHSEED) and the number of worker processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# A varied corpus written for this test: aid with several money words in one frame, criticism
# of several kinds of operation, quotes, pronouns, dates, negation, intent and plain
# diplomacy, so that every component and every word-class lexicon rule gets to choose.
ARTICLES = [
    "Japan will hand over $300 million in reconstruction funds to Kenya, the Japanese embassy "
    "said on Monday.",
    "Germany sent 40 million euros and 2 million dollars of medical supplies to Ukraine last "
    "week.",
    "The European Union pledged a loan of 1 billion euros and a grant of 200 million euros to "
    "Moldova on Thursday.",
    "Norway delivered cash and credit worth 15 million dollars to Sudan through the United "
    "Nations.",
    "The Saudi government transferred funding of $50 million and a loan of $20 million to "
    "Yemen's central bank.",
    "Egypt condemned recent raids and attacks on civilians in Gaza, the foreign ministry said.",
    "Turkey condemned the bombing and the shelling of villages near the Syrian border.",
    "The Pakistani foreign office condemned airstrikes, raids and the offensive in the "
    "north-west.",
    "Nigeria's president condemned the assault and the bombardment of markets in Borno "
    "state.",
    '"We will not accept any threat to our borders," Iran\'s foreign minister told reporters '
    "in Tehran. He added that Tehran wanted talks with its neighbours.",
    "Chinese President Xi Jinping met Brazilian President Luiz Inacio Lula da Silva in "
    "Beijing on Tuesday. The two leaders agreed to expand trade.",
    "India did not attack any Pakistani post, the Indian army said, denying reports of "
    "cross-border fire.",
    "France and Germany signed a defence agreement in Paris. Both governments praised the "
    "deal.",
    "Russia expelled two British diplomats, and Britain said it would respond.",
    "The United States imposed sanctions on Venezuelan oil firms. Caracas condemned the "
    "measures and accused Washington of economic aggression.",
    "Kenya and Uganda sign trade deal\n\nThe Kenyan president met the Ugandan president in "
    "Nairobi. Kenya praised Uganda for its help with the border.",
    "South Korea provided food aid, medicine and money to North Korea after the floods, "
    "officials in Seoul said.",
    "Israeli troops raided a camp in Jenin on Wednesday, and Palestinian officials condemned "
    "the raid and the arrests.",
    "The African Union called on Ethiopia and Eritrea to resolve their dispute peacefully.",
    "Mexico's foreign minister said the country would host migration talks with Guatemala "
    "and Honduras next month.",
    "Australia gave Papua New Guinea a grant of 100 million dollars and a loan of 50 million "
    "dollars for roads.",
    "Qatar mediated talks between Hamas and Israel, according to a statement from Doha.",
    "Armenia accused Azerbaijan of shelling border villages; Baku denied the claim and "
    "blamed Yerevan.",
    "Canada's prime minister threatened tariffs on American steel if Washington did not "
    "lift its duties.",
]


def _write_corpus(folder: Path) -> Path:
    path = folder / "varied.jsonl"
    lines = [json.dumps({"id": f"v{i:02d}", "text": text, "published": f"2025-06-0{1 + i % 9}"})
             for i, text in enumerate(ARTICLES)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _code(corpus: Path, config: Path, seed: int, processes: int) -> bytes:
    tacitus = Path(sys.executable).parent / "tacitus"
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [str(tacitus), "code", str(corpus), "--format", "jsonl", "--processes", str(processes),
         "--config", str(config)],
        env=env, capture_output=True, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@pytest.mark.slow
def test_reproducible_same_bytes_across_hash_seeds_and_processes(tmp_path):
    corpus = _write_corpus(tmp_path)
    config = tmp_path / "small-chunks.cfg"
    config.write_text("[run]\nchunk_size = 5\n", encoding="utf-8")  # 2 processes share 5 chunks
    runs = {(seed, processes): _code(corpus, config, seed, processes)
            for seed, processes in [(1, 1), (2, 1), (3, 2)]}
    reference = runs[(1, 1)]
    assert reference.count(b"\n") == len(ARTICLES)
    for key, output in runs.items():
        assert output == reference, f"output differs for hash seed and processes {key}"


def test_reproducible_word_class_companion_is_the_first_in_the_text():
    import spacy

    from tacitus.nlp.roles import Reach

    doc = spacy.blank("en")("they will hand over $ 300 million and euro credit")
    reach = Reach(doc)
    money = frozenset({"million", "credit", "euro", "$"})  # any iteration order
    assert reach.find(money, []).text == "$"
    assert reach.find(money, [doc[4]]).text == "million"
