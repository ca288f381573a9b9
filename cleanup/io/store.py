"""JSON values on disk by key: the storage under both caches (pipeline results, LanguageTool's
answers).

A value lives in ``FOLDER/<first two characters of the key>/<key>.json``, UTF-8 with lone
surrogates kept (an article's text may hold them). Writes are atomic (a temporary file, then a
rename), so parallel workers and runs may share a folder; a folder that cannot be written to
only costs speed. Reading never fails: an entry that is missing, unreadable, not JSON or nested
too deeply to parse is a miss (its reader checks the shape of the rest).
Values are JSON, never pickles, so a planted entry can at worst hold a wrong value.

>>> import tempfile
>>> store = JsonStore(Path(tempfile.mkdtemp()))
>>> store.get("ab12") is None
True
>>> store.put("ab12", {"text": "Lone \\udc80 surrogate", "findings": []})
>>> store.get("ab12")
{'text': 'Lone \\udc80 surrogate', 'findings': []}
>>> store.path("ab12").relative_to(store.folder).as_posix()
'ab/ab12.json'
>>> _ = store.path("cd34").parent.mkdir()
>>> _ = store.path("cd34").write_bytes(b"\\x80\\x04not json")
>>> store.get("cd34") is None
True
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from cleanup.io.writers import atomic_write


def cache_root(cache_dir: str | None = None) -> Path:
    """The folder both caches live in: ``cache_dir`` (``--cache-dir``), else
    ``CLEANUP_CACHE_DIR``, else the user cache dir."""
    if cache_dir:
        return Path(cache_dir)
    env = os.environ.get("CLEANUP_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("cleanup"))


class JsonStore:
    """JSON values by key in ``folder`` (created on the first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any:
        """The value stored for ``key``; None if there is none, it cannot be read or is not JSON."""
        try:
            data = self.path(key).read_bytes().decode("utf-8", "surrogatepass")
            return json.loads(data)
        except (OSError, ValueError, RecursionError):
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (anything ``json.dumps`` takes) for ``key``, replacing any entry."""
        path = self.path(key)
        data = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
        with contextlib.suppress(OSError):  # a read-only or full cache only costs speed
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data)
