"""Escaping for the review page: every character taken from the article is escaped, and
bidirectional controls (U+202A-U+202E, U+2066-U+2069) are shown as what they are (a marked
``U+202E``), never obeyed: one could otherwise reorder the words a reviewer reads."""

from __future__ import annotations

import json
import re
import unicodedata
from html import escape as _html_escape
from typing import Any

# Bidirectional embeddings, overrides and isolates: shown, never left to reorder the page.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """``text`` escaped for any place in the page (an attribute, the title): a bidirectional
    control becomes its code point as text, ``<U+202E>``."""
    return _html_escape(_BIDI.sub(lambda m: f"<U+{ord(m[0]):04X}>", text))


def text(source: str) -> str:
    """``source`` escaped for the page's body: a bidirectional control becomes a marked span.

    >>> text("a\u202eb<")
    'a<span class="ctl" title="RIGHT-TO-LEFT OVERRIDE">U+202E</span>b&lt;'
    """
    parts = _BIDI.split(source)
    if len(parts) == 1:
        return _html_escape(source)
    controls = _BIDI.findall(source)
    out = [_html_escape(parts[0])]
    for control, part in zip(controls, parts[1:], strict=True):
        name = unicodedata.name(control, "bidirectional control")
        out.append(f'<span class="ctl" title="{name}">U+{ord(control):04X}</span>')
        out.append(_html_escape(part))
    return "".join(out)


def data(value: Any) -> str:
    """``value`` as JSON for a data attribute: ASCII only (a bidirectional control is ``\\u202e``
    there), then escaped like any attribute.

    >>> data({"text": "<b>\u202e"})
    '{&quot;text&quot;: &quot;&lt;b&gt;\\\\u202e&quot;}'
    """
    return _html_escape(json.dumps(value, ensure_ascii=True))
