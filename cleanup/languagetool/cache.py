"""LanguageTool's answers on disk, so a re-run over unchanged text starts no server and sends no
request.

An entry is keyed by the checked text, the LanguageTool version and the request settings (language,
rules switched off...), and holds the raw matches; findings are made from them by the same code
whether they came from the server or from here, so cached findings equal fresh ones. Entries are
kept under ``grammar/`` in a :class:`cleanup.io.store.JsonStore`, written atomically (temporary
file, then rename), so parallel runs may share a cache.

>>> import tempfile
>>> cache = ResultCache(Path(tempfile.mkdtemp()))
>>> key = cache.key("This are wrong.", "6.8", {"language": "en-US"})
>>> cache.get(key) is None
True
>>> cache.put(key, [RawMatch(0, 4, "THIS_NNS", "GRAMMAR", "grammar", "Did you mean?", ("These",))])
>>> cache.get(key)[0].rule
'THIS_NNS'
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from cleanup.io.store import JsonStore
from cleanup.io.writers import atomic_write
from cleanup.languagetool.client import RawMatch

# Bump when the stored form or what is sent to the server changes meaning.
FORMAT = 1


class ResultCache:
    """Raw LanguageTool matches per (text, version, settings); ``enabled=False`` stores nothing."""

    def __init__(self, root: Path, *, enabled: bool = True) -> None:
        self.root = root / "grammar"
        self.store = JsonStore(self.root)
        self.enabled = enabled
        self.hits = 0

    @staticmethod
    def key(text: str, version: str, settings: Mapping[str, str]) -> str:
        blob = json.dumps(
            {"format": FORMAT, "version": version, "settings": dict(sorted(settings.items()))},
            sort_keys=True,
            ensure_ascii=False,
        )
        digest = hashlib.sha256(blob.encode("utf-8"))
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> list[RawMatch] | None:
        if not self.enabled:
            return None
        rows = self.store.get(key)
        if rows is None:
            return None
        try:
            if not isinstance(rows, list):
                raise ValueError("not a list of matches")
            matches = [RawMatch.from_json(row) for row in rows]
        except (ValueError, TypeError, RecursionError):
            return None
        self.hits += 1
        return matches

    def put(self, key: str, matches: list[RawMatch]) -> None:
        if self.enabled:
            self.store.put(key, [m.to_json() for m in matches])

    # A remote server's version is remembered per URL, so a re-run can compute its keys without
    # asking the server; a run that does ask updates the record.
    def remembered_version(self, url: str) -> str | None:
        if not self.enabled:
            return None
        try:
            versions = json.loads((self.root / "servers.json").read_text(encoding="utf-8"))
            return str(versions[url])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def remember_version(self, url: str, version: str) -> None:
        if not self.enabled or self.remembered_version(url) == version:
            return
        path = self.root / "servers.json"
        try:
            versions = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            versions = {}
        versions[url] = version
        data = json.dumps(versions, indent=1, sort_keys=True).encode("utf-8")
        with contextlib.suppress(OSError):
            self.root.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data)
