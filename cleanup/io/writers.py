"""Writing outputs so that an interrupted run never leaves a half-written or lost file."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def atomic_write(path: Path, data: bytes, *, backup_suffix: str | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    The file keeps its mode when it existed. On any failure (a full disk, Ctrl-C) the original is
    intact and the temporary file is removed. ``backup_suffix`` keeps a copy of the original.
    """
    with atomic_writer(path, backup_suffix=backup_suffix) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(path: Path, *, backup_suffix: str | None = None) -> Iterator[IO[bytes]]:
    """A binary handle whose content replaces ``path`` only when the block ends without error,
    for outputs written as a stream (a JSONL corpus)."""
    path = Path(path)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
    fd, tmp_name = _new_file_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            # Durable before it replaces an existing file (the user's article, in place). A new
            # output file has nothing to lose, and one fsync per article made `fix --output-dir`
            # disk-bound (7 ms each, 2-3x the time of the pipeline; see the README's benchmarks).
            if mode is not None:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        if backup_suffix and path.exists():
            backup = path.with_name(path.name + backup_suffix)
            with contextlib.suppress(FileNotFoundError):
                backup.unlink()
            os.link(path, backup)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _new_file_beside(path: Path) -> tuple[int, str]:
    """A new, empty temporary file in ``path``'s folder, with the mode any new file gets there
    (0o666 less the umask, or the folder's default ACL): ``tempfile.mkstemp`` makes it 0o600,
    which left every output readable by its owner only."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # not inherited
    for _ in range(100):
        name = str(path.with_name(f".{path.name}.{secrets.token_hex(6)}.cleanup-tmp"))
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:  # a name already taken: draw another
            continue
    raise FileExistsError(f"no free temporary name beside {path}")
