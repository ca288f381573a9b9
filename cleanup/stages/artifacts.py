"""Artifacts stage: Python detectors for machine-translation artifacts that patterns cannot express.

The rules are data in ``rules/artifacts/*.yaml``; phrase lists and plain patterns there use the
generic ``regex``/``phrases`` detectors (:mod:`cleanup.stages.patterns`). Each detector here serves
the rules that name it and looks only at what it needs (sentences, paragraphs, quoted speech).

>>> from cleanup import clean
>>> [(f.rule, f.text) for f in clean("Russia argued. Stated.", select=("artifact",)).flags]
[('artifact/orphan-fragment', 'Stated.')]
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress, count, repeat
from operator import add
from typing import TYPE_CHECKING, NamedTuple

from cleanup.core.document import Span, TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule
from cleanup.stages import language as langid

if TYPE_CHECKING:
    from cleanup.core.registry import Analysis, Context


def _by_id(rules: list[Rule]) -> dict[str, Rule]:
    return {r.id: r for r in rules}


# --- quoted speech ---------------------------------------------------------------------------

# ‘single-quoted speech’: an opening ‘ after a space or a double quote, a closing ’ before a
# non-letter (so apostrophes in “it’s” do not close it)
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s“\"(,:]))‘[^‘’\n]*(?:’\w[^‘’\n]*)*’(?!\w)")
_UNCLOSED_OPENER = re.compile(r"[“„«]")
# a paragraph that opens with a speaker's name or role and a colon (interview transcripts)
_SPEAKER = re.compile(r"[A-Z][^.!?:;\n“\"]{1,80}:[ \t]+(?=\S)")


def speech_spans(view: TextView) -> list[Span]:
    """Quoted speech, more generously than ``view.quotes``: single-quoted speech too, and a
    quotation left open to the end of its paragraph (news style for quotes that run on).
    Detectors ask :func:`in_speech`, which finds them once per stage pass."""
    text = view.text
    spans = list(view.quotes)
    if "‘" in text:  # _SINGLE opens with one
        spans.extend(m.span() for m in _SINGLE.finditer(text))
    # only paragraphs with an opening mark, a straight quote or a colon need a look (a loop over
    # all paragraphs, and over characters, was most of this function's time)
    paragraphs = view.paragraphs
    if not text.isascii():  # the opening marks are not
        for n in _paragraphs_with(view, (m.start() for m in _UNCLOSED_OPENER.finditer(text))):
            spans.extend(_unclosed_quote(view, *paragraphs[n]))
    straight: dict[int, list[int]] = defaultdict(list)
    for n, i in _in_paragraphs(view, _positions(text, '"')):
        straight[n].append(i)
    for n, marks in straight.items():
        if len(marks) % 2:
            spans.append((marks[-1], paragraphs[n][1]))
    # "Patient He Ying: After the new policy, the doctor told me…": speech after a speaker
    for n in _paragraphs_with(view, _positions(text, ":")):
        p_start, p_end = paragraphs[n]
        speaker = _SPEAKER.match(text, p_start, p_end)
        if speaker:
            spans.append((speaker.end(), p_end))
    spans.sort()
    return spans


def _positions(text: str, mark: str) -> Iterator[int]:
    """Where ``mark`` occurs in ``text``."""
    i = text.find(mark)
    while i >= 0:
        yield i
        i = text.find(mark, i + 1)


def _in_paragraphs(view: TextView, offsets: Iterable[int]) -> Iterator[tuple[int, int]]:
    """(paragraph index, offset) for each of the ascending ``offsets`` inside a paragraph."""
    paragraphs = view.paragraphs
    n = 0
    for i in offsets:
        while n < len(paragraphs) and paragraphs[n][1] <= i:
            n += 1
        if n == len(paragraphs):
            return
        if paragraphs[n][0] <= i:
            yield n, i


def _paragraphs_with(view: TextView, offsets: Iterable[int]) -> list[int]:
    """Indexes of the paragraphs that hold one of the ascending ``offsets``, in order."""
    return sorted({n for n, _ in _in_paragraphs(view, offsets)})


def _unclosed_quote(view: TextView, p_start: int, p_end: int) -> list[Span]:
    """An opening mark after the paragraph's closed quotations that nothing closes."""
    text = view.text
    starts = view._quote_starts
    lo = bisect.bisect_left(starts, p_start)
    hi = bisect.bisect_left(starts, p_end, lo)
    covered_to = max((e for _, e in view.quotes[lo:hi]), default=p_start)
    m = _UNCLOSED_OPENER.search(text, covered_to, p_end)
    if m and text.find("”", m.end(), p_end) < 0 and text.find("»", m.end(), p_end) < 0:
        return [(m.start(), p_end)]
    return []


