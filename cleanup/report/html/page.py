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
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape as _html_escape
from importlib import resources

from cleanup.core.document import PARAGRAPH_BREAK
from cleanup.core.model import Finding, Fix, Result
from cleanup.report.diff.hunks import Hunk, hunks

# Bidirectional embeddings, overrides and isolates: shown, never left to reorder the page.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """``text`` escaped for any place in the page (an attribute, the title): a bidirectional
    control becomes its code point as text, ``<U+202E>``."""
    return _html_escape(_BIDI.sub(lambda m: f"<U+{ord(m[0]):04X}>", text))


def _text(text: str) -> str:
    """``text`` escaped for the page's body: a bidirectional control becomes a marked span.

    >>> _text("a\u202eb<")
    'a<span class="ctl" title="RIGHT-TO-LEFT OVERRIDE">U+202E</span>b&lt;'
    """
    import unicodedata

    parts = _BIDI.split(text)
    if len(parts) == 1:
        return _html_escape(text)
    controls = _BIDI.findall(text)
    out = [_html_escape(parts[0])]
    for control, part in zip(controls, parts[1:], strict=True):
        name = unicodedata.name(control, "bidirectional control")
        out.append(f'<span class="ctl" title="{name}">U+{ord(control):04X}</span>')
        out.append(_html_escape(part))
    return "".join(out)


def _asset(name: str) -> str:
    """A file of this package as text. Read with universal newlines: a checkout with CRLF line
    endings gives the same page (and hashes) as one with LF."""
    return resources.files("cleanup.report.html").joinpath(name).read_text(encoding="utf-8")


# The page's style and script, inlined exactly as the files hold them (the leading newline too):
# the CSP below allows them by the SHA-256 of that text, which is the hash of the file.
STYLE = _asset("review.css")
SCRIPT = _asset("review.js")


def _sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


# Nothing but the page's own inline style and script; no network, frames, forms or plugins.
CSP = (
    f"default-src 'none'; style-src '{_sha256(STYLE)}'; script-src '{_sha256(SCRIPT)}'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


@dataclass
class _Item:
    number: int
    finding: Finding
    start: int  # where its span begins and ends on the page (a flag widened over changed words)
    end: int
    anchor: int = 0  # where on the page its marker is: its change's start, or its own

    @property
    def kind(self) -> str:
        return "change" if self.finding.applied else "flag"


@dataclass
class _Page:
    text: str
    hunks: list[Hunk]
    items: list[_Item]
    hunk_items: dict[int, list[_Item]] = field(default_factory=dict)
    markers: list[_Item] = field(default_factory=list)  # flags, and changes without a hunk
    marker_starts: list[int] = field(default_factory=list)  # sorted, as the markers are


def render(path: str, result: Result) -> str:
    """The review page for one article, as a complete HTML document."""
    page = _layout(result)
    blocks = _blocks(page)
    block_starts = [start for start, _ in blocks]
    notes: dict[int, list[_Item]] = defaultdict(list)
    for item in page.items:  # each note sits beside the paragraph holding its change or flag
        notes[max(0, bisect.bisect_right(block_starts, item.anchor) - 1)].append(item)
    body = []
    for index, (start, end) in enumerate(blocks):
        inside = notes[index]
        body.append(
            '<section class="para">'
            f'<div class="text">{_block_html(page, start, end)}</div>'
            f'<div class="notes">{"".join(_note(item, page.text) for item in inside)}</div>'
            "</section>"
        )
    if not page.items:
        body.append('<p class="empty">No changes and no flags: the article is left as it was.</p>')
    name = escape(path)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Review: {name}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{_header(name, page.items)}\n"
        f"<main>\n{chr(10).join(body)}\n</main>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _layout(result: Result) -> _Page:
    """Number the findings in reading order and tie each change to the hunk that shows it."""
    changed = hunks(result.original, result.text)
    findings = sorted(result.findings, key=lambda f: (f.start, f.end, f.rule, f.message))
    page = _Page(result.original, changed, [])
    for number, finding in enumerate(findings, 1):
        # a flag's highlight covers whole changed words
        start, end = finding.start, finding.end
        inside = _inside(changed, start)
        start = changed[inside][0] if inside is not None else start
        inside = _inside(changed, end)
        end = changed[inside][1] if inside is not None else end
        item = _Item(number, finding, start, end, start)
        page.items.append(item)
        hunk = _hunk_of(changed, finding) if finding.applied else None
        if hunk is None:
            page.markers.append(item)
        else:
            item.anchor = changed[hunk][0]
            page.hunk_items.setdefault(hunk, []).append(item)
    page.markers.sort(key=lambda item: item.start)
    page.marker_starts = [item.start for item in page.markers]
    return page


def _inside(changed: list[Hunk], pos: int) -> int | None:
    """The hunk with ``pos`` strictly inside it, if any."""
    index = bisect.bisect_left(changed, (pos, -1, "")) - 1
    if index >= 0 and changed[index][0] < pos < changed[index][1]:
        return index
    return None


def _hunk_of(changed: list[Hunk], finding: Finding) -> int | None:
    """The first hunk sharing a character with the finding's span (or touching it)."""
    touching = None
    # hunks are sorted and disjoint: start at the last one that begins before the finding
    first = max(0, bisect.bisect_left(changed, (finding.start, -1, "")) - 1)
    for index in range(first, len(changed)):
        start, end, _ = changed[index]
        if start > finding.end:
            break
        if start < finding.end and finding.start < end:
            return index
        if touching is None and start <= finding.end and finding.start <= end:
            touching = index
    return touching


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
                out.append(_badge(item, marker=True))

    def covering(a: int, b: int) -> list[_Item]:
        return [i for i in flags if i.start < i.end and i.start <= a and b <= i.end and a < b]

    def wrap(inner: str, a: int, b: int) -> str:
        over = covering(a, b)
        if not over:
            return inner
        worst = max(over, key=lambda i: i.finding.severity.rank)
        numbers = " ".join(str(i.number) for i in over)
        sev = worst.finding.severity.value
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
            + "".join(_badge(i, marker=True) for i in items)
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


