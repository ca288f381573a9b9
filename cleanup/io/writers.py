"""Writing outputs so that an interrupted run never leaves a half-written or lost file."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class BackupExists(FileExistsError):
    """The backup ``--backup`` asks for already exists: it is never replaced."""


def backup_of(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def atomic_write(
    path: Path, data: bytes, *, backup_suffix: str | None = None, keep_links: bool = False
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    The file keeps its mode when it existed. On any failure (a full disk, Ctrl-C) the original is
    intact and the temporary file is removed. ``backup_suffix`` keeps a copy of the original (an
    existing backup is never replaced: :class:`BackupExists`). ``keep_links``: a file with more
    than one hard link is rewritten through its inode instead (see :func:`atomic_writer`).
    """
    with atomic_writer(path, backup_suffix=backup_suffix, keep_links=keep_links) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(
    path: Path, *, backup_suffix: str | None = None, keep_links: bool = False
) -> Iterator[IO[bytes]]:
    """A binary handle whose content replaces ``path`` only when the block ends without error,
    for outputs written as a stream (a JSONL corpus).

    With ``keep_links`` (``fix --in-place``), a file with more than one hard link is not replaced
    by a new file (which would leave the other names with the old text) but rewritten through its
    inode from the finished temporary file, with Ctrl-C and SIGTERM held back until the copy is
    done; only a crash or power loss in those moments could leave it half-written."""
    path = Path(path)
    if backup_suffix and os.path.lexists(backup_of(path, backup_suffix)):
        raise BackupExists(f"{backup_of(path, backup_suffix)} already exists")
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
    handle: IO[bytes] | None = None
    tmp_name: str | None = None
    try:
        # Ctrl-C is held while the file is made, or one landing between its creation and the
        # assignment of its name would leave it behind, empty.
        with held_signals():
            fd, tmp_name = _new_file_beside(path)
            handle = os.fdopen(fd, "wb")
        with handle:
            yield handle
            handle.flush()
            # Durable before it replaces an existing file (the user's article, in place). A new
            # output file has nothing to lose, and one fsync per article made `fix --output-dir`
            # disk-bound (7 ms each, 2-3x the time of the pipeline; see the README's benchmarks).
            if mode is not None:
                os.fsync(handle.fileno())
        if keep_links and mode is not None and path.stat().st_nlink > 1:
            _write_through(path, tmp_name, backup_suffix)
            os.unlink(tmp_name)
            return
        if mode is not None:
            os.chmod(tmp_name, mode)
        if backup_suffix and path.exists():
            backup = backup_of(path, backup_suffix)
            try:
                os.link(path, backup)  # never replaces: an existing backup is the user's
            except FileExistsError:
                raise BackupExists(f"{backup} already exists") from None
        os.replace(tmp_name, path)
    except BaseException:
        if handle is not None:
            handle.close()
        if tmp_name is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
        raise


def _new_file_beside(path: Path) -> tuple[int, str]:
    """A new, empty temporary file in ``path``'s folder, with the mode any new file gets there
    (0o666 less the umask, or the folder's default ACL): ``tempfile.mkstemp`` makes it 0o600,
    which left every output readable by its owner only."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # not inherited
    for _ in range(100):
        # what secrets.token_hex(6) returns, without importing secrets (hmac, OpenSSL: 3 ms)
        name = str(path.with_name(f".{path.name}.{os.urandom(6).hex()}.cleanup-tmp"))
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:  # a name already taken: draw another
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _write_through(path: Path, new: str, backup_suffix: str | None) -> None:
    """Rewrite ``path`` in place (same inode, so every hard link sees it) with the content of
    the file ``new``; a backup is a copy (a link would be rewritten too)."""
    import shutil

    if backup_suffix:
        backup = backup_of(path, backup_suffix)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(backup, flags, stat.S_IMODE(path.stat().st_mode))
        except FileExistsError:
            raise BackupExists(f"{backup} already exists") from None
        try:
            with os.fdopen(fd, "wb") as out, open(path, "rb") as original:
                shutil.copyfileobj(original, out)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(backup)
            raise
    with held_signals(), open(new, "rb") as source, open(path, "r+b") as target:
        shutil.copyfileobj(source, target)
        target.truncate()
        target.flush()
        os.fsync(target.fileno())


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back for the block (from the main thread; elsewhere, nothing is
    held): each is raised as usual when the block ends."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    signals = [signal.SIGINT, *([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])]
    before = {s: signal.getsignal(s) for s in signals}

    def hold(number: int, frame: object) -> None:
        caught.append(number)

    for s in signals:
        signal.signal(s, hold)
    try:
        yield
    finally:
        for s, handler in before.items():
            if handler is not None:
                signal.signal(s, handler)
        for number in caught[:1]:
            signal.raise_signal(number)
