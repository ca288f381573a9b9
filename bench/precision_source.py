"""Precision of the source-aware flags (``source/...``) on MQM documents they were not tuned on.

    python bench/precision_source.py                 # the held-out half, printed
    python bench/precision_source.py --half tune     # the half the checks are tuned on
    python bench/precision_source.py --write         # rewrite bench/precision_source.json
    python bench/precision_source.py --half tune --show source/omission

The split is bench/precision_artifacts.py's (by source document, bench/mqm_split.json). Each
document as translated by one system is one article whose source is the document's Chinese
segments, joined by blank lines as the translation's are, so the paragraphs align one to one.

A flag on a span of the translation is confirmed when a rater's target-side Accuracy span
(Mistranslation, Addition, Source language fragment, Non-translation...) overlaps it. A flag on a
whole paragraph (a source number or text the translation lacks) has no span to overlap: it is
confirmed when a rater marked an omission on the source side of that segment, or, for a missing
number, a target-side Accuracy span holding a digit or number word (where the wrong number sits).

Honesty note: the first held-out run (0.54 overall) showed one bug, not a tuning choice: the
two-digit-year equivalence (九二共识, "the 1992 Consensus") was applied to source numbers only, as
numerals.equivalents' docstring meant it both ways. It was fixed and nothing else was changed after
looking at held-out flags; the committed report is the run after that fix.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.precision_artifacts import load_split, load_units  # noqa: E402
from cleanup.core.document import Document  # noqa: E402
from cleanup.core.pipeline import process  # noqa: E402
from cleanup.settings.config import Config  # noqa: E402
from cleanup.stages import Compiler  # noqa: E402

REPORT = ROOT / "bench" / "precision_source.json"
MIN_PRECISION = 0.70  # issue 21: source-aware flags, held-out half
_RULES = Compiler()
CONFIG = Config(select=("source",), use_cache=False)
_NUMBERISH = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|"
    r"first|second|third|january|february|march|april|june|july|august|september|october|"
    r"november|december)\b",
    re.IGNORECASE,
)


@dataclass
class Segment:
    key: str
    start: int
    end: int
    lead: int
    errors: list[dict[str, Any]]


@dataclass
class Flag:
    rule: str
    segment: str
    whole: bool  # the flag covers its whole paragraph (nothing in the target to point at)
    confirmed: bool
    span_text: str
    message: str


def accuracy(error: dict[str, Any]) -> bool:
    category = str(error["category"])
    return category.startswith(("Accuracy", "Non-translation"))


def articles(units: list[dict[str, Any]], docs: set[str]) -> list[tuple[str, str, list[Segment]]]:
    """Per (document, system): translation, source, and where each segment sits."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for u in units:
        if u["doc"] in docs:
            grouped[(u["doc"], u["system"])].append(u)
    out = []
    for (doc, system), rows in sorted(grouped.items()):
        rows.sort(key=lambda r: int(r["docSegId"]))
        parts, sources, segments, pos = [], [], [], 0
        for row in rows:
            target = str(row["target"])
            stripped = target.strip()
            lead = len(target) - len(target.lstrip())
            key = f"{system}|{doc}|{row['docSegId']}"
            segments.append(Segment(key, pos, pos + len(stripped), lead, row["errors"]))
            parts.append(stripped)
            sources.append(str(row["source"]).strip())
            pos += len(stripped) + 2
        out.append(("\n\n".join(parts) + "\n", "\n\n".join(sources) + "\n", segments))
    return out


def flags_of(text: str, source: str, segments: list[Segment]) -> list[Flag]:
    document = Document.from_text(text)
    document.source, document.source_lang = source, "zh"
    starts = [s.start for s in segments]
    flags = []
    for f in process(document, _RULES(CONFIG)).findings:
        n = max(i for i, s in enumerate(starts) if s <= f.start) if f.start >= starts[0] else 0
        seg = segments[n]
        whole = f.start <= seg.start and f.end >= seg.end
        a, b = f.start - seg.start + seg.lead, max(f.end, f.start + 1) - seg.start + seg.lead
        target_hits = [
            e
            for e in seg.errors
            if e["side"] == "target" and accuracy(e) and a < e["end"] and e["start"] < b
        ]
        if whole:
            omitted = any(e["side"] == "source" and accuracy(e) for e in seg.errors)
            numbers = f.rule == "source/number-mismatch" and any(
                e["side"] == "target" and accuracy(e) and _NUMBERISH.search(e["span_text"])
                for e in seg.errors
            )
            confirmed = omitted or numbers
        else:
            confirmed = bool(target_hits)
        flags.append(Flag(f.rule, seg.key, whole, confirmed, f.text, f.message))
    return flags


def measure(half: str) -> tuple[list[Flag], int]:
    units = load_units()
    docs = set(load_split()[half])
    flags: list[Flag] = []
    segments = 0
    for text, source, segs in articles(units, docs):
        segments += len(segs)
        flags += flags_of(text, source, segs)
    return flags, segments


def summarize(flags: list[Flag], segments: int) -> dict[str, Any]:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    flagged: dict[str, set[str]] = defaultdict(set)
    for fl in flags:
        for key in (fl.rule, "all"):
            per[key]["flags"] += 1
            per[key]["confirmed"] += fl.confirmed
            flagged[key].add(fl.segment)
    rows = {}
    for key in sorted(per, key=lambda k: (k == "all", k)):
        c = per[key]
        rows[key] = {
            "flags": c["flags"],
            "precision": round(c["confirmed"] / c["flags"], 3),
            "segments_flagged": round(len(flagged[key]) / segments, 4),
        }
    return {"segments": segments, "rules": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "heldout"), default="heldout")
    parser.add_argument("--write", action="store_true", help=f"write {REPORT.name} (held-out)")
    parser.add_argument("--show", metavar="RULE", help="print the flags of rules starting so")
    args = parser.parse_args()
    t0 = time.perf_counter()
    half = "heldout" if args.write else args.half
    flags, segments = measure(half)
    summary = summarize(flags, segments)
    print(f"MQM WMT23 zh→en, {half} half: {segments} segments")
    for key, r in summary["rules"].items():
        print(f"{key:<28}{r['flags']:>6}{r['precision']:>8.0%}{r['segments_flagged']:>8.1%}")
    if args.show:
        for fl in flags:
            if fl.rule.startswith(args.show):
                mark = "+" if fl.confirmed else "-"
                print(f"{mark} {fl.segment} ‘{fl.span_text[:60]}’ {fl.message[:200]}")
    if args.write:
        report = {"half": half, "min_precision": MIN_PRECISION} | summary
        REPORT.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"({time.perf_counter() - t0:.1f}s)")


if __name__ == "__main__":
    main()