def in_speech(analysis: Analysis, start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps quoted speech (:func:`speech_spans`)."""
    spans = analysis.get(speech_spans)
    i = bisect.bisect_right(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 8) : i])


# --- orphan fragments --------------------------------------------------------------------------

_ORPHAN = re.compile(
    r"""(?:said|stated|added|noted|reported|explained|pointed\ out|emphasi[sz]ed|stressed|indicated
    |revealed|claimed|insisted|commented|declared|announced|continued|replied|responded|concluded
    |expressed|mentioned|remarked|told|disclosed|believed|introduced|meanwhile|however|moreover
    |furthermore|additionally|therefore|thus|also|besides|nevertheless|nonetheless|accordingly
    |consequently|hence|in\ addition|in\ other\ words|reportedly|allegedly|according\ to\ reports
    |it\ is\ reported|it\ is\ said|it\ was\ reported)[.;:]?""",
    re.IGNORECASE | re.VERBOSE,
)


def detect_fragments(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """A sentence that is only a reporting verb or a linking adverb: ``… the east. Stated.``"""
    rule = rules[0]
    text = view.text
    for start, end in view.sentences:
        sentence = text[start:end]
        if len(sentence) > 30 or not sentence.rstrip().endswith((".", ";", ":")):
            continue
        if _ORPHAN.fullmatch(sentence.strip()) and not in_speech(context.analysis, start, end):
            yield rule.finding(view, start, start + len(sentence.rstrip()))


# --- first person in reported news -------------------------------------------------------------

_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|[Ww]e|us|[Oo]ur|ours|ourselves)\b")
_FIRST_PERSON_WORDS = frozenset(b"i me my mine myself we us our ours ourselves".split())  # lower
_NUMERAL_BEFORE = re.compile(
    r"(?:War|Phase|Part|Type|Class|Title|Stage|Level|Grade|Chapter|Section|Article|Act|Book"
    r"|Volume|Category|Schedule|Tier|Division|League|Series|Round)\s+$"
)


_DAYS_MONTHS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Today Yesterday Then Later Now""".split()
)
# reported news attributes what it reports: without any attribution, a text in the first person is
# an opinion piece, a speech or a statement, not a translation that lost its quotation marks
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|according to|stated|added|announced|reported|noted|pointed out"
    r"|acknowledged|urged|warned|claimed|he|she|his|her|him|they|them|their"
    r"|spokes(?:man|woman|person)|statement|ministry|agency|government|president|minister"
    r"|police|officials?|embassy|company|mayor|governor|reporter|newspaper)\b",
    re.IGNORECASE,
)
# its one-word alternatives, lower-cased
_ATTRIBUTION_WORDS = frozenset(
    b"""said says told stated added announced reported noted acknowledged urged
    warned claimed he she his her him they them their spokesman spokeswoman spokesperson statement
    ministry agency government president minister police official officials embassy company mayor
    governor reporter newspaper""".split()
)
# in an article where more sentences than this speak in the first person, the first person is the
# article's own voice (a column, a letter, a speech)
MAX_FIRST_PERSON_SHARE = 0.34


_PRIOR_WORD = re.compile(r"(?:^|(\S*)\s+)([A-Z]\w*)\s+$")


def _roman_one(text: str, start: int, end: int, sentence_start: int = 0) -> bool:
    """True when the ``I`` at ``start`` is a numeral: World War I, Phase I, Elizabeth I, I-95."""
    before = text[max(sentence_start, start - 40) : start]
    after = text[end : end + 2]
    if after[:1] in ("-", "–") or _NUMERAL_BEFORE.search(before):
        return True
    # after a capitalized word inside the sentence ("Queen Elizabeth I ruled"), unless that word
    # opens the sentence or names a day or month ("Yesterday I asked", "On Monday I asked")
    prior = _PRIOR_WORD.search(before)
    if not prior or prior.group(2) in _DAYS_MONTHS:
        return False
    opener = prior.group(1)
    return opener is not None and opener[-1:] not in ("", ".", "!", "?", "”", '"')


def _first_person(analysis: Analysis) -> list[re.Match[str]]:
    """_FIRST_PERSON's matches: the pronouns are looked up among the text's words, found with
    ``bytes.find`` and confirmed (case, word boundaries) by the pattern."""
    text = analysis.view.text
    words = analysis.get(words_of)
    if words is None:
        return list(_FIRST_PERSON.finditer(text))
    present = words.first.keys() & _FIRST_PERSON_WORDS
    if not present:
        return []
    padded = b" " + words.normed + b" "
    found: list[int] = []
    for word in present:
        i = padded.find(b" " + word + b" ")
        while i >= 0:
            found.append(i)  # the word starts at i + 1 in padded: at i in normed
            i = padded.find(b" " + word + b" ", i + 1)
    offsets = words.char_offsets(text, sorted(found))
    return [m for i in offsets if (m := _FIRST_PERSON.match(text, i))]


