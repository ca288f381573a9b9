"""The number perturbation set: clean MQM segments, and the same with one number changed.

    python bench/source_numbers.py            # rebuild tests/data/source_numbers.jsonl.gz, print
    python bench/source_numbers.py --check    # the rates on the committed set only

A segment is clean when no rater marked an Accuracy error in it (either side). From the held-out
half's clean segments (bench/mqm_split.json), every one whose translation has a number written in
digits that matches the source gets a perturbed copy: one digit of that number replaced by
another, both chosen by a hash of the segment's key (so the set is the same on every run). The
source/number-mismatch rule must flag ≥95% of the perturbed copies and ≤2% of the clean segments.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.precision_artifacts import load_split, load_units  # noqa: E402
from cleanup.core.document import Document  # noqa: E402
from cleanup.core.pipeline import process  # noqa: E402
from cleanup.settings.config import Config  # noqa: E402
from cleanup.stages import compile_rules  # noqa: E402
from cleanup.stages.source.numerals import target_numbers  # noqa: E402

SET = ROOT / "tests" / "data" / "source_numbers.jsonl.gz"
MIN_FLAGGED = 0.95
MAX_CLEAN_FLAGGED = 0.02
RULE = "source/number-mismatch"


def _pick(key: str, n: int, salt: str) -> int:
    return hashlib.sha256(f"{salt}|{key}".encode()).digest()[0] % n


def perturb(key: str, target: str) -> str | None:
    """``target`` with one digit of one of its numbers changed, or None when it has none."""
    numbers = [n for n in target_numbers(target) if n.required and any(c.isdigit() for c in n.text)]
    if not numbers:
        return None
    n = numbers[_pick(key, len(numbers), "number")]
    places = [n.start + i for i, c in enumerate(n.text) if c.isdigit()]
    at = places[_pick(key, len(places), "digit")]
    old = target[at]
    choices = [d for d in "0123456789" if d != old and not (d == "0" and at == places[0])]
    new = choices[_pick(key, len(choices), "new")]
    return target[:at] + new + target[at + 1 :]


def build(half: str = "heldout") -> list[dict[str, Any]]:
    units = load_units()
    heldout = set(load_split()[half])
    rows = []
    for u in units:
        if u["doc"] not in heldout:
            continue
        if any(str(e["category"]).startswith(("Accuracy", "Non-translation")) for e in u["errors"]):
            continue
        source, target = str(u["source"]).strip(), str(u["target"]).strip()
        row = {"key": u["unit_id"], "source": source, "target": target}
        perturbed = perturb(u["unit_id"], target)
        if perturbed is not None and _flags(source, target) == 0:
            row["perturbed"] = perturbed
        rows.append(row)
    return rows


def _flags(source: str, target: str, compiled: Any = None) -> int:
    document = Document.from_text(target)
    document.source = source
    compiled = compiled or compile_rules(Config(select=(RULE,), use_cache=False))
    return sum(f.rule == RULE for f in process(document, compiled).findings)


def rates(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Share of clean segments flagged, and of perturbed copies flagged."""
    compiled = compile_rules(Config(select=(RULE,), use_cache=False))
    clean = sum(_flags(r["source"], r["target"], compiled) > 0 for r in rows)
    changed = [r for r in rows if "perturbed" in r]
    caught = sum(_flags(r["source"], r["perturbed"], compiled) > 0 for r in changed)
    return {
        "clean_segments": len(rows),
        "clean_flagged": round(clean / len(rows), 4),
        "perturbed": len(changed),
        "perturbed_flagged": round(caught / len(changed), 4),
    }


def load() -> list[dict[str, Any]]:
    with gzip.open(SET, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="measure the committed set only")
    parser.add_argument("--tune", action="store_true", help="the tuning half, its flags printed")
    args = parser.parse_args()
    if args.tune:
        rows = build("tune")
        print(json.dumps(rates(rows), indent=1))
        for r in rows:
            if _flags(r["source"], r["target"]):
                print("clean:", r["key"], r["target"][:150], "|", r["source"][:80])
            if "perturbed" in r and not _flags(r["source"], r["perturbed"]):
                print("missed:", r["key"], r["perturbed"][:150])
        return
    if not args.check:
        rows = build()
        with gzip.GzipFile(SET, "wb", mtime=0) as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    print(json.dumps(rates(load()), indent=1))


if __name__ == "__main__":
    main()
