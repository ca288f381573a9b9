"""Finding inputs and reading them into documents without losing anything.

Text is read as UTF-8 (with or without a BOM) or UTF-16 with a BOM; other encodings are detected
with charset-normalizer and reported (also after a UTF-8 BOM that the rest does not live up to).
Binary files are refused with one line naming them, and so are FIFOs, sockets and devices named on
the command line (one found in a folder is skipped with a note) and an article larger than
``max_size`` bytes (``--max-size``).

An input is a :class:`Source`: a file, one record of a JSONL corpus, or standard input. Folders
are walked recursively for the known suffixes, filtered by ``--include``/``--exclude`` globs.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cleanup.core.document import Document
from cleanup.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
HTML_SUFFIXES = (".html", ".htm")
XLIFF_SUFFIXES = (".xlf", ".xliff")  # cleanup.io.xliff
KNOWN_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + XLIFF_SUFFIXES
STDIN = "-"
_CONTROL_BYTES = [b for b in range(32) if b not in (9, 10, 12, 13)] + [127]
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
log = logging.getLogger("cleanup")
_PREFERRED = ["cp1252", "cp1251", "shift_jis", "cp932", "gb18030", "euc_kr", "big5", "cp1250"]


@dataclass(frozen=True)
class Source:
    """One input: a file path as the user named it (or found under a folder they named), one
    record of a JSONL file (``record`` is its id, ``line`` its line number), or stdin.

    ``text`` holds content already read (stdin, a JSONL record); ``raw`` the record's line as read,
    so ``fix`` can copy an unchanged record byte for byte. ``error`` marks an input that could not
    be read (a broken JSONL line), reported in order with the others.
    """

    path: Path
    root: Path | None = None  # the folder it was found under, for mirroring into --output-dir
    record: str | None = None
    line: int | None = None
    text: str | None = None
    raw: bytes | None = None
    error: str | None = None
    name: str | None = None  # --stdin-filename
    # a JSONL record without the text field: the fields it has, for its corpus's one error line
    fields: tuple[str, ...] | None = None
    # the text the article was translated from, and its language when the input says
    source_text: str | None = None
    source_lang: str | None = None

    @property
    def display(self) -> str:
        """How reports name it: a file name's bytes that are not UTF-8 as ``\\xe9`` escapes."""
        if self.error is not None and self.line is not None:
            return f"{shown(self.path)}:{self.line}"
        if self.record is not None:
            return f"{shown(self.path)}#{self.record}"
        return shown(self.name) if self.name else shown(self.path)

    @property
    def lacks_text(self) -> bool:
        """A record without the text field: counted in its corpus's one line, not reported."""
        return self.fields is not None and self.line is not None

    @property
    def relative(self) -> Path:
        return self.path.relative_to(self.root) if self.root else Path(self.path.name)

    @property
    def kind(self) -> str:
        """``jsonl``, ``html``, ``xliff``, ``markdown`` or ``text``, from the (stdin-)file name."""
        return kind_of(self.name or str(self.path))

    @property
    def is_stdin(self) -> bool:
        return str(self.path) == STDIN


def shown(path: Path | str) -> str:
    """``path`` as text that any output can hold: the bytes of a file name that are not UTF-8
    (surrogate escapes in Python) as ``\\xe9``, other lone surrogates as ``\\udc80``.

    >>> shown(os.fsdecode(b"caf\\xe9.txt")), shown("café.txt")
    ('caf\\\\xe9.txt', 'café.txt')
    """
    text = str(path)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogateescape") if _escapes_only(text) else None
        if data is not None:
            return data.decode("utf-8", "backslashreplace")
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _escapes_only(text: str) -> bool:
    """Whether every surrogate in ``text`` is a surrogate escape of a byte (U+DC80-U+DCFF)."""
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)


