"""Place names and context signatures for `cleanup gazetteer learn` (:mod:`.learning`).

A place is found by what news writes around it: after "in", "from", "near" … ("in Kharkiv"),
after "the city of", "the province of" … , before "province", "region" … ("Hebei Province"),
before "-based" ("Shenzhen-based") and before a comma and a country ("Bucha, Ukraine"). One to
three capitalized words, cut at titles, common words and words the article also writes in lower
case; a word of a person's name in the same article is no place ("talks with Putin").

The context of a mention is its neighbouring content words (up to :data:`WINDOW` each side, in
the same sentence, lower case, without the name's own words and function words): counted per
spelling in a :class:`Counter` trimmed to its :data:`KEEP` most frequent words, so that two
spellings one letter apart can be told the same name (the rare one's neighbours are mostly the
common one's: "minister", "foreign") or two (Fahad the coach, Farhad the dissident).

>>> text = "Shelling in Kharkiv on Monday. A Shenzhen-based firm moved to the city of Wuhan."
>>> [text[s:e] for s, e, _ in place_mentions(text, lambda s, e: False, lambda w: False)]
['Kharkiv', 'Shenzhen', 'Wuhan']
>>> context_words("Foreign Minister Wang Yi told reporters in Beijing that talks ended.", 17, 24)
['foreign', 'minister', 'reporters', 'beijing']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from cleanup.gazetteer.words import COMMON_WORDS, TITLES, frequent_words

WINDOW = 4  # words each side of a mention whose content words are its context
KEEP = 32  # context words kept per spelling (its most frequent): memory bounded per name
MIN_WORDS = 3  # context words a spelling needs before its disagreement counts
# Share of a rare spelling's (weighted) context the dominant one must have for them to agree:
# on the tune half, injected misspellings share 0.67 or more, other names one letter away 0.
SHARED = 0.3
TRIM_AT = 2 * KEEP  # a signature is trimmed back to KEEP words when it grows past this

_WORD = r"[A-Z][a-z\u00df-\u024f]+"  # a possessive ('s) is left out: "China's" is China
_NAME = rf"(?P<name>{_WORD}(?: {_WORD}){{0,2}})"
_KINDS = "city|town|village|province|region|county|district|port|capital|prefecture|oblast"
# (cue, strong): a strong cue makes a place of a full name ("in Velyka Novosilka"); after "from"
# and "to" a full name is more often a person ("a letter from Joe Biden").
_CUES = [
    (re.compile(rf"\b(?:in|near|outside|across|into)\s+{_NAME}"), True),
    (re.compile(rf"\b(?:from|to)\s+{_NAME}"), False),
    (re.compile(rf"\b(?:{_KINDS}|state|island) of\s+{_NAME}"), True),
    (
        re.compile(rf"\b{_NAME}\s+(?:{_KINDS}|{'|'.join(k.title() for k in _KINDS.split('|'))})\b"),
        True,
    ),
    (re.compile(rf"\b{_NAME}-based\b"), True),
]
_BEFORE_COUNTRY = re.compile(rf"\b{_NAME},\s+(?P<country>{_WORD}(?: {_WORD})?)\b")
_CONTEXT_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)?")
_SENTENCE = re.compile(r"[.!?]\s|\n")
# Function words and reporting verbs: no evidence of who or where is meant.
STOP = frozenset(
    """a an the and or but nor of in on at to from by for with as into onto near over under
    about after before than that this these those there their they them it its is are was were
    be been being has have had do does did will would could should may might can not no said
    says say told also he she his her him we our you your i me my who whom which what when where
    while how why if then so such very more most other some any all each both one two three new
    mr mrs ms dr s just like up out off per via within without during since until among between
    against according added reported stated noted spoke speaking according week year years day
    days time monday tuesday wednesday thursday friday saturday sunday today yesterday""".split()
)
_NOT_PLACE = frozenset("the a an this that these those mr mrs ms dr".split())


@lru_cache(maxsize=1)
def countries() -> tuple[frozenset[str], frozenset[str]]:
    """The country names of the shipped role data (``roles.yaml``: "Bucha, Ukraine"), and their
    adjectives ("in Turkish" is no place)."""
    from cleanup.gazetteer.reading import gazetteer_dir, read_file

    path = gazetteer_dir() / "roles.yaml"
    if not path.exists():
        return frozenset(), frozenset()
    data = read_file(path).countries.values()
    names = frozenset(n for c in data for n in c.get("names", []))
    return names, frozenset(a for c in data for a in c.get("adjectives", []))


def place_mentions(
    text: str, skip: Callable[[int, int], bool], common: Callable[[str], bool]
) -> list[tuple[int, int, bool]]:
    """(start, end, strong) of each place mention of ``text`` found by its context (see the
    module), in text order; ``strong`` when its cue outweighs a reading as a person's name.
    ``skip`` tells spans to leave, ``common`` words that are no name."""
    frequent = frequent_words()
    names, adjectives = countries()

    def trimmed(start: int, name: str) -> tuple[int, int] | None:
        words = name.split(" ")
        kept: list[str] = []
        for word in words:  # cut at the first word that is no name ("Kyiv Mayor", "Kharkiv On")
            low = word.lower()
            if word in TITLES or low in COMMON_WORDS or low in frequent or common(word):
                break
            if low in _NOT_PLACE or word in adjectives or low.endswith("ese"):  # "in Japanese"
                break
            kept.append(word)
        if not kept or skip(start, start + len(" ".join(kept))):
            return None
        return start, start + len(" ".join(kept))

    found: dict[tuple[int, int], bool] = {}
    for cue, strong in _CUES:
        for m in cue.finditer(text):
            span = trimmed(m.start("name"), m.group("name"))
            if span:
                found[span] = found.get(span, False) or strong
    for m in _BEFORE_COUNTRY.finditer(text):
        if m.group("country") in names and m.group("name") not in names:
            span = trimmed(m.start("name"), m.group("name"))
            if span:
                found[span] = True
    return [(start, end, strong) for (start, end), strong in sorted(found.items())]


def context_words(text: str, start: int, end: int) -> list[str]:
    """The content words around ``text[start:end]`` (see the module), in text order."""
    lo = max(0, start - 200)
    left_stop = max((m.end() for m in _SENTENCE.finditer(text, lo, start)), default=lo)
    right = _SENTENCE.search(text, end, end + 200)
    right_stop = right.start() if right else min(len(text), end + 200)
    own = {w.lower() for w in text[start:end].split()}
    before = _CONTEXT_WORD.findall(text, left_stop, start)[-WINDOW:]
    after = _CONTEXT_WORD.findall(text, end, right_stop)[:WINDOW]
    return [
        low
        for w in [*before, *after]
        if (low := w.lower()) not in STOP and low not in own and len(low) > 2
    ]


def agree(
    theirs: Counter[str], mine: Counter[str], weights: Mapping[str, float] | None = None
) -> bool | None:
    """Whether two spellings' contexts tell the same name: True when at least :data:`SHARED`
    of ``mine`` (its words weighted by ``weights``, the rarer a word among all names'
    contexts the heavier: "china" and "met" tell little) is in ``theirs``; False when less is
    and ``mine`` has :data:`MIN_WORDS` words or more; None when it has too few to tell."""
    weights = weights or {}
    total = sum(weights.get(w, 1.0) * c for w, c in mine.items())
    if min(mine.total(), theirs.total()) < MIN_WORDS or total <= 0:
        return None
    shared = sum(weights.get(w, 1.0) * c for w, c in mine.items() if w in theirs)
    return shared >= SHARED * total


def idf(signatures: Iterable[Counter[str]]) -> dict[str, float]:
    """The weight of each context word: log((1 + names) / (1 + names whose context has it))."""
    df: Counter[str] = Counter()
    n = 0
    for signature in signatures:
        n += 1
        df.update(signature.keys())
    return {w: math.log((1 + n) / (1 + d)) for w, d in df.items()}


def add_context(signature: Counter[str], words: list[str]) -> None:
    """Count ``words`` into ``signature``, trimming it to its :data:`KEEP` most frequent words
    (ties by word, so the result is the same however the corpus was batched)."""
    signature.update(words)
    if len(signature) > TRIM_AT:
        trim(signature)


def trim(signature: Counter[str]) -> None:
    kept = sorted(signature.items(), key=lambda kv: (-kv[1], kv[0]))[:KEEP]
    signature.clear()
    signature.update(dict(kept))