def _attributed(analysis: Analysis) -> bool:
    """``_ATTRIBUTION.search(text)``, from the words when one of them settles it."""
    words = analysis.get(words_of)
    text = analysis.view.text
    # IGNORECASE is lower() but for the letters that match an ASCII one (ı, ſ, K; İ has no words)
    if (
        words is not None
        and (text.isascii() or not any(c in text for c in "ıſ\u212a"))
        and not words.first.keys().isdisjoint(_ATTRIBUTION_WORDS)
    ):
        return True
    return _ATTRIBUTION.search(text) is not None


def detect_first_person(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """First-person pronouns outside quotation marks: reported news speaks in the third person, so
    ``I asked him to…`` outside quotes is speech whose quotation marks the translation lost."""
    rule = rules[0]
    text = view.text
    # the pronouns first: few articles have one, and the attribution test scans the whole text
    analysis = context.analysis
    matches = _first_person(analysis)
    if not matches or not _attributed(analysis):
        return
    sentences = view.sentences
    starts = [s for s, _ in sentences]
    hits: dict[int, re.Match[str]] = {}  # one flag per sentence, its first pronoun
    for m in matches:
        n = bisect.bisect_right(starts, m.start()) - 1
        if n < 0 or n in hits or m.end() > sentences[n][1]:
            continue
        if in_speech(analysis, m.start(), m.end()):
            continue
        if m.group() == "I" and _roman_one(text, m.start(), m.end(), starts[n]):
            continue
        hits[n] = m
    if len(sentences) >= 4 and len(hits) > MAX_FIRST_PERSON_SHARE * len(sentences):
        return
    for m in hits.values():
        yield rule.finding(view, m.start(), m.end(), message=f"{rule.message}: ‘{m.group()}’")


# --- repetition ---------------------------------------------------------------------------------

_REPEATED_WORD = re.compile(r"\b(\w+)(?:\s+\1\b)+", re.IGNORECASE)
_REPEATED_PHRASE = re.compile(r"\b(\w+(?:[ \t]+\w+){1,7})(?:[ \t]+\1\b)+", re.IGNORECASE)
# doubled words that English allows: "had had", "that that", "what it is is"
_LEGIT_DOUBLES = frozenset("had that is do bye no yes ha pooh tut".split())
# names that are a word twice
_DOUBLED_NAMES = frozenset(
    "bora walla sirhan duran sing pago baden mahi bam tutu dum chop lulu sen kama".split()
)


# Where a repetition may start, found for the whole text at C speed: the text lower-cased with
# every non-word character a space, split into words, each word an id; a word (phrase of k words)
# repeats where the ids equal those k places on. The exact patterns, tried at every word, cost
# 0.5 ms an article; they now run only at those places.
_WORD_BYTES = bytes(
    b + 32 if 65 <= b <= 90 else b if b >= 128 or chr(b).isalnum() or b == 95 else 32
    for b in range(256)
)  # ASCII: non-word to a space, A-Z to a-z; bytes of non-ASCII word characters kept
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MAX_PHRASE = 8  # words, as in _REPEATED_PHRASE


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


def _repeats(whole: int, n: int, width: int, k: int) -> Iterator[int]:
    """Indexes i of ``n`` ids, ``width`` bytes each and read as one big-endian int, where the k
    ids from i equal the k after them."""
    if 2 * k > n:
        return
    bits = 8 * width
    same = (whole >> bits * k) ^ (whole & ((1 << bits * (n - k)) - 1))  # zero where equal
    zeros = same.to_bytes(width * (n - k))
    run = b"\0" * (width * k)
    i = zeros.find(run)
    while i >= 0:
        if i % width == 0:
            yield i // width
        i = zeros.find(run, i + 1)


def _repetition_starts(text: str, words: Words | None) -> tuple[list[int], list[int]] | None:
    """Offsets of the words where a repeated word, and where a repeated phrase, may start (a
    superset of where the patterns match), given the text's :class:`Words`; None when the
    patterns must try everywhere."""
    if words is None:
        return None
    normed = words.normed
    n = len(words.ids)
    ids = array("H" if n < 65536 else "I", words.ids)
    whole = int.from_bytes(ids.tobytes())
    doubles = list(_repeats(whole, n, ids.itemsize, 1))
    phrases = sorted(
        {i for k in range(2, _MAX_PHRASE + 1) for i in _repeats(whole, n, ids.itemsize, k)}
    )
    if not doubles and not phrases:
        return [], []
    if len(doubles) + len(phrases) > n // 8:
        return None  # text that repeats itself throughout: the patterns are quicker
    parts = normed.split(b" ")  # separators are single spaces: each part a word or empty
    starts = accumulate(map(add, map(len, parts), repeat(1)), initial=0)
    offsets = list(compress(starts, parts))
    wanted = sorted(set(doubles + phrases))
    at = dict(zip(wanted, words.char_offsets(text, [offsets[i] for i in wanted]), strict=True))
    return [at[i] for i in doubles], [at[i] for i in phrases]


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int] | None
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying only at ``starts`` (sorted, a superset of
    where a match can start) when given."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            yield m
            end = m.end()


