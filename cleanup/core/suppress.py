"""Suppressions: findings an author has declared acceptable, where they stand.

In Markdown and HTML, comments name the rules (ids or prefixes) they silence::

    <!-- cleanup: disable names/fuzzy -->      ... up to the matching enable, or the end
    <!-- cleanup: enable names/fuzzy -->
    <!-- cleanup: disable-next-line artifact -->

A comment must name a rule; one that names none is itself flagged. In an HTML page the article is
extracted from the markup, so positions cannot be carried over: there each ``disable`` and
``disable-next-line`` comment applies to the whole page. Plain-text articles take a sidecar file,
``NAME.cleanup-suppress`` beside ``NAME``, one suppression per line: ``RULE`` (the whole article)
or ``RULE: text`` (findings of RULE whose text is exactly ``text``); ``#`` starts a comment.

A suppressed finding is neither reported by `check` nor applied by `fix`: the pipeline leaves its
text as written (:func:`edit_ranges`).

>>> text = "A. ..\\n<!-- cleanup: disable-next-line punctuation -->\\nB. ..\\n"
>>> [(d.verb, d.rules, d.line) for d in directives(text)]
[('disable-next-line', ('punctuation',), 2)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cleanup.core.document import line_col, line_starts
from cleanup.core.model import Finding, Result, Severity
from cleanup.settings.config import Config, matches

SIDECAR_SUFFIX = ".cleanup-suppress"
# (rule or prefix, start, end, exact text or None): findings of the rule starting in [start, end)
SuppressedRange = tuple[str, int, int, str | None]
# a sidecar file's entries: (rule, exact text or None for the whole article)
Sidecar = list[tuple[str, str | None]]
_DIRECTIVE = re.compile(
    r"<!--\s*cleanup:\s*(?P<verb>disable-next-line|disable|enable)\b(?P<rules>.*?)-->",
    re.IGNORECASE | re.DOTALL,
)
_RULES = re.compile(r"[^\s,]+")

# The findings about suppressions themselves: made here, not by a rule in rules/, so their ids and
# what `cleanup rules ID` says about them are kept here.
NO_RULE = "suppression/no-rule"
UNUSED = "suppression/unused"
ABOUT = {
    NO_RULE: "A suppression comment that names no rule silences nothing; write the rules (ids or "
    "prefixes) it is for: `<!-- cleanup: disable RULE -->`. Always reported.",
    UNUSED: "A suppression (a comment, or a line of a NAME.cleanup-suppress file) that silenced no "
    "finding: the text changed, or the rule no longer fires there. Reported with "
    "--report-unused-suppressions (report-unused-suppressions = true in the settings).",
}


@dataclass(frozen=True)
class Directive:
    """One suppression comment (or sidecar line) and where it stands."""

    verb: str  # disable | enable | disable-next-line
    rules: tuple[str, ...]
    start: int
    end: int
    line: int
    source: str = ""  # the sidecar file, for suppressions that are not in the text

    @property
    def text(self) -> str:
        rules = ", ".join(self.rules)
        return f"<!-- cleanup: {self.verb} {rules} -->" if not self.source else rules


@dataclass
class _Span:
    """Lines over which one rule is suppressed."""

    rule: str
    first: int  # first line (1-based), inclusive
    last: float  # last line, inclusive (inf: to the end)
    directive: Directive
    text: str | None = None  # sidecar: only findings with exactly this text
    used: bool = field(default=False)


def directives(text: str) -> list[Directive]:
    """The suppression comments in ``text``, in order."""
    starts = line_starts(text)
    found = []
    for m in _DIRECTIVE.finditer(text):
        rules = tuple(_RULES.findall(m.group("rules").strip()))
        line, _ = line_col(starts, m.start())
        found.append(Directive(m.group("verb").lower(), rules, m.start(), m.end(), line))
    return found


def sidecar(path: Path) -> Sidecar:
    """(rule, text or None) from ``path + .cleanup-suppress``, when that file exists."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.is_file():
        return []
    entries: Sidecar = []
    for line in side.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        rule, sep, text = line.partition(":")
        entries.append((rule.strip(), text.strip() if sep else None))
    return entries


