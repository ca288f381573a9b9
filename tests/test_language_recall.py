"""Recall of foreign-language detection on tests/data/foreign_sentences.yaml, through the whole
pipeline: each sentence sits in the middle of an English news paragraph, as a sentence a
translation left untranslated does. Recall must not fall below the figure measured before the
language screen of issue 19, and no English sentence may be called foreign."""

from __future__ import annotations

from pathlib import Path

import yaml

from cleanup.core.document import Document
from cleanup.core.pipeline import process
from cleanup.settings.config import Config
from cleanup.stages import compile_rules

DATA = Path(__file__).parent / "data" / "foreign_sentences.yaml"
BEFORE = "Officials met in the capital on Tuesday to discuss the budget."
AFTER = "The talks are expected to continue for several days, a spokesman said."
# Sentences of the set found before the screen (lingua alone on every candidate sentence).
RECALL_BEFORE = 62  # of 63: lingua misses one Portuguese sentence


def _flagged(sentence: str) -> bool:
    text = f"{BEFORE} {sentence} {AFTER}\n"
    result = process(Document.from_text(text), compile_rules(Config(select=("artifact/",))))
    start = text.index(sentence)
    return any(
        f.rule == "artifact/foreign-language" and f.start <= start < f.end for f in result.findings
    )


def _data() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return data


def test_the_set_is_unaccented_news_in_eight_languages_or_more() -> None:
    foreign = _data()["foreign"]
    assert isinstance(foreign, dict) and len(foreign) >= 8
    sentences = [s for group in foreign.values() for s in group]
    assert len(sentences) >= 60 and all(s.isascii() for s in sentences)


def test_recall_on_unaccented_foreign_sentences_is_not_below_todays() -> None:
    foreign = _data()["foreign"]
    assert isinstance(foreign, dict)
    missed = [s for group in foreign.values() for s in group if not _flagged(s)]
    found = sum(map(len, foreign.values())) - len(missed)
    assert found >= RECALL_BEFORE, missed


def test_english_sentences_are_not_called_foreign() -> None:
    english = _data()["english"]
    assert isinstance(english, list)
    assert [s for s in english if _flagged(s)] == []
