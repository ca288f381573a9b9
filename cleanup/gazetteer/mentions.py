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

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from heapq import merge

from cleanup.gazetteer.near import one_edit
from cleanup.gazetteer.scanning import TextScan
from cleanup.gazetteer.spelling import deletes
from cleanup.gazetteer.words import COMMON_NAMES, COMMON_WORDS, TITLES, frequent_words

_SCAN_LIMIT = 32  # forms in a bucket compared one by one; past it, looked up by one deletion
_SLIPS = {
    "vowel": "one vowel for another",
    "transposed": "two letters swapped",
    "dropped": "a letter dropped",
    "inserted": "a letter added",
    "doubled": "a letter doubled",
}


@dataclass(frozen=True)
class Slip:
    """A later mention that misspells a name the article established."""

    start: int
    end: int
    replacement: str
    established: str  # the full name the replacement comes from
    reason: str
    sure: bool


@dataclass
class _Mention:
    """A full name's words and where they occur."""

    words: tuple[str, ...]
    spans: list[tuple[int, int]]


def _mentions(
    text: str,
    runs: Iterable[tuple[int, int]],
    skip: Callable[[int, int], bool],
    common: Callable[[str], bool],
) -> list[_Mention]:
    """Of each run of capitalized words (in order), the parts trimmed of titles and common words
    at either end, that hold no common word and that ``skip`` leaves: full names (2–3 words) and
    lone words, in order."""
    frequent = frequent_words()  # "Despite Modero's" is no full name
    words: dict[str, tuple[str, bool]] = {}  # token -> (its name part, whether that is ordinary)
    found: list[_Mention] = []
    for start, end in runs:
        segment: list[tuple[int, int]] = []
        names: list[str] = []
        for token in [*text[start:end].split(" "), ""]:  # "" closes the last segment
            known = words.get(token)
            if known is None:
                # a possessive ending ('s, ’s, s') is no part of the name
                word = token[:-2] if len(token) > 4 and token[-2:] in ("'s", "’s") else token
                low = word.lower()
                ordinary = (
                    not word
                    or word in TITLES
                    or low in COMMON_WORDS
                    or low in frequent
                    or common(word)
                )
                known = words[token] = (word, ordinary)
            word, ordinary = known
            if not ordinary:  # the run cut at titles and common words
                segment.append((start, start + len(word)))
                names.append(word)
            elif segment:
                if (
                    len(segment) <= 3
                    and not skip(segment[0][0], segment[-1][1])
                    and all(w.isalpha() for w in names)  # not hyphenated, no apostrophe or digit
                ):
                    found.append(_Mention(tuple(names), segment))
                segment, names = [], []
            start += len(token) + 1
    return found


def name_mentions(
    text: str, scan: TextScan, skip: Callable[[int, int], bool], common: Callable[[str], bool]
) -> list[tuple[tuple[str, ...], int, int]]:
    """(words, start, end) of each name mention of ``text``: full names and lone words."""
    runs = sorted({*scan.multi, *scan.lone})
    return [(m.words, m.spans[0][0], m.spans[-1][1]) for m in _mentions(text, runs, skip, common)]


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
    # full names come from runs of two words or more: without one, the lone words (two runs in
    # three) are not read
    multi = _mentions(text, scan.multi, skip, common)
    fulls = [m for m in multi if len(m.words) >= 2]
    if not fulls:
        return []
    # a lone word counts only if one letter away from a full name's last word at most: its
    # length, or with a possessive ('s) two more, within one of that word's
    lengths = {n for m in fulls for n in range(len(m.words[-1]) - 1, len(m.words[-1]) + 4)}
    lone = _mentions(text, [r for r in scan.lone if r[1] - r[0] in lengths], skip, common)
    # every mention in the order of its run's start: a lone word after a title ("Mr Blinken")
    # starts where the last mention of its longer run does, and comes after it
    mentions = list(merge(multi, lone, key=lambda m: m.spans[0][0]))
    counts = Counter(m.words for m in fulls)
    first: dict[tuple[str, ...], int] = {}
    for m in fulls:
        first.setdefault(m.words, m.spans[0][0])
    lone_counts = Counter(m.words[0] for m in mentions if len(m.words) == 1)
    fulls_index = _Fulls(counts)
    memo: dict[tuple[str, ...], tuple[tuple[str, ...], int, str] | None] = {}
    slips: list[Slip] = []
    done: set[tuple[int, int]] = set()
    for m in mentions:
        start, end = m.spans[0][0], m.spans[-1][1]
        if m.words not in memo:  # the same words, the same answer
            memo[m.words] = _established(m, counts, first, lone_counts, fulls_index)
        best = memo[m.words]
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