def kind_of(name: str) -> str:
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(XLIFF_SUFFIXES):
        return "xliff"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def discover(
    paths: Iterable[str],
    suffixes: tuple[str, ...] = KNOWN_SUFFIXES,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> Iterator[Source]:
    """Each named file, and each file with a known suffix below each named folder (sorted).

    ``include``/``exclude`` are globs matched against the path relative to the folder named (and
    against the file name); a file named explicitly is only subject to ``exclude``.
    """
    for name in paths:
        if name == STDIN:
            yield Source(Path(STDIN))
            continue
        path = Path(name)
        if path.is_dir():
            for found in sorted(_walk(path)):
                if not found.name.lower().endswith(suffixes):
                    continue
                relative = PurePosixPath(found.relative_to(path).as_posix())
                if include and not glob_matches(relative, include):
                    continue
                if glob_matches(relative, exclude):
                    continue
                odd = _not_regular(found)
                if odd is not None:  # a FIFO would block the run, a device never end
                    log.warning(
                        "cleanup: note: %s: %s, not a regular file; skipped", shown(found), odd
                    )
                    continue
                yield Source(found, path)
        elif not glob_matches(PurePosixPath(path.as_posix()), exclude):
            odd = _not_regular(path)
            if odd is not None:
                yield Source(path, error=f"{odd}, not a regular file; not read")
            else:
                yield Source(path)


def glob_matches(path: PurePosixPath, globs: tuple[str, ...]) -> bool:
    """``*.md``, ``drafts/**``, ``**/tmp/*``: against the whole relative path or the file name."""
    text = str(path)
    for glob in globs:
        glob = glob.removeprefix("./")
        if fnmatch.fnmatch(text, glob) or fnmatch.fnmatch(path.name, glob):
            return True
        if glob.endswith("/**") and (text + "/").startswith(glob[:-2]):
            return True
        if glob.startswith("**/") and fnmatch.fnmatch(text, glob[3:]):
            return True
    return False


def _walk(root: Path) -> Iterator[Path]:
    # followlinks=False: a symlink loop cannot make the walk run forever
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith("."):
                yield Path(folder) / name


_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def _not_regular(path: Path) -> str | None:
    """What ``path`` is when it exists and is neither a regular file nor a folder (a FIFO, a
    socket, a device), following symlinks; None otherwise (a missing file fails when read)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "a special file")


DEFAULT_MAX_SIZE = 64 * 1024 * 1024  # Config.max_size's default


def size_text(size: int) -> str:
    """``size`` bytes for a message: ``64 MB``, ``4 KB``, ``1500 bytes``.

    >>> size_text(64 * 1024 * 1024), size_text(4096), size_text(1500)
    ('64 MB', '4 KB', '1500 bytes')
    """
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


def too_big(limit: int) -> str:
    """The error of an article larger than ``limit`` bytes."""
    return f"larger than --max-size {size_text(limit)}; skipped (raise --max-size to read it)"


def read_bytes(path: Path, limit: int = DEFAULT_MAX_SIZE) -> bytes:
    """The content of the regular file ``path``, at most ``limit`` bytes; else an
    :class:`InputError` with one readable line. A FIFO, socket or device is refused before it
    is read (opening a FIFO nobody writes to would wait forever, /dev/zero never ends)."""
    try:
        # O_NONBLOCK: opening a FIFO returns at once, so what was opened can be checked first
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                kind = _KINDS.get(stat.S_IFMT(mode), "a special file")
                raise InputError(f"{shown(path)}: {kind}, not a regular file; not read")
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"{shown(path)}: {too_big(limit)}")
        return data
    except FileNotFoundError:
        raise InputError(f"{shown(path)}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{shown(path)}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{shown(path)}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None


def read_document(path: Path, limit: int = DEFAULT_MAX_SIZE) -> Document:
    """The document at ``path``; raises :class:`InputError` with one readable line."""
    return decode_document(read_bytes(path, limit), shown(path))


def decode_document(data: bytes, name: str) -> Document:
    """Decode bytes as read from a file, remembering BOM, encoding and newline style."""
    bom = False
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding, bom = data[3:].decode("utf-8", errors="strict"), "utf-8", True
        except UnicodeDecodeError:
            # a BOM pasted before text in another encoding: read the rest like any legacy file
            # (the BOM is dropped: the output is UTF-8 of what the rest says)
            return decode_document(data[3:], name)
    elif data.startswith(_UTF16_BOMS):
        # written back as UTF-8; the BOM is kept so the output still announces its encoding
        try:
            text, encoding, bom = data.decode("utf-16"), "utf-16", True
        except UnicodeDecodeError as exc:
            why = (
                "an odd number of bytes"
                if len(data) % 2
                else f"a broken character at byte {exc.start + 1}"
            )
            raise InputError(
                f"{name}: starts with a UTF-16 byte-order mark but has {why} "
                "(truncated or not UTF-16); skipped"
            ) from None
    else:
        if _looks_binary(data):
            raise InputError(f"{name}: looks like a binary file, not text; skipped")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _detect(data, name)
    document = Document.from_text(text, path=name)
    document.encoding = encoding
    document.bom = bom
    return document


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than one control character in ten (tabs and newlines aside)."""
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls * 10 > len(head)


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError(f"{name}: not text in any encoding cleanup can detect; skipped")
    # Short texts fit several code pages equally well ("très" is "trčs" in Windows-1250); among
    # the equally clean readings, prefer the encodings most scraped pages were written in.
    least = min(m.chaos for m in matches)
    clean = [m for m in matches if m.chaos <= least + 0.01]
    best = min(
        clean,
        key=lambda m: (
            _glued_signs(str(m)[:100_000]),
            _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED),
        ),
    )
    return str(best), best.encoding


_TYPOGRAPHY = frozenset("‘’‚‛“”„‟–—…«»‹›\u00a0")


def _glued_signs(text: str) -> int:
    """Non-ASCII signs stuck to a letter ("przyjecha³", "£odzi"): the mark of a wrong reading."""
    count = 0
    for i, ch in enumerate(text):
        if ch.isascii() or ch.isalpha() or ch.isspace() or ch in _TYPOGRAPHY:
            continue
        if (i and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha()):
            count += 1
    return count
