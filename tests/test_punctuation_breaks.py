"""Punctuation inside a phrase (issue 18's punctuation-inserted family): artifact/misplaced-
punctuation (on by default, word lists), artifact/phrase-break (opt-in, word-pair counts) and the
full stop that artifact/lowercase-start's flag takes in."""

from __future__ import annotations

from cleanup.core.document import Document
from cleanup.core.pipeline import process
from cleanup.settings.config import Config
from cleanup.stages import Compiler
from cleanup.stages.artifacts.breaks import load_counts

RULES = Compiler()
BREAK_RULES = (
    "artifact/misplaced-punctuation",
    "artifact/phrase-break",
    "artifact/lowercase-start",
)


def flags(text: str) -> list[tuple[str, str]]:
    result = process(Document.from_text(text), RULES(Config(select=BREAK_RULES)))
    return [(f.rule, f.text) for f in result.findings]


def test_a_mark_after_a_word_that_cannot_end_a_phrase_is_flagged_with_the_word() -> None:
    assert flags("Prices rose in the, capital and in. the provinces.") == [
        ("artifact/misplaced-punctuation", "the,"),
        ("artifact/misplaced-punctuation", "in."),
    ]


def test_stranded_prepositions_asides_and_labels_are_left_alone() -> None:
    text = (
        "Buyers have few houses to compare with, officials said. Q: Why? A: Because, by the "
        "end of 2022, prices rose, and so on, as they had, analysts said; that is, the rich."
    )
    assert flags(text) == []


def test_a_stray_full_stop_before_a_lower_case_word_is_flagged_with_its_stop() -> None:
    # the flag covers the stop, so a reviewer sees both readings: a stray stop or a lost capital
    assert flags("He said that. the talks would resume.") == [("artifact/lowercase-start", ". the")]


def test_a_comma_inside_a_frequent_word_pair_is_a_phrase_break() -> None:
    assert flags("The report said economic, growth slowed.") == [("artifact/phrase-break", ",")]
    # the same words across a clause boundary: the second opens a clause
    assert flags("Growth was economic, and prices rose.") == []


def test_a_comma_between_subject_and_verb_counts_only_without_an_aside_before_it() -> None:
    assert flags("Officials said the measure, was meant to cool prices.") == [
        ("artifact/phrase-break", ",")
    ]
    assert flags("The festival, held since 1952, was canceled.") == []


def test_pair_counts_are_those_the_symspellpy_wheel_ships() -> None:
    counts = load_counts()
    assert len(counts.bigrams) > 200_000
    high = counts.pmi("economic", "growth")
    low = counts.pmi("year", "the")
    assert high is not None and low is not None and high > 4 > low
