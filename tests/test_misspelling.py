"""artifact/misspelling leaves alone what is no typo: gazetteer forms in any case, capitalized
words, the article's own repeated words, American spellings also when inflected."""

from __future__ import annotations

from pathlib import Path

from cleanup import clean

SELECT = ("artifact/misspelling",)


def misspelled(text: str, **config: object) -> list[str]:
    return [f.text for f in clean(text, select=SELECT, **config).flags]  # type: ignore[arg-type]


def test_a_dropped_letter_is_flagged_with_the_frequent_word_it_suggests() -> None:
    [flag] = clean("Officials anounced it on Monday.", select=SELECT).flags
    assert (flag.text, flag.replacement) == ("anounced", "announced")


def test_gazetteer_forms_are_no_typos_in_lower_case_either() -> None:
    # `aviv` and `barnier` are one edit from `avid` and `barrier`; the gazetteer knows both names
    assert misspelled("Flights to tel aviv resumed. Talks with barnier went on.") == []


def test_a_gazetteer_file_of_the_run_spares_its_forms(tmp_path: Path) -> None:
    own = tmp_path / "own.yaml"
    own.write_text("entries:\n  - {name: Hause Qin, kind: person}\n", encoding="utf-8")
    assert misspelled("He met hause qin there.") == ["hause"]
    assert misspelled("He met hause qin there.", gazetteers=(str(own),)) == []


def test_capitalized_repeated_and_american_words_are_left_alone() -> None:
    text = "Bettel spoke. The sanxing plan and the sanxing goal. It was centered on labor."
    assert misspelled(text) == []
