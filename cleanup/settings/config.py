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
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from cleanup.core.model import Severity
from cleanup.errors import ConfigError
from cleanup.settings.fields import Kind, Option, Setting, setting, settings_of

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


_SIZE = re.compile(r"(\d+)\s*([kmg]?)(?:i?b)?", re.IGNORECASE)
_SCALE = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def parse_size(value: str | int, where: str = "") -> int:
    """A size in bytes: a number, or one with a unit (``64M``, ``4k``, ``1 GB``: powers of 1024);
    else a :class:`ConfigError` (``where`` starts its message).

    >>> parse_size("64MB"), parse_size("4k"), parse_size(1000)
    (67108864, 4096, 1000)
    >>> parse_size("lots")
    Traceback (most recent call last):
    cleanup.errors.ConfigError: invalid size 'lots': expected bytes, or a number with k, M or G
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ConfigError(
            f"{where}invalid size {value!r}: expected bytes, or a string such as '64M'"
        )
    m = _SIZE.fullmatch(value.strip()) if isinstance(value, str) else None
    size = value if isinstance(value, int) else int(m[1]) * _SCALE[m[2].lower()] if m else 0
    if size < 1:
        raise ConfigError(
            f"{where}invalid size {value!r}: expected bytes, or a number with k, M or G"
        )
    return size


def check_seconds(value: float | int, where: str = "") -> float:
    """A positive number of seconds; else a :class:`ConfigError`."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigError(f"{where}invalid time {value!r}: expected a positive number of seconds")
    return float(value)


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
    """Every setting of a run, frozen (a key for compiled rules and caches)."""

    # Each field is a setting: its settings-file key, its option and whether it is in the cache's
    # key are in its metadata (cleanup/settings/fields.py). --help lists the options in this order
    # (unless one says it goes before another).
    select: tuple[str, ...] = field(
        default=(),  # empty: every rule that is on by default
        metadata=setting(
            Kind.RULES,
            Option(
                "--select", "Only these rules (ids or prefixes such as `names`, comma-separated)."
            ),
        ),
    )
    ignore: tuple[str, ...] = field(
        default=(),
        metadata=setting(
            Kind.RULES,
            Option("--ignore", "Skip these rules (ids or prefixes)."),
            extend_key="extend-ignore",
        ),
    )
    severities: Mapping[str, Severity] = field(
        default_factory=lambda: MappingProxyType({}), metadata=setting(Kind.LEVELS)
    )
    unsafe_fixes: bool = field(
        default=False,
        metadata=setting(
            Kind.BOOL,
            Option(
                "--unsafe-fixes/--no-unsafe-fixes",
                "Also apply fixes that need a person's judgement (names by fuzzy match, calques).",
            ),
        ),
    )
    grammar: bool = field(
        default=False,
        metadata=setting(
            Kind.BOOL,
            Option("--grammar/--no-grammar", "Check grammar with LanguageTool (default: off)."),
        ),
    )
    gazetteers: tuple[str, ...] = field(
        default=(),
        metadata=setting(
            Kind.FILES,
            Option(
                "--gazetteer",
                "Add your own names (YAML, or CSV canonical,variants,kind) to the config file's; "
                "repeatable.",
            ),
        ),
    )
    style: str = field(default="ap", metadata=setting(Kind.STYLE))
    date: str | None = field(
        default=None,
        metadata=setting(
            Kind.DATE,
            Option(
                "--date",
                "The article's date, for names by office held (e.g. 'the foreign minister').",
                before="gazetteers",
            ),
        ),
    )
    languagetool_url: str | None = field(
        default=None,
        metadata=setting(
            Kind.STR,
            Option(
                "--languagetool-url",
                "A running LanguageTool server for --grammar (default: start one locally).",
                metavar="URL",
                envvar="CLEANUP_LANGUAGETOOL_URL",
            ),
        ),
    )
    languagetool_timeout: float = field(
        default=30.0,
        metadata=setting(
            Kind.SECONDS,
            Option(
                "--languagetool-timeout",
                "Seconds to wait for each LanguageTool answer; a request that times out is sent "
                "once more (default: 30).",
                metavar="SECONDS",
            ),
            in_cache_key=False,
        ),
    )
    cache_dir: str | None = field(
        default=None,
        metadata=setting(
            Kind.FOLDER,
            Option("--cache-dir", "Where results are cached (default: the user cache dir)."),
            in_cache_key=False,
        ),
    )
    use_cache: bool = field(
        default=True,
        metadata=setting(
            Kind.BOOL,
            Option("--no-cache", "Neither read nor write cached results."),
            key="cache",
            in_cache_key=False,
        ),
    )
    # How inputs are read: JSONL field names, and what an HTML page's body is extracted as.
    text_field: str = field(
        default="text",
        metadata=setting(
            Kind.STR, Option("--text-field", "JSONL: the article's field (default: text).")
        ),
    )
    id_field: str = field(
        default="id",
        metadata=setting(
            Kind.STR, Option("--id-field", "JSONL: the record id's field (default: id).")
        ),
    )
    # The source text an article was translated from: turns on the source/ checks.
    source_field: str | None = field(
        default=None,
        metadata=setting(
            Kind.STR,
            Option(
                "--source-field",
                "JSONL: the field holding the source text the article was translated from; "
                "turns on the source/ checks.",
                metavar="FIELD",
            ),
            in_cache_key=False,  # the source itself is in the key
        ),
    )
    source_lang: str | None = field(
        default=None,
        metadata=setting(
            Kind.STR,
            Option(
                "--source-lang",
                "The source text's language (zh, ja, ko, ...; default: a JSONL record's "
                "source_lang or src_lang field, else detected from its script).",
                metavar="LANG",
            ),
        ),
    )
    html_format: str = field(
        default="text",
        metadata=setting(
            Kind.CHOICE,
            Option(
                "--html-format",
                "HTML pages: extract the article body as plain text (default) or Markdown.",
            ),
            choices=("text", "markdown"),
        ),
    )
    max_size: int = field(
        default=64 * 1024 * 1024,
        metadata=setting(
            Kind.SIZE,
            Option(
                "--max-size",
                "Skip (as an error) an article larger than SIZE: bytes, or with k, M or G "
                "(default: 64 MB; a JSONL record counts its line).",
                metavar="SIZE",
            ),
            in_cache_key=False,
        ),
    )
    # The CI gate (`check`): fail level, lowest passing score, suppression bookkeeping.
    fail_on: Severity = field(
        default=Severity.WARNING,
        metadata=setting(
            Kind.LEVEL,
            Option(
                "--fail-on",
                "Lowest severity that makes the exit code 1, whatever is displayed (default: "
                "warning).",
                check_only=True,
            ),
            in_cache_key=False,
        ),
    )
    min_score: float | None = field(
        default=None,
        metadata=setting(
            Kind.SCORE,
            Option(
                "--min-score",
                "Also fail articles whose quality score (0-100) is below N.",
                check_only=True,
            ),
            in_cache_key=False,
        ),
    )
    report_unused_suppressions: bool = field(
        default=False,
        metadata=setting(
            Kind.BOOL,
            Option(
                "--report-unused-suppressions",
                "Flag suppression comments that suppressed nothing.",
                check_only=True,
            ),
            in_cache_key=False,
        ),
    )

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


# Each field's setting, by field name (the settings file's keys, the options, the cache key).
SETTINGS: Mapping[str, Setting] = settings_of(Config)
