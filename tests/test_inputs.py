"""What `fix` and `check` read: folders with globs, stdin, Markdown, HTML pages."""

from __future__ import annotations

import json
from pathlib import Path

from cleanup.core.document import Document
from cleanup.core.pipeline import process
from cleanup.io.markdown import prepare
from cleanup.io.readers import discover
from cleanup.settings.config import Config
from cleanup.stages import compile_rules
from tests.conftest import CliRun

BROKEN = "He left the room. .. Then he  returned.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_discover_walks_folders_with_include_and_exclude(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "drafts/c.txt", "notes/d.txt", "e.py", "f.jsonl", "g.html"):
        write(tmp_path / name, "x")
    found = [s.relative.as_posix() for s in discover([str(tmp_path)])]
    assert found == ["a.txt", "b.md", "drafts/c.txt", "f.jsonl", "g.html", "notes/d.txt"]
    only_txt = discover([str(tmp_path)], include=("*.txt",), exclude=("drafts/**",))
    assert [s.relative.as_posix() for s in only_txt] == ["a.txt", "notes/d.txt"]


def test_check_reads_stdin_under_the_name_given(run_cli: CliRun) -> None:
    result = run_cli(
        "check", "-", "--stdin-filename", "wire/story.txt", "--format", "json", input=BROKEN
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["wire/story.txt"]
    assert report["files"][0]["findings"]


def test_fix_reads_stdin_and_writes_stdout(run_cli: CliRun) -> None:
    result = run_cli("fix", "-", input=BROKEN)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "He left the room. Then he returned.\n"


MARKDOWN = """---
title: "Talks  resume .."
date: 2023-02-03
language: en
---
# Talks resume ..

The minister said `a  b ..` in [the report](http://example.org/a..b  "x").
He left. .. Then he returned.

```
code  with .. dots
```
"""


def test_markdown_code_links_and_front_matter_are_not_changed_or_flagged() -> None:
    document = prepare(Document.from_text(MARKDOWN, "a.md"))
    assert document.date == "2023-02-03" and document.language == "en"
    result = process(document, compile_rules(Config()))
    flagged = [MARKDOWN[f.start : f.end] for f in result.findings]
    assert flagged == [" .."]  # only the one in the prose
    assert result.findings[0].start == MARKDOWN.index("He left. ..") + len("He left.")
    assert "`a  b ..`" in result.text and "(http://example.org/a..b" in result.text
    assert (
        "```\ncode  with .. dots\n```" in result.text and 'title: "Talks  resume .."' in result.text
    )


def test_markdown_markup_is_kept_by_fix(run_cli: CliRun, tmp_path: Path) -> None:
    text = "# Title\n\n* item one  \n* **bold** text\n\n> quoted .. text\n"
    source = write(tmp_path / "a.md", text)
    result = run_cli("fix", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Title\n\n* item one  \n* **bold** text\n")


PAGE = """<!doctype html><html><head><title>Site</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Summit ends without deal</h1>
<p>The summit in Brussels ended on Friday without an agreement on migration policy. ..</p>
<p>Officials said the talks would resume next month, after the elections in several member
states, and that a compromise was still possible.</p>
<p>“We are closer than we were a year ago,” one diplomat said.</p></article>
<footer>Copyright 2023 Example News. All rights reserved. Privacy policy.</footer>
</body></html>
"""


def test_html_page_is_extracted_then_cleaned(run_cli: CliRun, tmp_path: Path) -> None:
    source = write(tmp_path / "site" / "page.html", PAGE)
    result = run_cli("fix", str(tmp_path / "site"), "--output-dir", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "page.txt").read_text(encoding="utf-8")
    assert "without an agreement on migration policy.\n" in text
    assert "Home" not in text and "Copyright" not in text
    assert source.read_text(encoding="utf-8") == PAGE
    md = run_cli("fix", str(source), "--html-format", "markdown")
    assert md.returncode == 0 and "# Summit ends without deal" in md.stdout


def test_fix_refuses_to_replace_an_html_page_in_place(run_cli: CliRun, tmp_path: Path) -> None:
    source = write(tmp_path / "page.html", PAGE)
    result = run_cli("fix", str(source), "--in-place")
    assert result.returncode == 2
    assert "HTML page" in result.stderr and source.read_text(encoding="utf-8") == PAGE


def test_stdin_cannot_be_a_jsonl_corpus(run_cli: CliRun) -> None:
    result = run_cli("check", "-", "--stdin-filename", "x.jsonl", input='{"text": "a"}\n')
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "cleanup: error: stdin is read as one article; name a JSONL corpus as a file"
    )
