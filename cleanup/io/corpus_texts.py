"""The article texts of a corpus, one at a time (`cleanup gazetteer learn`): the .txt and .md
files of folders (sorted, so the order is always the same), single files, and JSONL corpora
(``.jsonl``, ``.jsonl.gz``: one record a line, its text in a field)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from cleanup.io.readers import JSONL_SUFFIXES, TEXT_SUFFIXES


def texts(paths: list[Path], field: str = "text") -> Iterator[str]:
    """Each article's text, in a fixed order; unreadable files and records are skipped."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p))
        else:
            files = [path]
        for file in files:
            yield from _file_texts(file, field)


def _wanted(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES or _jsonl(path)


def _jsonl(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(JSONL_SUFFIXES)


def _file_texts(path: Path, field: str) -> Iterator[str]:
    if not _jsonl(path):
        try:
            yield path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        return
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            text = record.get(field) if isinstance(record, dict) else None
            if isinstance(text, str):
                yield text
