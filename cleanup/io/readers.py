"""Finding inputs and reading them into documents without losing anything.

Text is read as UTF-8 (with or without a BOM) or UTF-16 with a BOM; other encodings are detected
with charset-normalizer and reported. Binary files are refused with one line naming them.

An input is a :class:`Source`: a file, one record of a JSONL corpus, or standard input. Folders
are walked recursively for the known suffixes, filtered by ``--include``/``--exclude`` globs.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cleanup.core.document import Document
from cleanup.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
HTML_SUFFIXES = (".html", ".htm")
KNOWN_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
STDIN = "-"
_CONTROL_BYTES = [b for b in range(32) if b not in (9, 10, 12, 13)] + [127]
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
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

    @property
    def display(self) -> str:
        if self.error is not None and self.line is not None:
            return f"{self.path}:{self.line}"
        if self.record is not None:
            return f"{self.path}#{self.record}"
        return self.name or str(self.path)

    @property
    def lacks_text(self) -> bool:
        """A record without the text field: counted in its corpus's one line, not reported."""
        return self.fields is not None and self.line is not None

    @property
    def relative(self) -> Path:
        return self.path.relative_to(self.root) if self.root else Path(self.path.name)

    @property
    def kind(self) -> str:
        """``jsonl``, ``html``, ``markdown`` or ``text``, from the (stdin-)file name."""
        return kind_of(self.name or str(self.path))

    @property
    def is_stdin(self) -> bool:
        return str(self.path) == STDIN


def kind_of(name: str) -> str:
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
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
                yield Source(found, path)
        elif not glob_matches(PurePosixPath(path.as_posix()), exclude):
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


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_document(path: Path) -> Document:
    """The document at ``path``; raises :class:`InputError` with one readable line."""
    return decode_document(read_bytes(path), str(path))


def decode_document(data: bytes, name: str) -> Document:
    """Decode bytes as read from a file, remembering BOM, encoding and newline style."""
    bom = False
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding, bom = data[3:].decode("utf-8", errors="strict"), "utf-8", True
    elif data.startswith(_UTF16_BOMS):
        # written back as UTF-8; the BOM is kept so the output still announces its encoding
        text, encoding, bom = data.decode("utf-16"), "utf-16", True
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
