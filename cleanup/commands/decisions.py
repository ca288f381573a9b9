"""Decisions made on the HTML review page, exported as JSON and applied without asking.

The page saves (``Export decisions``)::

    {"version": 1, "article": {"path": "a.txt", "sha256": "<of the text as read>"},
     "findings": [{"id": 3, "change": "c2", "rule": "encoding/mojibake", "start": 3326,
                   "end": 3333, "text": "Sergeń≠", "replacement": "Sergeĭ",
                   "decision": "accept"}, ...]}

A change (one or more edits to the same words) is applied when every one of its findings is
accepted, a flag's suggestion when it is accepted; anything not named is left as read. Findings are
matched by rule and span, so the file holds for the text it was made for only: another text (its
hash differs) is refused. Every safe change accepted and nothing else gives what ``fix`` gives.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cleanup.core.edits import apply_edits
from cleanup.core.model import Finding, Result
from cleanup.errors import CleanupError
from cleanup.io.readers import shown
from cleanup.report.diff.changes import changes, suggestions, text_hash

ACCEPT, REJECT = "accept", "reject"


def key(finding: Finding) -> tuple[str, int, int]:
    """How a decision names its finding: rule and span in the text as read."""
    return finding.rule, finding.start, finding.end


def read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CleanupError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CleanupError(f"{shown(path)}: not a decisions file: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise CleanupError(f"{shown(path)}: not a decisions file (no list of findings)")
    return data


def apply_file(path: Path, name: str, result: Result) -> Result:
    """``result`` with the decisions of the file at ``path`` applied instead of ``fix``'s."""
    data = read(path)
    article = data.get("article") if isinstance(data.get("article"), dict) else {}
    made_for = article.get("sha256") if isinstance(article, dict) else None
    if made_for != text_hash(result.original):
        other = article.get("path") if isinstance(article, dict) else None
        raise CleanupError(
            f"{shown(path)}: decisions made for another text ({other or 'unnamed'}, "
            f"sha256 {str(made_for)[:12]}), not for {name} as it is now; not applied"
        )
    accepted = {
        (entry.get("rule"), entry.get("start"), entry.get("end"))
        for entry in data["findings"]
        if isinstance(entry, dict) and entry.get("decision") == ACCEPT
    }
    return apply(result, accepted)


def apply(result: Result, accepted: set[tuple[Any, Any, Any]]) -> Result:
    """The result with the accepted changes and suggestions (by rule, start, end) applied."""
    chosen = changes(result)
    edits: list[tuple[int, int, str]] = []
    applied: set[int] = set()
    for change in chosen:
        if all(key(f) in accepted for f in change.findings):
            edits.append((change.start, change.end, change.new))
            applied.update(id(f) for f in change.findings)
    for flag in suggestions(result, chosen):
        if key(flag) in accepted:
            edits.append((flag.start, flag.end, flag.replacement or ""))
            applied.add(id(flag))
    text, _ = apply_edits(result.original, edits)
    findings = [f.with_(applied=id(f) in applied) for f in result.findings]
    return Result(result.original, text, findings)
