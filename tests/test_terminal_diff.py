"""`fix --diff` in a terminal colours the changed words; piped or with NO_COLOR it stays plain."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

from cleanup.report.diff.unified import colored, unified
from tests.conftest import CliRun
from tests.paths import ROOT, SEED

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def in_terminal(*args: str, no_color: str = "") -> str:
    """Run cleanup with stdout on a pseudo-terminal; what it printed there."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": no_color, "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cleanup", *args],
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    assert process.wait(timeout=120) in (0, 1)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def plain_diff(run_cli: CliRun) -> str:
    done = run_cli("fix", str(SEED), "--diff", "--ignore", "names", env={"NO_COLOR": ""})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_diff_in_a_terminal_colours_removed_and_added_words(run_cli: CliRun) -> None:
    shown = in_terminal("fix", str(SEED), "--diff", "--ignore", "names")  # names: own tests
    red, green = "\x1b[31m\x1b[1m", "\x1b[32m\x1b[1m"
    assert f"{red}Sergeń≠\x1b[0m Viklov." in shown
    assert f"{green}Sergeĭ\x1b[0m Viklov." in shown
    # only the changed words are coloured, not whole lines
    line = next(x for x in shown.splitlines() if "Sergeń≠" in x)
    assert "Moscow then sent its own written response" in ANSI.sub("", line)
    assert line.count("\x1b[0m") == 2  # the "-" marker and the one word
    # the colours add to the diff and change nothing in it
    assert ANSI.sub("", shown) == plain_diff(run_cli)


def test_diff_in_a_terminal_honours_no_color(run_cli: CliRun) -> None:
    shown = in_terminal("fix", str(SEED), "--diff", "--ignore", "names", no_color="1")
    assert "\x1b[" not in shown
    assert shown == plain_diff(run_cli)


def test_diff_when_piped_is_the_plain_unified_diff(run_cli: CliRun) -> None:
    diff = plain_diff(run_cli)
    assert "\x1b[" not in diff
    assert diff.startswith(f"--- a/{SEED}\n+++ b/{SEED}\n@@ ")
    assert "\n-Moscow then sent" in diff and "\n+Moscow then sent" in diff


def test_coloured_diff_highlights_whole_changed_words() -> None:
    before, after = "He said “yes. ” Then\n", "He said “yes.” Then\n"
    text = colored("a.txt", before, after)
    assert ANSI.sub("", text) == unified("a.txt", before, after)
    assert "He said \x1b[31m\x1b[1m“yes. ”\x1b[0m Then" in text
    assert "He said \x1b[32m\x1b[1m“yes.”\x1b[0m Then" in text
