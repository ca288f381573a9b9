"""The data every stage, engine and writer shares: findings, results, severities.

A stage reports :class:`Finding` objects. A finding with a ``replacement`` and a ``fix`` is also an
edit: the pipeline applies it (safe fixes always, unsafe ones with ``--unsafe-fixes``) and marks it
``applied``, so the report explains every changed character.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __str__(self) -> str:
        return self.value


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Fix(StrEnum):
    """Whether ``fix`` may apply a replacement without a person looking at it."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


# Categories follow MQM's top levels, so reports line up with human translation-quality reviews.
CATEGORIES = (
    "encoding",
    "fluency/punctuation",
    "fluency/grammar",
    "fluency/spelling",
    "fluency/whitespace",
    "style",
    "terminology",
    "accuracy/mistranslation",
    "accuracy/untranslated",
    "locale",
)


@dataclass(frozen=True)
class Finding:
    """One problem at ``[start, end)`` of a text, with an optional replacement.

    Offsets are into the text the stage saw; the pipeline maps them back to the text as read.

    >>> f = Finding("punctuation/stray-dots", "fluency/punctuation", Severity.WARNING,
    ...             10, 13, " ..", "Stray '..' after a finished sentence", "", Fix.SAFE)
    >>> f.is_edit
    True
    """

    rule: str
    category: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    replacement: str | None = None
    fix: Fix | None = None
    reason: str = ""  # why this replacement: code page, gazetteer entry, score...
    applied: bool = False

    @property
    def is_edit(self) -> bool:
        return self.replacement is not None and self.fix is not None

    def with_(self, **changes: Any) -> Finding:
        return dataclasses.replace(self, **changes)


@dataclass
class Result:
    """What the pipeline made of one document."""

    original: str
    text: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def edits(self) -> list[Finding]:
        return [f for f in self.findings if f.applied]

    @property
    def flags(self) -> list[Finding]:
        return [f for f in self.findings if not f.applied]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


@dataclass
class FileReport:
    """One input of a run: its result, or the one-line error that stopped it."""

    path: str
    result: Result | None = None
    error: str | None = None
    # Where the article lives: the file (a JSONL corpus for a record) and the record's line there.
    file: str | None = None
    line: int | None = None
    score: float | None = None  # quality score, see cleanup.gate.score
    words: int = 0
    suppressed: int = 0  # findings dropped by suppression comments or files
    baselined: int = 0  # findings dropped because the baseline knows them
