"""Baselines: today's findings recorded, so that CI fails only on findings added later.

A finding is identified by its rule, its article's path and the text around it (the finding's
text and up to :data:`CONTEXT` characters either side, within its line), never by its line
number: adding a paragraph above an old finding does not make it new. Matching runs in two
passes: first by that fingerprint, then, among what is left, by rule and finding text alone, so an
old finding whose neighbourhood was edited still matches as long as no more of its kind appeared.

>>> from cleanup.core.model import Finding, Severity
>>> text = "He left. .. Then he came back."
>>> f = Finding("punctuation/stray-dots", "fluency/punctuation", Severity.WARNING, 8, 11, " ..", "")
>>> moved = "A new paragraph.\\n\\n" + text
>>> fingerprint("a.txt", f, text) == fingerprint("a.txt", f.with_(start=26, end=29), moved)
True
>>> context(text, f.start, f.end)
'He left. .. Then he came back.'
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cleanup.core.model import FileReport, Finding
from cleanup.errors import InputError

VERSION = 1
CONTEXT = 24


def context(text: str, start: int, end: int) -> str:
    """The finding's text with up to CONTEXT characters either side, within its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    window = text[max(line_start, start - CONTEXT) : min(line_end, end + CONTEXT)]
    return " ".join(window.split())


def normal_path(path: str) -> str:
    return Path(path).as_posix().removeprefix("./")


def fingerprint(path: str, finding: Finding, text: str) -> str:
    key = "\0".join((finding.rule, normal_path(path), context(text, finding.start, finding.end)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Entry:
    path: str
    rule: str
    text: str
    fingerprint: str


def entries(report: FileReport) -> list[Entry]:
    if report.result is None:
        return []
    original = report.result.original
    path = normal_path(report.path)
    return [
        Entry(path, f.rule, f.text, fingerprint(report.path, f, original))
        for f in report.result.findings
    ]


def write(path: Path, reports: Iterable[FileReport] | Iterable[Entry]) -> int:
    """Record every finding of ``reports`` (or these entries) in ``path``; the number recorded."""
    rows = sorted(
        (e for item in reports for e in ([item] if isinstance(item, Entry) else entries(item))),
        key=lambda e: (e.path, e.rule, e.fingerprint),
    )
    data = {
        "version": VERSION,
        "tool": "cleanup",
        "findings": [
            {"path": e.path, "rule": e.rule, "text": e.text, "fingerprint": e.fingerprint}
            for e in rows
        ],
    }
    from cleanup.io.writers import atomic_write

    body = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    atomic_write(path, body.encode("utf-8"))
    return len(rows)


class Baseline:
    """The findings a baseline file knows, per path."""

    def __init__(self, rows: Iterable[Entry]) -> None:
        self.by_path: dict[str, list[Entry]] = {}
        for row in rows:
            self.by_path.setdefault(row.path, []).append(row)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            rows = [
                Entry(r["path"], r["rule"], r["text"], r["fingerprint"]) for r in data["findings"]
            ]
        except FileNotFoundError:
            raise InputError(f"{path}: no such baseline file") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: not a cleanup baseline ({exc})") from None
        return cls(rows)

    def filter(self, report: FileReport) -> FileReport:
        """``report`` without the findings the baseline knows (counted in ``baselined``)."""
        known = self.by_path.get(normal_path(report.path))
        if not known or report.result is None:
            return report
        findings = report.result.findings
        mine = entries(report)
        exact = Counter(e.fingerprint for e in known)
        new: list[int] = []
        for i, entry in enumerate(mine):
            if exact[entry.fingerprint] > 0:
                exact[entry.fingerprint] -= 1
            else:
                new.append(i)
        # leftovers: baseline entries not matched exactly, matched by rule and text
        leftover: Counter[tuple[str, str]] = Counter()
        for entry in known:
            if exact[entry.fingerprint] > 0:
                exact[entry.fingerprint] -= 1
                leftover[(entry.rule, entry.text)] += 1
        still_new = []
        for i in new:
            key = (mine[i].rule, mine[i].text)
            if leftover[key] > 0:
                leftover[key] -= 1
            else:
                still_new.append(i)
        report.result.findings = [findings[i] for i in still_new]
        report.baselined += len(findings) - len(still_new)
        return report
