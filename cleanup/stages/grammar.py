"""Grammar stage: LanguageTool's matches, filtered and mapped to the project's findings.

Only the detector's body touches LanguageTool (imported on first use), so importing this module
costs nothing when ``--grammar`` is off. What LanguageTool says is filtered before it reaches a
reviewer:

- spelling matches on gazetteer names and their accepted variants are dropped, and so (by
  default) are spelling matches on capitalized words, which in translated news are mostly names;
- matches inside spans another stage already changed are dropped;
- categories and issue types map to :data:`cleanup.core.model.CATEGORIES` and severities;
- suggestions are unsafe fixes, offered only when LanguageTool has exactly one and the match does
  not touch another match: "This are" raises two matches whose single suggestions ("These", "is")
  contradict each other, so they become one flag that names both readings and fixes nothing.

Findings carry the rule id ``grammar/<LanguageTool rule id>``, so ``--ignore grammar/EN_QUOTES``
switches one LanguageTool rule off.

Categories and severities: :mod:`cleanup.languagetool.mapping`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from cleanup.core.model import Finding, Fix, Severity
from cleanup.rules.loader import Rule

if TYPE_CHECKING:
    from cleanup.core.document import TextView
    from cleanup.core.registry import Context
    from cleanup.languagetool.client import RawMatch
    from cleanup.languagetool.mapping import Settings
    from cleanup.settings.config import Config

# Paragraphs are sent together up to this many characters: whole paragraphs, never split, and a
# fixed size so the cache keys do not depend on the machine.
CHUNK_CHARS = 2000

_WORD = re.compile(r"\S+")


def ignored_words(context: Context) -> frozenset[str]:
    """Words the spelling check must not flag: every word of the gazetteer's names and of their
    accepted forms (``accept``, ``keep``, short forms), never of its known-wrong variants."""
    config = context.config
    return _gazetteer_words(
        tuple(config.gazetteers), config.style, config.cache_dir, config.use_cache
    )


@lru_cache(maxsize=8)
def _gazetteer_words(
    files: tuple[str, ...], style: str, cache_dir: str | None, use_cache: bool
) -> frozenset[str]:
    from cleanup.gazetteer.index import load

    words: set[str] = set()
    # the names stage's arguments: one index per process for both
    for entry in load(files, style, True, cache_dir, use_cache).entries:
        forms = (*entry.right_forms, *entry.keep, *entry.shorts)
        words.update(w.strip(_EDGE) for form in forms for w in form.split())
    words.discard("")
    return frozenset(words | {w.lower() for w in words})


_EDGE = ".,;:!?()[]{}“”‘’\"'"


def chunks(view: TextView, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Spans of whole paragraphs, grouped up to ``limit`` characters (a longer paragraph alone).

    >>> from cleanup.core.document import TextView
    >>> chunks(TextView("One.\\n\\nTwo.\\n\\nThree."), limit=12)
    [(0, 10), (12, 18)]
    """
    out: list[tuple[int, int]] = []
    for start, end in view.paragraphs:
        if out and end - out[-1][0] <= limit:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


@dataclass
class _Hit:
    """A LanguageTool match placed in the stage's text, possibly several merged."""

    start: int
    end: int
    matches: list[RawMatch] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # each match's own span
    ends: list[int] = field(default_factory=list)


