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
  cleanup review corpus/ --output-dir reviewed/   many articles, JSONL corpora too
""",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    callback=dash_is_stdout,
    help="Write to FILE ('-': standard output, the default for one article).",
)
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Several articles or a JSONL corpus: write each below DIR, paths mirrored (as `fix`).",
)
@click.option("--in-place", is_flag=True, help="Rewrite the inputs with the accepted changes.")
@click.option(
    "--decisions",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Apply the decisions exported from the HTML review page (Export decisions); ask none. "
    "Give the options the page was made with (`fix --html`), so that the same changes are found.",
)
@pipeline_options
@verbosity_options
def review(
    paths: tuple[str, ...],
    output: Path | None,
    output_dir: Path | None,
    in_place: bool,
    decisions: Path | None,
    **pipeline: Any,
) -> int:
    """Walk through the changes `fix` would make, in text order, and apply those you accept.

    Each change is shown in its line with its rules and reasons (on stderr); edits to the same
    words are one change. The text with the accepted changes goes to FILE, or to stdout; several
    articles and JSONL corpora are written as `fix` writes them (-o, --output-dir, --in-place).
    """
    options = review_command.ReviewOptions(
        paths, output, quiet(), decisions, output_dir=output_dir, in_place=in_place
    )
    return review_command.review(options, make_config(**pipeline))
