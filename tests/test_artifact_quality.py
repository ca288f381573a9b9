"""Issue 4's quality bar on our own sets: per detector family at least 90% of injected or known
errors caught (50% for glued symbols), and fewer than 5% of clean news sentences flagged.
bench/quality_artifacts.py prints the same figures, with precision against MQM annotations."""

from __future__ import annotations

import pytest

from bench.quality_artifacts import (
    FAMILIES,
    MAX_CLEAN_FLAG_RATE,
    MIN_RECALL,
    build_cases,
    clean_sentences,
    measure_clean,
    measure_recall,
)


@pytest.fixture(scope="module")
def recall() -> dict[str, object]:
    return measure_recall(build_cases())  # type: ignore[return-value]


@pytest.mark.parametrize("family", list(FAMILIES))
def test_family_catches_injected_errors(recall: dict[str, object], family: str) -> None:
    result = recall[family]
    assert result.cases >= 25  # type: ignore[attr-defined]
    assert result.recall >= MIN_RECALL[family], result.missed[:5]  # type: ignore[attr-defined]


def test_clean_news_sentences_rarely_raise_a_flag() -> None:
    sentences = clean_sentences()
    assert len(sentences) >= 400
    flagged, _, examples = measure_clean(sentences)
    assert flagged / len(sentences) < MAX_CLEAN_FLAG_RATE, examples
