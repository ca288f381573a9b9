"""`-j N` runs articles in a process pool; the report is the one `-j 1` gives, in input order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRun
from tests.corpus import write_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    write_folder(root)  # every MQM article (a few hundred) and the seed
    return root


def test_jobs_2_output_equals_jobs_1(run_cli: CliRun, folder: Path) -> None:
    one = run_cli("check", str(folder), "--format", "json", "-j", "1")
    two = run_cli("check", str(folder), "--format", "json", "-j", "2")
    assert one.returncode == two.returncode == 1, one.stderr + two.stderr
    assert one.stdout == two.stdout
    assert one.stdout.count('"path"') > 300
