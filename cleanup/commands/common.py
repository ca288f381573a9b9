"""What every command shares: one-line messages on stderr and the progress bar."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.model import FileReport

if TYPE_CHECKING:
    from cleanup.article import Outcome
    from cleanup.settings.config import Config


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


def gazetteer_note(config: Config, quiet: bool = False) -> None:
    """One warning line when the user's gazetteers have forms two entries claim (flagged with
    every candidate, never fixed). Said here, once, not by each worker that loads them; the
    count comes from the compiled cache, or from loading them now (a worker then reads the
    cache instead of indexing them again)."""
    if not config.gazetteers or quiet:
        return
    from cleanup.gazetteer.index import collisions

    args = (tuple(config.gazetteers), config.style, config.cache_dir, config.use_cache)
    n = collisions(*args)
    if n:
        form = "form is" if n == 1 else "forms are"
        err(
            f"cleanup: warning: {n} gazetteer {form} claimed by two entries: flagged with every "
            "candidate, never fixed (`cleanup gazetteer check FILE` lists them)"
        )
