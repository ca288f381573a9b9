"""The human-readable report: one line per finding, like a compiler or linter, and a summary."""

from __future__ import annotations

from collections.abc import Iterable

from cleanup.document import line_col, line_starts
from cleanup.model import FileReport, Finding, Fix
from cleanup.report.tally import Tally


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


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 finding", "2 findings", "0 fixes": the number and the noun that goes with it."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(reports: Iterable[FileReport], min_score: float | None = None) -> str:
    """Each finding, a score line per article with findings, and the summary line."""
    reports = list(reports)
    return body(reports, min_score) + summary(reports) + "\n"


def body(reports: list[FileReport], min_score: float | None = None) -> str:
    """Each finding and a score line per article with findings (or scoring below min_score)."""
    lines: list[str] = []
    for report in reports:
        if report.error is not None:
            continue  # one line on stderr (cleanup.app.error_line), counted in the summary
        assert report.result is not None
        starts = line_starts(report.result.original)
        for finding in report.result.findings:
            lines.append(finding_line(report.path, finding, starts))
        low = min_score is not None and report.score is not None and report.score < min_score
        if report.result.findings or low:
            lines.append(score_line(report, min_score if low else None))
    return "".join(line + "\n" for line in lines)


def score_line(report: FileReport, below: float | None = None) -> str:
    text = f"{report.path}: score {report.score:.1f} ({report.words} words)"
    return text + (f", below --min-score {below:g}" if below is not None else "")


def summary(reports: list[FileReport] | Tally, seconds: float | None = None) -> str:
    """One line: articles, findings by severity, fixable, what was left out, time."""
    tally = reports if isinstance(reports, Tally) else Tally.of(reports)
    severities = tally.severities
    files = tally.files
    total = sum(severities.values())
    head = f"{files} article{'s' * (files != 1)} checked"
    if not total:
        text = f"{head}: no findings"
    else:
        parts = ", ".join(
            f"{severities[s]} {s}" for s in ("error", "warning", "info") if severities[s]
        )
        text = (
            f"{head}: {total} finding{'s' * (total != 1)} ({parts}); "
            f"{tally.fixable} fixable with `cleanup fix`"
        )
    extra = [
        f"{n} {what}"
        for n, what in (
            (tally.errors, "unreadable"),
            (tally.suppressed, "suppressed"),
            (tally.baselined, "in baseline"),
        )
        if n
    ]
    if extra:
        text += f" [{', '.join(extra)}]"
    if seconds is not None:
        text += f" in {seconds:.1f}s"
    return text + "."
