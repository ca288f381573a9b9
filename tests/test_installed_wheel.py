"""What a user gets from `pip install .`: the built wheel, installed into a fresh virtualenv outside
the checkout, run from another folder. The rest of the suite runs the editable checkout; these
tests prove the wheel carries the rules, gazetteers and the LanguageTool Maven file, and that the
pre-commit hook and the documented GitHub workflow work as a user would run them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import CliRun
from tests.corpus import write_folder
from tests.paths import ROOT, SEED

pytestmark = pytest.mark.slow


class Installed:
    """A virtualenv holding only the built wheel and its dependencies."""

    def __init__(self, venv: Path, wheel: Path) -> None:
        self.venv = venv
        self.wheel = wheel
        self.bin = venv / "bin"

    def env(self, **extra: str) -> dict[str, str]:
        # nothing of the checkout or the test environment's packages may leak in
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        return {**env, "NO_COLOR": "1", **extra}

    def run(
        self, *args: str, cwd: Path, timeout: float = 600, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args),
            cwd=cwd,
            env=self.env(**env),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(base / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (base / "dist").glob("cleanup-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    yield Installed(venv, wheel)


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the checkout holding a copy of the seed article."""
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


def test_wheel_carries_every_module_rule_and_gazetteer(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "cleanup").rglob("*.py")}
    assert modules <= names, f"modules missing from the wheel: {sorted(modules - names)}"
    data = {
        "cleanup/ruledata/" + p.relative_to(ROOT / "rules").as_posix()
        for p in (ROOT / "rules").rglob("*")
        if p.is_file() and p.suffix in (".yaml", ".md")
    }
    assert any(name.endswith("/calques.yaml") for name in data)
    assert data <= names, f"rule files missing from the wheel: {sorted(data - names)}"
    assert {"cleanup/py.typed", "cleanup/languagetool/pom.xml"} <= names
    assert "cleanup/gazetteer/frequent_words.txt" in names
    # the review page's style and script, inlined into every page from these files
    assert {"cleanup/report/html/review.css", "cleanup/report/html/review.js"} <= names


def test_installed_check_finds_what_the_checkout_finds(
    installed: Installed, elsewhere: Path, run_cli: CliRun
) -> None:
    args = ("check", "--no-cache", "--format", "json", SEED.name)
    from_wheel = installed.run("cleanup", *args, cwd=elsewhere)
    from_checkout = run_cli(*args, cwd=elsewhere)
    assert from_wheel.returncode == from_checkout.returncode == 1, from_wheel.stderr
    assert from_wheel.stdout == from_checkout.stdout
    rules = {f["rule"] for f in json.loads(from_wheel.stdout)["files"][0]["findings"]}
    assert {"encoding/mojibake", "names/known-variant", "artifact/calque/iron-wall"} <= rules


def test_installed_fix_repairs_the_seed(installed: Installed, elsewhere: Path) -> None:
    result = installed.run("cleanup", "fix", SEED.name, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert "Sergey Lavrov" in result.stdout and "Sergeń≠" not in result.stdout


def test_installed_rules_lists_and_explains(installed: Installed, elsewhere: Path) -> None:
    listing = installed.run("cleanup", "rules", cwd=elsewhere)
    assert listing.returncode == 0, listing.stderr
    count = re.search(r"^(\d+) rules\.", listing.stdout, re.MULTILINE)
    assert count and int(count.group(1)) > 30
    explained = installed.run("cleanup", "rules", "artifact/calque/iron-wall", cwd=elsewhere)
    assert explained.returncode == 0, explained.stderr
    assert "iron wall" in explained.stdout


def test_installed_version_comes_from_the_package_metadata(
    installed: Installed, elsewhere: Path
) -> None:
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', project, re.MULTILINE)
    assert version
    result = installed.run("cleanup", "--version", cwd=elsewhere)
    assert result.stdout.split() == ["cleanup,", "version", version.group(1)]


def test_installed_languagetool_install_finds_its_maven_file(
    installed: Installed, elsewhere: Path, tmp_path: Path
) -> None:
    """A fresh LanguageTool home, so Maven really runs on the pom.xml inside the wheel."""
    home = tmp_path / "lt-home"
    result = installed.run(
        "cleanup", "languagetool", "install", cwd=elsewhere, CLEANUP_LANGUAGETOOL_HOME=str(home)
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert list(home.glob("*/lib/languagetool-server-*.jar"))


def test_installed_tool_without_its_rules_stops_with_one_line(
    installed: Installed, elsewhere: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "no-rules"
    empty.mkdir()
    result = installed.run(
        "cleanup", "check", SEED.name, cwd=elsewhere, CLEANUP_RULES_DIR=str(empty)
    )
    assert result.returncode == 2
    assert result.stderr.startswith("cleanup: error: no rules found")
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_pre_commit_hook_runs_from_the_repository(tmp_path: Path) -> None:
    """`pre-commit try-repo` builds the hook's environment with `pip install .` of this repository,
    as every user of the hook gets it."""
    if not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout: pre-commit installs hooks from a repository")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            "cleanup-check",
            "--files",
            str(SEED.relative_to(ROOT)),
            "--color",
            "never",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # the seed has findings: the hook fails the commit
    assert re.search(r"cleanup check\.+Failed", output), output
    assert "encoding/mojibake" in output and "artifact/calque/iron-wall" in output


def _workflow_steps() -> list[dict[str, str]]:
    doc = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", doc, re.DOTALL)
    assert block
    workflow = yaml.safe_load(block.group(1))
    steps: list[dict[str, str]] = workflow["jobs"]["cleanup"]["steps"]
    return steps


def test_github_workflow_runs_step_by_step(installed: Installed, tmp_path: Path) -> None:
    """The `run:` steps of docs/github-actions.md in a copy of a repository with a corpus. The
    `uses:` steps (checkout, setup-python, cache, SARIF upload) are GitHub's own and cannot run
    here; the checkout is the copy, Python the fresh virtualenv."""
    repo = tmp_path / "repo"
    shutil.copytree(
        ROOT,
        repo,
        ignore=shutil.ignore_patterns(
            ".git", "*.egg-info", "build", "dist", "__pycache__", ".*cache"
        ),
    )
    write_folder(repo / "corpus", limit=12)
    # the note below the workflow: record the baseline once and commit it
    recorded = installed.run(
        "cleanup", "check", "corpus/", "--write-baseline", ".cleanup-baseline.json", cwd=repo
    )
    assert recorded.returncode == 0, recorded.stderr
    runs = [step["run"] for step in _workflow_steps() if "run" in step]
    assert len(runs) == 3  # install, check with annotations, SARIF report
    for script in runs:
        done = installed.run("bash", "-euo", "pipefail", "-c", script, cwd=repo)
        assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"
    sarif = json.loads((repo / "cleanup.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    # a new problem in a pull request fails the check step with an annotation
    article = next((repo / "corpus").rglob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + "\nHe left. .. Then.\n", "utf-8")
    failed = installed.run("bash", "-euo", "pipefail", "-c", runs[1], cwd=repo)
    assert failed.returncode == 1
    assert "::warning file=corpus/" in failed.stdout and "punctuation/stray-dots" in failed.stdout
