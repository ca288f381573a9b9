"""The plain ways that the fast paths in cleanup/ replaced, kept as the reference they are tested
against (tests/test_fast_paths.py, tests/test_regex_gate.py) on real news and on random text.

Each is the simple code: one character, one paragraph or one pattern at a time, every position
tried. A fast path must find exactly what its reference finds.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from cleanup.core.document import TextView
from cleanup.rules.loader import Rule
from cleanup.stages import patterns
from cleanup.stages.artifacts import perspective, repetition, speech

Spans = list[tuple[int, int]]

OPENING = "“„«"


def quotes_by_character_scan(text: str) -> Spans:
    """The original find_quotes: one character at a time."""
    spans, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENING or ch == '"':
            closers = '"' if ch == '"' else ("»" if ch == "«" else "”“" if ch == "„" else "”")
            j = i + 1
            while j < n and text[j] not in closers and not text.startswith("\n\n", j):
                j += 1
            if j < n and text[j] in closers:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def speech_spans_by_paragraph(view: TextView) -> Spans:
    """The original speech_spans: every paragraph, and its straight quotes character by
    character."""
    text = view.text
    spans = list(view.quotes)
    spans.extend(m.span() for m in speech.SINGLE_QUOTED.finditer(text))
    paragraphs = list(view.paragraphs)
    for n, (p_start, p_end) in enumerate(paragraphs):
        inside = [s for s in view.quotes if p_start <= s[0] < p_end]
        covered_to = max((e for _, e in inside), default=p_start)
        m = speech.UNCLOSED_OPENER.search(text, covered_to, p_end)
        if m and "”" not in text[m.end() : p_end] and "»" not in text[m.end() : p_end]:
            spans.append((m.start(), p_end))
        straight = [i for i in range(p_start, p_end) if text[i] == '"']
        if len(straight) % 2:
            spans.append((straight[-1], p_end))
        # a paragraph that opens by closing a quotation continues one from a paragraph without
        # marks of its own
        opener = text[p_start : p_start + 1]
        closes = opener == "”" or (opener == '"' and not text[p_start + 1 : p_start + 2].isalnum())
        if n and closes and p_start and text[p_start - 1] == "\n":
            prev_start, prev_end = paragraphs[n - 1]
            if not any(ch in text[prev_start:prev_end] for ch in '“”"'):
                spans.append((prev_start, p_start + 1))
        speaker = speech.SPEAKER.match(text, p_start, p_end)
        if speaker:
            spans.append((speaker.end(), p_end))
    return sorted(spans)


def first_person_everywhere(text: str) -> tuple[Spans, bool]:
    """The pronoun and attribution patterns run over the whole text."""
    return [m.span() for m in perspective.FIRST_PERSON.finditer(text)], bool(
        perspective.ATTRIBUTION.search(text)
    )


def repetitions_everywhere(text: str) -> tuple[Spans, Spans]:
    """The repetition patterns tried at every position, as before the gate."""
    return (
        [m.span() for m in repetition.REPEATED_WORD.finditer(text)],
        [m.span() for m in repetition.REPEATED_PHRASE.finditer(text)],
    )


_MARKS = re.compile(r"[“”\"«»()\[\]{}]")


def marks_per_paragraph(text: str) -> dict[int, list[tuple[int, str]]]:
    """The quotation marks and brackets of each paragraph, by a scan of each paragraph."""
    found = {}
    for n, (start, end) in enumerate(TextView(text).paragraphs):
        marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, start, end)]
        if marks:
            found[n] = marks
    return found


# the consistency detector's scans, each as the one pattern it replaced
ABBREVIATION_ALTERNATION = re.compile(
    r"(?:U\.S\.|U\.K\.|U\.N\.|E\.U\.|D\.C\.|US|UK|UN|EU|DC)(?![\w$])"
)
IZE_ENDING = re.compile(r"i[sz](?:e[sdr]?s?|ing|ations?)\b", re.IGNORECASE)
CAPS_LINES = re.compile(r"^[^a-z\n]*[A-Z][^a-z\n]*$", re.MULTILINE)
STRAIGHT_DOUBLE = re.compile(r'(?<!\d)"')


Found = list[tuple[str, tuple[int, int]]]  # (rule id, span) of each match


def phrase_matches_word_by_word(combined: patterns.Combined, text: str) -> Found:
    """The phrase pass without its gate: every word tried."""
    return [
        (e.rule_id, m.span())
        for e, m in patterns.phrase_matches(dataclasses.replace(combined, gate=None), text)
    ]


def regex_matches_without_gates(rules: Sequence[Rule], text: str) -> Found:
    """The combined regex pass over every rule, none left out by its gate."""
    view = TextView(text)
    return [
        (e.rule_id, m.span())
        for e, m in patterns.regex_matches(patterns.compile_regex(rules), text)
        if not (e.skip_quotes and view.in_quote(m.start(), m.end()))
    ]


def kept_abbreviations(text: str, matches: list[re.Match[str]]) -> Spans:
    """The abbreviations the consistency detector keeps: not after a point or a word character."""

    def kept(m: re.Match[str]) -> bool:
        before = text[m.start() - 1 : m.start()]
        return not (before == "." or before.isalnum() or before == "_")

    return [m.span() for m in matches if kept(m)]


def carried_edit_by_edit(
    spans: Sequence[tuple[int, int]], edits: Sequence[tuple[int, int, str]]
) -> Spans:
    """The original cleanup.core.edits.carry_spans: every edit walked for every span."""
    ordered = sorted(edits)

    def moved_start(pos: int) -> int:
        delta = 0
        for start, end, new in ordered:
            if end <= pos:
                delta += len(new) - (end - start)
            elif start < pos:
                return start + delta
            else:
                break
        return pos + delta

    def moved_end(pos: int) -> int:
        delta = 0
        for start, end, new in ordered:
            if end < pos or (end == pos and start < end):
                delta += len(new) - (end - start)
            elif start < pos:
                return start + delta + len(new)
            else:
                break
        return pos + delta

    out = [(moved_start(s), max(moved_start(s), moved_end(e))) for s, e in spans]
    delta = 0
    for start, end, new in ordered:
        out.append((start + delta, start + delta + len(new)))
        delta += len(new) - (end - start)
    return sorted(set(out))


def chosen_pairwise(proposed: Sequence[tuple[int, int]]) -> Spans:
    """The original choice of edits in cleanup.core.pipeline: by start, each one compared with
    every edit chosen before it."""
    from cleanup.core.edits import overlaps

    chosen: Spans = []
    for span in sorted(proposed):
        if not any(overlaps(span, c) for c in chosen):
            chosen.append(span)
    return chosen


def sentences_word_by_word(text: str, start: int, end: int) -> Spans:
    """The original cleanup.core.document.split_sentences: the word before each full stop found
    by searching back for a space, and lower-cased whole."""
    from cleanup.core.document import _SENTENCE_END, ABBREVIATIONS

    spans: Spans = []
    sent_start = start
    for m in _SENTENCE_END.finditer(text, start, end):
        word_start = text.rfind(" ", sent_start, m.start()) + 1
        word = text[max(word_start, sent_start) : m.start()].lower().strip("“‘\"'(")
        if m.group() == "." and (word in ABBREVIATIONS or len(word) == 1):
            continue
        nxt = m.end()
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt < end and not (text[nxt].isupper() or text[nxt].isdigit() or text[nxt] in "“‘\"'(["):
            continue
        spans.append((sent_start, m.end()))
        sent_start = nxt
    if sent_start < end and text[sent_start:end].strip():
        spans.append((sent_start, end))
    return spans
