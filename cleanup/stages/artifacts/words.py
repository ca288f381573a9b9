"""A text's words as byte strings and ids, for lookups at C speed (pronouns, repeated words).

>>> from cleanup.core.document import TextView
>>> words = words_of(TextView("The talks, the talks."))
>>> words.normed, words.ids
(b'the talks  the talks ', [0, 1, 0, 1])
"""

from __future__ import annotations

import re
from itertools import count
from typing import NamedTuple

from cleanup.core.document import TextView

_WORD_BYTES = bytes(
    b + 32 if 65 <= b <= 90 else b if b >= 128 or chr(b).isalnum() or b == 95 else 32
    for b in range(256)
)  # ASCII: non-word to a space, A-Z to a-z; bytes of non-ASCII word characters kept
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class Words(NamedTuple):
    """A text's words for C-speed lookups: the text lower-cased as UTF-8 with each non-word
    character a space (``normed``), and each word's id (the index of its first occurrence)."""

    normed: bytes
    first: dict[bytes, int]
    ids: list[int]

    def char_offsets(self, text: str, offsets: list[int]) -> list[int]:
        """Offsets into ``normed`` (ascending, at words) as offsets into ``text``."""
        if text.isascii():
            return offsets
        out, chars, prev = [], 0, 0
        for i in offsets:
            chars += len(self.normed[prev:i].decode())
            out.append(chars)
            prev = i
        return out


# beyond this the patterns scan the text: its words would take more memory than the text
_MAX_WORDS_TEXT = 1_000_000


def words_of(view: TextView) -> Words | None:
    """The view's :class:`Words`; None for a very long text, and where lower() and a pattern's
    IGNORECASE may disagree (İ lowers to two characters, a final Σ to ς). Detectors ask their
    pass's Analysis for them (``analysis.get(words_of)``): they are found once per pass."""
    normed = _word_bytes(view.text) if len(view.text) <= _MAX_WORDS_TEXT else None
    if normed is None:
        return None
    first: dict[bytes, int] = {}
    ids = list(map(first.setdefault, normed.split(), count()))
    return Words(normed, first, ids)


def _word_bytes(text: str) -> bytes | None:
    if not text.isascii():
        chars = set(_NON_ASCII.findall(text))
        if "\u0130" in chars or "\u03a3" in chars:
            return None
        for ch in chars:
            if not ch.isalnum():
                text = text.replace(ch, " ")
        text = text.lower()
    return text.encode().translate(_WORD_BYTES)
