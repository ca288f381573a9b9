"""Repair of words that are UTF-8 read in a legacy code page, decided line by line.

The seed's ``Sergeń≠`` is ``Sergeĭ`` (UTF-8 bytes ``C4 AD``) read as Mac Central European. Each
word of a line with two non-ASCII characters in a row is re-encoded in each code page of
:data:`CODEPAGES` and decoded as UTF-8. A reading is a *candidate* when it shows no sign of
mojibake (:func:`signs`): its letters are of one script and fit one orthography's alphabet
(:mod:`.alphabets`), it holds no control, format or stray symbol character, and its capitals stand
where words have them. A word is *misread* when it shows such signs itself and has a candidate.

The code page is decided for the whole line: the one in which the most misread words of the line
have a candidate (ties broken by the words that read clearly better in one of them). Each word is
repaired in that code page, and only in it:

- a misread word with candidates only in other code pages is *flagged* with them, never changed
  (a Mac Central European ``Ň°`` read as Windows-1250 is the Cyrillic ``Ұ``: one mojibake turned
  into another). Alone, such a word would be repaired, and would be on ``fix``'s next run once
  the rest of its line is; so its whole line is left as it is, every misread word flagged;
- where a word's readings differ in the line's code pages (``ĂĄ`` is ``á`` in ISO-8859-2 and
  ``å`` in Windows-1250), the reading whose rarest letter more than three times as many
  orthographies use wins (``á`` is in 13 of them, ``å`` in 3); otherwise the word is flagged
  (``ÄŤ`` is ``č``, in 9, in Windows-1250 and ``ī``, in 3, in ISO-8859-2: ``Rīga`` is as
  likely as ``Vystrčil``);
- a word that shows no sign of mojibake (``NICIODATĂ`` is Romanian) is repaired only in a line
  whose misread words are in the same code page, and only into letters as common as its own;
- a misread word alone in its line needs more than two bytes read as one character (``√π`` is
  not ``ù``), and a single two-byte misreading with only weak signs in a code page ftfy tries is
  ftfy's to judge (``DrÃ¥ber`` beside a correct dash, which ftfy leaves on purpose).

The signs include the invisible characters a misread second byte can be: the soft hyphen
(``Ä\\xad`` is ``ĭ`` read as Windows-1252), C1 controls (ISO-8859-1 and -2, and bytes a code
page leaves undefined) and the no-break space inside a word.

>>> repair_token("Sergeń≠")
('Sergeĭ', 'mac_latin2')
>>> repair_token("Serge\\xc4\\xad")
('Sergeĭ', 'cp1252')
>>> repair_token("Łódź") is None
True
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from ftfy.badness import is_bad

from cleanup.stages.alphabets import fits_a_language, letter_weight, script

# Python codec, readable name, and whether ftfy tries it itself. Tried in this order.
_TABLE = (
    ("cp1252", "Windows-1252 (Western)", True),
    ("latin_1", "ISO-8859-1 (Latin-1)", True),
    ("mac_roman", "Mac Roman", True),
    ("mac_latin2", "Mac Central European", False),
    ("mac_cyrillic", "Mac Cyrillic", False),
    ("cp437", "DOS code page 437", True),
    ("cp850", "DOS code page 850", False),
    ("cp866", "DOS Cyrillic (866)", False),
    ("koi8_r", "KOI8-R", False),
    ("cp1250", "Windows-1250 (Central European)", True),
    ("cp1251", "Windows-1251 (Cyrillic)", True),
    ("iso8859_2", "ISO-8859-2 (Latin-2)", True),
    ("cp1253", "Windows-1253 (Greek)", True),
    ("cp1254", "Windows-1254 (Turkish)", True),
    ("cp1257", "Windows-1257 (Baltic)", True),
)
CODEPAGES = tuple(codec for codec, _, _ in _TABLE)
CODEPAGE_NAMES = {codec: name for codec, name, _ in _TABLE}
FTFY_CODEPAGES = frozenset(codec for codec, _, ftfy_tries in _TABLE if ftfy_tries)

_TOKEN = re.compile(r"[^ \t\n\r]+")
# A UTF-8 sequence is a lead byte and continuation bytes, all non-ASCII: a token without two
# non-ASCII characters in a row cannot be mojibake of one (a cheap filter for typography).
_ADJACENT_NON_ASCII = re.compile(r"[^\x00-\x7f]{2}")
# Symbols and spaces written text uses; others (≠, ┬, ˇ, ¬, ...) are a sign of mojibake.
_COMMON_SYMBOLS = frozenset("€£¥$©®™°±×÷§¶•…‘’‚“”„–—«»‹›\u00a0\u2009\u202f·%&@#/№")
# Punctuation that stands between letters in real words: apostrophes, hyphens, dashes.
_WORD_JOINERS = frozenset("'’ʼ-‐‑–—·./")
# Symbols that follow a word or a letter in written text (``AHÅ™``); others beside a letter are
# a sign (``Bogot÷`` is ``Bogotá`` misread twice).
_SYMBOLS_AFTER_WORDS = frozenset("™®©℠°№")
# Marks that open a quotation or sentence and so never follow a letter (the German closing “ and ‘
# and the « of »Wort« do): "RafaÅ‚" is "Rafał" read as Windows-1252.
_OPENING_MARKS = frozenset("‚„¡¿")
# Cyrillic UTF-8 read as Mac Cyrillic alternates dashes and letters: "–Я—С—В—А" is "Пётр".
_LETTERS_BETWEEN_DASHES = re.compile(r"[–—][^\W\d_][–—]")
_COMMON_EXTENDED_B = frozenset("ȘșȚțǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜƏəƠơƯư")
# When code pages tie on a word, the reading whose rarest letter is more than this many times as
# common (by the number of orthographies using it) wins; closer than that, the word is flagged.
PRIOR_MARGIN = 3


def _rare(ch: str) -> bool:
    """Letters that turn up in mojibake far more often than in news: IPA, spacing modifiers, the
    long s and most of Latin Extended-B (Romanian, pinyin and Vietnamese letters excepted)."""
    return (0x0180 <= ord(ch) <= 0x02FF and ch not in _COMMON_EXTENDED_B) or ch == "ſ"


class Sign(NamedTuple):
    """One sign of mojibake: what it is, and whether it is strong (written text never shows it)
    or weak (unusual: a capital inside a word)."""

    reason: str
    strong: bool


def signs(word: str) -> list[str]:
    """The signs of mojibake in ``word``, each a short reason; none for a written word.

    >>> signs("Sergeĭ"), signs("Sergeń≠"), signs("Serge\\xc4\\xad")
    ([], ['symbol ≠'], ['capital Ä inside a word', 'format character U+00AD'])
    """
    return [sign.reason for sign in _signs(word)]


@lru_cache(maxsize=65536)
def _signs(word: str) -> tuple[Sign, ...]:
    found = []
    previous = ""
    for i, ch in enumerate(word):
        after = word[i + 1] if i + 1 < len(word) else ""
        if not ch.isascii():
            sign = _character_sign(ch, previous, after, word[i - 2 : i - 1] if i > 1 else "")
            if sign:
                found.append(sign)
        previous = ch
    if not fits_a_language(word):
        found.append(Sign("letters of no one language", True))
    if _odd_capitals(word):
        found.append(Sign("lowercase after capitals", False))
    if _LETTERS_BETWEEN_DASHES.search(word):
        found.append(Sign("single letters between dashes", True))
    return tuple(found)


def _character_sign(ch: str, previous: str, after: str, before: str) -> Sign | None:
    """The sign of mojibake one character outside ASCII shows, if any, between ``previous`` and
    ``after`` (empty at the ends of the word; ``before`` is the character before ``previous``)."""
    category = unicodedata.category(ch)
    if category[0] == "C":  # controls, format characters (the soft hyphen), unassigned
        kind = "format" if category == "Cf" else "control"
        return Sign(f"{kind} character U+{ord(ch):04X}", True)
    if category[0] == "S":
        if ch not in _COMMON_SYMBOLS:
            return Sign(f"symbol {ch}", True)
        if ch in _SYMBOLS_AFTER_WORDS:
            if _letter(previous) and _letter(after):
                return Sign(f"symbol {ch} inside a word", True)
        elif _letter(previous) or _letter(after):
            return Sign(f"symbol {ch} beside a letter", False)
        return None
    if category[0] == "L":
        if _rare(ch):
            return Sign(f"rare letter {ch}", True)
        if not (ch.isupper() and previous.isalpha()):
            return None
        if previous.islower():
            return Sign(f"capital {ch} inside a word", False)
        if after.islower() and before.isalpha() and before.islower():  # "rÄŤi"
            return Sign(f"capitals {previous}{ch} inside a word", True)
        if script(ch) == "GREEK" and "TONOS" in unicodedata.name(ch, ""):
            return Sign(f"accented capital {ch} inside a word", True)
        return None
    if category[0] == "M":
        if len(unicodedata.normalize("NFC", previous + ch)) > 1:
            return Sign(f"combining mark U+{ord(ch):04X} on no letter it composes with", True)
        return None
    if category[0] == "Z":
        # a no-break space between a letter that starts a word or follows a lowercase one and a
        # lowercase letter: "Å\\xa0iauliai" is "Šiauliai"; "SELKÄ\\xa0EDELLÄ" is two words
        between = previous.isalpha() and not previous.isascii() and after.islower()
        if between and not (before.isalpha() and before.isupper()):
            return Sign(f"space U+{ord(ch):04X} inside a word", False)
        return None
    # punctuation, numbers and other characters
    if category == "No" and "FRACTION" in unicodedata.name(ch, "") and _letter(previous):
        return Sign(f"fraction {ch} after a letter", True)
    if ch in _OPENING_MARKS and _letter(previous):
        return Sign(f"opening mark {ch} after a letter", True)
    if ch in _WORD_JOINERS or _cjk_punctuation(ch):
        return None
    if (_letter(previous) and (_letter(after) or _symbol(after))) or (
        _symbol(previous) and _letter(after)
    ):
        return Sign(f"{ch} inside a word", True)
    return None


def _letter(ch: str) -> bool:
    """A letter of a word with spaces between words (not CJK)."""
    return ch.isalpha() and script(ch) != "CJK"


def _symbol(ch: str) -> bool:
    return bool(ch) and not ch.isascii() and unicodedata.category(ch)[0] == "S"


def _cjk_punctuation(ch: str) -> bool:
    """CJK and full-width punctuation, which stands between letters of Chinese or Japanese."""
    return 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF


def _odd_capitals(word: str) -> bool:
    """A lowercase letter after two or more capitals one of which is not ASCII (``ŇĹilina``,
    ``AHř``): mojibake read back into a capitalized word."""
    letters = [c for c in word if c.isalpha()]
    for i, ch in enumerate(letters):
        if ch.islower():
            capitals = letters[:i]
            return i >= 2 and not (ch.isascii() and "".join(capitals).isascii())
    return False


@cache
def _byte_table(codepage: str) -> dict[str, int]:
    """The byte each character stands for in ``codepage`` (bytes 0x80 to 0xFF). A byte the code
    page leaves undefined stands for itself as a C1 control, as browsers and ftfy's "sloppy" codecs
    decode it (Windows-1251 has no 0x98: "Р\\x98" is "И")."""
    table = {}
    for byte in range(0x80, 0x100):
        try:
            table[bytes([byte]).decode(codepage)] = byte
        except UnicodeDecodeError:
            table[chr(byte)] = byte
    return table


def decode(token: str, codepage: str) -> str | None:
    """``token`` with each run of characters that were UTF-8 bytes read in ``codepage`` decoded;
    punctuation that is not part of such a run is kept as it is (a correct quotation mark beside a
    misread word). None when no run decodes or another character stands in the way.

    >>> decode("«SergeÄ\\xad»", "cp1252"), decode("Sergeń≠", "cp1252")
    ('«Sergeĭ»', None)
    """
    decoded = _decode(token, codepage)
    return decoded[0] if decoded else None


def _decode(token: str, codepage: str) -> tuple[str, int] | None:
    """:func:`decode`, and how many bytes of UTF-8 sequences it decoded."""
    table = _byte_table(codepage)
    out: list[str] = []
    decoded = 0
    i, n = 0, len(token)
    while i < n:
        ch = token[i]
        if ch.isascii():
            out.append(ch)
            i += 1
            continue
        lead = table.get(ch)
        if lead is not None and 0xC2 <= lead <= 0xF4:
            size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
            raw = [lead] + [table.get(c, 0) for c in token[i + 1 : i + size]]
            if len(raw) == size and all(0x80 <= b <= 0xBF for b in raw[1:]):
                try:
                    out.append(bytes(raw).decode("utf-8"))
                except UnicodeDecodeError:
                    pass
                else:
                    decoded += size
                    i += size
                    continue
        if unicodedata.category(ch)[0] not in "PZ":
            return None
        out.append(ch)
        i += 1
    return ("".join(out), decoded) if decoded else None


@dataclass(frozen=True)
class Verdict:
    """What becomes of one token of a line: ``fixed`` set when it is repaired (in ``codepage``),
    None when it is only flagged with its ``candidates`` (each a reading and its code page).

    With ``ftfys_call`` the token is ftfy's to judge (see :func:`_alone_enough`): left as it is
    where ftfy leaves it, but where ftfy changes it, this repair is made instead."""

    start: int
    end: int
    token: str
    fixed: str | None
    codepage: str
    candidates: tuple[tuple[str, str], ...]
    why: str
    ftfys_call: bool = False


def _prior(word: str) -> int:
    """How common the rarest character of ``word`` outside ASCII is: a letter by the number of
    orthographies using it (see :func:`letter_weight`), CJK punctuation and common typography as
    10, any other character as 1, and so is a letter of another script glued to a Latin one
    (``怡peace``)."""
    weights = []
    for i, ch in enumerate(word):
        if ch.isascii():
            continue
        if ch.isalpha():
            around = word[max(i - 1, 0) : i + 2]
            glued = script(ch) != "LATIN" and any(c.isascii() and c.isalpha() for c in around)
            weights.append(1 if glued else letter_weight(ch))
        else:
            weights.append(10 if _cjk_punctuation(ch) or ch in _COMMON_SYMBOLS else 1)
    return min(weights, default=40)


def candidates(token: str) -> dict[str, str]:
    """Every reading of ``token`` that shows no sign of mojibake, by code page."""
    return {codepage: fixed for codepage, (fixed, _) in _readings(token).items()}


def _readings(token: str) -> dict[str, tuple[str, int]]:
    """:func:`candidates`, each with the number of bytes of UTF-8 sequences decoded."""
    found = {}
    for codepage in CODEPAGES:
        decoded = _decode(token, codepage)
        if decoded is not None and decoded[0] != token and not signs(decoded[0]):
            found[codepage] = decoded
    return found


def _alone_enough(token: str, fixed: str, codepage: str, size: int) -> bool | None:
    """Whether a token no other word of its line backs may be repaired on its own evidence: True,
    False (it stays as it is), or None (left to ftfy, which tries ``codepage`` itself). ``size``
    is how many bytes of UTF-8 the reading decoded.

    Two bytes read as a single character (``√π`` as ``ù``, ``∆°`` as ``ơ``) are too little to go
    on; three or more that form valid UTF-8 are not chance (``‚ÄĒ`` is an em dash).
    A single two-byte misreading in a code page ftfy tries, whose only signs are weak (a capital
    inside a word: ``DrÃ¥ber``), is ftfy's to judge when ftfy sees it as mojibake: it declines
    such words on purpose where the line around them is written correctly.
    """
    if size < 3 and sum(c.isalnum() for c in fixed) < 2:
        return False
    if codepage in FTFY_CODEPAGES and size == 2 and not any(s.strong for s in _signs(token)):
        return None if is_bad(token) else True
    return True


def _choose(readings: dict[str, str]) -> tuple[str, str] | None:
    """The reading to apply among equally supported ones: the only one, or one whose rarest
    letter is clearly more common than every other's; None when that is not clear."""
    distinct: dict[str, str] = {}
    for codepage, fixed in readings.items():
        distinct.setdefault(fixed, codepage)
    if len(distinct) == 1:
        ((fixed, codepage),) = distinct.items()
        return fixed, codepage
    ranked = sorted(distinct, key=_prior, reverse=True)
    if _prior(ranked[0]) > PRIOR_MARGIN * _prior(ranked[1]):
        return ranked[0], distinct[ranked[0]]
    return None


