"""The seed article: every kind of problem it shows is handled (the foundation's part)."""

from __future__ import annotations

from cleanup import clean
from tests.paths import SEED

TEXT = SEED.read_text(encoding="utf-8")


def test_seed_foundation_repairs() -> None:
    fixed = clean(TEXT).text
    assert "Sergeń≠" not in fixed
    assert " .." not in fixed
    assert "made the decision.”" in fixed and "decision. ”" not in fixed
    assert "said, ‘He can break in" in fixed


def test_seed_keeps_typography_and_untouched_lines() -> None:
    fixed = clean(TEXT).text
    assert fixed.count("“") == TEXT.count("“") == 18
    assert fixed.count("”") == TEXT.count("”") == 18
    assert "\nThe Associated Press contributed to this report.\n" in fixed


def test_seed_fix_of_output_is_a_no_op() -> None:
    fixed = clean(TEXT).text
    again = clean(fixed)
    assert again.text == fixed and again.edits == []
