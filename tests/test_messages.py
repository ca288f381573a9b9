"""What the commands say to a person: error lines, summaries, wording, colour, file modes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cleanup.gate import FORMATS
from tests.conftest import CliRun

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
