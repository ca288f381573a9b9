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
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cleanup.errors import ServiceError

log = logging.getLogger(__name__)
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


class WrongShape(ValueError):
    """A ``/v2/check`` answer that is JSON but not what LanguageTool sends."""


def parse_matches(text: str, payload: Any) -> list[RawMatch]:
    """The matches of a ``/v2/check`` answer for ``text``; :class:`WrongShape` for an answer that
    is not LanguageTool's. A match whose offsets fall outside the text is dropped (it could only
    point at nothing, or at the wrong words)."""
    if not isinstance(payload, Mapping):
        raise WrongShape(f"the answer is {type(payload).__name__}, not an object")
    matches = payload.get("matches", [])
    if not isinstance(matches, list) or not all(_is_match(m) for m in matches):
        raise WrongShape("'matches' is not a list of matches with offset and length")
    units = len(text.encode("utf-16-le")) // 2
    inside = [m for m in matches if 0 <= m["offset"] <= m["offset"] + m["length"] <= units]
    if len(inside) < len(matches):
        log.debug("LanguageTool: %d matches outside the text dropped", len(matches) - len(inside))
    ends = [m["offset"] + m["length"] for m in inside]
    starts = utf16_to_index(text, [m["offset"] for m in inside])
    stops = utf16_to_index(text, ends)
    out = []
    for m, start, stop in zip(inside, starts, stops, strict=True):
        rule = _mapping(m.get("rule"))
        replacements = m.get("replacements")
        replacements = replacements if isinstance(replacements, list) else []
        out.append(
            RawMatch(
                offset=start,
                length=stop - start,
                rule=str(rule.get("id", "UNKNOWN")),
                category=str(_mapping(rule.get("category")).get("id", "")),
                issue_type=str(rule.get("issueType", "")),
                message=str(m.get("message", "")),
                replacements=tuple(
                    str(_mapping(r).get("value", "")) for r in replacements[:MAX_REPLACEMENTS]
                ),
            )
        )
    return out


def _is_match(m: Any) -> bool:
    return (
        isinstance(m, Mapping)
        and all(type(m.get(k)) is int for k in ("offset", "length"))
        and m["length"] >= 0
    )


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def within(text: str, matches: list[RawMatch]) -> list[RawMatch]:
    """``matches`` whose span lies inside ``text`` (a cached answer may come from anywhere)."""
    return [m for m in matches if 0 <= m.offset <= m.offset + m.length <= len(text)]


DEFAULT_TIMEOUT = 30.0  # seconds per request (Config.languagetool_timeout's default)


class Client:
    """Checks texts on one server; safe to share between threads.

    Each request waits at most ``timeout`` seconds for the server (to connect, and between bytes
    of the answer) and is sent once more when it times out or the connection fails; then the
    error names the server."""

    def __init__(
        self, url: str, language: str = "en-US", *, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.url = url.rstrip("/")
        self.language = language
        self.timeout = timeout
        self._connect()

    def _connect(self) -> None:
        import language_tool_python
        from language_tool_python.exceptions import LanguageToolError

        # language-tool-python waits 300 s for every answer: this client's timeout instead
        tool_class: Any = type(
            "_LanguageTool", (language_tool_python.LanguageTool,), {"_TIMEOUT": self.timeout}
        )
        try:
            tool = tool_class(self.language, remote_server=self.url)
        except (LanguageToolError, OSError, ValueError, TypeError, AttributeError) as exc:
            raise ServiceError(
                f"LanguageTool at {self.url} is not usable: {_one_line(exc)}"
            ) from None
        tool.close()

    def check(self, text: str, params: Mapping[str, str]) -> tuple[list[RawMatch], str]:
        """Matches of ``text`` and the server's LanguageTool version."""
        import requests

        data = {**params, "language": params.get("language", self.language), "text": text}
        for attempt in (1, 2):
            try:
                # A new connection per request, as language-tool-python makes them. On a
                # kept-alive one (a requests.Session) 52 of 198 answers from LanguageTool's Java
                # server came 30-50 ms later (Nagle against delayed ACKs); with the same answers,
                # 300 MQM segments took 14.3 s instead of 10.0 s, and the 31 chunks of 20
                # articles 4.3 s instead of 3.6 s (interleaved on one server, a busy 2-core
                # machine). A loopback connect costs nothing measurable there.
                response = requests.post(self.url + "/v2/check", data=data, timeout=self.timeout)
                response.raise_for_status()
                payload = response.json()
                break
            except (requests.Timeout, requests.ConnectionError) as exc:
                if attempt == 2:
                    raise ServiceError(
                        f"LanguageTool at {self.url} failed twice: {_one_line(exc)} "
                        f"(--languagetool-timeout is {self.timeout:g} s)"
                    ) from None
                log.warning("LanguageTool at %s: %s; asking once more", self.url, _one_line(exc))
            except (requests.RequestException, ValueError) as exc:
                raise ServiceError(f"LanguageTool at {self.url} failed: {_one_line(exc)}") from None
        try:
            matches = parse_matches(text, payload)
        except WrongShape as exc:
            raise ServiceError(
                f"LanguageTool at {self.url} sent an answer that is not LanguageTool's: {exc}"
            ) from None
        software = _mapping(payload.get("software"))
        return matches, str(software.get("version", "unknown"))

    def version(self) -> str:
        """The server's LanguageTool version (one tiny check)."""
        return self.check(".", {})[1]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
