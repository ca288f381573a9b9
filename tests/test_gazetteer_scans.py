"""The gazetteer matcher's fast paths find exactly what the plain code they replaced found: the
whole-text scans against the token-by-token walk, fold() against its plain form, on real news, on
hard Unicode and on random text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.gazetteer import scanning
from cleanup.gazetteer.index import load
from cleanup.gazetteer.matching import Matcher
from cleanup.gazetteer.scanning import (
    CASED_LIMIT,
    EXCLUDED,
    TOKEN,
    TextScan,
    excluded_spans,
    run_patterns,
    token_spans,
)
from cleanup.gazetteer.spelling import FOLD_TABLE, fold
from cleanup.gazetteer.words import COMMON_NAMES, FREQUENT, FREQUENT_FILE, TITLES, frequent_words
from tests.corpus import articles

Spans = list[tuple[int, int]]

HARD = [
    "Ángela Merkel met ÉCOLE staff, Pat O'Brien McDonald and d'Alembert Smith Jones.",
    "Jean-Claude Juncker, 'Vladimir Putin' and ‘Xi Jinping’ said: O’Neill Mc-Kay Jr.",
    "NATO chief Jens Stoltenberg; AB-CD Ef Gh; ab-Cd Ef; 3Abc Def; _Abc Def; x_Abc Def.",
    "The Mr Smith and Mrs Jones Brown met Dr Who, President Biden and Sen Warren Buffett.",
    "Ǆemal ǅemal Ⓐbc ⓐBc 𝐀𝐛𝐜 Def 𐐀𐐨 Deseret İstanbul Straße STRASSE Ωmega ǈudevit.",
    "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen.",
    "Kim Jong-un's sister Kim Yo-jong -- Jones' Smith' Wang’s 2019-Era Co-Chair Ab--Cd.",
    "Visit www.example.com, mail a.b@c.org, see @handle #tag, Chinanews.com and http://x.io/a?b",
    "A B C Ab Cd E Fg Hi\nJk Lm\tNo Pq  Rs Tu.",
]


def texts() -> list[str]:
    return [text for _, _, text in articles()] + HARD


def capitalized(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


class Walk:
    """The token-by-token walk the scans replaced."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        self.index = {s: i for i, (s, _) in enumerate(self.tokens)}

    def cap(self, i: int) -> bool:
        s, e = self.tokens[i]
        return capitalized(self.text[s:e])

    def run_from(self, pos: int, limit: int) -> Spans:
        run: Spans = []
        first = self.index.get(pos, len(self.tokens))
        for i in range(first, min(first + limit, len(self.tokens))):
            start, end = self.tokens[i]
            if run and self.text[run[-1][1] : start] != " ":
                break
            if not self.cap(i):
                break
            run.append((start, end))
        return run

    def pieces(self, limit: int) -> Iterator[Spans]:
        i = 0
        while i < len(self.tokens):
            run = self.run_from(self.tokens[i][0], limit)
            if len(run) >= 2:
                yield run
            i += max(1, len(run))

    def lone_words(self) -> Iterator[tuple[int, int]]:
        for n, (start, end) in enumerate(self.tokens):
            if not self.cap(n):
                continue
            if n > 0:
                ps, pe = self.tokens[n - 1]
                if (
                    self.text[pe:start] == " "
                    and self.cap(n - 1)
                    and self.text[ps:pe] not in TITLES
                ):
                    continue
            if n + 1 < len(self.tokens):
                ns, _ = self.tokens[n + 1]
                if self.text[end:ns] == " " and self.cap(n + 1):
                    continue
            yield start, end

    def lower_words(self) -> set[str]:
        return {self.text[s:e] for s, e in self.tokens if self.text[s].islower()}


def check(text: str) -> None:
    walk = Walk(text)
    scan = TextScan(text)
    for limit in (5, 6):
        pieces = list(scan.pieces(limit))
        assert [token_spans(text, *piece) for piece in pieces] == list(walk.pieces(limit))
    assert list(scan.lone) == list(walk.lone_words())
    positions = {s for s, _ in walk.tokens} | {e for _, e in walk.tokens} | {0, len(text)}
    for pos in sorted(positions):
        assert scan.run_from(pos) == walk.run_from(pos, 4), pos
    lower = walk.lower_words()
    for start, end in walk.tokens:
        low = text[start:end].lower()
        assert scan.lower_word(low) == (low in lower), low
        assert scan.lower_word(text[start:end]) == (text[start:end] in lower)
    assert excluded_spans(text) == [m.span() for m in EXCLUDED.finditer(text)]
    matcher = Matcher(load(()), text)
    matcher.run()
    hits = [(hit.start, hit.end) for hit in matcher.hits]

    def covered(start: int, end: int) -> bool:  # a known form overlaps [start, end)
        return any(s < end and start < e for s, e in hits)

    others = {
        text[s:e]
        for run in walk.pieces(6)
        if not covered(run[0][0], run[-1][1])
        for s, e in run
        if text[s:e] not in TITLES and not covered(s, e)
    }
    assert scan.other_names(covered) == others


