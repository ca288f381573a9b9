"""Hostile and odd input: one bad input is its own one-line error (exit 2), the others go on."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from tests.conftest import CliRun

BROKEN = "He left the room. .. Then he  returned.\n"
FIXED = "He left the room. Then he returned.\n"


def errors(stderr: str) -> list[str]:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("cleanup: error:")]


# --- a byte-order mark followed by bytes that do not fit it


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbfabc \xff\n", b"\xff\xfeH\x00i\x00!"],
    ids=["utf8-bom-then-invalid", "utf16-bom-odd-length"],
)
def test_a_bom_that_lies_is_one_files_problem_and_the_others_go_on(
    run_cli: CliRun, tmp_path: Path, data: bytes
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BROKEN, encoding="utf-8")
    (folder / "b.txt").write_bytes(data)
    (folder / "c.txt").write_text(BROKEN, encoding="utf-8")
    checked = run_cli("check", str(folder), "--format", "json")
    errors(checked.stderr)
    report = json.loads(checked.stdout)
    paths = [f["path"] for f in report["files"]]
    assert paths == [str(folder / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert report["files"][0]["findings"] and report["files"][2]["findings"]
    out = tmp_path / "out"
    fixed = run_cli("fix", str(folder), "--output-dir", str(out))
    errors(fixed.stderr)
    assert (out / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (out / "c.txt").read_text(encoding="utf-8") == FIXED
    assert (folder / "b.txt").read_bytes() == data  # the input is never touched


def test_utf8_bom_then_legacy_bytes_is_read_as_a_legacy_file(
    run_cli: CliRun, tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Le caf\xe9 est ferm\xe9. Il a dit. ..\n".encode("latin-1"))
    result = run_cli("fix", str(path))
    errors(result.stderr)
    assert result.returncode == 0, result.stderr
    assert "café est fermé" in result.stdout


def test_utf16_bom_with_an_odd_byte_count_is_that_files_error(
    run_cli: CliRun, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfeH\x00i\x00!")
    good = tmp_path / "good.txt"
    good.write_text(BROKEN, encoding="utf-8")
    result = run_cli("check", str(bad), str(good), "--format", "json")
    assert result.returncode == 2
    (line,) = errors(result.stderr)
    assert str(bad) in line and "UTF-16" in line
    assert json.loads(result.stdout)["files"][1]["findings"]


# --- a JSONL record whose text holds a lone surrogate (valid JSON, not Unicode text)

SURROGATE_CORPUS = (
    '{"id": "a", "text": "He left. .. Then."}\n'
    '{"id": "b", "text": "x \\ud800 y. .. z"}\n'
    '{"id": "c\\udfff", "text": "She left. .. Then."}\n'
    '{"id": "d", "text": "They left. .. Then."}\n'
)


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github", "junit"])
def test_a_lone_surrogate_in_a_record_is_that_records_error_in_every_format(
    run_cli: CliRun, tmp_path: Path, fmt: str
) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(SURROGATE_CORPUS, encoding="utf-8")
    result = run_cli("check", str(corpus), "--format", fmt)
    assert result.returncode == 2, result.stderr
    (line,) = errors(result.stderr)
    assert f"{corpus}:2" in line and "surrogate" in line and "\\ud800" in line
    out = result.stdout
    assert "\ud800" not in out and "\udfff" not in out
    if fmt == "json":
        files = json.loads(out)["files"]
        assert [f["path"] for f in files] == [
            f"{corpus}#a",
            f"{corpus}:2",
            f"{corpus}#c\\udfff",
            f"{corpus}#d",
        ]
        assert all(files[i]["findings"] for i in (0, 2, 3))
    elif fmt == "jsonl":
        assert len([json.loads(x) for x in out.splitlines()]) == 4
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert len([r for r in results if "stray" in r["ruleId"]]) == 3
    elif fmt == "github":
        assert out.count("stray") >= 3
    else:
        assert out.count("stray") >= 3 or fmt == "junit"


def test_fix_copies_a_record_with_a_lone_surrogate_unchanged_and_fixes_the_rest(
    run_cli: CliRun, tmp_path: Path
) -> None:
    corpus = tmp_path / "in" / "c.jsonl"
    corpus.parent.mkdir()
    corpus.write_text(SURROGATE_CORPUS, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("fix", str(corpus.parent), "--output-dir", str(out))
    assert result.returncode == 2
    assert len(errors(result.stderr)) == 1
    lines = (out / "c.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    assert json.loads(lines[0])["text"] == "He left. Then."
    assert lines[1] == SURROGATE_CORPUS.splitlines()[1]  # as read, escape and all
    assert json.loads(lines[2])["text"] == "She left. Then."
    assert json.loads(lines[3])["text"] == "They left. Then."
    to_stdout = run_cli("fix", str(corpus))
    assert to_stdout.stdout.splitlines()[1] == SURROGATE_CORPUS.splitlines()[1]
    assert len(to_stdout.stdout.splitlines()) == 4


# --- file names whose bytes are not UTF-8

BAD_NAME = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: a surrogate escape in Python


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BROKEN, encoding="utf-8")
    (folder / BAD_NAME).write_bytes(BROKEN.encode())
    (folder / "z.txt").write_text(BROKEN, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "github", "junit"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_format(
    run_cli: CliRun, odd_names: Path, fmt: str
) -> None:
    result = run_cli("check", str(odd_names), "--format", fmt)
    errors(result.stderr)
    assert result.returncode == 1, result.stderr
    if fmt in ("json", "sarif", "jsonl"):
        assert "caf\\\\xe9.txt" in result.stdout  # a backslash, escaped in JSON
        json.loads(result.stdout.splitlines()[0] if fmt == "jsonl" else result.stdout)
    else:
        assert "caf\\xe9.txt" in result.stdout


def test_baselines_take_file_names_that_are_not_utf8(
    run_cli: CliRun, odd_names: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    written = run_cli("check", str(odd_names), "--write-baseline", str(baseline))
    errors(written.stderr)
    assert written.returncode == 0, written.stderr
    assert "caf\\\\xe9.txt" in baseline.read_text(encoding="utf-8")
    again = run_cli("check", str(odd_names), "--baseline", str(baseline))
    errors(again.stderr)
    assert again.returncode == 0, again.stdout + again.stderr


def test_fix_output_dir_writes_every_file_also_one_whose_name_is_not_utf8(
    run_cli: CliRun, odd_names: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_cli("fix", str(odd_names), "--output-dir", str(out), "-v")
    errors(result.stderr)
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(os.fsencode(out))) == sorted([b"a.txt", b"caf\xe9.txt", b"z.txt"])
    assert (out / BAD_NAME).read_text(encoding="utf-8") == FIXED
    assert "caf\\xe9.txt" in result.stderr
    page_dir = tmp_path / "pages"
    pages = run_cli("fix", str(odd_names), "--diff", "--html-dir", str(page_dir))
    errors(pages.stderr)
    assert "caf\\xe9.txt" in pages.stdout
    assert len(list(page_dir.iterdir())) == 3


# --- FIFOs, sockets and devices; a size cap for one article


def test_a_fifo_or_socket_in_a_folder_is_skipped_with_a_note(
    run_cli: CliRun, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BROKEN, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.txt"))
    try:
        result = run_cli("check", str(folder), "--format", "json")
    finally:
        server.close()
    errors(result.stderr)
    assert result.returncode == 1, result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(folder / "a.txt")]
    notes = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(notes) == 2 and all("not a regular file" in n for n in notes)


@pytest.mark.parametrize("name", ["/dev/zero", "/dev/urandom", "fifo"])
def test_a_device_or_fifo_named_on_the_command_line_is_refused(
    run_cli: CliRun, tmp_path: Path, name: str
) -> None:
    if name == "fifo":
        name = str(tmp_path / "fifo.txt")
        os.mkfifo(name)  # nobody writes to it: opening it to read would wait forever
    good = tmp_path / "good.txt"
    good.write_text(BROKEN, encoding="utf-8")
    result = run_cli("check", name, str(good), "--format", "json")
    assert result.returncode == 2
    (line,) = errors(result.stderr)
    assert name in line and "not a regular file" in line
    assert json.loads(result.stdout)["files"][1]["findings"]


def test_an_article_larger_than_max_size_is_one_error(run_cli: CliRun, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(BROKEN, encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"text": "x " * 3000}) + "\n" + json.dumps({"text": BROKEN}) + "\n",
        encoding="utf-8",
    )
    result = run_cli(
        "check", str(big), str(good), str(corpus), "--max-size", "4k", "--format", "json"
    )
    assert result.returncode == 2
    lines = errors(result.stderr)
    assert len(lines) == 2, lines
    assert str(big) in lines[0] and "larger than --max-size 4 KB" in lines[0]
    assert f"{corpus}:1" in lines[1]
    files = json.loads(result.stdout)["files"]
    assert files[1]["findings"] and files[3]["findings"]
    stdin = run_cli("check", "-", "--max-size", "1k", input="word " * 1000)
    assert stdin.returncode == 2 and "larger than --max-size" in errors(stdin.stderr)[0]


def test_max_size_is_a_setting_with_a_documented_default(run_cli: CliRun, tmp_path: Path) -> None:
    shown = run_cli("config", str(tmp_path))
    assert "max-size = 67108864" in shown.stdout, shown.stdout
    (tmp_path / "cleanup.toml").write_text('max-size = "2k"\n', encoding="utf-8")
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "big.txt"))
    assert result.returncode == 2 and "larger than --max-size 2 KB" in errors(result.stderr)[0]
    bad = run_cli("check", str(tmp_path / "big.txt"), "--max-size", "lots")
    assert bad.returncode == 2 and "--max-size" in bad.stderr
    assert "(default: 64 MB;" in " ".join(run_cli("check", "--help").stdout.split())


# --- settings and gazetteer files


def test_a_settings_file_that_is_not_utf8_is_one_line(run_cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "cleanup.toml").write_bytes(b'ignore = ["caf\xe9"]\n')
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "a.txt"))
    assert result.returncode == 2
    (line,) = errors(result.stderr)
    assert str(tmp_path / "cleanup.toml") in line and "UTF-8" in line


SECRET = "s3cr3t-Passw0rd"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("shadow", f"root:{SECRET}:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n"),
        ("keys.yaml", f"{SECRET}: 1\nother: 2\n"),
        ("alias.yaml", f"entries: *{SECRET}\n"),
        ("tab.yaml", f"entries:\n\t- {SECRET}\n"),
        ("list.yaml", f"entries: [{SECRET}, [{SECRET}]]\n"),
        ("roles.yaml", f"entries:\n  - name: X\n    roles: [{SECRET}]\n"),
        ("quote.yaml", f'entries: "\\q{SECRET}"\n'),
        ("id.csv", f"{SECRET},b,c\nx,y,person\n"),
        ("bytes.yaml", f"{SECRET}\n\xff".encode("latin-1").decode("latin-1")),
    ],
)
def test_a_gazetteer_error_never_echoes_the_files_content(
    run_cli: CliRun, tmp_path: Path, name: str, content: str
) -> None:
    secret = tmp_path / name
    secret.write_bytes(content.encode("latin-1"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cleanup.toml").write_text(f'gazetteers = ["{secret}"]\n', encoding="utf-8")
    (corpus / "a.txt").write_text(BROKEN, encoding="utf-8")
    for args in (("check", str(corpus)), ("gazetteer", "check", str(secret))):
        result = run_cli(*args)
        assert result.returncode in (1, 2), result.stderr
        assert SECRET not in result.stdout + result.stderr
        assert str(secret) in result.stdout + result.stderr


def test_an_unreadable_file_whose_name_is_not_utf8_is_one_error_in_a_json_report(
    run_cli: CliRun, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BROKEN, encoding="utf-8")
    (folder / BAD_NAME).write_bytes(b"\x00\x01binary\x00")
    result = run_cli("check", str(folder), "--format", "json")
    assert result.returncode == 2
    (line,) = errors(result.stderr)
    assert "caf\\xe9.txt" in line and "binary" in line
    files = json.loads(result.stdout)["files"]
    assert files[1]["path"].endswith("caf\\xe9.txt") and "binary" in files[1]["error"]