def detect_languagetool(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """LanguageTool's matches over the whole text, paragraphs sent together (see module doc)."""
    if not context.document.language.startswith("en"):
        return
    from cleanup.languagetool.mapping import Settings
    from cleanup.languagetool.session import get_session

    config = context.config
    session = get_session(
        config.languagetool_url, config.cache_dir, config.use_cache, config.languagetool_timeout
    )
    for rule in rules:
        settings = Settings.from_rule(rule)
        spans = [(s, e) for s, e in chunks(view) if view.text[s:e].strip()]
        answers = session.check([view.text[s:e] for s, e in spans], settings.request())
        hits = []
        for (chunk_start, _), matches in zip(spans, answers, strict=True):
            for m in matches:
                start = chunk_start + m.offset
                hits.append(_Hit(start, start + m.length, [m], [start], [start + m.length]))
        hits = _keep(hits, view.text, settings, context)
        hits = _merge(_widen(hits, view.text, settings), view.text)
        yield from _findings(hits, view.text, session.version)


def _keep(hits: list[_Hit], text: str, settings: Settings, context: Context) -> list[_Hit]:
    from cleanup.languagetool.mapping import is_spelling

    ignored: frozenset[str] | None = None
    kept = []
    for hit in hits:
        m = hit.matches[0]
        if not context.config.enabled(f"grammar/{m.rule}"):
            continue
        if any(_touches((hit.start, hit.end), span) for span in context.edited):
            continue
        if is_spelling(m):
            word = text[hit.start : hit.end]
            if ignored is None:
                ignored = ignored_words(context)
            if word in ignored or word.strip(_EDGE) in ignored:
                continue
            if settings.skip_capitalized_spelling and word[:1].isupper():
                continue
        kept.append(hit)
    return kept


def _touches(hit: tuple[int, int], edited: tuple[int, int]) -> bool:
    if edited[0] == edited[1]:  # a deletion point: inside the match, not at its edge
        return hit[0] < edited[0] < hit[1]
    return hit[0] < edited[1] and edited[0] < hit[1]


def _widen(hits: list[_Hit], text: str, settings: Settings) -> list[_Hit]:
    """Show article agreement ("a error") with its noun: the span a reviewer reads."""
    for hit in hits:
        if hit.matches[0].rule in settings.span_with_next_word:
            word = _WORD.search(text, hit.end)
            gap = text[hit.end : word.start()] if word else "\n"
            if word and gap.isspace() and "\n" not in gap:
                hit.end = word.end()
    return hits


def _merge(hits: list[_Hit], text: str) -> list[_Hit]:
    """Matches that overlap or touch (only a space between) become one: their fixes depend on
    each other."""
    merged: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        if merged:
            last = merged[-1]
            gap = text[last.end : hit.start]
            if hit.start <= last.end or (len(gap) <= 2 and gap.isspace() and "\n" not in gap):
                last.end = max(last.end, hit.end)
                last.matches += hit.matches
                last.starts += hit.starts
                last.ends += hit.ends
                continue
        merged.append(hit)
    return merged


def _findings(hits: Iterable[_Hit], text: str, version: str) -> Iterator[Finding]:
    from cleanup.languagetool.mapping import classify, is_spelling

    for hit in hits:
        first = hit.matches[0]
        category, severity = classify(first)
        if any(classify(m)[1] is Severity.WARNING for m in hit.matches):
            severity = Severity.WARNING
        span = text[hit.start : hit.end]
        ids = " + ".join(dict.fromkeys(m.rule for m in hit.matches))
        message = first.message
        replacement = None
        if len(hit.matches) == 1:
            only = first.replacements[0] if len(first.replacements) == 1 else None
            if only is not None and not is_spelling(first):
                # the suggestion replaces LanguageTool's span; a widened span keeps its tail
                local_end = hit.ends[0] - hit.start
                replacement = only + span[local_end:]
            shown = first.replacements
        else:
            shown = tuple(
                dict.fromkeys(
                    span[: s - hit.start] + m.replacements[0] + span[e - hit.start :]
                    for m, s, e in zip(hit.matches, hit.starts, hit.ends, strict=True)
                    if m.replacements
                )
            )
            if len(shown) > 1:
                message += (
                    " These fixes depend on each other: "
                    + " or ".join(f"“{s}”" for s in shown)
                    + "?"
                )
        reason = f"LanguageTool {version} {ids}"
        if shown:
            reason += "; suggestions: " + ", ".join(f"“{s}”" for s in shown)
        yield Finding(
            rule=f"grammar/{first.rule}",
            category=category,
            severity=severity,
            start=hit.start,
            end=hit.end,
            text=span,
            message=message,
            replacement=replacement,
            fix=Fix.UNSAFE if replacement is not None else None,
            reason=reason,
        )


@contextmanager
def grammar_run(config: Config) -> Iterator[None]:
    """Wrap a run with grammar on (the CLI does): fails at once when LanguageTool cannot be had,
    and stops any server the run started when it ends, however it ends."""
    from cleanup.languagetool.session import get_session

    try:
        get_session(
            config.languagetool_url, config.cache_dir, config.use_cache, config.languagetool_timeout
        )
        yield
    finally:
        close()


def close() -> None:
    """Stop LanguageTool servers this process started, if LanguageTool was used at all."""
    import sys

    if "cleanup.languagetool.session" in sys.modules:
        from cleanup.languagetool.session import close_sessions

        close_sessions()
