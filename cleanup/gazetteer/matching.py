"""Matching a text against the gazetteer: :func:`match` runs a :class:`Matcher`'s passes in turn —
exact known forms (a known wrong variant, another style's spelling), a name right after a role
phrase scored against who held the role at the article's date, fuzzy near-misses of people's
names, and later lone mentions of a surname already named (document consistency).

>>> from cleanup.gazetteer.index import load
>>> text = "Russian Defence Minister Sergei Shoygo said."
>>> [(m.kind, text[m.start : m.end], m.replacement) for m in match(load(()), text, "2020-01-01")]
[('role-anchored', 'Sergei Shoygo', 'Sergei Shoigu')]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from cleanup.gazetteer.entries import Entry, valid_date
from cleanup.gazetteer.index import Gazetteer
from cleanup.gazetteer.mentions import article_slips
from cleanup.gazetteer.near import one_edit
from cleanup.gazetteer.scanning import TextScan, excluded_spans, title_spans, token_spans
from cleanup.gazetteer.spelling import fold, keyed_score, phonetic, score
from cleanup.gazetteer.words import COMMON_NAMES, COMMON_WORDS, NOT_CURRENT

_RIGHT = frozenset({"name", "accept", "short"})


@dataclass(frozen=True)
class Match:
    """A proposed correction (or, with ``replacement`` None, a question) for ``[start, end)``."""

    kind: str  # known-variant | style | role-anchored | consistency | fuzzy
    start: int
    end: int
    replacement: str | None
    entry: Entry
    reason: str
    confident: bool = True


@dataclass
class _Hit:
    """A known form found in the text, with the entries it names."""

    start: int
    end: int
    values: list[tuple[int, str, str]]  # (entry index, how, form)


class _Spans:
    """Non-overlapping spans kept sorted, for overlap queries in log time (a 20 MB line has a
    million tokens: a scan per token would be quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:  # merge overlapping input spans
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def first_overlap(self, start: int, end: int) -> int:
        """Index of the first span overlapping ``[start, end)``, or -1."""
        i = bisect.bisect_right(self.ends, start)
        return i if i < len(self.starts) and self.starts[i] < end else -1

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.ends, start)  # first_overlap's test, without its call
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class Matcher:
    """Finds the names of one text that a gazetteer would correct or question."""

    def __init__(self, gazetteer: Gazetteer, text: str, date: str | None = None) -> None:
        self.g = gazetteer
        self.text = text
        self.date = _normal_date(date)
        self.style = gazetteer.style
        self.excluded = _Spans(excluded_spans(text) + title_spans(text))
        self.hits: list[_Hit] = []
        self._hit_spans = _Spans()
        self._matched = _Spans()
        self.roles: list[tuple[int, int, list[str]]] = []
        self.mentions: dict[int, tuple[int, str]] = {}  # entry index -> (end, form) of 1st mention
        self.matches: list[Match] = []
        self.scan = TextScan(text)
        self._scored: dict[str, list[tuple[float, int, str]]] = {}  # see _fuzzy_scores

    # -- helpers ----------------------------------------------------------------------------
    def _is_excluded(self, start: int, end: int) -> bool:
        return self.excluded.overlaps(start, end)

    def _changed(self, start: int, end: int) -> bool:
        return self._matched.overlaps(start, end)

    def _add(self, match: Match) -> None:
        self.matches.append(match)
        self._matched.add(match.start, match.end)

    def _covered(self, start: int, end: int) -> bool:
        return self._hit_spans.overlaps(start, end)

    def _common(self, word: str) -> bool:
        low = word.lower()
        return low in COMMON_WORDS or self.scan.lower_word(low)

    def _mention(self, index: int, end: int, form: str) -> None:
        if index not in self.mentions or self.mentions[index][0] > end:
            self.mentions[index] = (end, form)

    # -- passes -----------------------------------------------------------------------------
    def run(self) -> list[Match]:
        self._exact()
        self._role_anchored()
        self._fuzzy()
        self._near()  # after fuzzy: only what it missed (its findings stay as they were)
        self._consistency()
        self._article_names()
        return self.matches

    def _exact(self) -> None:
        raw: list[_Hit] = []
        for start, end, (_, names, role_ids) in self.g.find(self.text):
            if self._is_excluded(start, end):
                continue
            if role_ids:
                self.roles.append((start, end, role_ids))
            said = self.text[start:end]
            found = [(i, how, form) for form, i, how in names if form == said]
            if found:
                raw.append(_Hit(start, end, found))
        keeps = [(h.start, h.end) for h in raw if any(how == "keep" for _, how, _ in h.values)]
        if keeps:
            raw = [
                h
                for h in raw
                if (h.start, h.end) in keeps
                or not any(s <= h.start and h.end <= e for s, e in keeps)
            ]
        # Longest first, so "Kievan Rus" or "Jen Psaki" wins over what lies inside it.
        raw.sort(key=lambda h: (h.start, h.start - h.end))
        for hit in raw:
            if not self._covered(hit.start, hit.end):
                self.hits.append(hit)
                self._hit_spans.add(hit.start, hit.end)
        for hit in self.hits:
            self._resolve_exact(hit)

    def _resolve_exact(self, hit: _Hit) -> None:
        hows = {how for _, how, _ in hit.values}
        if hows & {"name", "accept"} and hows & {"wrong", "variant"}:
            self._claimed(hit)  # right for one entry, wrong for another: a collision
            return
        if hows & {"name", "accept", "keep"}:
            for index, how, form in hit.values:
                entry = self.g.entries[index]
                if how in ("name", "accept") and (" " in form or entry.kind != "person"):
                    self._mention(index, hit.end, form)
            return
        fixes = [(i, how, form) for i, how, form in hit.values if how in ("wrong", "variant")]
        if not fixes:
            return
        targets = {self.g.entries[i].canonical(self.style) for i, _, _ in fixes}
        index, how, form = fixes[0]
        entry = self.g.entries[index]
        kind = "known-variant" if any(h == "wrong" for _, h, _ in fixes) else "style"
        if len(targets) > 1:
            names = " or ".join(sorted(targets))
            self._add(
                Match(
                    kind,
                    hit.start,
                    hit.end,
                    None,
                    entry,
                    f"{form!r} is a known variant of several gazetteer entries "
                    f"({names}); which one is meant needs a person",
                    False,
                )
            )
            return
        target = targets.pop()
        if kind == "style":
            why = (
                f"style {self.style.upper()} spells it {target!r}; {form!r} is an older or "
                f"other spelling"
            )
        else:
            why = f"exact known wrong variant {form!r}"
        self._add(
            Match(
                kind,
                hit.start,
                hit.end,
                target,
                entry,
                f"gazetteer entry {entry.name!r} ({entry.source}): {why}",
            )
        )
        self._mention(index, hit.end, target)

    def _claimed(self, hit: _Hit) -> None:
        """A form one entry has right and another wrong (a gazetteer collision): flagged with
        every candidate, never fixed."""
        said = self.text[hit.start : hit.end]
        right = {self.g.entries[i].name for i, how, _ in hit.values if how in ("name", "accept")}
        wrong = {
            self.g.entries[i].canonical(self.style)
            for i, how, _ in hit.values
            if how in ("wrong", "variant")
        }
        wrong -= right
        if not wrong:
            return
        index = hit.values[0][0]
        names = " or ".join(sorted(right | wrong))
        reason = (
            f"{said!r} is the name of {' and '.join(sorted(right))} and a known variant of "
            f"{' and '.join(sorted(wrong))} (a gazetteer collision); which one is meant ({names}) "
            f"needs a person"
        )
        kind = "known-variant"
        self._add(Match(kind, hit.start, hit.end, None, self.g.entries[index], reason, False))

    def _role_anchored(self) -> None:
        roles = sorted(self.roles, key=lambda r: (r[0], r[0] - r[1]))
        last_end = -1
        for start, end, role_ids in roles:
            if end <= last_end:
                continue  # a shorter phrase inside a longer one
            last_end = end
            previous = self.text[max(0, start - 12) : start].lower().replace("-", " ").split()
            if previous and previous[-1] in NOT_CURRENT:
                continue
            pos = end
            while pos < len(self.text) and self.text[pos] in " \t,":
                pos += 1
            if pos - end > 2:
                continue
            run = self.scan.run_from(pos)
            if not run or any(len(self.text[s:e]) < 2 for s, e in run):
                continue
            after = run[-1][1]
            if self.text[after : after + 1] == "." and after - run[-1][0] == 1:
                continue  # an initial: "Antony J. Blinken"
            holders = list(
                dict.fromkeys(
                    i for role in role_ids for i in self.g.holder_indexes(role, self.date)
                )
            )
            if holders:
                self._resolve_role(self.text[start:end], role_ids, run, holders)

    def _foreign_hit(self, start: int, end: int, index: int) -> bool:
        """Whether ``[start, end)`` holds a known form of an entry other than ``index``."""
        i = self._hit_spans.first_overlap(start, end)
        while 0 <= i < len(self.hits) and self.hits[i].start < end:
            if all(n != index for n, _, _ in self.hits[i].values):
                return True
            i += 1
        return False

    def _resolve_role(
        self, phrase: str, role_ids: list[str], run: list[tuple[int, int]], holders: list[int]
    ) -> None:
        scored: list[tuple[float, bool, int, int, str]] = []
        short_exact: tuple[int, int, str] | None = None
        for index in holders:
            holder = self.g.entries[index]
            best: tuple[float, bool, int, str] | None = None
            forms = [(f, holder.canonical(self.style)) for f in holder.right_forms]
            forms += [(s, holder.shorts[0]) for s in holder.shorts]
            for form, replacement in forms:
                k = len(form.split())
                if k > len(run):
                    continue
                span_start, span_end = run[0][0], run[k - 1][1]
                said = self.text[span_start:span_end]
                if said == form:
                    if k == 1 and len(run) > 1:
                        # "Wang" of "Wang Yii": the full name decides
                        short_exact = (index, span_end, form)
                        continue
                    self._mention(index, span_end, form)
                    return  # the holder, spelled right
                if self._foreign_hit(span_start, span_end, index) or self._changed(
                    span_start, span_end
                ):
                    return  # a known form of someone else, or already corrected
                plausible, sure, value = _plausible(fold(said), fold(form))
                # the longest plausible reading wins: "Wang Yii" over "Wang"
                if plausible and (best is None or (k, value) > (best[2], best[0])):
                    best = (value, sure, k, replacement)
            if best:
                scored.append((best[0], best[1], index, best[2], best[3]))
        if short_exact and not any(s[3] > 1 for s in scored):
            self._mention(*short_exact)
            return
        if not scored:
            return
        scored.sort(key=lambda s: -s[0])
        value, sure, index, k, replacement = scored[0]
        holder = self.g.entries[index]
        runner_up = scored[1][0] if len(scored) > 1 else None
        sure = sure and (runner_up is None or runner_up < value - 5)
        start, end = run[0][0], run[k - 1][1]
        tenure = next(
            (
                t
                for t in holder.roles
                if t.role in role_ids and (self.date is None or t.covers(self.date))
            ),
            None,
        )
        period = f"{tenure.start}–{tenure.end or 'now'}" if tenure else ""
        at = f"at {self.date}" if self.date else "(article date unknown: every holder considered)"
        reason = (
            f"gazetteer entry {holder.name!r} ({holder.source}): role at date — "
            f"{phrase!r} {at} resolves to {holder.name} ({tenure.role if tenure else ''} "
            f"{period}); {self.text[start:end]!r} scores {value:.0f} against it"
        )
        if runner_up is not None:
            reason += f", next holder {runner_up:.0f}"
        self._add(Match("role-anchored", start, end, replacement, holder, reason, sure))
        self._mention(index, end, replacement)

    def _near(self) -> None:
        """One letter slipped in one word of a two- or three-word name whose other words match a
        right form exactly (module :mod:`.near`): corrected to that form when only one entry
        fits and the slipped word is no name the gazetteer or the common-name list knows."""
        fixed, known = self.g.near_parts, self.g.near_words
        for start, end in self.scan.pieces(6):
            words = self.text[start:end].split(" ")
            if known.isdisjoint(words):
                continue  # no word that a window's exact part could match (most runs)
            spans = token_spans(self.text, start, end)
            for k in (3, 2):
                for j in range(len(spans) - k + 1):
                    window = words[j : j + k]
                    if ("first", *window[1:]) in fixed or ("last", *window[:-1]) in fixed:
                        self._near_window(spans[j : j + k], window)

    def _near_window(self, spans: list[tuple[int, int]], words: list[str]) -> None:
        start, end = spans[0][0], spans[-1][1]
        if self._is_excluded(start, end) or self._changed(start, end) or self._known(start, end):
            return
        parts = fold(" ".join(words)).split()
        if len(parts) != len(words):
            return  # hyphens, apostrophes: not a plain name of k words
        # (entry, form, said, known, side, slip)
        found: list[tuple[int, str, str, str, str, str]] = []
        for index in sorted(self.g.candidates(parts)):  # the token and one-deletion postings
            for form in dict.fromkeys(self.g.entries[index].right_forms):
                right = form.split(" ")
                if len(right) != len(words) or self.g.entries[index].kind != "person":
                    continue
                if right[1:] == words[1:]:
                    side, said, word = "first", words[0], right[0]
                elif right[:-1] == words[:-1]:
                    side, said, word = "last", words[-1], right[-1]
                else:
                    continue
                slip = one_edit(said.lower(), word.lower())
                if slip:
                    found.append((index, form, said, word, side, slip))
        if not found or len({f[1] for f in found}) > 1:
            return  # no slip, or two names it could be: left to the fuzzy pass
        i, form, said, known, side, slip = found[0]
        folded = fold(said)
        slipped = spans[0] if side == "first" else spans[-1]
        if folded in self.g.by_token or self._common(said) or self._covered(*slipped):
            return  # a name the gazetteer knows (Ivana next to Ivanka) or an ordinary word
        entry = self.g.entries[i]
        what = {"vowel": "one vowel for another", "transposed": "two letters swapped"}
        reason = (
            f"gazetteer entry {entry.name!r} ({entry.source}): {said!r} is {known!r} with "
            f"{what.get(slip, 'a letter ' + slip)}, and the rest of {form!r} matches exactly"
        )
        sure = folded not in COMMON_NAMES
        self._add(Match("fuzzy", start, end, form, entry, reason, sure))
        self._mention(i, end, form)

    def _known(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a known form other than a right one-word form (a
        lone surname: "Putin", "Zelenskyy")."""
        i = self._hit_spans.first_overlap(start, end)
        while 0 <= i < len(self.hits) and self.hits[i].start < end:
            hit = self.hits[i]
            lone = " " not in self.text[hit.start : hit.end]
            if not lone or any(how not in _RIGHT for _, how, _ in hit.values):
                return True
            i += 1
        return False

    def _fuzzy(self) -> None:
        for start, end in self.scan.pieces(5):
            said = self.text[start:end]
            words = said.split(" ")
            if (
                len(words) > 3
                or self._covered(start, end)
                or self._is_excluded(start, end)
                or self._changed(start, end)
            ):
                continue
            folded = fold(said)
            parts = folded.split()
            if (
                len(folded) < 8
                or len(parts) != len(words)
                or any(self._common(word) for word in words)
            ):
                continue
            scored = self._fuzzy_scores(folded, parts)
            if not scored:
                continue
            value, index, _ = scored[0]
            entry = self.g.entries[index]
            runner_up = scored[1][0] if len(scored) > 1 else None
            sure = value >= 90 and (runner_up is None or runner_up < value - 4)
            target = entry.canonical(self.style)
            known = self.g.fold(target).split()
            changed = set(parts) - set(known)
            if changed & COMMON_NAMES or _extends(parts, known):
                sure = False  # "Peter Cooke", "Mark Rutter" may be other people
            reason = (
                f"gazetteer entry {entry.name!r} ({entry.source}): fuzzy score "
                f"{value:.0f} against {target!r}"
            )
            if runner_up is not None:
                rival = self.g.entries[scored[1][1]].name
                reason += f"; next candidate {rival!r} scores {runner_up:.0f}"
            self._add(Match("fuzzy", start, end, target, entry, reason, sure))
            self._mention(index, end, target)

    def _fuzzy_scores(self, folded: str, parts: list[str]) -> list[tuple[float, int, str]]:
        """(score, entry index, its last right form) of each person whose name ``folded`` (a run
        of capitalized words, folded to ``parts``) may misspell, best first; a run met again
        in the same text gets the same list."""
        scored = self._scored.get(folded)
        if scored is not None:
            return scored
        keys = [(part, phonetic(part)) for part in parts]
        whole = phonetic(folded)
        scored = []
        for index in sorted(self.g.candidates(parts)):
            best = 0.0
            for (other, other_key), other_keys in self.g.spellings(index):
                if len(other_keys) != len(keys) or any(
                    keyed_score(a, b, pa, pb) < 75
                    for (a, pa), (b, pb) in zip(keys, other_keys, strict=True)
                ):
                    continue
                best = max(best, keyed_score(folded, other, whole, other_key))
            if best >= 84:
                scored.append((best, index, self.g.entries[index].right_forms[-1]))
        scored.sort(key=lambda s: -s[0])
        self._scored[folded] = scored
        return scored

    def _consistency(self) -> None:
        people = [
            (i, end, form)
            for i, (end, form) in self.mentions.items()
            if self.g.entries[i].kind == "person" and self.g.entries[i].shorts
        ]
        if not people:
            return
        shorts = [
            (index, mention_end, form, short)
            for index, mention_end, form in people
            for short in self.g.entries[index].shorts
        ]
        # a word scores against a short mentioned before it, of a length 2 or less apart
        first = min(mention_end for _, mention_end, _, _ in shorts)
        lengths = {n for *_, short in shorts for n in range(len(short) - 2, len(short) + 3)}
        others: set[str] | None = None
        for start, end in self.scan.lone:
            if start < first or end - start not in lengths or end - start < 4:
                continue
            word = self.text[start:end]
            near = [s for s in shorts if s[1] <= start and abs(len(s[3]) - len(word)) <= 2]
            if not near or self._common(word):
                continue
            if others is None:
                others = self.scan.other_names(self._covered)
            if (
                word in others
                or self._covered(start, end)
                or self._is_excluded(start, end)
                or self._changed(start, end)
            ):
                continue
            folded = fold(word)
            key = phonetic(folded)
            scored: list[tuple[float, int, str, str]] = []
            for index, _, form, short in near:
                (known, known_key), _ = self.g.spelling_keys(short)
                value = keyed_score(folded, known, key, known_key)
                if value >= 80:
                    scored.append((value, index, short, form))
            if not scored:
                continue
            scored.sort(key=lambda s: -s[0])
            value, index, short, form = scored[0]
            entry = self.g.entries[index]
            rivals = [s for s in scored[1:] if s[1] != index]
            sure = value >= 85 and not rivals and folded not in COMMON_NAMES
            reason = (
                f"gazetteer entry {entry.name!r} ({entry.source}): document consistency — "
                f"the article names {form!r} earlier; {word!r} scores {value:.0f} "
                f"against {short!r}"
            )
            if rivals:
                reason += f"; {self.g.entries[rivals[0][1]].name!r} scores {rivals[0][0]:.0f}"
            self._add(Match("consistency", start, end, short, entry, reason, sure))

    def _article_names(self) -> None:
        """Names the gazetteer lacks, spelled one slipped letter away from the form the article
        itself establishes (:mod:`.mentions`); known forms and what the passes before changed
        are left to them."""

        def skip(start: int, end: int) -> bool:
            return (
                self._is_excluded(start, end)
                or self._covered(start, end)
                or (self._changed(start, end))
            )

        for slip in article_slips(self.text, skip, self._common, self.scan):
            entry = Entry(slip.established, "person", source="this article")
            self._add(
                Match(
                    "consistency",
                    slip.start,
                    slip.end,
                    slip.replacement,
                    entry,
                    slip.reason,
                    slip.sure,
                )
            )


def _extends(said: list[str], known: list[str]) -> bool:
    """Whether a word differs from the known one only by letters added or dropped at its end
    (Rutte/Rutter, Cook/Cooke): such pairs are usually two real names, not a misspelling."""
    return any(
        a != b and (a.startswith(b) or b.startswith(a)) for a, b in zip(said, known, strict=False)
    )


def _normal_date(date: str | None) -> str | None:
    """An article date as ``YYYY-MM-DD`` (the middle of a year or month given alone); None when
    it is no date."""
    if not date:
        return None
    date = str(date).strip()[:10]
    date = {4: date + "-07-01", 7: date + "-15"}.get(len(date), date)
    return date if valid_date(date) else None


def _plausible(said: str, form: str) -> tuple[bool, bool, float]:
    """Whether ``said`` could be a garbling of ``form`` (both folded, same number of words):
    (plausible, confident, score)."""
    a, b = said.split(), form.split()
    if len(a) != len(b):
        return False, False, 0.0
    if any(not 0.6 <= len(x) / len(y) <= 1.67 for x, y in zip(a, b, strict=True)):
        return False, False, 0.0
    whole = score(said, form)
    if len(a) == 1:
        return whole >= 70, whole >= 85, whole
    tokens = [score(x, y) for x, y in zip(a, b, strict=True)]
    plausible = whole >= 60 and max(tokens) >= 80 and min(tokens) >= 40
    sure = whole >= 65 and max(tokens) >= 80 and min(tokens) >= 45
    return plausible, plausible and sure, whole


def match(gazetteer: Gazetteer, text: str, date: str | None = None) -> list[Match]:
    """Every correction or question the gazetteer has about ``text``.

    >>> from cleanup.gazetteer.index import load
    >>> g = load(())
    >>> [(m.kind, m.replacement) for m in match(g, "Ukrainian President Wolodimir Zelensky")]
    [('known-variant', 'Volodymyr Zelensky')]
    """
    return Matcher(gazetteer, text, date).run()
