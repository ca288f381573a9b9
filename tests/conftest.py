"""Shared fixtures. With CLEANUP_REQUIRE_ALL=1 (set by .ci/run) a skipped test fails: a green CI
means LanguageTool, Chromium and Ray were really exercised."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Generator
from pathlib import Path

import pytest

from tests.paths import ROOT


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None]:
    outcome = yield
    report = outcome.get_result()
    required = os.environ.get("CLEANUP_REQUIRE_ALL") == "1"
    if report.skipped and required and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"required test skipped (CLEANUP_REQUIRE_ALL=1): {reason}"


CliRun = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> CliRun:
    """Run `python -m cleanup ARGS...` as a user would, against this checkout's package."""

    def run(
        *args: str,
        input: str | None = None,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "cleanup", *args],
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or ROOT,
            env=full_env,
            timeout=600,
        )

    return run
