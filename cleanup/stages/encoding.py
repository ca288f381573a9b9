"""Encoding stage: ftfy with a news-safe configuration, and mojibake decided line by line in every
code page :mod:`.codepages` tries; where it decides a word, its repair or flag stands over ftfy's.

Typography is never flattened: curly quotes, dashes, guillemets and full-width CJK punctuation stay
as published, and normalization is NFC (never NFKC).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from cleanup.core.model import Finding
from cleanup.core.worddiff import word_edits
from cleanup.rules.loader import Rule

if TYPE_CHECKING:
    import ftfy

    from cleanup.core.document import TextView
    from cleanup.core.registry import Context
    from cleanup.stages.codepages import Verdict

# ftfy and the code pages (:mod:`.codepages` imports ftfy) are imported at the first line that
# may need them: an article in plain ASCII (four in five of the MQM corpus) never does, and
# importing ftfy costs 40 ms, a sixth of a one-article run.


@lru_cache(maxsize=1)
def news_safe() -> ftfy.TextFixerConfig:
    """ftfy's configuration here."""
    import ftfy

    return ftfy.TextFixerConfig(
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
# on news text most lines are untouched. Under news_safe() a line can change only through
# - HTML unescaping, which needs a "&";
# - C1 controls, surrogates, or the control characters ftfy removes (incl. the ESC that starts a
#   terminal escape), all in _FTFY_TRIGGER;
# - an encoding fix, which ftfy itself tries only when badness.is_bad(line) (see ftfy's
#   _fix_encoding_one_step_and_explain), and never on ASCII;
# - NFC normalization, which unicodedata.is_normalized tells without building a string.
# A line with none of these is returned unchanged by ftfy, so skipping it loses nothing;
# tests/test_encoding.py checks that claim on ftfy's own cases, real news and random text, and
# that the control characters here are those of ftfy.chardata.CONTROL_CHARS.
_FTFY_TRIGGER = re.compile(
    r"[&\x80-\x9f\ud800-\udfff"
    r"\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc]"  # ftfy's CONTROL_CHARS
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
    from ftfy.badness import is_bad

    return is_bad(line) or not unicodedata.is_normalized("NFC", line)


MOJIBAKE = "encoding/mojibake"
POSSIBLE_MOJIBAKE = "encoding/possible-mojibake"
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
    own = MOJIBAKE in by_id or POSSIBLE_MOJIBAKE in by_id
    for m in _LINE.finditer(view.text):
        line = m.group()
        if line.isascii() and not _FTFY_TRIGGER.search(line):
            continue  # the common case, without a call
        if own:
            from cleanup.stages.codepages import analyse_line

            verdicts = analyse_line(line)
        else:
            verdicts = []
        yield from _line_findings(view, m.start(), line, by_id, verdicts)


def _line_findings(
    view: TextView, offset: int, line: str, by_id: dict[str, Rule], verdicts: list[Verdict]
) -> Iterator[Finding]:
    """The findings of one line: ftfy's fixes, except where :mod:`.codepages` decided a word
    itself (``verdicts``: its repair replaces ftfy's, and a word it flags is not changed), and its
    repairs of words ftfy left."""
    import ftfy

    from cleanup.stages.codepages import CODEPAGE_NAMES

    fixed, steps = (
        ftfy.fix_and_explain(line, config=news_safe()) if may_need_ftfy(line) else (line, None)
    )
    ftfy_edits = word_edits(line, fixed) if fixed != line else []
    # a token left to ftfy's judgement stays as it is where ftfy leaves it
    verdicts = [
        v
        for v in verdicts
        if not v.ftfys_call or any(v.start < end and start < v.end for start, end, _ in ftfy_edits)
    ]
    edits: list[tuple[int, int, str, Rule | None, str]] = []
    if ftfy_edits:
        rule_id, reason = _explain([(s.action, s.parameter) for s in steps or []])
        for start, end, new in ftfy_edits:
            if not any(v.start < end and start < v.end for v in verdicts):
                edits.append((start, end, new, by_id.get(rule_id), reason))
    for v in verdicts:
        if v.fixed is not None:
            why = (
                f"UTF-8 text read as {CODEPAGE_NAMES[v.codepage]} ({v.codepage}): "
                f"{v.token} → {v.fixed}"
            )
            edits.append((v.start, v.end, v.fixed, by_id.get(MOJIBAKE), why))
    for start, end, new, rule, why in sorted(edits, key=lambda e: e[0]):
        if rule:
            yield rule.finding(view, offset + start, offset + end, replacement=new, reason=why)
    possible = by_id.get(POSSIBLE_MOJIBAKE)
    for v in verdicts:
        if v.fixed is None and possible:
            codepages: dict[str, list[str]] = {}
            for fixed, cp in v.candidates:
                codepages.setdefault(fixed, []).append(cp)
            readings = ", ".join(f"{fixed} ({', '.join(cps)})" for fixed, cps in codepages.items())
            yield possible.finding(
                view,
                offset + v.start,
                offset + v.end,
                message=f"Possible mojibake, not repaired: {v.why}; it reads as {readings}",
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
