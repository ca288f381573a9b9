"""XLIFF 1.2 and 2.x: units read with translate-toolkit, checked against their sources, and fixed
targets written back with every other byte as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from translate.storage import xliff, xliff2

from tests.conftest import CliRun

SKELETON_12 = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
    b'<file original="a.txt" source-language="zh" target-language="en" datatype="plaintext">'
    b"<body></body></file></xliff>\n"
)
UNITS = [
    ("销量达1.2万台。", "Sales reached 12,000 units."),
    ("价格持平。", "Prices held."),
]


def library_12(units: list[tuple[str, str]]) -> bytes:
    """An XLIFF 1.2 file as translate-toolkit writes it."""
    store = xliff.xlifffile.parsestring(SKELETON_12)
    for n, (source, target) in enumerate(units, start=1):
        unit = store.UnitClass(source)
        unit.target = target
        unit.setid(str(n))
        store.addunit(unit)
    return bytes(store)


def library_20(units: list[tuple[str, str]]) -> bytes:
    """An XLIFF 2.0 file as translate-toolkit writes it."""
    store = xliff2.Xliff2File()
    store.setsourcelanguage("zh")
    store.settargetlanguage("en")
    for n, (source, target) in enumerate(units, start=1):
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setid(str(n))
    return bytes(store)


def cat_tool(first_target: str) -> bytes:
    """XLIFF 1.2 in the layout a CAT tool exports: a header, groups, segmented sources with
    <mrk>, an alternative translation, escaped characters, inline <g> markup, one line per unit,
    no pretty-printing, CRLF line ends."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\r\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
        'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2" sdl:version="1.0">\r\n'
        '<file original="C:\\jobs\\article.docx" source-language="zh-CN" target-language="en-US" '
        'datatype="x-sdlfilterframework2"><header><tool tool-id="cat" tool-name="CAT"/></header>'
        '<body>\r\n<group id="g1">\r\n'
        '<trans-unit id="u1" translate="yes"><source>销量达1.2万台。</source><seg-source>'
        '<mrk mtype="seg" mid="1">销量达1.2万台。</mrk></seg-source>'
        f'<target state="translated">{first_target}</target></trans-unit>\r\n'
        '<trans-unit id="u2"><source>价格与成本持平。</source>'
        "<target>Prices &amp; costs held.</target>"
        "<alt-trans><target>Prices held.</target></alt-trans></trans-unit>\r\n"
        '<trans-unit id="u3"><source>见<g id="1">附件</g>。</source>'
        '<target>See the <g id="1">annex</g> .. here.</target></trans-unit>\r\n'
        "</group>\r\n</body></file></xliff>\r\n"
    ).encode()


def fix(run_cli: CliRun, path: Path) -> bytes:
    out = path.with_name("out" + path.suffix)
    result = run_cli("fix", str(path), "-o", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


@pytest.mark.parametrize("make", [library_12, library_20])
def test_library_file_with_nothing_to_fix_is_byte_identical(
    run_cli: CliRun, tmp_path: Path, make: object
) -> None:
    assert callable(make)
    path = tmp_path / "a.xlf"
    path.write_bytes(make(UNITS))
    assert fix(run_cli, path) == path.read_bytes()


@pytest.mark.parametrize("make", [library_12, library_20])
def test_library_file_fix_changes_only_the_target(
    run_cli: CliRun, tmp_path: Path, make: object
) -> None:
    assert callable(make)
    path = tmp_path / "a.xliff"
    path.write_bytes(make([(UNITS[0][0], UNITS[0][1] + " .."), UNITS[1]]))
    assert fix(run_cli, path) == make(UNITS)


def test_review_writes_an_xliff_file_back_as_fix_does(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "a.xliff"
    path.write_bytes(library_12([(UNITS[0][0], UNITS[0][1] + " .."), UNITS[1]]))
    out = tmp_path / "reviewed.xliff"
    result = run_cli("review", str(path), "-o", str(out), "--no-cache", input="a\n")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == fix(run_cli, path) == library_12(UNITS)


def test_cat_tool_file_round_trips_byte_for_byte(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "job.sdlxliff.xlf"
    path.write_bytes(cat_tool("Sales reached 12,000 units."))
    assert fix(run_cli, path) == path.read_bytes()
    path.write_bytes(cat_tool("Sales reached 12,000 units. .."))
    # only the first target's text changes; the unit with inline markup is left alone
    assert fix(run_cli, path) == cat_tool("Sales reached 12,000 units.")


def test_xliff_units_are_checked_against_their_sources(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "job.xlf"
    path.write_bytes(cat_tool("Sales reached 1,200 units."))
    result = run_cli("check", str(path), "--format", "json", "--no-cache", "--select", "source")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["text"]) for f in findings] == [("source/number-mismatch", "1,200")]
    assert "销量达1.2万台。" in findings[0]["message"]


def test_a_file_that_is_not_xliff_is_one_error(run_cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "bad.xlf"
    path.write_bytes(b"<xliff><file>")
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert "not XLIFF this tool can read" in result.stdout + result.stderr
