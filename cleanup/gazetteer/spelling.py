"""Spelling keys and similarity of names: :func:`fold` (no accents, case or hyphens),
:func:`phonetic` (r/l, b/v and the like forgiven), :func:`score` (0–100), offsets kept by
:func:`lower_same_length`, and the one-deletion forms :func:`deletes` blocks fuzzy candidates by.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable


def fold(text: str) -> str:
    """A spelling-insensitive key: no accents, lower case, hyphens and apostrophes as spaces.

    >>> fold("Sergeĭ Lavróv-Łukasz")
    'sergei lavrov lukasz'
    """
    text = _FOLD_SPACE.sub(" ", text)  # first too: "Xi’s" is then ASCII
    if not text.isascii():  # the table, NFKD and combining marks leave ASCII as it is
        text = text.translate(FOLD_TABLE)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = _FOLD_SPACE.sub(" ", text)  # NFKD makes some ("－", "．")
    return " ".join(text.lower().split())


_FOLD_SPACE = re.compile(r"[-‐‑'’`.]")
# Letters that NFKD does not take apart into a base letter and marks (a test's plain fold uses it).
FOLD_TABLE = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
    }
)


def lower_same_length(text: str) -> str:
    """``text.lower()`` that keeps every offset (characters whose lower case is longer stay)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def deletes(token: str) -> set[str]:
    """The token and every form of it with one character deleted (symmetric-delete blocking)."""
    return {token, *(token[:i] + token[i + 1 :] for i in range(len(token)))}


def phonetic(folded: str) -> str:
    """A key that forgives the confusions of Japanese and Korean transcriptions (r/l, b/v).

    >>> phonetic("rabrov") == phonetic("lavrov")
    True
    """
    out = folded.replace("ph", "f").replace("w", "v").replace("y", "i")
    return out.replace("l", "r").replace("v", "b")


def score(a: str, b: str) -> float:
    """Spelling similarity 0–100 of two folded strings, forgiving r/l and b/v confusions.

    >>> score("sergei rabrov", "sergei lavrov") > score("sergei rabrov", "sergei ivanov")
    True
    """
    return keyed_score(a, b, phonetic(a), phonetic(b))


def keyed_score(a: str, b: str, phonetic_a: str, phonetic_b: str) -> float:
    """:func:`score`, given both strings' :func:`phonetic` keys."""
    ratio = _RATIO[0] if _RATIO else _load_ratio()
    return max(float(ratio(a, b)), float(ratio(phonetic_a, phonetic_b)) - 3)


# rapidfuzz's ratio once loaded: imported on first use (an import statement per call costs more
# than the ratio itself)
_RATIO: list[Callable[[str, str], float]] = []


def _load_ratio() -> Callable[[str, str], float]:
    from rapidfuzz.fuzz import ratio

    _RATIO.append(ratio)
    return ratio
