"""JSONL corpora: one article per record, fixed record for record, broken lines kept."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from cleanup import clean
from cleanup.io.jsonl import patch_text_field
from tests.conftest import CliRun
from tests.corpus import write_jsonl

STRAY = " .."  # a stray '..' after a finished sentence: a safe fix


def corpus(tmp_path: Path, n: int = 50) -> tuple[Path, list[dict[str, object]]]:
    path = tmp_path / "corpus.jsonl"
    records = write_jsonl(path, n)
    # give every third record something to fix, so changed and unchanged lines mix
    for i in range(0, n, 3):
        records[i]["text"] = f"The talks ended.{STRAY} {records[i]['text']}"
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path, records


def test_fix_keeps_ids_order_and_other_fields(run_cli: CliRun, tmp_path: Path) -> None:
    path, records = corpus(tmp_path)
    out = tmp_path / "fixed.jsonl"
    result = run_cli("fix", str(path), "-o", str(out), "-j", "2")
    assert result.returncode == 0, result.stderr
    lines_in = path.read_bytes().splitlines(keepends=True)
    lines_out = out.read_bytes().splitlines(keepends=True)
    assert len(lines_out) == 50
    fixed = [json.loads(line) for line in lines_out]
    assert [r["id"] for r in fixed] == [r["id"] for r in records]
    for before, after, raw_in, raw_out in zip(records, fixed, lines_in, lines_out, strict=True):
        assert list(after) == list(before)  # key order
        assert {k: v for k, v in after.items() if k != "text"} == {
            k: v for k, v in before.items() if k != "text"
        }
        expected = clean(str(before["text"])).text
        assert after["text"] == expected
        if expected == before["text"]:
            assert raw_out == raw_in  # unchanged records are copied byte for byte
    assert b'"score": 1000.0' in lines_out[1]  # numbers keep their spelling


def test_check_reports_one_entry_per_record(run_cli: CliRun, tmp_path: Path) -> None:
    path, records = corpus(tmp_path)
    result = run_cli("check", str(path), "--format", "json", "--select", "punctuation")
    assert result.returncode == 1, result.stderr
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == [f"{path}#{r['id']}" for r in records]
    flagged = [i for i, f in enumerate(files) if f["findings"]]
    assert flagged == list(range(0, 50, 3))


def test_broken_line_is_reported_and_copied_unchanged(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [
        '{"id": 1, "text": "He left. .. Then he returned."}\n',
        '{"id": 2, "text": "unterminated\n',
        '{"id": 3, "body": "no text field"}\n',
        '{"id": 4, "text": "Fine."}\n',
    ]
    path.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("fix", str(path), "-o", str(out))
    assert result.returncode == 2
    assert f"{path}:2: not JSON" in result.stderr
    assert f"{path}: no field 'text' in 1 of 4 records (line 3); fields present: id, body" in (
        result.stderr
    )
    written = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert written[1:] == lines[1:]
    assert json.loads(written[0])["text"] == "He left. Then he returned."
    check = run_cli("check", str(path))
    assert check.returncode == 2 and f"cleanup: error: {path}:2: not JSON" in check.stderr


def test_gzipped_corpus_is_written_gzipped_and_custom_fields(
    run_cli: CliRun, tmp_path: Path
) -> None:
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write('{"body": "He left. .. Then he returned.", "key": "a"}\n')
    result = run_cli(
        "fix",
        str(path),
        "--output-dir",
        str(tmp_path / "out"),
        "--text-field",
        "body",
        "--id-field",
        "key",
    )
    assert result.returncode == 0, result.stderr
    with gzip.open(tmp_path / "out" / "c.jsonl.gz", "rt", encoding="utf-8") as handle:
        assert json.loads(handle.read()) == {"body": "He left. Then he returned.", "key": "a"}
    check = run_cli("check", str(path), "--text-field", "body", "--id-field", "key")
    assert f"{path}#a:1:" in check.stdout


def test_patch_keeps_escaped_style_and_duplicate_keys() -> None:
    raw = b'{"text": "caf\\u00e9 ..", "x": {"text": "inner"}}'
    assert (
        patch_text_field(raw, "text", "café") == b'{"text": "caf\\u00e9", "x": {"text": "inner"}}'
    )


def test_records_without_the_text_field_are_one_line_naming_the_fields_they_have(
    run_cli: CliRun, tmp_path: Path
) -> None:
    path = tmp_path / "corpus.jsonl"
    rows = [{"id": i, "body": f"He left. .. {i}", "url": f"u{i}"} for i in range(50)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    expected = (
        f"cleanup: error: {path}: no field 'text' in 50 records; fields present: id, body, url "
        "— use --text-field"
    )
    for fmt in ("text", "json"):
        check = run_cli("check", str(path), "--format", fmt)
        assert check.returncode == 2
        assert check.stderr.splitlines()[0] == expected
        assert check.stderr.count("no field") == 1
    fix = run_cli("fix", str(path), "-o", str(tmp_path / "out.jsonl"))
    assert fix.returncode == 2 and fix.stderr.count("no field") == 1
    assert (tmp_path / "out.jsonl").read_bytes() == path.read_bytes()  # copied, not dropped
    with_field = run_cli("check", str(path), "--text-field", "body", "--format", "json")
    assert with_field.returncode == 1 and "no field" not in with_field.stderr


def test_null_text_is_an_empty_article_and_stays_null(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = '{"id": 1, "text": null}\n{"id": 2, "text": "He left. .. Then he returned."}\n'
    path.write_text(lines, encoding="utf-8")
    check = run_cli("check", str(path), "--format", "json")
    assert check.returncode == 1 and "error" not in check.stderr
    first = json.loads(check.stdout)["files"][0]
    assert first["path"] == f"{path}#1" and first["findings"] == [] and "error" not in first
    out = tmp_path / "out.jsonl"
    assert run_cli("fix", str(path), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == '{"id": 1, "text": null}'
