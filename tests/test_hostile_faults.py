"""Processes and faults: SIGTERM ends a run like Ctrl-C, a planted cache entry is a miss, a
LanguageTool server that answers nonsense or nothing is an error naming it, a gazetteer full of
duplicates stays cheap, and bidirectional controls cannot reorder the review page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CliRun
from tests.paths import ROOT

MOJIBAKE = "Russian Foreign Minister Sergeń≠ Viklov spoke. ..\n"
FIXED = "Russian Foreign Minister Sergey Lavrov spoke.\n"


def group_members(pgid: int) -> list[int]:
    """The live processes (not zombies) of process group ``pgid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry))
    return found


def test_sigterm_during_fix_in_place_ends_like_ctrl_c(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(200):
        (folder / f"{i:04}.txt").write_text(f"Article {i}.\n" + MOJIBAKE * 40, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLEANUP_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "cleanup", "fix", str(folder), "--in-place", "-j", "2",
         "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        start_new_session=True,
    )  # fmt: skip

    def fixed() -> int:
        return sum("Lavrov" in p.read_text(encoding="utf-8") for p in folder.glob("*.txt"))

    deadline = time.monotonic() + 180
    while fixed() < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    assert len(group_members(process.pid)) >= 3  # the run and its two workers
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # workers left alive hold its output open
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"the run or its workers outlived SIGTERM: {group_members(process.pid)}")
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr and "terminated" in stderr
    deadline = time.monotonic() + 10
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_members(process.pid) == []  # no worker left behind
    assert not [p for p in folder.iterdir() if not p.name.endswith(".txt")]  # no temporary file
    done = 0
    for i in range(200):
        text = (folder / f"{i:04}.txt").read_text(encoding="utf-8")
        assert text in (f"Article {i}.\n" + MOJIBAKE * 40, f"Article {i}.\n" + FIXED * 40)
        done += "Lavrov" in text
    assert 3 <= done < 200


# --- the result cache: an entry that does not validate is a miss, and is written again

ARTICLE = "He left the room. .. Then he  returned.\n"


def planted(entry: dict[str, object]) -> list[str]:
    """Entries of valid JSON but the wrong shape, from a real one."""
    import json

    finding = dict(entry["findings"][0])  # type: ignore[index]
    shapes: list[object] = [
        {**entry, "findings": [{**finding, "start": "x"}]},
        {**entry, "findings": [{**finding, "applied": "yes"}]},
        {**entry, "findings": [{**finding, "end": 10**9}]},
        {**entry, "findings": [{**finding, "severity": ["error"]}]},
        {**entry, "findings": [{**finding, "extra": 1}]},
        {**entry, "findings": "none"},
        {**entry, "text": 7},
        [entry],
        "entry",
    ]
    deep = "[" * 100_000 + "]" * 100_000
    nested = json.dumps({**entry, "findings": [{**finding, "text": "@"}]}).replace('"@"', deep)
    return [json.dumps(shape) for shape in shapes] + [deep, nested]


def test_a_cache_entry_of_the_wrong_shape_is_a_miss_and_is_rewritten(
    run_cli: CliRun, tmp_path: Path
) -> None:
    import json

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cache = tmp_path / "cache"
    args = ("check", str(article), "--format", "json", "--cache-dir", str(cache))
    fresh = run_cli(*args)
    assert fresh.returncode == 1, fresh.stderr
    (entry_path,) = (cache / "results").rglob("*.json")
    good = json.loads(entry_path.read_text(encoding="utf-8"))
    for bad in planted(good):
        entry_path.write_text(bad, encoding="utf-8")
        again = run_cli(*args)
        assert again.returncode == 1, again.stderr
        assert "Traceback" not in again.stderr and "internal error" not in again.stderr
        assert json.loads(again.stdout) == json.loads(fresh.stdout)
        assert json.loads(entry_path.read_text(encoding="utf-8")) == good  # rewritten


# --- LanguageTool servers that misbehave: a real HTTP server on 127.0.0.1, in this process

