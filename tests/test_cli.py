"""The command line as a user meets it: `python -m cleanup ...` in a subprocess."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from tests.conftest import CliRun
from tests.paths import SEED

MOJIBAKE = "Russian Foreign Minister Sergeń≠ Viklov spoke. ..\n"
FIXED = "Russian Foreign Minister Sergey Lavrov spoke.\n"  # encoding, then names by role
CLEAN = "The Pentagon announced the deployment on Wednesday.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_help_lists_commands_with_examples(run_cli: CliRun) -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("fix", "check", "rules", "Examples:", "Exit codes"):
        assert word in result.stdout


def test_fix_one_file_prints_corrected_text(run_cli: CliRun, tmp_path: Path) -> None:
    result = run_cli("fix", str(write(tmp_path / "a.txt", MOJIBAKE)))
    assert result.returncode == 0, result.stderr
    assert result.stdout == FIXED
    assert result.stderr.startswith("cleanup: 1 article, 3 fixes, 0 flags in ")


def test_fix_output_file(run_cli: CliRun, tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("fix", str(source), "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == FIXED
    assert source.read_text(encoding="utf-8") == MOJIBAKE


def test_fix_refuses_to_overwrite_input_with_o(run_cli: CliRun, tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("fix", str(source), "-o", str(source))
    assert result.returncode == 2
    assert "--in-place" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert source.read_text(encoding="utf-8") == MOJIBAKE


def test_fix_output_dir_mirrors_relative_paths(run_cli: CliRun, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", MOJIBAKE)
    write(tmp_path / "in" / "sub" / "b.md", CLEAN)
    write(tmp_path / "in" / "skip.json", "{}")
    result = run_cli("fix", str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "out" / "sub" / "b.md").read_text(encoding="utf-8") == CLEAN
    assert not (tmp_path / "out" / "skip.json").exists()


def test_fix_in_place_keeps_mode_and_backup(run_cli: CliRun, tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", MOJIBAKE)
    os.chmod(source, 0o640)
    result = run_cli("fix", str(source), "--in-place", "--backup", ".orig")
    assert result.returncode == 0, result.stderr
    assert source.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(source.stat().st_mode) == 0o640
    assert (tmp_path / "a.txt.orig").read_text(encoding="utf-8") == MOJIBAKE
    assert [p.name for p in tmp_path.iterdir() if "cleanup-tmp" in p.name] == []


def test_fix_diff_shows_each_change(run_cli: CliRun) -> None:
    result = run_cli("fix", str(SEED), "--diff")
    assert result.returncode == 0
    assert result.stdout.startswith("--- a/") and "\n+++ b/" in result.stdout
    removed = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("-") and not line.startswith("---")
    ]
    added = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    assert len(removed) == len(added) == 7  # 4 lines of encoding/punctuation, 3 of names
    assert any("Sergeń≠" in line for line in removed)


def test_several_inputs_to_stdout_is_a_usage_error(run_cli: CliRun, tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", CLEAN), write(tmp_path / "b.txt", CLEAN)
    result = run_cli("fix", str(a), str(b))
    assert result.returncode == 2 and "--output-dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_input_is_one_line_and_exit_2(run_cli: CliRun, tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "nope.txt" in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_check_exit_codes(run_cli: CliRun, tmp_path: Path) -> None:
    clean_file, dirty = write(tmp_path / "c.txt", CLEAN), write(tmp_path / "d.txt", MOJIBAKE)
    assert run_cli("check", str(clean_file)).returncode == 0
    assert run_cli("check", str(dirty)).returncode == 1
    assert run_cli("check", str(dirty), "--exit-zero").returncode == 0
    assert run_cli("check", str(dirty), "--fail-on", "error").returncode == 1
    assert (
        run_cli("check", str(dirty), "--select", "punctuation", "--fail-on", "error").returncode
        == 0
    )
    assert run_cli("check", str(dirty), "--format", "yaml").returncode == 2


def test_check_json_is_deterministic_and_complete(run_cli: CliRun, tmp_path: Path) -> None:
    write(tmp_path / "c.txt", CLEAN)
    write(tmp_path / "d.txt", MOJIBAKE)
    first = run_cli("check", str(tmp_path), "--format", "json")
    second = run_cli("check", str(tmp_path), "--format", "json")
    assert first.stdout == second.stdout
    report = json.loads(first.stdout)
    assert report["version"] == 1
    files = {Path(f["path"]).name: f["findings"] for f in report["files"]}
    assert files["c.txt"] == []
    mojibake = next(f for f in files["d.txt"] if f["rule"] == "encoding/mojibake")
    keys = ("line", "column", "start", "end", "text", "replacement", "fix")
    assert {k: mojibake[k] for k in keys} == {
        "line": 1, "column": 26, "start": 25, "end": 32, "text": "Sergeń≠",
        "replacement": "Sergeĭ", "fix": "safe",
    }  # fmt: skip
    assert set(mojibake) >= {"rule", "category", "severity", "message"}


def test_check_does_not_write(run_cli: CliRun, tmp_path: Path) -> None:
    source = write(tmp_path / "d.txt", MOJIBAKE)
    run_cli("check", str(source))
    assert source.read_text(encoding="utf-8") == MOJIBAKE
    assert [p.name for p in tmp_path.iterdir()] == ["d.txt"]


def test_rules_lists_and_explains(run_cli: CliRun) -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0 and "encoding/mojibake" in listing.stdout
    one = run_cli("rules", "punctuation/stray-dots")
    assert one.returncode == 0 and "Flagged:" in one.stdout and "Not flagged:" in one.stdout
    unknown = run_cli("rules", "no/such-rule")
    assert unknown.returncode == 2 and "unknown rule 'no/such-rule'" in unknown.stderr


def test_version(run_cli: CliRun) -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and "cleanup" in result.stdout


def test_dash_as_output_means_standard_output(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("He left. .. Then he returned.\n", encoding="utf-8")
    fixed = run_cli("fix", str(path), "-o", "-", cwd=tmp_path)
    assert fixed.stdout == "He left. Then he returned.\n", fixed.stderr
    checked = run_cli("check", str(path), "--format", "json", "--output", "-", cwd=tmp_path)
    assert '"punctuation/stray-dots"' in checked.stdout
    reviewed = run_cli("review", str(path), "-o", "-", input="y\n", cwd=tmp_path)
    assert reviewed.stdout == "He left. Then he returned.\n", reviewed.stderr
    assert not (tmp_path / "-").exists()


def test_verbose_works_before_or_after_the_command(run_cli: CliRun, tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "He left. .. Then he returned.\n")
    after = run_cli("fix", "-v", str(article))
    before = run_cli("-v", "fix", str(article))
    assert after.returncode == before.returncode == 0
    edit = f"{article}: punctuation/stray-dots ' ..' → '' (Stray '..' after a finished sentence)"
    assert edit in after.stderr.splitlines()

    def untimed(stderr: str) -> str:  # the summary's time differs from run to run
        return re.sub(r" in \d+\.\d+s$", "", stderr, flags=re.MULTILINE)

    assert untimed(after.stderr) == untimed(before.stderr) and after.stdout == before.stdout


def test_quiet_leaves_out_summaries_but_not_results_or_errors(
    run_cli: CliRun, tmp_path: Path
) -> None:
    article = write(tmp_path / "a.txt", "He left. .. Then he returned.\n")
    fixed = run_cli("fix", str(article), "-q")
    assert fixed.stdout == "He left. Then he returned.\n" and fixed.stderr == ""
    assert "1 article, 1 fix" in run_cli("fix", str(article)).stderr  # what -q left out
    loud = run_cli("check", str(article), "--format", "json")
    quiet = run_cli("-q", "check", str(article), "--format", "json")
    assert quiet.stdout == loud.stdout and quiet.returncode == loud.returncode == 1
    assert "1 article checked" in loud.stderr and quiet.stderr == ""
    text = run_cli("check", "-q", str(article))
    assert "[punctuation/stray-dots]" in text.stdout and "article checked" not in text.stdout
    missing = run_cli("check", "-q", "--format", "json", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "cleanup: error:" in missing.stderr
    both = run_cli("-q", "check", "-v", str(article))
    assert both.returncode == 2 and "-q and -v cannot be used together" in both.stderr


def test_every_command_documents_verbose_and_quiet() -> None:
    from click.testing import CliRunner

    from cleanup.cli.main import cli

    commands = [[], ["fix"], ["check"], ["review"], ["config"], ["rules"]]
    commands += [["gazetteer", "check"], ["gazetteer", "import"]]
    commands += [["languagetool", "install"], ["languagetool", "serve"]]
    for command in commands:
        shown = CliRunner().invoke(cli, [*command, "--help"])
        assert shown.exit_code == 0, command
        assert "-v, --verbose" in shown.output and "-q, --quiet" in shown.output, command
