"""One-letter slips in one word of a known name whose other words match exactly: ``Vladmir
Putin``, ``Valdimir Putin``, ``Dmitro Kuleba``, ``Kamala Haris``. The fuzzy pass misses them
(the surname alone is a known form, so the run counts as covered; a short given name scores low);
here the rest of the name pins the entry (found through the index's token and one-deletion
postings) and :func:`one_edit` tells what the slip was.

>>> one_edit("vladmir", "vladimir"), one_edit("valdimir", "vladimir"), one_edit("dmitro", "dmytro")
('dropped', 'transposed', 'vowel')
>>> one_edit("terry", "kerry"), one_edit("rutter", "rutte"), one_edit("qing", "qiang")
(None, None, None)
"""

from __future__ import annotations

from collections.abc import Iterable

from cleanup.gazetteer.entries import Entry

_VOWELS = frozenset("aeiouy")
# The longer of the two words at least this long: one letter more or less in a short word is
# often another real name (Qiang/Qing, Jian/Jin).
MIN_LONGER = 6


def one_edit(said: str, known: str) -> str | None:
    """The slip that turns ``known`` into ``said`` (both lower case): "dropped", "inserted",
    "doubled", "transposed" (two neighbours swapped) or "vowel" (one vowel for another, as
    Dmitro/Dmytro); None for anything else. Letters added or dropped at the end (Rutte/Rutter)
    and one consonant for another (Kerry/Terry) are usually other names, not slips."""
    if (
        said == known
        or max(len(said), len(known)) < MIN_LONGER
        or (said[0] != known[0] and (len(said) < 5))
    ):
        return None
    n, m = len(said), len(known)
    if abs(n - m) > 1:
        return None
    if n == m:
        diff = [i for i in range(n) if said[i] != known[i]]
        if len(diff) == 1:
            i = diff[0]
            return "vowel" if said[i] in _VOWELS and known[i] in _VOWELS else None
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            i = diff[0]
            if said[i] == known[i + 1] and said[i + 1] == known[i]:
                return "transposed"
        return None
    longer, shorter = (said, known) if n > m else (known, said)
    i = 0
    while i < len(shorter) and longer[i] == shorter[i]:
        i += 1
    if longer[i + 1 :] != shorter[i:] or i >= len(shorter):
        return None  # more than one letter apart, or one added at the end
    if n < m:
        return "dropped"
    return "doubled" if i and longer[i] == longer[i - 1] else "inserted"


def fixed_parts(entries: Iterable[Entry]) -> frozenset[tuple[str, ...]]:
    """What must match exactly for a slip to be found in a run of two or three words: the words
    after the first (a slip in the first word), marked "first", and the words before the last,
    marked "last", of every right form of a person of two or three words. A run with neither
    has no candidate (most runs of capitalized words): it is skipped before the index is asked.
    The index builds it once per gazetteer."""
    parts: set[tuple[str, ...]] = set()
    for entry in entries:
        if entry.kind != "person":
            continue
        for form in entry.right_forms:
            right = form.split(" ")
            if len(right) in (2, 3):
                parts.add(("first", *right[1:]))
                parts.add(("last", *right[:-1]))
    return frozenset(parts)