def test_scans_agree_with_the_token_walk_on_news_and_hard_unicode() -> None:
    for text in texts():
        check(text)


def test_lower_words_listed_at_once_agree_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanning, "LOWER_FINDS", 0)  # as a long text would switch
    for text in texts()[:40] + HARD:
        check(text)


def test_the_hard_cases_have_runs_of_every_kind() -> None:
    scan = TextScan("\n".join(HARD))
    words = {word for s, e in scan.pieces(5) for word in scan.text[s:e].split()}
    assert {"Ángela", "O'Brien", "McDonald", "Jean-Claude", "Smith", "Kim"} <= words
    assert "Alembert" not in words and "ÉCOLE" not in words


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aAbBÉéǅⓐⒶ𝐀𝐛'’-_1 .\n@#w", max_size=40))
def test_scans_agree_with_the_token_walk_on_random_text(text: str) -> None:
    check(text)


@pytest.mark.parametrize("code", [0, CASED_LIMIT])
def test_no_cased_letter_lies_past_the_listed_range(code: int) -> None:
    """The case classes list code points below CASED_LIMIT only: none above is cased, and no
    upper-case letter is also lower or title case (a one-letter word would not be capitalized)."""
    if code:
        chars = (chr(c) for c in range(code, 0x110000))
        assert not [c for c in chars if c.isupper() or c.islower() or c.istitle()]
    else:
        chars = (chr(c) for c in range(CASED_LIMIT))
        assert not [c for c in chars if c.isupper() and not ("A" + c).isupper()]


def test_title_case_letters_count_as_lower_case_after_the_first() -> None:
    for limit in (0x10000, CASED_LIMIT):
        assert capitalized("Aǅ") and re.fullmatch(run_patterns(limit).run, "Aǅ")


def test_texts_past_the_bmp_get_the_patterns_that_know_those_letters() -> None:
    assert TextScan("Ángela ǅ \ud800").patterns.limit == 0x10000
    assert TextScan("𝐀𝐛c").patterns.limit == CASED_LIMIT
    assert TextScan("Plain ASCII").patterns.limit == 0x80
    text = "Said 𝐀𝐛𝐜 Def and 𐐀𐐨 Ghi"  # mathematical and Deseret capitals
    assert check(text) is None and len(TextScan(text).multi) == 2


def fold_by_the_book(text: str) -> str:
    """fold() as it was: table, NFKD, no combining marks, lower case, separators as spaces."""
    text = unicodedata.normalize("NFKD", text.translate(FOLD_TABLE))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-‐‑'’`.]", " ", text.lower()).split())


def test_fold_agrees_with_the_plain_way_on_news() -> None:
    for text in texts():
        for words in re.findall(r"\S+(?: \S+){0,2}", text):
            assert fold(words) == fold_by_the_book(words), words


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aAÉéİıŁłßæ’'‑‐-.．－＇｀`\u0301 ǅ𝐀ﬁ․‥", max_size=12))
def test_fold_agrees_with_the_plain_way_on_random_text(text: str) -> None:
    assert fold(text) == fold_by_the_book(text)


def test_the_shipped_frequent_words_are_those_of_symspellpys_list() -> None:
    """cleanup/gazetteer/frequent_words.txt is derived from symspellpy's frequency list (words
    counted FREQUENT times or more, but COMMON_NAMES): derived again here, line by line."""
    from importlib.resources import files

    listed = files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt").read_text("utf-8")
    derived = set()
    for line in listed.splitlines():
        word, count = line.split(" ")
        if int(count) >= FREQUENT:
            derived.add(word)
    shipped = FREQUENT_FILE.read_text(encoding="utf-8")
    assert shipped == "".join(f"{word}\n" for word in sorted(derived - COMMON_NAMES))
    assert frequent_words() == derived - COMMON_NAMES


@pytest.mark.parametrize("limit", [0x80, 0x10000, CASED_LIMIT])
def test_case_classes_are_those_of_a_look_at_every_code_point(limit: int) -> None:
    """_case_classes skips blocks with no cased character: it lists what the plain loop does."""
    upper, lower = [], []
    for c in map(chr, range(limit)):
        if c.isupper():
            upper.append(c)
        elif c.islower() or c.istitle():
            lower.append(c)
    plain = (
        scanning._one_of(c for c in upper if re.match(r"[^\W\d_]", c)),
        scanning._one_of(c for c in lower if re.match(r"\w", c)),
    )
    assert scanning._case_classes(limit) == plain
    if limit == 0x80:
        assert plain == ("[A-Z]", "[a-z]")
