"""Compiled gazetteer indexes cached by content: a 100,000-entry YAML file takes ~8 s to parse
and index, its pickled index ~1.5 s to read back. The key covers every file's bytes, the style,
and the source of the modules that build the index, so an edit to any of them misses the cache.

Small gazetteers (the shipped one) are not cached: building them is as fast as reading a pickle.

>>> a = [("a.yaml", b"entries: []")]
>>> key_of(a, "ap") == key_of(a, "ap") != key_of(a, "bbc"), len(key_of([], "ap"))
(True, 64)
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

# hashlib and pickle are imported where used: the shipped gazetteer, too small to cache, never
# needs them (4 ms of imports)
# below this many bytes of gazetteer files an index is built, not cached
MIN_CACHED_BYTES = 1 << 20
_BUILDERS = (
    "gazetteer/entries.py",
    "io/yaml_events.py",
    "gazetteer/reading.py",
    "gazetteer/checking.py",
    "gazetteer/spelling.py",
    "gazetteer/near.py",
    "gazetteer/index.py",
    "gazetteer/compiled.py",
)


def key_of(files: list[tuple[str, bytes]], style: str) -> str:
    """The cache key of an index built from these files (path, content) under ``style`` (the
    path too: reasons name it)."""
    import hashlib

    digest = hashlib.sha256()
    package = Path(__file__).parent.parent
    for name in _BUILDERS:
        with contextlib.suppress(OSError):
            digest.update((package / name).read_bytes())
    digest.update(style.encode())
    for path, data in files:
        for part in (path.encode("utf-8", "surrogatepass"), data):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
    return digest.hexdigest()


def folder(cache_dir: str | None) -> Path:
    from cleanup.io.store import cache_root

    return cache_root(cache_dir) / "gazetteer"


def read(cache_dir: str | None, key: str) -> Any:
    """The index stored under ``key``; None when there is none or it cannot be read. The cache
    folder is the user's own (as for the result cache): what is in it is trusted."""
    import gc
    import pickle

    path = folder(cache_dir) / f"{key}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # a million objects: no collections while they are created
    try:
        return pickle.loads(data)
    except Exception:  # a truncated or stale file only costs a rebuild
        return None
    finally:
        if enabled:  # as the caller had it
            gc.enable()


def write(cache_dir: str | None, key: str, value: Any) -> None:
    """Store ``value`` under ``key``; a read-only or full cache only costs time."""
    import pickle

    from cleanup.io.writers import atomic_write

    path = folder(cache_dir) / f"{key}.pickle"
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
