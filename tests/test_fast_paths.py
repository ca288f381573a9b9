"""Fast paths find exactly what the plain way finds: each is checked against the simple code it
replaced (tests/reference.py), on real news and on random text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.document import TextView, find_quotes
from cleanup.core.registry import Analysis
from cleanup.rules.loader import load_rules
from cleanup.stages import language as langid
from cleanup.stages import patterns, phrases
from cleanup.stages.artifacts import (
    balance,
    boilerplate,
    consistency,
    perspective,
    repetition,
    speech,
    words,
)
from tests import reference
from tests.corpus import articles

NEWS = [text for _, _, text in articles()]


def test_find_quotes_agrees_with_a_character_scan_on_real_news() -> None:
    assert [find_quotes(t) for t in NEWS] == [reference.quotes_by_character_scan(t) for t in NEWS]
    assert sum(len(find_quotes(t)) for t in NEWS) > 100  # the news does quote people


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet='ab “”„«»"\n ', max_size=60))
def test_find_quotes_agrees_with_a_character_scan_on_random_text(text: str) -> None:
    assert find_quotes(text) == reference.quotes_by_character_scan(text)


# --- artifacts stage: phrases, balance, consistency, boilerplate -------------------------------

PHRASE_RULES = [r for r in load_rules() if r.detector_key == "phrases"]


def _phrase_finds(text: str) -> list[tuple[str, tuple[int, int]]]:
    combined = patterns.compile_phrases(PHRASE_RULES)
    assert combined.gate is not None  # the shipped phrases can all be found by a chunk
    return [(e.rule_id, m.span()) for e, m in patterns.phrase_matches(combined, text)]


def _phrase_finds_word_by_word(text: str) -> list[tuple[str, tuple[int, int]]]:
    return reference.phrase_matches_word_by_word(patterns.compile_phrases(PHRASE_RULES), text)


def test_phrase_gate_agrees_with_the_word_by_word_loop_on_real_news() -> None:
    found = [_phrase_finds(t) for t in NEWS]
    assert found == [_phrase_finds_word_by_word(t) for t in NEWS]
    assert sum(map(len, found)) > 40  # enough finds that the comparison means something


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
    assert _phrase_finds(text) == _phrase_finds_word_by_word(text)


def test_phrase_gate_knows_every_whitespace_character() -> None:
    import sys

    spaces = {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()}
    assert spaces == set(phrases.KEY_SPACES + phrases.OTHER_SPACES)
    assert all(re.fullmatch(r"\s", ch) for ch in spaces)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='a “”"«»()[]{}\n\t', max_size=60))
def test_balance_marks_by_paragraph_agree_with_a_scan_of_each_paragraph(text: str) -> None:
    assert balance.marks_by_paragraph(TextView(text)) == reference.marks_per_paragraph(text)


def _check_consistency_scans(text: str) -> None:
    kept = reference.kept_abbreviations
    assert kept(text, consistency.abbreviations(text)) == kept(
        text, list(reference.ABBREVIATION_ALTERNATION.finditer(text))
    )
    assert [m.span() for m in consistency.ize_endings(text)] == [
        m.span() for m in reference.IZE_ENDING.finditer(text)
    ]
    caps = [m.span() for m in reference.CAPS_LINES.finditer(text)]
    for pos in range(len(text)):
        if text[pos] != "\n":
            assert consistency.in_caps_line(text, pos) == any(s <= pos < e for s, e in caps)
    assert [m.span() for m in consistency.STRAIGHT_DOUBLE.finditer(text)] == [
        m.span() for m in reference.STRAIGHT_DOUBLE.finditer(text)
    ]
    z_gate = any(rx.search(text) for rx in consistency.Z_ENDING.values())
    assert z_gate == any(m.group()[1] in "zZ" for m in reference.IZE_ENDING.finditer(text))


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
    text = "".join(parts)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans = [(a, b) for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if a < b]
    lowered = text.lower()
    may = boilerplate.may_repeat(lowered if len(lowered) == len(text) else "", spans)
    keys = [boilerplate.repeat_key(text[a:b]) for a, b in spans]
    for i, key in enumerate(keys):
        if keys.count(key) > 1:
            assert may[i]


# --- artifacts stage: repetition, speech, first person ---------------------------------------


def _repetitions_gated(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    starts = repetition.repetition_starts(text, words.words_of(TextView(text)))
    words_at, phrases_at = starts if starts else (None, None)
    return (
        [m.span() for m in repetition.matches_at(repetition.REPEATED_WORD, text, words_at)],
        [m.span() for m in repetition.matches_at(repetition.REPEATED_PHRASE, text, phrases_at)],
    )


def test_repetition_gate_agrees_with_the_patterns_everywhere_on_real_news() -> None:
    everywhere = list(map(reference.repetitions_everywhere, NEWS))
    assert list(map(_repetitions_gated, NEWS)) == everywhere
    assert sum(len(w) + len(p) for w, p in everywhere) > 10


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="aAbB é“”(-,.\t\n_1ΣσςİiKk\u212a\u00a0😀", max_size=40))
def test_repetition_gate_agrees_with_the_patterns_everywhere_on_random_text(text: str) -> None:
    assert _repetitions_gated(text) == reference.repetitions_everywhere(text)


def _first_person_from_words(view: TextView) -> tuple[list[tuple[int, int]], bool]:
    analysis = Analysis(view)
    found = [m.span() for m in perspective.first_person(analysis)]
    return found, perspective.attributed(analysis)


def test_speech_and_first_person_fast_paths_agree_with_the_plain_way_on_real_news() -> None:
    views = [TextView(text) for text in NEWS]
    assert list(map(speech.speech_spans, views)) == list(
        map(reference.speech_spans_by_paragraph, views)
    )
    everywhere = [reference.first_person_everywhere(v.text) for v in views]
    assert list(map(_first_person_from_words, views)) == everywhere
    assert sum(len(spans) for spans, _ in everywhere) > 100


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet='IiWwemyusrO oa: “”«»„‘’"\n\tſıKA.hesaid', max_size=50))
def test_speech_and_first_person_fast_paths_agree_with_the_plain_way_on_random_text(
    text: str,
) -> None:
    view = TextView(text)
    assert speech.speech_spans(view) == reference.speech_spans_by_paragraph(view)
    assert _first_person_from_words(view) == reference.first_person_everywhere(text)


def _is_candidate_from_letters(sentence: str) -> bool:
    letters = langid.letters(sentence)
    if letters is None:
        return langid.is_candidate(sentence)
    return langid.is_candidate_letters(letters)


def test_language_candidates_from_letters_agree_with_is_candidate_on_real_news() -> None:
    sentences = [text[start:end] for text in NEWS for start, end in TextView(text).sentences]
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
