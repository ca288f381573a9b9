"""`cleanup check` as a CI gate over a corpus: exit codes, report formats, scores."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from cleanup.core.model import FileReport, Finding, Result, Severity
from cleanup.report import github
from tests.conftest import CliRun
from tests.corpus import write_folder
from tests.paths import DATA

SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
CLEAN = "The Pentagon announced the deployment on Wednesday.\n"
ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=[^,:%\n]*(?:%(?:25|0D|0A|3A|2C)[^,:%\n]*)*"
    r",line=\d+(?:,col=\d+)?,endLine=\d+(?:,endColumn=\d+)?,title=[^,:\n]*::[^\r\n]*$"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gate")
    write_folder(root)  # every MQM article (a few hundred) and the seed
    return root


def test_exit_codes(run_cli: CliRun, corpus: Path, tmp_path: Path) -> None:
    assert run_cli("check", str(corpus)).returncode == 1  # the seed has findings
    assert run_cli("check", str(corpus), "--exit-zero").returncode == 0
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run_cli("check", str(clean)).returncode == 0
    # fail level chosen independently of what is shown: only warnings in this article
    warn = tmp_path / "warn.txt"
    warn.write_text("He left. .. Then he returned.\n", encoding="utf-8")
    assert run_cli("check", str(warn), "--fail-on", "error").returncode == 0
    assert run_cli("check", str(warn), "--fail-on", "info").returncode == 1
    missing = run_cli("check", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert run_cli("check", str(corpus), "--format", "nope").returncode == 2


def test_sarif_validates_against_the_2_1_0_schema(run_cli: CliRun, corpus: Path) -> None:
    result = run_cli("check", str(corpus), "--format", "sarif")
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"encoding/mojibake", "punctuation/stray-dots"} <= set(rules)
    for rule in rules.values():
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    results = run["results"]
    assert results and all(r["ruleId"] in rules for r in results)
    mojibake = next(r for r in results if r["ruleId"] == "encoding/mojibake")
    region = mojibake["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (37, 146, 153)
    assert mojibake["level"] == "error"
    prints = [next(iter(r["partialFingerprints"].values())) for r in results]
    assert len(set(prints)) == len(prints)
    scores = [a["score"] for art in run["artifacts"] for a in art["properties"]["articles"]]
    assert len(scores) > 300 and min(scores) < 100


def test_sarif_for_jsonl_points_at_the_record_line(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "Fine."}\n{"id": "b", "text": "He left. .. Then."}\n')
    log = json.loads(run_cli("check", str(path), "--format", "sarif").stdout)
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("c.jsonl")
    assert location["region"]["startLine"] == 2
    assert result["properties"]["record"] == "b"


def test_github_annotations_are_well_formed_and_capped(run_cli: CliRun, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(14):
        (folder / f"a{i:02}.txt").write_text("He left. .. Then he returned.\n", encoding="utf-8")
    result = run_cli("check", str(folder), "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::warning")]
    assert len(annotations) == 10
    assert all(ANNOTATION.match(line) for line in annotations), annotations[0]
    plain = [line for line in lines if line.startswith("warning: ")]
    assert len(plain) == 4  # the rest stay in the log
    assert lines[-1].startswith("::notice title=cleanup::4 warnings more not annotated")


def test_github_escapes_data_and_properties() -> None:
    text = "50% said: yes\nno"
    finding = Finding("r/x", "style", Severity.ERROR, 0, 3, "50%", "bad 100%\r\nthing")
    report = FileReport("dir,1/a:b.txt", Result(text, text, [finding]))
    (line,) = github.render([report]).splitlines()
    assert line.startswith("::error file=dir%2C1/a%3Ab.txt,line=1,col=1,endLine=1,endColumn=4,")
    assert line.endswith("::bad 100%25%0D%0Athing: '50%25'")
    assert ANNOTATION.match(line)


def test_junit_has_one_case_per_article_with_scores(run_cli: CliRun, corpus: Path) -> None:
    result = run_cli("check", str(corpus), "--format", "junit")
    root = ET.fromstring(result.stdout)
    cases = root.findall(".//testcase")
    assert len(cases) == len(list(corpus.rglob("*.txt")))
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    report = json.loads(run_cli("check", str(corpus), "--format", "json").stdout)
    failing = {
        f["path"] for f in report["files"] if any(x["severity"] != "info" for x in f["findings"])
    }
    assert failed == failing and str(corpus / "000_0f3790107ac6dcad.txt") in failed
    assert all(c.find("properties/property[@name='score']") is not None for c in cases)


def test_output_file_gets_the_report_and_terminal_the_summary(
    run_cli: CliRun, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.jsonl"
    result = run_cli("check", str(corpus), "--format", "jsonl", "--output", str(out))
    assert result.returncode == 1
    entries = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(entries) == len(list(corpus.rglob("*.txt")))
    assert all("score" in e and "words" in e for e in entries)
    assert re.fullmatch(
        r"\d+ articles checked: \d+ findings \(\d+ errors, .*\); \d+ fixable with `cleanup fix`"
        r" in \d+\.\ds\. Report: \S+ \(jsonl\)\.\n",
        result.stdout,
    )


def test_statistics_and_min_score(run_cli: CliRun, corpus: Path, tmp_path: Path) -> None:
    result = run_cli("check", str(corpus), "--statistics", "--exit-zero")
    assert "Findings per rule:" in result.stdout
    assert re.search(r"^\s+\d+\s+punctuation/stray-dots\s+\(\d+ fixable\)$", result.stdout, re.M)
    assert "Lowest scores (10 of" in result.stdout
    low = tmp_path / "low.txt"
    low.write_text("He left. .. Then. .. He came. .. Back.\n", encoding="utf-8")
    scored = run_cli("check", str(low), "--fail-on", "error", "--min-score", "90")
    assert scored.returncode == 1
    assert "score 50.0 (6 words), below --min-score 90" in scored.stdout
    assert run_cli("check", str(low), "--fail-on", "error", "--min-score", "50").returncode == 0


def test_json_streams_the_same_bytes_as_the_whole_document() -> None:
    """`check --format json` writes each article as it comes; the bytes equal one json.dumps."""
    from cleanup.report import json as json_report

    finding = Finding("names/fuzzy", "terminology", Severity.INFO, 0, 4, "Kiev", "Kyiv?", "Kyiv")
    reports = [
        FileReport("a.txt", Result("Kiev\n“quoted”\n", "Kiev\n“quoted”\n", [finding]), score=90.0),
        FileReport("missing.txt", error="no such file"),
        FileReport("c.jsonl:3", Result("", "", []), file="c.jsonl", line=3, suppressed=2),
    ]
    for some in (reports, reports[:1], []):
        streamed = json_report.Streamed()
        text = "".join(streamed.feed(r) for r in some) + streamed.close()
        assert text == (json_report.render(some) if some else "")
