"""Balance: quotation marks and brackets opened and never closed, or closed and never opened,
within a paragraph."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.document import TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule

if TYPE_CHECKING:
    from cleanup.core.registry import Context


_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
# "1)", "a)", "iv)" enumerations and ":)" need no opening bracket
_ENUMERATION = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)|[:;]-?\)")


_MARK_CHARS = '“”"«»()[]{}'
# one literal pattern per mark: the engine skips to each occurrence, far faster than a class
_MARK_AT = {ch: re.compile(re.escape(ch)) for ch in _MARK_CHARS}


def marks_by_paragraph(view: TextView) -> dict[int, list[tuple[int, str]]]:
    """The quotation marks and brackets of each paragraph that has any (by paragraph number), in
    text order: a few per article, found without looking at each paragraph."""
    text = view.text
    marks = [
        (m.start(), ch)
        for ch in _MARK_CHARS
        if ch in text  # most marks are absent from most articles
        for m in _MARK_AT[ch].finditer(text)
    ]
    if not marks:
        return {}
    marks.sort()
    # every mark lies in a paragraph: the text between paragraphs is whitespace
    starts = [p_start for p_start, _ in view.paragraphs]
    found: dict[int, list[tuple[int, str]]] = {}
    for i, ch in marks:
        found.setdefault(bisect.bisect_right(starts, i) - 1, []).append((i, ch))
    return found


def detect_balance(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """Quotation marks and brackets opened and never closed, or closed and never opened, within
    a paragraph. A quote left open at a paragraph's end is fine when the next paragraph opens one
    (news style for a quotation that runs on), and so is a paragraph that opens with one."""
    by_id = {r.id: r for r in rules}
    quotes, brackets = (
        by_id.get("artifact/unbalanced-quotes"),
        by_id.get("artifact/unbalanced-brackets"),
    )
    text = view.text
    paragraphs = view.paragraphs
    enumerations: set[int] | None = None  # found when a closer lacks its opener (rare)
    by_paragraph = marks_by_paragraph(view)

    def closes_earlier(n: int) -> bool:
        """Paragraph ``n``'s first quotation mark closes a quotation opened before it."""
        first = next(((i, ch) for i, ch in by_paragraph.get(n, ()) if ch in '“”«»"'), None)
        if first is None:
            return False
        i, ch = first
        return ch in "”»" or (ch == '"' and not text[i + 1 : i + 2].isalnum())

    marked = sorted(by_paragraph)
    left_open = False  # the previous paragraph left a curly quotation open
    for k, n in enumerate(marked):
        marks = by_paragraph[n]
        p_start = paragraphs[n][0]
        next_start = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
        # news style leaves the closing mark off a paragraph the next one continues: the next
        # paragraph opens a quotation, or closes this one
        later = marked[k + 1] if k + 1 < len(marked) else None
        continues = next_start is not None and (
            text[next_start : next_start + 1] in '“"«'
            or (later is not None and later - n <= 2 and closes_earlier(later))
        )
        runs_on = left_open and k > 0 and n - marked[k - 1] <= 2
        curly: list[int] = []
        straight: list[int] = []
        stack: list[int] = []
        bad_quotes: list[int] = []
        bad_brackets: list[int] = []
        for i, ch in marks:
            if ch in "“«":
                curly.append(i)
            elif ch in "”»":
                if curly:
                    curly.pop()
                elif runs_on:
                    runs_on = False  # closes the quotation the previous paragraph left open
                else:
                    bad_quotes.append(i)
            elif ch == '"':
                if text[i - 1 : i].isdigit():  # 5'10" is a measure, not a quote
                    continue
                if straight:
                    straight.pop()
                else:
                    straight.append(i)
            elif ch in _OPENERS:
                stack.append(i)
            elif ch in _CLOSERS:
                if stack and text[stack[-1]] == _CLOSERS[ch]:
                    stack.pop()
                    continue
                if enumerations is None:
                    enumerations = {m.end() - 1 for m in _ENUMERATION.finditer(text)}
                if i not in enumerations:
                    bad_brackets.append(i)
        left_open = bool(curly)
        if not continues:
            # a paragraph that opens with a quotation left open is a quotation that runs on into
            # the next paragraph, whose opening mark scrapers often lose; only a quotation opened
            # mid-paragraph and never closed is flagged
            bad_quotes.extend(i for i in curly + straight if i != p_start)
        bad_brackets.extend(stack)
        if quotes:
            for i in sorted(bad_quotes):
                yield quotes.finding(view, i, i + 1)
        if brackets:
            for i in sorted(bad_brackets):
                yield brackets.finding(view, i, i + 1)
