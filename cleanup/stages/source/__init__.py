"""Checks against the source text: run only when the input gives one (``Document.source``).

The source and the translation are aligned by paragraph (blank lines) when both have as many;
otherwise the whole source stands beside the whole translation. A check sees each pair
(:class:`Pair`) and reports on the translation's text, quoting the source in its message.

>>> from cleanup.core.document import Document
>>> from cleanup.core.pipeline import process
>>> from cleanup.settings.config import Config
>>> from cleanup.stages import compile_rules
>>> doc = Document.from_text("Sales rose to 13,000 units.")
>>> doc.source = "销量升至1.2万台。"
>>> [(f.rule, f.text) for f in process(doc, compile_rules(Config(select=("source",)))).findings]
[('source/number-mismatch', '13,000')]
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from cleanup.core.document import Span, TextView
from cleanup.core.model import Finding
from cleanup.core.registry import Context
from cleanup.rules.loader import Rule
from cleanup.stages.source.numerals import (
    Number,
    equivalents,
    matches,
    source_numbers,
    target_numbers,
)

_SCRIPTS = (
    ("ja", re.compile("[\u3040-\u30ff]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
    ("ko", re.compile("[\uac00-\ud7af]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("ar", re.compile("[\u0600-\u06ff]")),
)
# the characters of a source language's script, left in an English translation
_SCRIPT_RUNS = {
    "zh": re.compile("[\u4e00-\u9fff\u3400-\u4dbf]+"),
    "ja": re.compile("[\u4e00-\u9fff\u3040-\u30ff]+"),
    "ko": re.compile("[\uac00-\ud7af\u4e00-\u9fff]+"),
    "ru": re.compile("[\u0400-\u04ff]{2,}(?:\\s+[\u0400-\u04ff]+)*"),
    "ar": re.compile("[\u0600-\u06ff]{2,}(?:\\s+[\u0600-\u06ff]+)*"),
}
_SOURCE_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")
# how many characters of English one character of the source makes, when a document has too few
# paragraphs to tell (measured on the MQM tuning half for zh: median 3.3)
DEFAULT_RATIO = {"zh": 3.3, "ja": 2.4, "ko": 2.5}
_MIN_PARAGRAPHS = 4


def detect_language(text: str) -> str | None:
    """The language a source's script tells, or None (Latin: it does not tell).

    >>> detect_language("销量升至1.2万台"), detect_language("東京で会議が開かれた")
    ('zh', 'ja')
    >>> detect_language("Hi") is None
    True
    """
    counts = {lang: len(p.findall(text)) for lang, p in _SCRIPTS}
    if counts["ja"] and counts["ja"] * 10 >= counts["zh"]:
        return "ja"
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


@dataclass(frozen=True)
class Pair:
    """One translated paragraph (its span in the current text) and the source beside it."""

    span: Span
    source: str
    language: str | None


@lru_cache(maxsize=8)  # four detectors ask for the same article's source in turn
def _source_side(text: str, language: str | None) -> tuple[str, str | None, list[str]]:
    """The source with ``\n`` newlines, its language, and its paragraphs."""
    source = text.replace("\r\n", "\n")
    paragraphs = [source[a:b] for a, b in TextView(source).paragraphs]
    return source, language or detect_language(source), paragraphs


def pairs(view: TextView, context: Context) -> list[Pair]:
    """The aligned (target span, source) pairs of a document that has a source; else none."""
    document = context.document
    if document.source is None:
        return []
    source, language, sources = _source_side(document.source, document.source_lang)
    targets = view.paragraphs
    if len(sources) == len(targets):
        return [Pair(t, s, language) for t, s in zip(targets, sources, strict=True)]
    return [Pair((0, len(view.text)), source, language)] if view.text.strip() else []


def source_sentence(source: str, at: int) -> str:
    """The sentence of ``source`` around offset ``at``, for a message."""
    for m in _SOURCE_SENTENCE.finditer(source):
        if m.start() <= at < m.end():
            return m.group().strip()
    return source.strip()


def _quote(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def detect_numbers(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """``source/number-mismatch``: a target number whose value the source lacks, or a source
    number whose value the target lacks."""
    rule = rules[0]
    for pair in pairs(view, context):
        a, b = pair.span
        target = view.text[a:b]
        src = source_numbers(pair.source)
        tgt = target_numbers(target)
        src_values = [v for n in src for v in equivalents(n)]
        missing = [
            n
            for n in src
            if n.required
            and not any(matches(v, t.digits, n.value) for t in tgt for v in equivalents(t))
        ]
        extra = [
            t
            for t in tgt
            if t.required
            and not any(matches(v, t.digits, s) for v in equivalents(t) for s in src_values)
        ]
        for t in extra:
            yield _number_finding(rule, view, a + t.start, a + t.end, t, missing, pair.source)
        if missing and not extra:
            n = missing[0]
            values = ", ".join(f"‘{m.text}’ ({_shown(m.value)})" for m in missing)
            sentence = source_sentence(pair.source, n.start)
            yield rule.finding(
                view,
                a,
                b,
                message=f"The source's {values} is not in the translation; source: "
                f"‘{_quote(sentence)}’",
            )


def _number_finding(
    rule: Rule, view: TextView, start: int, end: int, t: Number, missing: list[Number], src: str
) -> Finding:
    sentence = source_sentence(src, missing[0].start) if missing else _quote(src.strip())
    instead = ""
    if missing:
        shown = ", ".join(f"‘{m.text}’ ({_shown(m.value)})" for m in missing)
        instead = f" (the source has {shown})"
    return rule.finding(
        view,
        start,
        end,
        message=f"‘{t.text}’ ({_shown(t.value)}) is not in the source{instead}; source: "
        f"‘{_quote(sentence)}’",
    )


def _shown(value: float) -> str:
    return f"{value:,.12g}"


def detect_untranslated(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """``source/untranslated``: the source's script left in the translation where the same run is
    in the source, or a source sentence copied whole."""
    rule = rules[0]
    for pair in pairs(view, context):
        a, b = pair.span
        target = view.text[a:b]
        runs = _SCRIPT_RUNS.get(pair.language or "")
        if runs is not None:
            for m in runs.finditer(target):
                if m.group() in pair.source:
                    sentence = source_sentence(pair.source, pair.source.find(m.group()))
                    yield rule.finding(
                        view,
                        a + m.start(),
                        a + m.end(),
                        message=f"‘{m.group()}’ is left in the source language; source: "
                        f"‘{_quote(sentence)}’",
                    )
            continue
        # a source in the target's script: a sentence copied whole (8 words or more)
        for s in _SOURCE_SENTENCE.finditer(pair.source):
            sentence = s.group().strip()
            at = target.find(sentence) if len(sentence.split()) >= 8 else -1
            if at >= 0:
                yield rule.finding(
                    view,
                    a + at,
                    a + at + len(sentence),
                    message=f"A source sentence copied untranslated: ‘{_quote(sentence)}’",
                )


_WIDE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def weight(source: str) -> float:
    """A source's length for the ratio: an ideograph, kana or hangul counts 1, anything else (a
    date, a Latin name, punctuation) a third, as it is copied more or less as it is."""
    wide = len(_WIDE.findall(source))
    return wide + (len(source.strip()) - wide) / 3 if wide else len(source.strip())


def _ratio(pair_list: Iterable[tuple[str, str]], language: str | None) -> float:
    """The document's usual length ratio (target/source), or the language's default."""
    ratios = [len(t) / weight(s) for t, s in pair_list if len(s.strip()) >= 10]
    if len(ratios) >= _MIN_PARAGRAPHS:
        return statistics.median(ratios)
    return DEFAULT_RATIO.get(language or "", 1.0)


def detect_omission(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """``source/omission``: a translated paragraph far shorter than the pair's usual length
    ratio says it should be (or missing text the source has)."""
    rule = rules[0]
    found = pairs(view, context)
    texts = [(view.text[p.span[0] : p.span[1]], p.source) for p in found]
    if not found:
        return
    usual = _ratio(texts, found[0].language)
    for pair, (target, source) in zip(found, texts, strict=True):
        if len(source.strip()) < MIN_SOURCE:
            continue
        expected = weight(source) * usual
        if len(target) < expected * OMISSION_LOW:
            a, b = pair.span
            yield rule.finding(
                view,
                a,
                b,
                message=f"The translation is {len(target) / expected:.0%} of the length the "
                f"source would make; source: ‘{_quote(source.strip(), 240)}’",
            )


# a paragraph shorter than this share of its expected length is flagged; sources shorter than
# MIN_SOURCE characters vary too much to tell
OMISSION_LOW = 0.6
MIN_SOURCE = 20


def detect_names(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """``source/name-mismatch``: a person the source names (by transliteration, see
    :mod:`.names`) whom the translation gives a wrong reading of, or replaces by a namesake."""
    found = pairs(view, context)
    if not found:
        return
    from cleanup.gazetteer.index import load
    from cleanup.stages.source.names import People, mentions, namesakes

    rule = rules[0]
    config = context.config
    people = People.of(load(tuple(config.gazetteers), config.style))
    for pair in found:
        a, b = pair.span
        target = view.text[a:b]
        named = list(people.in_source(pair.source, pair.language))
        in_source = {id(e) for _, e in named}
        for chars, entry in named:
            others = [o for o in namesakes(people, entry) if id(o) not in in_source]
            said = [
                (m, f"another person, {o.name}") for o in others for m in mentions(target, o.name)
            ]
            taken = [m.span() for m, _ in said]  # "Li" of "Li Keqiang" is not Li Qiang's "Li"
            right = {entry.canonical(config.style), *entry.right_forms, *entry.shorts}
            if any(
                not any(s <= m.start() and m.end() <= e for s, e in taken)
                for form in right
                for m in mentions(target, form)
            ):
                continue
            said += [
                (m, "a reading the gazetteer lists as wrong")
                for w in entry.wrong
                for m in mentions(target, w)
            ]
            for m, what in said:
                yield rule.finding(
                    view,
                    a + m.start(),
                    a + m.end(),
                    message=f"The source’s {chars} is {entry.canonical(config.style)}; "
                    f"‘{m.group()}’ is {what}; source: "
                    f"‘{_quote(source_sentence(pair.source, pair.source.find(chars)))}’",
                    replacement=entry.canonical(config.style),
                )
