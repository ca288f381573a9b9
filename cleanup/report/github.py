"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`` with the escaping the
runner expects (``%``, CR and LF in the message; also ``:`` and ``,`` in properties). GitHub shows
at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job); findings past
that are printed as plain log lines and counted in a closing notice, so none is lost from the log.

>>> escape_data("50% done\\nnext")
'50%25 done%0Anext'
>>> escape_property("a:b,c")
'a%3Ab%2Cc'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cleanup.model import FileReport, Severity
from cleanup.report.locate import Locator

PER_LEVEL = 10  # annotations GitHub shows per level and step
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Iterable[FileReport]) -> str:
    lines: list[str] = []
    shown: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    rows: list[tuple[str, str, str]] = []  # command, properties, message
    for report in reports:
        if report.error is not None:
            rows.append(
                (
                    "error",
                    f"file={escape_property(report.file or report.path)}",
                    f"{report.path}: {report.error}",
                )
            )
            continue
        assert report.result is not None
        locate = Locator(report)
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
    overflow = sum(1 for command, _, _ in rows if command == "notice") > PER_LEVEL
    for command, properties, message in rows:
        limit = PER_LEVEL - 1 if command == "notice" and overflow else PER_LEVEL
        if shown[command] < limit:
            shown[command] += 1
            lines.append(f"::{command} {properties}::{escape_data(message)}")
        else:
            hidden[command] += 1
            lines.append(f"{command}: {_plain(properties)}: {message}")
    if hidden:
        counts = ", ".join(f"{n} {c}{'s' * (n != 1)}" for c, n in sorted(hidden.items()))
        lines.append(
            f"::notice title=cleanup::{escape_data(counts)} more not annotated (GitHub shows "
            f"{PER_LEVEL} per level and step); they are listed in this log"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def _plain(props: str) -> str:
    values = dict(p.split("=", 1) for p in props.split(","))
    where = [values.get("file", "").replace("%3A", ":").replace("%2C", ",")]
    where += [values[k] for k in ("line", "col") if k in values]
    return ":".join(where)
