"""Consistency: one article mixing two styles, ``US`` beside ``U.S.``, straight beside curly
quotes, ``-ize`` beside ``-ise``; the form the configured style prefers wins."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from cleanup.core.document import Span, TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule
from cleanup.stages.artifacts.speech import in_speech

if TYPE_CHECKING:
    from cleanup.core.registry import Analysis, Context


_DOTTED = {"US": "U.S.", "UK": "U.K.", "UN": "U.N.", "EU": "E.U.", "DC": "D.C."}
# one pattern per first letter, each starting with a literal, so the engine skips straight to each
# U, E or D (a class of first letters makes it test every position); the check that no word or
# point comes before is done in code. A match holds only letters and points, so a match that
# starts inside another has a letter or point before it and is dropped either way: the patterns
# together keep exactly what one alternation would
_ABBREV_BY_LETTER = {
    "U": re.compile(r"U(?:\.S\.|\.K\.|\.N\.|S|K|N)(?![\w$])"),
    "E": re.compile(r"E(?:\.U\.|U)(?![\w$])"),
    "D": re.compile(r"D(?:\.C\.|C)(?![\w$])"),
}
# (-ize/-ise words: see _ize_patterns)
_WORD_START = re.compile(r"[^\W\d_]+$")
# style guides (of cleanup.settings.config.STYLES) that write U.S. with points; others (Reuters,
# BBC, Guardian) write US
_DOTTED_STYLES = frozenset({"ap", "chicago", "nyt", "wsj"})
_IZE_STYLES = frozenset({"ap", "chicago", "nyt", "wsj", "oxford"})
# a straight double quote not after a digit (5'10"), the look-behind after the literal so that the
# engine skips to each quote
STRAIGHT_DOUBLE = re.compile(r'"(?<!\d")')
_CURLY_DOUBLE = {ch: re.compile(ch) for ch in "“”"}
# a line in capitals (a headline, a dateline) has an ASCII capital and no ASCII lower-case letter:
# what ^[^a-z\n]*[A-Z][^a-z\n]*$ finds, line by line, by two searches that never backtrack (that
# pattern retries every capital of a line that fails, quadratic in a long line)
_LOWER = re.compile("[a-z]")
_UPPER = re.compile("[A-Z]")


def _caps(text: str, start: int, end: int) -> bool:
    return _LOWER.search(text, start, end) is None and _UPPER.search(text, start, end) is not None


def in_caps_line(text: str, pos: int) -> bool:
    """True when the line holding ``pos`` has capitals and no lower-case ASCII letter."""
    end = text.find("\n", pos)
    return _caps(text, text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end)


def in_caps_lines(text: str, positions: Iterable[int]) -> Iterator[bool]:
    """:func:`in_caps_line` for each of the ascending ``positions``, each line read once (reading
    the whole line for each position made a long line of abbreviations quadratic)."""
    line_end = -1
    caps = False
    for pos in positions:
        if pos > line_end:  # a later line: its start lies after the previous one's end
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end < 0 else line_end
            caps = _caps(text, text.rfind("\n", 0, pos) + 1, line_end)
        yield caps


def abbreviations(text: str) -> list[re.Match[str]]:
    """US, U.S., UK, U.K., UN, U.N., EU, E.U., DC and D.C. not followed by a word character."""
    found = [m for ch, rx in _ABBREV_BY_LETTER.items() if ch in text for m in rx.finditer(text)]
    return sorted(found, key=lambda m: m.start())


@cache
def _ize_patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """Where an -ize/-ise verb may end (ending, endings), and the whole word (ize); compiled at
    first use: only an article with a z ending (Z_ENDING) needs them (4 ms to compile).

    An ending is found fast, then the whole word is checked against ize. One ending pattern per
    case of the literal i, for the same reason; no ending holds an i that could start another.
    Python matches i case-insensitively to İ and ı as well: texts with those use ``ending``."""
    ending = re.compile(r"i[sz](?:e[sdr]?s?|ing|ations?)\b", re.IGNORECASE)
    endings = tuple(re.compile(i + r"(?i:[sz](?:e[sdr]?s?|ing|ations?)\b)") for i in "iI")
    ize = re.compile(
        r"""\b((?:organi|recogni|reali|apologi|critici|emphasi|authori|moderni|civili|mobili|stabili
        |destabili|minimi|maximi|prioriti|normali|legali|privati|characteri|summari|utili|standardi
        |categori|finali|subsidi|sympathi|jeopardi|militari|nationali|neutrali|penali|polari|capitali
        |scrutini|hospitali|digiti|optimi|revitali|urbani|globali|industriali|itemi|memori|minimi
        |mobili|monopoli|patroni|publici|rationali|sensiti|specciali|symboli|sanitia|theori|tantali
        |visuali|vocali|weaponi|decentrali|democrati|demorali|marginali|incentivi|hypothesi|centrali
        |commerciali|criminali|liberali|immuni|terrori|agoni|antagoni|energi|fertili|harmoni|sterili)
        )([sz])(e|es|ed|ing|ation|ations|er|ers)\b""",
        re.IGNORECASE | re.VERBOSE,
    )
    return ending, endings, ize


def ize_endings(text: str) -> list[re.Match[str]]:
    ending, endings, _ = _ize_patterns()
    if "İ" in text or "ı" in text:
        return list(ending.finditer(text))
    return sorted((m for rx in endings for m in rx.finditer(text)), key=lambda m: m.start())


def _quote_forms(text: str) -> dict[str, list[Span]]:
    """Straight and curly double quotes; none of either when the text lacks the other (one kind
    alone is consistent)."""
    if '"' not in text or ("“" not in text and "”" not in text):
        return {}
    curly = sorted(
        m.span() for ch, rx in _CURLY_DOUBLE.items() if ch in text for m in rx.finditer(text)
    )
    return {"straight": [m.span() for m in STRAIGHT_DOUBLE.finditer(text)], "curly": curly}


def _abbreviation_forms(analysis: Analysis) -> dict[str, dict[str, list[Span]]]:
    """Where each abbreviation stands in each of its forms (``US``, ``U.S.``), outside quoted
    speech and lines in capitals; only abbreviations written more than one way, as the others
    cannot be mixed (which spares the costlier tests for them)."""
    text = analysis.view.text
    candidates: list[re.Match[str]] = []
    forms: dict[str, set[str]] = defaultdict(set)
    for m in abbreviations(text):
        before = text[m.start() - 1 : m.start()]
        if before == "." or before.isalnum() or before == "_":
            continue
        candidates.append(m)
        forms[m.group().replace(".", "")].add(m.group())
    found: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    mixed = [m for m in candidates if len(forms[m.group().replace(".", "")]) > 1]
    for m, caps in zip(mixed, in_caps_lines(text, (m.start() for m in mixed)), strict=True):
        if caps or in_speech(analysis, m.start(), m.end()):
            continue
        found[m.group().replace(".", "")][m.group()].append(m.span())
    return found


# a z ending (the ize of organize), found by its rarer letter: without one, no -ize word
Z_ENDING = {z: re.compile(z + r"(?<=(?i:i)" + z + r")(?i:e[sdr]?s?|ing|ations?)\b") for z in "zZ"}


def _spellings(analysis: Analysis) -> dict[str, list[Span]]:
    """-ize and -ise words outside quoted speech, by their z or s; none when the article writes
    only one of them (which spares the costlier tests)."""
    text = analysis.view.text
    spellings: dict[str, list[Span]] = {"z": [], "s": []}
    if not any(z in text and rx.search(text) for z, rx in Z_ENDING.items()):
        return spellings
    words: list[re.Match[str]] = []
    for ending in ize_endings(text):
        stem = _WORD_START.search(text, max(0, ending.start() - 20), ending.start())
        word = _ize_patterns()[2].fullmatch(text, stem.start(), ending.end()) if stem else None
        if word:
            words.append(word)
    if len({word.group(2).lower() for word in words}) > 1:
        for word in words:
            if not in_speech(analysis, word.start(), word.end()):
                spellings[word.group(2).lower()].append(word.span())
    return spellings


def _minority(
    forms: dict[str, list[Span]], preferred: str | None
) -> tuple[str, list[Span], str, int] | None:
    """The form to flag when two are mixed: the one the style does not prefer, or the rarer one
    (on a tie, the one that appears later). Returns (form, spans, other form, other's count)."""
    present = {k: v for k, v in forms.items() if v}
    if len(present) < 2:
        return None
    (a, sa), (b, sb) = sorted(present.items(), key=lambda kv: kv[1][0])
    rarer = b if len(sb) <= len(sa) else a  # on a tie, the later one
    flag = (b if preferred == a else a) if preferred in present else rarer
    keep = a if flag == b else b
    return flag, present[flag], keep, len(present[keep])


def detect_consistency(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """One article mixing two styles: ``US`` beside ``U.S.``, straight beside curly quotes,
    ``-ize`` beside ``-ise``. The form the configured style prefers wins; without one, the more
    frequent. Quoted speech is left out of spelling and abbreviation counts."""
    by_id = {r.id: r for r in rules}
    text = view.text
    style = context.config.style.lower()

    rule = by_id.get("artifact/inconsistent-abbreviation")
    if rule:
        for plain, forms in _abbreviation_forms(context.analysis).items():
            preferred = _DOTTED[plain] if style in _DOTTED_STYLES else None
            picked = _minority(forms, preferred)
            if picked:
                form, spans, other, count = picked
                for s, e in spans:
                    yield rule.finding(
                        view,
                        s,
                        e,
                        message=f"‘{form}’ here, ‘{other}’ {count}× in this article",
                        replacement=other,
                    )

    rule = by_id.get("artifact/inconsistent-quotes")
    if rule:
        picked = _minority(_quote_forms(text), "curly")
        if picked:
            form, spans, other, count = picked
            for s, e in spans:
                yield rule.finding(
                    view,
                    s,
                    e,
                    message=f"{form.capitalize()} quotation mark among {count} {other} ones",
                )

    rule = by_id.get("artifact/inconsistent-spelling")
    if rule:
        picked = _minority(_spellings(context.analysis), "z" if style in _IZE_STYLES else None)
        if picked:
            form, spans, other, count = picked
            for s, e in spans:
                yield rule.finding(
                    view, s, e,
                    message=f"‘-i{form}e’ spelling here, ‘-i{other}e’ {count}× in this article",
                )  # fmt: skip
