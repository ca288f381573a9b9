"""Unified diffs of a document before and after ``fix``."""

from __future__ import annotations

import difflib
import os
import re
from typing import TextIO

import click


def unified(path: str, before: str, after: str) -> str:
    """A unified diff with ``---``/``+++`` headers; empty when nothing changed.

    >>> print(unified("a.txt", "one\\ntwo\\n", "one\\n2\\n"), end="")
    --- a/a.txt
    +++ b/a.txt
    @@ -1,2 +1,2 @@
     one
    -two
    +2
    """
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def use_color(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def for_stream(stream: TextIO, path: str, before: str, after: str) -> str:
    """The diff as ``stream`` should get it: coloured word by word in a terminal, else plain."""
    return colored(path, before, after) if use_color(stream) else unified(path, before, after)


def colored(path: str, before: str, after: str) -> str:
    """The unified diff with removed words in red and added words in green (ANSI colours).

    Lines keep their ``-``/``+`` markers, so the colours add to the plain diff, never replace it.

    >>> import re
    >>> text = colored("a.txt", "He left. ..\\n", "He left.\\n")
    >>> re.sub(r"\\x1b\\[[0-9;]*m", "", text) == unified("a.txt", "He left. ..\\n", "He left.\\n")
    True
    """
    out: list[str] = []
    removed: list[str] = []
    added: list[str] = []

    def flush() -> None:
        if removed or added:
            old, new = "".join(removed), "".join(added)
            out.extend(_marked(old, new))
        removed.clear()
        added.clear()

    for line in unified(path, before, after).splitlines(keepends=True):
        if line.startswith(("---", "+++")) and not removed and not added:
            out.append(click.style(line.rstrip("\n"), bold=True) + "\n")
        elif line.startswith("-"):
            removed.append(line[1:])
        elif line.startswith("+"):
            added.append(line[1:])
        else:
            flush()
            hunk_header = line.startswith("@@")
            out.append(click.style(line.rstrip("\n"), fg="cyan") + "\n" if hunk_header else line)
    flush()
    return "".join(out)


def _marked(old: str, new: str) -> list[str]:
    """``-``/``+`` lines for one block of removed and added lines, the changed words highlighted."""
    from cleanup.report.diff.hunks import hunks

    changed = hunks(old, new)
    old_spans, new_spans, delta = [], [], 0
    for start, end, replacement in changed:
        old_spans.append((start, end))
        new_spans.append((start + delta, start + delta + len(replacement)))
        delta += len(replacement) - (end - start)
    lines = [("-", line) for line in _paint(old, old_spans, "red").splitlines(keepends=True)]
    lines += [("+", line) for line in _paint(new, new_spans, "green").splitlines(keepends=True)]
    return [click.style(sign, fg="red" if sign == "-" else "green") + line for sign, line in lines]


def _paint(text: str, spans: list[tuple[int, int]], colour: str) -> str:
    """``text`` with each span in bold ``colour``; a newline never sits inside colour codes."""
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        for piece in re.split(r"(\n)", text[start:end]):
            parts.append(piece if piece in ("\n", "") else _word(piece, colour))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _word(text: str, colour: str) -> str:
    # reverse video marks a changed stretch even when it is only spaces
    return click.style(text, fg=colour, bold=True, reverse=True if text.isspace() else None)
