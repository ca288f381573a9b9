"""Running counts over a check, kept small so a corpus of any size can be reported as it streams:
the summary line and ``--statistics`` are made from these, not from the reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from cleanup.core.model import FileReport, Fix


@dataclass(frozen=True)
class Article:
    """One article's score, words and findings, for --statistics."""

    path: str
    score: float
    words: int
    findings: int


@dataclass
class Tally:
    """Running counts over a check (see the module's docstring)."""

    files: int = 0
    errors: int = 0
    suppressed: int = 0
    baselined: int = 0
    fixable: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    fixed: Counter[str] = field(default_factory=Counter)
    articles: list[Article] = field(default_factory=list)

    @classmethod
    def of(cls, reports: Iterable[FileReport]) -> Tally:
        tally = cls()
        for report in reports:
            tally.add(report)
        return tally

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.errors += report.error is not None
        self.suppressed += report.suppressed
        self.baselined += report.baselined
        findings = report.result.findings if report.result else []
        for finding in findings:
            self.severities[finding.severity.value] += 1
            self.rules[finding.rule] += 1
            self.fixed[finding.rule] += finding.applied
            self.fixable += finding.fix is Fix.SAFE
        if report.score is not None:
            self.articles.append(Article(report.path, report.score, report.words, len(findings)))
