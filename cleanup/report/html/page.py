"""The HTML review page: the corrected article with every change and flag shown in place.

One self-contained file per article: inline CSS and JavaScript (``review.css`` and ``review.js``
beside this module, copied into the page), system fonts, nothing fetched. The article was scraped,
so every character taken from it (text, findings, path) is escaped, and a Content-Security-Policy
allows only the page's own style and script (by hash): a page built from an article holding
``<script>`` or ``<img onerror=...>`` runs nothing of it. Bidirectional controls (U+202A-U+202E,
U+2066-U+2069) are shown as what they are (a marked ``U+202E``), never obeyed: one could
otherwise reorder the words a reviewer reads.

Each finding becomes a numbered item: a change shows the removed and inserted words in place, a
flag highlights its span, and a note beside the paragraph gives rule, category, severity, message,
suggestion and reason. A summary counts items by category; buttons filter by category or kind, and
Previous/Next (or the keys j/k) walk through the items shown.

When the article was translated from a source text given with it, each paragraph's source stands
beside it (above it on a narrow screen), quieter than the text; the style for that
(``review-source.css``) is added, with its hash, only to such pages: a page without a source is
the same, byte for byte, as before sources were shown.

>>> from cleanup.core.model import Result
>>> page = render("a.txt", Result("He left. ..", "He left."))
>>> page.startswith("<!DOCTYPE html>") and "<del> ..</del>" in page
True
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources

from cleanup.core.document import PARAGRAPH_BREAK, TextView
from cleanup.core.model import Result
from cleanup.report.diff.changes import changes, suggestions, text_hash
from cleanup.report.diff.hunks import Hunk
from cleanup.report.html.escape import escape
from cleanup.report.html.escape import text as _text
from cleanup.report.html.notes import Item, badge, note

# a first paragraph this short, on one line and not ending a sentence, is the headline
HEADLINE_CHARS = 160


def _asset(name: str) -> str:
    """A file of this package as text. Read with universal newlines: a checkout with CRLF line
    endings gives the same page (and hashes) as one with LF."""
    return resources.files("cleanup.report.html").joinpath(name).read_text(encoding="utf-8")


# The page's style and script, inlined exactly as the files hold them (the leading newline too):
# the CSP below allows them by the SHA-256 of that text, which is the hash of the file.
STYLE = _asset("review.css")
SCRIPT = _asset("review.js")
SOURCE_STYLE = _asset("review-source.css")  # pages with a source text only


def _sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


def _policy(*styles: str) -> str:
    """Nothing but the page's own inline styles and script; no network, frames, forms or plugins."""
    hashes = " ".join(f"'{_sha256(style)}'" for style in styles)
    return (
        f"default-src 'none'; style-src {hashes}; script-src '{_sha256(SCRIPT)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


CSP = _policy(STYLE)
SOURCE_CSP = _policy(STYLE, SOURCE_STYLE)


@dataclass
class _Page:
    text: str
    hunks: list[Hunk]  # one per change: its words as read and as they end up
    items: list[Item]
    hunk_items: dict[int, list[Item]] = field(default_factory=dict)
    markers: list[Item] = field(default_factory=list)  # flags, and changes without a hunk
    marker_starts: list[int] = field(default_factory=list)  # sorted, as the markers are


def render(
    path: str, result: Result, source: str | None = None, source_lang: str | None = None
) -> str:
    """The review page for one article, as a complete HTML document; ``source`` is the text it
    was translated from (paragraphs aligned by blank lines), shown beside it when given."""
    page = _layout(result)
    blocks = _blocks(page)
    block_starts = [start for start, _ in blocks]
    notes: dict[int, list[Item]] = defaultdict(list)
    for item in page.items:  # each note sits beside the paragraph holding its change or flag
        notes[max(0, bisect.bisect_right(block_starts, item.anchor) - 1)].append(item)
    body = []
    sources = None if source is None else _sources(page.text, block_starts, source)
    lang = f' lang="{escape(source_lang)}"' if source_lang else ""
    if source is not None and sources is None:  # not aligned: the whole source, folded away
        body.append(_whole_source(source, lang))
    for index, (start, end) in enumerate(blocks):
        inside = notes[index]
        headline = " headline" if index == 0 and _headline(page.text[start:end]) else ""
        beside = f'<div class="src"{lang}>{_text(sources[index])}</div>' if sources else ""
        body.append(
            f'<section class="para{headline}">{beside}'
            f'<div class="text">{_block_html(page, start, end)}</div>'
            f'<div class="notes">{"".join(note(item, page.text) for item in inside)}</div>'
            "</section>"
        )
    if not page.items:
        body.append('<p class="empty">No changes and no flags: the article is left as it was.</p>')
    name = escape(path)
    policy, style = CSP, ""
    if source is not None:  # the source's style, allowed by its own hash
        policy, style = SOURCE_CSP, f"<style>{SOURCE_STYLE}</style>\n"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en" data-path="{name}" data-sha256="{text_hash(result.original)}">\n'
        '<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Review: {name}</title>\n"
        f"<style>{STYLE}</style>\n{style}</head>\n<body>\n"
        f"{_header(name, page.items)}\n"
        f"<main>\n{chr(10).join(body)}\n</main>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _sources(text: str, block_starts: list[int], source: str) -> list[str] | None:
    """The source paragraphs beside each block of the page, or None when the source and the
    text do not have as many paragraphs (the source/ checks then pair them whole too).

    >>> _sources("A.\\n\\nB.\\n\\nC.", [0, 4], "甲。\\n\\n乙。\\n\\n丙。")
    ['甲。', '乙。\\n\\n丙。']
    """
    source = source.replace("\r\n", "\n")
    paragraphs, originals = TextView(text).paragraphs, TextView(source).paragraphs
    if not paragraphs or not block_starts or len(paragraphs) != len(originals):
        return None
    beside: list[list[str]] = [[] for _ in block_starts]
    for (start, _), (a, b) in zip(paragraphs, originals, strict=True):
        beside[max(0, bisect.bisect_right(block_starts, start) - 1)].append(source[a:b])
    return ["\n\n".join(parts) for parts in beside]


def _whole_source(source: str, lang: str) -> str:
    """The source when its paragraphs do not match the text's: whole, in a fold above it."""
    return (
        '<details class="source-all"><summary>Source text (its paragraphs do not match the '
        f'translation\'s)</summary><div class="src"{lang}>{_text(source.strip())}</div></details>'
    )


def _headline(block: str) -> bool:
    """Whether a first paragraph reads as a headline: short, one line, no full stop at its end.

    >>> _headline("US sends 3,000 troops to Eastern Europe"), _headline("He left. She stayed.")
    (True, False)
    """
    block = block.strip()
    return 0 < len(block) <= HEADLINE_CHARS and "\n" not in block and block[-1] not in ".:;,"


def _layout(result: Result) -> _Page:
    """Number the changes and flags in reading order; each change is one hunk of the page."""
    chosen = changes(result)
    suggested = {id(f) for f in suggestions(result, chosen)}
    in_changes = {id(f) for c in chosen for f in c.findings}
    entries: list[tuple[int, int, int, Item]] = []
    for c in chosen:
        entries.append((c.start, c.end, 0, Item(0, c.findings, c.start, c.end, c)))
    spans = [(c.start, c.end) for c in chosen]
    for f in result.findings:
        if id(f) in in_changes:
            continue
        start, end = f.start, f.end  # a flag's highlight covers whole changed words
        inside = _inside(spans, start)
        start = spans[inside][0] if inside is not None else start
        inside = _inside(spans, end)
        end = spans[inside][1] if inside is not None else end
        item = Item(0, (f,), start, end, suggestion=id(f) in suggested)
        entries.append((f.start, f.end, 1, item))
    entries.sort(key=lambda e: (e[0], e[1], e[2], e[3].findings[0].rule))
    page = _Page(result.original, [(c.start, c.end, c.new) for c in chosen], [])
    hunk_of = {id(c): i for i, c in enumerate(chosen)}
    for number, (_, _, _, item) in enumerate(entries, 1):
        item.number = number
        item.anchor = item.start
        page.items.append(item)
        if item.change is not None:
            page.hunk_items[hunk_of[id(item.change)]] = [item]
        else:
            page.markers.append(item)
    page.markers.sort(key=lambda item: item.start)
    page.marker_starts = [item.start for item in page.markers]
    return page


def _inside(spans: list[tuple[int, int]], pos: int) -> int | None:
    """The span with ``pos`` strictly inside it, if any (spans sorted and disjoint)."""
    index = bisect.bisect_left(spans, (pos, -1)) - 1
    if index >= 0 and spans[index][0] < pos < spans[index][1]:
        return index
    return None


def _blocks(page: _Page) -> list[tuple[int, int]]:
    """Paragraphs of the text as read; a break that a change or flag spans joins two."""
    text = page.text
    spans = sorted([(s, e) for s, e, _ in page.hunks] + [(i.start, i.end) for i in page.items])
    covered: list[list[int]] = []  # the spans merged, so one bisect tells if a break is touched
    for s, e in spans:
        if covered and s < covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], e)
        else:
            covered.append([s, e])
    covered_starts = [s for s, _ in covered]

    def touched(b_start: int, b_end: int) -> bool:
        i = bisect.bisect_left(covered_starts, b_end) - 1
        return i >= 0 and b_start < covered[i][1]

    # paragraphs for the margin notes: the same breaks as TextView.paragraphs
    breaks = [m.span() for m in PARAGRAPH_BREAK.finditer(text) if not touched(*m.span())]
    blocks, start = [], 0
    for b_start, b_end in breaks:
        blocks.append((start, b_start))
        start = b_end
    end = len(text)
    # trailing whitespace of the article is not shown unless something happens there
    stripped = len(text.rstrip())
    if not any(e > stripped or s > stripped for s, e in spans):
        end = stripped
    if end > start or not blocks:
        blocks.append((start, end))
    return [(s, e) for s, e in blocks if e > s or touched(s - 1, e + 1)]


