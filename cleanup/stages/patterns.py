"""Generic detectors for rules written as data: ``{regex: ...}`` and ``{phrases: [...]}``.

Every enabled rule of one kind is compiled together, so a stage scans the text once for all regex
rules (one combined pattern) and once for all phrase lists (an Aho-Corasick pass over the text
for one word of each phrase proposes the few places where a phrase can start; see the phrase
gate), however many rules there are. A regex rule::

    detector:
      regex: '(?<=\\w) +(?=[,;:!?])'     # Python syntax; use (?i:...) for case-insensitive parts
      replace: ''                        # optional: a template (\\1) for the fix
      quotes: skip                       # optional: ignore matches inside quoted speech

A phrase list (matched case-insensitively at word boundaries; ``{a|b}`` lists alternatives, which
the suggestion can reuse as ``{1}``, ``{2}``...; ``[...]`` marks the part that is flagged and
replaced when only part of the phrase is wrong)::

    detector:
      phrases:
        - {phrase: "iron wall", suggest: "ironclad"}
        - {phrase: "{can|could} [break in] at any time", suggest: "invade", id: break-in}

Each phrase entry reports under ``RULE/ID`` (``artifact/calque/break-in``; the id defaults to a slug
of the phrase), so a config can ignore one entry without losing the rest of the list.

Where two rules of one kind match overlapping text, the match that starts first wins (on a tie, the
rule listed first); this is the price of the single pass and is fine for rules that flag different
things.

>>> from cleanup.core.document import Document
>>> from cleanup.core.pipeline import process
>>> from cleanup.rules.loader import Ruleset, parse_rule
>>> from cleanup.settings.config import Config
>>> from cleanup.stages import compile_rules
>>> rule = parse_rule({"id": "x/calque", "category": "style", "severity": "info",
...     "message": "‘{text}’ → ‘{suggestion}’", "fix": "unsafe", "examples": {},
...     "detector": {"phrases": [{"phrase": "{can|could} [break in]", "suggest": "invade"}]}}, "t")
>>> compiled = compile_rules(Config(), Ruleset({rule.id: rule}))
>>> [(f.rule, f.text, f.replacement, f.message) for f in process(
...     Document.from_text("He can break in at any time."), compiled).findings]
[('x/calque/can-break-in', 'break in', 'invade', '‘break in’ → ‘invade’')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleanup.core.model import Finding
from cleanup.errors import ConfigError
from cleanup.rules.loader import Rule, phrases
from cleanup.stages import regex_gate
from cleanup.stages.phrases import (
    ODD_CASE,
    WORD,
    PhraseGate,
    first_words,
    phrase_gate,
    phrase_regex,
)

if TYPE_CHECKING:
    from cleanup.core.document import TextView
    from cleanup.core.registry import Context


@dataclass(frozen=True)
class Entry:
    """A regex rule, or one phrase of a phrase list."""

    rule: Rule
    source: str  # the entry's regex alone, to expand templates and find the marked part
    rule_id: str
    suggest: str | None = None
    replace: str | None = None
    skip_quotes: bool = False
    phrase: str = ""  # a phrase list's entry, matched ignoring case

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The entry alone, compiled at its first use: a text tries few of a hundred phrases."""
        return re.compile(self.source, re.IGNORECASE if self.phrase else 0)


@dataclass(frozen=True)
class Combined:
    """Rules of one kind compiled together: for regex rules, one pattern whose named groups are
    the entries; for phrase lists, the index and the gate that find where phrases start."""

    rules: tuple[Rule, ...]
    entries: dict[str, Entry]
    # phrases by their possible first words: one pass over the text's words finds every phrase
    # (a regex alternation of a hundred phrases costs a hundred tries at every character)
    by_first_word: dict[str, list[Entry]] = field(default_factory=dict)
    anywhere: list[Entry] = field(default_factory=list)  # phrases that start with no word
    gate: PhraseGate | None = None  # finds where phrases may start (None: try every word)
    # per regex rule, the check that the text may hold a match (None: always try the rule)
    rule_gates: tuple[regex_gate.Gate | None, ...] = ()

    @functools.cached_property
    def combined(self) -> re.Pattern[str]:
        """The one pattern of the regex rules, compiled when first used: a text leaves out the
        rules whose gates are shut, so the pattern of all of them is seldom needed."""
        parts: list[str] = []
        groups = 0  # groups of the combined pattern so far, to renumber backreferences
        for name, entry in self.entries.items():
            parts.append(f"(?P<{name}>{_shift_backrefs(entry.source, groups + 1)})")
            groups += 1 + entry.pattern.groups
        return re.compile("|".join(parts) or r"(?!)")


