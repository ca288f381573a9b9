"""The one pass/fail decision of `cleanup check` as a CI gate, and the exit codes it leads to.

An article fails its gate when it has a finding at or above the fail level or scores below the
lowest passing score; every report format and the exit code ask :func:`verdict`.

>>> from cleanup.core.model import FileReport, Finding, Result, Severity
>>> flag = Finding("punctuation/stray-dots", "fluency/punctuation", Severity.WARNING, 0, 3, " ..",
...                "Stray '..'")
>>> report = FileReport("a.txt", Result("x", "x", [flag]), score=80.0)
>>> verdict(report, Gate()).fails, verdict(report, Gate(Severity.ERROR)).fails
(True, False)
>>> verdict(report, Gate(Severity.ERROR, min_score=90)).low_score
True
"""

from __future__ import annotations

from dataclasses import dataclass

from cleanup.core.model import FileReport, Finding, Severity


@dataclass(frozen=True)
class Gate:
    """When a run fails: a finding's severity, the score, --exit-zero."""

    fail_on: Severity = Severity.WARNING
    min_score: float | None = None
    exit_zero: bool = False


@dataclass(frozen=True)
class Verdict:
    """Why an article fails its gate: its findings at or above the fail level, a low score."""

    failing: tuple[Finding, ...] = ()
    low_score: bool = False

    @property
    def fails(self) -> bool:
        return bool(self.failing) or self.low_score


def verdict(report: FileReport, gate: Gate) -> Verdict:
    """The gate's decision on one article (an unreadable input is an error, not a verdict)."""
    if report.result is None:
        return Verdict()
    failing = tuple(f for f in report.result.findings if f.severity.rank >= gate.fail_on.rank)
    low = gate.min_score is not None and report.score is not None and report.score < gate.min_score
    return Verdict(failing, low)
