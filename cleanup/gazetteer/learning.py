"""A gazetteer learned from the user's own corpus (`cleanup gazetteer learn`): people's names
(two or three capitalized words, found as :mod:`.mentions` finds them) and place names (found by
their context in news, :mod:`.places`) counted over every article, grouped with the names of the
same kind one slipped letter away in one word (:func:`.near.one_edit`, the other words the
same). The most frequent spelling of a group becomes ``name``; a spelling far rarer than it is
``wrong`` when its context agrees (most of its neighbouring words, weighted by how rare they are
among all names' contexts, are the common one's; or it has too few to tell); groups too even
to tell, and spellings whose context disagrees (two people, Fahad and Farhad), are left as
comments for a person. Forms the shipped gazetteer lists as another kind
are left out, and forms it lists as right are never proposed ``wrong`` (:class:`Known`).

Memory grows with the number of distinct names, not with the corpus: each article is read,
counted and dropped (:func:`learn`: in batches, in worker processes with ``jobs``, merged in
corpus order), and each name keeps a bounded context signature (:func:`.places.add_context`).
The output depends only on the counts (ties broken by spelling) and the corpus order of the
batches and examples, whatever the number of processes.

>>> counts = Names()
>>> for text in ["Mykhailo Fedorov spoke."] * 6 + ["Mykhailo Fedorv spoke."]:
...     counts.add(text)
>>> print(to_yaml(counts.groups(), counts))  # doctest: +ELLIPSIS
# A gazetteer learned ...
entries:
  # 'Mykhailo Fedorov' 6 times, e.g.: Mykhailo Fedorov spoke.
  # 'Mykhailo Fedorv' 1 time, e.g.: Mykhailo Fedorv spoke.
  - {name: Mykhailo Fedorov, kind: person, wrong: [Mykhailo Fedorv]}
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from cleanup.gazetteer.entries import Entry
from cleanup.gazetteer.mentions import name_mentions
from cleanup.gazetteer.near import one_edit
from cleanup.gazetteer.places import (
    TRIM_AT,
    add_context,
    agree,
    context_words,
    idf,
    place_mentions,
)
from cleanup.gazetteer.places import trim as trim_context
from cleanup.gazetteer.scanning import TextScan, excluded_spans, title_spans
from cleanup.gazetteer.spelling import deletes

MIN_COUNT = 3  # a name written fewer times establishes nothing
RATIO = 5  # a spelling this many times rarer than its group's first is taken for an error
EXAMPLE = 160  # characters of the example line kept per name
SHOWN = 6  # context words shown in a comment
# Mentions a rare spelling needs before its context can disagree: the few neighbours of one
# mention are no evidence against a city named in a hundred contexts ("stay in Beijiing").
MIN_OWN = 2
# Last words of organizations' names, which read like people's: "Shanshan Holdings".
ORG_WORDS = frozenset(
    """holdings group limited ltd co company corporation corp inc bank institute university
    college school hospital agency association federation fund foundation museum airlines
    airways motors technologies technology electric energy steel thermal power media daily
    times post press""".split()
)
# A capitalized word right after a name: the run is a longer (organization's) name, cut at a
# common word inside it.
_CAPITAL_NEXT = re.compile(r" [A-Z]")


@dataclass(frozen=True)
class Known:
    """What the shipped gazetteer already says of a form: its kind, and whether it is right."""

    kinds: Mapping[str, str] = field(default_factory=dict)
    right: frozenset[str] = frozenset()

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> Known:
        kinds: dict[str, str] = {}
        right: set[str] = set()
        for e in entries:
            for form in (*e.right_forms, *e.wrong, *e.variants, *e.short):
                kinds.setdefault(form, e.kind)
            right.update(e.right_forms)
        return cls(kinds, frozenset(right))


@dataclass
class Names:
    """Counts of the people's and places' names of a corpus, one example line of each and the
    bounded context signature of each."""

    counts: Counter[str] = field(default_factory=Counter)  # people
    places: Counter[str] = field(default_factory=Counter)
    # places read at least once after a strong cue ("the city of", "in"); after "from" and
    # "to" alone a word is as often an organization ("from Huawei", "to Weibo"): a group so
    # read says so in a comment
    sure_places: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    contexts: dict[str, Counter[str]] = field(default_factory=dict)
    articles: int = 0

    def add(self, text: str) -> None:
        self.articles += 1
        scan = TextScan(text)
        spans = sorted(excluded_spans(text) + title_spans(text))

        def skip(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e in spans)

        common = scan_common(scan)
        places = place_mentions(text, skip, common)
        strong = {(start, end) for start, end, sure in places if sure}
        people: set[str] = set()  # the words of the article's people: no place
        read: set[tuple[int, int]] = set()  # full names: after "from"/"to", a person's
        for words, start, end in name_mentions(text, scan, skip, common):
            if len(words) < 2 or (start, end) in strong:  # "in Velyka Novosilka": a place
                continue
            read.add((start, end))
            if words[-1].lower() in ORG_WORDS or _CAPITAL_NEXT.match(text, end):
                continue  # "Shanshan Holdings", "Anshan Thermal Energy Institute"
            name = " ".join(words)
            people.update(words)
            self.counts[name] += 1
            self._seen(text, name, start, end)
        for start, end, sure in places:
            name = text[start:end]
            if (start, end) in read or all(w in people for w in name.split(" ")):
                continue  # "a letter from Joe Biden", "talks with Putin"
            self.places[name] += 1
            if sure:
                self.sure_places[name] += 1
            self._seen(text, name, start, end)

    def _seen(self, text: str, name: str, start: int, end: int) -> None:
        if name not in self.examples:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
            self.examples[name] = _around(line, name)
        add_context(self.contexts.setdefault(name, Counter()), context_words(text, start, end))

    def merge(self, other: Names) -> None:
        """Add the counts of ``other`` (of articles that come after this one's)."""
        self.articles += other.articles
        self.counts.update(other.counts)
        self.places.update(other.places)
        self.sure_places.update(other.sure_places)
        for name, example in other.examples.items():
            self.examples.setdefault(name, example)
        for name, signature in other.contexts.items():
            mine = self.contexts.setdefault(name, Counter())
            mine.update(signature)
            if len(mine) > TRIM_AT:
                trim_context(mine)

    def groups(self, known: Known | None = None, context: bool = True) -> list[Group]:
        """The names of one kind one slipped letter apart, each with its most frequent spelling
        first; without ``context`` the rare spellings are judged by their counts alone."""
        known = known or Known()
        weights = idf(self.contexts.values()) if context else {}
        found: list[Group] = []
        for kind, counts, other in (
            ("person", self.counts, self.places),
            ("place", self.places, self.counts),
        ):
            # a form read more often as the other kind, or listed as another, is left out
            mine = Counter(
                {
                    n: c
                    for n, c in counts.items()
                    if known.kinds.get(n, kind) == kind
                    and (other[n] < c or (other[n] == c and kind == "place"))
                }
            )
            for head, rest in _linked(mine):
                contexts = self.contexts if context else {}
                group = Group(head, rest, mine, kind, contexts, known.right, weights)
                # "Huawei", "Weibo": read only after "from" or "to", maybe no place
                group.unsure_kind = kind == "place" and not self.sure_places[head]
                found.append(group)
        return sorted(found, key=lambda g: (g.kind, g.name))


def _linked(counts: Counter[str]) -> list[tuple[str, list[str]]]:
    """(most frequent spelling, the others) of each group of names one slip apart."""
    buckets: dict[tuple[int, tuple[str, ...]], list[str]] = defaultdict(list)
    for name in sorted(counts):
        words = name.split(" ")
        for i in range(len(words)):
            buckets[i, (*words[:i], "", *words[i + 1 :])].append(name)
    linked: dict[str, set[str]] = defaultdict(set)
    for (i, _), names in buckets.items():
        if len(names) < 2:
            continue
        # names one slip apart share a one-deletion form of word i (5,000 given names
        # before one surname: no comparison of each with each)
        by_delete: dict[str, list[str]] = defaultdict(list)
        for name in names:
            for d in deletes(name.split(" ")[i].lower()):
                by_delete[d].append(name)
        pairs = {(a, b) for near in by_delete.values() for a in near for b in near if a < b}
        for a, b in sorted(pairs):
            if one_edit(a.split(" ")[i].lower(), b.split(" ")[i].lower()):
                linked[a].add(b)
                linked[b].add(a)
    found: list[tuple[str, list[str]]] = []
    taken: set[str] = set()
    for head in sorted(linked, key=lambda n: (-counts[n], n)):
        if head in taken:
            continue
        rest = sorted(linked[head] - taken)
        rest = [n for n in rest if counts[n] <= counts[head]]
        if rest:
            found.append((head, rest))
            taken.update([head, *rest])
    return found


@dataclass
class Group:
    name: str
    others: list[str]
    counts: Counter[str]
    kind: str = "person"
    contexts: Mapping[str, Counter[str]] = field(default_factory=dict)
    right: frozenset[str] = frozenset()
    weights: Mapping[str, float] = field(default_factory=dict)  # of context words
    unsure_kind: bool = False

    def verdict(self, other: str) -> str:
        """ "wrong", "even" (not rare enough), "right" (the gazetteer lists it as right) or
        "different" (its context has little in common with the name's, :func:`.places.agree`)."""
        top = self.counts[self.name]
        if other in self.right:
            return "right"
        if top < MIN_COUNT or self.counts[other] * RATIO > top:
            return "even"
        theirs, mine = self.contexts.get(self.name), self.contexts.get(other)
        if (
            theirs is not None
            and mine is not None
            and self.counts[other] >= MIN_OWN
            and agree(theirs, mine, self.weights) is False
        ):
            return "different"
        return "wrong"

    @property
    def wrong(self) -> list[str]:
        return [n for n in self.others if self.verdict(n) == "wrong"]


def count(texts: list[str]) -> Names:
    """The names of a batch of articles (a worker's task)."""
    names = Names()
    for text in texts:
        names.add(text)
    return names


def learn(texts: Iterable[str], jobs: int = 1, batch: int = 64) -> Iterator[Names]:
    """The counts of each batch of ``texts``, in corpus order (so the merged counts and examples
    are the same for any ``jobs``); a few batches in flight per process keep memory bounded."""
    batches = _batches(texts, batch)
    if jobs <= 1:
        yield from map(count, batches)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pending: deque[Future[Names]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for chunk in batches:
            pending.append(pool.submit(count, chunk))
            if len(pending) >= 4 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def scan_common(scan: TextScan) -> Callable[[str], bool]:
    """A word that the text also writes in lower case is no name ("Despite", "Then")."""
    return lambda word: scan.lower_word(word.lower())


def _around(line: str, name: str) -> str:
    if len(line) <= EXAMPLE:
        return line
    at = max(0, line.find(name) - EXAMPLE // 3)
    return "…" + line[at : at + EXAMPLE].strip() + "…"


def to_yaml(groups: list[Group], names: Names) -> str:
    """The learned gazetteer in the documented format, counts and examples as comments."""
    out = [
        f"# A gazetteer learned by `cleanup gazetteer learn` from {names.articles} articles: "
        "review it before use",
        "# with --gazetteer (rules/gazetteer/README.md). Groups too even to tell, and spellings",
        "# whose context disagrees (likely another person or place), are comments only.",
        "entries:",
    ]
    for g in groups:
        for n in [g.name, *g.others]:
            count = g.counts[n]
            times = "1 time" if count == 1 else f"{count} times"
            out.append(f"  # {n!r} {times}, e.g.: {_comment(names.examples.get(n, ''))}")
        for n in g.others:
            verdict = g.verdict(n)
            if verdict == "different":
                out.append(
                    f"  # {n!r} is likely another {g.kind}: its context ({_words(g, n)}) has "
                    f"little in common with {g.name!r}'s ({_words(g, g.name)})"
                )
            elif verdict == "right":
                out.append(f"  # {n!r} is a right spelling in the shipped gazetteer")
        if g.unsure_kind:
            out.append(f"  # {g.name!r} is read only after 'from' or 'to': check it is a {g.kind}")
        wrong = g.wrong
        if wrong:
            out.append(f"  - {{name: {g.name}, kind: {g.kind}, wrong: [{', '.join(wrong)}]}}")
        elif any(g.verdict(n) == "even" for n in g.others):
            out.append(f"  # unsure: which of these is right needs a person ({g.name})")
        else:
            out.append(f"  # not proposed: told apart by context or the gazetteer ({g.name})")
    return "\n".join(out) + "\n"


def _words(g: Group, name: str) -> str:
    signature = g.contexts.get(name, Counter())
    top = sorted(signature.items(), key=lambda kv: (-kv[1], kv[0]))[:SHOWN]
    return ", ".join(w for w, _ in top)


def _comment(text: str) -> str:
    return " ".join(text.split())