# a backreference \N that is not itself an escaped backslash
_BACKREF = re.compile(r"(?<!\\)((?:\\\\)*)\\([1-9]\d?)")


def _shift_backrefs(source: str, shift: int) -> str:
    r"""``source`` with backreferences renumbered by ``shift``.

    >>> print(_shift_backrefs(r"(a)\1 \\1", 3))
    (a)(?:\4) \\1
    """
    return _BACKREF.sub(lambda m: f"{m.group(1)}(?:\\{int(m.group(2)) + shift})", source)


def compile_regex(rules: Sequence[Rule]) -> Combined:
    """One combined pattern for the regex ``rules``."""
    return _compile("regex", rules)


def compile_phrases(rules: Sequence[Rule]) -> Combined:
    """One combined pattern, and the phrase gate, for the phrase-list ``rules``."""
    return _compile("phrases", rules)


def _compile(kind: str, rules: Sequence[Rule]) -> Combined:
    if kind == "phrases":
        # no combined pattern: the gate and the first-word index find where phrases start
        listed = [entry for rule in rules for entry in _phrase_entries(rule)]
        entries = {f"e{n}": entry for n, entry in enumerate(listed)}
        gate = phrase_gate([e.phrase for e in listed])
        result = Combined(tuple(rules), entries, gate=gate)
        for entry in listed:
            words = first_words(entry.phrase)
            if words is None:
                result.anywhere.append(entry)
            for word in words or ():
                result.by_first_word.setdefault(word, []).append(entry)
        return result
    entries = {f"e{n}": _regex_entry(rule) for n, rule in enumerate(rules)}
    rule_gates = tuple(regex_gate.gate(r.detector["regex"]) for r in rules)
    return Combined(tuple(rules), entries, rule_gates=rule_gates)


def _skip_quotes(rule: Rule) -> bool:
    value = rule.detector.get("quotes", "keep")
    if value not in ("skip", "keep"):
        raise ConfigError(f"{rule.source}: detector 'quotes' must be skip or keep")
    return bool(value == "skip")


def _regex_entry(rule: Rule) -> Entry:
    source = rule.detector["regex"]
    try:
        pattern = re.compile(source)
    except re.error as exc:
        raise ConfigError(f"{rule.source}: invalid regex: {exc}") from None
    if pattern.groupindex:
        raise ConfigError(f"{rule.source}: use numbered groups, not named ones, in a regex rule")
    # numbered groups inside the combined pattern are renumbered; the entry's own pattern expands
    # the replacement template, so `\1` still means the rule's first group
    replace = rule.detector.get("replace")
    return Entry(rule, source, rule.id, rule.suggestion, replace, _skip_quotes(rule))


def _phrase_entries(rule: Rule) -> Iterator[Entry]:
    skip = _skip_quotes(rule)
    for entry in phrases(rule):
        source = phrase_regex(entry.phrase)
        yield Entry(rule, source, entry.id, entry.suggest, entry.replace, skip, entry.phrase)


def matches(
    kind: str, view: TextView, rules: list[Rule], compile: Callable[[Sequence[Rule]], Combined]
) -> Iterator[tuple[Entry, re.Match[str]]]:
    """Every match of ``rules`` of one kind in one pass over the text; ``compile`` gives the
    combined pattern of some of them (a detector's compiles are kept with the rule set)."""
    compiled = compile(rules)
    text = view.text
    if compiled.rule_gates:
        # a rule whose gate is shut matches nowhere in the text, so the pass without it finds
        # the same (and skips what only that rule's first characters would stop at)
        live = [
            r for r, g in zip(rules, compiled.rule_gates, strict=True) if g is None or g.open(text)
        ]
        if not live:
            return
        if len(live) < len(rules):
            compiled = compile(live)
    for entry, own in (regex_matches if kind == "regex" else phrase_matches)(compiled, text):
        if entry.skip_quotes and view.in_quote(own.start(), own.end()):
            continue
        yield entry, own


def regex_matches(compiled: Combined, text: str) -> Iterator[tuple[Entry, re.Match[str]]]:
    for m in compiled.combined.finditer(text):
        if m.start() == m.end() or m.lastgroup is None:
            continue
        entry = compiled.entries[m.lastgroup]
        own = entry.pattern.match(text, m.start())
        if own is not None:  # always, for a well-formed entry
            yield entry, own


