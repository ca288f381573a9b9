"""Processes and faults: SIGTERM ends a run like Ctrl-C, a planted cache entry is a miss, a
LanguageTool server that answers nonsense or nothing is an error naming it, a gazetteer full of
duplicates stays cheap, and bidirectional controls cannot reorder the review page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CliRun
from tests.paths import ROOT

MOJIBAKE = "Russian Foreign Minister Sergeń≠ Viklov spoke. ..\n"
FIXED = "Russian Foreign Minister Sergey Lavrov spoke.\n"


def group_members(pgid: int) -> list[int]:
    """The live processes (not zombies) of process group ``pgid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry))
    return found


def test_sigterm_during_fix_in_place_ends_like_ctrl_c(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(200):
        (folder / f"{i:04}.txt").write_text(f"Article {i}.\n" + MOJIBAKE * 40, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLEANUP_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "cleanup", "fix", str(folder), "--in-place", "-j", "2",
         "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        start_new_session=True,
    )  # fmt: skip

    def fixed() -> int:
        return sum("Lavrov" in p.read_text(encoding="utf-8") for p in folder.glob("*.txt"))

    deadline = time.monotonic() + 180
    while fixed() < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    assert len(group_members(process.pid)) >= 3  # the run and its two workers
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # workers left alive hold its output open
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"the run or its workers outlived SIGTERM: {group_members(process.pid)}")
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr and "terminated" in stderr
    deadline = time.monotonic() + 10
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_members(process.pid) == []  # no worker left behind
    assert not [p for p in folder.iterdir() if not p.name.endswith(".txt")]  # no temporary file
    done = 0
    for i in range(200):
        text = (folder / f"{i:04}.txt").read_text(encoding="utf-8")
        assert text in (f"Article {i}.\n" + MOJIBAKE * 40, f"Article {i}.\n" + FIXED * 40)
        done += "Lavrov" in text
    assert 3 <= done < 200


# --- the result cache: an entry that does not validate is a miss, and is written again

ARTICLE = "He left the room. .. Then he  returned.\n"


def planted(entry: dict[str, object]) -> list[str]:
    """Entries of valid JSON but the wrong shape, from a real one."""
    import json

    finding = dict(entry["findings"][0])  # type: ignore[index]
    shapes: list[object] = [
        {**entry, "findings": [{**finding, "start": "x"}]},
        {**entry, "findings": [{**finding, "applied": "yes"}]},
        {**entry, "findings": [{**finding, "end": 10**9}]},
        {**entry, "findings": [{**finding, "severity": ["error"]}]},
        {**entry, "findings": [{**finding, "extra": 1}]},
        {**entry, "findings": "none"},
        {**entry, "text": 7},
        [entry],
        "entry",
    ]
    deep = "[" * 100_000 + "]" * 100_000
    nested = json.dumps({**entry, "findings": [{**finding, "text": "@"}]}).replace('"@"', deep)
    return [json.dumps(shape) for shape in shapes] + [deep, nested]


def test_a_cache_entry_of_the_wrong_shape_is_a_miss_and_is_rewritten(
    run_cli: CliRun, tmp_path: Path
) -> None:
    import json

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cache = tmp_path / "cache"
    args = ("check", str(article), "--format", "json", "--cache-dir", str(cache))
    fresh = run_cli(*args)
    assert fresh.returncode == 1, fresh.stderr
    (entry_path,) = (cache / "results").rglob("*.json")
    good = json.loads(entry_path.read_text(encoding="utf-8"))
    for bad in planted(good):
        entry_path.write_text(bad, encoding="utf-8")
        again = run_cli(*args)
        assert again.returncode == 1, again.stderr
        assert "Traceback" not in again.stderr and "internal error" not in again.stderr
        assert json.loads(again.stdout) == json.loads(fresh.stdout)
        assert json.loads(entry_path.read_text(encoding="utf-8")) == good  # rewritten