ENGLISH = "The minister said the talks would resume next week in the capital.\n"


class FakeLanguageTool:
    """A tiny HTTP server that speaks enough of LanguageTool's API (``/v2/languages``) for a
    client to connect, and answers ``/v2/check`` as ``answer`` says: a JSON body, ``"hang"``
    (accept and never answer), or ``"die"`` (close the connection without a word)."""

    def __init__(self, answers: list[object]) -> None:
        import http.server
        import threading

        self.answers = answers
        self.checks = 0
        self.release = threading.Event()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def reply(self, body: object) -> None:
                import json

                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self.reply([{"name": "English (US)", "code": "en", "longCode": "en-US"}])

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = fake.answers[min(fake.checks, len(fake.answers) - 1)]
                fake.checks += 1
                if answer == "hang":
                    fake.release.wait(60)
                    return
                if answer == "die":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self.reply(answer)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def ok(matches: list[object]) -> dict[str, object]:
    return {"software": {"version": "6.8"}, "matches": matches}


def match(offset: int, length: int, rule: str = "FAKE_RULE") -> dict[str, object]:
    return {
        "offset": offset,
        "length": length,
        "message": f"{rule} says so",
        "replacements": [],
        "rule": {"id": rule, "issueType": "grammar", "category": {"id": "GRAMMAR"}},
    }


def grammar_check(
    run_cli: CliRun,
    tmp_path: Path,
    server: FakeLanguageTool,
    *paths: Path,
    extra: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "check", *map(str, paths), "--grammar", "--languagetool-url", server.url,
        "--no-cache", "--format", "json", "-j", "1", *extra,
    )  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [[1, 2], {"matches": "none"}, {"matches": [{"offset": "x", "length": 1}]}, "text"],
    ids=["a-list", "matches-not-a-list", "offset-not-a-number", "a-string"],
)
def test_a_languagetool_answer_of_the_wrong_shape_is_an_error_naming_the_server(
    run_cli: CliRun, tmp_path: Path, body: object
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    server = FakeLanguageTool([body])
    try:
        result = grammar_check(run_cli, tmp_path, server, article)
    finally:
        server.close()
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "AttributeError" not in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("cleanup: error:")]
    assert server.url in line and "not LanguageTool's" in line


def test_languagetool_matches_outside_the_text_are_dropped(run_cli: CliRun, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    answer = ok([match(4, 8, "GOOD_RULE"), match(10**6, 3, "FAR_RULE"), match(60, 50, "LONG_RULE"),
                 match(-5, 2, "NEGATIVE_RULE")])  # fmt: skip
    server = FakeLanguageTool([answer])
    try:
        result = grammar_check(run_cli, tmp_path, server, article, extra=("--exit-zero",))
    finally:
        server.close()
    assert result.returncode == 0, result.stderr
    import json

    findings = json.loads(result.stdout)["files"][0]["findings"]
    grammar = [f for f in findings if f["rule"].startswith("grammar/")]
    assert [(f["rule"], f["text"]) for f in grammar] == [("grammar/GOOD_RULE", "minister")]
    for rule in ("FAR_RULE", "LONG_RULE", "NEGATIVE_RULE"):
        assert rule not in result.stdout + result.stderr


def test_a_languagetool_server_that_never_answers_times_out_after_one_retry(
    run_cli: CliRun, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    server = FakeLanguageTool(["hang"])
    began = time.monotonic()
    try:
        result = grammar_check(
            run_cli, tmp_path, server, article, extra=("--languagetool-timeout", "1")
        )
    finally:
        server.close()
    took = time.monotonic() - began
    assert result.returncode == 2
    assert server.checks == 2  # one request, one retry
    assert took < 30, took
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("cleanup: error:")]
    assert server.url in line and "--languagetool-timeout is 1 s" in line
    help_text = " ".join(run_cli("check", "--help").stdout.split())
    assert "--languagetool-timeout SECONDS" in help_text and "(default: 30)" in help_text


def test_when_languagetool_dies_mid_run_the_articles_checked_are_reported(
    run_cli: CliRun, tmp_path: Path
) -> None:
    import json

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c", "d"):
        (folder / f"{name}.txt").write_text(ENGLISH, encoding="utf-8")
    # the version request, then a and b; then the server is gone
    server = FakeLanguageTool([ok([]), ok([match(4, 8)]), ok([match(4, 8)]), "die"])
    try:
        result = grammar_check(run_cli, tmp_path, server, folder)
    finally:
        server.close()
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    files = json.loads(result.stdout)["files"]  # a whole report
    assert [Path(f["path"]).name for f in files] == ["a.txt", "b.txt"]
    assert all(f["findings"][0]["rule"] == "grammar/FAKE_RULE" for f in files)
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("cleanup: error:")]
    assert server.url in line and "2 articles checked before" in line
    out = tmp_path / "out"
    server = FakeLanguageTool([ok([]), ok([]), ok([]), "die"])
    try:
        fixed = run_cli("fix", str(folder), "--grammar", "--languagetool-url", server.url,
                        "--no-cache", "-j", "1", "--output-dir", str(out))  # fmt: skip
    finally:
        server.close()
    assert fixed.returncode == 2
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]
    assert "after 2 articles" in fixed.stderr


