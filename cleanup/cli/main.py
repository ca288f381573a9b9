"""The command line: click commands only. Each parses options and calls :mod:`cleanup.commands`."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from cleanup import __version__
from cleanup.cli.verbosity import quiet, verbosity_options
from cleanup.commands import app
from cleanup.core.model import Severity
from cleanup.errors import CleanupError
from cleanup.gate import decision as gate

if TYPE_CHECKING:
    from cleanup.settings.files import Resolver

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

MAIN_EPILOG = """\b
Examples:
  cleanup fix article.txt                 corrected text on stdout
  cleanup fix article.txt --diff          what would change, as a unified diff
  cleanup fix corpus/ --output-dir clean/ mirror a folder of .txt/.md articles
  cleanup check corpus/ --format json     report findings; exit 1 when there are any
  cleanup rules                           every rule, with its id and severity

Exit codes: 0 ok, 1 findings (check), 2 usage or input error.
"""


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept `--select a,b` as well as `--select a --select b`."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _dash_is_stdout(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """``-o -`` means standard output, as it does for most tools (not a file named "-")."""
    return None if value == Path("-") else value


def pipeline_options(fn: F) -> F:
    """Options shared by `fix` and `check`."""
    decorators = [
        click.option(
            "--select",
            multiple=True,
            metavar="RULES",
            help="Only these rules (ids or prefixes such as `names`, comma-separated).",
        ),
        click.option(
            "--ignore", multiple=True, metavar="RULES", help="Skip these rules (ids or prefixes)."
        ),
        click.option(
            "--unsafe-fixes/--no-unsafe-fixes",
            default=None,
            help="Also apply fixes that need a person's judgement (names by fuzzy match, calques).",
        ),
        click.option(
            "--grammar/--no-grammar",
            default=None,
            help="Check grammar with LanguageTool (default: off).",
        ),
        click.option(
            "--date",
            metavar="YYYY-MM-DD",
            help="The article's date, for names by office held (e.g. 'the foreign minister').",
        ),
        click.option(
            "--gazetteer",
            "gazetteers",
            multiple=True,
            type=click.Path(dir_okay=False),
            metavar="FILE",
            help="Add your own names (YAML, or CSV canonical,variants,kind); repeatable.",
        ),
        click.option(
            "--languagetool-url",
            envvar="CLEANUP_LANGUAGETOOL_URL",
            metavar="URL",
            help="A running LanguageTool server for --grammar (default: start one locally).",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False),
            help="Where results are cached (default: the user cache dir).",
        ),
        click.option("--no-cache", is_flag=True, help="Neither read nor write cached results."),
        click.option("--text-field", help="JSONL: the article's field (default: text)."),
        click.option("--id-field", help="JSONL: the record id's field (default: id)."),
        click.option(
            "--html-format",
            type=click.Choice(["text", "markdown"]),
            help="HTML pages: extract the article body as plain text (default) or Markdown.",
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Use this settings file for every input instead of the nearest one.",
        ),
    ]
    for decorator in reversed(decorators):
        fn = decorator(fn)
    return fn


def input_options(fn: F) -> F:
    """Which inputs `fix` and `check` read, and how many processes they use: the command gets
    them as one ``app.InputOptions`` argument."""
    decorators = [
        click.argument("paths", nargs=-1, required=True, metavar="PATH..."),
        click.option("--include", multiple=True, metavar="GLOB", help="Only files matching GLOB."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB."),
        click.option(
            "--stdin-filename", metavar="NAME", help="With `-`: the name stdin is reported as."
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=1),
            default=None,
            help="Articles processed in parallel (default: the number of cores; with Ray, "
            "the cluster's CPUs).",
        ),
        click.option(
            "--engine",
            type=click.Choice(["local", "ray"]),
            default="local",
            show_default=True,
            help="Run here, or on Ray (needs `pip install 'cleanup[ray]'`).",
        ),
        click.option(
            "--ray-address",
            envvar="RAY_ADDRESS",
            metavar="ADDRESS",
            help="With --engine ray: join this cluster (default: start a local Ray for the run).",
        ),
    ]

    @functools.wraps(fn)
    def with_inputs(
        paths: tuple[str, ...],
        include: tuple[str, ...],
        exclude: tuple[str, ...],
        stdin_filename: str | None,
        jobs: int | None,
        engine: str,
        ray_address: str | None,
        **rest: Any,
    ) -> Any:
        inputs = make_inputs(paths, include, exclude, stdin_filename, jobs, engine, ray_address)
        return fn(inputs, **rest)

    command: Any = with_inputs
    for decorator in reversed(decorators):
        command = decorator(command)
    return cast(F, command)


def make_inputs(
    paths: tuple[str, ...],
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    stdin_filename: str | None,
    jobs: int | None,
    engine: str = "local",
    ray_address: str | None = None,
) -> app.InputOptions:
    from cleanup.engines.local import default_jobs

    return app.InputOptions(
        paths,
        _split(include),
        _split(exclude),
        stdin_filename,
        jobs or default_jobs(),
        engine=engine,
        ray_address=ray_address or None,
        jobs_given=jobs is not None,
    )


def make_config(
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    unsafe_fixes: bool | None = None,
    grammar: bool | None = None,
    date: str | None = None,
    languagetool_url: str | None = None,
    cache_dir: str | None = None,
    no_cache: bool = False,
    text_field: str | None = None,
    id_field: str | None = None,
    html_format: str | None = None,
    config_file: Path | None = None,
    report_unused_suppressions: bool = False,
    gazetteers: tuple[str, ...] = (),
) -> Resolver:
    """Each input's settings: the nearest settings file, with the flags given here on top."""
    from cleanup.settings.files import Resolver

    select, ignore = _split(select), _split(ignore)
    if date is not None:
        from cleanup.settings.config import check_date

        check_date(date)
    if select or ignore:
        from cleanup.rules import ids as ruleids
        from cleanup.rules.loader import load_rules

        ruleids.check((*select, *ignore), load_rules())
    given: dict[str, Any] = {
        "select": select or None,
        "ignore": ignore or None,
        "unsafe_fixes": unsafe_fixes,
        "grammar": grammar,
        "date": date,
        "languagetool_url": languagetool_url or None,
        "cache_dir": cache_dir,
        "use_cache": False if no_cache else None,
        "text_field": text_field,
        "id_field": id_field,
        "html_format": html_format,
        "report_unused_suppressions": report_unused_suppressions or None,
        "gazetteers": tuple(gazetteers) or None,
    }
    return Resolver({k: v for k, v in given.items() if v is not None}, config_file)


