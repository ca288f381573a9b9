"""The pipeline: edits applied without overlap, spans mapped back to the input, idempotent."""

from __future__ import annotations

from cleanup import clean
from cleanup.core.document import Document, TextView
from cleanup.core.edits import OffsetMap, apply_edits
from cleanup.core.model import Finding, Fix, Severity
from cleanup.core.pipeline import process
from cleanup.core.registry import CompiledRules, Context, Stage, Step
from cleanup.rules.loader import Rule
from cleanup.settings.config import Config
from cleanup.stages import compile_rules

SEED_LINE = "Russian Foreign Minister Sergeń≠ Viklov told the press. .. He  left."


def test_findings_point_into_the_text_as_read() -> None:
    result = clean(SEED_LINE, ignore=("names",))
    for finding in result.findings:
        assert result.original[finding.start : finding.end] == finding.text
    assert {f.rule for f in result.edits} == {
        "encoding/mojibake",
        "punctuation/stray-dots",
        "whitespace/double-space",
    }


def test_text_outside_edited_spans_is_unchanged() -> None:
    # names would rewrite the repaired name as a whole (an edit over the mojibake edit)
    result = clean(SEED_LINE, ignore=("names",))
    rebuilt, _ = apply_edits(
        result.original, [(f.start, f.end, f.replacement or "") for f in result.edits]
    )
    assert (
        rebuilt == result.text == "Russian Foreign Minister Sergeĭ Viklov told the press. He left."
    )


def test_fix_is_idempotent() -> None:
    once = clean(SEED_LINE).text
    again = clean(once)
    assert again.text == once and again.edits == []


def test_every_edit_has_rule_and_reason() -> None:
    for edit in clean(SEED_LINE).edits:
        assert edit.rule and edit.reason and edit.fix is Fix.SAFE and edit.applied


def test_offsets_of_later_stages_map_through_earlier_edits() -> None:
    # the stray dots come after the mojibake repair, which shortened the text by one character
    result = clean(SEED_LINE)
    (dots,) = [f for f in result.findings if f.rule == "punctuation/stray-dots"]
    assert (dots.start, dots.end) == (SEED_LINE.index(" .."), SEED_LINE.index(" ..") + 3)


def test_offset_map_widens_spans_that_touch_an_edit() -> None:
    offset_map = OffsetMap([(2, 4, "xyz")])  # "abCDef" → "abxyzef"
    assert offset_map.to_old(3, 4) == (2, 4)
    assert offset_map.to_old(5, 7) == (4, 6)
    assert offset_map.to_old(0, 2) == (0, 2)


def test_ignore_and_select_by_prefix() -> None:
    assert clean(SEED_LINE, ignore=("punctuation", "whitespace")).text.endswith(". .. He  left.")
    only = clean(SEED_LINE, select=("whitespace",))
    assert {f.rule for f in only.findings} == {"whitespace/double-space"}


def test_severity_override_from_config() -> None:
    config = Config(severities={"punctuation": Severity.ERROR})
    result = process(Document(SEED_LINE), compile_rules(config))
    (dots,) = [f for f in result.findings if f.rule == "punctuation/stray-dots"]
    assert dots.severity is Severity.ERROR


def test_protected_spans_are_neither_changed_nor_flagged() -> None:
    text = "Code: `a  b` and c  d."
    document = Document(text, protected=[(6, 12)])
    result = process(document, compile_rules(Config()))
    assert result.text == "Code: `a  b` and c d."
    assert all(f.start >= 12 for f in result.findings)


def test_unsafe_fixes_are_applied_only_when_asked() -> None:
    accepted = process(
        Document("He left. .. Then"), compile_rules(Config()), accept=lambda f, text: False
    )
    assert accepted.text == "He left. .. Then" and accepted.edits == []


def test_a_finding_a_detector_repeats_is_applied_once() -> None:
    # the pipeline keeps a detector's finding object when nothing about it changes, so the edits
    # it chose are known by their place among the proposals, not by the object
    compiled = compile_rules(Config(select=("punctuation/stray-dots",)))
    stage = compiled.stages[0]
    step = stage.steps[0]

    def twice(view: TextView, rules: list[Rule], context: Context) -> list[Finding]:
        at = view.text.find(" ..")
        found = rules[0].finding(view, at, at + 3, replacement="")
        return [found, found] if at >= 0 else []

    repeating = Stage(stage.name, (Step(step.key, twice, step.rules),), stage.enabled)
    result = process(
        Document.from_text("He left. .. She stayed."),
        CompiledRules(compiled.config, compiled.ruleset, (repeating,)),
    )
    assert result.text == "He left. She stayed."
    # (the repeat was a flag of the first round; the last round's flags are the ones reported)
    assert [(f.rule, f.start, f.end, f.applied) for f in result.findings] == [
        ("punctuation/stray-dots", 8, 11, True)
    ]
