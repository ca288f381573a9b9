"""Precision of grammar flags on real MT news: does a flag overlap a span a professional rater
marked? (WMT23 zh→en MQM, 3,770 segments; see the data's README for why recall is capped.)

Each segment is checked alone with the shipped grammar rule settings; a finding counts as
confirmed when its span overlaps any rater's target-side error span. Prints overall precision and
a per-rule table.

    python bench/precision_grammar.py [--limit N] [--languagetool-url URL]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MQM = ROOT.parent / "shared" / "data" / "mqm-zhen-wmt23" / "units.jsonl.gz"


def main() -> None:
    from cleanup import clean
    from cleanup.stages.grammar import close

    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N segments")
    parser.add_argument("--languagetool-url")
    parser.add_argument("--cache-dir")
    args = parser.parse_args()
    with gzip.open(MQM, "rt", encoding="utf-8") as lines:
        units = [json.loads(line) for line in lines]
    if args.limit:
        units = units[: args.limit]
    flagged, confirmed = Counter[str](), Counter[str]()
    began = time.perf_counter()
    try:
        for unit in units:
            spans = [(e["start"], e["end"]) for e in unit["errors"] if e["side"] == "target"]
            result = clean(
                unit["target"],
                grammar=True,
                select=("grammar",),
                languagetool_url=args.languagetool_url,
                cache_dir=args.cache_dir,
            )
            for f in result.findings:
                flagged[f.rule] += 1
                if any(f.start < e and s < max(f.end, f.start + 1) for s, e in spans):
                    confirmed[f.rule] += 1
    finally:
        close()
    total, hits = sum(flagged.values()), sum(confirmed.values())
    print(
        f"{len(units)} segments in {time.perf_counter() - began:.1f}s: {total} flags, "
        f"{hits} overlap a rater's error span: precision {hits / max(total, 1):.2f}"
    )
    for rule, n in flagged.most_common():
        print(f"  {rule:50} {confirmed[rule]:4}/{n:<4} {confirmed[rule] / n:.2f}")


if __name__ == "__main__":
    main()
