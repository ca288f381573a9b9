"""The artifacts stage: the seed's artifacts, config selection and severities, quoted speech, the
generic regex/phrase detectors, lazy language identification."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from cleanup.core.document import Document
from cleanup.core.model import Finding, Fix, Severity
from cleanup.core.pipeline import process
from cleanup.errors import ConfigError
from cleanup.rules.loader import Rule, Ruleset, load_rules, parse_rule
from cleanup.settings.config import Config
from cleanup.stages import Compiler, compile_rules, patterns
from cleanup.stages import language as langid
from tests.paths import SEED

RULES = Compiler()  # each config's rules compiled once for the module's tests


def run(text: str, **config: object) -> list[Finding]:
    return process(Document.from_text(text), RULES(Config(**config))).findings  # type: ignore[arg-type]


def flags(text: str, **config: object) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in run(text, **config) if f.rule.startswith("artifact/")]


@pytest.fixture(scope="module")
def seed_result() -> tuple[str, list[Finding], str]:
    text = SEED.read_text(encoding="utf-8")
    result = process(Document.from_text(text), RULES(Config()))
    return text, result.findings, result.text


# (rule or rule prefix, text of the flagged span, a passage of the seed it must lie in)
SEED_ITEMS = [
    (
        "artifact/orphan-fragment",
        "Stated.",
        "eastern side of Russia with additional capabilities. Stated.",
    ),
    ("artifact/first-person", "I", "I asked him to relieve his rhetoric."),
    ("artifact/calque/iron-wall", "iron wall", "remains an “iron wall.”"),
    ("artifact/calque/reads-from", "Reads", "Reads from both governments"),
    ("artifact/calque/inner-individuals", "inner individuals", "Moscow’s inner individuals"),
    ("artifact/calque/traced-back", "traced back", "traced back a previous statement"),
    ("artifact/calque/sharp-words", "argued with sharp words", "and argued with sharp words."),
    (
        "artifact/calque/telephone-exchange",
        "made a new telephone exchange",
        "also made a new telephone exchange with",
    ),
    ("artifact/calque/break-in-at-any-time", "break in", "He can break in at any time."),
    ("artifact/inconsistent-abbreviation", "US", "the US commitment to NATO"),
]


@pytest.mark.parametrize(("rule", "span", "passage"), SEED_ITEMS, ids=[i[0] for i in SEED_ITEMS])
def test_seed_artifact_is_flagged_at_its_span(
    seed_result: tuple[str, list[Finding], str], rule: str, span: str, passage: str
) -> None:
    text, findings, _ = seed_result
    where = text.index(passage)
    hits = [
        f
        for f in findings
        if f.rule.startswith(rule) and where <= f.start and f.end <= where + len(passage)
    ]
    assert [f.text for f in hits] == [span]
    assert hits[0].message
    assert not hits[0].applied


def test_seed_calques_each_carry_a_suggestion_as_unsafe_fix(
    seed_result: tuple[str, list[Finding], str],
) -> None:
    _, findings, _ = seed_result
    calques = {f.text: f for f in findings if f.rule.startswith("artifact/calque/")}
    assert calques["iron wall"].replacement == "ironclad"
    assert calques["Reads"].replacement == "Readouts"
    assert calques["inner individuals"].replacement == "inner circle"
    assert calques["traced back"].replacement == "walked back"
    assert calques["break in"].replacement == "invade"
    assert all(f.fix is Fix.UNSAFE and "‘" in f.message for f in calques.values())


def test_seed_stray_dots_are_fixed_by_the_punctuation_stage_only(
    seed_result: tuple[str, list[Finding], str],
) -> None:
    _, findings, corrected = seed_result
    assert " .." not in corrected
    dots = [f for f in findings if f.text == " .."]
    assert len(dots) == 2 and all(f.rule == "punctuation/stray-dots" and f.applied for f in dots)


def test_seed_flags_nothing_inside_the_quoted_first_person_speech(
    seed_result: tuple[str, list[Finding], str],
) -> None:
    text, findings, _ = seed_result
    first_person = [f for f in findings if f.rule == "artifact/first-person"]
    assert [text[f.start - 2 : f.end + 6] for f in first_person] == [". I asked"]


def test_unsafe_fixes_apply_the_calque_suggestion() -> None:
    result = process(
        Document.from_text("Reads from both governments showed no progress."),
        RULES(Config(select=("artifact/calque",), unsafe_fixes=True)),
    )
    assert result.text == "Readouts from both governments showed no progress."
    assert [f.rule for f in result.edits] == ["artifact/calque/reads-from"]


# --- config ------------------------------------------------------------------------------------


def test_ignore_one_phrase_keeps_the_rest_of_the_list() -> None:
    text = "The pact is an iron wall. The new crown virus spread."
    assert flags(text, ignore=("artifact/calque/iron-wall",)) == [
        ("artifact/calque/new-crown", "new crown virus")
    ]


def test_ignore_by_prefix_drops_every_rule_under_it() -> None:
    text = "The pact is an iron wall. Stated."
    assert [r for r, _ in flags(text, ignore=("artifact/calque",))] == ["artifact/orphan-fragment"]
    assert flags(text, ignore=("artifact",)) == []


def test_select_runs_only_the_selected_rules() -> None:
    text = "The pact is an iron wall. Stated. Prices of food food rose."
    assert flags(text, select=("artifact/repeated-word",)) == [
        ("artifact/repeated-word", "food food")
    ]


def test_severity_can_be_changed_by_id_prefix_and_phrase() -> None:
    text = "The pact is an iron wall. The new crown virus spread. Stated."
    severities = MappingProxyType(
        {"artifact": Severity.ERROR, "artifact/calque/new-crown": Severity.INFO}
    )
    got = {f.rule: f.severity for f in run(text, severities=severities)}
    assert got == {
        "artifact/calque/iron-wall": Severity.ERROR,
        "artifact/calque/new-crown": Severity.INFO,
        "artifact/orphan-fragment": Severity.ERROR,
    }


OPT_IN = ("artifact/calque-loose", "artifact/missing-final-punctuation")


def test_rules_below_the_precision_bar_are_off_by_default_and_quote_their_precision() -> None:
    rules = {r.id: r for r in load_rules() if r.stage == "artifacts"}
    assert {i for i, r in rules.items() if not r.default} >= set(OPT_IN)
    assert all("held-out" in rules[i].description for i in OPT_IN)


def test_rules_off_by_default_are_not_run_unless_selected() -> None:
    text = "Netizens cheered.\n\nOfficials met on Monday, and the talks will resume next week"
    assert flags(text) == []
    assert {r for r, _ in flags(text, select=("artifact",))} == {
        "artifact/calque-loose/netizens",
        "artifact/missing-final-punctuation",
    }


# --- quoted speech -----------------------------------------------------------------------------


def test_first_person_inside_quotes_is_not_flagged() -> None:
    text = (
        "“I used it once,” Psaki said. He added: ‘We stopped it.’\n\n"
        "“We have troops on the roads, and people are away.\n\n"
        "“I don’t need this panic,” Zelensky said."
    )
    assert flags(text, select=("artifact/first-person",)) == []


def test_first_person_after_a_speaker_label_is_speech() -> None:
    text = "Patient He Ying: the doctor told me it would cost less, the hospital said."
    assert flags(text, select=("artifact/first-person",)) == []


def test_first_person_is_the_voice_of_an_unattributed_column() -> None:
    assert flags("Finally, we set two major strategic directions.") == []


def test_first_person_in_reported_news_is_flagged() -> None:
    text = "The spokesman said our country firmly opposes the sanctions."
    assert flags(text, select=("artifact/first-person",)) == [("artifact/first-person", "our")]


def test_roman_numeral_one_is_not_a_pronoun() -> None:
    text = "Officials said Queen Elizabeth I ruled until 1603 and World War I ended in 1918."
    assert flags(text, select=("artifact/first-person",)) == []


def test_quote_skipping_regex_rule_ignores_quoted_speech() -> None:
    text = "“Get out!!” the crowd shouted. Investors were shocked!!"
    assert flags(text, select=("artifact/repeated-exclamation",)) == [
        ("artifact/repeated-exclamation", "!!")
    ]
    [finding] = run(text, select=("artifact/repeated-exclamation",))
    assert finding.start == text.rindex("!!")


def test_calques_inside_quotes_are_still_flagged() -> None:
    # quotations are translated too: a calque in one is as wrong as outside
    assert flags("“It is an iron wall,” he said.", select=("artifact/calque",)) == [
        ("artifact/calque/iron-wall", "iron wall")
    ]


# --- other detectors ---------------------------------------------------------------------------


def test_mixed_abbreviation_flags_the_form_the_style_does_not_use() -> None:
    text = "US troops left.\n\nUS officials said so.\n\nThe U.S. embassy agreed."
    ap = flags(text, select=("artifact/inconsistent-abbreviation",))
    assert ap == [("artifact/inconsistent-abbreviation", "US")] * 2
    reuters = flags(text, select=("artifact/inconsistent-abbreviation",), style="reuters")
    assert reuters == [("artifact/inconsistent-abbreviation", "U.S.")]


def test_full_width_punctuation_is_narrowed_safely() -> None:
    result = process(Document.from_text("Talks in Ｔｏｋｙｏ，officials said."), RULES(Config()))
    assert result.text == "Talks in Tokyo, officials said."


def test_cjk_inside_english_is_flagged_once_per_run() -> None:
    assert flags("The 外交部 spokesman said 北京 agreed.") == [
        ("artifact/untranslated-cjk", "外交部"),
        ("artifact/untranslated-cjk", "北京"),
    ]


def test_paragraph_left_in_another_language_is_one_flag() -> None:
    text = (
        "Talks resumed.\n\nDie Regierung hat am Montag neue Sanktionen angekündigt. "
        "Die Gespräche sollen nächste Woche fortgesetzt werden."
    )
    found = [f for f in run(text) if f.rule == "artifact/foreign-language"]
    assert [(f.text[:13], f.message) for f in found] == [
        ("Die Regierung", "Paragraph left in German")
    ]


def test_language_identifier_is_not_loaded_for_english_text() -> None:
    langid._detector.cache_clear()
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    run("\n\n".join(paragraphs[1:12]))  # the headline is short enough to be a candidate
    assert langid._detector.cache_info().currsize == 0


def test_language_identifier_is_asked_about_few_sentences() -> None:
    from cleanup.core.document import TextView

    view = TextView(SEED.read_text(encoding="utf-8"))
    candidates = [s for s, e in view.sentences if langid.is_candidate(view.text[s:e])]
    assert len(candidates) <= 3 < len(view.sentences)


def test_byline_repeated_at_the_end_is_flagged() -> None:
    text = "By Nick Ciolino\n\nTroops arrived.\n\nNick Ciolino"
    [finding] = [f for f in run(text) if f.rule == "artifact/duplicate-boilerplate"]
    assert finding.start == text.rindex("Nick Ciolino")
    assert "line 1" in finding.message


def test_repeated_capitalized_words_are_flagged_but_doubled_names_are_not() -> None:
    text = "The Ministry Ministry of Finance met officials from Bora Bora."
    assert flags(text, select=("artifact/repeated-word",)) == [
        ("artifact/repeated-word", "Ministry Ministry")
    ]


def test_lowercase_after_a_year_starts_a_sentence() -> None:
    assert flags("It opens in 2026. its shares rose.", select=("artifact/lowercase-start",)) == [
        ("artifact/lowercase-start", ". its")
    ]


# --- the generic detectors ---------------------------------------------------------------------


def _rule(detector: dict[str, object], rule_id: str = "x/rule") -> Rule:
    raw = {
        "id": rule_id,
        "category": "style",
        "severity": "info",
        "message": "m",
        "examples": {},
        "detector": detector,
    }
    return parse_rule(raw, "test")


def _findings_of(text: str, *rules: Rule) -> list[tuple[str, str]]:
    """What ``rules`` alone find in ``text``."""
    compiled = compile_rules(Config(), Ruleset({r.id: r for r in rules}))
    return [(f.rule, f.text) for f in process(Document.from_text(text), compiled).findings]


def test_all_regex_rules_compile_into_one_pattern() -> None:
    rules = [r for r in load_rules() if r.detector_key == "regex"]
    combined = patterns.compile_regex(rules)
    assert len(rules) >= 6 and len(combined.entries) == len(rules)
    assert combined.combined.groupindex.keys() == combined.entries.keys()


def test_compiled_rules_build_each_pattern_once() -> None:
    compiled = compile_rules(Config())
    rules = [r for r in load_rules() if r.detector_key == "regex"]
    first = compiled.prepared(patterns.compile_regex, rules)
    assert compiled.prepared(patterns.compile_regex, list(rules)) is first


def test_backreferences_of_later_regex_rules_are_renumbered() -> None:
    first = _rule({"regex": r"(x)(y)\2"}, "x/a")
    second = _rule({"regex": r"\b(\w+) \1\b"}, "x/b")
    assert _findings_of("xyy and so so", first, second) == [("x/a", "xyy"), ("x/b", "so so")]


def test_invalid_regex_or_named_group_is_a_config_error() -> None:
    for spec in ({"regex": "(unclosed"}, {"regex": "(?P<name>x)"}):
        with pytest.raises(ConfigError, match="test x/rule"):
            _findings_of("x", _rule(spec))


def test_a_rule_naming_an_unknown_detector_is_a_config_error_naming_the_rule() -> None:
    rule = _rule({"python": "artifact.no-such-thing"}, "x/unknown")
    with pytest.raises(ConfigError) as raised:
        compile_rules(Config(), Ruleset({rule.id: rule}))
    assert str(raised.value) == "test x/unknown: no detector named 'artifact.no-such-thing'"


def test_calque_lists_have_eighty_entries_each_with_a_suggestion() -> None:
    rules = load_rules()
    entries = [*rules["artifact/calque"].detector["phrases"]]
    entries += rules["artifact/calque-loose"].detector["phrases"]
    assert len(entries) >= 80
    assert all(isinstance(e, dict) and e.get("suggest") for e in entries)