def _spans(text: str, found: list[Directive], positional: bool) -> list[_Span]:
    spans: list[_Span] = []
    open_: dict[str, _Span] = {}
    lines = text.split("\n")
    for d in found:
        for rule in d.rules:
            if not positional:
                if d.verb != "enable":
                    spans.append(_Span(rule, 1, float("inf"), d))
            elif d.verb == "disable":
                open_[rule] = _Span(rule, d.line, float("inf"), d)
                spans.append(open_[rule])
            elif d.verb == "enable":
                if rule in open_:
                    open_.pop(rule).last = d.line
            else:  # the next line with text that is not itself a suppression comment
                nxt = d.line + 1
                while nxt <= len(lines) and (
                    not lines[nxt - 1].strip() or _DIRECTIVE.fullmatch(lines[nxt - 1].strip())
                ):
                    nxt += 1
                spans.append(_Span(rule, nxt, nxt, d))
    return spans


def _all_spans(
    text: str,
    found: list[Directive],
    side: Sidecar,
    positional: bool,
    sidecar_name: str = "",
) -> list[_Span]:
    spans = _spans(text, found, positional)
    for n, (rule, exact) in enumerate(side, start=1):
        directive = Directive("disable", (rule,), 0, 0, n, sidecar_name)
        spans.append(_Span(rule, 1, float("inf"), directive, exact))
    return spans


def edit_ranges(
    text: str,
    found: list[Directive],
    side: Sidecar,
    *,
    positional: bool = True,
) -> list[SuppressedRange]:
    """Where edits are not to be made: the suppressions of ``text`` as offset ranges, so the
    pipeline leaves a suppressed finding's text as it is (and the report then drops the finding).

    >>> text = "A. ..\\n<!-- cleanup: disable-next-line punctuation -->\\nB. ..\\n"
    >>> edit_ranges(text, directives(text), [])
    [('punctuation', 54, 60, None)]
    """
    if not found and not side:  # most articles: no pass over the text for line offsets
        return []
    starts = line_starts(text)

    def line_start(line: int | float) -> int:  # of a 1-based line; past the end for no line
        return starts[int(line) - 1] if line <= len(starts) else len(text) + 1

    ranges = []
    for span in _all_spans(text, found, side, positional):
        if span.directive.verb != "enable":
            ranges.append((span.rule, line_start(span.first), line_start(span.last + 1), span.text))
    return ranges


def apply(
    result: Result,
    found: list[Directive],
    side: Sidecar,
    config: Config,
    *,
    positional: bool = True,
    sidecar_name: str = "",
) -> tuple[Result, int]:
    """``result`` without suppressed findings, plus findings about the suppressions themselves;
    and how many findings were suppressed."""
    spans = _all_spans(result.original, found, side, positional, sidecar_name)
    if not spans and not found:
        return result, 0
    starts = line_starts(result.original)
    kept: list[Finding] = []
    suppressed = 0
    for finding in result.findings:
        line, _ = line_col(starts, finding.start)
        hit = False
        for span in spans:
            covers = span.first <= line <= span.last and matches(finding.rule, [span.rule])
            if covers and (span.text is None or span.text == finding.text):
                span.used = hit = True
        if hit:
            suppressed += 1
        else:
            kept.append(finding)
    kept.extend(_about(found, spans, config, result.original))
    kept.sort(key=lambda f: (f.start, f.end, f.rule, f.message))
    return Result(result.original, result.text, kept), suppressed


def _about(found: list[Directive], spans: list[_Span], config: Config, text: str) -> list[Finding]:
    """Comments that name no rule (always) and suppressions that silenced nothing (on request)."""
    out: list[Finding] = []
    for d in found:
        if not d.rules:
            out.append(
                Finding(
                    NO_RULE,
                    "style",
                    Severity.WARNING,
                    d.start,
                    d.end,
                    text[d.start : d.end],
                    "A suppression comment must name the rules it silences "
                    "(`<!-- cleanup: disable RULE -->`)",
                )
            )
    if config.report_unused_suppressions:
        for span in spans:
            if span.used or span.directive.verb == "enable":
                continue
            d = span.directive
            where = f" in {d.source}, line {d.line}" if d.source else ""
            start, end = (d.start, d.end) if not d.source else (0, 0)
            out.append(
                Finding(
                    UNUSED,
                    "style",
                    Severity.WARNING,
                    start,
                    end,
                    text[start:end],
                    f"Unused suppression of {span.rule}{where}"
                    + (f" for {span.text!r}" if span.text else ""),
                )
            )
    return out