def _line_codepages(tied: list[str], readings: list[dict[str, tuple[str, int]]]) -> list[str]:
    """The code pages of a line among those that read equally many of its words: where a word
    reads differently in them and one reading is clearly the more common (see :func:`_choose`),
    the code pages that give it win (``MiloĹˇ`` is ``Miloš`` in Windows-1250 and ``Miloŷ`` in
    ISO-8859-2, so ``VystrÄŤil`` beside it is ``Vystrčil``, not ``Vystrīil``)."""
    votes = dict.fromkeys(tied, 0)
    for word in readings:
        agreeing = {cp: word[cp][0] for cp in tied if cp in word}
        if len(set(agreeing.values())) > 1 and (chosen := _choose(agreeing)):
            for cp, fixed in agreeing.items():
                votes[cp] += fixed == chosen[0]
    best = max(votes.values())
    return [cp for cp in tied if votes[cp] == best]


def analyse_line(line: str) -> list[Verdict]:
    """What becomes of each token of ``line`` that shows mojibake or was misread with it: the
    repairs and the flags, in order. Tokens left to ftfy or left alone are not listed.

    A flag must still stand once the rest of the line is repaired, or ``fix`` would repair the
    word on its next run, alone, where its line no longer speaks against it (``fix`` is
    idempotent). Where it would not stand (``MiloŇ°``, whose only reading is Mac Central European,
    among Windows-1250 words), nothing in the line is repaired: every misread word is flagged.
    """
    verdicts = _verdicts(line)
    if not any(v.fixed is None for v in verdicts) or all(v.fixed is None for v in verdicts):
        return verdicts
    repaired = line
    for v in reversed(verdicts):
        if v.fixed is not None:
            repaired = repaired[: v.start] + v.fixed + repaired[v.end :]
    later = {v.token for v in _verdicts(repaired) if v.fixed is not None}
    if not any(v.fixed is None and v.token in later for v in verdicts):
        return verdicts
    why = "its line holds another misread word whose code page is in doubt"
    return [
        v if v.fixed is None else dataclasses.replace(v, fixed=None, why=why, ftfys_call=False)
        for v in verdicts
        if not v.ftfys_call
    ]


