"""The review page in a real headless Chromium: it renders, its script works, hostile text is inert.

Run by `bash tests/run`, which installs Debian's chromium; with CLEANUP_REQUIRE_ALL=1 a missing
browser fails these tests instead of skipping them.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanup.core.pipeline import process
from cleanup.io.readers import read_document
from cleanup.report.html.page import render
from cleanup.settings.config import Config
from cleanup.stages import compile_rules
from tests import browser
from tests.conftest import CliRun
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


def seed_page(run_cli: CliRun, folder: Path) -> Path:
    """The seed's review page as `fix --html` writes it (every rule, names too)."""
    article = folder / "seed.txt"
    article.write_bytes(SEED.read_bytes())
    page = folder / "seed.txt.html"
    done = run_cli("fix", "seed.txt", "--html", page.name, "-o", "fixed.txt", cwd=folder)
    assert done.returncode == 0, done.stderr
    return page


def note_of(devtools: browser.DevTools, words: str) -> str:
    """The id of the note whose change or suggestion shows ``words``."""
    found = devtools.eval(
        "Array.from(document.querySelectorAll('.note[data-findings]'))"
        f".filter(n => n.querySelector('.edit').textContent.includes({words!r}))"
        ".map(n => n.id)"
    )
    assert len(found) == 1, (words, found)
    return str(found[0])


def reloaded(devtools: browser.DevTools) -> bool:
    try:  # while the page is replaced, there may be no document, or no context to ask in
        return bool(devtools.eval("document.documentElement.dataset.ready === '1'"))
    except RuntimeError:
        return False


def test_decisions_made_on_the_page_are_applied_by_review(
    run_cli: CliRun, tmp_path: Path, devtools: browser.DevTools
) -> None:
    page = seed_page(run_cli, tmp_path)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    devtools.allow_downloads(downloads)
    devtools.open(page)
    lavrov = note_of(devtools, "Sergey Lavrov")
    iron = note_of(devtools, "ironclad")
    # reject the linked mojibake-and-name change with the mouse
    devtools.click(f"#{lavrov} .decide .reject")
    state = f"document.querySelector('#{lavrov} .state').textContent"
    assert devtools.eval(state) == "rejected"
    # accept the calque's suggestion with the keyboard: select its note, then `a`
    devtools.click(f"#{iron} .rule")
    devtools.key("a")
    assert devtools.eval(f"document.querySelector('#{iron} .state').textContent") == "accepted"
    # the text as it will be
    devtools.click("#final")
    shown = devtools.eval(
        "Array.from(document.querySelectorAll('.text')).map(t => t.innerText).join('\\n')"
    )
    assert "Foreign Minister Sergeń≠ Viklov." in shown and "Sergey Lavrov" not in shown
    assert "an “ironclad.”" in shown and "iron wall" not in shown
    assert "Volodymyr Zelensky" in shown and "Wolodimir" not in shown
    # the decisions survive a reload
    devtools.eval("document.documentElement.dataset.ready = ''; location.reload()")
    deadline = time.monotonic() + 20
    while not reloaded(devtools):
        assert time.monotonic() < deadline, "the page did not load again"
        time.sleep(0.05)
    assert devtools.eval(state) == "rejected"

    devtools.click("#export")
    saved = downloads / "seed.txt.decisions.json"
    deadline = time.monotonic() + 20
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    decisions = json.loads(saved.read_text(encoding="utf-8"))
    assert decisions["article"]["path"] == "seed.txt"
    by_rule = {(d["rule"], d["text"]): d["decision"] for d in decisions["findings"]}
    assert by_rule[("encoding/mojibake", "Sergeń≠")] == "reject"
    assert by_rule[("names/role-anchored", "Sergeń≠ Viklov")] == "reject"
    assert by_rule[("artifact/calque/iron-wall", "iron wall")] == "accept"
    assert by_rule[("names/style", "Kiev")] == "accept"

    out = tmp_path / "reviewed.txt"
    done = run_cli("review", str(tmp_path / "seed.txt"), "--decisions", str(saved), "-o", str(out))
    assert done.returncode == 0, done.stderr
    expected = (
        (tmp_path / "fixed.txt")
        .read_text(encoding="utf-8")
        .replace("Minister Sergey Lavrov.", "Minister Sergeń≠ Viklov.")
        .replace("an “iron wall.”", "an “ironclad.”")
    )
    assert out.read_text(encoding="utf-8") == expected
    # 8 of fix's 10 and the suggestion; the refused two are flags again, the suggestion not
    assert "9 fixes applied, 17 flags to review" in done.stderr


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (420, 900)])
def test_review_page_layout_at_desktop_and_phone_widths(
    run_cli: CliRun, tmp_path: Path, devtools: browser.DevTools, width: int, height: int
) -> None:
    page = seed_page(run_cli, tmp_path)
    devtools.open(page)
    devtools.size(width, height, mobile=width < 900)
    time.sleep(0.3)
    header = devtools.eval("document.querySelector('header.top').getBoundingClientRect().height")
    if width < 900:
        assert header <= 0.15 * height  # the sticky header leaves the phone's screen to the text
    # paragraphs are as far apart however many notes stand beside them
    gaps = devtools.eval(
        "(() => { const t = Array.from(document.querySelectorAll('.para:not(.headline) .text'));"
        " return t.slice(1).map((e, i) => Math.round(e.getBoundingClientRect().top"
        " - t[i].getBoundingClientRect().bottom)); })()"
    )
    if width >= 900:
        assert max(gaps) - min(gaps) <= 2, gaps
    # one change for the mojibake and the name, with both reasons
    change = devtools.eval(
        "Array.from(document.querySelectorAll('.chg')).map(c => c.textContent)"
        ".filter(t => t.includes('Viklov'))"
    )
    assert change == ["Sergeń≠ Viklov.Sergey Lavrov."]
    # --unsafe-fixes stays on one line
    lines = devtools.eval(
        "Array.from(document.querySelectorAll('code.opt')).map(c => c.getClientRects().length)"
    )
    assert lines and set(lines) == {1}
    # CLEANUP_SCREENSHOTS=docs keeps them (the README shows docs/review-page-desktop.png)
    folder = Path(os.environ.get("CLEANUP_SCREENSHOTS", tmp_path))
    name = "review-page-desktop.png" if width >= 900 else "review-page-phone.png"
    lavrov = note_of(devtools, "Sergey Lavrov")  # the linked change, selected, in view
    devtools.eval(f"document.querySelector('#{lavrov} header .badge').click()")
    devtools.eval(f"document.getElementById('m{lavrov[1:]}').scrollIntoView({{block: 'center'}})")
    time.sleep(0.2)
    if width >= 900:  # the current note stands beside its change, however many notes came before
        note_top, badge_top, para_top = devtools.eval(
            f"[document.getElementById('{lavrov}'), document.getElementById('m{lavrov[1:]}'),"
            f" document.getElementById('m{lavrov[1:]}').closest('.text')]"
            ".map(e => e.getBoundingClientRect().top)"
        )
        assert para_top - 10 <= note_top <= badge_top + 10, (para_top, note_top, badge_top)
        overlaps = devtools.eval(
            "(() => { const r = Array.from(document.querySelectorAll('.note'))"
            ".map(n => n.getBoundingClientRect()).sort((a, b) => a.top - b.top);"
            " return r.slice(1).filter((b, i) => b.top < r[i].bottom - 1).length; })()"
        )
        assert overlaps == 0  # notes moved up or down never cover each other
    png = devtools.screenshot(folder / name)
    assert png.stat().st_size > 20_000  # text, changes and notes, not a blank page