def detect_repetition(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """The same word twice (``food food``) or a phrase looping (``the talks the talks``)."""
    by_id = _by_id(rules)
    text = view.text
    starts = _repetition_starts(text, context.analysis.get(words_of))
    words_at, phrases_at = starts if starts else (None, None)
    word_rule = by_id.get("artifact/repeated-word")
    if word_rule:
        for m in _matches_at(_REPEATED_WORD, text, words_at):
            word = m.group(1)
            if word.lower() in _LEGIT_DOUBLES or word.isdigit():
                continue
            if word.lower() in _DOUBLED_NAMES:
                continue
            yield word_rule.finding(
                view, m.start(), m.end(), replacement=word, message=f"{word_rule.message}: ‘{word}’"
            )
    phrase_rule = by_id.get("artifact/repeated-phrase")
    if phrase_rule:
        for m in _matches_at(_REPEATED_PHRASE, text, phrases_at):
            phrase = m.group(1)
            if len(set(phrase.lower().split())) == 1:
                continue  # a repeated word, reported above
            yield phrase_rule.finding(
                view,
                m.start(),
                m.end(),
                replacement=phrase,
                message=f"{phrase_rule.message}: ‘{phrase}’",
            )


# --- sentences starting in lower case -----------------------------------------------------------

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt maj adm st jr sr vs etc inc ltd co corp
    no nos jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig govt mt ft in lb lbs
    oz vol pp p ch cf al viz ca c op ed eds min max km sq hr hrs yr yrs mo wk pt ave blvd rd univ
    assn bros dist div art sec para ref rev hon pres supt messrs esq cie tel ext dept""".split()
)
# the mark first, not in a look-behind: a pattern that opens with a character set is searched
# for quickly
_LOWER_AFTER_STOP = re.compile(r"[.!?][ \t]+([a-z][a-z’'-]*)\b")
_LOWER_PARAGRAPH = re.compile(r"[“\"‘']?([a-z][a-z’'-]*)\b")
_LOWER_PARAGRAPH_OPENERS = frozenset("“\"‘'abcdefghijklmnopqrstuvwxyz")  # its first character
_NOT_A_WORD = re.compile(r"(?:www|https?|e\.g|i\.e)\b")
_WORD_BEFORE = re.compile(r"([\w.’'-]+)[.!?]$")


def _ends_sentence(text: str, stop: int) -> bool:
    """True when the mark at ``stop`` ends a sentence (not an abbreviation, initial or ellipsis)."""
    if text[stop] == "." and (
        text[stop - 1 : stop] in (".", "…") or text[stop + 1 : stop + 2] == "."
    ):
        return False
    m = _WORD_BEFORE.search(text, max(0, stop - 30), stop + 1)
    if not m:
        return text[stop] != "."
    word = m.group(1).lower().rstrip(".")
    abbreviation = word in _ABBREVIATIONS or len(word) <= 1 or "." in word
    return not (text[stop] == "." and abbreviation)


def detect_lowercase_start(
    view: TextView, rules: list[Rule], context: Context
) -> Iterator[Finding]:
    """A sentence or paragraph that starts with a lower-case letter: ``… tensions. the army …``"""
    rule = rules[0]
    text = view.text
    starts: list[tuple[int, int]] = []
    for m in _LOWER_AFTER_STOP.finditer(text):
        if _ends_sentence(text, m.start()):
            starts.append(m.span(1))
    for p_start, p_end in view.paragraphs:
        if text[p_start] not in _LOWER_PARAGRAPH_OPENERS:
            continue
        first = _LOWER_PARAGRAPH.match(text, p_start, p_end)
        if first and not _NOT_A_WORD.match(text, first.start(1)):
            starts.append(first.span(1))
    for start, end in sorted(set(starts)):
        word = text[start:end]
        yield rule.finding(view, start, end, replacement=word[:1].upper() + word[1:])


# --- CJK and full-width characters --------------------------------------------------------------

_CJK_CHARS = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
)
# a run of CJK text, with the punctuation and spaces between its characters
_CJK_RUN = re.compile(rf"[{_CJK_CHARS}](?:[\s\u3000-\u303f\uff01-\uff65]*[{_CJK_CHARS}])*")
_FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000-\u3003\u300c-\u300f\u3010\u3011\uff5f-\uff65]+")
_CJK_PUNCT = {"\u3000": " ", "、": ",", "。": ".", "「": "“", "」": "”", "『": "‘", "』": "’",
              "【": "[", "】": "]", "｡": ".", "､": ",", "｢": "“", "｣": "”"}  # fmt: skip


def narrow(text: str) -> str:
    """Full-width forms as their ASCII or English-typography counterparts.

    >>> narrow("Ｔｏｋｙｏ，")
    'Tokyo,'
    """
    out = []
    for ch in text:
        if "\uff01" <= ch <= "\uff5e":
            out.append(chr(ord(ch) - 0xFEE0))
        else:
            out.append(_CJK_PUNCT.get(ch, unicodedata.normalize("NFKC", ch)))
    return "".join(out)


def detect_script(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """CJK text left in an English article, and full-width forms (``Ｔｏｋｙｏ，``) outside it."""
    text = view.text
    if context.document.language != "en" or text.isascii():  # both look for non-ASCII
        return
    by_id = _by_id(rules)
    cjk: list[Span] = [m.span() for m in _CJK_RUN.finditer(text)]
    rule = by_id.get("artifact/untranslated-cjk")
    if rule:
        for start, end in cjk:
            yield rule.finding(view, start, end, message=f"{rule.message}: ‘{text[start:end]}’")
    rule = by_id.get("artifact/full-width")
    if rule:
        for m in _FULL_WIDTH.finditer(text):
            # inside or beside CJK text the full-width forms belong to it
            if any(s - 1 <= m.start() and m.end() <= e + 1 for s, e in cjk):
                continue
            new = narrow(m.group())
            after = text[m.end() : m.end() + 1]
            if new[-1:] in ",.;:!?" and after.isalnum():
                new += " "
            yield rule.finding(view, m.start(), m.end(), replacement=new)


# --- sentences in another language ---------------------------------------------------------------


def detect_language(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """Sentences or whole paragraphs left in another language (lingua decides, only for sentences
    that look un-English cheaply: few English function words, or mostly non-Latin letters)."""
    if context.document.language != "en":
        return
    rule = rules[0]
    text = view.text
    sentences = view.sentences
    starts = [s for s, _ in sentences]
    letters = langid.letters(text)
    for p_start, p_end in view.paragraphs:
        found: list[tuple[int, int, str]] = []
        lo = bisect.bisect_left(starts, p_start)
        in_paragraph = sentences[lo : bisect.bisect_left(starts, p_end, lo)]
        for start, end in in_paragraph:
            if letters is None:
                candidate = langid.is_candidate(text[start:end])
            else:  # ASCII
                candidate = langid.is_candidate_letters(letters[start:end])
            if not candidate:
                continue
            sentence = text[start:end]
            language = langid.foreign_language(sentence)
            if language:
                found.append((start, end, language))
        if not found:
            continue
        languages = {lang for _, _, lang in found}
        if len(found) == len(in_paragraph) and len(found) > 1 and len(languages) == 1:
            lang = found[0][2]
            yield rule.finding(view, p_start, p_end, message=f"Paragraph left in {lang}")
            continue
        for start, end, lang in found:
            yield rule.finding(view, start, end, message=f"Sentence left in {lang}")


# --- unbalanced quotes and brackets ------------------------------------------------------------

_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
# "1)", "a)", "iv)" enumerations and ":)" need no opening bracket
_ENUMERATION = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)|[:;]-?\)")


_MARK_CHARS = '“”"«»()[]{}'
# one literal pattern per mark: the engine skips to each occurrence, far faster than a class
_MARK_AT = {ch: re.compile(re.escape(ch)) for ch in _MARK_CHARS}


def _marks_by_paragraph(view: TextView) -> dict[int, list[tuple[int, str]]]:
    """The quotation marks and brackets of each paragraph that has any (by paragraph number), in
    text order: a few per article, found without looking at each paragraph."""
    text = view.text
    marks = [
        (m.start(), ch)
        for ch in _MARK_CHARS
        if ch in text  # most marks are absent from most articles
        for m in _MARK_AT[ch].finditer(text)
    ]
    if not marks:
        return {}
    marks.sort()
    # every mark lies in a paragraph: the text between paragraphs is whitespace
    starts = [p_start for p_start, _ in view.paragraphs]
    found: dict[int, list[tuple[int, str]]] = {}
    for i, ch in marks:
        found.setdefault(bisect.bisect_right(starts, i) - 1, []).append((i, ch))
    return found


def detect_balance(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """Quotation marks and brackets opened and never closed, or closed and never opened, within
    a paragraph. A quote left open at a paragraph's end is fine when the next paragraph opens one
    (news style for a quotation that runs on), and so is a paragraph that opens with one."""
    by_id = _by_id(rules)
    quotes, brackets = (
        by_id.get("artifact/unbalanced-quotes"),
        by_id.get("artifact/unbalanced-brackets"),
    )
    text = view.text
    paragraphs = view.paragraphs
    enumerations: set[int] | None = None  # found when a closer lacks its opener (rare)
    for n, marks in _marks_by_paragraph(view).items():
        p_start = paragraphs[n][0]
        next_start = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
        continues = next_start is not None and text[next_start : next_start + 1] in '“"«'
        curly: list[int] = []
        straight: list[int] = []
        stack: list[int] = []
        bad_quotes: list[int] = []
        bad_brackets: list[int] = []
        for i, ch in marks:
            if ch in "“«":
                curly.append(i)
            elif ch in "”»":
                if curly:
                    curly.pop()
                else:
                    bad_quotes.append(i)
            elif ch == '"':
                if text[i - 1 : i].isdigit():  # 5'10" is a measure, not a quote
                    continue
                if straight:
                    straight.pop()
                else:
                    straight.append(i)
            elif ch in _OPENERS:
                stack.append(i)
            elif ch in _CLOSERS:
                if stack and text[stack[-1]] == _CLOSERS[ch]:
                    stack.pop()
                    continue
                if enumerations is None:
                    enumerations = {m.end() - 1 for m in _ENUMERATION.finditer(text)}
                if i not in enumerations:
                    bad_brackets.append(i)
        if not continues:
            # a paragraph that opens with a quotation left open is a quotation that runs on into
            # the next paragraph, whose opening mark scrapers often lose; only a quotation opened
            # mid-paragraph and never closed is flagged
            bad_quotes.extend(i for i in curly + straight if i != p_start)
        bad_brackets.extend(stack)
        if quotes:
            for i in sorted(bad_quotes):
                yield quotes.finding(view, i, i + 1)
        if brackets:
            for i in sorted(bad_brackets):
                yield brackets.finding(view, i, i + 1)


# --- mixed style within one article ------------------------------------------------------------

_DOTTED = {"US": "U.S.", "UK": "U.K.", "UN": "U.N.", "EU": "E.U.", "DC": "D.C."}
# one pattern per first letter, each starting with a literal, so the engine skips straight to each
# U, E or D (a class of first letters makes it test every position); the check that no word or
# point comes before is done in code. A match holds only letters and points, so a match that
# starts inside another has a letter or point before it and is dropped either way: the patterns
# together keep exactly what one alternation would
_ABBREV_BY_LETTER = {
    "U": re.compile(r"U(?:\.S\.|\.K\.|\.N\.|S|K|N)(?![\w$])"),
    "E": re.compile(r"E(?:\.U\.|U)(?![\w$])"),
    "D": re.compile(r"D(?:\.C\.|C)(?![\w$])"),
}
# where an -ize/-ise verb may end: found fast, then the whole word is checked against _IZE. One
# pattern per case of the literal i, for the same reason; no ending holds an i that could start
# another. Python matches i case-insensitively to İ and ı as well: texts with those use
# _IZE_ENDING itself
_IZE_ENDING = re.compile(r"i[sz](?:e[sdr]?s?|ing|ations?)\b", re.IGNORECASE)
_IZE_ENDINGS = tuple(re.compile(i + r"(?i:[sz](?:e[sdr]?s?|ing|ations?)\b)") for i in "iI")
_WORD_START = re.compile(r"[^\W\d_]+$")
# style guides that write U.S. with points; others (Reuters, BBC, Guardian) write US
_DOTTED_STYLES = frozenset({"ap", "chicago", "nyt", "wsj"})
_IZE_STYLES = frozenset({"ap", "chicago", "nyt", "wsj", "oxford"})
_IZE = re.compile(
    r"""\b((?:organi|recogni|reali|apologi|critici|emphasi|authori|moderni|civili|mobili|stabili
    |destabili|minimi|maximi|prioriti|normali|legali|privati|characteri|summari|utili|standardi
    |categori|finali|subsidi|sympathi|jeopardi|militari|nationali|neutrali|penali|polari|capitali
    |scrutini|hospitali|digiti|optimi|revitali|urbani|globali|industriali|itemi|memori|minimi
    |mobili|monopoli|patroni|publici|rationali|sensiti|specciali|symboli|sanitia|theori|tantali
    |visuali|vocali|weaponi|decentrali|democrati|demorali|marginali|incentivi|hypothesi|centrali
    |commerciali|criminali|liberali|immuni|terrori|agoni|antagoni|energi|fertili|harmoni|sterili)
    )([sz])(e|es|ed|ing|ation|ations|er|ers)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# a straight double quote not after a digit (5'10"), the look-behind after the literal so that the
# engine skips to each quote
_STRAIGHT_DOUBLE = re.compile(r'"(?<!\d")')
_CURLY_DOUBLE = {ch: re.compile(ch) for ch in "“”"}
# a line in capitals (a headline, a dateline): what ^[^a-z\n]*[A-Z][^a-z\n]*$ finds, line by line
_ALL_CAPS = re.compile(r"[^a-z\n]*[A-Z][^a-z\n]*")


def _in_caps_line(text: str, pos: int) -> bool:
    """True when the line holding ``pos`` has capitals and no lower-case ASCII letter."""
    end = text.find("\n", pos)
    return (
        _ALL_CAPS.fullmatch(text, text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end)
        is not None
    )


def _abbreviations(text: str) -> list[re.Match[str]]:
    """US, U.S., UK, U.K., UN, U.N., EU, E.U., DC and D.C. not followed by a word character."""
    found = [m for ch, rx in _ABBREV_BY_LETTER.items() if ch in text for m in rx.finditer(text)]
    return sorted(found, key=lambda m: m.start())


def _ize_endings(text: str) -> list[re.Match[str]]:
    if "İ" in text or "ı" in text:
        return list(_IZE_ENDING.finditer(text))
    return sorted((m for rx in _IZE_ENDINGS for m in rx.finditer(text)), key=lambda m: m.start())


def _quote_forms(text: str) -> dict[str, list[Span]]:
    """Straight and curly double quotes; none of either when the text lacks the other (one kind
    alone is consistent)."""
    if '"' not in text or ("“" not in text and "”" not in text):
        return {}
    curly = sorted(
        m.span() for ch, rx in _CURLY_DOUBLE.items() if ch in text for m in rx.finditer(text)
    )
    return {"straight": [m.span() for m in _STRAIGHT_DOUBLE.finditer(text)], "curly": curly}


def _abbreviation_forms(analysis: Analysis) -> dict[str, dict[str, list[Span]]]:
    """Where each abbreviation stands in each of its forms (``US``, ``U.S.``), outside quoted
    speech and lines in capitals; only abbreviations written more than one way, as the others
    cannot be mixed (which spares the costlier tests for them)."""
    text = analysis.view.text
    candidates: list[re.Match[str]] = []
    forms: dict[str, set[str]] = defaultdict(set)
    for m in _abbreviations(text):
        before = text[m.start() - 1 : m.start()]
        if before == "." or before.isalnum() or before == "_":
            continue
        candidates.append(m)
        forms[m.group().replace(".", "")].add(m.group())
    found: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for m in candidates:
        plain = m.group().replace(".", "")
        if len(forms[plain]) < 2:
            continue
        if in_speech(analysis, m.start(), m.end()) or _in_caps_line(text, m.start()):
            continue
        found[plain][m.group()].append(m.span())
    return found


# a z ending (the ize of organize), found by its rarer letter: without one, no -ize word
_Z_ENDING = {z: re.compile(z + r"(?<=(?i:i)" + z + r")(?i:e[sdr]?s?|ing|ations?)\b") for z in "zZ"}


def _spellings(analysis: Analysis) -> dict[str, list[Span]]:
    """-ize and -ise words outside quoted speech, by their z or s; none when the article writes
    only one of them (which spares the costlier tests)."""
    text = analysis.view.text
    spellings: dict[str, list[Span]] = {"z": [], "s": []}
    if not any(z in text and rx.search(text) for z, rx in _Z_ENDING.items()):
        return spellings
    words: list[re.Match[str]] = []
    for ending in _ize_endings(text):
        stem = _WORD_START.search(text, max(0, ending.start() - 20), ending.start())
        word = _IZE.fullmatch(text, stem.start(), ending.end()) if stem else None
        if word:
            words.append(word)
    if len({word.group(2).lower() for word in words}) > 1:
        for word in words:
            if not in_speech(analysis, word.start(), word.end()):
                spellings[word.group(2).lower()].append(word.span())
    return spellings


def _minority(
    forms: dict[str, list[Span]], preferred: str | None
) -> tuple[str, list[Span], str, int] | None:
    """The form to flag when two are mixed: the one the style does not prefer, or the rarer one
    (on a tie, the one that appears later). Returns (form, spans, other form, other's count)."""
    present = {k: v for k, v in forms.items() if v}
    if len(present) < 2:
        return None
    (a, sa), (b, sb) = sorted(present.items(), key=lambda kv: kv[1][0])
    rarer = b if len(sb) <= len(sa) else a  # on a tie, the later one
    flag = (b if preferred == a else a) if preferred in present else rarer
    keep = a if flag == b else b
    return flag, present[flag], keep, len(present[keep])


def detect_consistency(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """One article mixing two styles: ``US`` beside ``U.S.``, straight beside curly quotes,
    ``-ize`` beside ``-ise``. The form the configured style prefers wins; without one, the more
    frequent. Quoted speech is left out of spelling and abbreviation counts."""
    by_id = _by_id(rules)
    text = view.text
    style = context.config.style.lower()

    rule = by_id.get("artifact/inconsistent-abbreviation")
    if rule:
        for plain, forms in _abbreviation_forms(context.analysis).items():
            preferred = _DOTTED[plain] if style in _DOTTED_STYLES else None
            picked = _minority(forms, preferred)
            if picked:
                form, spans, other, count = picked
                for s, e in spans:
                    yield rule.finding(
                        view,
                        s,
                        e,
                        message=f"‘{form}’ here, ‘{other}’ {count}× in this article",
                        replacement=other,
                    )

    rule = by_id.get("artifact/inconsistent-quotes")
    if rule:
        picked = _minority(_quote_forms(text), "curly")
        if picked:
            form, spans, other, count = picked
            for s, e in spans:
                yield rule.finding(
                    view,
                    s,
                    e,
                    message=f"{form.capitalize()} quotation mark among {count} {other} ones",
                )

    rule = by_id.get("artifact/inconsistent-spelling")
    if rule:
        picked = _minority(_spellings(context.analysis), "z" if style in _IZE_STYLES else None)
        if picked:
            form, spans, other, count = picked
            for s, e in spans:
                yield rule.finding(
                    view, s, e,
                    message=f"‘-i{form}e’ spelling here, ‘-i{other}e’ {count}× in this article",
                )  # fmt: skip


# --- duplicated boilerplate ---------------------------------------------------------------------

_NORMALIZE = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    key = _NORMALIZE.sub(" ", text.lower()).strip()
    return key.removeprefix("by ").strip()


def _may_repeat(lowered: str, spans: list[Span]) -> list[bool]:
    """Per span, whether another span has as many of each of the letters e, a, o and t (either
    case): only such spans can share a key, since a key keeps every letter of its text,
    lower-cased, and adds none. Counting is a fast scan where normalizing is not, and most spans
    have counts of their own. ``lowered`` is the text lower-cased, empty when that moved positions
    (then every span may repeat)."""
    if not lowered:
        return [True] * len(spans)
    # the e's set most spans apart; each other letter is counted only where the ones before tie
    counts = [lowered.count("e", start, end) for start, end in spans]
    times = Counter(counts)
    tied = [i for i, n in enumerate(counts) if times[n] > 1]
    for letter in "aot":
        if not tied:
            break
        for i in tied:
            start, end = spans[i]
            counts[i] = counts[i] * 100_000 + lowered.count(letter, start, end)
        times = Counter([counts[i] for i in tied])
        tied = [i for i in tied if times[counts[i]] > 1]
    may = [False] * len(spans)
    for i in tied:
        may[i] = True
    return may


def detect_boilerplate(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """A paragraph (a byline, a credit line) or a long sentence that the article repeats."""
    rule = rules[0]
    text = view.text
    seen: dict[str, int] = {}
    flagged: list[Span] = []
    paragraphs = view.paragraphs
    lowered = text.lower()
    if len(lowered) != len(text):  # an İ, which lower-cases to two characters, moved positions
        lowered = ""
    for (start, end), maybe in zip(paragraphs, _may_repeat(lowered, paragraphs), strict=True):
        key = _key(text[start:end]) if maybe else ""
        if not key:
            continue
        if key in seen:
            flagged.append((start, end))
            line = text.count("\n", 0, seen[key]) + 1
            yield rule.finding(view, start, end, message=f"{rule.message} (first at line {line})")
        else:
            seen[key] = start
    # a repeated sentence is reported once, at its first repeat, with how often it recurs
    first_at: dict[str, int] = {}
    repeats: dict[str, list[Span]] = defaultdict(list)
    sentences = [(start, end) for start, end in view.sentences if end - start >= 30]
    if flagged:
        sentences = [s for s in sentences if not _inside(flagged, s[0], len(text))]
    for (start, end), maybe in zip(sentences, _may_repeat(lowered, sentences), strict=True):
        if not maybe:
            continue
        key = _key(text[start:end])
        if key.count(" ") < 7:  # fewer than eight words
            continue
        if key in first_at:
            repeats[key].append((start, end))
        else:
            first_at[key] = start
    for key, spans in repeats.items():
        start, end = spans[0]
        line = text.count("\n", 0, first_at[key]) + 1
        times = f", {len(spans) + 1}× in all" if len(spans) > 1 else ""
        yield rule.finding(
            view, start, end, message=f"{rule.message} (first at line {line}{times})"
        )


def _inside(spans: list[Span], pos: int, limit: int) -> bool:
    """True when ``pos`` lies in one of ``spans`` (sorted, not overlapping, ending by ``limit``)."""
    i = bisect.bisect_right(spans, (pos, limit)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
