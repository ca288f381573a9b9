"""Run settings: which rules run, at which severity, which fixes apply.

>>> c = Config(ignore=("punctuation/double-space",))
>>> c.enabled("punctuation/stray-dots"), c.enabled("punctuation/double-space")
(True, False)
>>> Config(select=("names",)).enabled("names/known-variant")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from cleanup.core.model import Severity


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
        return {**self.__dict__, "severities": dict(self.severities)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            if key == "severities":
                value = MappingProxyType(dict(value))
            object.__setattr__(self, key, value)

    # A config is a key: the rules it runs are compiled once per config (cleanup.stages.Compiler).
    # Equal configs hash alike; a mapping has no hash of its own.
    def __hash__(self) -> int:
        values = (getattr(self, f.name) for f in fields(self))
        return hash(tuple(frozenset(v.items()) if isinstance(v, Mapping) else v for v in values))

    def enabled(self, rule_id: str, default: bool = True) -> bool:
        if matches(rule_id, self.ignore):
            return False
        if self.select:
            return matches(rule_id, self.select)
        return default

    def severity_for(self, rule_id: str, severity: Severity) -> Severity:
        """The configured severity for a rule: the longest matching id or prefix wins."""
        best = ""
        for pattern in self.severities:
            if matches(rule_id, [pattern]) and len(pattern) > len(best):
                best = pattern
        return self.severities[best] if best else severity
