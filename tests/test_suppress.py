"""Suppression comments in Markdown and HTML, sidecar files for plain text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliRun

MARKDOWN = """# Talks

First. .. One.

<!-- cleanup: disable-next-line punctuation/stray-dots -->
Second. .. Two.

<!-- cleanup: disable punctuation -->
Third. .. Three.

Fourth. .. Four.
<!-- cleanup: enable punctuation -->

Fifth. .. Five.

<!-- cleanup: disable encoding -->
<!-- cleanup: disable -->
"""


def findings(run_cli: CliRun, path: Path, *args: str) -> list[tuple[int, str]]:
    result = run_cli("check", str(path), "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return [(f["line"], f["rule"]) for f in json.loads(result.stdout)["files"][0]["findings"]]


def test_markdown_comments_disable_enable_and_next_line(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    assert findings(run_cli, path) == [
        (3, "punctuation/stray-dots"),
        (14, "punctuation/stray-dots"),
        (17, "suppression/no-rule"),  # a comment must name a rule
    ]
    assert findings(run_cli, path, "--report-unused-suppressions") == [
        (3, "punctuation/stray-dots"),
        (14, "punctuation/stray-dots"),
        (16, "suppression/unused"),
        (17, "suppression/no-rule"),
    ]
    summary = run_cli("check", str(path)).stdout.splitlines()[-1]
    assert "[3 suppressed]" in summary


def test_sidecar_suppresses_in_plain_text(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("First. .. One.\nSergeń≠ left.\n", encoding="utf-8")
    (tmp_path / "a.txt.cleanup-suppress").write_text(
        "# reviewed 2024-02-03\npunctuation/stray-dots\nencoding/mojibake: Other\n",
        encoding="utf-8",
    )
    assert findings(run_cli, path, "--report-unused-suppressions") == [
        (1, "suppression/unused"),
        (2, "encoding/mojibake"),
    ]


PAGE = """<html><body><nav>Home | World</nav><article>
<!-- cleanup: disable-next-line punctuation/stray-dots -->
<p>The summit in Brussels ended on Friday without an agreement on migration policy. ..</p>
<p>Officials said the talks would resume next month, after the elections in several member
states, and that a compromise was still possible, according to people close to them.</p>
</article></body></html>
"""


def test_html_comments_apply_to_the_whole_page(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    assert findings(run_cli, path) == []
    path.write_text(PAGE.replace("<!-- cleanup: disable-next-line punctuation/stray-dots -->", ""))
    assert findings(run_cli, path) == [(1, "punctuation/stray-dots")]


def test_fix_leaves_suppressed_text_as_written(run_cli: CliRun, tmp_path: Path) -> None:
    """A suppression is an author's decision: `fix` and `review` do not make the edit either."""
    path = tmp_path / "a.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    fixed = run_cli("fix", str(path), "-o", str(tmp_path / "out.md"))
    assert fixed.returncode == 0, fixed.stderr
    lines = (tmp_path / "out.md").read_text(encoding="utf-8").splitlines()
    assert lines[2] == "First. One." and lines[13] == "Fifth. Five."
    assert lines[5] == "Second. .. Two."
    assert lines[8:11] == ["Third. .. Three.", "", "Fourth. .. Four."]
    again = run_cli("fix", str(tmp_path / "out.md"), "-o", str(tmp_path / "again.md"))
    assert again.returncode == 0
    assert (tmp_path / "again.md").read_text(encoding="utf-8") == "\n".join(lines) + "\n"
    # the review session is not offered them: only the two unsuppressed fixes are asked about
    review = run_cli("review", str(path), "-o", str(tmp_path / "reviewed.md"), input="y\ny\n")
    assert review.returncode == 0, review.stderr
    assert "2 of 2 changes applied" in review.stderr
    assert (tmp_path / "reviewed.md").read_text(encoding="utf-8") == "\n".join(lines) + "\n"


def test_sidecar_entry_with_text_keeps_only_that_text(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Sergeń≠ left. Also Sergeń≠.\nBorisń≠ stayed.\n", encoding="utf-8")
    (tmp_path / "a.txt.cleanup-suppress").write_text("encoding: Borisń≠\n", encoding="utf-8")
    fixed = run_cli("fix", str(path))
    assert fixed.stdout == "Sergeĭ left. Also Sergeĭ.\nBorisń≠ stayed.\n", fixed.stderr
