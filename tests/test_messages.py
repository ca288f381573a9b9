"""What the commands say to a person: error lines, summaries, wording, colour, file modes."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.report.formats import FORMATS
from tests.conftest import CliRun
from tests.paths import ROOT, SEED

MOJIBAKE = "Russian Foreign Minister Sergeń≠ Viklov spoke. ..\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_input_is_one_stderr_line_in_every_format(
    run_cli: CliRun, tmp_path: Path, fmt: str
) -> None:
    write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("check", "nosuch.txt", "a.txt", "--format", fmt, cwd=tmp_path)
    assert result.returncode == 2
    line = "cleanup: error: nosuch.txt: no such file"
    assert result.stderr.count("nosuch.txt") == 1 and line in result.stderr.splitlines()
    assert line not in result.stdout
    assert "a.txt" in result.stdout  # the readable input is still reported


def test_missing_input_of_fix_is_one_stderr_line_and_the_others_are_written(
    run_cli: CliRun, tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", MOJIBAKE)
    result = run_cli("fix", "nosuch.jsonl", "a.txt", "--output-dir", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("nosuch.jsonl") == 1
    assert "cleanup: error: nosuch.jsonl: no such file" in result.stderr.splitlines()
    assert (tmp_path / "out" / "a.txt").is_file()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt"]


def test_json_report_records_the_missing_input_without_repeating_its_path(
    run_cli: CliRun, tmp_path: Path
) -> None:
    result = run_cli("check", "nosuch.txt", "--format", "json", cwd=tmp_path)
    assert json.loads(result.stdout)["files"] == [
        {"path": "nosuch.txt", "error": "no such file", "findings": []}
    ]


def test_fix_over_many_inputs_ends_with_one_summary_line(run_cli: CliRun, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path / "in" / name, MOJIBAKE)
    result = run_cli("fix", "in", "nosuch.txt", "--output-dir", "out", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "cleanup: error: nosuch.txt: no such file"
    assert re.fullmatch(
        r"cleanup: 4 articles, 9 fixes, 0 flags, 1 unreadable in \d+\.\ds", lines[1]
    )
    assert len(lines) == 2  # no line per article ...
    verbose = run_cli("-v", "fix", "in", "--output-dir", "out", cwd=tmp_path)
    for name in ("a.txt", "b.txt", "c.txt"):  # ... unless asked for
        assert f"in/{name}: 3 fixes applied, 0 flags to review" in verbose.stderr
    assert re.search(r"^cleanup: 3 articles, 9 fixes, 0 flags in ", verbose.stderr, re.M)


def _cli_with_umask(umask: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "cleanup", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(umask),
        timeout=300,
    )


@pytest.mark.parametrize(
    ("umask", "mode"),
    [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)],
    ids=["umask022", "umask077", "umask002"],
)
def test_new_output_files_get_the_mode_the_umask_gives(
    tmp_path: Path, umask: int, mode: int
) -> None:
    write(tmp_path / "a.txt", MOJIBAKE)
    write(tmp_path / "in" / "b.txt", MOJIBAKE)
    write(tmp_path / "c.jsonl", '{"id": 1, "text": "He left. .. Then."}\n')
    runs = [
        ("fix", "a.txt", "-o", "o.txt", "--html", "page.html"),
        ("fix", "in", "--output-dir", "out", "--html-dir", "pages"),
        ("fix", "c.jsonl", "-o", "c.out.jsonl"),
        ("check", "a.txt", "--format", "json", "--output", "report.json"),
        ("check", "a.txt", "--write-baseline", "baseline.json"),
    ]
    for args in runs:
        done = _cli_with_umask(umask, *args, cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
    written = ["o.txt", "page.html", "out/b.txt", "pages/b.txt.html", "c.out.jsonl"]
    written += ["report.json", "baseline.json"]
    for name in written:
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name


def test_in_place_keeps_the_files_own_mode_whatever_the_umask(tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", MOJIBAKE)
    os.chmod(source, 0o640)
    done = _cli_with_umask(0o077, "fix", "a.txt", "--in-place", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(source.stat().st_mode) == 0o640
    assert "Sergey Lavrov" in source.read_text(encoding="utf-8")


def _line_of(report: str, rule: str) -> str:
    return next(line for line in report.splitlines() if f"[{rule}]" in line)


def test_calque_line_names_its_phrase_and_replacement_once(run_cli: CliRun) -> None:
    done = run_cli("check", str(SEED))
    line = _line_of(done.stdout, "artifact/calque/iron-wall")
    assert line.count("iron wall") == 1 and line.count("ironclad") == 1
    assert line.endswith("‘iron wall’ → ‘ironclad’ (suggestion) — phrase list artifact/calque")
    mojibake = _line_of(done.stdout, "encoding/mojibake")
    assert mojibake.count("Sergeĭ") == 1 and mojibake.count("Sergeń≠") == 1


def test_check_says_would_fix_for_what_it_did_not_write(run_cli: CliRun) -> None:
    done = run_cli("check", str(SEED))
    assert "fixed" not in done.stdout
    assert "'Sergeń≠' (would fix: 'Sergeĭ')" in _line_of(done.stdout, "encoding/mojibake")


def test_one_finding_is_singular_in_every_summary(run_cli: CliRun, tmp_path: Path) -> None:
    write(tmp_path / "one.txt", "He left. .. Then.\n")
    done = run_cli("check", "one.txt", "--statistics", cwd=tmp_path)
    assert "one.txt: score 66.7 (3 words)" in done.stdout
    assert "Lowest scores (1 of 1 article):" in done.stdout
    assert "one.txt  (1 finding, 3 words)" in done.stdout
    assert re.search(r"^1 article checked: 1 finding \(1 warning\); 1 fixable ", done.stdout, re.M)
    seed = run_cli("check", str(SEED))
    assert "26 findings (3 errors, 19 warnings, 4 info)" in seed.stdout


def test_check_colours_severity_and_rule_on_a_terminal_only(run_cli: CliRun) -> None:
    from tests.test_terminal_diff import ANSI, in_terminal

    shown = in_terminal("check", str(SEED))
    line = _line_of(ANSI.sub("", shown), "encoding/mojibake")
    coloured = next(x for x in shown.splitlines() if "encoding/mojibake" in x)
    assert "\x1b[31m\x1b[1merror\x1b[0m [\x1b[36mencoding/mojibake\x1b[0m]" in coloured
    assert "\x1b[33m\x1b[1mwarning\x1b[0m" in shown and "\x1b[34m\x1b[1minfo\x1b[0m" in shown
    assert ANSI.sub("", coloured) == line
    piped = run_cli("check", str(SEED), env={"NO_COLOR": ""})
    assert "\x1b[" not in piped.stdout
    assert line in piped.stdout.splitlines()  # the same words, without the colours
    assert "\x1b[" not in in_terminal("check", str(SEED), no_color="1")
