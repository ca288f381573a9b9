"""Script and language: CJK text left in an English article, full-width forms (``Ｔｏｋｙｏ，``)
outside it, and sentences or paragraphs left in another language (:mod:`cleanup.stages.language`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from cleanup.core.document import Span, TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule
from cleanup.stages import language as langid

if TYPE_CHECKING:
    from cleanup.core.registry import Context


_CJK_CHARS = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
)
# the first character either rule looks for: a text without any from here on has nothing to flag
_FIRST_CJK = "\u2e80"
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000-\u3003\u300c-\u300f\u3010\u3011\uff5f-\uff65]+")
_CJK_PUNCT = {"\u3000": " ", "、": ",", "。": ".", "「": "“", "」": "”", "『": "‘", "』": "’",
              "【": "[", "】": "]", "｡": ".", "､": ",", "｢": "“", "｣": "”"}  # fmt: skip


@cache
def _cjk_run() -> re.Pattern[str]:
    """A run of CJK text, with the punctuation and spaces between its characters; compiled at
    first use, since its ranges take 6 ms to compile and few articles have any CJK."""
    return re.compile(rf"[{_CJK_CHARS}](?:[\s\u3000-\u303f\uff01-\uff65]*[{_CJK_CHARS}])*")


def narrow(text: str) -> str:
    """Full-width forms as their ASCII or English-typography counterparts.

    >>> narrow("Ｔｏｋｙｏ，")
    'Tokyo,'
    """
    out = []
    for ch in text:
        if "\uff01" <= ch <= "\uff5e":
            out.append(chr(ord(ch) - 0xFEE0))
        else:
            out.append(_CJK_PUNCT.get(ch, unicodedata.normalize("NFKC", ch)))
    return "".join(out)


def detect_script(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """CJK text left in an English article, and full-width forms (``Ｔｏｋｙｏ，``) outside it."""
    text = view.text
    if context.document.language != "en" or text.isascii() or max(text) < _FIRST_CJK:
        return
    by_id = {r.id: r for r in rules}
    cjk: list[Span] = [m.span() for m in _cjk_run().finditer(text)]
    rule = by_id.get("artifact/untranslated-cjk")
    if rule:
        for start, end in cjk:
            yield rule.finding(view, start, end, message=f"{rule.message}: ‘{text[start:end]}’")
    rule = by_id.get("artifact/full-width")
    if rule:
        for m in _FULL_WIDTH.finditer(text):
            # inside or beside CJK text the full-width forms belong to it
            if any(s - 1 <= m.start() and m.end() <= e + 1 for s, e in cjk):
                continue
            new = narrow(m.group())
            after = text[m.end() : m.end() + 1]
            if new[-1:] in ",.;:!?" and after.isalnum():
                new += " "
            yield rule.finding(view, m.start(), m.end(), replacement=new)


# --- sentences in another language ---------------------------------------------------------------


def detect_language(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """Sentences or whole paragraphs left in another language (lingua decides, only for sentences
    that look un-English cheaply: few English function words, or mostly non-Latin letters)."""
    if context.document.language != "en":
        return
    rule = rules[0]
    text = view.text
    sentences = view.sentences
    starts = [s for s, _ in sentences]
    letters = langid.letters(text)
    for p_start, p_end in view.paragraphs:
        found: list[tuple[int, int, str]] = []
        lo = bisect.bisect_left(starts, p_start)
        in_paragraph = sentences[lo : bisect.bisect_left(starts, p_end, lo)]
        for start, end in in_paragraph:
            if letters is None:
                candidate = langid.is_candidate(text[start:end])
            else:  # ASCII
                candidate = langid.is_candidate_letters(letters[start:end])
            if not candidate:
                continue
            sentence = text[start:end]
            language = langid.foreign_language(sentence)
            if language:
                found.append((start, end, language))
        if not found:
            continue
        languages = {lang for _, _, lang in found}
        if len(found) == len(in_paragraph) and len(found) > 1 and len(languages) == 1:
            lang = found[0][2]
            yield rule.finding(view, p_start, p_end, message=f"Paragraph left in {lang}")
            continue
        for start, end, lang in found:
            yield rule.finding(view, start, end, message=f"Sentence left in {lang}")
