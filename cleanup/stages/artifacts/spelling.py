"""Spelling: a lower-case word that is not English but one edit away from a frequent English word
(``interet`` for interest), checked without LanguageTool against symspellpy's 82,765-word English
frequency dictionary.

The dictionary is read once per compiled rule set (:meth:`CompiledRules.prepared`), not per
article: a plain dict of word → count, 0.1 s to load. Candidates are generated at edit distance 1
(deletes, transposes, replacements, inserts) only for the few words not in it; a SymSpell index at
distance 2 costs 3.6 s to build and 1 at 0.85 s (bench figures in docs/benchmarks.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from importlib.resources import files
from typing import TYPE_CHECKING

from cleanup.core.document import TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule

if TYPE_CHECKING:
    from cleanup.core.registry import Context

_DICTIONARY = "frequency_dictionary_en_82_765.txt"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# a suggestion must be a common word: 82,765 entries run down to counts of ~12,000, and typos of
# rare words are more often proper words the list lacks
MIN_COUNT = 1_000_000
MIN_LENGTH = 4  # shorter words have too many neighbours to tell a typo
# a lower-case word between non-word characters; hyphenated, apostrophised, dotted, digit-bearing
# words and words inside URLs or e-mail addresses are left out by the guards
_WORD = re.compile(r"(?<![\w’'@/.-])[a-z]+(?![\w’'@/-])(?!\.\w)")
_URL = re.compile(r"\S*(?:https?://|www\.|@)\S*")


def load_lexicon(_rules: Sequence[Rule] = ()) -> dict[str, int]:
    """symspellpy's English word counts (its wheel ships the list; the package is not imported)."""
    text = (files("symspellpy") / _DICTIONARY).read_text(encoding="utf-8")
    lexicon: dict[str, int] = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        lexicon[word] = int(count)
    return lexicon


# American spellings the (British-leaning) list lacks: the British form it has, piece by piece
_BRITISH = (
    ("or", "our"),
    ("er", "re"),
    ("iz", "is"),
    ("yz", "ys"),
    ("el", "ell"),
    ("l", "ll"),
    ("ense", "ence"),
    ("og", "ogue"),
    ("e", "ae"),
    ("e", "oe"),
)


def american(word: str, lexicon: dict[str, int]) -> bool:
    """Whether ``word`` is the American spelling of a word in the list (labor, centered)."""
    # an inflected form whose British stem drops a letter: centered (centred) is center + ed
    for ending in ("ed", "ing", "s"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_LENGTH and _american_form(stem, lexicon):
            return True
    return _american_form(word, lexicon)


def _american_form(word: str, lexicon: dict[str, int]) -> bool:
    for us, uk in _BRITISH:
        start = word.find(us)
        while start >= 0:
            if word[:start] + uk + word[start + len(us) :] in lexicon:
                return True
            start = word.find(us, start + 1)
    return False


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


def suggestion(word: str, lexicon: dict[str, int]) -> str | None:
    """The most frequent dictionary word one edit from ``word`` if it is frequent enough."""
    best = max(_edits1(word) & lexicon.keys(), key=lambda w: (lexicon[w], w), default=None)
    return best if best is not None and lexicon[best] >= MIN_COUNT else None


def _gazetteer_spans(text: str, context: Context) -> list[tuple[int, int]]:
    """Where the gazetteer (the shipped one and the run's own files) finds one of its forms."""
    from cleanup.gazetteer.index import load  # built once per process, only when a rule asks

    config = context.config
    return [(a, b) for a, b, _ in load(tuple(config.gazetteers), config.style).find(text)]


def detect_misspelling(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """A lower-case word missing from the dictionary with a frequent word one edit away."""
    rule = rules[0]
    text = view.text
    lexicon = context.compiled.prepared(load_lexicon, rules)
    urls = [m.span() for m in _URL.finditer(text)]
    unknown = [
        m for m in _WORD.finditer(text) if len(m.group()) >= MIN_LENGTH and m.group() not in lexicon
    ]
    if not unknown:
        return
    # a word the article uses twice or more is its own term (a name, a transliteration), no typo
    seen = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", text))
    # a form the gazetteer knows, in any case (a place written in lower case, a romanized term)
    known = urls + _gazetteer_spans(text, context)
    for m in unknown:
        word = m.group()
        if seen[word] > 1 or american(word, lexicon) or any(a <= m.start() < b for a, b in known):
            continue
        fix = suggestion(word, lexicon)
        if fix is not None:
            yield rule.finding(
                view,
                m.start(),
                m.end(),
                message=f"{rule.message}: ‘{word}’ → ‘{fix}’?",
                replacement=fix,
            )
