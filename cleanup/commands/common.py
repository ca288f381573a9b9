"""What every command shares: one-line messages on stderr and the progress bar."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.model import FileReport

if TYPE_CHECKING:
    from cleanup.article import Outcome


def err(message: str) -> None:
    """One line on stderr."""
    print(message, file=sys.stderr)


def error_line(report: FileReport) -> str:
    """The one stderr line of an input that could not be read, in every command and format."""
    return f"cleanup: error: {report.path}: {report.error}"


def progress(items: Iterator[Outcome], files: int, quiet: bool = False) -> Iterator[Outcome]:
    """A progress bar on stderr when it is a terminal, not a CI log, and not silenced (-q)."""
    if quiet or not sys.stderr.isatty() or os.environ.get("CI") or os.environ.get("NO_PROGRESS"):
        return items
    from tqdm import tqdm

    return iter(tqdm(items, desc="cleanup", unit=" articles", leave=False, file=sys.stderr))
