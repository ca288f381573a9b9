"""Phrase lists: the regex a phrase stands for, its spellings, and the phrase gate that finds
where phrases can start (the syntax of a phrase is described in :mod:`cleanup.stages.patterns`).

Where each phrase may start, by phrase number: a superset (27 is where "can break in" would start
if "uld" were "can"), which the matcher narrows to the starts of words.

>>> gate = phrase_gate(["iron wall", "{can|could} [break in]"])
>>> sorted(gate.proposals("It is an iron wall; they could  break in.").items())
[(9, (0,)), (25, (1,)), (27, (1,))]
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")
_PHRASE_TOKENS = re.compile(r"\{[^{}]*\}|\[|\]|\s+")


def phrase_regex(phrase: str) -> str:
    """The regex for a phrase: whole words, any run of whitespace between them.

    >>> phrase_regex("{can|could} [break in]")
    '(?<!\\\\w)(?P<a1>can|could)\\\\s+(?P<span>break\\\\s+in)(?!\\\\w)'
    """
    out: list[str] = []
    pos = 0
    alternatives = 0
    for m in _PHRASE_TOKENS.finditer(phrase):
        out.append(re.escape(phrase[pos : m.start()]))
        tok = m.group()
        if tok.startswith("{"):
            alternatives += 1
            alts = (re.escape(a).replace(r"\ ", r"\s+") for a in tok[1:-1].split("|"))
            out.append(f"(?P<a{alternatives}>{'|'.join(alts)})")
        elif tok == "[":
            out.append("(?P<span>")
        elif tok == "]":
            out.append(")")
        else:
            out.append(r"\s+")
        pos = m.end()
    out.append(re.escape(phrase[pos:]))
    return rf"(?<!\w){''.join(out)}(?!\w)"


WORD = re.compile(r"\w+")


def first_words(phrase: str) -> set[str] | None:
    """The lower-case words a phrase can start with, or None when it may start with no word.

    >>> sorted(first_words("{the |}[new {crown|coronary}]"))
    ['new', 'the']
    """
    words: set[str] = set()
    pos = 0
    while pos < len(phrase):
        m = _PHRASE_TOKENS.match(phrase, pos)
        if m is None:  # a literal: its first word decides
            first = WORD.match(phrase, pos)
            if first is None:
                return None
            words.add(first.group().lower())
            return words
        tok = m.group()
        pos = m.end()
        if tok.startswith("{"):
            optional = False
            for alt in tok[1:-1].split("|"):
                first = WORD.match(alt.strip())
                if first is None:
                    optional = optional or not alt.strip()
                    if alt.strip():
                        return None
                else:
                    words.add(first.group().lower())
            if not optional:
                return words
    return None


# --- the phrase gate: where a phrase can start, found in C ------------------------------------
#
# Every spelling of a phrase (one choice per {a|b}) is a run of chunks - literal text without
# spaces - joined by spaces, each of which matches \s+. Wherever the phrase matches, the text holds
# each chunk of that spelling (case aside) with only whitespace between chunks. So one
# Aho-Corasick pass over the lower-cased text for one chunk per spelling finds every place a
# phrase can match: stepping back over the chunks before the one found, and the whitespace between
# them, leads to where the phrase would start. Only there, and only for the phrases that proposed
# the place, does the word-by-word loop's test run: the entries that match there all proposed it,
# and are tried in the same order, so the longest match and the ties come out the same.
# The automaton costs per character it leaves its root at, so a key is a chunk after a space or a
# line break (the scan idles inside words), or for a spelling's first chunk, which may follow any
# character, the chunk's tail from its rarest letter.

# characters that a phrase's ASCII letter matches case-insensitively but that lower() does not
# turn into that letter (İ even into two characters, shifting positions): texts that hold one are
# scanned word by word
ODD_CASE = "İıſ"
KEY_SPACES = " \n"
# every other character that is whitespace to str.isspace and \s (a test checks the list)
OTHER_SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(
    map(chr, [*range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
)
_TO_SPACE = str.maketrans(dict.fromkeys(OTHER_SPACES, " "))
_LETTERS_BY_FREQUENCY = "etaoinshrdlcumwfgypbvkjxqz"  # in English text, commonest first
_MAX_SPELLINGS = 5000
# words too frequent in news to find a phrase by
_COMMON = frozenset(
    """a an the and or of in on at to for from by with as is are was were be been has have had
    do does did not no it its he she his her they their them we our us you i this that these those
    there here which who what when where will would can could may might must shall should all
    any some new up off out over under into about after before than then also said says say
    people year years time two one first last more most other""".split()
)


@dataclass(frozen=True)
class PhraseGate:
    """Where phrases can start in a text, found by one Aho-Corasick pass (see above)."""

    # key -> (its length, ((shift from the key to its chunk, lengths of the chunks before the
    # chunk, last first), phrase numbers), ...))
    automaton: Any
    first_words: tuple[frozenset[str], ...]  # per phrase, the words the slow loop tries it at

    def proposals(self, text: str) -> dict[int, tuple[int, ...]]:
        """Offsets where a phrase may start, each with the numbers of the phrases (in ``phrases``
        of :func:`phrase_gate`) that propose it, in the order found, repeats included."""
        lowered = text.lower()
        if any(ch in text for ch in OTHER_SPACES):  # rare: the keys know only spaces, line breaks
            lowered = lowered.translate(_TO_SPACE)
        proposed: dict[int, tuple[int, ...]] = {}
        for end, (length, places) in self.automaton.iter(lowered):
            at = end + 1 - length
            for shift, back, numbers in places:
                start = at + shift
                for chunk in back:  # step back over whitespace and the chunk before
                    if start < 1 or not text[start - 1].isspace():
                        start = -1
                        break
                    start -= 1
                    while start and text[start - 1].isspace():
                        start -= 1
                    start -= chunk
                if start >= 0:
                    proposed[start] = proposed.get(start, ()) + numbers
        return proposed


def spellings(phrase: str) -> list[str]:
    """Every text a phrase stands for, with a space where it matches whitespace.

    >>> spellings("{can|could} [break in]")
    ['can break in', 'could break in']
    """
    parts: list[list[str]] = []
    pos = 0
    for m in _PHRASE_TOKENS.finditer(phrase):
        parts.append([phrase[pos : m.start()]])
        tok = m.group()
        if tok.startswith("{"):
            parts.append(tok[1:-1].split("|"))
        elif tok not in "[]":
            parts.append([" "])
        pos = m.end()
    parts.append([phrase[pos:]])
    return ["".join(choice) for choice in itertools.product(*parts)]


def count_spellings(phrase: str) -> int:
    """How many spellings :func:`spellings` gives.

    >>> count_spellings("{a|b} {c|d|} e")
    6
    """
    return math.prod(len(m.group(1).split("|")) for m in _ALTERNATIVES.finditer(phrase))


def _tail(chunk: str) -> int:
    """Where the tail of ``chunk`` to look for starts: at its rarest letter, three or more
    characters from the end.

    >>> "netizen"[_tail("netizen"):]
    'zen'
    """
    rarity = {ch: i for i, ch in enumerate(_LETTERS_BY_FREQUENCY)}
    last = max(0, len(chunk) - 3)
    return max(range(last + 1), key=lambda i: (rarity.get(chunk[i], -1), -i))


def _chunk_cost(chunk: str, i: int, backs: int) -> tuple[object, ...]:
    """How costly ``chunk``, the ``i``th of a spelling, is to find that spelling by (the lowest
    wins): a common word hits often, a first chunk is looked for without its space, each distance
    back to the phrase's start costs a look per hit, and shorter words are more frequent."""
    return (chunk in _COMMON, i == 0, backs, -len(chunk))


