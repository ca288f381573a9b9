"""JUnit XML, for CI systems that show test reports: one test case per article, failing when it
has findings at or above the fail level or scores below ``--min-score``; an unreadable input is an
error. Each case carries the article's score as a property."""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree as ET

from cleanup.core.document import line_col, line_starts
from cleanup.core.model import FileReport
from cleanup.gate.decision import Gate, verdict


def render(reports: Iterable[FileReport], gate: Gate | None = None) -> str:
    gate = gate or Gate()
    reports = list(reports)
    suite = ET.Element("testsuite", name="cleanup", tests=str(len(reports)))
    failures = errors = 0
    for report in reports:
        case = ET.SubElement(suite, "testcase", classname="cleanup", name=report.path)
        if report.score is not None:
            props = ET.SubElement(case, "properties")
            ET.SubElement(props, "property", name="score", value=f"{report.score:.1f}")
            ET.SubElement(props, "property", name="words", value=str(report.words))
        if report.error is not None:
            errors += 1
            ET.SubElement(case, "error", message=report.error, type="input")
            continue
        assert report.result is not None
        decided = verdict(report, gate)
        if decided.fails:
            failures += 1
            starts = line_starts(report.result.original)
            lines = []
            for f in report.result.findings:
                line, column = line_col(starts, f.start)
                lines.append(f"{line}:{column}: {f.severity} [{f.rule}] {f.message}: {f.text!r}")
            if decided.low_score:
                lines.append(f"score {report.score:.1f} below --min-score {gate.min_score:g}")
            n = len(decided.failing)
            summary = f"{n} finding{'s' * (n != 1)}" + (
                f", score {report.score:.1f}" if report.score is not None else ""
            )
            failure = ET.SubElement(case, "failure", message=summary, type="cleanup")
            failure.text = "\n".join(lines)
        elif report.result.findings:
            out = ET.SubElement(case, "system-out")
            out.text = f"{len(report.result.findings)} findings below the fail level"
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suites = ET.Element("testsuites", name="cleanup", tests=suite.get("tests", "0"))
    suites.set("failures", str(failures))
    suites.set("errors", str(errors))
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
