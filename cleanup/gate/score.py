"""A quality score per article from its findings, in the spirit of MQM.

Each finding costs a weight by severity (MQM's major/minor/minor-punctuation weights: error 5,
warning 1, info 0.1); the penalty is normalized per 100 words and subtracted from 100::

    score = max(0, 100 - 100 * sum(weights) / max(words, 1))

Applied (safe) fixes count too: the score describes the article as it arrived. Suppressed
findings do not.

>>> from cleanup.core.model import Finding, Severity
>>> f = Finding("r", "style", Severity.ERROR, 0, 1, "x", "m")
>>> score([f], words=200)
97.5
>>> score([], words=0)
100.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleanup.core.model import Finding, Severity

WEIGHTS = {Severity.ERROR: 5.0, Severity.WARNING: 1.0, Severity.INFO: 0.1}
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def word_count(text: str) -> int:
    """Words as MQM counts them, roughly: runs of letters and digits, with inner ' and -."""
    return len(_WORD.findall(text))


def score(findings: Iterable[Finding], words: int) -> float:
    penalty = sum(WEIGHTS[f.severity] for f in findings)
    return round(max(0.0, 100.0 - 100.0 * penalty / max(words, 1)), 1)
