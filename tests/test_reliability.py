"""Bad input gets one clear line and exit 2; nothing of the user's data is ever lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CliRun
from tests.paths import ROOT

MOJIBAKE = "Russian Foreign Minister Sergeń≠ Viklov spoke. ..\n"
FIXED = "Russian Foreign Minister Sergey Lavrov spoke.\n"  # encoding, then names by role


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("cleanup: ")]
    assert "Traceback" not in stderr
    return "\n".join(lines)


def test_binary_file_is_refused_and_the_others_still_processed(
    run_cli: CliRun, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(MOJIBAKE, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    (tmp_path / "in" / "c.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50 + b"ab")
    result = run_cli("fix", str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert "b.txt: looks like a binary file" in message and "c.txt: looks like a binary" in message
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == FIXED
    assert not (tmp_path / "out" / "b.txt").exists()

    check = run_cli("check", str(tmp_path / "in"), "--format", "json")
    assert check.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(check.stdout)["files"]}
    assert "binary" in files["b.txt"]["error"] and files["a.txt"]["findings"]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Le président Macron a déclaré que la réunion était très productive.\n"),
        ("cp1250", "Zelenski przyjechał do Łodzi i Krakowa w piątek.\n"),
        ("shift_jis", "ウクライナのゼレンスキー大統領は金曜日、キーウで記者会見を開いた。\n"),
    ],
)
def test_legacy_encodings_are_detected_reported_and_written_as_utf8(
    run_cli: CliRun, tmp_path: Path, encoding: str, text: str
) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(text.encode(encoding))
    fixed = run_cli("fix", str(source), "-o", str(tmp_path / "out.txt"))
    assert fixed.returncode == 0, fixed.stderr
    assert (tmp_path / "out.txt").read_bytes() == text.encode("utf-8")
    report = json.loads(run_cli("check", str(source), "--format", "json").stdout)
    rules = [f["rule"] for f in report["files"][0]["findings"]]
    assert "encoding/source-encoding" in rules


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbf" + MOJIBAKE.encode(), b"\xef\xbb\xbf" + FIXED.encode()),
        (MOJIBAKE.replace("\n", "\r\n").encode(), FIXED.replace("\n", "\r\n").encode()),
        (("\ufeff" + MOJIBAKE).encode("utf-16-le"), b"\xef\xbb\xbf" + FIXED.encode()),
        (b"", b""),
    ],
    ids=["utf8-bom", "crlf", "utf16-bom", "empty"],
)
def test_bom_and_newlines_survive_in_place(
    run_cli: CliRun, tmp_path: Path, data: bytes, expected: bytes
) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(data)
    result = run_cli("fix", str(source), "--in-place")
    assert result.returncode == 0, result.stderr
    assert source.read_bytes() == expected


def test_missing_path_and_symlink_loop_are_one_line_each(run_cli: CliRun, tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = run_cli(
        "fix", str(tmp_path / "missing.txt"), str(loop), "--output-dir", str(tmp_path / "o")
    )
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert "missing.txt: no such file" in message and "loop.txt: cannot read" in message
    assert not (tmp_path / "o").exists()


def test_directory_as_output_file_is_a_usage_error(run_cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(MOJIBAKE, encoding="utf-8")
    result = run_cli("fix", str(tmp_path / "a.txt"), "-o", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_malformed_rule_file_names_file_line_and_problem(run_cli: CliRun, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("rules:\n  - id: x\n    message: [unclosed\n", encoding="utf-8")
    result = run_cli("rules", env={"CLEANUP_RULES_DIR": str(rules)})
    assert result.returncode == 2
    assert f"{rules / 'bad.yaml'}:" in result.stderr and "invalid YAML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_in_place_on_a_full_disk_leaves_the_original_intact(
    run_cli: CliRun, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        source = disk / "a.txt"
        original = (MOJIBAKE * 900).encode()  # ~45 KB: the rewrite cannot fit beside it
        source.write_bytes(original)
        result = run_cli("fix", str(source), "--in-place")
        assert result.returncode == 2
        assert "cannot write" in one_line(result.stderr)
        assert source.read_bytes() == original
        assert sorted(p.name for p in disk.iterdir()) == ["a.txt"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:04}.txt").write_text(MOJIBAKE * 40, encoding="utf-8")
    yield folder


def test_ctrl_c_stops_cleanly_with_exit_130(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cleanup", "fix", str(corpus), "--output-dir", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    # wait for a finished article, not a temporary file (one interrupted there is rightly removed)
    deadline = time.monotonic() + 180
    while not (out.exists() and any(out.glob("*.txt"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    written = list(out.rglob("*"))
    assert written, "the run was interrupted before it wrote anything"
    wrong = [p.name for p in written if p.read_text(encoding="utf-8") != FIXED * 40]
    assert not wrong, f"half-written or left-over files: {wrong}"
    assert all(p.read_text(encoding="utf-8") == MOJIBAKE * 40 for p in corpus.iterdir())


def test_twenty_megabyte_single_line_completes(run_cli: CliRun, tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    source.write_text(("The deployment will include “about” 2,000 troops. " * 400_000)[:20_000_000])
    result = run_cli("check", str(source), "--format", "json", "--exit-zero")
    assert result.returncode == 0, result.stderr[-500:]
    assert json.loads(result.stdout)["files"][0]["path"] == str(source)
