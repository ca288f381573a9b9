"""`cleanup fix`: its options and help; the work is :mod:`cleanup.commands.fix`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cleanup.cli.options import (
    CONTEXT,
    dash_is_stdout,
    input_options,
    make_config,
    pipeline_options,
    quiet,
    verbosity_options,
)
from cleanup.commands import fix as fix_command
from cleanup.commands.inputs import InputOptions


def _suffix(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--backup takes a suffix for a name in the same folder: not empty, no path separator."""
    import os

    if value is None:
        return None
    if not value:
        raise click.BadParameter("must not be empty (the backup would be the file itself)")
    if any(sep and sep in value for sep in (os.sep, os.altsep)) or value in (".", ".."):
        raise click.BadParameter(f"{value!r} is not a file-name suffix (no path separators)")
    return value


DIFF_FORMATS = ("unified", "words")


class _FixCommand(click.Command):
    """`--diff` alone is the unified diff; `--diff=words` names another format. Only the `=` form
    takes a value, so `fix --diff a.txt` still diffs a.txt."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rewritten = []
        for i, arg in enumerate(args):
            if arg == "--":
                rewritten += args[i:]
                break
            if arg.startswith("--diff="):
                value = arg.removeprefix("--diff=")
                if value not in DIFF_FORMATS:
                    raise click.UsageError(
                        f"--diff={value}: the diff is 'unified' (--diff) or 'words' (--diff=words)",
                        ctx,
                    )
                arg = "--diff-words" if value == "words" else "--diff"
            rewritten.append(arg)
        return super().parse_args(ctx, rewritten)


@click.command(
    cls=_FixCommand,
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  cleanup fix seeds/article.txt --diff
  cleanup fix article.txt --diff=words       each change in its words, with its rules
  cleanup fix article.txt -o article.clean.txt
  cleanup fix corpus/ --output-dir clean/
  cleanup fix corpus/ --in-place --backup .orig
  cleanup fix article.txt --html review.html   the changes and flags on a page
""",
)
@input_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    callback=dash_is_stdout,
    help="Write to FILE ('-': standard output, the default for one input).",
)
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write each input below DIR, mirroring the paths under the folders named.",
)
@click.option(
    "--in-place", is_flag=True, help="Rewrite the inputs (atomically, keeping the file mode)."
)
@click.option(
    "--backup",
    metavar="SUFFIX",
    callback=_suffix,
    help="With --in-place: keep the original as NAME+SUFFIX (an existing one is never replaced).",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print a unified diff instead of the text; --diff=words: each change in its line's "
    "words with the rules that made it, one line per change.",
)
@click.option("--diff-words", is_flag=True, hidden=True)  # what --diff=words becomes
@click.option(
    "--html",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write an HTML review page (changes and flags in place) to FILE.",
)
@click.option(
    "--html-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write one HTML review page per input below DIR (NAME.txt.html, paths mirrored).",
)
@pipeline_options
@verbosity_options
def fix(
    inputs: InputOptions,
    output: Path | None,
    output_dir: Path | None,
    in_place: bool,
    backup: str | None,
    diff: bool,
    diff_words: bool,
    html: Path | None,
    html_dir: Path | None,
    **pipeline: Any,
) -> int:
    """Write corrected articles: safe fixes applied, everything else left as it was.

    With one input and no -o, the corrected text goes to stdout. One summary line (articles, fixes,
    flags, time) goes to stderr; -v adds each fix with its reason and each article's counts, -q
    leaves the summary out.
    """
    options = fix_command.FixOptions(
        inputs.paths,
        output,
        output_dir,
        in_place,
        diff or diff_words,
        backup,
        inputs,
        html=html,
        html_dir=html_dir,
        quiet=quiet(),
        diff_format="words" if diff_words else "unified",
    )
    return fix_command.fix(options, make_config(**pipeline))
