"""Applying non-overlapping edits and mapping offsets between texts before and after them.

>>> text, m = apply_edits("a  b ..", [(1, 3, " "), (4, 7, "")])
>>> text
'a b'
>>> m.to_old(0, 3)
(0, 4)
>>> m.to_old(2, 3)
(3, 4)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from itertools import accumulate

Replacement = tuple[int, int, str]  # start, end, new text


class OffsetMap:
    """Maps spans of an edited text back to the text before the edits.

    A position inside replaced text maps to the whole replaced span (a start to its start, an end
    to its end), so a span that touches an edit widens to cover what the edit replaced.
    """

    def __init__(self, edits: Sequence[Replacement] = ()) -> None:
        # (new_start, new_end, old_start, old_end), sorted, non-overlapping
        self._rows: list[tuple[int, int, int, int]] = []
        delta = 0
        for start, end, new in sorted(edits):
            self._rows.append((start + delta, start + delta + len(new), start, end))
            delta += len(new) - (end - start)
        self._new_starts = [r[0] for r in self._rows]

    def __bool__(self) -> bool:
        return bool(self._rows)

    def _old_start(self, pos: int) -> int:
        i = bisect.bisect_right(self._new_starts, pos) - 1
        if i < 0:
            return pos
        _, new_end, old_start, old_end = self._rows[i]
        return old_start if pos < new_end else old_end + (pos - new_end)

    def _old_end(self, pos: int) -> int:
        # an end equal to an edit's start belongs before that edit
        i = bisect.bisect_left(self._new_starts, pos) - 1
        if i < 0:
            return pos
        _, new_end, _, old_end = self._rows[i]
        return old_end if pos <= new_end else old_end + (pos - new_end)

    def to_old(self, start: int, end: int) -> tuple[int, int]:
        old_start = self._old_start(start)
        old_end = self._old_end(end)
        return old_start, max(old_start, old_end)


class MapChain:
    """Composition of :class:`OffsetMap` objects, newest last."""

    def __init__(self) -> None:
        self._maps: list[OffsetMap] = []

    def push(self, m: OffsetMap) -> None:
        if m:
            self._maps.append(m)

    def to_old(self, start: int, end: int) -> tuple[int, int]:
        for m in reversed(self._maps):
            start, end = m.to_old(start, end)
        return start, end


def apply_edits(text: str, edits: Iterable[Replacement]) -> tuple[str, OffsetMap]:
    """Apply sorted, non-overlapping edits; returns the new text and its map back."""
    ordered = sorted(edits)
    parts: list[str] = []
    pos = 0
    for start, end, new in ordered:
        if start < pos:
            raise ValueError(f"overlapping edit at {start}")
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(ordered)


def carry_spans(
    spans: Sequence[tuple[int, int]], edits: Iterable[Replacement]
) -> list[tuple[int, int]]:
    """Spans of the text after ``edits`` (non-overlapping, as :func:`apply_edits` takes them):
    each earlier span moved (widened over any edit it touches), plus the span each edit wrote.

    >>> carry_spans([(0, 1)], [(2, 4, "xyz"), (5, 6, "")])
    [(0, 1), (2, 5), (6, 6)]
    """
    ordered = sorted(edits)
    # Non-overlapping edits in order end in order too, so the edits wholly before a position are
    # found by bisection, with the shift they add up to: walking the edits for every span made
    # an article of many edits quadratic.
    ends = [end for _, end, _ in ordered]
    shifts = [0, *accumulate(len(new) - (end - start) for start, end, new in ordered)]

    def moved_start(pos: int) -> int:
        i = bisect.bisect_right(ends, pos)  # edits ending at or before pos
        if i < len(ordered) and ordered[i][0] < pos:  # inside an edit: widen to what it wrote
            return ordered[i][0] + shifts[i]
        return pos + shifts[i]

    def moved_end(pos: int) -> int:
        i = bisect.bisect_left(ends, pos)  # edits ending before pos, and any non-empty one at it
        if i < len(ordered) and ends[i] == pos and ordered[i][0] < pos:
            i += 1
        if i < len(ordered) and ordered[i][0] < pos:
            return ordered[i][0] + shifts[i] + len(ordered[i][2])
        return pos + shifts[i]

    out = [(moved_start(s), max(moved_start(s), moved_end(e))) for s, e in spans]
    out.extend(
        (start + shifts[i], start + shifts[i] + len(new))
        for i, (start, _, new) in enumerate(ordered)
    )
    return sorted(set(out))


class SpanIndex:
    """A fixed set of spans, asked whether an edit :func:`overlaps` any of them in log time (asking
    each span in turn made an article of many edits and many protected spans quadratic).

    >>> SpanIndex([(5, 9), (0, 2)]).overlaps_any((2, 5)), SpanIndex([(3, 3)]).overlaps_any((3, 3))
    (False, True)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # furthest end so far
        self._spans = set(ordered)

    def overlaps_any(self, span: tuple[int, int]) -> bool:
        i = bisect.bisect_left(self._starts, span[1])  # the spans that start before span ends
        return (i > 0 and self._reach[i - 1] > span[0]) or span in self._spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two edits conflict: they share a character, an insertion falls strictly inside
    the other, or both insert at the same point."""
    return (a[0] < b[1] and b[0] < a[1]) or a == b
