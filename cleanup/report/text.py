"""The human-readable report: one line per finding, like a compiler or linter, and a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cleanup.document import line_col, line_starts
from cleanup.model import FileReport, Finding, Fix


def finding_line(path: str, finding: Finding, starts: list[int]) -> str:
    line, column = line_col(starts, finding.start)
    text = f"{path}:{line}:{column}: {finding.severity.value} [{finding.rule}] {finding.message}"
    if finding.text:
        text += f": {_short(finding.text)!r}"
    if finding.replacement is not None:
        verb = "fixed" if finding.applied else ("fix" if finding.fix is Fix.SAFE else "suggest")
        text += f" ({verb}: {_short(finding.replacement)!r})"
    if finding.reason and finding.reason != finding.message:
        text += f" — {finding.reason}"
    return text


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(reports: Iterable[FileReport]) -> str:
    lines: list[str] = []
    severities: Counter[str] = Counter()
    files = fixable = 0
    for report in reports:
        files += 1
        if report.error is not None:
            lines.append(f"{report.path}: error: {report.error}")
            continue
        assert report.result is not None
        starts = line_starts(report.result.original)
        for finding in report.result.findings:
            lines.append(finding_line(report.path, finding, starts))
            severities[finding.severity.value] += 1
            fixable += finding.fix is Fix.SAFE
    lines.append(summary(files, severities, fixable))
    return "\n".join(lines) + "\n"


def summary(files: int, severities: Counter[str], fixable: int) -> str:
    total = sum(severities.values())
    if not total:
        return f"{files} file{'s' * (files != 1)} checked: no findings."
    parts = ", ".join(f"{severities[s]} {s}" for s in ("error", "warning", "info") if severities[s])
    return (
        f"{files} file{'s' * (files != 1)} checked: {total} finding{'s' * (total != 1)} "
        f"({parts}); {fixable} fixable with `cleanup fix`."
    )
