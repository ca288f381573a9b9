"""Fast paths find exactly what the plain way finds: each is checked against the simple code it
replaced, on real news and on random text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.document import TextView, find_quotes
from cleanup.core.registry import Analysis
from cleanup.stages import artifacts
from cleanup.stages import language as langid
from tests.corpus import articles

OPENING = "“„«"


def quotes_by_character_scan(text: str) -> list[tuple[int, int]]:
    """The original find_quotes: one character at a time."""
    spans, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENING or ch == '"':
            closers = '"' if ch == '"' else ("»" if ch == "«" else "”“" if ch == "„" else "”")
            j = i + 1
            while j < n and text[j] not in closers and not text.startswith("\n\n", j):
                j += 1
            if j < n and text[j] in closers:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def test_find_quotes_agrees_with_a_character_scan_on_real_news() -> None:
    texts = [text for _, _, text in articles()]
    assert [find_quotes(t) for t in texts] == [quotes_by_character_scan(t) for t in texts]
    assert sum(len(find_quotes(t)) for t in texts) > 100  # the news does quote people


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet='ab “”„«»"\n ', max_size=60))
def test_find_quotes_agrees_with_a_character_scan_on_random_text(text: str) -> None:
    assert find_quotes(text) == quotes_by_character_scan(text)


# --- artifacts stage: phrases, balance, consistency, boilerplate -------------------------------

NEWS = [text for _, _, text in articles()]


def _phrase_finds(text: str, gated: bool) -> list[tuple[str, tuple[int, int]]]:
    import dataclasses

    from cleanup.rules.loader import load_rules
    from cleanup.stages import patterns

    rules = [r for r in load_rules() if r.detector_key == "phrases"]
    compiled = patterns.compile_phrases(rules)
    assert compiled.gate is not None  # the shipped phrases can all be found by a chunk
    if not gated:
        compiled = dataclasses.replace(compiled, gate=None)
    return [(e.rule_id, m.span()) for e, m in patterns._phrase_matches(compiled, text)]


def test_phrase_gate_agrees_with_the_word_by_word_loop_on_real_news() -> None:
    found = [_phrase_finds(t, True) for t in NEWS]
    assert found == [_phrase_finds(t, False) for t in NEWS]
    assert sum(map(len, found)) > 100


_PHRASE_WORDS = ["the", "relevant", "person", "in", "charge", "chinese", "side", "said", "new",
                 "crown", "netizens", "self-media", "we-media", "break", "in", "at", "any", "time",
                 "citizens", "İ", "ſ", "The", "Side", "RELEVANT"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_PHRASE_WORDS), st.sampled_from([" ", "  ", "\n", "\t", ", ", "("])
        ),
        max_size=14,
    )
)
def test_phrase_gate_agrees_with_the_word_by_word_loop_on_random_text(
    words: list[tuple[str, str]],
) -> None:
    text = "".join(w + sep for w, sep in words)
    assert _phrase_finds(text, True) == _phrase_finds(text, False)


_MARKS = re.compile(r"[“”\"«»()\[\]{}]")


def _marks_per_paragraph(text: str) -> dict[int, list[tuple[int, str]]]:
    """The original way: a scan of each paragraph for its marks."""
    from cleanup.core.document import TextView

    found = {}
    for n, (start, end) in enumerate(TextView(text).paragraphs):
        marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, start, end)]
        if marks:
            found[n] = marks
    return found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='a “”"«»()[]{}\n\t', max_size=60))
def test_balance_marks_by_paragraph_agree_with_a_scan_of_each_paragraph(text: str) -> None:
    from cleanup.core.document import TextView
    from cleanup.stages.artifacts import _marks_by_paragraph

    assert _marks_by_paragraph(TextView(text)) == _marks_per_paragraph(text)


_ABBREV_ALTERNATION = re.compile(r"(?:U\.S\.|U\.K\.|U\.N\.|E\.U\.|D\.C\.|US|UK|UN|EU|DC)(?![\w$])")
_IZE_ENDING = re.compile(r"i[sz](?:e[sdr]?s?|ing|ations?)\b", re.IGNORECASE)
_CAPS_LINES = re.compile(r"^[^a-z\n]*[A-Z][^a-z\n]*$", re.MULTILINE)


def _kept_abbreviations(text: str, matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    def kept(m: re.Match[str]) -> bool:
        before = text[m.start() - 1 : m.start()]
        return not (before == "." or before.isalnum() or before == "_")

    return [m.span() for m in matches if kept(m)]


def _check_consistency_scans(text: str) -> None:
    from cleanup.stages import artifacts

    assert _kept_abbreviations(text, artifacts._abbreviations(text)) == _kept_abbreviations(
        text, list(_ABBREV_ALTERNATION.finditer(text))
    )
    assert [m.span() for m in artifacts._ize_endings(text)] == [
        m.span() for m in _IZE_ENDING.finditer(text)
    ]
    caps = [m.span() for m in _CAPS_LINES.finditer(text)]
    for pos in range(len(text)):
        if text[pos] != "\n":
            assert artifacts._in_caps_line(text, pos) == any(s <= pos < e for s, e in caps)
    assert [m.span() for m in artifacts._STRAIGHT_DOUBLE.finditer(text)] == [
        m.span() for m in re.finditer(r'(?<!\d)"', text)
    ]
    z_gate = any(rx.search(text) for rx in artifacts._Z_ENDING.values())
    assert z_gate == any(m.group()[1] in "zZ" for m in _IZE_ENDING.finditer(text))


def test_consistency_scans_agree_with_the_single_patterns_on_real_news() -> None:
    for text in NEWS[:60]:
        _check_consistency_scans(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="UESDKNCizZIİıaes.\n _$A", max_size=40))
def test_consistency_scans_agree_with_the_single_patterns_on_random_text(text: str) -> None:
    _check_consistency_scans(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["By ", "Ed", "ed", "E.", "AO", "ta", "İ", ". ", "T", "x"]), max_size=12
    ),
    st.data(),
)
def test_boilerplate_letter_counts_keep_every_span_that_may_repeat(
    parts: list[str], data: st.DataObject
) -> None:
    from cleanup.stages.artifacts import _key, _may_repeat

    text = "".join(parts)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = [(a, b) for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if a < b]
    lowered = text.lower()
    may = _may_repeat(lowered if len(lowered) == len(text) else "", spans)
    keys = [_key(text[a:b]) for a, b in spans]
    for i, key in enumerate(keys):
        if keys.count(key) > 1:
            assert may[i]


def test_phrase_gate_knows_every_whitespace_character() -> None:
    import sys

    from cleanup.stages.patterns import _KEY_SPACES, _OTHER_SPACES

    spaces = {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()}
    assert spaces == set(_KEY_SPACES + _OTHER_SPACES)
    assert all(re.fullmatch(r"\s", ch) for ch in spaces)


# --- artifacts stage: repetition, speech, first person ---------------------------------------


def _repetitions_everywhere(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The repetition patterns tried at every position, as before the gate."""
    return (
        [m.span() for m in artifacts._REPEATED_WORD.finditer(text)],
        [m.span() for m in artifacts._REPEATED_PHRASE.finditer(text)],
    )


