"""Duplicated boilerplate: a paragraph (a byline, a credit line) or a long sentence that the article
repeats, as scrapers pick up page furniture twice."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.document import Span, TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule

if TYPE_CHECKING:
    from cleanup.core.registry import Context


_NORMALIZE = re.compile(r"[\W_]+")


def repeat_key(text: str) -> str:
    key = _NORMALIZE.sub(" ", text.lower()).strip()
    return key.removeprefix("by ").strip()


def may_repeat(lowered: str, spans: list[Span]) -> list[bool]:
    """Per span, whether another span has as many of each of the letters e, a, o and t (either
    case): only such spans can share a key, since a key keeps every letter of its text,
    lower-cased, and adds none. Counting is a fast scan where normalizing is not, and most spans
    have counts of their own. ``lowered`` is the text lower-cased, empty when that moved positions
    (then every span may repeat)."""
    if not lowered:
        return [True] * len(spans)
    # the e's set most spans apart; each other letter is counted only where the ones before tie
    counts = [lowered.count("e", start, end) for start, end in spans]
    times = Counter(counts)
    tied = [i for i, n in enumerate(counts) if times[n] > 1]
    for letter in "aot":
        if not tied:
            break
        for i in tied:
            start, end = spans[i]
            counts[i] = counts[i] * 100_000 + lowered.count(letter, start, end)
        times = Counter([counts[i] for i in tied])
        tied = [i for i in tied if times[counts[i]] > 1]
    may = [False] * len(spans)
    for i in tied:
        may[i] = True
    return may


def detect_boilerplate(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """A paragraph (a byline, a credit line) or a long sentence that the article repeats."""
    rule = rules[0]
    text = view.text
    seen: dict[str, int] = {}
    flagged: list[Span] = []
    paragraphs = view.paragraphs
    lowered = text.lower()
    if len(lowered) != len(text):  # an İ, which lower-cases to two characters, moved positions
        lowered = ""
    for (start, end), maybe in zip(paragraphs, may_repeat(lowered, paragraphs), strict=True):
        key = repeat_key(text[start:end]) if maybe else ""
        if not key:
            continue
        if key in seen:
            flagged.append((start, end))
            line = text.count("\n", 0, seen[key]) + 1
            yield rule.finding(view, start, end, message=f"{rule.message} (first at line {line})")
        else:
            seen[key] = start
    # a repeated sentence is reported once, at its first repeat, with how often it recurs
    first_at: dict[str, int] = {}
    repeats: dict[str, list[Span]] = defaultdict(list)
    sentences = [(start, end) for start, end in view.sentences if end - start >= 30]
    if flagged:
        sentences = [s for s in sentences if not _inside(flagged, s[0], len(text))]
    for (start, end), maybe in zip(sentences, may_repeat(lowered, sentences), strict=True):
        if not maybe:
            continue
        key = repeat_key(text[start:end])
        if key.count(" ") < 7:  # fewer than eight words
            continue
        if key in first_at:
            repeats[key].append((start, end))
        else:
            first_at[key] = start
    for key, spans in repeats.items():
        start, end = spans[0]
        line = text.count("\n", 0, first_at[key]) + 1
        times = f", {len(spans) + 1}× in all" if len(spans) > 1 else ""
        yield rule.finding(
            view, start, end, message=f"{rule.message} (first at line {line}{times})"
        )


def _inside(spans: list[Span], pos: int, limit: int) -> bool:
    """True when ``pos`` lies in one of ``spans`` (sorted, not overlapping, ending by ``limit``)."""
    i = bisect.bisect_right(spans, (pos, limit)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
