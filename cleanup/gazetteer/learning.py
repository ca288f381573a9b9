"""A gazetteer learned from the user's own corpus (`cleanup gazetteer learn`): people's names
(two or three capitalized words, found as :mod:`.mentions` finds them) counted over every
article, grouped with the names one slipped letter away in one word (:func:`.near.one_edit`,
the other words the same); the most frequent spelling of a group becomes ``name``, spellings far
rarer than it ``wrong``, and groups too even to tell are left as comments for a person.

Memory grows with the number of distinct names, not with the corpus: each article is read,
counted and dropped (:func:`learn`: in batches, in worker processes with ``jobs``, merged in
corpus order). The output depends only on the counts (ties broken by spelling) and the corpus
order of the examples, whatever the number of processes.

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

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from cleanup.gazetteer.mentions import name_mentions
from cleanup.gazetteer.near import one_edit
from cleanup.gazetteer.scanning import TextScan, excluded_spans, title_spans
from cleanup.gazetteer.spelling import deletes

MIN_COUNT = 3  # a name written fewer times establishes nothing
RATIO = 5  # a spelling this many times rarer than its group's first is taken for an error
EXAMPLE = 160  # characters of the example line kept per name


@dataclass
class Names:
    """Counts of the people's names of a corpus, and one example line of each."""

    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    articles: int = 0

    def add(self, text: str) -> None:
        self.articles += 1
        scan = TextScan(text)
        spans = sorted(excluded_spans(text) + title_spans(text))

        def skip(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e in spans)

        for words, start, end in name_mentions(text, scan, skip, scan_common(scan)):
            if len(words) < 2:
                continue
            name = " ".join(words)
            self.counts[name] += 1
            if name not in self.examples:
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end)
                line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
                self.examples[name] = _around(line, name)

    def merge(self, other: Names) -> None:
        """Add the counts of ``other`` (of articles that come after this one's)."""
        self.articles += other.articles
        self.counts.update(other.counts)
        for name, example in other.examples.items():
            self.examples.setdefault(name, example)

    def groups(self) -> list[Group]:
        """The names one slipped letter apart, each with its most frequent spelling first."""
        buckets: dict[tuple[int, tuple[str, ...]], list[str]] = defaultdict(list)
        for name in sorted(self.counts):
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
        found: list[Group] = []
        for head in sorted(linked, key=lambda n: (-self.counts[n], n)):
            if any(head in g.members for g in found):
                continue
            rest = sorted(linked[head] - {m for g in found for m in g.members})
            rest = [n for n in rest if self.counts[n] <= self.counts[head]]
            if rest:
                found.append(Group(head, rest, self.counts))
        return sorted(found, key=lambda g: g.name)


@dataclass
class Group:
    name: str
    others: list[str]
    counts: Counter[str]

    @property
    def members(self) -> set[str]:
        return {self.name, *self.others}

    @property
    def wrong(self) -> list[str]:
        top = self.counts[self.name]
        if top < MIN_COUNT:
            return []
        return [n for n in self.others if self.counts[n] * RATIO <= top]


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
        "# with --gazetteer (rules/gazetteer/README.md). Groups too even to tell are comments.",
        "entries:",
    ]
    for g in groups:
        for n in [g.name, *g.others]:
            count = g.counts[n]
            times = "1 time" if count == 1 else f"{count} times"
            out.append(f"  # {n!r} {times}, e.g.: {_comment(names.examples.get(n, ''))}")
        wrong = g.wrong
        if wrong:
            out.append(f"  - {{name: {g.name}, kind: person, wrong: [{', '.join(wrong)}]}}")
        else:
            out.append(f"  # unsure: which of these is right needs a person ({g.name})")
    return "\n".join(out) + "\n"


def _comment(text: str) -> str:
    return " ".join(text.split())