class _Fulls:
    """The article's full names, indexed so that a mention meets only those that may be one
    slip away (a list of 50,000 names must not compare each with each)."""

    def __init__(self, counts: Counter[tuple[str, ...]]) -> None:
        self.words = {w for form in counts for w in form}
        self.by_rest: dict[tuple[int, tuple[str, ...]], list[tuple[str, ...]]] = defaultdict(list)
        self.by_delete: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self._deletes: dict[tuple[int, tuple[str, ...]], dict[str, list[tuple[str, ...]]]] = {}
        for form in counts:
            for i in range(len(form)):
                self.by_rest[i, (*form[:i], "", *form[i + 1 :])].append(form)
            for d in deletes(form[-1].lower()):
                self.by_delete[d].append(form)

    def near_surname(self, word: str) -> list[tuple[str, ...]]:
        found = {f for d in deletes(word.lower()) for f in self.by_delete.get(d, ())}
        return sorted(found)

    def near_full(self, words: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
        found: list[tuple[int, tuple[str, ...]]] = []
        for i in range(len(words)):
            key = (i, (*words[:i], "", *words[i + 1 :]))
            forms = self.by_rest.get(key, [])
            if len(forms) > _SCAN_LIMIT:  # 5,000 given names before one surname
                near = self._rest_deletes(key)
                forms = sorted({f for d in deletes(words[i].lower()) for f in near.get(d, ())})
            found.extend((i, form) for form in forms if form != words)
        return found

    def _rest_deletes(self, key: tuple[int, tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
        near = self._deletes.get(key)
        if near is None:
            near = self._deletes[key] = defaultdict(list)
            for form in self.by_rest[key]:
                for d in deletes(form[key[0]].lower()):
                    near[d].append(form)
        return near


def _established(
    m: _Mention,
    counts: Counter[tuple[str, ...]],
    first: dict[tuple[str, ...], int],
    lone_counts: Counter[str],
    fulls: _Fulls,
) -> tuple[tuple[str, ...], int, str] | None:
    """(established full name, index of the word that slipped, slip) for mention ``m``; None
    when no single established form differs from it by one slipped letter."""
    candidates: list[tuple[tuple[str, ...], int, str]] = []
    if len(m.words) == 1:
        word = m.words[0]
        if word in fulls.words:
            return None  # a word some full name spells exactly (Xi of Xi Jinping)
        mine = lone_counts[word]
        slips: dict[str, str | None] = {}  # by surname: 5,000 people may share one
        for form in fulls.near_surname(word):
            if form[-1] not in slips:
                slips[form[-1]] = _slip(word, form[-1])
            slip = slips[form[-1]]
            if slip and counts[form] + lone_counts[form[-1]] > mine:
                candidates.append((form, len(form) - 1, slip))
    else:
        mine = counts[m.words]
        for i, form in fulls.near_full(m.words):
            slip = _slip(m.words[i], form[i])
            better = counts[form] > mine or (counts[form] == mine and first[form] < first[m.words])
            if slip and better:
                candidates.append((form, i, slip))
    if not candidates:
        return None
    if len({c[0][c[1]] for c in candidates}) > 1:
        return None  # two established forms it could be
    return min(candidates, key=lambda c: first[c[0]])
