"""Unified diffs of a document before and after ``fix``."""

from __future__ import annotations

import difflib


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
