"""A body sentence that lost its final punctuation: the last sentence of a paragraph of running
prose that ends in a letter or digit (``… the talks will resume next week``). Headlines, bylines,
datelines, captions, credits and list items end without one and are left alone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.document import TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule

if TYPE_CHECKING:
    from cleanup.core.registry import Context


_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# a paragraph that is not running prose: a list item, a byline, a credit line, a dateline, a source
_NOT_PROSE = re.compile(
    r"""^(?:[-–—•*·>#]|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|By\s|Photo|Source|Editor|Reporter|Edited|Update
    |Related|Read\ more|See\ also|Tags?:|Keywords?:|Copyright|\(|\[)""",
    re.VERBOSE,
)
_CREDIT = re.compile(
    r"\b(?:Source|Editor|Edited by|Photo|Reporting by|Responsible editor)\b|[\[\]|]"
)
# prose: at least this many words, most of them in lower case
MIN_WORDS = 10
MAX_CAPITALIZED = 0.4
_ENDS_WORD = re.compile(r"[\w%]\Z")
_LAST_WORD = re.compile(r"[\w%’'-]{1,40}\Z")


def _running_prose(paragraph: str) -> bool:
    words = _WORD.findall(paragraph)
    if len(words) < MIN_WORDS or _NOT_PROSE.match(paragraph) or _CREDIT.search(paragraph):
        return False
    capitalized = sum(w[0].isupper() for w in words)
    if capitalized > MAX_CAPITALIZED * len(words):
        return False  # a headline in title case, a list of names
    # a headline in sentence case reads like prose; one with a comma, or a paragraph of several
    # sentences, is a sentence of the body
    return (
        len(words) >= 12
        or "," in paragraph
        or re.search(r"[.!?][”\"’]?\s+[A-Z“\"]", paragraph) is not None
    )


def detect_missing_final_punctuation(
    view: TextView, rules: list[Rule], context: Context
) -> Iterator[Finding]:
    """The last sentence of a prose paragraph that ends in a word: its full stop was lost."""
    rule = rules[0]
    text = view.text
    paragraphs = view.paragraphs
    for n, (start, end) in enumerate(paragraphs):
        paragraph = text[start:end].rstrip()
        if not _ENDS_WORD.search(paragraph) or "\n" in paragraph:
            continue
        if n == 0 and len(paragraphs) > 1:
            continue  # an article's first paragraph without a full stop is its headline
        if not _running_prose(paragraph):
            continue
        last = _LAST_WORD.search(paragraph)
        at = start + (last.start() if last else len(paragraph) - 1)
        yield rule.finding(view, at, start + len(paragraph))
