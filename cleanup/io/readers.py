"""Finding inputs and reading them into documents without losing anything.

Text is read as UTF-8 (with or without a BOM) or UTF-16 with a BOM; other encodings are detected
with charset-normalizer and reported. Binary files are refused with one line naming them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cleanup.document import Document
from cleanup.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Source:
    """One input: a file path as the user named it (or found under a folder they named)."""

    path: Path
    root: Path | None = None  # the folder it was found under, for mirroring into --output-dir

    @property
    def display(self) -> str:
        return str(self.path)

    @property
    def relative(self) -> Path:
        return self.path.relative_to(self.root) if self.root else Path(self.path.name)


def discover(paths: Iterable[str], suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> Iterator[Source]:
    """Each named file, and each file with a known suffix below each named folder (sorted)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in sorted(_walk(path)):
                if found.suffix.lower() in suffixes:
                    yield Source(found, path)
        else:
            yield Source(path)


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
        if b"\x00" in data:
            raise InputError(f"{name}: looks like a binary file (contains NUL bytes); skipped")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _detect(data, name)
    document = Document.from_text(text, path=name)
    document.encoding = encoding
    document.bom = bom
    return document


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not text in any encoding cleanup can detect; skipped")
    return str(best), best.encoding
