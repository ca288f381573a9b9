"""Phrase breaks: a comma between two words that belong together (``economic, growth``), found with
the word-pair counts symspellpy's wheel ships (242,342 English bigrams) rather than a parser, and a
comma between a sentence's subject and its verb (``the measure, was meant``).

A pair is taken to belong together when it is a listed bigram whose pointwise mutual information
(how much more often the two words meet than chance would have them) is high: ``economic growth``
is, ``year the`` (``last year, the ministry``) is not. Words that open a clause or an aside after a
comma (``and``, ``which``, ``the``, a participle) never count as the second word.
The counts are read once per compiled rule set (:meth:`CompiledRules.prepared`), ~1 s, which is
one reason the rule is opt-in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

from cleanup.core.document import TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule
from cleanup.stages.artifacts.spelling import load_lexicon

if TYPE_CHECKING:
    from cleanup.core.registry import Context

_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
# natural log of how much more often the pair occurs than chance; chosen on the tuning cases of
# the perturbation set (4 catches most broken pairs and flags 2 of 306 clean sentences, 5 one)
MIN_PMI = 4.0
# words that may open a clause, an aside or a list item after a comma
_OPENERS = frozenset(
    """and but or nor which who whom whose where when while whereas although though because since
    if unless as so yet then thus including such according a an the this that these those it its
    he she they we i you his her their our my there here not also plus with from in on at by for
    to of after before during between through under within without over across among due
    was were is are has have had will would did does do could should can may might must""".split()
)
_AUXILIARY = "was|were|is|are|has|have|had|will|would|did|does|could|should|can|may|might|must"
_PAIR = re.compile(r"(?<=[A-Za-z] )([a-z]+)(,) ([a-z]+)\b")
_SUBJECT_VERB = re.compile(rf"(?<=[a-z])(,) (?:{_AUXILIARY})\b")
# a mark before the comma that opens an aside the comma may close
_ASIDE = re.compile(r"[,;:()—–“”\"]")


@dataclass(frozen=True)
class Counts:
    unigrams: dict[str, int]
    bigrams: dict[tuple[str, str], int]
    total: int

    def pmi(self, left: str, right: str) -> float | None:
        pair = self.bigrams.get((left, right))
        a, b = self.unigrams.get(left), self.unigrams.get(right)
        if not pair or not a or not b:
            return None
        return math.log(pair * self.total / (a * b))


def load_counts(_rules: Sequence[Rule] = ()) -> Counts:
    """symspellpy's word and word-pair counts (its wheel ships the lists; it is not imported)."""
    unigrams = load_lexicon()
    bigrams: dict[tuple[str, str], int] = {}
    for line in (files("symspellpy") / _BIGRAMS).read_text(encoding="utf-8").splitlines():
        left, right, count = line.split(" ")
        bigrams[(left, right)] = int(count)
    return Counts(unigrams, bigrams, sum(unigrams.values()))


def _breaks(text: str, start: int, end: int, counts: Counts) -> Iterator[int]:
    """Offsets of the commas in ``text[start:end]`` (one sentence) that break a phrase."""
    for m in _PAIR.finditer(text, start, end):
        left, right = m.group(1), m.group(3)
        # after a function word the comma is artifact/misplaced-punctuation's (or fine: `with,`)
        if left in _OPENERS or right in _OPENERS or right.endswith(("ing", "ed")):
            continue
        pmi = counts.pmi(left, right)
        if pmi is not None and pmi >= MIN_PMI:
            yield m.start(2)
    for m in _SUBJECT_VERB.finditer(text, start, end):
        if not _ASIDE.search(text, start, m.start()):
            yield m.start(1)  # nothing before it that the comma could close


def detect_phrase_break(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """A comma inside a frequent word pair, or between a subject and its verb."""
    rule = rules[0]
    text = view.text
    if ", " not in text:
        return
    counts = context.compiled.prepared(load_counts, rules)
    for start, end in view.sentences:
        for at in sorted(set(_breaks(text, start, end, counts))):
            yield rule.finding(view, at, at + 1, replacement="")