def _block_html(page: _Page, start: int, end: int) -> str:
    flags = page.markers[
        bisect.bisect_left(page.marker_starts, start) : bisect.bisect_right(page.marker_starts, end)
    ]
    out: list[str] = []
    shown: set[int] = set()

    def markers_at(pos: int, *, final: bool = False) -> None:
        for item in flags:
            if item.number not in shown and (item.end == pos or (final and item.end > pos)):
                shown.add(item.number)
                out.append(_suggested(item) + badge(item, marker=True))

    def covering(a: int, b: int) -> list[Item]:
        return [i for i in flags if i.start < i.end and i.start <= a and b <= i.end and a < b]

    def wrap(inner: str, a: int, b: int) -> str:
        over = covering(a, b)
        if not over:
            return inner
        worst = max(over, key=lambda i: i.severity.rank)
        numbers = " ".join(str(i.number) for i in over)
        sev = worst.severity.value
        return f'<mark class="flag sev-{sev}" data-items="{numbers}">{inner}</mark>'

    def plain(a: int, b: int) -> None:
        cuts = sorted({a, b} | {p for i in flags for p in (i.start, i.end) if a < p < b})
        for x, y in itertools.pairwise(cuts):
            out.append(wrap(_text(page.text[x:y]), x, y))
            markers_at(y)

    markers_at(start)
    pos = start
    first = bisect.bisect_left(page.hunks, (start, -1, ""))
    for index in range(first, len(page.hunks)):
        h_start, h_end, new = page.hunks[index]
        if h_start > end:
            break
        if h_end > end:
            continue
        plain(pos, h_start)
        items = page.hunk_items.get(index, [])
        numbers = " ".join(str(i.number) for i in items)
        attrs = f' data-items="{numbers}"' if numbers else ""
        old = page.text[h_start:h_end]
        inner = (
            f'<span class="chg"{attrs}>'
            + (f"<del>{_shown(old)}</del>" if old else "")
            + (f"<ins>{_shown(new, keep=True)}</ins>" if new else "")
            + "</span>"
            + "".join(badge(i, marker=True) for i in items)
        )
        out.append(wrap(inner, h_start, h_end))
        markers_at(h_end)
        pos = h_end
    plain(pos, end)
    markers_at(end, final=True)
    return "".join(out)


