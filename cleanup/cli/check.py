"""`cleanup check`: its options and help; the work is :mod:`cleanup.commands.check`."""

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
    setting_option,
    verbosity_options,
)
from cleanup.commands import check as check_command
from cleanup.commands.inputs import InputOptions
from cleanup.report.formats import FORMATS


@click.command(
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  cleanup check seeds/
  cleanup check corpus/ --format sarif --output cleanup.sarif
  cleanup check corpus/ --format github --baseline .cleanup-baseline.json
  cleanup check corpus/ --write-baseline .cleanup-baseline.json
  cleanup check export.jsonl.gz --text-field body --min-score 90 --statistics
  cleanup check article.txt --select names,artifact --exit-zero

\b
Exit codes: 0 nothing at or above --fail-on (and no article below --min-score),
1 findings, 2 usage or input error.
""",
)
@input_options
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: text, json, jsonl (one line per article), sarif (2.1.0), github "
    "(workflow-command annotations), junit.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    callback=dash_is_stdout,
    help="Write the report to FILE; the terminal gets the summary ('-': all to standard output, "
    "the default).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@setting_option("fail_on")
@setting_option("min_score")
@click.option("--statistics", is_flag=True, help="Counts per rule and the lowest-scoring articles.")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report and fail only on findings not recorded in FILE.",
)
@setting_option("report_unused_suppressions")
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record every current finding in FILE (exit 0), for --baseline later.",
)
@pipeline_options
@verbosity_options
def check(
    inputs: InputOptions,
    format_: str,
    output: Path | None,
    exit_zero: bool,
    statistics: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    **settings: Any,
) -> int:
    """Report what `fix` would change and what a person should look at; write nothing.

    Every article gets a quality score: 100 minus MQM-style penalties (error 5, warning 1,
    info 0.1) per 100 words. The report ends with a summary line (-q leaves it out).
    """
    # --fail-on and --min-score are settings: they reach the gate through each input's Config
    options = check_command.CheckOptions(
        inputs.paths,
        format_,
        exit_zero,
        inputs=inputs,
        output=output,
        statistics=statistics,
        baseline=baseline,
        write_baseline=write_baseline,
        quiet=quiet(),
    )
    return check_command.check(options, make_config(**settings))