def _verdicts(line: str) -> list[Verdict]:
    """:func:`analyse_line`, before the check that its flags stand."""
    if not _ADJACENT_NON_ASCII.search(line):
        return []
    tokens = []  # (start, end, token, suspicious, readings)
    for m in _TOKEN.finditer(line):
        token = m.group()
        if not _ADJACENT_NON_ASCII.search(token):
            continue
        readings = _readings(token)
        if readings:
            tokens.append((m.start(), m.end(), token, bool(_signs(token)), readings))
    support: dict[str, int] = {}
    for *_, suspicious, readings in tokens:
        if suspicious:
            for codepage in readings:
                support[codepage] = support.get(codepage, 0) + 1
    if not support:
        return []
    most = max(support.values())
    line_codepages = _line_codepages(
        [cp for cp in CODEPAGES if support.get(cp) == most],
        [readings for *_, suspicious, readings in tokens if suspicious],
    )
    verdicts = []
    for start, end, token, suspicious, readings in tokens:
        agreeing = {cp: readings[cp][0] for cp in line_codepages if cp in readings}
        if not suspicious and not (
            agreeing and all(_prior(fixed) >= _prior(token) for fixed in agreeing.values())
        ):
            continue  # a written word, unless the line's misread words say otherwise
        listed = tuple((fixed, cp) for cp, (fixed, _) in readings.items())
        if not agreeing and not any(
            _alone_enough(token, fixed, cp, size) is not False
            for cp, (fixed, size) in readings.items()
        ):
            continue  # readings too slight to mention (``√π`` as ``ù``)
        if not agreeing:
            names = " or ".join(CODEPAGE_NAMES[cp] for cp in line_codepages)
            why = f"the other misread words of the line are in {names}"
            verdicts.append(Verdict(start, end, token, None, line_codepages[0], listed, why))
            continue
        chosen = _choose(agreeing)
        if chosen is None:
            why = "its readings differ and none is clearly more common"
            verdicts.append(Verdict(start, end, token, None, next(iter(agreeing)), listed, why))
            continue
        fixed, codepage = chosen
        others = support.get(codepage, 0) - suspicious  # other misread words in this code page
        alone = True if others else _alone_enough(token, fixed, codepage, readings[codepage][1])
        if alone is False:
            continue
        verdicts.append(Verdict(start, end, token, fixed, codepage, listed, "", alone is None))
    return verdicts


def repair_line(line: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, repaired, codepage)`` for each token of ``line`` that is repaired (tokens
    left to ftfy's judgement are not)."""
    return [
        (v.start, v.end, v.fixed, v.codepage)
        for v in analyse_line(line)
        if v.fixed is not None and not v.ftfys_call
    ]


def repair_token(token: str) -> tuple[str, str] | None:
    """The repaired token and the code page it was misread in, or None (a token alone)."""
    repairs = repair_line(token)
    if len(repairs) == 1 and repairs[0][:2] == (0, len(token)):
        return repairs[0][2], repairs[0][3]
    return None


__all__ = [
    "CODEPAGES",
    "CODEPAGE_NAMES",
    "FTFY_CODEPAGES",
    "Verdict",
    "analyse_line",
    "candidates",
    "decode",
    "repair_line",
    "repair_token",
    "script",
    "signs",
]
