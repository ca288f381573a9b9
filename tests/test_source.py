"""Checks against the source text: JSONL records with a source field, the number check across
notations, the committed perturbation set and the held-out precision report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.precision_source import MIN_PRECISION, REPORT, measure, summarize
from bench.source_numbers import MAX_CLEAN_FLAGGED, MIN_FLAGGED, load, rates
from cleanup.core.document import Document
from cleanup.core.pipeline import process
from cleanup.settings.config import Config
from cleanup.stages import compile_rules
from tests.conftest import CliRun

SOURCE_RULES = compile_rules(Config(select=("source",), use_cache=False))


def source_findings(target: str, source: str | None, lang: str | None = None) -> list[str]:
    document = Document.from_text(target)
    document.source, document.source_lang = source, lang
    return [f.rule for f in process(document, SOURCE_RULES).findings]


@pytest.mark.parametrize(
    ("source", "good", "bad"),
    [
        (
            "共有三千人参加。",
            "Three thousand people, 3,000 in all, took part.",
            "About 3,500 took part.",
        ),
        ("销量达1.2万台。", "Sales reached 12,000 units.", "Sales reached 1,200 units."),
        ("投资3亿元。", "It invested 300 million yuan.", "It invested 3 million yuan."),
        (
            "会议于二月二日举行。",
            "The meeting was held on February 2.",
            "It was held on February 12.",
        ),
        ("增长１２％。", "It grew 12 per cent.", "It grew 21 per cent."),
        ("耗资30亿美元。", "It cost $3 billion.", "It cost $3,000,000."),
        ("耗资30亿美元。", "It cost 3,000,000,000 dollars.", "It cost 300,000,000 dollars."),
        ("增长百分之五。", "It grew 5 percent.", "It grew 15 percent."),
        (
            "预计1200万至1400万人次。",
            "From 12 to 14 million visits.",
            "From 12 to 15 million visits.",
        ),
        ("超过一百万人参加。", "More than a million people took part.", "Over 100,000 took part."),
        ("下午3时开始。", "It began at 3 p.m.", "It began at 4 p.m."),
    ],
)
def test_numbers_compare_by_value_across_notations(source: str, good: str, bad: str) -> None:
    assert source_findings(good, source) == []
    assert "source/number-mismatch" in source_findings(bad, source)


def test_words_that_are_numerals_and_codes_are_not_numbers() -> None:
    assert source_findings("A man was arrested on Monday.", "一名男子周一被捕。") == []
    assert source_findings("It is very important.", "这十分重要。") == []
    assert source_findings("The G20 met on COVID-19.", "二十国集团就新冠开会。") == []


def test_no_source_means_no_source_checks() -> None:
    assert source_findings("It invested 3 million yuan. 外交部", None) == []


def test_missing_number_quotes_the_source_sentence() -> None:
    document = Document.from_text("Sales rose sharply.")
    document.source = "销量升至3000台。价格不变。"
    (finding,) = process(document, SOURCE_RULES).findings
    assert finding.rule == "source/number-mismatch"
    assert "销量升至3000台。" in finding.message and "价格不变" not in finding.message


def test_paragraphs_align_one_to_one_when_counts_match() -> None:
    target = "Sales reached 12,000 units.\n\nIt invested 300 million yuan."
    # the same numbers, paragraphs swapped: each paragraph's own source lacks its number
    assert (
        source_findings(target, "投资3亿元。\n\n销量达1.2万台。").count("source/number-mismatch")
        == 2
    )
    assert source_findings(target, "销量达1.2万台。\n\n投资3亿元。") == []


def test_untranslated_and_omission() -> None:
    found = source_findings("The spokesman of 外交部 said so.", "外交部发言人这样说。")
    assert found == ["source/untranslated"]
    long_source = (
        "部长周二在北京举行的新闻发布会上表示，政府将在未来三年内投入更多资金用于农村基础设施建设。"
    )
    assert "source/omission" in source_findings("The minister spoke.", long_source)


def write_corpus(path: Path, with_source: bool = True) -> None:
    records = [
        {"id": "a", "text": "Sales reached 1,200 units.", "src": "销量达1.2万台。"},
        {"id": "b", "text": "Sales reached 12,000 units.", "src": "销量达1.2万台。"},
        {"id": "c", "text": "Sales reached 1,200 units.", "src": None},
    ]
    with path.open("w", encoding="utf-8") as out:
        for r in records:
            if not with_source:
                r.pop("src")
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


def test_jsonl_source_field_turns_the_checks_on(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    write_corpus(path)
    args = ("check", str(path), "--format", "json", "--no-cache", "--select", "source")
    result = run_cli(*args, "--source-field", "src")
    files = json.loads(result.stdout)["files"]
    rules = {f["path"].split("#")[1]: [x["rule"] for x in f["findings"]] for f in files}
    assert rules == {"a": ["source/number-mismatch"], "b": [], "c": []}
    assert "12,000" in files[0]["findings"][0]["message"]  # the source's 1.2万, as a value
    plain = json.loads(run_cli(*args).stdout)["files"]
    assert all(f["findings"] == [] for f in plain)


def test_jsonl_record_without_the_source_field_is_its_error(
    run_cli: CliRun, tmp_path: Path
) -> None:
    path = tmp_path / "c.jsonl"
    write_corpus(path, with_source=False)
    result = run_cli("check", str(path), "--format", "json", "--source-field", "src")
    files = json.loads(result.stdout)["files"]
    assert [f["error"] for f in files] == ["no source field 'src'"] * 3


def test_committed_perturbation_set_meets_the_bar() -> None:
    measured = rates(load())
    assert measured["perturbed"] >= 100 and measured["clean_segments"] >= 500
    assert measured["perturbed_flagged"] >= MIN_FLAGGED
    assert measured["clean_flagged"] <= MAX_CLEAN_FLAGGED


def test_heldout_precision_report_is_current_and_meets_the_bar() -> None:
    report = json.loads(REPORT.read_text(encoding="utf-8"))
    assert report["half"] == "heldout"
    assert report["rules"]["all"]["precision"] >= MIN_PRECISION
    flags, segments = measure("heldout")
    assert summarize(flags, segments)["rules"] == report["rules"]


def test_source_file_beside_a_text_file(run_cli: CliRun, tmp_path: Path) -> None:
    target, source = tmp_path / "t.txt", tmp_path / "s.txt"
    target.write_text("Sales reached 1,200 units.\n\nPrices held.\n", encoding="utf-8")
    source.write_text("销量达1.2万台。\n\n价格持平。\n", encoding="utf-8")
    result = run_cli("check", str(target), "--source", str(source), "--format", "json")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["text"]) for f in findings] == [("source/number-mismatch", "1,200")]
    alone = run_cli("check", str(target), "--format", "json")
    assert json.loads(alone.stdout)["files"][0]["findings"] == []


def test_source_file_with_other_paragraphs_is_one_error_line(
    run_cli: CliRun, tmp_path: Path
) -> None:
    target, source = tmp_path / "t.txt", tmp_path / "s.txt"
    target.write_text("One.\n\nTwo.\n", encoding="utf-8")
    source.write_text("一。\n", encoding="utf-8")
    result = run_cli("check", str(target), "--source", str(source))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"cleanup: error: {target} has 2 paragraphs and its source {source} has 1: "
        "--source needs the same paragraphs, separated by blank lines, in both"
    ]


def test_a_source_name_left_in_a_wrong_reading_or_given_to_a_namesake() -> None:
    document = Document.from_text("Shu Kinpei met Abe.")
    document.source, document.source_lang = "習近平は安倍晋三と会談した。", "ja"
    (finding,) = process(document, SOURCE_RULES).findings
    assert (finding.rule, finding.text, finding.replacement) == (
        "source/name-mismatch",
        "Shu Kinpei",
        "Xi Jinping",
    )
    assert source_findings("Premier Li Keqiang spoke.", "国务院总理李强讲话。") == [
        "source/name-mismatch"
    ]
    assert source_findings("Xi Jinping met Shinzo Abe.", "习近平会见了安倍晋三。") == []
    # the namesake named in the source too: no mismatch
    assert source_findings("Li Qiang and Li Keqiang met.", "李强和李克强会面。") == []
