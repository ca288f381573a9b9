"""The letters each written language uses beyond ASCII, for telling a word from mojibake.

A word of real text takes its accented letters from one orthography: Polish ``Wałęsa`` from
Polish, Czech ``Vystrčil`` from Czech, romanized Russian ``Sergeĭ`` from a romanization. Mojibake
mixes letters no language uses together (``SĂĄnchez``: Romanian ``Ă`` beside Polish ``Ą``) or
produces letters of another script in a Latin word (``MiloҰ``). Each alphabet below lists the
lowercase letters outside ASCII of one orthography (or romanization), from its standard;
:func:`fits_a_language` asks whether a word's letters all come from one of them, and
:func:`letter_weight` counts in how many they occur, a prior that prefers ``Tomaž`` (used by twelve
orthographies) to ``Tomaŝ`` (Esperanto and ISO 9) when a misreading leaves both possible.

>>> fits_a_language("Wałęsa"), fits_a_language("SĂĄnchez"), fits_a_language("Сергей")
(True, False, True)
>>> letter_weight("ž") > 2 * letter_weight("ŝ")
True
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

LATIN = {
    "Albanian": "çë",
    "Azerbaijani": "çəğıöşü",
    "Belarusian Łacinka": "ćčłńśšŭźž",
    "Catalan": "àçèéíïòóúü",
    "Croatian, Bosnian, Serbian": "čćđšž",
    "Czech": "áčďéěíňóřšťúůýž",
    "Danish, Norwegian": "åæøé",
    "Dutch": "áéèëïóöüíú",
    "Esperanto": "ĉĝĥĵŝŭ",
    "Estonian": "äõöüšž",
    "Faroese": "áðíóúýæø",
    "Finnish": "äåöšž",
    "French": "àâæçéèêëîïôœùûüÿ",
    "German": "äöüß",
    "Hungarian": "áéíóöőúüű",
    "Icelandic": "áðéíóúýþæö",
    "Irish": "áéíóú",
    "Italian": "àèéìíîòóùú",
    "Kurdish": "çêîşû",
    "Latvian": "āčēģīķļņšūž",
    "Lithuanian": "ąčęėįšųūž",
    "Maltese": "àċèġħìòùż",
    "Pinyin": "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü",
    "Polish": "ąćęłńóśźż",
    "Portuguese": "áâãàçéêíóôõúü",
    "Romanian": "ăâîșțşţ",
    "Romanized Japanese": "āēīōū",
    "Romanized Russian and Ukrainian": "ĭëėžščŝèûâʹ",
    "Sámi": "áčđŋšŧž",
    "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Slovene": "čćđšž",
    "Spanish": "áéíñóúü",
    "Swedish": "åäöé",
    "Turkish": "âçğıîöşû",
    "Vietnamese": ("àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"),
    "Welsh": "âêîôûŵŷäëïöüÿáéíóúẃýàèìòùẁỳ",
}
CYRILLIC = {
    "Russian": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "Ukrainian": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "Belarusian": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "Bulgarian": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "Serbian": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "Macedonian": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "Kazakh": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "Kyrgyz and Mongolian": "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя",
    "Tajik": "абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя",
}
GREEK = {"Greek": "αάβγδεέζηήθιίϊΐκλμνξοόπρσςτυύϋΰφχψωώ"}
# Scripts whose letters are checked against the alphabets above; a word in any other script
# (Han, kana, Hangul, Arabic, Hebrew, ...) fits when all its letters are of that one script.
CHECKED_SCRIPTS = {"LATIN": LATIN, "CYRILLIC": CYRILLIC, "GREEK": GREEK}


def script(ch: str) -> str:
    """A coarse script name for a letter (LATIN, CYRILLIC, GREEK, CJK, ARABIC, ...)."""
    if ch.isascii():
        return "LATIN"
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "FULLWIDTH", "HALFWIDTH")):
        return "CJK"
    return name.split(" ", 1)[0]


def _key(ch: str) -> str:
    lower = ch.lower()
    return lower if len(lower) == 1 else ch  # "İ".lower() is two characters


@lru_cache(maxsize=1)
def _alphabets() -> dict[str, list[frozenset[str]]]:
    return {
        name: [frozenset(letters) for letters in table.values()]
        for name, table in CHECKED_SCRIPTS.items()
    }


@lru_cache(maxsize=4096)
def letter_weight(ch: str) -> int:
    """In how many of the alphabets ``ch`` occurs (0: in none; a letter of an unchecked script
    counts as 10, ASCII as 40)."""
    if ch.isascii():
        return 40
    if ch == "İ":
        return 2
    name = script(ch)
    if name not in CHECKED_SCRIPTS:
        return 10
    key = _key(ch)
    return sum(key in letters for letters in _alphabets()[name])


def fits_a_language(word: str) -> bool:
    """True when the letters of ``word`` are of one script and, in Latin, Cyrillic or Greek, its
    letters outside ASCII all belong to one alphabet (ASCII letters belong to every Latin one)."""
    scripts = {script(c) for c in word if c.isalpha()}
    if len(scripts) > 1:
        scripts.discard("LATIN")
        if not all(c.isascii() for c in word if c.isalpha() and script(c) == "LATIN"):
            return False
        if scripts != {"CJK"}:
            return False
    special = {_key(c) for c in word if c.isalpha() and not c.isascii()}
    if not special:
        return True
    (name,) = scripts
    if name == "CJK" or name not in CHECKED_SCRIPTS:
        return True
    if "İ" in special:  # Turkish and Azerbaijani
        special = special - {"İ"} | {"ı"}
    return any(special <= letters for letters in _alphabets()[name])
