"""Markdown articles: the spans no stage may change or flag, and the front matter's metadata.

Protected are the front matter, fenced and indented code blocks, code spans, link and image
targets, autolinks, reference definitions, HTML tags and comments, and the markup characters
themselves (heading marks, list bullets, block quotes, emphasis runs, hard-break spaces).

>>> text = ("---\\ndate: 2024-02-03\\n---\\n# Title\\n\\n"
...         "See [the report](http://x.org/a..b) and `a  b`.\\n")
>>> spans, meta = protected_spans(text)
>>> str(meta["date"])
'2024-02-03'
>>> [text[s:e] for s, e in spans][:3]
['---\\ndate: 2024-02-03\\n---\\n# ', '](http://x.org/a..b)', '`a  b`']
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from cleanup.core.document import Document, Span

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|\A)((?: {4}|\t)[^\n]*\n?)+")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>|\bhttps?://[^\s<>()\]]+")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[^\n]*", re.M)
_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
_BLOCK_MARK = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|(?:>[ \t]?)+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)", re.M
)
_TRAILING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_EMPHASIS = re.compile(r"(?<![\\\w])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$", re.M)
_RULE_LINE = re.compile(
    r"^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t]*[=-]+[ \t]*$|^\|?[ \t:|-]+\|[ \t:|-]*$", re.M
)
_TABLE_PIPE = re.compile(r"(?<!\\)\|")


def protected_spans(text: str) -> tuple[list[Span], dict[str, Any]]:
    """Protected spans of ``text`` (sorted, merged) and the front matter as a mapping."""
    spans: list[Span] = []
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        spans.append(m.span())
        meta = _front_matter(m.group())
    for pattern in (
        _FENCE,
        _INDENTED_CODE,
        _CODE_SPAN,
        _LINK_TARGET,
        _AUTOLINK,
        _REFERENCE,
        _HTML,
        _BLOCK_MARK,
        _TRAILING_HASHES,
        _EMPHASIS,
        _HARD_BREAK,
        _RULE_LINE,
    ):
        spans.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    if "|" in text:
        spans.extend(m.span() for m in _TABLE_PIPE.finditer(text))
    return _merge(spans), meta


def _front_matter(block: str) -> dict[str, Any]:
    body = block.strip().strip("\ufeff").strip("-.").strip()
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def prepare(document: Document) -> Document:
    """Mark ``document``'s Markdown spans protected; take date and language from front matter."""
    spans, meta = protected_spans(document.text)
    document.protected = _merge([*document.protected, *spans])
    date = meta.get("date")
    if date is not None and not document.date:
        document.date = str(date)[:10]
    language = meta.get("language") or meta.get("lang")
    if isinstance(language, str) and language:
        document.language = language
    return document
