"""Nothing is overwritten that the user did not ask to overwrite: colliding outputs, an output
folder that is the input folder, existing backups, symlinks and hard links edited in place."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import CliRun

BROKEN = "He left the room. .. Then he  returned.\n"
FIXED = "He left the room. Then he returned.\n"
OTHER = "She left. .. Then.\n"
OTHER_FIXED = "She left. Then.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors(stderr: str) -> list[str]:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("cleanup: error:")]


def test_two_inputs_with_one_output_name_stop_the_run_before_anything_is_written(
    run_cli: CliRun, tmp_path: Path
) -> None:
    write(tmp_path / "d1" / "a.txt", BROKEN)
    write(tmp_path / "d1" / "b.txt", BROKEN)
    write(tmp_path / "d2" / "a.txt", OTHER)
    out = tmp_path / "out"
    result = run_cli("fix", str(tmp_path / "d1"), str(tmp_path / "d2"), "--output-dir", str(out))
    assert result.returncode == 2
    lines = errors(result.stderr)
    assert len(lines) == 2, lines
    assert str(out / "a.txt") in lines[0]
    assert str(tmp_path / "d1" / "a.txt") in lines[0] and str(tmp_path / "d2" / "a.txt") in lines[0]
    assert "nothing was written" in lines[1]
    assert not out.exists() or not any(out.iterdir())


def test_an_html_page_and_a_text_file_of_one_name_collide(run_cli: CliRun, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", BROKEN)
    write(folder / "a.html", f"<html><body><article><p>{OTHER}</p></article></body></html>")
    write(folder / "c.txt", BROKEN)
    out = tmp_path / "out"
    result = run_cli("fix", str(folder), "--output-dir", str(out))
    assert result.returncode == 2
    lines = errors(result.stderr)
    target, inputs = lines[0].split(" would be written from each of ")
    assert target.endswith(str(out / "a.txt"))
    assert inputs == f"{folder / 'a.html'}, {folder / 'a.txt'}"
    assert not out.exists() or not any(out.iterdir())


def test_review_pages_of_two_inputs_with_one_name_collide(run_cli: CliRun, tmp_path: Path) -> None:
    write(tmp_path / "d1" / "a.txt", BROKEN)
    write(tmp_path / "d2" / "a.txt", OTHER)
    pages = tmp_path / "pages"
    result = run_cli(
        "fix", str(tmp_path / "d1"), str(tmp_path / "d2"), "--diff", "--html-dir", str(pages)
    )
    assert result.returncode == 2
    assert str(pages / "a.txt.html") in errors(result.stderr)[0]
    assert not pages.exists() or not any(pages.iterdir())


def test_output_dir_that_is_the_input_folder_is_refused(run_cli: CliRun, tmp_path: Path) -> None:
    folder = tmp_path / "same"
    write(folder / "a.txt", BROKEN)
    for args in ((str(folder), "--output-dir", str(folder)),
                 (str(folder / "a.txt"), "--output-dir", str(folder))):  # fmt: skip
        result = run_cli("fix", *args)
        assert result.returncode == 2
        (line,) = errors(result.stderr)
        assert "--in-place" in line
        assert (folder / "a.txt").read_text(encoding="utf-8") == BROKEN


def test_an_existing_backup_is_never_replaced(run_cli: CliRun, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", BROKEN)
    write(folder / "b.txt", BROKEN)
    write(folder / "b.txt.orig", "the user's own backup\n")
    corpus = write(folder / "c.jsonl", json.dumps({"text": OTHER}) + "\n")
    write(folder / "c.jsonl.orig", "kept\n")
    result = run_cli("fix", str(folder), "--in-place", "--backup", ".orig")
    assert result.returncode == 2
    lines = errors(result.stderr)
    assert len(lines) == 2, lines
    assert str(folder / "b.txt") in lines[0] and "b.txt.orig already exists" in lines[0]
    assert "c.jsonl.orig already exists" in lines[1]
    assert (folder / "b.txt.orig").read_text(encoding="utf-8") == "the user's own backup\n"
    assert (folder / "b.txt").read_text(encoding="utf-8") == BROKEN
    assert (folder / "c.jsonl.orig").read_text(encoding="utf-8") == "kept\n"
    assert json.loads(corpus.read_text(encoding="utf-8"))["text"] == OTHER
    assert (folder / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (folder / "a.txt.orig").read_text(encoding="utf-8") == BROKEN


@pytest.mark.parametrize("suffix", ["", "/x", "../x", "a/b"])
def test_a_backup_suffix_must_be_a_suffix(run_cli: CliRun, tmp_path: Path, suffix: str) -> None:
    article = write(tmp_path / "a.txt", BROKEN)
    result = run_cli("fix", str(article), "--in-place", "--backup", suffix)
    assert result.returncode == 2
    assert "--backup" in result.stderr and "Traceback" not in result.stderr
    assert article.read_text(encoding="utf-8") == BROKEN
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_in_place_edits_a_symlinks_target_and_keeps_the_link(
    run_cli: CliRun, tmp_path: Path
) -> None:
    target = write(tmp_path / "store" / "real.txt", BROKEN)
    folder = tmp_path / "in"
    folder.mkdir()
    link = folder / "a.txt"
    link.symlink_to(target)
    corpus = write(tmp_path / "store" / "real.jsonl", json.dumps({"text": OTHER}) + "\n")
    (folder / "c.jsonl").symlink_to(corpus)
    result = run_cli("fix", str(folder), "--in-place", "--backup", ".orig")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and (folder / "c.jsonl").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "store" / "real.txt.orig").read_text(encoding="utf-8") == BROKEN
    assert json.loads(corpus.read_text(encoding="utf-8"))["text"] == OTHER_FIXED


def test_in_place_keeps_hard_links(run_cli: CliRun, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    first = write(folder / "a.txt", BROKEN)
    other = tmp_path / "elsewhere.txt"
    os.link(first, other)
    os.chmod(first, 0o640)
    inode = first.stat().st_ino
    corpus = write(folder / "c.jsonl", json.dumps({"text": OTHER}) + "\n")
    os.link(corpus, tmp_path / "c-link.jsonl")
    result = run_cli("fix", str(folder), "--in-place", "--backup", ".orig")
    assert result.returncode == 0, result.stderr
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FIXED
    assert oct(first.stat().st_mode & 0o777) == oct(0o640)
    backup = folder / "a.txt.orig"
    assert backup.read_text(encoding="utf-8") == BROKEN and backup.stat().st_ino != inode
    assert json.loads((tmp_path / "c-link.jsonl").read_text(encoding="utf-8"))["text"] == (
        OTHER_FIXED
    )
    assert not list(tmp_path.rglob("*.cleanup-tmp"))


def test_a_corpus_whose_record_is_too_long_to_copy_is_not_written(
    run_cli: CliRun, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    lines = [json.dumps({"text": OTHER}), json.dumps({"text": "x " * 3000})]
    corpus = write(folder / "c.jsonl", "\n".join(lines) + "\n")
    write(folder / "a.txt", BROKEN)
    result = run_cli("fix", str(folder), "--in-place", "--max-size", "4k")
    assert result.returncode == 2
    lines_out = errors(result.stderr)
    assert any("c.jsonl: not written" in line for line in lines_out), lines_out
    assert corpus.read_text(encoding="utf-8") == "\n".join(lines) + "\n"  # nothing lost
    assert (folder / "a.txt").read_text(encoding="utf-8") == FIXED
