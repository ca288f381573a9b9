"""Gates of the generic detectors: regex rules' gates shut only where their rule cannot match
(checked on real news, on random text and against the engine's case-insensitive matching), and
phrase lists too large to spell out fall back to the word-by-word scan."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.document import TextView
from cleanup.rules.loader import load_rules, parse_rule
from cleanup.stages import patterns
from cleanup.stages.regex_gate import gate, literal_chars
from tests import reference
from tests.corpus import articles

NEWS = [text for _, _, text in articles()]

_GATED_REGEXES = [
    r"(?<=\w)(?:,[.;:!?]|;[.,:!?]|:[.,;!?])(?![.\w])",
    r"(?<=[\w)\]”’\"])([,;])\1+",
    r"(?i)(k)\1{2,}",
    r"(?<=[(\[])[ \t]+(?=\S)|(?<=\S)[ \t]+(?=[)\]])",
    r"(?<=\w)[ \t]+(?=(?i:n['’]t|['’](?:s|re|ve|ll|d|m))\b)",
    r"(?<![!?])(?:!{2,}|\?{2,}|[!?]{3,})",
    r"(?i:is)[’']+S",
    r"x(?=(?:ab)+c)|[~^]+(?<=a[~^])",
    r"(?i)İ.s\b|ſK",
]
_GATE_ALPHABET = " \t.,;:!?'’nNtTsSkK()[]~^abcxİıſ\u212aS\n"


def _check_gates(text: str) -> None:
    sources = [r.detector["regex"] for r in load_rules() if r.detector_key == "regex"]
    for source in sources + _GATED_REGEXES:
        rule_gate = gate(source)
        if rule_gate is not None and not rule_gate.open(text):
            assert re.search(source, text) is None, (source, text)


def test_regex_gates_shut_only_where_their_rule_cannot_match_on_real_news() -> None:
    for text in NEWS:
        _check_gates(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_GATE_ALPHABET, max_size=24))
def test_regex_gates_shut_only_where_their_rule_cannot_match_on_random_text(text: str) -> None:
    _check_gates(text)


def test_shipped_regex_rules_all_have_gates() -> None:
    assert all(gate(r.detector["regex"]) for r in load_rules() if r.detector_key == "regex")


def test_regex_gate_knows_what_each_ascii_character_matches_ignoring_case() -> None:
    import sys

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for ch in [chr(i) for i in range(32, 127)] + ["’", "«"]:
        for source in (re.escape(ch), "[" + re.escape(ch) + "]"):
            matched = set(re.findall(source, everything, re.IGNORECASE))
            assert literal_chars(ch, True) == matched, ch


def test_regex_pass_with_gates_finds_what_the_whole_pass_finds() -> None:
    rules = [r for r in load_rules() if r.detector_key == "regex"]
    for text in NEWS:
        gated = [
            (e.rule_id, m.span())
            for e, m in patterns.matches("regex", TextView(text), rules, patterns.compile_regex)
        ]
        assert gated == reference.regex_matches_without_gates(rules, text)


def test_a_phrase_with_too_many_spellings_is_scanned_word_by_word() -> None:
    phrase = " ".join("{a|b|c|d|e|f|g|h|i|j}" for _ in range(12)) + " [x]"  # 10**12 spellings
    rule = parse_rule(
        {"id": "x/many", "category": "style", "severity": "info", "message": "m", "fix": "unsafe",
         "examples": {}, "detector": {"phrases": [{"phrase": phrase, "suggest": "y"}]}},
        "test",
    )  # fmt: skip
    compiled = patterns.compile_phrases([rule])
    assert compiled.gate is None
    text = " ".join("a" for _ in range(12)) + " x"
    assert [e.rule_id for e, _ in patterns.phrase_matches(compiled, text)] == [
        "x/many/a-a-a-a-a-a-a-a-a-a-a-a-x"
    ]
