"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

The run lists every rule that has a result in ``tool.driver.rules`` (id, short and full
description, help, default level); each result names its rule, level, a physical location with a
region in Unicode code points (``columnKind``) and a ``partialFingerprints`` entry built from the
rule, path and surrounding text, the same identity baselines use. Articles are listed as
``artifacts`` with their quality score in ``properties``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from cleanup import __version__
from cleanup.core.model import FileReport, Finding, Severity
from cleanup.gate.baseline import fingerprint
from cleanup.report.locate import Locator

SCHEMA = (
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(reports: Iterable[FileReport]) -> str:
    return json.dumps(document(reports), ensure_ascii=False, indent=2) + "\n"


def document(reports: Iterable[FileReport]) -> dict[str, Any]:
    from cleanup.rules.loader import load_rules

    ruleset = load_rules()
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    notifications: list[dict[str, Any]] = []
    for report in reports:
        uri = _uri(report.file if report.line is not None and report.file else report.path)
        if uri not in artifact_index:
            artifact_index[uri] = len(artifacts)
            artifacts.append({"location": {"uri": uri}, "properties": {"articles": []}})
        index = artifact_index[uri]
        article: dict[str, Any] = {"path": report.path}
        if report.score is not None:
            article |= {"score": report.score, "words": report.words}
        artifacts[index]["properties"]["articles"].append(article)
        if report.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{report.path}: {report.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            continue
        assert report.result is not None
        locate = Locator(report)
        seen: dict[str, int] = {}
        for finding in report.result.findings:
            if finding.rule not in rules:
                rules[finding.rule] = _descriptor(finding, ruleset)
            results.append(_result(report, finding, locate, uri, index, seen))
    ids = sorted(rules)
    positions = {rule_id: i for i, rule_id in enumerate(ids)}
    for result in results:
        result["ruleIndex"] = positions[result["ruleId"]]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "cleanup",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rules[i] for i in ids],
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder checked from"}}},
        "artifacts": artifacts,
        "results": results,
    }
    if notifications:
        run["invocations"] = [
            {"executionSuccessful": False, "toolExecutionNotifications": notifications}
        ]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _uri(path: str) -> str:
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return posix.as_uri()
    return str(posix).removeprefix("./")


def _descriptor(finding: Finding, ruleset: Any) -> dict[str, Any]:
    rule = ruleset.get(finding.rule)
    short = rule.message if rule is not None else finding.message
    full = (rule.description.strip() if rule is not None and rule.description else "") or short
    return {
        "id": finding.rule,
        "name": "".join(part.title() for part in finding.rule.replace("-", "/").split("/")),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {
            "text": f"{full}\n\nRun `cleanup rules {finding.rule}` for examples.",
            "markdown": f"{full}\n\nRun `cleanup rules {finding.rule}` for examples.",
        },
        "defaultConfiguration": {
            "level": LEVELS[rule.severity if rule is not None else finding.severity]
        },
        "properties": {"category": finding.category, "tags": [finding.category]},
    }


def _result(
    report: FileReport,
    finding: Finding,
    locate: Locator,
    uri: str,
    index: int,
    seen: dict[str, int],
) -> dict[str, Any]:
    assert report.result is not None
    where = locate(finding)
    region: dict[str, Any] = {"startLine": where.line, "endLine": where.end_line}
    if where.column is not None and where.end_column is not None:
        region |= {"startColumn": where.column, "endColumn": max(where.end_column, where.column)}
        if finding.text:
            region["snippet"] = {"text": finding.text}
    print_ = fingerprint(report.path, finding, report.result.original)
    seen[print_] = seen.get(print_, 0) + 1
    message = finding.message
    if finding.text:
        message += f": '{finding.text}'"
    if finding.replacement is not None:
        message += f" → '{finding.replacement}'"
    properties: dict[str, Any] = {"category": finding.category, "applied": finding.applied}
    if where.record is not None:
        properties |= {
            "record": where.record,
            "textLine": where.text_line,
            "textColumn": where.text_column,
        }
        message = f"{where.record}:{where.text_line}:{where.text_column}: {message}"
    if finding.reason:
        properties["reason"] = finding.reason
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%", "index": index}
                    if not uri.startswith("file:")
                    else {"uri": uri, "index": index},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"cleanupContext/v1": f"{print_}:{seen[print_]}"},
        "properties": properties,
    }
    if finding.replacement is not None and finding.fix is not None and where.column is not None:
        result["fixes"] = [
            {
                "description": {"text": finding.reason or finding.message},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri, "index": index},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": where.line,
                                    "startColumn": where.column,
                                    "endLine": where.end_line,
                                    "endColumn": max(where.end_column or 1, where.column),
                                },
                                "insertedContent": {"text": finding.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result