@click.group(context_settings=CONTEXT, epilog=MAIN_EPILOG)
@click.version_option(__version__, "-V", "--version", prog_name="cleanup")
@verbosity_options
def cli() -> None:
    """Repair, normalize and flag scraped machine-translated news articles.

    cleanup repairs mojibake, spacing and quote marks, normalizes names against a gazetteer,
    flags machine-translation artifacts and (with --grammar) grammar, and explains every change.
    Output is always UTF-8; a BOM and CRLF newlines in the input are kept. -v and -q work
    before or after the command's name.
    """


@cli.command(
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  cleanup fix seeds/article.txt --diff
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
    callback=_dash_is_stdout,
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
    "--backup", metavar="SUFFIX", help="With --in-place: keep the original as NAME+SUFFIX."
)
@click.option("--diff", is_flag=True, help="Print a unified diff instead of the text.")
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
    inputs: app.InputOptions,
    output: Path | None,
    output_dir: Path | None,
    in_place: bool,
    backup: str | None,
    diff: bool,
    html: Path | None,
    html_dir: Path | None,
    **pipeline: Any,
) -> int:
    """Write corrected articles: safe fixes applied, everything else left as it was.

    With one input and no -o, the corrected text goes to stdout. One summary line (articles, fixes,
    flags, time) goes to stderr; -v adds each fix with its reason and each article's counts, -q
    leaves the summary out.
    """
    options = app.FixOptions(
        inputs.paths,
        output,
        output_dir,
        in_place,
        diff,
        backup,
        inputs,
        html=html,
        html_dir=html_dir,
        quiet=quiet(),
    )
    return app.fix(options, make_config(**pipeline))


