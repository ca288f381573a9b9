"""Where a finding is, for reports that point into files (SARIF, GitHub, JUnit).

A finding in a plain file is at its line and column in that file. A finding in a JSONL record is
at the record's line in the corpus file; its line and column inside the article's text are given
as ``text_line``/``text_column``.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleanup.core.document import line_col, line_starts
from cleanup.core.model import FileReport, Finding


@dataclass(frozen=True)
class Location:
    file: str
    line: int
    column: int | None
    end_line: int
    end_column: int | None
    text_line: int
    text_column: int
    record: str | None = None


class Locator:
    """Locations of one report's findings (line starts computed once)."""

    def __init__(self, report: FileReport) -> None:
        self.report = report
        original = report.result.original if report.result else ""
        self.starts = line_starts(original)
        self.record = report.path.rsplit("#", 1)[-1] if report.line is not None else None

    def __call__(self, finding: Finding) -> Location:
        line, column = line_col(self.starts, finding.start)
        end_line, end_column = line_col(self.starts, max(finding.end, finding.start))
        report = self.report
        if report.line is not None and report.file is not None:  # a JSONL record
            return Location(
                report.file, report.line, None, report.line, None, line, column, self.record
            )
        return Location(report.path, line, column, end_line, end_column, line, column)
