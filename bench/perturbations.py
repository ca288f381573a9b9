"""DEMETR-style perturbations of clean MT and news sentences, and how many the artifact rules catch.

    python bench/perturbations.py           # recall per family, flags on the clean originals
    python bench/perturbations.py --write   # rebuild tests/data/perturbations/perturbations.jsonl

Families: ``punctuation-inserted`` (a comma or full stop between two words), ``final-removed``
(the sentence's full stop dropped), ``misspelled`` (one letter dropped from a word of 5+ letters),
``swapped`` (two adjacent words swapped). Originals: tests/data/artifacts/clean_*.txt.

Each case records where its original comes from (``half``): ``written`` (clean_news.txt, written
for the project), or the side of the MQM split its segment's document is on (clean_mqm.txt:
``tune`` or ``heldout``, bench/mqm_split.json). Detectors are tuned on ``written`` and ``tune``
cases only; the ``heldout`` cases are reported apart, as the figure to quote.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.precision_artifacts import MQM, load_split, load_units  # noqa: E402
from bench.quality_artifacts import artifact_findings, read_lines  # noqa: E402

DATA = ROOT / "tests" / "data" / "perturbations" / "perturbations.jsonl"
_WORD = re.compile(r"(?<![\w’'-])[a-z]{2,}(?![\w’'-])")


def perturb(text: str, family: str, rng: random.Random) -> tuple[str, int, int] | None:
    """The perturbed text and the span of the change, or None when the sentence does not fit."""
    words = list(_WORD.finditer(text))
    if family == "final-removed":
        if not text.endswith(".") or not text[-2:-1].isalnum():
            return None
        return text[:-1], len(text) - 2, len(text) - 1
    if len(words) < 4:
        return None
    if family == "punctuation-inserted":
        m = rng.choice(words[1:-1])
        mark = rng.choice([",", "."])
        return text[: m.end()] + mark + text[m.end() :], m.end(), m.end() + 1
    if family == "misspelled":
        long = [m for m in words if len(m.group()) >= 5]
        if not long:
            return None
        m = rng.choice(long)
        i = rng.randrange(1, len(m.group()) - 1)
        word = m.group()[:i] + m.group()[i + 1 :]
        return text[: m.start()] + word + text[m.end() :], m.start(), m.start() + len(word)
    pairs = [(a, b) for a, b in itertools.pairwise(words) if text[a.end() : b.start()] == " "]
    pairs = [(a, b) for a, b in pairs if a.group() != b.group()]
    if not pairs:
        return None
    a, b = rng.choice(pairs)
    return text[: a.start()] + f"{b.group()} {a.group()}" + text[b.end() :], a.start(), b.end()


FAMILIES = ("punctuation-inserted", "final-removed", "misspelled", "swapped")


PARTS = ("written", "tune", "heldout")


def halves_of_segments() -> dict[str, str]:
    """Each MQM target segment's side of the split (a segment found in documents of both sides
    counts as held-out)."""
    side = {doc: half for half, docs in load_split().items() for doc in docs}
    halves: dict[str, str] = {}
    for unit in load_units(MQM):
        text = str(unit["target"]).strip()
        if halves.get(text) != "heldout":
            halves[text] = side[str(unit["doc"])]
    return halves


def build(seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    written = {s for s in read_lines("clean_news.txt") if "\n" not in s}
    originals = [
        s for s in read_lines("clean_news.txt") + read_lines("clean_mqm.txt") if "\n" not in s
    ]
    halves = halves_of_segments()
    cases: list[dict[str, Any]] = []
    for text in originals:
        half = "written" if text in written else halves[text]
        for family in FAMILIES:
            made = perturb(text, family, rng)
            if made:
                cases.append(
                    {
                        "family": family,
                        "half": half,
                        "original": text,
                        "text": made[0],
                        "span": made[1:],
                    }
                )
    return cases


def caught(case: dict[str, Any]) -> bool:
    """A flag at the changed span or a character either side of it."""
    s, e = case["span"]
    return any(
        f.start < e + 1 and s - 1 < max(f.end, f.start + 1) for f in artifact_findings(case["text"])
    )


def measure(cases: list[dict[str, Any]], parts: tuple[str, ...] = PARTS) -> dict[str, Any]:
    """Recall per family and the share of clean originals flagged, on the cases of ``parts``."""
    cases = [c for c in cases if c["half"] in parts]
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in cases:
        total[case["family"]] += 1
        hits[case["family"]] += caught(case)
    originals = sorted({c["original"] for c in cases})
    flagged = sum(bool(artifact_findings(t)) for t in originals)
    return {
        "recall": {f: (hits[f], total[f]) for f in FAMILIES},
        "clean": (flagged, len(originals)),
    }


def read_cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.write:
        DATA.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in build()), "utf-8")
    cases = read_cases()
    for title, parts in (
        ("all cases", PARTS),
        ("tuning cases (written + MQM tune half)", ("written", "tune")),
        ("held-out cases (MQM held-out half)", ("heldout",)),
    ):
        result = measure(cases, parts)
        print(title)
        for family, (hit, total) in result["recall"].items():
            print(f"  {family:<22}{hit:>5}/{total:<5}{hit / total:>7.0%}")
        flagged, n = result["clean"]
        print(f"  clean originals flagged {flagged}/{n} = {flagged / n:.1%}")


if __name__ == "__main__":
    main()
