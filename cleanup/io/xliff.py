"""XLIFF 1.2 and 2.x, the files CAT tools exchange: the translation units' targets become one
article (a paragraph each) and their sources its source; ``fix`` writes corrected targets back.

translate-toolkit reads the file (both versions, namespaces, groups, ``<mrk>``/``<g>`` markup).
A unit is checked when it is translatable and its source and target are plain text (a target
with inline markup such as ``<g>`` or ``<ph>`` is left alone: a fix could not be placed inside
it safely) without a blank line. Writing back changes the corrected targets' text and nothing
else: the library's own serialization when it reproduces the file as read byte for byte (a file it
wrote), else each corrected target's text is replaced where it stands in the file as read, and
the library reads the result back to confirm that exactly those targets changed.

>>> data = _sample()
>>> article = read(data, "a.xlf")
>>> article.text, article.source, article.source_lang
('Sales rose. ..\\n\\nPrices held.', '销量上升。\\n\\n价格持平。', 'zh')
>>> write(data, article.text) == data
True
>>> b"<target>Sales rose.</target>" in write(data, "Sales rose.\\n\\nPrices held.")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cleanup.errors import InputError

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TARGET_TAG = re.compile(r"<(?:[\w.-]+:)?target\b[^>]*?(/?)>")


@dataclass(frozen=True)
class Article:
    text: str  # the checked units' targets, separated by blank lines
    source: str  # their sources, likewise
    source_lang: str | None


def _store(data: bytes, name: str) -> Any:
    from translate.storage import xliff, xliff2

    version2 = b"urn:oasis:names:tc:xliff:document:2" in data[:4096]
    kind: Any = xliff2.Xliff2File if version2 else xliff.xlifffile
    try:
        return kind.parsestring(data)
    except (SyntaxError, ValueError) as exc:  # lxml's XMLSyntaxError is a SyntaxError
        raise InputError(f"{name}: not XLIFF this tool can read: {exc}") from None


def _target_element(unit: Any) -> Any:
    element = unit.xmlelement
    for child in element:
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "target":
            return child
    return None


def _checked(store: Any) -> list[Any]:
    """The units that make the article, in file order."""
    out = []
    for unit in store.units:
        if unit.isheader() or not unit.istranslatable():
            continue
        target = _target_element(unit)
        if target is None or len(target) or not unit.source or not unit.target:
            continue
        if not unit.target.strip() or _BLANK_LINE.search(unit.target):
            continue
        if not unit.source.strip() or _BLANK_LINE.search(unit.source):
            continue
        out.append(unit)
    return out


def read(data: bytes, name: str) -> Article:
    """The article an XLIFF file holds (an InputError when it is not XLIFF)."""
    store = _store(data, name)
    units = _checked(store)
    language = store.getsourcelanguage() or None
    return Article(
        "\n\n".join(u.target for u in units),
        "\n\n".join(u.source for u in units),
        language.split("-")[0].lower() if language else None,
    )


def write(data: bytes, text: str) -> bytes:
    """``data`` (an XLIFF file as read) with its checked units' targets set from ``text`` (the
    article as fixed); ``data`` itself when no target changed."""
    store = _store(data, "XLIFF")
    units = _checked(store)
    targets = text.split("\n\n") if units else []
    if len(targets) != len(units):
        raise InputError("a fix joined or split translation units; the XLIFF file is not written")
    changes = {i: t for i, (u, t) in enumerate(zip(units, targets, strict=True)) if t != u.target}
    if not changes:
        return data
    if bytes(store) == data:  # a file the library wrote: it writes it again
        for i, new in changes.items():
            units[i].target = new
        return bytes(store)
    return _splice(data, store, units, changes)


def _splice(data: bytes, store: Any, units: list[Any], changes: dict[int, str]) -> bytes:
    """The file as read with the changed targets' text replaced in place, checked by reading it
    back."""
    encoding = store.document.docinfo.encoding or "utf-8"
    raw = data.decode(encoding)
    root = store.document.getroot()
    elements = [
        e for e in root.iter() if isinstance(e.tag, str) and e.tag.rsplit("}", 1)[-1] == "target"
    ]
    tags = list(_TARGET_TAG.finditer(raw))
    if len(tags) != len(elements) or raw.encode(encoding) != data:
        raise InputError("targets of this XLIFF file cannot be placed; the file is not written")
    order = {id(e): n for n, e in enumerate(elements)}
    pieces, last = [], 0
    for i in sorted(changes, key=lambda i: order[id(_target_element(units[i]))]):
        tag = tags[order[id(_target_element(units[i]))]]
        if tag[1]:  # <target/>: no text to replace (such a unit is never checked)
            continue
        end = raw.index("<", tag.end())
        pieces += [raw[last : tag.end()], _escape(changes[i])]
        last = end
    pieces.append(raw[last:])
    out = "".join(pieces).encode(encoding)
    again = _checked(_store(out, "XLIFF"))
    want = [changes.get(i, u.target) for i, u in enumerate(units)]
    if [u.target for u in again] != want or [u.source for u in again] != [u.source for u in units]:
        raise InputError("the fixed XLIFF file did not read back as fixed; it is not written")
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sample() -> bytes:
    """A small XLIFF 1.2 file in a CAT tool's layout, for the examples above."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
        '<file original="a.docx" source-language="zh-CN" target-language="en-US" '
        'datatype="plaintext"><body>\n'
        '<trans-unit id="1"><source>销量上升。</source><target>Sales rose. ..</target>'
        "</trans-unit>\n"
        '<trans-unit id="2"><source>价格持平。</source><target>Prices held.</target>'
        "</trans-unit>\n"
        "</body></file></xliff>\n"
    ).encode()
