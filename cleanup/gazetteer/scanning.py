"""Scanning a text for what the matcher looks at and what it leaves alone: tokens, runs of
capitalized tokens (:class:`TextScan`, from patterns built once per process by
:func:`run_patterns`), and the spans never to touch: URLs, e-mail addresses, handles and domains
(:func:`excluded_spans`) and quoted titles of works (:func:`title_spans`).

>>> scan = TextScan("Ukrainian President Volodymyr Zelensky met Mr Blinken in Kyiv.")
>>> [scan.text[s:e] for s, e in scan.pieces(3)]
['Ukrainian President Volodymyr', 'Mr Blinken']
>>> [scan.text[s:e] for s, e in scan.lone]
['Blinken', 'Kyiv']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property, lru_cache

from cleanup.gazetteer.words import TITLES

TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?")
# What no name is part of: never matched, never changed.
EXCLUDED = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@])[@#]\w+"  # handles, hashtags
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|io|info|ru|ua|cn|jp|kr|uk|de|fr)\b\S*"
)
# Every EXCLUDED match holds one of these (an alternative's literal part), and none spans
# whitespace: only the non-space chunks around them need the full, slow pattern.
_EXCLUDED_HINTS = ("@", "#", "://", "www.")
_EXCLUDED_TLD = re.compile(r"\.(?:com|org|net|gov|edu|int|io|info|ru|ua|cn|jp|kr|uk|de|fr)\b")
_NON_SPACE = re.compile(r"\S*")


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """``EXCLUDED``'s matches (URLs, e-mail addresses, handles, domains), found by running it only
    over the non-space chunks that hold a literal every match needs."""
    hints = [m.start() for m in _EXCLUDED_TLD.finditer(text)]
    for literal in _EXCLUDED_HINTS:
        i = text.find(literal)
        while i >= 0:
            hints.append(i)
            i = text.find(literal, i + 1)
    spans: list[tuple[int, int]] = []
    floor = 0  # end of the last chunk scanned
    for hint in sorted(hints):
        if hint < floor:
            continue
        start = hint
        while start > floor and not text[start - 1].isspace():
            start -= 1
        floor = hint + len(_NON_SPACE.match(text, hint).group())  # type: ignore[union-attr]
        spans.extend(m.span() for m in EXCLUDED.finditer(text, start, floor))
    return spans


# A token (TOKEN) is the part of a maximal stretch of word characters, apostrophes and hyphens
# from its first letter to its last letter or digit. The patterns below find runs of capitalized
# tokens (w[:1].isupper() and not w.isupper()) in one scan; upper/lower case are not regex
# categories, so the classes are listed from str.isupper/islower once per process.
_STRETCH = r"[\w'’\-]"
_LETTER = re.compile(r"[^\W\d_]")
# No code point from here on is upper, lower or title case (a test checks it).
CASED_LIMIT = 0x20000
_ROLE_RUN = 4  # tokens of a name right after a role phrase
LOWER_FINDS = 64  # words TextScan.lower_word looks up one by one in a text, then lists them all


class RunPatterns:
    """The run patterns, each compiled on first use (the case classes make that a few ms), for
    texts whose characters are all below ``limit`` (:func:`reach`): the smaller the reach, the
    simpler the classes and the faster they are built, compiled and run."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    @cached_property
    def chain(self) -> re.Pattern[str]:
        """Capitalized tokens joined by single spaces, as many as follow."""
        return re.compile(rf"{_head(self.limit)}(?: {_token(self.limit)})*")

    @cached_property
    def run(self) -> re.Pattern[str]:
        """The same from a given token on, at most _ROLE_RUN tokens."""
        token = _token(self.limit)
        return re.compile(rf"{token}(?: {token}){{0,{_ROLE_RUN - 1}}}")


@lru_cache(maxsize=3)
def run_patterns(limit: int) -> RunPatterns:
    """The run patterns for texts within ``limit`` (one of :func:`reach`'s), one set per process."""
    return RunPatterns(limit)


def reach(text: str) -> int:
    """The code points the case classes must list for ``text``: ASCII ones (an ASCII text meets
    no other, and four in five news articles are ASCII), the BMP's, or every cased one."""
    if text.isascii():
        return 0x80
    # a character past the BMP is two UTF-16 code units
    return (
        CASED_LIMIT if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text) else 0x10000
    )


