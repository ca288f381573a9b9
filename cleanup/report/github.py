"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`` with the escaping the
runner expects (``%``, CR and LF in the message; also ``:`` and ``,`` in properties). GitHub shows
at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job); findings past
that are printed as plain log lines and counted in a closing notice (for which one notice is kept
free), so none is lost from the log. Reports are written as they come.

>>> escape_data("50% done\\nnext")
'50%25 done%0Anext'
>>> escape_property("a:b,c")
'a%3Ab%2Cc'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cleanup.core.model import FileReport, Severity
from cleanup.report.locate import Locator

PER_LEVEL = 10  # annotations GitHub shows per level and step
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Annotations:
    """Workflow commands for reports as they come, capped per level; :meth:`close` adds the
    notice counting what was not annotated (one notice is kept free for it)."""

    def __init__(self) -> None:
        self.shown: Counter[str] = Counter()
        self.hidden: Counter[str] = Counter()

    def feed(self, report: FileReport) -> str:
        lines = []
        for command, properties, message in _rows(report):
            limit = PER_LEVEL - 1 if command == "notice" else PER_LEVEL
            if self.shown[command] < limit:
                self.shown[command] += 1
                lines.append(f"::{command} {properties}::{escape_data(message)}")
            else:
                self.hidden[command] += 1
                lines.append(f"{command}: {_plain(properties)}: {message}")
        return "".join(line + "\n" for line in lines)

    def close(self) -> str:
        if not self.hidden:
            return ""
        counts = ", ".join(f"{n} {c}{'s' * (n != 1)}" for c, n in sorted(self.hidden.items()))
        return (
            f"::notice title=cleanup::{escape_data(counts)} more not annotated (GitHub shows "
            f"{PER_LEVEL} per level and step); they are listed in this log\n"
        )


def render(reports: Iterable[FileReport]) -> str:
    annotations = Annotations()
    return "".join(annotations.feed(r) for r in reports) + annotations.close()


def _rows(report: FileReport) -> list[tuple[str, str, str]]:
    """(command, properties, message) per finding of ``report``."""
    if report.error is not None:
        at = f"file={escape_property(report.file or report.path)}"
        if report.line is not None:
            at += f",line={report.line}"
        return [("error", at, f"{report.path}: {report.error}")]
    assert report.result is not None
    locate = Locator(report)
    rows = []
    for finding in report.result.findings:
        where = locate(finding)
        props = [f"file={escape_property(where.file)}", f"line={where.line}"]
        if where.column is not None:
            props.append(f"col={where.column}")
        props.append(f"endLine={where.end_line}")
        if where.end_column is not None:
            props.append(f"endColumn={where.end_column}")
        title = f"cleanup [{finding.rule}]"
        if report.score is not None:
            title += f" article score {report.score:.1f}"
        props.append(f"title={escape_property(title)}")
        message = finding.message + (f": '{finding.text}'" if finding.text else "")
        if finding.replacement is not None:
            message += f" → '{finding.replacement}'"
        if where.record is not None:
            message = f"{where.record}:{where.text_line}:{where.text_column}: {message}"
        rows.append((COMMANDS[finding.severity], ",".join(props), message))
    return rows


def _plain(props: str) -> str:
    values = dict(p.split("=", 1) for p in props.split(","))
    where = [values.get("file", "").replace("%3A", ":").replace("%2C", ",")]
    where += [values[k] for k in ("line", "col") if k in values]
    return ":".join(where)
