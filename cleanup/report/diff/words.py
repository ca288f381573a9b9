"""``--diff=words``: one line per change, the changed words in their context with the rules that
made the change, for people reading diffs in logs (a unified diff repeats a whole paragraph for
a one-word change, and says nothing of why).

>>> from cleanup.core.model import Finding, Result, Severity, Fix
>>> f = Finding("punctuation/stray-dots", "fluency/punctuation", Severity.WARNING, 20, 23, " ..",
...             "Stray '..'", "", Fix.SAFE, applied=True)
>>> print(words("a.txt", Result("She stayed. He left. ..", "She stayed. He left.", [f])), end="")
a.txt:1:21: punctuation/stray-dots: She stayed. He left.[- ..-]
"""

from __future__ import annotations

import click

from cleanup.core.model import Result
from cleanup.report.diff.changes import changes

CONTEXT_CHARS = 40  # of the line around a change, on each side


def words(path: str, result: Result, *, color: bool = False) -> str:
    """Each change of ``result`` as ``path:line:column: rules: context [-old-]{+new+} context``
    (git's word-diff notation; in colour, red and green instead); empty when nothing changed."""
    text = result.original
    out = []
    for change in changes(result):
        line_start = text.rfind("\n", 0, change.start) + 1
        line_end = text.find("\n", change.end)
        line_end = len(text) if line_end < 0 else line_end
        before = clip_left(text[line_start : change.start], CONTEXT_CHARS)
        after = clip_right(text[change.end : line_end], CONTEXT_CHARS)
        old, new = _visible(change.old), _visible(change.new)
        if color:
            shown = click.style(old, fg="red", strikethrough=True, reverse=old.isspace() or None)
            shown += click.style(new, fg="green", bold=True, reverse=new.isspace() or None)
        else:
            shown = (f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else "")
        line = text.count("\n", 0, change.start) + 1
        where = f"{path}:{line}:{change.start - line_start + 1}"
        rules = ", ".join(dict.fromkeys(change.rules))
        out.append(f"{where}: {rules}: {_visible(before)}{shown}{_visible(after)}\n")
    return "".join(out)


def _visible(text: str) -> str:
    # one line per change, whatever it spans
    return text.replace("\n", "↵")


def clip_left(text: str, limit: int) -> str:
    """The end of ``text``, at most ``limit`` characters, cut at a space when one is near."""
    if len(text) <= limit:
        return text
    cut = text[-limit:]
    space = cut.find(" ")
    return "…" + (cut[space + 1 :] if 0 <= space < limit // 2 else cut)


def clip_right(text: str, limit: int) -> str:
    """The start of ``text``, at most ``limit`` characters, cut at a space when one is near."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"
