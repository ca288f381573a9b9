"""`cleanup review`: accept or refuse each change like `git add -p`, answers read from stdin."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from tests.conftest import CliRun
from tests.paths import DATA, SEED

HOSTILE = DATA / "hostile.txt"
PROMPT = "Apply this change [y,n,a,d,q,e,u,j,k,?]? "


def review(run_cli: CliRun, article: Path, answers: str, out: Path, *flags: str) -> str:
    # the names stage has its own tests (tests/test_names.py): the counts here are the seed's
    # encoding and punctuation changes
    done = run_cli(
        "review", str(article), "-o", str(out), "--ignore", "names", *flags, input=answers
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_review_all_no_gives_back_the_input_unchanged(run_cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    # counts of the seed's changes; the MT-artifact flags (16 more) are left out
    shown = review(run_cli, SEED, "n\n" * 20, out, "--ignore", "artifact")
    assert out.read_bytes() == SEED.read_bytes()
    assert shown.count(PROMPT) == 5
    # the refused changes' findings are flags again
    assert shown.rstrip().endswith("0 of 5 changes applied (0 fixes), 5 flags to review")


def test_review_all_no_keeps_bom_and_crlf(run_cli: CliRun, tmp_path: Path) -> None:
    article = tmp_path / "crlf.txt"
    article.write_bytes(b"\xef\xbb\xbfHe left. ..\r\nShe said ,\xe2\x80\x99Hi.\xe2\x80\x99\r\n")
    out = tmp_path / "out.txt"
    review(run_cli, article, "n\nn\nn\n", out)
    assert out.read_bytes() == article.read_bytes()


@pytest.mark.parametrize("flags", [(), ("--unsafe-fixes",)])
def test_review_all_yes_gives_exactly_what_fix_gives(
    run_cli: CliRun, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    for article in (SEED, HOSTILE):
        fixed = tmp_path / f"fixed-{article.name}"
        done = run_cli("fix", str(article), "-o", str(fixed), "--ignore", "names", *flags)
        assert done.returncode == 0, done.stderr
        reviewed = tmp_path / f"reviewed-{article.name}"
        review(run_cli, article, "y\n" * 50, reviewed, *flags)
        assert reviewed.read_bytes() == fixed.read_bytes()
        assert reviewed.read_bytes() != article.read_bytes()


def test_review_applies_only_the_accepted_changes(run_cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    # in text order: 1 stray dots on line 5 (n), 2 on line 25 (y), 3 mojibake (y), 4, 5 quotes (n)
    shown = review(run_cli, SEED, "n\ny\ny\nn\nn\n", out)
    text = out.read_text(encoding="utf-8")
    assert "Sergeĭ Viklov" in text
    assert "on February 2. ..\n" in text
    assert "Ukraine were justified.\n" in text
    assert "made the decision. ”" in text and "said,’He" in text
    assert shown.count(PROMPT) == 5
    assert "2 of 5 changes applied" in shown


def test_review_shows_each_change_in_context_with_its_reason(
    run_cli: CliRun, tmp_path: Path
) -> None:
    shown = review(run_cli, SEED, "n\n" * 5, tmp_path / "out.txt")
    assert "(3/5) encoding/mojibake · encoding · error" in shown
    assert "Russian Foreign Minister [-Sergeń≠-]{+Sergeĭ+} Viklov." in shown
    assert "why: UTF-8 text read as Mac Central European (mac_latin2): Sergeń≠ → Sergeĭ" in shown
    line5 = "line 5: …Romania, Pentagon spokesman John Kirby told the press on February 2.[- ..-]"
    assert line5 in shown


def test_review_a_applies_this_and_all_remaining(run_cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    shown = review(run_cli, SEED, "n\na\n", out)
    text = out.read_text(encoding="utf-8")
    assert "Sergeĭ" in text and "February 2. ..\n" in text and "said, ‘He" in text
    assert shown.count(PROMPT) == 2
    assert "4 of 5 changes applied" in shown


@pytest.mark.parametrize("answer", ["d", "q"])
def test_review_d_and_q_skip_this_and_all_remaining(
    run_cli: CliRun, tmp_path: Path, answer: str
) -> None:
    out = tmp_path / "out.txt"
    shown = review(run_cli, SEED, f"y\n{answer}\ny\ny\n", out)
    text = out.read_text(encoding="utf-8")
    assert "Sergeń≠" in text and text.count(" ..\n") == 1 and "said,’He" in text
    assert shown.count(PROMPT) == 2


def test_review_end_of_input_skips_the_remaining_changes(run_cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    shown = review(run_cli, SEED, "y\n", out)
    text = out.read_text(encoding="utf-8")
    assert "Sergeń≠" in text and text.count(" ..\n") == 1
    assert "end of input" in shown


def test_review_question_mark_and_unknown_answers_show_help(
    run_cli: CliRun, tmp_path: Path
) -> None:
    out = tmp_path / "out.txt"
    shown = review(run_cli, SEED, "?\nwhat\nn\n", out)
    assert shown.count("a - apply this change and all the remaining ones") == 2
    assert "unknown answer 'what'" in shown
    assert shown.count("(1/5)") == 1  # asked again without showing the change again


def test_review_without_output_writes_the_text_to_stdout(run_cli: CliRun) -> None:
    done = run_cli("review", str(SEED), "--ignore", "names", input="y\n")
    assert done.returncode == 0, done.stderr
    assert "Sergeń≠ Viklov" in done.stdout and "February 2. ..\n" not in done.stdout
    assert PROMPT not in done.stdout


def test_review_of_a_missing_file_is_one_line_and_exit_2(run_cli: CliRun, tmp_path: Path) -> None:
    done = run_cli("review", str(tmp_path / "nope.txt"), input="")
    assert done.returncode == 2
    assert done.stderr.strip() == f"cleanup: error: {tmp_path / 'nope.txt'}: no such file"


def test_review_refuses_stdin_as_the_article(run_cli: CliRun) -> None:
    done = run_cli("review", "-", input="y\n")
    assert done.returncode == 2
    assert "reads its answers from stdin" in done.stderr


def full_review(run_cli: CliRun, article: Path, answers: str, out: Path, *flags: str) -> str:
    done = run_cli("review", str(article), "-o", str(out), *flags, input=answers)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_review_asks_in_text_order(run_cli: CliRun, tmp_path: Path) -> None:
    shown = full_review(run_cli, SEED, "n\n" * 20, tmp_path / "out.txt")
    lines = [int(n) for n in re.findall(r"^  line (\d+): ", shown, re.MULTILINE)]
    assert lines == sorted(lines) and len(lines) == 9
    assert [int(n) for n in re.findall(r"^\((\d+)/9\)", shown, re.MULTILINE)] == list(range(1, 10))


def test_review_asks_once_about_edits_to_the_same_words(run_cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    # 1, 2 stray dots, 3 Psaki (y), 4 Sergeń≠ Viklov (n), the rest (a)
    shown = full_review(run_cli, SEED, "y\ny\ny\nn\na\n", out)
    assert "(4/9) encoding/mojibake + names/role-anchored · error" in shown
    assert "Minister [-Sergeń≠ Viklov.-]{+Sergey Lavrov.+}" in shown
    assert "why: UTF-8 text read as Mac Central European (mac_latin2)" in shown
    assert "'Russian Foreign Minister' (article date unknown" in shown
    assert "(kept as read; flagged: encoding/mojibake, names/role-anchored)" in shown
    text = out.read_text(encoding="utf-8")
    assert "Foreign Minister Sergeń≠ Viklov.\n" in text and "Kyiv" in text
    # fix: 10 fixes and 16 flags; refused, the two edits are flags again
    assert shown.rstrip().endswith("8 of 9 changes applied (8 fixes), 18 flags to review")


@pytest.mark.parametrize("flags", [(), ("--unsafe-fixes",)])
def test_review_counts_agree_with_fix(
    run_cli: CliRun, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    article = tmp_path / "a.md"
    # a flag silenced by a suppression comment is neither in fix's count nor in review's
    article.write_text(
        SEED.read_text(encoding="utf-8").replace(
            "President Joe Biden",
            "<!-- cleanup: disable-next-line artifact -->\nPresident Joe Biden",
        ),
        encoding="utf-8",
    )
    fixed = run_cli("fix", str(article), "-o", str(tmp_path / "fixed.md"), *flags)
    counts = re.search(r"(\d+) fix(?:es)?, (\d+) flags?", fixed.stderr)
    assert counts, fixed.stderr
    shown = full_review(run_cli, article, "y\n" * 40, tmp_path / "out.md", *flags)
    asked = len(re.findall(r"^\(\d+/\d+\)", shown, re.MULTILINE))
    assert f"{asked} of {asked} changes applied ({counts[1]} fixes), {counts[2]} flags" in shown
    assert (tmp_path / "out.md").read_bytes() == (tmp_path / "fixed.md").read_bytes()


def test_review_context_line_shows_the_earlier_answers(run_cli: CliRun, tmp_path: Path) -> None:
    # 5 Kiev → Kyiv (y), then Zelensky on the same line shows Kyiv
    shown = full_review(run_cli, SEED, "j\nj\nj\nj\ny\nn\n", tmp_path / "out.txt")
    question_6 = shown[shown.index("(6/9)") :]
    assert "At a press conference in Kyiv on January 28" in question_6


def test_review_undo_edit_and_moving(run_cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    # 1 y, 2 y, undo 2 (asked again: n), k back to 2 (still n... answer y), 3 e: "Jen Psaki"
    answers = "y\ny\nu\nn\nk\ny\ne\nJen Psaki\nd\n"
    shown = full_review(run_cli, SEED, answers, out)
    assert "(undone: change 2)" in shown
    assert "(2/9) punctuation/stray-dots · fluency/punctuation · warning [now: not]" in shown
    text = out.read_text(encoding="utf-8")
    assert " .." not in text and "Jen Psaki said on January 31" in text
    assert "Sergeń≠ Viklov" in text and "Kiev" in text


def decisions_for(article: Path, accept: str, run_cli: CliRun) -> dict[str, object]:
    """Decisions as the review page exports them: every finding of ``check``, accepted when
    its fix is ``accept`` (``safe``: what fix applies)."""
    done = run_cli("check", str(article), "--format", "json")
    findings = json.loads(done.stdout)["files"][0]["findings"]
    text = article.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    return {
        "version": 1,
        "article": {"path": str(article), "sha256": hashlib.sha256(text.encode()).hexdigest()},
        "findings": [
            {
                "id": i,
                "rule": f["rule"],
                "start": f["start"],
                "end": f["end"],
                "text": f["text"],
                "decision": "accept" if f.get("fix") == accept else "reject",
            }
            for i, f in enumerate(findings, 1)
        ],
    }


def test_review_decisions_accepting_every_safe_change_give_what_fix_gives(
    run_cli: CliRun, tmp_path: Path
) -> None:
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbfHe left. ..\r\nShe said ,\xe2\x80\x99Hi.\xe2\x80\x99\r\n")
    for article in (SEED, HOSTILE, crlf):
        saved = tmp_path / "decisions.json"
        saved.write_text(json.dumps(decisions_for(article, "safe", run_cli)), encoding="utf-8")
        fixed, out = tmp_path / "fixed", tmp_path / "reviewed"
        assert run_cli("fix", str(article), "-o", str(fixed)).returncode == 0
        done = run_cli("review", str(article), "--decisions", str(saved), "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert PROMPT not in done.stderr
        assert out.read_bytes() == fixed.read_bytes(), article


def test_review_decisions_for_another_text_are_refused(run_cli: CliRun, tmp_path: Path) -> None:
    decisions = decisions_for(SEED, "safe", run_cli)
    article = tmp_path / "a.txt"
    article.write_text(SEED.read_text(encoding="utf-8") + "One more line.\n", encoding="utf-8")
    saved = tmp_path / "decisions.json"
    saved.write_text(json.dumps(decisions), encoding="utf-8")
    out = tmp_path / "out.txt"
    done = run_cli("review", str(article), "--decisions", str(saved), "-o", str(out))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "decisions made for another text" in done.stderr
    assert not out.exists()


def test_review_decisions_that_refuse_a_change_keep_its_words(
    run_cli: CliRun, tmp_path: Path
) -> None:
    decisions = decisions_for(SEED, "safe", run_cli)
    for entry in decisions["findings"]:  # type: ignore[attr-defined]
        if entry["rule"] == "names/role-anchored":
            entry["decision"] = "reject"  # the mojibake step alone does not apply the change
    saved = tmp_path / "decisions.json"
    saved.write_text(json.dumps(decisions), encoding="utf-8")
    out = tmp_path / "out.txt"
    done = run_cli("review", str(SEED), "--decisions", str(saved), "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "Minister Sergeń≠ Viklov." in text and "Kyiv" in text
    assert done.stderr.endswith(": 8 fixes applied, 18 flags to review\n")


def test_fix_diff_words_gives_each_change_in_context_with_its_rules(run_cli: CliRun) -> None:
    done = run_cli("fix", str(SEED), "--diff=words")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 9  # one per change; fix's 10 edits, two of them to the same words
    assert lines[0] == (
        f"{SEED}:5:188: punctuation/stray-dots: …Kirby told the press on February 2.[- ..-]"
    )
    assert f"{SEED}:37:146: encoding/mojibake, names/role-anchored: " in lines[3]
    assert lines[3].endswith("Minister [-Sergeń≠ Viklov.-]{+Sergey Lavrov.+}")
    assert all(len(line) < 220 for line in lines)


def test_fix_diff_stays_a_unified_diff_and_takes_no_value_but_with_equals(
    run_cli: CliRun,
) -> None:
    plain = run_cli("fix", "--diff", str(SEED))  # a path after --diff is still a path
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.startswith(f"--- a/{SEED}\n+++ b/{SEED}\n@@ ")
    assert run_cli("fix", str(SEED), "--diff=unified").stdout == plain.stdout
    wrong = run_cli("fix", str(SEED), "--diff=html")
    assert wrong.returncode == 2
    assert "--diff=html: the diff is 'unified' (--diff) or 'words' (--diff=words)" in wrong.stderr


def test_review_on_a_terminal_takes_single_keys(tmp_path: Path) -> None:
    import os
    import sys

    import pexpect

    from tests.paths import ROOT

    out = tmp_path / "out.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cleanup", "review", str(SEED), "-o", str(out)],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 250),
    )
    try:

        def asked(number: int) -> None:
            child.expect_exact(f"({number}/9) ")
            child.expect_exact(PROMPT)

        asked(1)
        child.send("?")  # one key, no Enter
        child.expect_exact("u - undo the last answer")
        child.expect_exact(PROMPT)
        child.send("j")
        asked(2)
        child.send("k")
        asked(1)
        child.send("y")
        asked(2)
        child.send("u")
        child.expect_exact("(undone: change 1)")
        asked(1)
        child.send("n")
        asked(2)
        child.send("y")
        asked(3)
        child.send("e")  # other words, typed as a line
        child.expect_exact("Words to put there instead")
        child.sendline("Jen Psaki")
        asked(4)
        child.send("a")
        child.expect_exact("8 of 9 changes applied (9 fixes)")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    text = out.read_text(encoding="utf-8")
    assert "February 2. ..\n" in text and "were justified.\n" in text
    assert "Jen Psaki said on January 31" in text and "Sergey Lavrov" in text


def test_review_several_articles_and_a_jsonl_corpus(run_cli: CliRun, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("He left. ..\n", encoding="utf-8")
    (corpus / "b.txt").write_text("She stayed. ..\nIn Kiev today.\n", encoding="utf-8")
    done = run_cli("review", str(corpus), "--output-dir", str(tmp_path / "out"), input="y\nn\ny\n")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "He left.\n"
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == (
        "She stayed. ..\nIn Kyiv today.\n"
    )
    assert "b.txt: 1 of 2 changes applied (1 fix), 1 flag to review" in done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("cleanup: 2 articles, 2 fixes, 1 flag")

    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(
        '{"id": "1", "text": "He left. ..\\n", "url": "x"}\n{"id": "2", "text": "Fine.\\n"}\n'
        '{"id": "3", "text": "She said ,\\u2019Hi.\\u2019\\n"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    done = run_cli("review", str(jsonl), "-o", str(out), input="n\ny\n")
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == (
        '{"id": "1", "text": "He left. ..\\n", "url": "x"}\n{"id": "2", "text": "Fine.\\n"}\n'
        '{"id": "3", "text": "She said, \\u2018Hi.\\u2019\\n"}\n'
    )
    assert "c.jsonl#3: 1 of 1 change applied (2 fixes)" in done.stderr
    # q stops the questions for every article after it; they are written as read
    done = run_cli("review", str(corpus), "--output-dir", str(tmp_path / "q"), input="q\n")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count(PROMPT) == 1
    assert (tmp_path / "q" / "b.txt").read_text(
        encoding="utf-8"
    ) == "She stayed. ..\nIn Kiev today.\n"
