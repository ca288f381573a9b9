"""The report formats of `cleanup check`, fed one article at a time.

Streaming formats (text, jsonl, json, github) write each article as it comes; whole-document
formats (sarif, junit) keep the reports for the end.
"""

from __future__ import annotations

from typing import Any

from cleanup.core.model import FileReport
from cleanup.gate.decision import Gate

FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit")


class Stream:
    """One format's output, fed a report at a time; ``color``: text for a terminal."""

    def __init__(self, fmt: str, gate: Gate, color: bool = False) -> None:
        self.fmt, self.gate, self.color = fmt, gate, color
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
    """The whole report in format ``fmt`` (one of FORMATS)."""
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

        return junit.render(reports, gate)
    from cleanup.report import text

    return text.render(reports, gate.min_score)