def phrase_matches(compiled: Combined, text: str) -> Iterator[tuple[Entry, re.Match[str]]]:
    """The longest phrase at each word that starts one, left to right, without overlaps."""
    if compiled.gate is not None and not any(ch in text for ch in ODD_CASE):
        yield from _gated_phrase_matches(compiled, compiled.gate, text)
        return
    done = 0
    index = compiled.by_first_word
    for word in WORD.finditer(text):
        start = word.start()
        if start < done:
            continue
        best = _longest_at(index.get(word.group().lower(), []) + compiled.anywhere, text, start)
        if best:
            done = best[1].end()
            yield best


_WORD_START = re.compile(r"(?<!\w)\w+")


def _gated_phrase_matches(
    compiled: Combined, gate: PhraseGate, text: str
) -> Iterator[tuple[Entry, re.Match[str]]]:
    """What the word-by-word loop finds, trying only where and what the gate proposes (see
    :mod:`cleanup.stages.phrases`): the entries that match at a place all proposed it, and are
    tried in the loop's order, so the longest match and the ties come out the same."""
    entries = list(compiled.entries.values())  # numbered as the gate numbers them
    proposed = gate.proposals(text)
    done = 0
    for start in sorted(proposed):
        word = _WORD_START.match(text, start) if start >= done else None
        if word is None:  # inside the last match, or not where a word starts
            continue
        lower = word.group().lower()
        candidates = (  # in the order of the slow loop's candidates
            entries[n] for n in sorted(set(proposed[start])) if lower in gate.first_words[n]
        )
        best = _longest_at(candidates, text, start)
        if best:
            done = best[1].end()
            yield best


def _longest_at(
    entries: Iterable[Entry], text: str, start: int
) -> tuple[Entry, re.Match[str]] | None:
    """The entry whose pattern matches longest at ``start`` (the first of equal lengths)."""
    best: tuple[Entry, re.Match[str]] | None = None
    for entry in entries:
        own = entry.pattern.match(text, start)
        if own and own.end() > start and (best is None or own.end() > best[1].end()):
            best = (entry, own)
    return best


def _case_like(model: str, text: str) -> str:
    """``text`` with the capitalisation of ``model``'s first letter."""
    if model[:1].isupper() and text[:1].islower():
        return text[:1].upper() + text[1:]
    return text


def _format(template: str, own: re.Match[str]) -> str:
    """``template`` with ``{1}``, ``{2}``... replaced by the phrase's matched alternatives."""
    groups = own.groupdict()
    return re.sub(r"\{(\d)\}", lambda m: groups.get(f"a{m.group(1)}") or "", template)


def _prepared(
    context: Context, compile: Callable[[Sequence[Rule]], Combined]
) -> Callable[[Sequence[Rule]], Combined]:
    """``compile``, each of its results kept with the compiled rule set."""
    return lambda rules: context.compiled.prepared(compile, rules)


def detect_regex(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """Every regex rule in one pass over the text."""
    for entry, own in matches("regex", view, rules, _prepared(context, compile_regex)):
        replacement = own.expand(entry.replace) if entry.replace is not None else None
        yield entry.rule.finding(
            view, own.start(), own.end(), replacement=replacement, reason=entry.rule.message
        )


def detect_phrases(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """Every phrase of every phrase-list rule in one pass over the text."""
    for entry, own in matches("phrases", view, rules, _prepared(context, compile_phrases)):
        start, end = own.span("span") if "span" in entry.pattern.groupindex else own.span()
        text = view.text[start:end]
        suggestion = _case_like(text, _format(entry.suggest, own)) if entry.suggest else None
        replacement = (
            _case_like(text, _format(entry.replace, own)) if entry.replace is not None else None
        )
        if "{text}" in entry.rule.message:  # a message written for one phrase at a time
            message = entry.rule.message.replace("{text}", text)
            message = message.replace("{suggestion}", suggestion or "")
        else:
            message = f"{entry.rule.message}: ‘{text}’" + (
                f" → ‘{suggestion}’" if suggestion else ""
            )
        finding = entry.rule.finding(
            view,
            start,
            end,
            replacement=replacement,
            message=message,
            reason=f"phrase list {entry.rule.id}: ‘{text}’ → ‘{suggestion}’" if suggestion else "",
        )
        yield finding.with_(rule=entry.rule_id)
