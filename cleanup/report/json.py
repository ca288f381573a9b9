"""The JSON report: one deterministic document for a whole run.

``start``/``end`` are character offsets into the text as read; ``line``/``column`` are 1-based.
Each article carries its quality ``score`` (see :mod:`cleanup.gate.score`) and word count.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from cleanup.core.document import line_col, line_starts
from cleanup.core.model import FileReport, Finding

VERSION = 1


def finding_dict(finding: Finding, starts: list[int]) -> dict[str, Any]:
    line, column = line_col(starts, finding.start)
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.value,
        "line": line,
        "column": column,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "message": finding.message,
        "replacement": finding.replacement,
        "fix": finding.fix.value if finding.fix else None,
        "reason": finding.reason,
    }


def file_dict(report: FileReport) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": report.path}
    if report.line is not None:  # a JSONL record: its corpus file and line there
        entry["file"], entry["line"] = report.file, report.line
    if report.error is not None:
        entry["error"] = report.error
    if report.score is not None:
        entry["score"], entry["words"] = report.score, report.words
    if report.suppressed or report.baselined:
        entry["suppressed"], entry["baselined"] = report.suppressed, report.baselined
    entry["findings"] = []
    if report.result is not None:
        starts = line_starts(report.result.original)
        entry["findings"] = [finding_dict(f, starts) for f in report.result.findings]
    return entry


def render(reports: Iterable[FileReport]) -> str:
    document = {"version": VERSION, "files": [file_dict(r) for r in reports]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class Streamed:
    """``render``'s output an article at a time, byte for byte, so a corpus run holds no article
    until the end: ``feed`` each report, then ``close``."""

    def __init__(self) -> None:
        self.count = 0

    def feed(self, report: FileReport) -> str:
        item = json.dumps(file_dict(report), ensure_ascii=False, indent=2)
        head = f'{{\n  "version": {VERSION},\n  "files": [\n' if not self.count else ",\n"
        self.count += 1
        return head + "    " + item.replace("\n", "\n    ")

    def close(self) -> str:
        return "\n  ]\n}\n" if self.count else ""
