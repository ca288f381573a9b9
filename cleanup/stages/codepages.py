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

# Tried in order; the first equally good repair wins.
CODEPAGES = (
    "cp1252",
    "latin_1",
    "mac_roman",
    "mac_latin2",
    "mac_cyrillic",
    "cp437",
    "cp850",
    "cp866",
    "koi8_r",
    "cp1250",
    "cp1251",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1257",
)

CODEPAGE_NAMES = {
    "cp1252": "Windows-1252 (Western)",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "mac_roman": "Mac Roman",
    "mac_latin2": "Mac Central European",
    "mac_cyrillic": "Mac Cyrillic",
    "cp437": "DOS code page 437",
    "cp850": "DOS code page 850",
    "cp866": "DOS Cyrillic (866)",
    "koi8_r": "KOI8-R",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "iso8859_2": "ISO-8859-2 (Latin-2)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)",
}

# Punctuation that may wrap a word and is itself written correctly (curly quotes, brackets).
_WRAPPERS = "\"'“”‘’„«»‹›()[]{}.,;:!?"
_TOKEN = re.compile(r"[^ \t\n\r]+")
_COMMON_EXTENDED_B = frozenset("ȘșȚțǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜƏəƠơƯư")
_COMMON_SYMBOLS = frozenset("€£¥$©®™°±×÷§¶•…‘’‚“”„–—«»‹›\u00a0\u2009\u202f·%&@#/")


def _script(ch: str) -> str:
    """A coarse script name for a letter (LATIN, CYRILLIC, GREEK, CJK, ...)."""
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
        return "CJK"
    return name.split(" ", 1)[0]


def _rare(ch: str) -> bool:
    """Letters that turn up in mojibake far more often than in news: IPA, spacing modifiers and
    most of Latin Extended-B (Romanian and pinyin letters excepted)."""
    return 0x0180 <= ord(ch) <= 0x02FF and ch not in _COMMON_EXTENDED_B


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
        if category[0] == "C" or (category[0] == "S" and ch not in _COMMON_SYMBOLS):
            return False
        if category[0] == "L":
            scripts.add(_script(ch))
    return len(scripts) <= 1 or scripts <= {"LATIN", "CJK"}


def repair_token(token: str, prefer: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """The repaired token and the code page it was misread in, or None when none clearly fits.
    Among equally good repairs, code pages in ``prefer`` come first."""
    candidates = token_candidates(token)
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: (c[1] not in prefer, CODEPAGES.index(c[1])))
    return ranked[0]


def token_candidates(token: str) -> list[tuple[str, str]]:
    """Every equally best ``(repaired, codepage)`` for ``token``."""
    candidates = _repair_core(token)
    if not candidates:
        # a correctly written quotation mark or bracket around the word defeats the round trip
        core = token.strip(_WRAPPERS)
        if not core or core == token:
            return []
        lead = token[: token.index(core)]
        tail = token[len(lead) + len(core) :]
        candidates = [(lead + fixed, cp) for fixed, cp in _repair_core(core)]
        candidates = [(fixed + tail, cp) for fixed, cp in candidates]
    return candidates


def _repair_core(core: str) -> list[tuple[str, str]]:
    if core.isascii():
        return []
    before = badness(core)
    found: list[tuple[int, str, str]] = []
    for codepage in CODEPAGES:
        try:
            fixed = core.encode(codepage).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed == core or len(fixed) >= len(core) or not plausible(fixed):
            continue
        after = badness(fixed)
        if after * 2 <= before:  # "clearly lowers": at least halves the score
            found.append((after, fixed, codepage))
    if not found:
        return []
    best = min(score for score, _, _ in found)
    return [(fixed, cp) for score, fixed, cp in found if score == best]


def repair_line(line: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, repaired, codepage)`` for each token of ``line`` that is repaired.

    Ties between code pages (ISO-8859-2 and Windows-1250 differ in a few bytes) go to the code page
    that fits the most tokens of the line.
    """
    found = []
    votes: dict[str, int] = {}
    for m in _TOKEN.finditer(line):
        if m.group().isascii():
            continue
        candidates = token_candidates(m.group())
        if candidates:
            found.append((m.start(), m.end(), candidates))
            for cp in {cp for _, cp in candidates}:
                votes[cp] = votes.get(cp, 0) + 1
    repairs = []
    for start, end, candidates in found:
        fixed, cp = max(candidates, key=lambda c: (votes[c[1]], -CODEPAGES.index(c[1])))
        repairs.append((start, end, fixed, cp))
    return repairs
