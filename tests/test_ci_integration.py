"""The pieces CI and pre-commit use: the hook definitions and the progress bar's discretion."""

from __future__ import annotations

import io
import shlex
import sys
from pathlib import Path

import pytest
import yaml

from cleanup.commands.common import progress
from tests.conftest import CliRun
from tests.paths import ROOT


def test_pre_commit_hooks_run_as_declared(run_cli: CliRun, tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"cleanup-check", "cleanup-fix"}
    article = tmp_path / "a.md"
    article.write_text("He left. .. Then he returned.\n", encoding="utf-8")
    for hook in hooks:
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
    check = shlex.split(by_id["cleanup-check"]["entry"])
    assert check[0] == "cleanup"
    assert run_cli(*check[1:], str(article)).returncode == 1
    fix = shlex.split(by_id["cleanup-fix"]["entry"])
    assert run_cli(*fix[1:], str(article)).returncode == 0
    assert article.read_text(encoding="utf-8") == "He left. Then he returned.\n"
    assert run_cli(*check[1:], str(article)).returncode == 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    items = iter([])
    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NO_PROGRESS", raising=False)
    assert progress(items, 3) is not items  # wrapped in a bar
    monkeypatch.setenv("CI", "true")
    assert progress(items, 3) is items
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # piped
    assert progress(items, 3) is items
