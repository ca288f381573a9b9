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
    """Index the user's gazetteers here, before the run: forked workers inherit the index instead
    of each reading it again (a 100,000-entry one takes seconds), and the one warning line about
    forms two entries claim (flagged with every candidate, never fixed) is said once."""
    if not config.gazetteers or not config.enabled("names"):
        return
    from cleanup.gazetteer.index import load

    # the names stage's very arguments: the same per-process index
    n = load(
        tuple(config.gazetteers), config.style, True, config.cache_dir, config.use_cache
    ).collisions
    if n and not quiet:
        form = "form is" if n == 1 else "forms are"
        err(
            f"cleanup: warning: {n} gazetteer {form} claimed by two entries: flagged with every "
            "candidate, never fixed (`cleanup gazetteer check FILE` lists them)"
        )