@cli.command(
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
    type=click.Choice(gate.FORMATS),
    default="text",
    show_default=True,
    help="Report format: text, json, jsonl (one line per article), sarif (2.1.0), github "
    "(workflow-command annotations), junit.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    callback=_dash_is_stdout,
    help="Write the report to FILE; the terminal gets the summary ('-': all to standard output, "
    "the default).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    help="Lowest severity that makes the exit code 1, whatever is displayed (default: warning).",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Also fail articles whose quality score (0-100) is below N.",
)
@click.option("--statistics", is_flag=True, help="Counts per rule and the lowest-scoring articles.")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report and fail only on findings not recorded in FILE.",
)
@click.option(
    "--report-unused-suppressions",
    is_flag=True,
    help="Flag suppression comments that suppressed nothing.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record every current finding in FILE (exit 0), for --baseline later.",
)
@pipeline_options
@verbosity_options
def check(
    inputs: app.InputOptions,
    format_: str,
    output: Path | None,
    exit_zero: bool,
    fail_on: str | None,
    min_score: float | None,
    statistics: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    report_unused_suppressions: bool,
    **pipeline: Any,
) -> int:
    """Report what `fix` would change and what a person should look at; write nothing.

    Every article gets a quality score: 100 minus MQM-style penalties (error 5, warning 1,
    info 0.1) per 100 words. The report ends with a summary line (-q leaves it out).
    """
    options = app.CheckOptions(
        inputs.paths,
        format_,
        exit_zero,
        Severity(fail_on) if fail_on else None,
        inputs,
        output=output,
        statistics=statistics,
        min_score=min_score,
        baseline=baseline,
        write_baseline=write_baseline,
        quiet=quiet(),
    )
    settings = make_config(**pipeline, report_unused_suppressions=report_unused_suppressions)
    return app.check(options, settings)


@cli.command("config", context_settings=CONTEXT)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Show this settings file's settings instead of the nearest one's.",
)
@verbosity_options
def config_command(path: Path | None, config_file: Path | None) -> int:
    """Show the effective settings for PATH (default: the current folder) and their file.

    Settings come from cleanup.toml or [tool.cleanup] in pyproject.toml, the nearest one to each
    article; command-line flags override them.
    """
    from cleanup.settings.files import show

    resolver = make_config(config_file=config_file)
    target = path or Path.cwd()
    click.echo(show(resolver(target), resolver.file_for(target)), nl=False)
    return 0


@cli.command(
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
    callback=_dash_is_stdout,
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
    return app.review(app.ReviewOptions(path, output, quiet=quiet()), config)


@cli.command(context_settings=CONTEXT)
@click.argument("rule_id", required=False)
@verbosity_options
def rules(rule_id: str | None) -> int:
    """List every rule, or explain RULE_ID with its examples.

    RULE_ID may be any id a finding carries (a phrase's, such as artifact/calque/iron-wall, or a
    LanguageTool rule's, such as grammar/EN_A_VS_AN) or a prefix (names: the rules under it).
    """
    from cleanup.report.rules import explain, listing
    from cleanup.rules import ids as ruleids
    from cleanup.rules.loader import load_rules

    ruleset = load_rules()
    if rule_id is None:
        click.echo(listing(ruleset))
        return 0
    text = explain(rule_id, ruleset)
    if text is None:
        raise CleanupError(ruleids.unknown(rule_id, ruleset))
    click.echo(text)
    return 0


from cleanup.cli.gazetteer import gazetteer as gazetteer_group  # noqa: E402
from cleanup.cli.languagetool import languagetool  # noqa: E402

cli.add_command(languagetool)
cli.add_command(gazetteer_group)


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns every user-caused error into one line on stderr and exit code 2."""
    try:
        code = cli.main(args=argv, prog_name="cleanup", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("cleanup: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("cleanup: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CleanupError as exc:
        click.echo(f"cleanup: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: still one line for the user, the traceback with -vv
        logging.getLogger("cleanup").debug("internal error", exc_info=True)
        click.echo(f"cleanup: internal error: {exc!r} (a bug; -vv shows the traceback)", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
