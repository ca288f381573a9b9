"""Straight double quotes in an article that writes no curly ones: news style sets quotations in
curly marks (“ ”), and professional raters of MT news mark a straight ``"`` as a punctuation error.
An article that mixes both is :mod:`consistency`'s (``artifact/inconsistent-quotes``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.document import TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule
from cleanup.stages.artifacts.consistency import STRAIGHT_DOUBLE

if TYPE_CHECKING:
    from cleanup.core.registry import Context


def detect_straight_quotes(
    view: TextView, rules: list[Rule], context: Context
) -> Iterator[Finding]:
    """Each straight double quote of an article without curly double quotes."""
    rule = rules[0]
    text = view.text
    if '"' not in text or "“" in text or "”" in text:
        return
    for m in STRAIGHT_DOUBLE.finditer(text):  # measures of inches aside
        yield rule.finding(view, m.start(), m.end())
