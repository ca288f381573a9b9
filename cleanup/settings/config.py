"""Run settings: which rules run, at which severity, which fixes apply.

>>> c = Config(ignore=("whitespace/double-space",))
>>> c.enabled("punctuation/stray-dots"), c.enabled("whitespace/double-space")
(True, False)
>>> Config(select=("names",)).enabled("names/known-variant")
True
>>> one = Config(select=("artifact/calque/iron-wall",))
>>> [one.enabled(f"artifact/calque{i}") for i in ("", "/iron-wall", "/mass-media")]
[True, True, False]
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from cleanup.core.model import Severity
from cleanup.errors import ConfigError

# The house styles the checks know: the artifacts stage prefers their spellings and abbreviations
# (cleanup/stages/artifacts.py) and the gazetteer their names' spellings. A gazetteer entry may
# name a style of its own (``styles: {house: ...}``); a settings file may then use it too.
STYLES = ("ap", "bbc", "chicago", "guardian", "nyt", "oxford", "reuters", "wsj")
# an article date as the names stage reads it: a day, or a month or year alone (its middle)
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_date(value: str, where: str = "") -> str:
    """``value`` when it names a real day, month or year; else a :class:`ConfigError` (``where``
    starts its message).

    >>> check_date("2022-02-24"), check_date("2022")
    ('2022-02-24', '2022')
    >>> check_date("2023-02-30")
    Traceback (most recent call last):
    cleanup.errors.ConfigError: invalid date '2023-02-30': expected YYYY-MM-DD
    """
    m = _DATE.fullmatch(value)
    try:
        if m is None:
            raise ValueError(value)
        datetime.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise ConfigError(f"{where}invalid date {value!r}: expected YYYY-MM-DD") from None
    return value


def matches(rule_id: str, patterns: Iterable[str]) -> bool:
    """True when ``rule_id`` is one of ``patterns`` or lies under one of them (``names`` matches
    ``names/known-variant``; ``ALL`` matches everything)."""
    for p in patterns:
        p = p.rstrip("/")
        if p == "ALL" or rule_id == p or rule_id.startswith(p + "/"):
            return True
    return False


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every rule that is on by default
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    unsafe_fixes: bool = False
    grammar: bool = False
    gazetteers: tuple[str, ...] = ()
    style: str = "ap"
    date: str | None = None
    languagetool_url: str | None = None
    cache_dir: str | None = None
    use_cache: bool = True
    # How inputs are read: JSONL field names, and what an HTML page's body is extracted as.
    text_field: str = "text"
    id_field: str = "id"
    html_format: str = "text"  # text | markdown
    # The CI gate (`check`): fail level, lowest passing score, suppression bookkeeping.
    fail_on: Severity = Severity.WARNING
    min_score: float | None = None
    report_unused_suppressions: bool = False

    # MappingProxyType cannot be pickled; process-pool workers receive the config pickled.
    def __getstate__(self) -> dict[str, Any]:
        state = {k: v for k, v in self.__dict__.items() if k != "_enabled_memo"}
        return {**state, "severities": dict(self.severities)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            if key == "severities":
                value = MappingProxyType(dict(value))
            object.__setattr__(self, key, value)

    def enabled(self, rule_id: str, default: bool = True) -> bool:
        # asked for every rule of every document: remembered per (frozen) config
        memo: dict[tuple[str, bool], bool] = self.__dict__.setdefault("_enabled_memo", {})
        key = (rule_id, default)
        if key not in memo:
            memo[key] = self._enabled(rule_id, default)
        return memo[key]

    def _enabled(self, rule_id: str, default: bool) -> bool:
        if matches(rule_id, self.ignore):
            return False
        if self.select:
            # a rule also runs when an id it reports under its own is selected (artifact/calque for
            # artifact/calque/iron-wall); the pipeline then keeps only that id's findings
            return matches(rule_id, self.select) or any(
                p.rstrip("/").startswith(rule_id + "/") for p in self.select
            )
        return default

    def severity_for(self, rule_id: str, severity: Severity) -> Severity:
        """The configured severity for a rule: the longest matching id or prefix wins."""
        best = ""
        for pattern in self.severities:
            if matches(rule_id, [pattern]) and len(pattern) > len(best):
                best = pattern
        return self.severities[best] if best else severity
