"""Grammar against the real LanguageTool: install, server lifecycle, cache, CLI.

Marked `languagetool`: skipped when it is not installed (a failure under CLEANUP_REQUIRE_ALL=1,
which .ci/run sets after `python -m cleanup languagetool install`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanup import clean
from cleanup.languagetool.server import free_port
from cleanup.stages.grammar import close
from tests.conftest import CliRun
from tests.languagetool_support import java_processes_of, require_languagetool
from tests.paths import ROOT

pytestmark = pytest.mark.languagetool

BAD = "This are a sentence with a error in it.\n"
NAMES = "Volodymyr Zelenskyy met Jen Psaki and Sergey Lavrov in Kyiv\n"


@pytest.fixture(autouse=True)
def _installed() -> None:
    require_languagetool()


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def corpus(folder: Path, articles: int = 6, paragraphs: int = 8) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for a in range(articles):
        text = "\n\n".join(
            f"Article {a}, paragraph {p}: the minister said this are a error that officials "
            f"discussed on day {p} with {a + p} delegates, and they was not happy about it."
            for p in range(paragraphs)
        )
        (folder / f"a{a:02d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def test_check_flags_agreement_and_article(run_cli: CliRun, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BAD, encoding="utf-8")
    result = run_cli(
        "check", "--grammar", "--format", "json", "--cache-dir", str(tmp_path / "c"), str(article)
    )
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    flagged = {f["text"]: f for f in findings}
    assert set(flagged) == {"This are", "a error"}
    assert flagged["This are"]["rule"].startswith("grammar/")
    assert flagged["This are"]["replacement"] is None  # two readings: no blind fix
    assert flagged["a error"]["replacement"] == "an error"
    assert flagged["a error"]["fix"] == "unsafe"


def test_names_raise_nothing(run_cli: CliRun, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(NAMES, encoding="utf-8")
    result = run_cli("check", "--grammar", "--no-cache", "--format", "json", str(article))
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["files"][0]["findings"] == []


def test_unsafe_fix_applies_single_suggestion(run_cli: CliRun, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("He ate a apple yesterday.\n", encoding="utf-8")
    args = ("fix", "--grammar", "--unsafe-fixes", "--cache-dir", str(tmp_path / "c"), str(article))
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "He ate an apple yesterday.\n"
    article.write_text(result.stdout, encoding="utf-8")
    again = run_cli(*args)
    assert again.stdout == result.stdout  # idempotent


def test_no_languagetool_process_outlives_the_run(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BAD, encoding="utf-8")
    cmd = [sys.executable, "-m", "cleanup", "check", "--grammar", "--no-cache", str(article)]
    proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = False
    while proc.poll() is None:
        seen = seen or bool(java_processes_of(proc.pid))
        time.sleep(0.05)
    out, _ = proc.communicate()
    assert proc.returncode == 1 and b"This are" in out
    assert seen, "the run never started a LanguageTool server"
    assert java_processes_of(proc.pid) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_run_leaves_no_server(tmp_path: Path, sig: int) -> None:
    folder = corpus(tmp_path / "corpus", articles=12)
    cmd = [sys.executable, "-m", "cleanup", "-v", "check", "--grammar", "--no-cache", str(folder)]
    proc = subprocess.Popen(
        cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 180
    for line in proc.stderr:  # interrupt while the server is up and checking
        if " up at " in line or time.monotonic() > deadline:
            break
    assert java_processes_of(proc.pid), "no server to interrupt"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert java_processes_of(proc.pid) == []


def test_second_run_uses_only_the_cache_and_gives_identical_json(
    run_cli: CliRun, tmp_path: Path
) -> None:
    folder = corpus(tmp_path / "corpus", articles=3, paragraphs=3)
    args = (
        "-v",
        "check",
        "--grammar",
        "--format",
        "json",
        "--cache-dir",
        str(tmp_path / "c"),
        str(folder),
    )
    first = run_cli(*args)
    second = run_cli(*args)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    assert "local server started" in first.stderr
    assert "0 checked by the server" in second.stderr
    assert "local server started" not in second.stderr


def test_cached_findings_equal_fresh_ones(tmp_path: Path) -> None:
    text = "Officials says the plan are ready. He ate a apple.\n\nThis are a sentence with a error."
    try:
        fresh = clean(text, grammar=True, use_cache=False)
        stored = clean(text, grammar=True, cache_dir=str(tmp_path))
        cached = clean(text, grammar=True, cache_dir=str(tmp_path))
    finally:
        close()
    assert fresh.findings == stored.findings == cached.findings
    assert fresh.findings


def test_ignore_one_languagetool_rule(tmp_path: Path) -> None:
    try:
        result = clean(BAD, grammar=True, cache_dir=str(tmp_path), ignore=("grammar/EN_A_VS_AN",))
    finally:
        close()
    assert [f.text for f in result.findings] == ["This are"]


def test_install_again_is_quick_and_offline(run_cli: CliRun, tmp_path: Path) -> None:
    began = time.monotonic()
    result = run_cli("languagetool", "install", env={"PATH": os.path.dirname(sys.executable)})
    assert result.returncode == 0, result.stderr  # no Maven on PATH: nothing was resolved
    assert time.monotonic() - began < 10
    assert "LanguageTool" in result.stdout


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_serve_then_use_url(run_cli: CliRun, tmp_path: Path, sig: int) -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "cleanup", "languagetool", "serve", "--port", str(port)]
    proc = subprocess.Popen(
        cmd, env=env(), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}" in line, line
        article = tmp_path / "a.txt"
        article.write_text(BAD, encoding="utf-8")
        url = f"http://127.0.0.1:{port}"
        result = run_cli(
            "check", "--grammar", "--no-cache", "--format", "json", str(article),
            env={"CLEANUP_LANGUAGETOOL_URL": url, "CLEANUP_LANGUAGETOOL_HOME": str(tmp_path)},
        )  # fmt: skip
        assert result.returncode == 1, result.stderr
        texts = {f["text"] for f in json.loads(result.stdout)["files"][0]["findings"]}
        assert texts == {"This are", "a error"}
    finally:
        proc.send_signal(sig)
        proc.wait(timeout=30)
    assert java_processes_of(proc.pid) == []


def test_unreachable_url_is_one_line_error(run_cli: CliRun, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BAD, encoding="utf-8")
    url = f"http://127.0.0.1:{free_port()}"
    result = run_cli("check", "--grammar", "--no-cache", "--languagetool-url", url, str(article))
    assert result.returncode == 2
    assert url in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_spelling_leaves_capitalized_names_alone(tmp_path: Path) -> None:
    text = (
        "Wangshu Xiuyingg met Oleksandr Kubrakov and Zhao Lijian in Yerevann. The delegaton left."
    )
    try:
        result = clean(text, grammar=True, cache_dir=str(tmp_path))
    finally:
        close()
    assert [(f.rule, f.text) for f in result.findings] == [
        ("grammar/MORFOLOGIK_RULE_EN_US", "delegaton")
    ]
    assert result.findings[0].category == "fluency/spelling"
    assert result.findings[0].replacement is None


def test_server_dies_with_a_killed_parent(tmp_path: Path) -> None:
    # SIGKILL runs no cleanup in Python; the kernel's parent-death signal stops Java instead
    code = (
        "import os, signal\n"
        "from cleanup.languagetool.server import LocalServer\n"
        "LocalServer.from_install().start()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env=env())
    proc.wait(timeout=180)
    assert proc.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while java_processes_of(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert java_processes_of(proc.pid) == []


def test_a_crashed_local_server_is_started_again(tmp_path: Path) -> None:
    from cleanup.languagetool.session import get_session

    session = get_session(None, str(tmp_path), False)
    try:
        assert session.check(["This are wrong."], {"language": "en-US"})[0]
        assert session.server is not None and session.server.process is not None
        session.server.process.kill()
        session.server.process.wait()
        (matches,) = session.check(["He ate a apple."], {"language": "en-US"})
        assert [m.rule for m in matches] == ["EN_A_VS_AN"]
        assert session.server is not None and session.server.running
    finally:
        close()
    assert session.server is None


def test_no_flag_inside_a_span_another_stage_wrote(tmp_path: Path) -> None:
    from collections.abc import Iterator

    from cleanup.core.document import Document, TextView
    from cleanup.core.model import Finding, Fix, Severity
    from cleanup.core.pipeline import process
    from cleanup.core.registry import Context
    from cleanup.rules.loader import Rule, Ruleset, load_rules
    from cleanup.settings.config import Config
    from cleanup.stages import DETECTORS, compile_rules

    # an earlier stage that writes a word LanguageTool's spelling check rejects
    def writes(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
        start = view.text.find("report")
        if start >= 0:
            yield rules[0].finding(view, start, start + 6, replacement="reprot")

    rewrite = Rule(
        id="artifacts/test-rewrite",
        stage="artifacts",
        category="style",
        severity=Severity.INFO,
        message="test rewrite",
        detector={"python": "test.writes-reprot"},
        fix=Fix.SAFE,
    )
    ruleset = Ruleset({"grammar": load_rules()["grammar"], rewrite.id: rewrite})
    config = Config(grammar=True, cache_dir=str(tmp_path))
    detectors = {**DETECTORS, "test.writes-reprot": writes}
    compiled = compile_rules(config, ruleset, detectors=detectors)
    try:
        written = process(Document.from_text("She read the report."), compiled)
        typed = process(Document.from_text("She read the reprot."), compiled)
    finally:
        close()
    assert written.text == "She read the reprot."
    assert [f.rule for f in written.findings] == ["artifacts/test-rewrite"]
    assert [f.rule for f in typed.findings] == ["grammar/MORFOLOGIK_RULE_EN_US"]


def test_spelling_leaves_gazetteer_names_alone(tmp_path: Path) -> None:
    import dataclasses

    from cleanup.core.document import Document
    from cleanup.core.pipeline import process
    from cleanup.rules.loader import Ruleset, load_rules
    from cleanup.settings.config import Config
    from cleanup.stages import compile_rules

    # capitalized words checked too, so only the gazetteer keeps "Zhurawlyk" from a flag
    shipped = load_rules()["grammar"]
    strict = dataclasses.replace(
        shipped, detector={**shipped.detector, "skip_capitalized_spelling": False}
    )
    people = tmp_path / "people.yaml"
    people.write_text(
        "entries:\n  - {name: Dmytro Zhuravlyk, kind: person, accept: [Dmytro Zhurawlyk]}\n",
        encoding="utf-8",
    )
    text = "Wangshu met Zhurawlyk in Kyiv."
    config = Config(grammar=True, cache_dir=str(tmp_path), select=("grammar",))
    try:
        ruleset = Ruleset({"grammar": strict})
        plain = process(Document.from_text(text), compile_rules(config, ruleset))
        named = process(
            Document.from_text(text),
            compile_rules(dataclasses.replace(config, gazetteers=(str(people),)), ruleset),
        )
    finally:
        close()
    assert [f.text for f in plain.findings] == ["Wangshu", "Zhurawlyk"]
    assert [f.text for f in named.findings] == ["Wangshu"]


def test_client_keeps_languagetool_messages_as_sent_and_names_the_version() -> None:
    """Messages reach the findings as the server wrote them (language-tool-python's Match would
    NFKC-normalize them: no no-break space, and a ligature rule naming 'fine' for 'ﬁne'); offsets
    are Python characters after astral ones; the version keys the cache."""
    from cleanup.languagetool.client import Client
    from cleanup.languagetool.install import pinned_version
    from cleanup.languagetool.server import LocalServer

    with LocalServer.from_install() as server:
        client = Client(server.url)
        matches, version = client.check("😀 He ate a apple. The ﬁne print.", {"language": "en-US"})
    assert version == pinned_version()
    by_rule = {m.rule: m for m in matches}
    article = by_rule["EN_A_VS_AN"]
    assert (article.offset, article.length) == (9, 1)  # 'a', after one astral character
    assert "e.g.\u00a0‘an article’" in article.message
    ligature = next(m for m in matches if "ligature" in m.message)
    assert "‘ﬁne’" in ligature.message
