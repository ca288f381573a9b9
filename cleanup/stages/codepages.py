"""Repair of words that are UTF-8 read in a legacy code page ftfy does not try or does not notice.

The seed's ``Sergeń≠`` is ``Sergeĭ`` (UTF-8 bytes ``C4 AD``) read as Mac Central European. ftfy's
heuristics do not fire on it and its code-page list lacks mac_latin2. Here each token with non-ASCII
characters is re-encoded in each candidate code page and decoded as UTF-8. Legitimate text almost
never survives that round trip (its non-ASCII bytes do not form valid UTF-8 sequences), and a repair
is kept only when the result is shorter, made of plausible single-script words and clearly less
"bad" than the input.

>>> repair_token("Sergeń≠")
('Sergeĭ', 'mac_latin2')
>>> repair_token("Łódź") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Python codec, readable name, and whether ftfy tries it itself (its CHARMAP_ENCODINGS: on a lone
# short word its verdict stands). Tried in this order; the first equally good repair wins.
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

# Punctuation that may wrap a word and is itself written correctly (curly quotes, brackets).
_WRAPPERS = "\"'“”‘’„«»‹›()[]{}.,;:!?"
_TOKEN = re.compile(r"[^ \t\n\r]+")
# A UTF-8 sequence is a lead byte and continuation bytes, all non-ASCII: a token without two
# non-ASCII characters in a row cannot be mojibake of one (a cheap filter for typography).
_ADJACENT_NON_ASCII = re.compile(r"[^\x00-\x7f]{2}")
# Accented letters frequent in news names and words; others cost a point more, which breaks ties
# between code pages ("MĂźller" is Müller in ISO-8859-2, not Mßller in Windows-1250).
_COMMON_LETTERS = frozenset("äöüéèàáíóúñçâêôîûëïãõåøæœčšžćłńśźżąęěřůýťďňőűğışășțāēīōūþð")
_FREQUENT_LETTERS = frozenset("éáíóúüöäñçèàãõâêôłńśżćąęčšžřěğşıİ")
_COMMON_EXTENDED_B = frozenset("ȘșȚțǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜƏəƠơƯư")
_COMMON_SYMBOLS = frozenset("€£¥$©®™°±×÷§¶•…‘’‚“”„–—«»‹›\u00a0\u2009\u202f·%&@#/")


def _script(ch: str) -> str:
    """A coarse script name for a letter (LATIN, CYRILLIC, GREEK, CJK, ...)."""
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
        return "CJK"
    return name.split(" ", 1)[0]


def _rare(ch: str) -> bool:
    """Letters that turn up in mojibake far more often than in news: IPA, spacing modifiers, the
    long s and most of Latin Extended-B (Romanian and pinyin letters excepted)."""
    return (0x0180 <= ord(ch) <= 0x02FF and ch not in _COMMON_EXTENDED_B) or ch == "ſ"


def badness(token: str) -> int:
    """How unlike written language ``token`` looks: each non-ASCII character costs 1, rare symbols,
    controls and box drawing 3 more, and a change of script inside a word 3 more."""
    score = 0
    prev_script = ""
    for ch in token:
        if ch.isascii():
            prev_script = "LATIN" if ch.isalpha() else ""
            continue
        score += 1
        category = unicodedata.category(ch)
        if (category[0] in "CS" and ch not in _COMMON_SYMBOLS) or _rare(ch):
            score += 3
        if category == "Lu" and prev_script:  # a capital inside a word: "cafÊ"
            score += 1
        if 0xC0 <= ord(ch) <= 0x17F and ch.lower() not in _COMMON_LETTERS:
            score += 1
        if category[0] == "L":
            script = _script(ch)
            if prev_script and script != prev_script:
                score += 3
            prev_script = script
        else:
            prev_script = ""
    return score


def plausible(word: str) -> bool:
    """True when ``word`` could be written text: no controls or unassigned code points, no rare
    symbols, and its letters in one script (besides ASCII)."""
    scripts = set()
    for ch in word:
        if ch.isascii():
            if ch.isalpha():
                scripts.add("LATIN")
            continue
        category = unicodedata.category(ch)
        if category[0] == "C" or (category[0] == "S" and ch not in _COMMON_SYMBOLS) or _rare(ch):
            return False
        if category[0] == "L":
            scripts.add(_script(ch))
    return len(scripts) <= 1 or scripts <= {"LATIN", "CJK"}


def repair_token(token: str) -> tuple[str, str] | None:
    """The repaired token and the code page it was misread in, or None when none clearly fits.

    Alone, a token needs strong evidence; :func:`repair_line` also accepts weaker evidence when
    several tokens of a line were misread in the same code page.
    """
    strong = [c for c in token_candidates(token) if c.strong]
    if not strong:
        return None
    best = min(strong, key=lambda c: (c.rarity, CODEPAGES.index(c.codepage)))
    return best.fixed, best.codepage


@dataclass(frozen=True)
class Candidate:
    fixed: str
    codepage: str
    strong: bool  # enough evidence on its own; weak ones need company in the line

    @property
    def rarity(self) -> int:
        """Letters outside the most frequent ones; breaks ties between code pages (SĂĄnchez is
        Sánchez in ISO-8859-2, Sånchez in Windows-1250)."""
        return sum(
            ch.isalpha() and not ch.isascii() and ch.lower() not in _FREQUENT_LETTERS
            for ch in self.fixed
        )


def token_candidates(token: str) -> list[Candidate]:
    """Every equally best repair of ``token``, in code-page order."""
    candidates = _repair_core(token)
    if not candidates:
        # a correctly written quotation mark or bracket around the word defeats the round trip
        core = token.strip(_WRAPPERS)
        if not core or core == token:
            return []
        lead = token[: token.index(core)]
        tail = token[len(lead) + len(core) :]
        candidates = [
            Candidate(lead + c.fixed + tail, c.codepage, c.strong) for c in _repair_core(core)
        ]
    return candidates


def _repair_core(core: str) -> list[Candidate]:
    if core.isascii():
        return []
    before = badness(core)
    found: list[tuple[int, Candidate]] = []
    for codepage in CODEPAGES:
        try:
            fixed = core.encode(codepage).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed == core or len(fixed) >= len(core) or not plausible(fixed):
            continue
        evidence = _evidence(core, fixed, codepage)
        after = badness(fixed)
        if evidence and after * 2 <= before:  # "clearly lowers": at least halves the score
            found.append((after, Candidate(fixed, codepage, evidence == "strong")))
    if not found:
        return []
    best = min(score for score, _ in found)
    return [c for score, c in found if score == best]


def _evidence(core: str, fixed: str, codepage: str) -> str | None:
    """How strongly a round trip shows mojibake: "strong", "weak" or None.

    Three or more bytes that form valid UTF-8 are strong evidence: legitimate text almost never
    does. A single two-byte sequence ("Å™", "×…") often is legitimate, so it must have a shape
    mojibake has and words do not: a lowercase letter continuing a word begun in ASCII
    ("Sergeń≠" → "Sergeĭ"), a capital starting a lowercase word misread as something no word holds
    ("┼üukaszenka"), or a common symbol misread as one ("45┬░C"). Even then it is weak in the code
    pages ftfy tries itself, whose verdict ("DrÃ¥ber" may be meant) stands unless the misreading
    is two letters no word holds together ("KrakĂłw") or other words of the line agree.
    """
    high_bytes = sum(b >= 0x80 for b in core.encode(codepage))
    if high_bytes >= 3:
        return "strong"
    i = next(i for i, ch in enumerate(fixed) if not ch.isascii())
    ch, pair = fixed[i], core[i : i + 2]
    if ch.isalpha() and ch.isupper():
        rest = fixed[i + 1 : i + 3]
        titlecase = (i == 0 or not fixed[i - 1].isalpha()) and len(rest) == 2 and rest.islower()
        shaped = titlecase and (_odd_pair(pair, ch) or pair.islower())
    elif ch.isalpha():
        shaped = i > 0 and fixed[i - 1].isalpha()
        shaped = shaped and (fixed[i - 1].islower() or i == 1 or not fixed[i - 2].isalpha())
    else:
        shaped = ch in _COMMON_SYMBOLS and not ch.isspace() and _odd_pair(pair, ch)
    if not shaped:
        return None
    if codepage not in FTFY_CODEPAGES or (ch.isalpha() and _letters_clash(pair, ch, core, i)):
        return "strong"
    return "weak"


def _odd_pair(pair: str, result: str) -> bool:
    """True when a two-character misreading holds something no word would: a symbol, a control,
    a letter of another script than ``result``, or a second capital ("ŇĀukaszenka")."""
    script = _script(result) if result.isalpha() else "LATIN"
    for ch in pair:
        category = unicodedata.category(ch)
        if category[0] == "C" or (category[0] == "S" and ch not in _COMMON_SYMBOLS):
            return True
        if category[0] == "L" and _script(ch) != script:
            return True
    return len(pair) == 2 and pair[1].isupper()


def _letters_clash(pair: str, result: str, core: str, i: int) -> bool:
    """Two letters that no word holds together: a capital inside a lowercase word ("KrakĂłw"),
    or a letter of another script inside a Latin word ("KrakГіw")."""
    if len(pair) != 2 or not pair.isalpha():
        return False
    inside = i > 0 and core[i - 1].islower()
    return (inside and pair[0].isupper()) or any(_script(c) != _script(result) for c in pair)


def repair_line(line: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, repaired, codepage)`` for each token of ``line`` that is repaired.

    Ties between code pages (ISO-8859-2 and Windows-1250 differ in a few bytes) go to the code page
    that fits the most tokens of the line, and weak evidence counts when two or more tokens agree.
    """
    found = []
    votes: dict[str, int] = {}
    if not _ADJACENT_NON_ASCII.search(line):
        return []
    for m in _TOKEN.finditer(line):
        if not _ADJACENT_NON_ASCII.search(m.group()):
            continue
        candidates = token_candidates(m.group())
        if candidates:
            found.append((m.start(), m.end(), candidates))
            for cp in {c.codepage for c in candidates}:
                votes[cp] = votes.get(cp, 0) + 1
    repairs = []
    for start, end, candidates in found:
        usable = [c for c in candidates if c.strong or votes[c.codepage] >= 2]
        if usable:
            best = max(
                usable,
                key=lambda c: (votes[c.codepage], -c.rarity, -CODEPAGES.index(c.codepage)),
            )
            repairs.append((start, end, best.fixed, best.codepage))
    return repairs
