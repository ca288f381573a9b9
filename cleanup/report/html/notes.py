"""The review page's items and the note beside the text for each: a change (one or more edits to
the same words, with every step's reason) or a flag, with accept and reject buttons where the
reviewer decides (every change, and every flag whose suggestion can be applied)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleanup.core.model import Finding, Fix, Severity
from cleanup.report.diff.changes import Change
from cleanup.report.html.escape import data, escape, text


@dataclass
class Item:
    """One numbered thing on the page: a change, or a flag."""

    number: int
    findings: tuple[Finding, ...]
    start: int  # where its span begins and ends on the page (a flag widened over changed words)
    end: int
    change: Change | None = None
    suggestion: bool = False  # a flag whose suggested replacement the reviewer may accept
    anchor: int = 0  # where on the page its marker is

    @property
    def kind(self) -> str:
        return "change" if self.findings[0].applied else "flag"

    @property
    def severity(self) -> Severity:
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    @property
    def category(self) -> str:
        return self.findings[0].category

    @property
    def decided(self) -> bool:
        return self.change is not None or self.suggestion


def badge(item: Item, *, marker: bool) -> str:
    sev = f" sev-{item.severity.value}" if item.kind == "flag" else ""
    ident = f' id="m{item.number}" href="#n{item.number}"' if marker else f' href="#m{item.number}"'
    title = escape(f"{item.kind} {item.number}: {item.findings[0].message}")
    return (
        f'<a class="badge {item.kind}{sev}"{ident} data-item="{item.number}" title="{title}">'
        f"{item.number}</a>"
    )


def quoted(source: str) -> str:
    """A finding's text for a note: spaces at its edges, tabs and newlines made visible.

    >>> quoted(" ..")
    '<span class="ws">␣</span>..'
    >>> quoted("whether or not")
    'whether or not'
    """
    marks = {" ": "␣", "\t": "⇥", "\n": "↵"}
    parts = re.split(r"(\s)", source)
    last = len(parts) - 1
    return "".join(
        f'<span class="ws">{marks.get(p, "␣")}</span>'
        if p.isspace() and (i in (0, last) or p != " " or not parts[i - 1] or not parts[i + 1])
        else text(p)
        for i, p in enumerate(parts)
    )


def _word_around(source: str, start: int, end: int, limit: int = 24) -> tuple[str, str]:
    """The rest of the words a span starts and ends in (escaped), at most ``limit`` characters."""
    left = start
    while left > max(0, start - limit) and not source[left - 1].isspace():
        left -= 1
    right = end
    while right < min(len(source), end + limit) and not source[right].isspace():
        right += 1
    return text(source[left:start]), text(source[end:right])


def _edit(original: str, start: int, end: int, old: str, new: str, label: str = "") -> str:
    left, right = _word_around(original, start, end)
    before = f"{left}<del>{quoted(old)}</del>{right}" if old else f"{left}{right}"
    after = f"{left}<ins>{quoted(new)}</ins>{right}" if new else left + right
    return f'<p class="edit">{label}{before}<span class="arrow">→</span>{after}</p>'


UNSAFE = '<code class="opt">--unsafe-fixes</code>'


def _how(f: Finding, item: Item) -> str:
    if f.applied:
        return "applied (safe fix)" if f.fix is Fix.SAFE else "applied (unsafe fix, accepted)"
    if f.fix is Fix.UNSAFE:
        return f"unsafe fix, not applied ({UNSAFE} applies it)"
    if f.fix is Fix.SAFE:
        return "not applied: it overlapped another change"
    return "needs a person&#x27;s judgement"


def _findings(item: Item) -> str:
    """What a decision names (rule, span and text of each finding), for the page's script."""
    return data(
        [
            {
                "rule": f.rule,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "replacement": f.replacement,
            }
            for f in item.findings
        ]
    )


def note(item: Item, original: str) -> str:
    kind = item.kind
    sev = item.severity.value
    lines = [
        f"<header>{badge(item, marker=False)}"
        f'<span class="kind">{kind.capitalize()}</span>'
        f'<span class="cat">{escape(item.category)}</span>'
        f'<span class="sev">{escape(sev)}</span></header>',
    ]
    change = item.change
    if change is not None and len(item.findings) > 1:
        # one change in several steps: the words as read and as they end up, then each step
        lines.append(f'<p class="msg">{len(item.findings)} changes to the same words</p>')
        lines.append(_edit(original, change.start, change.end, change.old, change.new))
        for f in item.findings:
            lines.append(
                f'<div class="step"><p class="msg">{text(f.message)}</p>'
                f'<p class="edit small">{quoted(f.text)}<span class="arrow">→</span>'
                f"{quoted(f.replacement or '')}</p>"
                + _why(f)
                + f'<p class="rule"><code>{escape(f.rule)}</code> · {_how(f, item)}</p></div>'
            )
    else:
        f = item.findings[0]
        lines.append(f'<p class="msg">{text(f.message)}</p>')
        if change is not None:
            lines.append(_edit(original, change.start, change.end, change.old, change.new))
        elif f.replacement is not None:
            label = '<span class="label">Suggestion: </span>'
            lines.append(_edit(original, f.start, f.end, f.text, f.replacement, label))
        elif f.text:
            left, right = _word_around(original, f.start, f.end)
            at = f'{left}<mark class="flag sev-{sev}">{quoted(f.text)}</mark>{right}'
            lines.append(f'<p class="edit"><span class="label">At: </span>{at}</p>')
        lines.append(_why(f))
        lines.append(f'<p class="rule"><code>{escape(f.rule)}</code> · {_how(f, item)}</p>')
    attrs = ""
    if item.decided:
        lines.append(
            '<p class="decide"><button type="button" class="accept" data-decision="accept" '
            'title="Accept (a)">Accept</button><button type="button" class="reject" '
            'data-decision="reject" title="Reject (r)">Reject</button>'
            '<span class="state"></span></p>'
        )
        default = "accept" if change is not None else "reject"
        attrs = f' data-default="{default}" data-findings="{_findings(item)}"'
    return (
        f'<article class="note {kind} sev-{sev}" id="n{item.number}" '
        f'data-item="{item.number}" data-kind="{kind}" data-cat="{escape(item.category)}"'
        f"{attrs}>" + "".join(lines) + "</article>"
    )


def _why(f: Finding) -> str:
    if f.reason and f.reason != f.message:
        return f'<p class="reason"><span class="label">Why: </span>{text(f.reason)}</p>'
    return ""
