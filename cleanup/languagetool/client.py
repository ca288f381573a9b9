"""Asking a LanguageTool server about a text: ``/v2/check`` requests and what they return.

language-tool-python connects to the server (``remote_server``: it checks the URL and that the
server knows the language). The checks themselves are plain ``/v2/check`` POSTs with ``requests``
(what language-tool-python uses too), because its ``LanguageTool.check`` would change the results
(measured with language-tool-python 3.4 against LanguageTool 6.8):

- its ``Match`` NFKC-normalizes every message: EN_A_VS_AN's "e.g.\u00a0‘an article’" loses its
  no-break space, and the ligature rule says "The word ‘fine’ contains a ligature" of ‘ﬁne’;
- it returns the matches alone, without the server's version, which keys the result cache (one
  more request per run);
- ``Match`` keeps the astral-character positions of the last text in class attributes, shared by
  concurrent checks: 26 of 4,800 texts with emoji got wrong offsets from 6 threads with a short
  switch interval (none at the default one: rare, not impossible).

Its private ``_query_server`` returns the whole answer, but it is no API to build on. Offsets come
back from Java in UTF-16 code units; :class:`RawMatch` holds them in Python characters.

>>> utf16_to_index("a😀b", [0, 1, 3, 4])
[0, 1, 2, 3]
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cleanup.errors import ServiceError

MAX_REPLACEMENTS = 5  # spelling rules can suggest dozens; a reviewer reads a few


@dataclass(frozen=True)
class RawMatch:
    """One LanguageTool match, offsets in Python characters of the checked text."""

    offset: int
    length: int
    rule: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...] = ()

    def to_json(self) -> list[Any]:
        return [
            self.offset,
            self.length,
            self.rule,
            self.category,
            self.issue_type,
            self.message,
            list(self.replacements),
        ]

    @classmethod
    def from_json(cls, row: Sequence[Any]) -> RawMatch:
        """A match as :meth:`to_json` wrote it; ValueError for anything else (a cache entry of
        another shape is a miss)."""
        if not isinstance(row, list) or len(row) != 7:
            raise ValueError("not a match")
        offset, length, rule, category, issue_type, message, replacements = row
        if not all(type(n) is int and n >= 0 for n in (offset, length)):
            raise ValueError("not a match")
        if not all(isinstance(s, str) for s in (rule, category, issue_type, message)):
            raise ValueError("not a match")
        if not isinstance(replacements, list) or not all(isinstance(r, str) for r in replacements):
            raise ValueError("not a match")
        return cls(offset, length, rule, category, issue_type, message, tuple(replacements))


def utf16_to_index(text: str, offsets: Sequence[int]) -> list[int]:
    """Python indices of UTF-16 code-unit ``offsets`` into ``text``."""
    if text.isascii() or all(ord(ch) <= 0xFFFF for ch in text):
        return list(offsets)
    units: list[int] = []  # units[i] = UTF-16 offset of character i
    pos = 0
    for ch in text:
        units.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    units.append(pos)
    return [bisect.bisect_left(units, o) for o in offsets]


def parse_matches(text: str, payload: Mapping[str, Any]) -> list[RawMatch]:
    """The matches of a ``/v2/check`` answer for ``text``."""
    matches = payload.get("matches", [])
    ends = [m["offset"] + m["length"] for m in matches]
    starts = utf16_to_index(text, [m["offset"] for m in matches])
    stops = utf16_to_index(text, ends)
    out = []
    for m, start, stop in zip(matches, starts, stops, strict=True):
        rule = m.get("rule", {})
        out.append(
            RawMatch(
                offset=start,
                length=stop - start,
                rule=str(rule.get("id", "UNKNOWN")),
                category=str(rule.get("category", {}).get("id", "")),
                issue_type=str(rule.get("issueType", "")),
                message=str(m.get("message", "")),
                replacements=tuple(
                    str(r.get("value", "")) for r in m.get("replacements", [])[:MAX_REPLACEMENTS]
                ),
            )
        )
    return out


class Client:
    """Checks texts on one server; safe to share between threads."""

    def __init__(self, url: str, language: str = "en-US", *, timeout: float = 300) -> None:
        self.url = url.rstrip("/")
        self.language = language
        self.timeout = timeout
        self._connect()

    def _connect(self) -> None:
        import language_tool_python
        from language_tool_python.exceptions import LanguageToolError

        try:
            tool = language_tool_python.LanguageTool(self.language, remote_server=self.url)
        except (LanguageToolError, OSError, ValueError) as exc:
            raise ServiceError(
                f"LanguageTool at {self.url} is not usable: {_one_line(exc)}"
            ) from None
        tool.close()

    def check(self, text: str, params: Mapping[str, str]) -> tuple[list[RawMatch], str]:
        """Matches of ``text`` and the server's LanguageTool version."""
        import requests

        data = {**params, "language": params.get("language", self.language), "text": text}
        try:
            # A new connection per request, as language-tool-python makes them. On a kept-alive
            # one (a requests.Session) 52 of 198 answers from LanguageTool's Java server came
            # 30-50 ms later (Nagle against delayed ACKs); with the same answers, 300 MQM segments
            # took 14.3 s instead of 10.0 s, and the 31 chunks of 20 articles 4.3 s instead of
            # 3.6 s (interleaved on one server, a busy 2-core machine). A loopback connect costs
            # nothing measurable there.
            response = requests.post(self.url + "/v2/check", data=data, timeout=self.timeout)
            response.raise_for_status()
            payload = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ServiceError(f"LanguageTool at {self.url} failed: {_one_line(exc)}") from None
        version = str(payload.get("software", {}).get("version", "unknown"))
        return parse_matches(text, payload), version

    def version(self) -> str:
        """The server's LanguageTool version (one tiny check)."""
        return self.check(".", {})[1]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
