"""Quoted speech: where an article quotes someone, which several detectors leave alone (the first
person, fragments, style consistency are judged in the article's own voice only).

>>> from cleanup.core.document import TextView
>>> view = TextView("He said ‘we will go’.\\n\\nPatient He Ying: After the policy, I waited.")
>>> [view.text[s:e] for s, e in speech_spans(view)]
['‘we will go’', 'After the policy, I waited.']
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from cleanup.core.document import Span, TextView

if TYPE_CHECKING:
    from cleanup.core.registry import Analysis


# ‘single-quoted speech’: an opening ‘ after a space or a double quote, a closing ’ before a
# non-letter (so apostrophes in “it’s” do not close it)
SINGLE_QUOTED = re.compile(r"(?:(?<=^)|(?<=[\s“\"(,:]))‘[^‘’\n]*(?:’\w[^‘’\n]*)*’(?!\w)")
UNCLOSED_OPENER = re.compile(r"[“„«]")
# a paragraph that opens with a speaker's name or role and a colon (interview transcripts)
SPEAKER = re.compile(r"[A-Z][^.!?:;\n“\"]{1,80}:[ \t]+(?=\S)")


def speech_spans(view: TextView) -> list[Span]:
    """Quoted speech, more generously than ``view.quotes``: single-quoted speech too, and a
    quotation left open to the end of its paragraph (news style for quotes that run on).
    Detectors ask :func:`in_speech`, which finds them once per stage pass."""
    text = view.text
    spans = list(view.quotes)
    if "‘" in text:  # SINGLE_QUOTED opens with one
        spans.extend(m.span() for m in SINGLE_QUOTED.finditer(text))
    # only paragraphs with an opening mark, a straight quote or a colon need a look (a loop over
    # all paragraphs, and over characters, was most of this function's time)
    paragraphs = view.paragraphs
    if not text.isascii():  # the opening marks are not
        for n in _paragraphs_with(view, (m.start() for m in UNCLOSED_OPENER.finditer(text))):
            spans.extend(_unclosed_quote(view, *paragraphs[n]))
    straight: dict[int, list[int]] = defaultdict(list)
    for n, i in _in_paragraphs(view, _positions(text, '"')):
        straight[n].append(i)
    for n, marks in straight.items():
        if len(marks) % 2:
            spans.append((marks[-1], paragraphs[n][1]))
    # a paragraph that opens by closing a quotation (a lone ” after it): the paragraph before,
    # with no mark of its own, is the middle of a quotation that spans paragraphs
    for n in _paragraphs_with(view, (i + 1 for i in _positions(text, "\n”"))) + _paragraphs_with(
        view, (i + 1 for i in _positions(text, '\n"'))
    ):
        p_start, p_end = paragraphs[n]
        if n and _closes(text, p_start):
            prev_start, prev_end = paragraphs[n - 1]
            if not any(ch in text[prev_start:prev_end] for ch in '“”"'):
                spans.append((prev_start, p_start + 1))
    # "Patient He Ying: After the new policy, the doctor told me…": speech after a speaker
    for n in _paragraphs_with(view, _positions(text, ":")):
        p_start, p_end = paragraphs[n]
        speaker = SPEAKER.match(text, p_start, p_end)
        if speaker:
            spans.append((speaker.end(), p_end))
    spans.sort()
    return spans


def _closes(text: str, i: int) -> bool:
    """The quotation mark at ``i`` closes a quotation: ``”``, or ``"`` before no word."""
    return text[i : i + 1] == "”" or (text[i : i + 1] == '"' and not text[i + 1 : i + 2].isalnum())


def _positions(text: str, mark: str) -> Iterator[int]:
    """Where ``mark`` occurs in ``text``."""
    i = text.find(mark)
    while i >= 0:
        yield i
        i = text.find(mark, i + 1)


def _in_paragraphs(view: TextView, offsets: Iterable[int]) -> Iterator[tuple[int, int]]:
    """(paragraph index, offset) for each of the ascending ``offsets`` inside a paragraph."""
    paragraphs = view.paragraphs
    n = 0
    for i in offsets:
        while n < len(paragraphs) and paragraphs[n][1] <= i:
            n += 1
        if n == len(paragraphs):
            return
        if paragraphs[n][0] <= i:
            yield n, i


def _paragraphs_with(view: TextView, offsets: Iterable[int]) -> list[int]:
    """Indexes of the paragraphs that hold one of the ascending ``offsets``, in order."""
    return sorted({n for n, _ in _in_paragraphs(view, offsets)})


def _unclosed_quote(view: TextView, p_start: int, p_end: int) -> list[Span]:
    """An opening mark after the paragraph's closed quotations that nothing closes."""
    text = view.text
    starts = view.quote_starts
    lo = bisect.bisect_left(starts, p_start)
    hi = bisect.bisect_left(starts, p_end, lo)
    covered_to = max((e for _, e in view.quotes[lo:hi]), default=p_start)
    m = UNCLOSED_OPENER.search(text, covered_to, p_end)
    if m and text.find("”", m.end(), p_end) < 0 and text.find("»", m.end(), p_end) < 0:
        return [(m.start(), p_end)]
    return []


def in_speech(analysis: Analysis, start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps quoted speech (:func:`speech_spans`)."""
    spans = analysis.get(speech_spans)
    i = bisect.bisect_right(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 8) : i])