def _repetitions_gated(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    starts = artifacts._repetition_starts(text, artifacts.words_of(TextView(text)))
    words_at, phrases_at = starts if starts else (None, None)
    return (
        [m.span() for m in artifacts._matches_at(artifacts._REPEATED_WORD, text, words_at)],
        [m.span() for m in artifacts._matches_at(artifacts._REPEATED_PHRASE, text, phrases_at)],
    )


def test_repetition_gate_agrees_with_the_patterns_everywhere_on_real_news() -> None:
    texts = [text for _, _, text in articles()]
    assert [_repetitions_gated(t) for t in texts] == [_repetitions_everywhere(t) for t in texts]
    assert sum(len(w) + len(p) for w, p in map(_repetitions_everywhere, texts)) > 10


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="aAbB é“”(-,.\t\n_1ΣσςİiKk\u212a\u00a0😀", max_size=40))
def test_repetition_gate_agrees_with_the_patterns_everywhere_on_random_text(text: str) -> None:
    assert _repetitions_gated(text) == _repetitions_everywhere(text)


def _speech_spans_by_paragraph(view: TextView) -> list[tuple[int, int]]:
    """The original speech_spans: every paragraph, and its straight quotes character by
    character."""
    text = view.text
    spans = list(view.quotes)
    spans.extend(m.span() for m in artifacts._SINGLE.finditer(text))
    for p_start, p_end in view.paragraphs:
        inside = [s for s in view.quotes if p_start <= s[0] < p_end]
        covered_to = max((e for _, e in inside), default=p_start)
        m = artifacts._UNCLOSED_OPENER.search(text, covered_to, p_end)
        if m and "”" not in text[m.end() : p_end] and "»" not in text[m.end() : p_end]:
            spans.append((m.start(), p_end))
        straight = [i for i in range(p_start, p_end) if text[i] == '"']
        if len(straight) % 2:
            spans.append((straight[-1], p_end))
        speaker = artifacts._SPEAKER.match(text, p_start, p_end)
        if speaker:
            spans.append((speaker.end(), p_end))
    return sorted(spans)


def _first_person_everywhere(view: TextView) -> tuple[list[tuple[int, int]], bool]:
    text = view.text
    return [m.span() for m in artifacts._FIRST_PERSON.finditer(text)], bool(
        artifacts._ATTRIBUTION.search(text)
    )


def _first_person_from_words(view: TextView) -> tuple[list[tuple[int, int]], bool]:
    return [m.span() for m in artifacts._first_person(Analysis(view))], artifacts._attributed(
        Analysis(view)
    )


def test_speech_and_first_person_fast_paths_agree_with_the_plain_way_on_real_news() -> None:
    views = [TextView(text) for _, _, text in articles()]
    assert list(map(artifacts.speech_spans, views)) == list(map(_speech_spans_by_paragraph, views))
    assert list(map(_first_person_from_words, views)) == list(map(_first_person_everywhere, views))
    assert sum(len(_first_person_everywhere(v)[0]) for v in views) > 100


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet='IiWwemyusrO oa: “”«»„‘’"\n\tſıKA.hesaid', max_size=50))
def test_speech_and_first_person_fast_paths_agree_with_the_plain_way_on_random_text(
    text: str,
) -> None:
    view = TextView(text)
    assert artifacts.speech_spans(view) == _speech_spans_by_paragraph(view)
    assert _first_person_from_words(view) == _first_person_everywhere(view)


def _is_candidate_from_letters(sentence: str) -> bool:
    letters = langid.letters(sentence)
    if letters is None:
        return langid.is_candidate(sentence)
    return langid.is_candidate_letters(letters)


def test_language_candidates_from_letters_agree_with_is_candidate_on_real_news() -> None:
    sentences = [
        text[start:end] for _, _, text in articles() for start, end in TextView(text).sentences
    ]
    assert list(map(_is_candidate_from_letters, sentences)) == list(
        map(langid.is_candidate, sentences)
    )
    assert sum(map(langid.is_candidate, sentences)) > 100


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="theaofTHEAO' s'x1_-.", max_size=50))
def test_language_candidates_from_letters_agree_with_is_candidate_on_random_text(
    text: str,
) -> None:
    assert _is_candidate_from_letters(text) == langid.is_candidate(text)
