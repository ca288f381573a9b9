"""Strict about what it is told: a rule id, date, style or settings key that does not exist is an
error naming it (exit 2), not an option silently ignored; and every id the tool reports can be
named back to it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from cleanup.report.rules import explain, listing
from cleanup.rules import ids as ruleids
from cleanup.rules.loader import Ruleset, load_rules
from cleanup.settings.config import STYLES
from cleanup.settings.files import Resolver
from tests.conftest import CliRun
from tests.paths import DATA, ROOT, SEED


def findings(run_cli: CliRun, *args: str) -> list[dict[str, Any]]:
    done = run_cli("check", *args, "--format", "json", "--no-cache")
    assert done.returncode in (0, 1), done.stderr
    return [f for file in json.loads(done.stdout)["files"] for f in file["findings"]]


def test_selecting_one_phrase_id_reports_exactly_that_finding(run_cli: CliRun) -> None:
    everything = findings(run_cli, str(SEED))
    iron_wall = [f for f in everything if f["rule"] == "artifact/calque/iron-wall"]
    assert len(iron_wall) == 1
    assert findings(run_cli, str(SEED), "--select", "artifact/calque/iron-wall") == iron_wall
    # and ignoring it drops that one finding of the phrase list, no other
    rest = findings(run_cli, str(SEED), "--ignore", "artifact/calque/iron-wall")
    assert rest == [f for f in everything if f["rule"] != "artifact/calque/iron-wall"]


def test_unknown_rule_in_a_flag_is_one_line_naming_the_closest_id(run_cli: CliRun) -> None:
    for flag, value, closest in (
        ("--select", "encodng", "encoding"),
        ("--ignore", "names,artifact/calque/iron-wal", "artifact/calque/iron-wall"),
        ("--select", "suppression/unusd", "suppression/unused"),
    ):
        done = run_cli("check", str(SEED), flag, value)
        assert done.returncode == 2, (flag, value)
        wrong = value.split(",")[-1]
        assert done.stderr == (
            f"cleanup: error: unknown rule {wrong!r} (did you mean {closest!r}?)\n"
        )
        assert done.stdout == ""
    far = run_cli("fix", str(SEED), "--ignore", "zzz")
    assert far.returncode == 2
    assert far.stderr == "cleanup: error: unknown rule 'zzz' (`cleanup rules` lists them)\n"


def test_unknown_rule_in_a_settings_file_names_the_file_and_key(
    run_cli: CliRun, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("He left. .. Then he returned.\n", encoding="utf-8")
    # {t} is the tables' prefix: none in cleanup.toml, tool.cleanup. in pyproject.toml
    cases = [
        ('select = ["encodng"]', "encodng", "select", "encoding"),
        ('ignore = ["names/stlye"]', "names/stlye", "ignore", "names/style"),
        ('extend-ignore = ["artifact/calque/iron-wal"]',
            "artifact/calque/iron-wal", "extend-ignore", "artifact/calque/iron-wall"),
        ('[{t}severities]\n"artifacts/calque" = "info"',
            "artifacts/calque", "severities", "artifact/calque"),
        ('[[{t}per-path]]\npaths = ["*.txt"]\nignore = ["punctuation/stray-dot"]',
            "punctuation/stray-dot", "per-path.ignore", "punctuation/stray-dots"),
    ]  # fmt: skip
    files = [("cleanup.toml", "", case) for case in cases]
    files += [("pyproject.toml", "tool.cleanup.", case) for case in (cases[0], cases[4])]
    for name, prefix, (text, wrong, key, closest) in files:
        config = tmp_path / name
        header = "[tool.cleanup]\n" if name == "pyproject.toml" else ""
        config.write_text(header + text.replace("{t}", prefix) + "\n", encoding="utf-8")
        done = run_cli("check", "a.txt", cwd=tmp_path)
        config.unlink()
        assert done.returncode == 2, (name, text, done.stderr)
        assert done.stderr == (
            f"cleanup: error: {config}: unknown rule {wrong!r} in {key!r} "
            f"(did you mean {closest!r}?)\n"
        )


def test_every_id_the_tool_reports_can_be_named_back(run_cli: CliRun, tmp_path: Path) -> None:
    suppressed = tmp_path / "s.md"
    suppressed.write_text(
        "<!-- cleanup: disable -->\n<!-- cleanup: disable-next-line names -->\nHe left. ..\n",
        encoding="utf-8",
    )
    known_errors = yaml.safe_load((DATA / "artifacts" / "known_errors.yaml").read_text("utf-8"))
    examples = tmp_path / "known_errors.txt"
    examples.write_text(
        "\n\n".join(e["text"] for kind in known_errors.values() for e in kind), encoding="utf-8"
    )
    articles = [SEED, *sorted(DATA.rglob("*.txt")), examples, suppressed]
    reported = findings(run_cli, *map(str, articles), "--report-unused-suppressions")
    ids = {f["rule"] for f in reported}
    assert {"artifact/calque/iron-wall", "suppression/no-rule", "suppression/unused"} <= ids
    named = [*ids, *(i.rsplit("/", 1)[0] for i in ids), "grammar/WHETHER", "ALL"]
    done = run_cli("check", str(SEED), "--select", ",".join(sorted(named)), "--no-cache")
    assert done.returncode == 1, done.stderr
    # and `cleanup rules ID`, which SARIF's help text points to, explains each
    assert [i for i in sorted(named) if explain(i, load_rules()) is None] == []


def test_every_rule_id_written_in_the_code_is_a_known_one() -> None:
    """Detectors pick rules by id strings of their own: each must name a rule that exists."""
    namespaces = {r.id.split("/")[0] for r in load_rules()} | {"suppression"}
    pattern = re.compile(rf"\"((?:{'|'.join(namespaces)})/[\w/-]+)\"")
    written = {
        m.group(1)
        for path in (ROOT / "cleanup").rglob("*.py")
        for m in pattern.finditer(path.read_text(encoding="utf-8"))
    }
    assert len(written) > 20
    assert [i for i in sorted(written) if not ruleids.known(i, load_rules())] == []


def test_rules_explains_one_phrase_of_a_list_with_its_suggestion(run_cli: CliRun) -> None:
    done = run_cli("rules", "artifact/calque/iron-wall")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("artifact/calque/iron-wall\n")
    assert "phrase:     [iron wall]" in out and "suggestion: ‘ironclad’" in out
    assert "One phrase of the list artifact/calque" in out
    assert "Literal translation (calque)" in out  # the list's own rule, described
    assert "`--ignore artifact/calque/iron-wall`" in out
    # the list names the ids of its phrases
    assert "iron-wall, " in run_cli("rules", "artifact/calque").stdout


def test_rules_explains_a_languagetool_rule_and_how_to_ignore_it(run_cli: CliRun) -> None:
    done = run_cli("rules", "grammar/WHETHER")
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())  # unwrapped
    assert "LanguageTool's rule WHETHER" in out
    assert "GRAMMAR → fluency/grammar, warning" in out  # how its category and severity are set
    assert "`--ignore grammar/WHETHER`" in out
    assert "switched off" not in out
    disabled = run_cli("rules", "grammar/ITS_TO_IT_S")  # in rules/grammar.yaml's disabled_rules
    assert "It is switched off" in disabled.stdout


def test_rules_explains_suppression_ids_and_lists_a_prefix(run_cli: CliRun) -> None:
    unused = run_cli("rules", "suppression/unused")
    assert unused.returncode == 0 and "--report-unused-suppressions" in unused.stdout
    names = run_cli("rules", "names")
    assert names.returncode == 0 and "names/known-variant" in names.stdout
    assert "encoding/mojibake" not in names.stdout


def test_rules_unknown_id_is_an_error_naming_the_closest(run_cli: CliRun) -> None:
    done = run_cli("rules", "artifact/calque/iron-wal")
    assert done.returncode == 2
    assert done.stderr == (
        "cleanup: error: unknown rule 'artifact/calque/iron-wal' "
        "(did you mean 'artifact/calque/iron-wall'?)\n"
    )


def test_rule_listing_of_no_rules_does_not_fail() -> None:
    assert listing(Ruleset()).splitlines()[-1] == "0 rules. `cleanup rules ID` explains one."


def test_a_date_that_is_no_day_is_an_error_naming_it(run_cli: CliRun) -> None:
    for value in ("2022-13-01", "yesterday", "2023-02-30", "22-02-24"):
        done = run_cli("check", str(SEED), "--date", value)
        assert done.returncode == 2, value
        assert done.stderr == f"cleanup: error: invalid date {value!r}: expected YYYY-MM-DD\n"
    assert run_cli("check", str(SEED), "--date", "2024-02-29").returncode == 1  # it ran


def test_settings_date_and_style_are_checked(run_cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("He left. .. Then he returned.\n", encoding="utf-8")
    config = tmp_path / "cleanup.toml"
    config.write_text('date = "2022-13-01"\n', encoding="utf-8")
    done = run_cli("check", "a.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert (
        done.stderr == f"cleanup: error: {config}: invalid date '2022-13-01': expected YYYY-MM-DD\n"
    )
    config.write_text('[[per-path]]\npaths = ["*.txt"]\nstyle = "apx"\n', encoding="utf-8")
    done = run_cli("check", "a.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        f"cleanup: error: {config}: unknown style 'apx' "
        "(known: ap, bbc, chicago, guardian, nyt, oxford, reuters, wsj)\n"
    )


def test_a_style_named_by_a_gazetteer_entry_or_in_capitals_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(
        "entries:\n  - {name: Kyiv, kind: place, styles: {house: Kyyiv}}\n", encoding="utf-8"
    )
    (tmp_path / "cleanup.toml").write_text(
        'style = "house"\ngazetteers = ["g.yaml"]\n', encoding="utf-8"
    )
    assert Resolver({})(tmp_path / "a.txt").style == "house"
    (tmp_path / "caps").mkdir()
    (tmp_path / "caps" / "cleanup.toml").write_text('style = "Reuters"\n', encoding="utf-8")
    assert Resolver({})(tmp_path / "caps" / "a.txt").style == "reuters"  # as the checks read it


def test_every_style_a_check_prefers_is_a_known_style() -> None:
    from cleanup.stages.artifacts import consistency

    assert (consistency._DOTTED_STYLES | consistency._IZE_STYLES) - set(STYLES) == set()
