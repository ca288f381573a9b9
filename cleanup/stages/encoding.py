"""Encoding stage: ftfy with a news-safe configuration, then code pages ftfy does not try.

Typography is never flattened: curly quotes, dashes, guillemets and full-width CJK punctuation stay
as published, and normalization is NFC (never NFKC).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS

from cleanup.core.model import Finding
from cleanup.core.worddiff import word_edits
from cleanup.rules.loader import Rule
from cleanup.stages.codepages import CODEPAGE_NAMES, repair_line

if TYPE_CHECKING:
    from cleanup.core.document import TextView
    from cleanup.core.registry import Context

NEWS_SAFE = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=True,
)

_LINE = re.compile(r"[^\n]+")
_REPLACEMENT = re.compile("\ufffd+")

# Fast path. ftfy's fix_and_explain costs ~0.2 ms on any line, mostly in fixers that find nothing;
# on news text most lines are untouched. Under NEWS_SAFE a line can change only through
# - HTML unescaping, which needs a "&";
# - C1 controls, surrogates, or the control characters ftfy removes (incl. the ESC that starts a
#   terminal escape), all in _FTFY_TRIGGER;
# - an encoding fix, which ftfy itself tries only when badness.is_bad(line) (see ftfy's
#   _fix_encoding_one_step_and_explain), and never on ASCII;
# - NFC normalization, which unicodedata.is_normalized tells without building a string.
# A line with none of these is returned unchanged by ftfy, so skipping it loses nothing;
# tests/test_encoding.py checks that claim on ftfy's own cases, real news and random text.
_FTFY_TRIGGER = re.compile(
    "[&\x80-\x9f\ud800-\udfff" + re.escape("".join(map(chr, sorted(CONTROL_CHARS)))) + "]"
)


def may_need_ftfy(line: str) -> bool:
    """False when ftfy (news-safe) would certainly return ``line`` unchanged.

    >>> may_need_ftfy("“Quoted” — and typeset.")
    False
    >>> may_need_ftfy("cafÃ©"), may_need_ftfy("AT&amp;T"), may_need_ftfy("e\u0301")
    (True, True, True)
    """
    if _FTFY_TRIGGER.search(line):
        return True
    if line.isascii():
        return False
    return is_bad(line) or not unicodedata.is_normalized("NFC", line)


MOJIBAKE = "encoding/mojibake"
_RULE_BY_STEP = {
    "encode": MOJIBAKE,
    "decode": MOJIBAKE,
    "transcode": MOJIBAKE,
    "unescape_html": "encoding/html-entity",
    "normalize": "encoding/unicode-normalization",
}


def _explain(steps: list[tuple[str, str]]) -> tuple[str, str]:
    """The rule an ftfy fix belongs to, and a reason a reviewer can read."""
    encodes = [p for a, p in steps if a == "encode"]
    decodes = [p for a, p in steps if a == "decode"]
    rule = "encoding/control-character"
    for action, parameter in steps:
        candidate = _RULE_BY_STEP.get(action) or _RULE_BY_STEP.get(parameter)
        if candidate == MOJIBAKE or (candidate and rule == "encoding/control-character"):
            rule = candidate
    detail = ", ".join(f"{a} {p}" for a, p in steps)
    if encodes and decodes:
        return rule, f"{decodes[-1]} text read as {encodes[0]} (ftfy: {detail})"
    return rule, f"ftfy: {detail}"


def detect_encoding(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    by_id = {r.id: r for r in rules}
    for m in _LINE.finditer(view.text):
        line = m.group()
        if line.isascii() and not _FTFY_TRIGGER.search(line):
            continue  # the common case, without a call
        fixed, steps = (
            ftfy.fix_and_explain(line, config=NEWS_SAFE) if may_need_ftfy(line) else (line, None)
        )
        if fixed != line:
            rule_id, reason = _explain([(s.action, s.parameter) for s in steps or []])
            rule = by_id.get(rule_id)
            if rule:
                for start, end, new in word_edits(line, fixed):
                    yield rule.finding(
                        view, m.start() + start, m.start() + end, replacement=new, reason=reason
                    )
            continue
        if MOJIBAKE in by_id:
            for start, end, new, codepage in repair_line(line):
                old = line[start:end]
                yield by_id[MOJIBAKE].finding(
                    view,
                    m.start() + start,
                    m.start() + end,
                    replacement=new,
                    reason=f"UTF-8 text read as {CODEPAGE_NAMES[codepage]} ({codepage}): "
                    f"{old} → {new}",
                )


def detect_replacement_character(
    view: TextView, rules: list[Rule], context: Context
) -> Iterator[Finding]:
    if "\ufffd" not in view.text:  # a C-level find, cheaper than starting a regex scan
        return
    for m in _REPLACEMENT.finditer(view.text):
        yield rules[0].finding(view, m.start(), m.end())


def detect_source_encoding(
    view: TextView, rules: list[Rule], context: Context
) -> Iterator[Finding]:
    """A file that was not UTF-8: say which encoding was detected, since the output is UTF-8."""
    encoding = context.document.encoding
    if encoding.replace("_", "-").lower() not in ("utf-8", "ascii", "utf-16", "utf-32"):
        yield rules[0].finding(
            view,
            0,
            0,
            message=f"File is not UTF-8: read as {encoding} (detected); output is written as UTF-8",
        )