@lru_cache(maxsize=3)
def _case_classes(limit: int) -> tuple[str, str]:
    """Regexes for one upper-case letter, and for one word character that makes a word starting
    upper case not all upper case (lower or title case: "Aǅ".isupper() is False), among the code
    points below ``limit``."""
    upper, lower = [], []
    every = _code_points(limit)
    for start in range(0, len(every), 128):
        block = every[start : start + 128]
        # neither upper nor title case in it, nor lower nor title case: no cased character (most
        # blocks: CJK, Hangul...), and no need to look at each one
        if (block + "a").islower() and (block + "A").isupper():
            continue
        for c in block:
            if c.isupper():
                upper.append(c)
            elif c.islower() or c.istitle():  # istitle() of one character: title or upper case
                lower.append(c)
    word = re.compile(r"\w")
    return _one_of(c for c in upper if _LETTER.match(c)), _one_of(c for c in lower if word.match(c))


def _code_points(limit: int) -> str:
    """Every code point below ``limit`` (below 256 or a multiple of 65,536), in order: decoded
    from UTF-32-LE bytes laid out a byte column at a time, with no Python object per code point
    (a third of the case classes' time otherwise)."""
    if limit <= 0x100:
        return bytes(range(limit)).decode("latin-1")
    low = bytes(range(256))
    raw = bytearray(4 * limit)
    raw[0::4] = low * (limit // 256)
    raw[1::4] = b"".join(bytes([b]) * 256 for b in low) * (limit // 65536)
    raw[2::4] = b"".join(bytes([b]) * 65536 for b in range(limit // 65536))
    return raw.decode("utf-32-le", "surrogatepass")


def _token(limit: int) -> str:
    """A capitalized token: an upper-case letter, a lower-case letter later in it; atomic, as it
    ends at its last letter or digit and a run never needs it shorter."""
    upper, lower = _case_classes(limit)
    return rf"{upper}(?={_STRETCH}*?{lower})(?>{_STRETCH}*[^\W_])"


def _head(limit: int) -> str:
    """The first token of a run: not preceded by a letter. "d'Alembert"-like starts (a letter
    before, past an apostrophe, a hyphen or a digit) are told apart by TextScan._runs."""
    upper, lower = _case_classes(limit)
    return rf"{upper}(?<![^\W\d_](?s:.))(?={_STRETCH}*?{lower})(?>{_STRETCH}*[^\W_])"


def _one_of(chars: Iterable[str]) -> str:
    """A regex matching one of ``chars``. A class's ranges past the BMP are tried one by one for
    every character not in it: one range there, checked by a look-behind, keeps misses cheap."""
    chars = list(chars)
    bmp = _char_class(c for c in chars if c <= "\uffff")
    if all(c <= "\uffff" for c in chars):
        return f"[{bmp}]"
    return rf"[{bmp}\U00010000-\U0010ffff](?<=[{_char_class(chars)}])"


def _char_class(chars: Iterable[str]) -> str:
    """The inside of a regex character class matching exactly ``chars``."""
    codes = sorted(map(ord, chars))
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(_class_char(codes[i]) + (f"-{_class_char(codes[j])}" if j > i else ""))
        i = j + 1
    return "".join(parts)


def _class_char(code: int) -> str:
    """One character in a class: itself when a letter or digit (re parses a literal several
    times faster than an escape: half of the 40 ms the run patterns took to compile), else
    escaped."""
    char = chr(code)
    return char if char.isalnum() else f"\\U{code:08x}"


def token_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the tokens of ``text[start:end]``, a run of tokens separated by spaces."""
    spans = []
    for word in text[start:end].split(" "):
        spans.append((start, start + len(word)))
        start += len(word) + 1
    return spans


def _token_start(text: str, pos: int) -> bool:
    """Whether a token starts at ``pos``: a letter with no letter before it in its stretch."""
    if not _LETTER.match(text, pos):
        return False
    i = pos - 1
    while i >= 0 and (text[i] in "_'’-" or text[i].isdecimal()):
        i -= 1
    return i < 0 or not _LETTER.match(text, i)


class TextScan:
    """The runs of capitalized tokens of one text and its lower-case tokens, found by whole-text
    scans (each the same as a walk token by token: tests/test_gazetteer_scans.py checks it)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.patterns = run_patterns(reach(text))
        self._lower_words: dict[str, bool] = {}  # word -> whether it occurs as a lower-case token
        self._lower_tokens: set[str] | None = None  # every lower-case token, once listed

    def lower_word(self, low: str) -> bool:
        """Whether a token of the text that starts lower case is ``low`` (remembered)."""
        found = self._lower_words.get(low)
        if found is not None:
            return found
        if self._lower_tokens is None and len(self._lower_words) >= LOWER_FINDS:
            # a search per word is a pass over the text: past a few dozen words (a long text),
            # one pass listing every lower-case token keeps the whole linear
            self._lower_tokens = {t for t in TOKEN.findall(self.text) if t[:1].islower()}
        if self._lower_tokens is not None:
            found = low in self._lower_tokens
        else:
            found = low[:1].islower() and self._is_token(low)
        self._lower_words[low] = found
        return found

    def _is_token(self, word: str) -> bool:
        """Whether ``word`` occurs in the text as a whole token."""
        text = self.text
        n = len(word)
        i = text.find(word)
        while i >= 0:
            # most finds lie inside a longer word: a letter before, a letter or digit after
            if not (i and text[i - 1].isalpha()) and not text[i + n : i + n + 1].isalnum():
                token = TOKEN.match(text, i) if _token_start(text, i) else None
                if token and token.end() == i + n:
                    return True
            i = text.find(word, i + 1)
        return False

    def run_from(self, pos: int) -> list[tuple[int, int]]:
        """Capitalized tokens separated by single spaces, starting at ``pos`` (at most 4)."""
        found = self.patterns.run.match(self.text, pos)
        if found is None or not _token_start(self.text, pos):
            return []
        return token_spans(self.text, *found.span())

    @property
    def multi(self) -> list[tuple[int, int]]:
        """Each longest run of two or more capitalized tokens separated by single spaces."""
        return self._runs[0]

    @property
    def lone(self) -> list[tuple[int, int]]:
        """Capitalized tokens with no capitalized token right before (but a title) or after."""
        return self._runs[1]

    @cached_property
    def _runs(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """``multi`` and ``lone``, from one scan for runs of one token or more."""
        text = self.text
        multi, lone = [], []
        for run in self.patterns.chain.finditer(text):
            start, end = run.span()
            last = text.rfind(" ", start, end) + 1  # where the run's last token starts
            # whether the run's first token is a token: the pattern's look-behind lets through
            # "Alembert" of "d'Alembert" (a letter before it, past an apostrophe, a hyphen or a
            # digit)
            char = text[start - 1] if start else " "
            head_ok = not (char in "_'’-" or char.isdecimal()) or _token_start(text, start)
            if last:
                before = text.rfind(" ", start, last - 1) + 1 or start
                if text[before : last - 1] in TITLES or (before == start and not head_ok):
                    lone.append((last, end))
                if head_ok:
                    multi.append((start, end))
                elif before != start:  # three tokens or more: two from the second on
                    multi.append((text.index(" ", start) + 1, end))
            elif head_ok:
                lone.append((start, end))
        return multi, lone

    def pieces(self, limit: int) -> Iterator[tuple[int, int]]:
        """Runs of two or more capitalized tokens, each longest run cut into pieces of ``limit``
        tokens from its start (as a walk taking up to ``limit`` tokens at a time cuts it)."""
        for start, end in self.multi:
            if self.text.count(" ", start, end) < limit:
                yield start, end
                continue
            run = token_spans(self.text, start, end)
            for i in range(0, len(run) - 1, limit):  # pieces of one token are left out
                yield run[i][0], run[min(i + limit, len(run)) - 1][1]

    def other_names(self, covered: Callable[[int, int], bool]) -> set[str]:
        """Words of multi-word capitalized names that no gazetteer entry knows ("Saki Nakajima"):
        of the pieces of six tokens that ``covered`` (whether a span holds a known form) says no
        of, but titles."""
        words: set[str] = set()
        for start, end in self.pieces(6):
            if not covered(start, end):  # then none of its words is covered either
                words.update(self.text[start:end].split(" "))
        return words - TITLES


def title_spans(text: str) -> list[tuple[int, int]]:
    """Quotations that look like titles of works (short, title case, no sentence punctuation).

    >>> title_spans('He wrote “The Last Days of Kiev” and said “Kiev is strong.”')
    [(9, 32)]
    """
    from cleanup.core.document import find_quotes

    spans = []
    for start, end in find_quotes(text):
        inner = text[start + 1 : end - 1].strip()
        words = inner.split(None, 12)  # 13 pieces: more than 12 words
        if not words or len(words) > 12 or inner[-1:] in ".!?,;:":
            continue
        significant = [w for i, w in enumerate(words) if i == 0 or len(w) > 3]
        capitalized = sum(1 for w in significant if w[:1].isupper())
        if capitalized / len(significant) >= 0.6:
            spans.append((start, end))
    return spans
