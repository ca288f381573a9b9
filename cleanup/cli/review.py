"""`cleanup review`: its options and help; the work is :mod:`cleanup.commands.review`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cleanup.cli.options import (
    CONTEXT,
    dash_is_stdout,
    make_config,
    pipeline_options,
    quiet,
    verbosity_options,
)
from cleanup.commands import review as review_command


@click.command(
    context_settings=CONTEXT,
    epilog="""\b
Answers (one per line on stdin, like `git add -p`):
  y apply, n skip, a apply this and all remaining, d skip this and all remaining,
  q quit (skip the remaining), ? help. At the end of input the remaining changes are skipped.

\b
Examples:
  cleanup review article.txt -o reviewed.txt
  printf 'y\\nn\\ny\\n' | cleanup review article.txt -o reviewed.txt
""",
)
@click.argument("path", metavar="PATH")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    callback=dash_is_stdout,
    help="Write to FILE ('-': standard output, the default).",
)
@pipeline_options
@verbosity_options
def review(path: str, output: Path | None, **pipeline: Any) -> int:
    """Walk through the changes `fix` would make, one by one, and apply those you accept.

    Each change is shown in its line with its rule and reason (on stderr); the text with the
    accepted changes goes to FILE, or to stdout.
    """
    config = make_config(**pipeline)(Path(path))  # the settings nearest to the article
    return review_command.review(review_command.ReviewOptions(path, output, quiet=quiet()), config)
