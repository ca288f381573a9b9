"""The human-readable report: one line per finding, like a compiler or linter, and a summary."""

from __future__ import annotations

from collections.abc import Iterable

import click

from cleanup.core.document import line_col, line_starts
from cleanup.core.model import FileReport, Finding, Fix, Severity
from cleanup.report.tally import Tally

COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def finding_line(path: str, finding: Finding, starts: list[int], color: bool = False) -> str:
    """One finding as `check` reports it: nothing is written, so an applied edit is what `fix`
    *would* do. Each phrase is named once: what the message already quotes (a calque's
    ‘iron wall’ → ‘ironclad’) is not quoted again, nor is a reason's restatement of it."""
    line, column = line_col(starts, finding.start)
    severity, rule = finding.severity.value, finding.rule
    if color:
        severity = click.style(severity, fg=COLORS[finding.severity], bold=True)
        rule = click.style(rule, fg="cyan")
    text = f"{path}:{line}:{column}: {severity} [{rule}] {finding.message}"
    if finding.text and not _quotes(finding.message, finding.text):
        text += f": {_short(finding.text)!r}"
    if finding.replacement is not None:
        if finding.applied:
            verb = noun = "would fix"
        elif finding.fix is Fix.SAFE:
            verb = noun = "fixable"
        else:
            verb, noun = "suggest", "suggestion"
        if _quotes(finding.message, finding.replacement):
            text += f" ({noun})"
        else:
            text += f" ({verb}: {_short(finding.replacement)!r})"
    reason = _without_restatement(finding.reason, finding)
    if reason and reason != finding.message:
        text += f" — {reason}"
    return text


def _quotes(message: str, phrase: str) -> bool:
    """Whether ``message`` already quotes ``phrase``."""
    return bool(phrase) and any(f"{a}{phrase}{b}" in message for a, b in ("‘’", "“”", "''", '""'))


def _without_restatement(reason: str, finding: Finding) -> str:
    """``reason`` less a closing restatement of the change ("phrase list X: ‘a’ → ‘b’" when the
    message or the line already says ‘a’ → ‘b’)."""
    head, _, tail = reason.partition(": ")
    change = f"{finding.text} → {finding.replacement}"
    return head if tail and (tail in finding.message or tail == change) else reason


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 finding", "2 findings", "0 fixes": the number and the noun that goes with it."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(reports: Iterable[FileReport], min_score: float | None = None) -> str:
    """Each finding, a score line per article with findings, and the summary line."""
    reports = list(reports)
    return body(reports, min_score) + summary(reports) + "\n"


def body(reports: list[FileReport], min_score: float | None = None, color: bool = False) -> str:
    """Each finding and a score line per article with findings (or scoring below min_score)."""
    lines: list[str] = []
    for report in reports:
        if report.error is not None:
            continue  # one line on stderr (commands.common.error_line), counted in the summary
        assert report.result is not None
        starts = line_starts(report.result.original)
        for finding in report.result.findings:
            lines.append(finding_line(report.path, finding, starts, color))
        low = min_score is not None and report.score is not None and report.score < min_score
        if report.result.findings or low:
            lines.append(score_line(report, min_score if low else None))
    return "".join(line + "\n" for line in lines)


def score_line(report: FileReport, below: float | None = None) -> str:
    text = f"{report.path}: score {report.score:.1f} ({counted(report.words, 'word')})"
    return text + (f", below --min-score {below:g}" if below is not None else "")


def summary(reports: list[FileReport] | Tally, seconds: float | None = None) -> str:
    """One line: articles, findings by severity, fixable, what was left out, time."""
    tally = reports if isinstance(reports, Tally) else Tally.of(reports)
    severities = tally.severities
    files = tally.files
    total = sum(severities.values())
    head = f"{counted(files, 'article')} checked"
    if not total:
        text = f"{head}: no findings"
    else:
        nouns = {"error": "errors", "warning": "warnings", "info": "info"}
        parts = ", ".join(counted(severities[s], s, nouns[s]) for s in nouns if severities[s])
        text = (
            f"{head}: {counted(total, 'finding')} ({parts}); "
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
