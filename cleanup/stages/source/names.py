"""``source/name-mismatch``: a person the source names, found in the gazetteer by the name's
transliteration (pypinyin for Chinese characters, in Chinese and Japanese sources alike; pykakasi
for Japanese readings of Japanese names), whom the translation leaves in a reading the gazetteer
lists as wrong (習近平 → "Shu Kinpei") or replaces by another person of the same surname
(李强 → "Li Keqiang").

>>> from cleanup.gazetteer.index import load
>>> people = People.of(load(()))
>>> [(f, e.name) for f, e in people.in_source("习近平会见了李强。", "zh")]
[('习近平', 'Xi Jinping'), ('李强', 'Li Qiang')]
>>> [(f, e.name) for f, e in people.in_source("習近平氏と安倍晋三氏", "ja")]
[('習近平', 'Xi Jinping'), ('安倍晋三', 'Shinzo Abe')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleanup.gazetteer.entries import Entry
    from cleanup.gazetteer.index import Gazetteer

_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
_LONG_VOWELS = (("ou", "o"), ("uu", "u"), ("oo", "o"), ("ō", "o"), ("ū", "u"))


def key(text: str) -> str:
    """A name as lower-case letters only, long vowels shortened (Shinzō, Shinzou → shinzo)."""
    text = text.lower()
    for long, short in _LONG_VOWELS:
        text = text.replace(long, short)
    return re.sub("[^a-z]", "", text)


@dataclass
class People:
    """The gazetteer's people by the keys of their right forms, both name orders."""

    by_key: dict[str, Entry] = field(default_factory=dict)
    by_word: dict[str, list[Entry]] = field(default_factory=dict)  # each word of a right form

    @classmethod
    def of(cls, gazetteer: Gazetteer) -> People:
        return _people(gazetteer)

    def in_source(self, source: str, language: str | None) -> Iterator[tuple[str, Entry]]:
        """(the characters, the entry) for each person the source names, longest first at a
        place; two to four characters make a name."""
        from pypinyin import lazy_pinyin

        for run in _HAN_RUN.finditer(source):
            chars = run.group()
            syllables = lazy_pinyin(chars)
            readings = _kakasi(chars) if language == "ja" else []
            i = 0
            while i < len(chars):
                found = None
                for size in (4, 3, 2):
                    if i + size > len(chars):
                        continue
                    entry = self.by_key.get("".join(syllables[i : i + size]))
                    entry = entry or _reading(self.by_key, readings, i, size)
                    if entry is not None:
                        found = (chars[i : i + size], entry)
                        break
                if found:
                    yield found
                    i += len(found[0])
                else:
                    i += 1


def _reading(
    by_key: dict[str, Entry], readings: list[tuple[int, str]], i: int, size: int
) -> Entry | None:
    """A Japanese name read by pykakasi over exactly these characters (安倍晋三 → abe shinzo)."""
    starts = {start for start, _ in readings}
    if i not in starts or i + size not in starts:  # words that begin and end with the name
        return None
    return by_key.get(key("".join(r for start, r in readings if i <= start < i + size)))


def _kakasi(chars: str) -> list[tuple[int, str]]:
    """(offset, Hepburn reading) of each word pykakasi finds in ``chars``."""
    out, at = [], 0
    for item in _converter().convert(chars):
        out.append((at, str(item["hepburn"])))
        at += len(item["orig"])
    out.append((at, ""))  # the end, so a name may end where the run does
    return out


@lru_cache(maxsize=1)
def _converter() -> Any:
    import pykakasi

    make: Any = pykakasi.kakasi  # untyped
    return make()


@lru_cache(maxsize=8)
def _people(gazetteer: Gazetteer) -> People:
    people = People()
    for entry in gazetteer.entries:
        if entry.kind != "person":
            continue
        for form in entry.right_forms:
            words = form.split()
            if len(words) < 2:
                continue
            for order in (words, words[::-1]):
                people.by_key.setdefault(key("".join(order)), entry)
            for word in words:
                people.by_word.setdefault(word, []).append(entry)
    return people


def mentions(text: str, form: str) -> Iterator[re.Match[str]]:
    """Where ``form`` stands in ``text`` as whole words."""
    return re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)


def namesakes(people: People, entry: Entry) -> list[Entry]:
    """Other people sharing a word of ``entry``'s name with it (a surname, mostly)."""
    words = entry.name.split()
    found = [e for w in (words[0], words[-1]) for e in people.by_word.get(w, []) if e is not entry]
    return list(dict.fromkeys(found))
