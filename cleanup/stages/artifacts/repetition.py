"""Repetition: the same word twice (``food food``) or a phrase looping (``the talks the talks``).

Where a repetition may start is found for the whole text at C speed: the text lower-cased with
every non-word character a space, split into words, each word an id (:mod:`.words`); a word
(phrase of k words) repeats where the ids equal those k places on. The exact patterns, tried at
every word, cost 0.5 ms an article; they now run only at those places.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from itertools import accumulate, compress, repeat
from operator import add
from typing import TYPE_CHECKING

from cleanup.core.document import TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule
from cleanup.stages.artifacts.words import Words, words_of

if TYPE_CHECKING:
    from cleanup.core.registry import Context


REPEATED_WORD = re.compile(r"\b(\w+)(?:\s+\1\b)+", re.IGNORECASE)
REPEATED_PHRASE = re.compile(r"\b(\w+(?:[ \t]+\w+){1,7})(?:[ \t]+\1\b)+", re.IGNORECASE)
# doubled words that English allows: "had had", "that that", "what it is is"
_LEGIT_DOUBLES = frozenset("had that is do bye no yes ha pooh tut".split())
# names that are a word twice
_DOUBLED_NAMES = frozenset(
    "bora walla sirhan duran sing pago baden mahi bam tutu dum chop lulu sen kama".split()
)
_MAX_PHRASE = 8  # words, as in REPEATED_PHRASE


def _repeats(whole: int, n: int, width: int, k: int) -> Iterator[int]:
    """Indexes i of ``n`` ids, ``width`` bytes each and read as one big-endian int, where the k
    ids from i equal the k after them."""
    if 2 * k > n:
        return
    bits = 8 * width
    same = (whole >> bits * k) ^ (whole & ((1 << bits * (n - k)) - 1))  # zero where equal
    zeros = same.to_bytes(width * (n - k))
    run = b"\0" * (width * k)
    i = zeros.find(run)
    while i >= 0:
        if i % width == 0:
            yield i // width
        # on to the next id's first byte: stepping one byte made a text that repeats throughout
        # cost a search per byte, twice as many once ids take four bytes
        i = zeros.find(run, i + width - i % width)


def repetition_starts(text: str, words: Words | None) -> tuple[list[int], list[int]] | None:
    """Offsets of the words where a repeated word, and where a repeated phrase, may start (a
    superset of where the patterns match), given the text's :class:`Words`; None when the
    patterns must try everywhere."""
    if words is None:
        return None
    normed = words.normed
    n = len(words.ids)
    ids = array("H" if n < 65536 else "I", words.ids)
    whole = int.from_bytes(ids.tobytes())
    doubles = list(_repeats(whole, n, ids.itemsize, 1))
    phrases = sorted(
        {i for k in range(2, _MAX_PHRASE + 1) for i in _repeats(whole, n, ids.itemsize, k)}
    )
    if not doubles and not phrases:
        return [], []
    if len(doubles) + len(phrases) > n // 8:
        return None  # text that repeats itself throughout: the patterns are quicker
    parts = normed.split(b" ")  # separators are single spaces: each part a word or empty
    starts = accumulate(map(add, map(len, parts), repeat(1)), initial=0)
    offsets = list(compress(starts, parts))
    wanted = sorted(set(doubles + phrases))
    at = dict(zip(wanted, words.char_offsets(text, [offsets[i] for i in wanted]), strict=True))
    return [at[i] for i in doubles], [at[i] for i in phrases]


def matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int] | None
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying only at ``starts`` (sorted, a superset of
    where a match can start) when given."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            yield m
            end = m.end()


def detect_repetition(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """The same word twice (``food food``) or a phrase looping (``the talks the talks``)."""
    by_id = {r.id: r for r in rules}
    text = view.text
    starts = repetition_starts(text, context.analysis.get(words_of))
    words_at, phrases_at = starts if starts else (None, None)
    word_rule = by_id.get("artifact/repeated-word")
    if word_rule:
        for m in matches_at(REPEATED_WORD, text, words_at):
            word = m.group(1)
            if word.lower() in _LEGIT_DOUBLES or word.isdigit():
                continue
            if word.lower() in _DOUBLED_NAMES:
                continue
            yield word_rule.finding(
                view, m.start(), m.end(), replacement=word, message=f"{word_rule.message}: ‘{word}’"
            )
    phrase_rule = by_id.get("artifact/repeated-phrase")
    if phrase_rule:
        for m in matches_at(REPEATED_PHRASE, text, phrases_at):
            phrase = m.group(1)
            if len(set(phrase.lower().split())) == 1:
                continue  # a repeated word, reported above
            yield phrase_rule.finding(
                view,
                m.start(),
                m.end(),
                replacement=phrase,
                message=f"{phrase_rule.message}: ‘{phrase}’",
            )
