"""The changes of a result as a reviewer decides them: in text order, one per stretch of words.

Stages run one after another, so one stretch of words can be changed twice (a mojibake repair,
then the name it revealed). A reviewer decides on the words, not on each step: edits whose spans
in the text as read overlap or touch, and the word hunks that show them, are one :class:`Change`
from the words as read to the words as ``fix`` leaves them, with every step's finding (reason).

Applying every change gives exactly ``result.text``; leaving one out keeps its words as read.

>>> from cleanup.core.model import Finding, Fix, Result, Severity, Severity, Fix
>>> def edit(rule, start, end, text, new):
...     return Finding(rule, "x", Severity.ERROR, start, end, text, "m", new, Fix.SAFE,
...                    applied=True)
>>> result = Result("Minister Sergeń≠ Viklov said. ..", "Minister Sergey Lavrov said.", [
...     edit("encoding/mojibake", 9, 16, "Sergeń≠", "Sergeĭ"),
...     edit("names/role-anchored", 9, 23, "Sergeń≠ Viklov", "Sergey Lavrov"),
...     edit("punctuation/stray-dots", 29, 32, " ..", "")])
>>> for change in changes(result):
...     print(repr(change.old), repr(change.new), change.rules)
'Sergeń≠ Viklov' 'Sergey Lavrov' ('encoding/mojibake', 'names/role-anchored')
' ..' '' ('punctuation/stray-dots',)
>>> apply_changes(result.original, changes(result), [True, False])
'Minister Sergey Lavrov said. ..'
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from cleanup.core.model import Finding, Fix, Result, Severity
from cleanup.report.diff.hunks import hunks


@dataclass(frozen=True)
class Change:
    """``old`` (the text as read at ``[start, end)``) becomes ``new``; ``findings`` say why."""

    start: int
    end: int
    old: str
    new: str
    findings: tuple[Finding, ...]

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(f.rule for f in self.findings)


def changes(result: Result) -> list[Change]:
    """The result's applied edits grouped into changes, in text order."""
    changed = hunks(result.original, result.text)
    # spans of hunks (kind 0) and edits (kind 1), merged where they overlap or touch
    spans = sorted(
        [(s, e, 0, i) for i, (s, e, _) in enumerate(changed)]
        + [(f.start, f.end, 1, i) for i, f in enumerate(result.edits)]
    )
    edits = result.edits
    original = result.original
    groups: list[tuple[int, int, list[int], list[int]]] = []
    reach_kind = -1  # whether the span reaching furthest in the latest group is a hunk or an edit
    for start, end, kind, index in spans:
        reach = groups[-1][1] if groups else -1
        # Touching spans are one change inside a word, at one point, or when a hunk touches an
        # edit (a character diff may align an edit's words differently from the edit).
        inside_word = 0 < start < len(original) and not (
            original[start - 1].isspace() or original[start].isspace()
        )
        touching = start == reach and (inside_word or start == end or kind != reach_kind)
        if start < reach or touching:
            g_start, g_end, g_hunks, g_edits = groups[-1]
            if end > g_end:
                reach_kind = kind
            groups[-1] = (g_start, max(g_end, end), g_hunks, g_edits)
        else:
            groups.append((start, end, [], []))
            reach_kind = kind
        (groups[-1][2] if kind == 0 else groups[-1][3]).append(index)
    out = []
    for start, end, in_hunks, in_edits in groups:
        if not in_hunks:
            continue  # edits that undo each other: nothing to decide
        parts, pos = [], start
        for index in sorted(in_hunks):
            h_start, h_end, new = changed[index]
            parts += [original[pos:h_start], new]
            pos = h_end
        parts.append(original[pos:end])
        findings = tuple(edits[i] for i in in_edits)  # in text order, then the longer one
        if not findings:  # not from `fix` (each of its edits has a finding): say so
            findings = (_unexplained(start, end, original[start:end], "".join(parts)),)
        out.append(Change(start, end, original[start:end], "".join(parts), findings))
    return out


def _unexplained(start: int, end: int, old: str, new: str) -> Finding:
    return Finding(
        "unexplained",
        "other",
        Severity.INFO,
        start,
        end,
        old,
        "A difference no rule explains",
        new,
        Fix.UNSAFE,
        applied=True,
    )


def apply_changes(original: str, chosen: Sequence[Change], accepted: Sequence[bool | str]) -> str:
    """``original`` with each change whose decision is true applied (a string: the reviewer's
    own replacement for its words)."""
    parts, pos = [], 0
    for change, decision in zip(chosen, accepted, strict=True):
        if decision is False:
            continue
        parts += [original[pos : change.start], change.new if decision is True else decision]
        pos = change.end
    parts.append(original[pos:])
    return "".join(parts)


def text_hash(text: str) -> str:
    """The SHA-256 of an article's text as read, which decisions made for it name."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def suggestions(result: Result, chosen: Sequence[Change]) -> list[Finding]:
    """The flags whose suggested replacement a reviewer may accept: those clear of every change
    and of each other (their replacement was made for the words as read there), in text order."""
    out: list[Finding] = []
    taken = sorted((c.start, c.end) for c in chosen)
    for f in result.flags:
        if f.replacement is None or f.replacement == f.text:
            continue
        if any(s <= f.end and f.start <= e for s, e in taken):
            continue
        out.append(f)
        taken.append((f.start, f.end))
    return sorted(out, key=lambda f: (f.start, f.end, f.rule))