def phrase_gate(phrases: Sequence[str]) -> PhraseGate | None:
    """The gate for ``phrases``, or None when a phrase cannot be found by a chunk (a spelling that
    starts with a space or has no ASCII chunk, a phrase that may start with no word)."""
    # counted before they are spelled out: a phrase with many {a|b} groups has a huge product
    if any(count_spellings(phrase) > _MAX_SPELLINGS for phrase in phrases):
        return None
    spelled = [spellings(phrase) for phrase in phrases]
    keys: dict[str, set[tuple[int, int, tuple[int, ...]]]] = {}
    for n, entry_spellings in enumerate(spelled):
        chunked = [[c.lower() for c in s.split()] for s in entry_spellings]
        # a chunk found for many spellings at different distances costs a look per distance
        backs: dict[str, set[tuple[int, ...]]] = {}
        for chunks in chunked:
            back: tuple[int, ...] = ()  # the lengths of the chunks before, last first
            for chunk in chunks:
                backs.setdefault(chunk, set()).add(back)
                back = (len(chunk), *back)
        for spelling, chunks in zip(entry_spellings, chunked, strict=True):
            ranked = [
                (_chunk_cost(chunk, i, len(backs[chunk])), i)
                for i, chunk in enumerate(chunks)
                if chunk.isascii()
            ]
            if not ranked or spelling[:1].isspace():
                return None
            i = min(ranked)[-1]
            back = tuple(map(len, reversed(chunks[:i])))
            if i:
                for space in KEY_SPACES:
                    keys.setdefault(space + chunks[i], set()).add((1, n, back))
            else:
                tail = _tail(chunks[i])
                keys.setdefault(chunks[i][tail:], set()).add((-tail, n, back))
    starts = [first_words(phrase) for phrase in phrases]
    if not keys or any(words is None for words in starts):
        return None
    automaton = ahocorasick.Automaton()
    for key, proposals in keys.items():
        # one look per distance back, for every entry that proposes the same place
        places: dict[tuple[int, tuple[int, ...]], list[int]] = {}
        for shift, n, back in sorted(proposals):
            places.setdefault((shift, back), []).append(n)
        value = tuple((shift, back, tuple(ns)) for (shift, back), ns in places.items())
        automaton.add_word(key, (len(key), value))
    automaton.make_automaton()
    return PhraseGate(automaton, tuple(frozenset(w or ()) for w in starts))
