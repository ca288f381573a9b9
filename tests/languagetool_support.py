"""Helpers for tests that need LanguageTool: skip (a failure under CLEANUP_REQUIRE_ALL=1) when it
is not installed, and find the Java processes a given Python process started."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleanup.languagetool.install import find_installation, find_java, pinned_version
from cleanup.languagetool.server import OWNER_PROPERTY


def require_languagetool() -> None:
    if find_java() is None:
        pytest.skip("no java: LanguageTool needs Java 17+")
    if find_installation() is None:
        version = pinned_version()
        pytest.skip(f"LanguageTool {version} missing: `python -m cleanup languagetool install`")


def java_processes_of(pid: int) -> list[int]:
    """Pids of LanguageTool servers that the Python process ``pid`` started and that still run."""
    marker = f"-D{OWNER_PROPERTY}={pid}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmdline.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def has_proc() -> bool:
    return os.path.isdir("/proc/self")
