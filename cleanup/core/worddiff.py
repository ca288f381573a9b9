"""Word-level differences between two versions of a text.

Used to turn a whole-line repair (ftfy's output) into reviewable edits, and by reports that show
changes in place.

>>> word_edits("the caf√© is open", "the café is open")
[(4, 9, 'café')]
>>> word_edits("same", "same")
[]
"""

from __future__ import annotations

from difflib import SequenceMatcher

# Past this many differing characters a character diff costs more than it tells; one edit is shown.
_MAX_DIFF_CHARS = 5000


def _common_affixes(a: str, b: str) -> tuple[int, int]:
    prefix = 0
    limit = min(len(a), len(b))
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def word_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """Edits ``(start, end, replacement)`` on ``old`` that give ``new``, widened to whole words
    (runs of non-whitespace) and merged when they touch the same word."""
    if old == new:
        return []
    prefix, suffix = _common_affixes(old, new)
    a, b = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if len(a) + len(b) > _MAX_DIFF_CHARS:
        spans = [(prefix, len(old) - suffix, prefix, len(new) - suffix)]
    else:
        spans = [
            (prefix + i1, prefix + i2, prefix + j1, prefix + j2)
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            if tag != "equal"
        ]
    merged: list[list[int]] = []
    for i1, i2, j1, j2 in spans:
        # widen to word boundaries; the text around a change is equal on both sides
        while i1 > 0 and j1 > 0 and not old[i1 - 1].isspace() and old[i1 - 1] == new[j1 - 1]:
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(old) and j2 < len(new) and not old[i2].isspace() and old[i2] == new[j2]:
            i2, j2 = i2 + 1, j2 + 1
        if merged and i1 <= merged[-1][1]:
            merged[-1][1], merged[-1][3] = max(merged[-1][1], i2), max(merged[-1][3], j2)
        else:
            merged.append([i1, i2, j1, j2])
    return [(i1, i2, new[j1:j2]) for i1, i2, j1, j2 in merged]