def _shown(text: str, *, keep: bool = False) -> str:
    """Escaped text; whitespace alone is made visible (and kept, for inserted text)."""
    if text.strip():
        return _text(text)
    visible = text.replace(" ", "␣").replace("\t", "⇥").replace("\n", "↵")
    return f'<span class="ws">{escape(visible)}</span>' + (escape(text) if keep else "")


def _suggested(item: Item) -> str:
    """A flag's suggested words, shown in place when the reviewer accepts them."""
    if not item.suggestion:
        return ""
    new = item.findings[0].replacement or ""
    return f'<ins class="sugg" data-sugg="{item.number}">{_shown(new, keep=True)}</ins>'


def _header(name: str, items: list[Item]) -> str:
    changes = sum(i.kind == "change" for i in items)
    flags = len(items) - changes
    by_cat: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        by_cat[item.category][item.kind] += 1
    chips = [
        f'<button class="chip" type="button" data-kind="change" aria-pressed="true">'
        f"Changes <b>{changes}</b></button>",
        f'<button class="chip" type="button" data-kind="flag" aria-pressed="true">'
        f"Flags <b>{flags}</b></button>",
    ]
    for category in sorted(by_cat):
        counts = by_cat[category]
        parts = [
            f"<b>{n}</b> {kind}{'s' * (n != 1)}"
            for kind in ("change", "flag")
            if (n := counts[kind])
        ]
        chips.append(
            f'<button class="chip" type="button" data-cat="{escape(category)}" '
            f'aria-pressed="true">{escape(category)}: {", ".join(parts)}</button>'
        )
    chips.append(
        '<button class="chip view" type="button" id="final" aria-pressed="false" '
        'title="Show the text as it will be with the current decisions">Result only</button>'
    )
    legend = (
        '<span class="legend"><del>removed</del> <ins>inserted</ins> '
        '<mark class="flag sev-warning">flagged</mark> · keys j / k, a accept, r reject</span>'
    )
    # on a phone the bar is one line and the filters fold away (the script opens them when wide)
    return (
        '<header class="top"><div class="bar">'
        f'<h1 title="{name}">{name}</h1>'
        f'<span class="totals">{changes} change{"s" * (changes != 1)} · '
        f"{flags} flag{'s' * (flags != 1)}</span>"
        '<nav><button type="button" id="prev" title="Previous item (k)">←<span class="wide">'
        ' Previous</span></button><span id="pos">–</span>'
        '<button type="button" id="next" title="Next item (j)"><span class="wide">Next </span>→'
        '</button><button type="button" id="export" title="Save the decisions as JSON for '
        '`cleanup review --decisions`">Export<span class="wide"> decisions</span></button></nav>'
        '</div><details class="more" id="more"><summary>Filters</summary>'
        f'<div class="filters">{"".join(chips)}{legend}</div></details></header>'
    )
