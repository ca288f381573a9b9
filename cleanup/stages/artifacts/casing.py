"""Casing: a sentence or paragraph that starts with a lower-case letter
(``… tensions. the army …``), where a translation joined or split sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.document import ABBREVIATIONS, SENTENCE_MARKS, TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule

if TYPE_CHECKING:
    from cleanup.core.registry import Context


# The document's abbreviations and more: a word before a point that is taken for an abbreviation
# here ("no.", "in.", "approx.") is not one to sentence splitting, and splitting there instead
# would change the sentences every detector sees. Dotted ones (u.s, e.g) are abbreviations here
# anyway (see _ends_sentence).
_ABBREVIATIONS = ABBREVIATIONS | frozenset(
    """no nos approx dept est fig govt mt ft in lb lbs oz vol pp p ch cf al viz ca c op ed eds min
    max km sq hr hrs yr yrs mo wk pt ave blvd rd univ assn bros dist div art sec para ref rev hon
    pres supt messrs esq cie tel ext""".split()
)
# the mark first, not in a look-behind: a pattern that opens with a character set is searched
# for quickly; the ellipsis, which ends a sentence for the splitter, is not taken to end one here
_LOWER_AFTER_STOP = re.compile(rf"[{SENTENCE_MARKS}][ \t]+([a-z][a-z’'-]*)\b")
_LOWER_PARAGRAPH = re.compile(r"[“\"‘']?([a-z][a-z’'-]*)\b")
_LOWER_PARAGRAPH_OPENERS = frozenset("“\"‘'abcdefghijklmnopqrstuvwxyz")  # its first character
_NOT_A_WORD = re.compile(r"(?:www|https?|e\.g|i\.e)\b")
_WORD_BEFORE = re.compile(rf"([\w.’'-]+)[{SENTENCE_MARKS}]$")


def _ends_sentence(text: str, stop: int) -> bool:
    """True when the mark at ``stop`` ends a sentence (not an abbreviation, initial or ellipsis)."""
    if text[stop] == "." and (
        text[stop - 1 : stop] in (".", "…") or text[stop + 1 : stop + 2] == "."
    ):
        return False
    m = _WORD_BEFORE.search(text, max(0, stop - 30), stop + 1)
    if not m:
        return text[stop] != "."
    word = m.group(1).lower().rstrip(".")
    abbreviation = word in _ABBREVIATIONS or len(word) <= 1 or "." in word
    return not (text[stop] == "." and abbreviation)


def detect_lowercase_start(
    view: TextView, rules: list[Rule], context: Context
) -> Iterator[Finding]:
    """A sentence or paragraph that starts with a lower-case letter: ``… tensions. the army …``"""
    rule = rules[0]
    text = view.text
    # (flag start, word start, word end): after a stop the flag takes in the stop, which may be
    # the error itself (``said that. the`` is a stray full stop as often as a lost capital)
    starts: list[tuple[int, int, int]] = []
    for m in _LOWER_AFTER_STOP.finditer(text):
        if _ends_sentence(text, m.start()):
            starts.append((m.start(), *m.span(1)))
    for p_start, p_end in view.paragraphs:
        if text[p_start] not in _LOWER_PARAGRAPH_OPENERS:
            continue
        first = _LOWER_PARAGRAPH.match(text, p_start, p_end)
        if first and not _NOT_A_WORD.match(text, first.start(1)):
            starts.append((first.start(1), *first.span(1)))
    for start, word_start, end in sorted(set(starts)):
        word = text[word_start:end]
        fixed = text[start:word_start] + word[:1].upper() + word[1:]
        yield rule.finding(view, start, end, replacement=fixed)