def _quoted(text: str) -> str:
    """A finding's text for a note: spaces at its edges, tabs and newlines made visible.

    >>> _quoted(" ..")
    '<span class="ws">␣</span>..'
    >>> _quoted("whether or not")
    'whether or not'
    """
    marks = {" ": "␣", "\t": "⇥", "\n": "↵"}
    parts = re.split(r"(\s)", text)
    last = len(parts) - 1
    return "".join(
        f'<span class="ws">{marks.get(p, "␣")}</span>'
        if p.isspace() and (i in (0, last) or p != " " or not parts[i - 1] or not parts[i + 1])
        else _text(p)
        for i, p in enumerate(parts)
    )


def _word_around(text: str, start: int, end: int, limit: int = 24) -> tuple[str, str]:
    """The rest of the words a span starts and ends in (escaped), at most ``limit`` characters."""
    left = start
    while left > max(0, start - limit) and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < min(len(text), end + limit) and not text[right].isspace():
        right += 1
    return _text(text[left:start]), _text(text[end:right])


def _badge(item: _Item, *, marker: bool) -> str:
    f = item.finding
    sev = f" sev-{f.severity.value}" if not f.applied else ""
    ident = f' id="m{item.number}" href="#n{item.number}"' if marker else f' href="#m{item.number}"'
    title = escape(f"{item.kind} {item.number}: {f.message}")
    return (
        f'<a class="badge {item.kind}{sev}"{ident} data-item="{item.number}" title="{title}">'
        f"{item.number}</a>"
    )


def _note(item: _Item, original: str) -> str:
    f = item.finding
    kind = item.kind
    lines = [
        f"<header>{_badge(item, marker=False)}"
        f'<span class="kind">{kind.capitalize()}</span>'
        f'<span class="cat">{escape(f.category)}</span>'
        f'<span class="sev">{escape(f.severity.value)}</span></header>',
        f'<p class="msg">{_text(f.message)}</p>',
    ]
    # the change within its word, so that a lone quote mark or space is seen where it is
    left, right = _word_around(original, f.start, f.end)
    if f.replacement is not None:
        old = f"{left}<del>{_quoted(f.text)}</del>{right}" if f.text else f"{left}{right}"
        new = f"{left}<ins>{_quoted(f.replacement)}</ins>{right}" if f.replacement else left + right
        label = "" if f.applied else '<span class="label">Suggestion: </span>'
        lines.append(f'<p class="edit">{label}{old}<span class="arrow">→</span>{new}</p>')
    elif f.text:
        at = f'{left}<mark class="flag sev-{f.severity.value}">{_quoted(f.text)}</mark>{right}'
        lines.append(f'<p class="edit"><span class="label">At: </span>{at}</p>')
    if f.reason and f.reason != f.message:
        lines.append(f'<p class="reason"><span class="label">Why: </span>{_text(f.reason)}</p>')
    if f.applied:
        how = "applied (safe fix)" if f.fix is Fix.SAFE else "applied (unsafe fix, accepted)"
    elif f.fix is Fix.UNSAFE:
        how = "unsafe fix, not applied (--unsafe-fixes applies it)"
    elif f.fix is Fix.SAFE:
        how = "not applied: it overlapped another change"
    else:
        how = "needs a person's judgement"
    lines.append(f'<p class="rule"><code>{escape(f.rule)}</code> · {escape(how)}</p>')
    return (
        f'<article class="note {kind} sev-{f.severity.value}" id="n{item.number}" '
        f'data-item="{item.number}" data-kind="{kind}" data-cat="{escape(f.category)}">'
        + "".join(lines)
        + "</article>"
    )


def _header(name: str, items: list[_Item]) -> str:
    changes = sum(i.kind == "change" for i in items)
    flags = len(items) - changes
    by_cat: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        by_cat[item.finding.category][item.kind] += 1
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
    legend = (
        '<span class="legend"><del>removed</del> <ins>inserted</ins> '
        '<mark class="flag sev-warning">flagged</mark> · keys j / k</span>'
    )
    return (
        '<header class="top"><div class="bar">'
        f"<h1>{name}</h1>"
        f'<span class="totals">{changes} change{"s" * (changes != 1)} · '
        f"{flags} flag{'s' * (flags != 1)}</span>"
        '<nav><button type="button" id="prev" title="Previous item (k)">← Previous</button>'
        '<span id="pos">–</span>'
        '<button type="button" id="next" title="Next item (j)">Next →</button></nav>'
        f'</div><div class="filters">{"".join(chips)}{legend}</div></header>'
    )