def test_source_stands_beside_its_paragraph_and_above_it_on_a_phone(
    run_cli: CliRun, tmp_path: Path, devtools: browser.DevTools
) -> None:
    corpus = tmp_path / "t.jsonl"
    record = {
        "id": "zh",
        "source": "美国宣布<script>alert(1)</script>派兵。\n\n销量升至1.2万台。\n",
        "text": "US announces troops\n\nSales rose to 13,000 units.\n",
    }
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    pages = tmp_path / "p"
    done = run_cli(
        "fix", str(corpus), "--diff", "--source-field", "source", "--html-dir", str(pages)
    )
    assert done.returncode == 0, done.stderr
    devtools.open(pages / "t.jsonl.1-zh.html")
    devtools.size(1280, 900)
    time.sleep(0.3)
    assert devtools.eval("document.documentElement.dataset.ready") == "1"
    boxes = (
        "Array.from(document.querySelectorAll('.para')).map(p => [p.querySelector('.src'),"
        " p.querySelector('.text')].map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; }))"
    )
    rows = devtools.eval(boxes)
    assert len(rows) == 2
    for src, text in rows:
        assert src[2] > src[0] and src[3] > src[1]  # shown, with a size
        assert src[2] <= text[0] and abs(src[1] - text[1]) <= 1  # left of its text, same row
    # the source's own style applied (its hash in the policy): muted, smaller than the text
    style = "(e => [getComputedStyle(e).color, parseFloat(getComputedStyle(e).fontSize)])"
    colour, size = devtools.eval(f"{style}(document.querySelector('.para:not(.headline) .src'))")
    assert colour == "rgb(99, 106, 116)" and size < 18
    assert devtools.eval("document.querySelector('.src').textContent").startswith(
        "美国宣布<script>alert(1)</script>"
    )
    devtools.size(420, 900, mobile=True)
    time.sleep(0.3)
    for src, text in devtools.eval(boxes):  # on a phone, above its text
        assert src[3] <= text[1] and src[2] > src[0]
