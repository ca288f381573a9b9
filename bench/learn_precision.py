"""Precision of `cleanup gazetteer learn` on a corpus with injected misspellings: the MQM zh→en
articles (tests/corpus.py), where one in ten mentions of each name written five times or more
gets one slipped letter in its surname (dropped, doubled or two swapped, seeded); the proposed
`wrong` spellings are then checked against those injected.

Run `python bench/learn_precision.py [--rate 0.1] [--seed 17]`; prints the counts and the
precision (the issue's bar: 90%), and every proposal that was not injected.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def slip(word: str, rng: random.Random) -> str:
    """``word`` with one letter dropped, doubled or two neighbours swapped, inside it."""
    i = rng.randrange(1, len(word) - 2)
    how = rng.choice(["drop", "double", "swap"])
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "double":
        return word[: i + 1] + word[i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    from cleanup.gazetteer.learning import Names
    from tests.corpus import articles

    texts = [text for _, _, text in articles()]
    clean = Names()
    for text in texts:
        clean.add(text)
    frequent = sorted(n for n, c in clean.counts.items() if c >= 5 and len(n.split()[-1]) >= 6)
    rng = random.Random(args.seed)
    injected: set[str] = set()
    out = []
    pattern = re.compile("|".join(re.escape(n) for n in frequent)) if frequent else None
    for text in texts:

        def replace(m: re.Match[str]) -> str:
            name = m.group(0)
            if rng.random() >= args.rate:
                return name
            words = name.split(" ")
            words[-1] = slip(words[-1], rng)
            new = " ".join(words)
            if new not in clean.counts:
                injected.add(new)
                return new
            return name

        out.append(pattern.sub(replace, text) if pattern else text)
    learned = Names()
    for text in out:
        learned.add(text)
    proposed = [w for g in learned.groups() for w in g.wrong]
    hits = [w for w in proposed if w in injected]
    print(
        f"{len(texts)} articles; {len(frequent)} names written 5+ times; {len(injected)} injected"
    )
    print(f"proposed wrong: {len(proposed)}, of them injected: {len(hits)}")
    if proposed:
        print(
            f"precision: {len(hits) / len(proposed):.1%}; recall: {len(hits) / len(injected):.1%}"
        )
    for w in sorted(set(proposed) - injected):
        print(f"  not injected: {w!r}")


if __name__ == "__main__":
    main()
