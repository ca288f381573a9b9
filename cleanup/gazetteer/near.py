"""One-letter slips in one word of a known name whose other words match exactly: ``Vladmir
Putin``, ``Valdimir Putin``, ``Dmitro Kuleba``, ``Kamala Haris``. The fuzzy pass misses them
(the surname alone is a known form, so the run counts as covered; a short given name scores low);
here the rest of the name pins the entry and :func:`one_edit` tells what the slip was.

>>> one_edit("vladmir", "vladimir"), one_edit("valdimir", "vladimir"), one_edit("dmitro", "dmytro")
('dropped', 'transposed', 'vowel')
>>> one_edit("terry", "kerry"), one_edit("rutter", "rutte"), one_edit("qing", "qiang")
(None, None, None)
"""

from __future__ import annotations

from collections import defaultdict

from cleanup.gazetteer.entries import Entry

_VOWELS = frozenset("aeiouy")
# The longer of the two words at least this long: one letter more or less in a short word is
# often another real name (Qiang/Qing, Jian/Jin).
MIN_LONGER = 6

# (side, the other words exactly as written) -> the word that may slip, lower-cased -> (entry
# index, right form, the word as written). Side "first": the first word may slip; "last": the
# last word may.
NearKey = tuple[str, tuple[str, ...]]
NearIndex = dict[NearKey, dict[str, list[tuple[int, str, str]]]]
# past this many words in a bucket (the given name "John" before 9,000 surnames), the words one
# slip away from the one said are generated and looked up, not compared one by one
_SCAN_LIMIT = 40
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def near_index(entries: list[Entry]) -> NearIndex:
    """Every person's right form of two or three words, keyed by the words that must match."""
    index: dict[NearKey, dict[str, list[tuple[int, str, str]]]] = defaultdict(dict)
    for i, e in enumerate(entries):
        if e.kind != "person":
            continue
        for form in dict.fromkeys(e.right_forms):
            words = form.split(" ")
            if not 2 <= len(words) <= 3:
                continue
            for side, word, rest in (
                ("first", words[0], words[1:]),
                ("last", words[-1], words[:-1]),
            ):
                index[side, tuple(rest)].setdefault(word.lower(), []).append((i, form, word))
    return dict(index)


def near_words(bucket: dict[str, list[tuple[int, str, str]]], said: str) -> list[str]:
    """The words of ``bucket`` that :func:`one_edit` may relate to ``said`` (lower case)."""
    if len(bucket) <= _SCAN_LIMIT:
        return list(bucket)
    letters = _LETTERS + "".join({c for c in said if c not in _LETTERS})
    found = {said[:i] + said[i + 1 :] for i in range(len(said))}  # a letter added in ``said``
    for i in range(len(said) + 1):  # a letter dropped in ``said``
        found.update(said[:i] + c + said[i:] for c in letters)
    for i in range(len(said) - 1):
        found.add(said[:i] + said[i + 1] + said[i] + said[i + 2 :])
    for i, c in enumerate(said):
        if c in _VOWELS:
            found.update(said[:i] + v + said[i + 1 :] for v in _VOWELS)
    return [w for w in found if w in bucket]


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
