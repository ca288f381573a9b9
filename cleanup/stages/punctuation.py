"""Punctuation and whitespace stage: safe, mechanical repairs of spacing and quote marks.

Quote marks keep the text's own style: a curly mark is replaced by a curly mark, a straight one
stays straight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from cleanup.core.model import Finding
from cleanup.rules.loader import Rule

if TYPE_CHECKING:
    from cleanup.core.document import TextView
    from cleanup.core.registry import Context

# " .." after a sentence that already ended: "on February 2. .."
_STRAY_DOTS = re.compile(r"(?<=[.!?”’\"»])[ \t]+\.\.(?![.\w])")
# a space between the sentence's last mark and its closing quote: "decision. ”"
_SPACE_BEFORE_CLOSE = re.compile(r"(?<=[.!?,])[ \t]+(?=[”»]|’(?!\w))")
# a closing mark used to open a quotation, glued to the comma: "said,’He"
# (the look-behind comes after the mark so the scan looks for quote marks, not at every position)
_GLUED_OPENING = re.compile(r"([’‘”“'\"])(?<=[,:;].)(?=[A-Z])")
_OPENING_FOR = {"’": "‘", "‘": "‘", "”": "“", "“": "“", "'": "'", '"': '"'}
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){3,}")

Fixer = Callable[["re.Match[str]"], tuple[int, int, str]]

_FIXERS: dict[str, tuple[re.Pattern[str], Fixer]] = {
    "punctuation/stray-dots": (_STRAY_DOTS, lambda m: (m.start(), m.end(), "")),
    "punctuation/space-before-closing-quote": (
        _SPACE_BEFORE_CLOSE,
        lambda m: (m.start(), m.end(), ""),
    ),
    "punctuation/opening-quote": (
        _GLUED_OPENING,
        lambda m: (m.start(), m.end(), " " + _OPENING_FOR[m.group(1)]),
    ),
    "whitespace/double-space": (_DOUBLE_SPACE, lambda m: (m.start(), m.end(), " ")),
    "whitespace/blank-lines": (_BLANK_LINES, lambda m: (m.start(), m.end(), "\n\n")),
}


# Substrings a match needs (one of): most articles have none, and `in` is far cheaper than a scan
# with a look-behind at every position (these scans were the stage's whole cost).
_NEEDS: dict[str, tuple[str, ...]] = {
    "punctuation/stray-dots": ("..",),
    "punctuation/space-before-closing-quote": ("”", "»", "’"),
    "whitespace/double-space": ("  ",),
}


def detect_spacing(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """Each rule's pattern, and the replacement that mends what it matched."""
    text = view.text
    for rule in rules:
        pattern, fixer = _FIXERS[rule.id]
        if not any(needed in text for needed in _NEEDS.get(rule.id, ("",))):
            continue
        for m in pattern.finditer(text):
            start, end, new = fixer(m)
            yield rule.finding(view, start, end, replacement=new, reason=rule.message)
