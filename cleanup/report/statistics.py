"""`--statistics`: findings counted per rule, and the articles with the lowest scores."""

from __future__ import annotations

from collections.abc import Iterable

from cleanup.core.model import FileReport
from cleanup.report.tally import Tally
from cleanup.report.text import counted

WORST = 10


def render(reports: Iterable[FileReport] | Tally) -> str:
    tally = reports if isinstance(reports, Tally) else Tally.of(reports)
    counts, fixed = tally.rules, tally.fixed
    lines = ["Findings per rule:"]
    if not counts:
        lines.append("  none")
    width = max((len(rule) for rule in counts), default=0)
    for rule, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {n:>6}  {rule.ljust(width)}  ({fixed[rule]} fixable)")
    scored = tally.articles
    worst = sorted(scored, key=lambda a: (a.score, a.path))[:WORST]
    if worst:
        lines.append(f"Lowest scores ({len(worst)} of {counted(len(scored), 'article')}):")
        for a in worst:
            found = f"{counted(a.findings, 'finding')}, {counted(a.words, 'word')}"
            lines.append(f"  {a.score:>5.1f}  {a.path}  ({found})")
    return "\n".join(lines) + "\n"
