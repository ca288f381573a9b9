"""Baselines: today's findings recorded; the next run fails only on what is new."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CliRun
from tests.corpus import write_folder

NEW_PARAGRAPH = "Talks resumed on Monday. .. Officials said little.\n\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("baseline")
    write_folder(root)  # every MQM article (a few hundred) and the seed
    return root


def test_baseline_passes_until_something_new_appears(
    run_cli: CliRun, corpus: Path, tmp_path: Path
) -> None:
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    baseline = tmp_path / "baseline.json"
    written = run_cli("check", str(work), "--write-baseline", str(baseline))
    assert written.returncode == 0, written.stderr
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert recorded and "findings recorded in" in written.stderr

    again = run_cli("check", str(work), "--baseline", str(baseline), "--format", "json")
    assert again.returncode == 0, again.stdout
    assert all(not f["findings"] for f in json.loads(again.stdout)["files"])

    # one new artifact at the top of the seed: every old finding moves down two lines
    seed = work / "000_0f3790107ac6dcad.txt"
    seed.write_text(NEW_PARAGRAPH + seed.read_text(encoding="utf-8"), encoding="utf-8")
    new = run_cli("check", str(work), "--baseline", str(baseline), "--format", "json")
    assert new.returncode == 1
    flagged = [(f["path"], x) for f in json.loads(new.stdout)["files"] for x in f["findings"]]
    assert len(flagged) == 1
    path, finding = flagged[0]
    assert path == str(seed)
    assert (finding["rule"], finding["line"], finding["text"]) == (
        "punctuation/stray-dots",
        1,
        " ..",
    )


def test_rewriting_a_baseline_records_known_findings_too(run_cli: CliRun, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("He left. .. Then he returned.\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    assert run_cli("check", str(article), "--write-baseline", str(baseline)).returncode == 0
    again = run_cli(
        "check", str(article), "--baseline", str(baseline), "--write-baseline", str(baseline)
    )
    assert again.returncode == 0
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) == 1


def test_baseline_errors_are_one_line(run_cli: CliRun, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Fine.\n", encoding="utf-8")
    missing = run_cli("check", str(article), "--baseline", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "no such baseline file" in missing.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    broken = run_cli("check", str(article), "--baseline", str(bad))
    assert broken.returncode == 2 and "not a cleanup baseline" in broken.stderr
