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


# Ctrl-C or SIGTERM arriving while the pool forks its workers: the signal is sent from an
# at-fork handler of the parent, the worst moment (a KeyboardInterrupt raised inside one is
# reported as "unraisable" by CPython and dropped, and the run used to go on to the end).
_SIGNAL_AT_FORK = """
import os, signal, sys
from cleanup.cli.main import main
sent = []
def once():
    if not sent:
        sent.append(1)
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
os.register_at_fork(after_in_parent=once)
main(["check", "--no-cache", "-j", "2", sys.argv[2]])
"""


@pytest.mark.parametrize(
    ("name", "code", "said"), [("SIGINT", 130, "interrupted"), ("SIGTERM", 143, "terminated")]
)
def test_a_signal_during_the_fork_of_the_workers_stops_the_run(
    folder: Path, name: str, code: int, said: str
) -> None:
    import os
    import subprocess
    import sys

    from tests.paths import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _SIGNAL_AT_FORK, name, str(folder)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == code, done.stderr[-2000:]
    assert said in done.stderr and "Traceback" not in done.stderr
    assert "articles checked" not in done.stderr
