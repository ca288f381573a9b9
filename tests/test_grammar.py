"""The grammar stage's own logic, and what a run without LanguageTool does. No server needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cleanup.core.document import TextView
from cleanup.core.edits import carry_spans
from cleanup.core.model import Severity
from cleanup.languagetool.cache import ResultCache
from cleanup.languagetool.client import RawMatch, parse_matches
from cleanup.languagetool.mapping import Settings, classify
from cleanup.rules.loader import load_rules
from cleanup.stages.grammar import (
    _findings,
    _Hit,
    _merge,
    _touches,
    _widen,
    chunks,
)
from tests.conftest import CliRun
from tests.paths import ROOT

THIS_NNS = RawMatch(0, 4, "THIS_NNS", "GRAMMAR", "grammar", "Did you mean “these”?", ("These",))
PLURAL = RawMatch(
    5, 3, "PLURAL_VERB_AFTER_THIS", "GRAMMAR", "grammar", "Did you mean “is”?", ("is",)
)
A_AN = RawMatch(25, 1, "EN_A_VS_AN", "MISC", "misspelling", "Use “an”.", ("an",))
TEXT = "This are a sentence with a error in it."


def hits_of(*matches: RawMatch) -> list[_Hit]:
    return [
        _Hit(m.offset, m.offset + m.length, [m], [m.offset], [m.offset + m.length]) for m in matches
    ]


def test_agreement_pair_becomes_one_flag_without_fix() -> None:
    settings = Settings.from_rule(load_rules()["grammar"])
    hits = _merge(_widen(hits_of(THIS_NNS, PLURAL, A_AN), TEXT, settings), TEXT)
    found = list(_findings(hits, TEXT, "6.8"))
    assert [(f.rule, f.text, f.replacement) for f in found] == [
        ("grammar/THIS_NNS", "This are", None),
        ("grammar/EN_A_VS_AN", "a error", "an error"),
    ]
    assert "“These are” or “This is”" in found[0].message
    assert "THIS_NNS + PLURAL_VERB_AFTER_THIS" in found[0].reason
    assert found[1].fix is not None and found[1].fix.value == "unsafe"


def test_several_suggestions_give_no_fix() -> None:
    m = RawMatch(3, 4, "SOME_RULE", "GRAMMAR", "grammar", "Pick one.", ("was", "were"))
    (finding,) = _findings(hits_of(m), "He weer there.", "6.8")
    assert finding.replacement is None and finding.fix is None
    assert "“was”, “were”" in finding.reason


def test_spelling_suggestion_is_never_a_fix() -> None:
    m = RawMatch(0, 4, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Spelling?", ("that",))
    (finding,) = _findings(hits_of(m), "thta is it", "6.8")
    assert finding.category == "fluency/spelling" and finding.replacement is None


def test_categories_map_to_project_categories() -> None:
    assert classify(THIS_NNS) == ("fluency/grammar", Severity.WARNING)
    assert classify(A_AN) == ("fluency/grammar", Severity.WARNING)
    typo = RawMatch(0, 1, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "", ())
    assert classify(typo)[0] == "fluency/spelling"
    style = RawMatch(0, 1, "TOO_LONG", "STYLE", "style", "", ())
    assert classify(style) == ("style", Severity.INFO)
    locale = RawMatch(0, 1, "EN_GB_SIMPLE_REPLACE", "MISC", "locale-violation", "", ())
    assert classify(locale)[0] == "locale"


def test_offsets_come_back_in_python_characters() -> None:
    text = "😀 This are"  # LanguageTool counts the emoji as two UTF-16 units
    payload = {
        "matches": [
            {
                "offset": 3,
                "length": 4,
                "message": "m",
                "replacements": [{"value": "These"}],
                "rule": {"id": "THIS_NNS", "issueType": "grammar", "category": {"id": "GRAMMAR"}},
            }
        ]
    }
    (m,) = parse_matches(text, payload)
    assert text[m.offset : m.offset + m.length] == "This"


def test_chunks_are_whole_paragraphs() -> None:
    view = TextView("A.\n\nB.\n\n" + "C" * 50)
    assert chunks(view, limit=10) == [(0, 6), (8, 58)]


def test_match_inside_an_edited_span_is_dropped() -> None:
    assert _touches((0, 8), (5, 6))
    assert not _touches((0, 8), (8, 9))
    assert _touches((0, 8), (4, 4)) and not _touches((0, 8), (8, 8))


def test_edited_spans_follow_later_edits() -> None:
    assert carry_spans([(10, 12)], [(0, 2, "")]) == [(0, 0), (8, 10)]


def test_cache_key_changes_with_text_version_and_settings(tmp_path: Path) -> None:
    key = ResultCache.key
    base = key("text", "6.8", {"language": "en-US"})
    assert base == key("text", "6.8", {"language": "en-US"})
    assert base != key("text.", "6.8", {"language": "en-US"})
    assert base != key("text", "6.7", {"language": "en-US"})
    assert base != key("text", "6.8", {"language": "en-US", "disabledRules": "X"})


def test_cache_round_trip_is_exact(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    cache.put("ab" * 32, [THIS_NNS, A_AN])
    assert cache.get("ab" * 32) == [THIS_NNS, A_AN]
    assert cache.hits == 1
    # the layout later runs read: grammar/<two characters of the key>/<key>.json, JSON rows
    entry = tmp_path / "grammar" / "ab" / f"{'ab' * 32}.json"
    assert json.loads(entry.read_text(encoding="utf-8")) == [THIS_NNS.to_json(), A_AN.to_json()]
    off = ResultCache(tmp_path, enabled=False)
    assert off.get("ab" * 32) is None


def test_cache_entry_that_is_not_matches_is_a_miss(tmp_path: Path) -> None:
    import pickle

    cache = ResultCache(tmp_path)
    for name, data in (
        ("a", pickle.dumps([THIS_NNS])),
        ("b", b"{not json"),
        ("c", b'[["too", "short"]]'),
        ("d", b"null"),
    ):
        key = name * 64
        cache.store.path(key).parent.mkdir(parents=True, exist_ok=True)
        cache.store.path(key).write_bytes(data)
        assert cache.get(key) is None, name
    assert cache.hits == 0


def test_languagetool_docstring_examples_hold() -> None:
    import doctest

    import cleanup.languagetool.cache
    import cleanup.languagetool.server

    failed, attempted = doctest.testmod(cleanup.languagetool.cache)
    assert attempted and not failed
    # server.py's example starts a real server (Java): it is marked +SKIP, so it only must parse
    assert doctest.testmod(cleanup.languagetool.server).failed == 0


def test_without_grammar_nothing_languagetool_is_imported() -> None:
    code = (
        "import sys\n"
        "from cleanup import clean\n"
        "clean('This are a sentence with a error in it.')\n"
        "from cleanup.cli.main import cli\n"
        "bad = [m for m in sys.modules if m.startswith(('language_tool_python', 'requests',"
        " 'cleanup.languagetool'))]\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"


def test_grammar_without_jars_fails_at_once_with_install_hint(
    run_cli: CliRun, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("This are a sentence.\n", encoding="utf-8")
    empty = tmp_path / "lt-home"
    result = run_cli(
        "check",
        "--grammar",
        "--no-cache",
        str(article),
        env={"CLEANUP_LANGUAGETOOL_HOME": str(empty)},
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cleanup languagetool install" in lines[0]
    assert result.stdout == ""


def test_grammar_without_java_fails_at_once(run_cli: CliRun, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("This are a sentence.\n", encoding="utf-8")
    result = run_cli(
        "check", "--grammar", str(article), env={"PATH": str(tmp_path), "JAVA_HOME": ""}
    )
    assert result.returncode == 2
    assert "Java 17" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_without_grammar_check_ignores_languagetool_entirely(
    run_cli: CliRun, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("This are a sentence.\n", encoding="utf-8")
    result = run_cli(
        "check", "--format", "json", str(article), env={"CLEANUP_LANGUAGETOOL_HOME": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["findings"] == []
