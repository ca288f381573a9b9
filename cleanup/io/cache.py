"""Pipeline results on disk, so a re-run over unchanged articles skips them.

An entry is keyed by a hash of the article's text and what the pipeline sees of it (protected
spans, date, language), the settings that change results, and the version of the rules: the rule
and gazetteer files and cleanup's own code, hashed once per process. A change to any of them makes
a new key, so a stale entry is never read. Entries live in the cache folder the LanguageTool cache
uses (``--cache-dir``, ``CLEANUP_CACHE_DIR``, else the user cache dir), under ``results/``, in a
:class:`cleanup.io.store.JsonStore`: written atomically, so parallel workers and runs may share it.
Runs with grammar on rely on LanguageTool's own cache instead (its answers depend on the server's
version).

Entries are JSON, not pickles: loading a pickle runs whatever code it names, and a cache folder can
be shared or planted; a JSON entry can at worst hold wrong findings for its own key.
"""

from __future__ import annotations

import dataclasses
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from cleanup.core.document import Document
from cleanup.core.model import Finding, Fix, Result, Severity
from cleanup.io.store import JsonStore, cache_root
from cleanup.settings.config import SETTINGS, Config

FORMAT = 2


@cache
def code_version() -> str:
    """A hash of the rules folder and cleanup's own source: the "rules version" of the key."""
    import hashlib  # here and in key(): a run without the cache does not load OpenSSL (3 ms)

    from cleanup import __version__
    from cleanup.rules.loader import rules_dir

    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    package = Path(__file__).resolve().parent.parent  # the whole cleanup package
    for root, pattern in ((rules_dir(), "*"), (package, "*.py")):
        for path in sorted(root.rglob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _files_stamp(paths: tuple[str, ...]) -> list[tuple[str, int, int]]:
    stamps = []
    for name in paths:
        try:
            info = os.stat(name)
            stamps.append((name, info.st_mtime_ns, info.st_size))
        except OSError:
            stamps.append((name, 0, -1))
    return stamps


def key(document: Document, config: Config) -> str:
    # the settings that change what the pipeline finds (their metadata says which)
    settings = {name: getattr(config, name) for name, s in SETTINGS.items() if s.in_cache_key}
    settings["severities"] = {k: str(v) for k, v in sorted(config.severities.items())}
    payload: dict[str, object] = {
        "text": document.text,
        "protected": document.protected,
        "suppressed": document.suppressed,
        "date": document.date,
        "language": document.language,
        "settings": settings,
        "gazetteers": _files_stamp(config.gazetteers),
        "code": code_version(),
    }
    if document.source is not None:  # only then: the keys of other articles stay as they were
        payload["source"] = [document.source, document.source_lang]
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    import hashlib

    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class ResultCache:
    """Results by key; ``enabled=False`` reads and writes nothing."""

    def __init__(self, root: Path, *, enabled: bool = True) -> None:
        self.store = JsonStore(root / "results")
        self.enabled = enabled

    @classmethod
    def for_config(cls, config: Config) -> ResultCache:
        enabled = config.use_cache and not config.grammar
        # a disabled cache never opens its folder: finding it (platformdirs) costs 30 µs an article
        return cls(cache_root(config.cache_dir) if enabled else Path(), enabled=enabled)

    def get(self, key: str, original: str) -> Result | None:
        """The result stored for ``key`` (whose article text is ``original``), or None."""
        if not self.enabled:
            return None
        entry = self.store.get(key)
        if entry is None:
            return None
        try:
            return _result(entry, original)
        except (ValueError, TypeError, KeyError, RecursionError):
            return None  # not ours or damaged: a miss, recomputed and written again

    def put(self, key: str, result: Result) -> None:
        if self.enabled:
            self.store.put(key, _entry(result))


def _entry(result: Result) -> dict[str, Any]:
    return {
        "text": result.text if result.changed else None,
        "findings": [dataclasses.asdict(f) for f in result.findings],
    }


_FIELDS = frozenset(f.name for f in dataclasses.fields(Finding))
_STRINGS = ("rule", "category", "text", "message", "reason")


def _result(entry: Any, original: str) -> Result:
    """The result an entry holds for ``original``; ValueError for anything that is not an entry
    of exactly this shape (a planted or damaged one: it is a miss, and rewritten)."""
    if not isinstance(entry, dict) or set(entry) != {"text", "findings"}:
        raise ValueError("not a result entry")
    rows, text = entry["findings"], entry["text"]
    if not isinstance(rows, list) or not (text is None or isinstance(text, str)):
        raise ValueError("not a result entry")
    findings = [_finding(row, len(original)) for row in rows]
    return Result(original=original, text=original if text is None else text, findings=findings)


def _finding(row: Any, length: int) -> Finding:
    if not isinstance(row, dict) or set(row) != _FIELDS:
        raise ValueError("not a finding")
    if not all(isinstance(row[name], str) for name in _STRINGS):
        raise ValueError("not a finding")
    start, end = row["start"], row["end"]
    if not all(type(n) is int for n in (start, end)) or not 0 <= start <= end <= length:
        raise ValueError("offsets outside the text")
    if not (row["replacement"] is None or isinstance(row["replacement"], str)):
        raise ValueError("not a finding")
    if not isinstance(row["applied"], bool):
        raise ValueError("not a finding")
    severity = Severity(row["severity"])  # ValueError for anything else, a list included
    fix = None if row["fix"] is None else Fix(row["fix"])
    return Finding(**{**row, "severity": severity, "fix": fix})
