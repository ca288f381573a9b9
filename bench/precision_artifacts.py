"""Precision of the MT-artifact flags on documents they were not tuned on.

    python bench/precision_artifacts.py                  # the held-out half, printed
    python bench/precision_artifacts.py --half tune      # the half the rules are tuned on
    python bench/precision_artifacts.py --write          # rewrite bench/precision_heldout.json
    python bench/precision_artifacts.py --write-split    # rebuild bench/mqm_split.json by the rule
    python bench/precision_artifacts.py --half tune --show artifact/first-person   # its flags

The WMT23 zh→en MQM corpus (38 source documents × 10 systems, 3 professional raters per segment) is
split by source document, every system's translation of one document on the same side, by a fixed
rule (:func:`half_of`: the first byte of the SHA-256 of the document id, even → tune, odd →
held-out); bench/mqm_split.json lists the two halves and is what every run reads (it is written
only with ``--write-split``, so a corpus that grew cannot move a document between halves
unnoticed). The rules are tuned on ``tune``; only ``heldout`` is quoted.

Each document as translated by one system is one article (segments joined by blank lines, as
tests/corpus.py builds them), checked with the rules that are on by default; every flag is mapped
back to its segment. Per rule it reports:
- flags, and precision: the share of flags overlapping a target-side span that at least one rater
  marked (``any``) and that two or more raters marked (``2+``: spans of two raters overlapping the
  flag);
- the share of segments with a flag of the rule (and, for all rules, of any rule);
- severity agreement: a rule's ``error`` means Major, ``warning`` and ``info`` mean Minor; of the
  confirmed flags, how often the most severe overlapping rater span has that severity.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanup.core.document import Document  # noqa: E402
from cleanup.core.model import Finding, Severity  # noqa: E402
from cleanup.core.pipeline import process  # noqa: E402
from cleanup.rules.loader import load_rules  # noqa: E402
from cleanup.settings.config import Config  # noqa: E402
from cleanup.stages import Compiler  # noqa: E402

MQM = Path("/work/shared/data/mqm-zhen-wmt23/units.jsonl.gz")
SPLIT = ROOT / "bench" / "mqm_split.json"
REPORT = ROOT / "bench" / "precision_heldout.json"
# issue "flags that hold on unseen MT output": the bar on the held-out half
MIN_PRECISION = 0.80
MIN_SEGMENTS_FLAGGED = 0.12
MIN_RULE_PRECISION = 0.60  # a rule below this on the tuning half is off by default
# what a rule's severity means to an MQM rater
RATER_SEVERITY = {Severity.ERROR: "Major", Severity.WARNING: "Minor", Severity.INFO: "Minor"}

Span = tuple[int, int]
_RULES = Compiler()


def half_of(doc: str) -> str:
    """The fixed side of a source document: the parity of its id's SHA-256 first byte."""
    return "tune" if hashlib.sha256(doc.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def load_units(path: Path = MQM) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def split(units: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The two halves by :func:`half_of`, from the corpus (what ``--write-split`` stores)."""
    docs = sorted({str(u["doc"]) for u in units})
    return {half: [d for d in docs if half_of(d) == half] for half in ("tune", "heldout")}


def load_split() -> dict[str, list[str]]:
    """The committed halves (bench/mqm_split.json), the split every measurement uses."""
    stored = json.loads(SPLIT.read_text(encoding="utf-8"))
    return {half: list(stored[half]) for half in ("tune", "heldout")}


def write_split(units: list[dict[str, Any]]) -> None:
    SPLIT.write_text(
        json.dumps({"rule": "sha256(doc id)[0] even: tune, odd: heldout"} | split(units), indent=1)
        + "\n",
        encoding="utf-8",
    )


def default_config() -> Config:
    """The artifact rules that are on by default, selected by id (a bare ``artifact`` selection
    would also run the opt-in ones)."""
    ids = [r.id for r in load_rules().rules.values() if r.id.startswith("artifact/") and r.default]
    return Config(select=tuple(ids))


def opt_in_config() -> Config:
    """The artifact rules that are off by default, measured apart: their precision is what their
    descriptions quote, and they count in none of the overall figures."""
    ids = [
        r.id for r in load_rules().rules.values() if r.id.startswith("artifact/") and not r.default
    ]
    return Config(select=tuple(ids))


def rule_key(rule: str) -> str:
    """A phrase list's entry (``artifact/calque/iron-wall``) counts under its list."""
    parts = rule.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else rule


@dataclass
class Segment:
    key: str
    start: int  # in the article
    end: int
    lead: int  # characters stripped from the start of the target
    errors: list[dict[str, Any]]


@dataclass
class Flag:
    rule: str
    severity: str
    segment: str
    text: str
    span_text: str
    raters_any: int  # distinct raters whose target span overlaps the flag
    rater_severity: str  # the most severe of those spans, "" when none


def articles(units: list[dict[str, Any]], docs: set[str]) -> list[tuple[str, list[Segment]]]:
    """Per (document, system): the article text and where each segment sits in it."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for u in units:
        if u["doc"] in docs:
            grouped[(u["doc"], u["system"])].append(u)
    out = []
    for (doc, system), rows in sorted(grouped.items()):
        rows.sort(key=lambda r: int(r["docSegId"]))
        parts: list[str] = []
        segments: list[Segment] = []
        pos = 0
        for row in rows:
            target = str(row["target"])
            stripped = target.strip()
            lead = len(target) - len(target.lstrip())
            segments.append(
                Segment(
                    f"{system}|{doc}|{row['docSegId']}",
                    pos,
                    pos + len(stripped),
                    lead,
                    [e for e in row["errors"] if e["side"] == "target"],
                )
            )
            parts.append(stripped)
            pos += len(stripped) + 2
        out.append(("\n\n".join(parts) + "\n", segments))
    return out


def findings_of(text: str, config: Config) -> list[Finding]:
    result = process(Document.from_text(text), _RULES(config))
    return [f for f in result.findings if f.rule.startswith("artifact/")]


def flags_of(text: str, segments: list[Segment], config: Config) -> list[Flag]:
    starts = [s.start for s in segments]
    flags = []
    for f in findings_of(text, config):
        n = max(i for i, s in enumerate(starts) if s <= f.start) if f.start >= starts[0] else 0
        seg = segments[n]
        a, b = f.start - seg.start + seg.lead, max(f.end, f.start + 1) - seg.start + seg.lead
        hit = [e for e in seg.errors if a < int(e["end"]) and int(e["start"]) < b]
        worst = ""
        if hit:
            sev = {str(e["severity"]) for e in hit}
            worst = "Major" if "Major" in sev else "Minor" if "Minor" in sev else sorted(sev)[0]
        line_start = text.rfind("\n", 0, f.start) + 1
        line_end = text.find("\n", f.end)
        flags.append(
            Flag(
                f.rule,
                str(f.severity),
                seg.key,
                text[line_start : line_end if line_end >= 0 else len(text)],
                f.text,
                len({e["rater"] for e in hit}),
                worst,
            )
        )
    return flags


def measure(half: str, config: Config | None = None) -> tuple[list[Flag], int]:
    """Every flag on the half's articles, and the number of segments there."""
    units = load_units()
    docs = set(load_split()[half])
    config = config or default_config()
    flags: list[Flag] = []
    segments = 0
    for text, segs in articles(units, docs):
        segments += len(segs)
        flags += flags_of(text, segs, config)
    return flags, segments


def summarize(flags: list[Flag], segments: int) -> dict[str, Any]:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    flagged: dict[str, set[str]] = defaultdict(set)
    for fl in flags:
        keys = {rule_key(fl.rule), fl.rule, "all"}
        if fl.rule != "artifact/straight-quotes":
            keys.add("all but straight-quotes")  # the figure without the most frequent rule
        for key in keys:
            c = per[key]
            c["flags"] += 1
            c["any"] += fl.raters_any >= 1
            c["two"] += fl.raters_any >= 2
            if fl.raters_any:
                c["severity_match"] += RATER_SEVERITY[Severity(fl.severity)] == fl.rater_severity
            flagged[key].add(fl.segment)
    rows = {}
    for key in sorted(per, key=lambda k: (k.startswith("all"), k)):
        c = per[key]
        rows[key] = {
            "flags": c["flags"],
            "precision_any": round(c["any"] / c["flags"], 3),
            "precision_2plus": round(c["two"] / c["flags"], 3),
            "segments_flagged": round(len(flagged[key]) / segments, 4),
            "severity_match": round(c["severity_match"] / c["any"], 3) if c["any"] else None,
        }
    return {"segments": segments, "rules": rows}


def print_report(half: str, summary: dict[str, Any]) -> None:
    print(f"MQM WMT23 zh→en, {half} half: {summary['segments']} segments")
    print(f"{'rule':<46}{'flags':>6}{'any':>7}{'2+':>7}{'segs':>7}{'sev':>6}")
    for key, r in summary["rules"].items():
        sev = "" if r["severity_match"] is None else f"{r['severity_match']:.0%}"
        print(
            f"{key:<46}{r['flags']:>6}{r['precision_any']:>7.0%}{r['precision_2plus']:>7.0%}"
            f"{r['segments_flagged']:>7.1%}{sev:>6}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "heldout"), default="heldout")
    parser.add_argument("--write", action="store_true", help=f"write {REPORT.name} (held-out)")
    parser.add_argument("--show", metavar="RULE", help="print the flags of rules starting so")
    parser.add_argument(
        "--write-split", action="store_true", help=f"rebuild {SPLIT.name} from the corpus"
    )
    args = parser.parse_args()
    t0 = time.perf_counter()
    if args.write_split:
        write_split(load_units())
    halves = load_split()
    half = "heldout" if args.write else args.half
    flags, segments = measure(half)
    summary = summarize(flags, segments)
    print_report(half, summary)
    opt_flags, _ = measure(half, opt_in_config())
    opt_in = summarize(opt_flags, segments)
    opt_in["rules"] = {k: v for k, v in opt_in["rules"].items() if not k.startswith("all")}
    print("off by default (opt-in), measured alone:")
    print_report(half, opt_in)
    flags += opt_flags
    if args.show:
        for fl in flags:
            if fl.rule.startswith(args.show):
                mark = "+" * fl.raters_any or "-"
                print(f"{mark:<4}{fl.rule} ‘{fl.span_text}’ | {fl.text[:220]}")
    if args.write:
        report = (
            {
                "half": half,
                "documents": len(halves[half]),
                "thresholds": {
                    "min_precision_any": MIN_PRECISION,
                    "min_segments_flagged": MIN_SEGMENTS_FLAGGED,
                },
            }
            | summary
            | {"opt_in": opt_in["rules"]}
        )
        REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"({time.perf_counter() - t0:.1f}s)")


if __name__ == "__main__":
    main()
