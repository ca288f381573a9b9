"""The first person in reported news: ``I asked him to…`` outside quotation marks is speech whose
quotation marks the translation lost (reported news speaks in the third person)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.document import TextView
from cleanup.core.model import Finding
from cleanup.rules.loader import Rule
from cleanup.stages.artifacts.speech import in_speech
from cleanup.stages.artifacts.words import words_of

if TYPE_CHECKING:
    from cleanup.core.registry import Analysis, Context


FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|[Ww]e|us|[Oo]ur|ours|ourselves)\b")
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
ATTRIBUTION = re.compile(
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
# Chinese news names itself in the first person: 本报 "our newspaper", 本报记者 "our reporter";
# that is the house voice, not speech that lost its quotation marks
_HOUSE_VOICE = re.compile(
    r"\s+(?:own\s+)?(?:reporters?|newspapers?|paper|correspondents?|journalists?|station"
    r"|website|agency|editor|editorial|news)\b",
    re.IGNORECASE,
)
# an interview (``Q: … A: …``) gives the floor to its guest: the first person is theirs
_INTERVIEW = re.compile(r"(?m)^(?:Q|A|Question|Answer)\s*[:：]")


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


def first_person(analysis: Analysis) -> list[re.Match[str]]:
    """FIRST_PERSON's matches: the pronouns are looked up among the text's words, found with
    ``bytes.find`` and confirmed (case, word boundaries) by the pattern."""
    text = analysis.view.text
    words = analysis.get(words_of)
    if words is None:
        return list(FIRST_PERSON.finditer(text))
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
    return [m for i in offsets if (m := FIRST_PERSON.match(text, i))]


def attributed(analysis: Analysis) -> bool:
    """``ATTRIBUTION.search(text)``, from the words when one of them settles it."""
    words = analysis.get(words_of)
    text = analysis.view.text
    # IGNORECASE is lower() but for the letters that match an ASCII one (ı, ſ, K; İ has no words)
    if (
        words is not None
        and (text.isascii() or not any(c in text for c in "ıſ\u212a"))
        and not words.first.keys().isdisjoint(_ATTRIBUTION_WORDS)
    ):
        return True
    return ATTRIBUTION.search(text) is not None


def detect_first_person(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    """First-person pronouns outside quotation marks: reported news speaks in the third person, so
    ``I asked him to…`` outside quotes is speech whose quotation marks the translation lost."""
    rule = rules[0]
    text = view.text
    # the pronouns first: few articles have one, and the attribution test scans the whole text
    analysis = context.analysis
    matches = first_person(analysis)
    if not matches or not attributed(analysis) or _INTERVIEW.search(text):
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
        if m.group().lower() == "our" and _HOUSE_VOICE.match(text, m.end()):
            continue
        hits[n] = m
    if len(sentences) >= 4 and len(hits) > MAX_FIRST_PERSON_SHARE * len(sentences):
        return
    for m in hits.values():
        yield rule.finding(view, m.start(), m.end(), message=f"{rule.message}: ‘{m.group()}’")
