"""A synthetic news corpus for ingest tests and benchmarks, from the team's own templates.

`write_corpus(folder, n)` writes `n` short articles (3-6 sentences: one or two bilateral
events between countries, background sentences, a quote) as .txt files and JSONL files
(half each), every text different, reproducibly (seeded). Run it to write a corpus:

    .venv/bin/python bench/ingest_corpus.py OUT_DIR [--n 1600]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

COUNTRIES = [
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Russia", "Russian", "Moscow"),
    ("India", "Indian", "New Delhi"),
    ("China", "Chinese", "Beijing"),
    ("Iran", "Iranian", "Tehran"),
    ("Turkey", "Turkish", "Ankara"),
    ("Japan", "Japanese", "Tokyo"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Germany", "German", "Berlin"),
    ("Indonesia", "Indonesian", "Jakarta"),
]

EVENTS = [
    "The {a_adj} foreign minister met his {b_adj} counterpart in {city} on {day}.",
    "{a} and {b} signed an agreement on {topic} in {city} on {day}.",
    "{a} accused {b} of violating the terms of the {topic} accord.",
    "The {a_adj} president held talks with the {b_adj} prime minister about {topic}.",
    "{a} offered {b} a loan to finance {topic}.",
    "{a} threatened to impose sanctions on {b} over {topic}.",
    "The {a_adj} defence minister visited {b_capital} to discuss {topic}.",
    "{a} praised {b} for its support on {topic}.",
    "{a} rejected a proposal from {b} on {topic}.",
    "{a} expelled two {b_adj} diplomats on {day}.",
    "{a} hosted a delegation from {b} for talks on {topic}.",
    "{a} demanded that {b} release the detained sailors.",
]
BACKGROUND = [
    "Officials said the talks lasted {n} minutes and covered {topic}.",
    "The two countries have discussed {topic} for several years.",
    "Analysts expect further meetings before the end of the year.",
    "Trade between the two countries reached {n} billion dollars last year.",
    "A joint statement is expected to be published later this week.",
    "Diplomats described the atmosphere as {mood}.",
    "The ministry did not give further details.",
    "Opposition politicians criticised the timing of the announcement.",
]
QUOTES = [
    '"We want {topic} to benefit both our peoples," the minister said.',
    '"This is a {mood} step," a senior official told reporters.',
    '"Our position on {topic} has not changed," the spokesman said.',
]
TOPICS = ["energy supplies", "rail links", "grain exports", "border security", "fishing rights",
          "a gas pipeline", "visa rules", "port access", "water sharing", "climate finance",
          "student exchanges", "air traffic", "mining licences", "customs procedures"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MOODS = ["constructive", "tense", "cordial", "frank", "positive", "difficult"]


def _fill(template: str, rng: random.Random, a: tuple[str, ...], b: tuple[str, ...]) -> str:
    return template.format(
        a=a[0], a_adj=a[1], b=b[0], b_adj=b[1], b_capital=b[2], city=rng.choice((a[2], b[2])),
        day=rng.choice(DAYS), topic=rng.choice(TOPICS), n=rng.randint(12, 240),
        mood=rng.choice(MOODS),
    )


def article_text(rng: random.Random) -> str:
    """One article: a lead event, background, maybe a second event and a quote."""
    a, b = rng.sample(COUNTRIES, 2)
    sentences = [_fill(rng.choice(EVENTS), rng, a, b)]
    sentences += [_fill(t, rng, a, b) for t in rng.sample(BACKGROUND, rng.randint(1, 3))]
    if rng.random() < 0.5:
        sentences.append(_fill(rng.choice(EVENTS), rng, b, a))
    if rng.random() < 0.6:
        sentences.append(_fill(rng.choice(QUOTES), rng, a, b))
    return " ".join(sentences)


def write_corpus(folder: Path, n: int = 1600, seed: int = 7, files: int = 4) -> list[str]:
    """Write `n` unique articles under `folder` (half .txt, half JSONL in `files` files);
    returns their ids."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    ids: list[str] = []
    texts: list[str] = []
    while len(texts) < n:
        text = article_text(rng)
        key = " ".join(text.lower().split())
        if key in seen:
            continue
        seen.add(key)
        texts.append(text)
    half = n // 2
    for i, text in enumerate(texts[:half]):
        ids.append(f"txt-{i:05d}")
        (folder / f"txt-{i:05d}.txt").write_text(text + "\n", encoding="utf-8")
    rest = list(enumerate(texts[half:], start=half))
    for part in range(files):
        chunk = rest[part::files]
        with open(folder / f"wire-{part}.jsonl", "w", encoding="utf-8") as handle:
            for i, text in chunk:
                ids.append(f"wire-{i:05d}")
                record = {"id": f"wire-{i:05d}", "text": text, "source": f"Wire {part}",
                          "published": f"2025-09-{1 + i % 28:02d}"}
                handle.write(json.dumps(record) + "\n")
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1600)
    args = parser.parse_args()
    ids = write_corpus(args.out, args.n)
    print(f"wrote {len(ids)} articles to {args.out}")


if __name__ == "__main__":
    main()
