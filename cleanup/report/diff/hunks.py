"""Where two versions of a text differ, as small word-level hunks a person can read.

Reports that show changes in place (the HTML review page, the coloured terminal diff) use this:
lines are matched first, so a long article costs little, then each changed block is compared word
by word, and each hunk is trimmed to the words that really changed.

>>> hunks("He left. ..\\nThe caf√© is open.\\n", "He left.\\nThe café is open.\\n")
[(8, 11, ''), (16, 21, 'café')]
>>> hunks("same", "same")
[]
"""

from __future__ import annotations

from difflib import SequenceMatcher

from cleanup.core.worddiff import word_edits

Hunk = tuple[int, int, str]  # start, end in the old text; what replaces old[start:end]


def hunks(old: str, new: str) -> list[Hunk]:
    """Edits ``(start, end, replacement)`` on ``old`` that give ``new``, sorted and disjoint."""
    if old == new:
        return []
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    old_starts = _starts(old_lines)
    new_starts = _starts(new_lines)
    out: list[Hunk] = []
    # blank lines are too common to anchor a match, and would make matching quadratic
    matcher = SequenceMatcher(lambda line: not line.strip(), old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        o1, o2 = old_starts[i1], old_starts[i2]
        n1, n2 = new_starts[j1], new_starts[j2]
        for start, end, replacement in word_edits(old[o1:o2], new[n1:n2]):
            out.append(_trim(old, o1 + start, o1 + end, replacement))
    return out


def _starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _boundary(text: str, pos: int) -> bool:
    """True when ``pos`` does not cut a word of ``text`` in two."""
    return pos <= 0 or pos >= len(text) or text[pos].isspace() or text[pos - 1].isspace()


def _trim(text: str, start: int, end: int, replacement: str) -> Hunk:
    """Drop the words a hunk keeps unchanged at either end (``2. ..`` → ``2.`` is `` ..`` → ``),
    but never cut a word in two."""
    old = text[start:end]
    limit = min(len(old), len(replacement))
    prefix = 0
    while prefix < limit and old[prefix] == replacement[prefix]:
        prefix += 1
    while prefix and not (_boundary(old, prefix) and _boundary(replacement, prefix)):
        prefix -= 1
    limit -= prefix
    suffix = 0
    while suffix < limit and old[-1 - suffix] == replacement[-1 - suffix]:
        suffix += 1
    while suffix and not (
        _boundary(old, len(old) - suffix) and _boundary(replacement, len(replacement) - suffix)
    ):
        suffix -= 1
    return start + prefix, end - suffix, replacement[prefix : len(replacement) - suffix]
