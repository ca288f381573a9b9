"""`cleanup check` as a CI gate: what a finished article's report carries (score, location in
its corpus), which report format is written, and the exit code.

Exit codes: 0 nothing at or above the fail level (and no article below ``--min-score``), 1 findings
or low scores, 2 an input could not be read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cleanup.core.model import FileReport, Severity
from cleanup.engines.local import Outcome
from cleanup.gate.score import score, word_count

FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class Gate:
    fail_on: Severity = Severity.WARNING
    min_score: float | None = None
    exit_zero: bool = False


def finish(outcome: Outcome) -> FileReport:
    """The outcome's report with its score and, for a JSONL record, its corpus file and line."""
    report, source = outcome.report, outcome.source
    if source.line is not None:
        report.file, report.line = str(source.path), source.line
    if report.result is not None:
        report.words = word_count(report.result.original)
        report.score = score(report.result.findings, report.words)
    return report


def rescore(report: FileReport) -> FileReport:
    """Score again after suppressions dropped findings (baselined findings still count)."""
    if report.result is not None:
        report.score = score(report.result.findings, report.words)
    return report


def failing(report: FileReport, gate: Gate) -> bool:
    if report.result is None:
        return False
    low = gate.min_score is not None and report.score is not None and report.score < gate.min_score
    return low or any(f.severity.rank >= gate.fail_on.rank for f in report.result.findings)


def exit_code(reports: Iterable[FileReport], gates: Gate | Iterable[Gate]) -> int:
    """2 when an input was unreadable, else 1 when an article fails its gate (each article may
    have its own, from the settings file nearest to it), else 0."""
    reports = list(reports)
    per_report = [gates] * len(reports) if isinstance(gates, Gate) else list(gates)
    if any(r.error is not None for r in reports):
        return EXIT_ERROR
    fails = any(failing(r, g) for r, g in zip(reports, per_report, strict=True))
    return EXIT_FINDINGS if fails and not any(g.exit_zero for g in per_report[:1]) else EXIT_OK


class Stream:
    """A report format fed one article at a time: streaming formats (text, jsonl, json, github)
    write each article at once; whole-document formats (sarif, junit) keep them for the end."""

    def __init__(self, fmt: str, gate: Gate, color: bool = False) -> None:
        self.fmt, self.gate, self.color = fmt, gate, color  # color: text for a terminal
        self.kept: list[FileReport] = []
        self.streamer: Any = None  # the format's own incremental writer (github, json)
        if fmt == "github":
            from cleanup.report.github import Annotations

            self.streamer = Annotations()
        elif fmt == "json":
            from cleanup.report.json import Streamed

            self.streamer = Streamed()

    def feed(self, report: FileReport) -> str:
        if self.fmt == "text":
            from cleanup.report.text import body

            return body([report], self.gate.min_score, self.color)
        if self.fmt == "jsonl":
            from cleanup.report import jsonl

            return jsonl.render([report])
        if self.streamer is not None:
            return str(self.streamer.feed(report))
        self.kept.append(report)
        return ""

    def close(self) -> str:
        if self.streamer is not None:
            return str(self.streamer.close())
        return render(self.fmt, self.kept, self.gate) if self.kept else ""


def render(fmt: str, reports: list[FileReport], gate: Gate) -> str:
    """The report in format ``fmt`` (one of FORMATS)."""
    if fmt == "json":
        from cleanup.report import json

        return json.render(reports)
    if fmt == "jsonl":
        from cleanup.report import jsonl

        return jsonl.render(reports)
    if fmt == "sarif":
        from cleanup.report import sarif

        return sarif.render(reports)
    if fmt == "github":
        from cleanup.report import github

        return github.render(reports)
    if fmt == "junit":
        from cleanup.report import junit

        return junit.render(reports, gate.fail_on, gate.min_score)
    from cleanup.report import text

    return text.render(reports, gate.min_score)
