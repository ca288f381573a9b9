"""Mojibake repair on the round-trip set (tests/data/mojibake_roundtrip.jsonl): how often
``fix(corrupt(x)) == fix(x)``, and how often a repair came out wrong, per code page and kind.

    python bench/quality_encoding.py                  # the held-out part (the reported figures)
    python bench/quality_encoding.py --part tuning    # the part the stage was tuned on
    python bench/quality_encoding.py --ftfy           # ftfy alone (news-safe), for comparison
    python bench/quality_encoding.py --show 20        # also list up to 20 misses and wrong repairs

The thresholds (≥ 99 % round trip, no wrong repair on the held-out part) are asserted by
tests/test_mojibake_set.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402

from cleanup.core.document import Document  # noqa: E402
from cleanup.core.pipeline import process  # noqa: E402
from cleanup.settings.config import Config  # noqa: E402
from cleanup.stages import compile_rules  # noqa: E402
from cleanup.stages.encoding import news_safe  # noqa: E402
from tests.mojibake_set import CODEPAGES, Outcome, evaluate, load  # noqa: E402

RULES = compile_rules(Config(select=("encoding",)))


def fix_with_cleanup(text: str) -> tuple[str, bool]:
    result = process(Document(text), RULES)
    return result.text, bool(result.flags)


def fix_with_ftfy(text: str) -> tuple[str, bool]:
    """ftfy with the stage's news-safe configuration (typography kept), line by line as the stage
    runs it."""
    return ftfy.fix_text(text, config=news_safe()), False


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.2f}%" if whole else "     -"


def report(outcome: Outcome, title: str) -> str:
    lines = [
        title,
        f"  round trip   {outcome.ok:5d} / {outcome.total:5d}  {_pct(outcome.ok, outcome.total)}",
        f"  missed       {outcome.missed:5d}          {_pct(outcome.missed, outcome.total)}"
        f"  (flagged: {outcome.flagged})",
        f"  wrong repair {outcome.wrong:5d}          {_pct(outcome.wrong, outcome.total)}",
        "",
        f"  {'code page':<13} {'cases':>6} {'ok':>8} {'missed':>7} {'wrong':>6}",
    ]
    for name, table in (("codepage", outcome.by_codepage), ("kind", outcome.by_kind)):
        keys = [c for c in CODEPAGES if c in table] if name == "codepage" else sorted(table)
        if name == "kind":
            lines += ["", f"  {'kind':<13} {'cases':>6} {'ok':>8} {'missed':>7} {'wrong':>6}"]
        for key in keys:
            row = table[key]
            lines.append(
                f"  {key:<13} {row['total']:6d} {_pct(row['ok'], row['total']):>8}"
                f" {row['missed']:7d} {row['wrong']:6d}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("held-out", "tuning", "all"), default="held-out")
    parser.add_argument("--ftfy", action="store_true", help="measure ftfy.fix_text alone")
    parser.add_argument("--show", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    rows = load(None if args.part == "all" else args.part)
    fixer = fix_with_ftfy if args.ftfy else fix_with_cleanup
    outcome = evaluate(rows, fixer)
    who = "ftfy alone (news-safe configuration)" if args.ftfy else "cleanup, encoding stage"
    print(report(outcome, f"{who}, {args.part} part ({len(rows)} cases)"))
    if args.show:
        for label, listed in (("wrong", outcome.wrong_cases), ("missed", outcome.missed_cases)):
            for case_id, corrupt, output, expected in listed[: args.show]:
                print(f"\n{label} {case_id}\n  in:   {corrupt!r}\n  out:  {output!r}")
                print(f"  want: {expected!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
