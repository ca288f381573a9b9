"""The review page in a real headless Chromium: it renders, its script works, hostile text is inert.

Run by `bash tests/run`, which installs Debian's chromium; with CLEANUP_REQUIRE_ALL=1 a missing
browser fails these tests instead of skipping them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanup.core.pipeline import process
from cleanup.io.readers import read_document
from cleanup.report.html.page import render
from cleanup.settings.config import Config
from cleanup.stages import compile_rules
from tests import browser
from tests.paths import DATA, SEED

pytestmark = pytest.mark.chromium

HOSTILE = DATA / "hostile.txt"


def write_page(article: Path, folder: Path, name: str | None = None) -> Path:
    # names: test_names.py; the hostile article's counts are of the foundation's rules, so
    # MT-artifact flags are left out
    ignore = ("artifact", "names") if article == HOSTILE else ("names",)
    config = Config(ignore=ignore)
    result = process(read_document(article), compile_rules(config))
    page = folder / "review.html"
    page.write_text(render(name or str(article.name), result), encoding="utf-8")
    return page


@pytest.fixture
def devtools() -> Iterator[browser.DevTools]:
    session = browser.DevTools()
    try:
        yield session
    finally:
        session.close()


def test_seed_page_dom_holds_every_change_after_its_script_ran(tmp_path: Path) -> None:
    result = process(read_document(SEED), compile_rules(Config(ignore=("names",))))
    dom = browser.dump_dom(write_page(SEED, tmp_path))
    assert 'data-ready="1"' in dom  # the page's own script ran under its CSP
    assert "<del>Sergeń≠</del><ins>Sergeĭ</ins>" in dom
    assert "UTF-8 text read as Mac Central European (mac_latin2)" in dom
    notes = re.findall(r'<article class="note (change|flag)', dom)
    assert notes.count("change") == len(result.edits)
    assert notes.count("flag") == len(result.flags)
    position = re.search(r'<span id="pos">(.*?)</span>', dom)
    assert position and position.group(1) == f"– / {len(result.findings)}"


def test_seed_page_screenshot_shows_text_changes_and_notes(tmp_path: Path) -> None:
    from PIL import Image

    png = browser.screenshot(write_page(SEED, tmp_path), tmp_path / "seed.png")
    image = Image.open(png).convert("RGB")
    assert image.size == (1280, 2000)
    colours = image.getcolors(maxcolors=1 << 24)  # (count, colour) for every colour used
    assert colours is not None
    total = image.width * image.height
    background_count, _ = max(colours)
    inked = 1 - background_count / total
    assert inked > 0.04, f"only {inked:.1%} of the screenshot differs from the background"
    assert len(colours) > 500  # anti-aliased text in several colours, not a blank page

    def near(colour: tuple[int, int, int]) -> int:
        return sum(
            n for n, c in colours if all(abs(a - b) <= 6 for a, b in zip(c, colour, strict=True))
        )

    assert near((0xFB, 0xE0, 0xDE)) > 50  # the red background of removed text
    assert near((0x14, 0x61, 0x30)) > 50  # green change badges and note borders


def test_hostile_article_runs_no_script(tmp_path: Path) -> None:
    name = '<img src=x onerror="document.title=1">.txt'
    page = write_page(HOSTILE, tmp_path, name)
    dom = browser.dump_dom(page)
    assert 'data-ready="1"' in dom
    title = '<title>Review: &lt;img src=x onerror="document.title=1"&gt;.txt</title>'
    assert title in dom
    assert "data-pwned" not in dom
    assert len(re.findall(r"<script\b", dom)) == 1
    assert len(re.findall(r"<style\b", dom)) == 1
    for tag in ("img", "iframe", "svg"):
        assert not re.search(rf"<{tag}\b", dom), tag
    assert '&lt;script&gt;document.title = "pwned"' in dom


def test_hostile_article_cannot_hide_or_restyle_the_page(
    tmp_path: Path, devtools: browser.DevTools
) -> None:
    devtools.open(write_page(HOSTILE, tmp_path))
    assert devtools.eval("document.title") == "Review: hostile.txt"
    assert devtools.eval("getComputedStyle(document.body).display") == "block"
    assert devtools.eval("document.body.dataset.pwned === undefined") is True
    injected = "document.querySelectorAll('img, iframe, svg, b[onmouseover]').length"
    assert devtools.eval(injected) == 0
    assert devtools.eval("document.querySelector('.text').textContent").startswith(
        "Breaking: <script>"
    )


def test_review_page_filters_by_category_and_steps_through_items(
    tmp_path: Path, devtools: browser.DevTools
) -> None:
    devtools.open(write_page(HOSTILE, tmp_path))
    shown = "Array.from(document.querySelectorAll('.note:not(.hidden)')).map(n => n.id).join(' ')"
    position = "document.getElementById('pos').textContent"
    assert devtools.eval(shown) == "n1 n2 n3"
    devtools.eval("document.getElementById('next').click()")
    assert devtools.eval(position) == "1 / 3"
    assert devtools.eval("document.querySelector('.note.current').id") == "n1"
    assert devtools.eval("document.getElementById('m1').classList.contains('current')") is True
    devtools.eval("document.getElementById('prev').click()")
    assert devtools.eval(position) == "3 / 3"

    devtools.eval("document.querySelector('.chip[data-cat=\"encoding\"]').click()")
    assert devtools.eval(shown) == "n1"
    assert devtools.eval(position) == "– / 1"  # the current item was hidden
    assert devtools.eval("document.querySelector('mark[data-items=\"3\"]').className") == (
        "flag sev-error off"
    )
    devtools.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j'}))")
    assert devtools.eval(position) == "1 / 1"

    devtools.eval("document.querySelector('.chip[data-kind=\"change\"]').click()")
    assert devtools.eval(shown) == ""
    devtools.eval("document.querySelector('.chip[data-cat=\"encoding\"]').click()")
    assert devtools.eval(shown) == "n3"
    pressed = "document.querySelector('.chip[data-kind=\"change\"]').getAttribute('aria-pressed')"
    assert devtools.eval(pressed) == "false"
