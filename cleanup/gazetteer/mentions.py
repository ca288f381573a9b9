"""Consistency of the names an article spells itself, known to the gazetteer or not: "Mykhailo
Fedorov" named first (or most often) establishes the form; a later "Mykhailo Fedorv" or a lone
"Federov" one slipped letter away (:func:`.near.one_edit`) is flagged with it.

What stays: a different given name with the same surname (Joe and Hunter Biden), every word
that some mention spells exactly (Xi Jinping → Xi, Kim Jong Un and Kim Yo Jong), a surname with
letters added at its end (Petrov/Petrova: other people), possessives ('s is not part of the
name), short words (Li Qiang/Li Qing), common names and words, and whatever the caller's
``skip`` says (URLs, quoted titles, gazetteer forms).

>>> text = "Mykhailo Fedorov spoke. Mykhailo Fedorov left. Then Mykhailo Fedorv and Federov met."
>>> found = article_slips(text, lambda start, end: False)
>>> [(text[f.start : f.end], f.replacement, f.sure) for f in found]
[('Mykhailo Fedorv', 'Mykhailo Fedorov', True), ('Federov', 'Fedorov', True)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from cleanup.gazetteer.near import one_edit
from cleanup.gazetteer.scanning import TextScan, token_spans
from cleanup.gazetteer.words import COMMON_NAMES, COMMON_WORDS, TITLES, frequent_words

_SLIPS = {
    "vowel": "one vowel for another",
    "transposed": "two letters swapped",
    "dropped": "a letter dropped",
    "inserted": "a letter added",
    "doubled": "a letter doubled",
}


@dataclass(frozen=True)
class Slip:
    start: int
    end: int
    replacement: str
    established: str  # the full name the replacement comes from
    reason: str
    sure: bool


@dataclass
class _Mention:
    words: tuple[str, ...]
    spans: list[tuple[int, int]]


def _name_words(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` without a possessive ending ('s, ’s, s')."""
    start, end = span
    word = text[start:end]
    for ending in ("'s", "’s"):
        if word.endswith(ending) and len(word) > 4:
            return start, end - 2
    return start, end


def _mentions(
    text: str, scan: TextScan, skip: Callable[[int, int], bool], common: Callable[[str], bool]
) -> list[_Mention]:
    """Each run of capitalized words, trimmed of titles and common words at either end, that
    holds no common word and that ``skip`` leaves: full names (2–3 words) and lone words."""
    runs = [*scan.multi, *scan.lone_words()]
    frequent = frequent_words()  # "Despite Modero's" is no full name
    found: list[_Mention] = []
    for start, end in sorted(set(runs)):
        spans = [_name_words(text, s) for s in token_spans(text, start, end)]

        def ordinary(span: tuple[int, int]) -> bool:
            word = text[span[0] : span[1]]
            low = word.lower()
            return word in TITLES or low in COMMON_WORDS or low in frequent or common(word)

        segment: list[tuple[int, int]] = []
        for span in [*spans, None]:  # the run cut at titles and common words
            if span is not None and not ordinary(span):
                segment.append(span)
                continue
            if 0 < len(segment) <= 3 and not skip(segment[0][0], segment[-1][1]):
                words = tuple(text[s:e] for s, e in segment)
                if all(w.isalpha() for w in words):  # not hyphenated, no apostrophe or digit
                    found.append(_Mention(words, segment))
            segment = []
    return found


def name_mentions(
    text: str, scan: TextScan, skip: Callable[[int, int], bool], common: Callable[[str], bool]
) -> list[tuple[tuple[str, ...], int, int]]:
    """(words, start, end) of each name mention of ``text``: full names and lone words."""
    return [(m.words, m.spans[0][0], m.spans[-1][1]) for m in _mentions(text, scan, skip, common)]


def _slip(said: str, known: str) -> str | None:
    if said.lower() in COMMON_NAMES or known.lower() in COMMON_NAMES:
        return None
    return one_edit(said.lower(), known.lower())


def article_slips(
    text: str,
    skip: Callable[[int, int], bool],
    common: Callable[[str], bool] = lambda word: False,
    scan: TextScan | None = None,
) -> list[Slip]:
    """The names of ``text`` spelled one slipped letter away from a form the article
    establishes (see the module); ``skip`` tells spans to leave alone, ``common`` words that are
    no name."""
    scan = scan or TextScan(text)
    mentions = _mentions(text, scan, skip, common)
    fulls = [m for m in mentions if len(m.words) >= 2]
    if not fulls:
        return []
    counts = Counter(m.words for m in fulls)
    first: dict[tuple[str, ...], int] = {}
    for m in fulls:
        first.setdefault(m.words, m.spans[0][0])
    lone_counts = Counter(m.words[0] for m in mentions if len(m.words) == 1)
    slips: list[Slip] = []
    done: set[tuple[int, int]] = set()
    for m in mentions:
        start, end = m.spans[0][0], m.spans[-1][1]
        best = _established(m, counts, first, lone_counts)
        if best is None or (start, end) in done:
            continue
        done.add((start, end))
        form, index, slip = best
        full = " ".join(form)
        said = " ".join(m.words)
        replacement = full if len(m.words) > 1 else form[index]
        alone = lone_counts[form[-1]]
        written = f"{full!r} {_times(counts[form])} (first at character {first[form]})"
        if alone:
            written += f" and {form[-1]!r} alone {_times(alone)}"
        reason = (
            f"document consistency: the article writes {written}; {said!r} is "
            f"{replacement!r} with {_SLIPS[slip]}"
        )
        mine = counts[m.words] if len(m.words) > 1 else lone_counts[m.words[0]]
        sure = counts[form] + alone >= 2 and mine == 1
        slips.append(Slip(start, end, replacement, full, reason, sure))
    return slips


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _established(
    m: _Mention,
    counts: Counter[tuple[str, ...]],
    first: dict[tuple[str, ...], int],
    lone_counts: Counter[str],
) -> tuple[tuple[str, ...], int, str] | None:
    """(established full name, index of the word that slipped, slip) for mention ``m``; None
    when no single established form differs from it by one slipped letter."""
    candidates: list[tuple[tuple[str, ...], int, str]] = []
    if len(m.words) == 1:
        word = m.words[0]
        mine = lone_counts[word]
        for form in counts:
            if word in form:
                return None  # a word some full name spells exactly (Xi of Xi Jinping)
            slip = _slip(word, form[-1])
            if slip and counts[form] + lone_counts[form[-1]] > mine:
                candidates.append((form, len(form) - 1, slip))
    else:
        mine = counts[m.words]
        for form in counts:
            if len(form) != len(m.words) or form == m.words:
                continue
            differ = [i for i, (a, b) in enumerate(zip(form, m.words, strict=True)) if a != b]
            if len(differ) != 1:
                continue
            i = differ[0]
            slip = _slip(m.words[i], form[i])
            better = counts[form] > mine or (counts[form] == mine and first[form] < first[m.words])
            if slip and better:
                candidates.append((form, i, slip))
    if not candidates:
        return None
    if len({c[0][c[1]] for c in candidates}) > 1:
        return None  # two established forms it could be
    return min(candidates, key=lambda c: first[c[0]])
