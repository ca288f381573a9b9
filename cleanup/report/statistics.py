"""`--statistics`: findings counted per rule, and the articles with the lowest scores."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cleanup.model import FileReport

WORST = 10


def render(reports: Iterable[FileReport]) -> str:
    reports = list(reports)
    counts: Counter[str] = Counter()
    fixed: Counter[str] = Counter()
    for report in reports:
        for finding in report.result.findings if report.result else ():
            counts[finding.rule] += 1
            fixed[finding.rule] += finding.applied
    lines = ["Findings per rule:"]
    if not counts:
        lines.append("  none")
    width = max((len(rule) for rule in counts), default=0)
    for rule, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {n:>6}  {rule.ljust(width)}  ({fixed[rule]} fixable)")
    scored = [r for r in reports if r.score is not None]
    worst = sorted(scored, key=lambda r: (r.score, r.path))[:WORST]
    if worst:
        lines.append(f"Lowest scores ({len(worst)} of {len(scored)} articles):")
        for report in worst:
            n = len(report.result.findings) if report.result else 0
            lines.append(
                f"  {report.score:>5.1f}  {report.path}  ({n} findings, {report.words} words)"
            )
    return "\n".join(lines) + "\n"
