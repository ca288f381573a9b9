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
Answers (one key on a terminal, like `git add -p`; else one per line on stdin):
  y apply, n skip, a apply this and all remaining, d skip this and all remaining,
  q quit (skip the remaining), e type other words, u undo the last answer,
  j/k next/previous change, ? help. At the end of input the undecided changes are skipped.
  Changes are asked in text order; edits to the same words are one change.

\b
Examples:
  cleanup review article.txt -o reviewed.txt
  printf 'y\\nn\\ny\\n' | cleanup review article.txt -o reviewed.txt
  cleanup review article.txt --decisions decisions.json -o reviewed.txt
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
@click.option(
    "--decisions",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Apply the decisions exported from the HTML review page (Export decisions); ask none.",
)
@pipeline_options
@verbosity_options
def review(path: str, output: Path | None, decisions: Path | None, **pipeline: Any) -> int:
    """Walk through the changes `fix` would make, one by one, and apply those you accept.

    Each change is shown in its line with its rule and reason (on stderr); the text with the
    accepted changes goes to FILE, or to stdout.
    """
    config = make_config(**pipeline)(Path(path))  # the settings nearest to the article
    options = review_command.ReviewOptions(path, output, quiet=quiet(), decisions=decisions)
    return review_command.review(options, config)