# --- a gazetteer with thousands of duplicate aliases: reported, and loaded once each


def test_duplicate_aliases_are_reported_and_loaded_once(run_cli: CliRun, tmp_path: Path) -> None:
    from cleanup.gazetteer.index import load

    lines = ["entries:", "  - name: Ivan Petrenko", "    kind: person", "    accept:"]
    lines += ["      - Ivan Petrenkov"] * 20_000 + ["    wrong:"]
    lines += ["      - Iwan Petrenko"] * 20_000
    lines += ["  - name: Ivan Petrenko", "    wrong: [Iwan Petrenko]"]
    path = tmp_path / "dups.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked = run_cli("gazetteer", "check", str(path))
    assert checked.returncode == 1
    reported = checked.stdout.splitlines()
    assert f"{path}:2: entry 'Ivan Petrenko': accept lists a form more than once: " in reported[0]
    assert "'Ivan Petrenkov' (20000 times)" in reported[0]
    assert "'Iwan Petrenko' (20000 times)" in reported[1]
    assert "appears 2 times" in reported[2] and len(reported) == 3
    gazetteer = load((str(path),))
    (entry,) = [e for e in gazetteer.entries if e.name == "Ivan Petrenko"]
    assert entry.accept == ("Ivan Petrenkov",) and entry.wrong == ("Iwan Petrenko",)
    (key,) = [k for s, e, k in gazetteer.find("Iwan Petrenko") if (s, e) == (0, 13)]
    assert len(key[1]) == 1  # one form of one entry, not 20,000 copies
    article = tmp_path / "a.txt"
    article.write_text("Iwan Petrenko spoke in Kyiv on Monday.\n", encoding="utf-8")
    result = run_cli("fix", str(article), "--gazetteer", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Ivan Petrenko spoke in Kyiv on Monday.\n"


# --- the review page: bidirectional controls are shown, never obeyed

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_the_review_page_shows_bidi_controls_instead_of_obeying_them(tmp_path: Path) -> None:
    import re

    from cleanup import clean
    from cleanup.report.html.page import render

    text = "He said \u202etxt.exe\u202c today. .. Then \u2067left\u2069 again.\n"
    result = clean(text)
    page = render("in\u202efdp.txt", result)
    assert not set(BIDI) & set(page)
    assert '<span class="ctl"' in page and ">U+202E</span>" in page and ">U+2067</span>" in page
    assert "<title>Review: in&lt;U+202E&gt;fdp.txt</title>" in page
    body = re.sub(r"<[^>]+>", "", page.split("<main>")[1])
    assert "txt.exe" in body and "U+202C" in body
    with_flag = render("a.txt", clean("The \u202econtrols\u202c. .. Here.\n"))
    assert not set(BIDI) & set(with_flag)
    from cleanup.report.html.page import STYLE

    assert ".ctl" in STYLE
