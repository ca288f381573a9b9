"""What the commands share on the command line, defined once: click's context settings, the
input and pipeline options of `fix`, `check` and `review`, ``-v``/``-q`` (accepted before or after
the subcommand's name), and how the options become an InputOptions and each input's settings."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from cleanup.commands.inputs import InputOptions

if TYPE_CHECKING:
    from cleanup.settings.files import Resolver

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def split_values(values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept `--select a,b` as well as `--select a --select b`."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def dash_is_stdout(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
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
    them as one ``InputOptions`` argument."""
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
) -> InputOptions:
    from cleanup.engines.local import default_jobs

    return InputOptions(
        paths,
        split_values(include),
        split_values(exclude),
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

    select, ignore = split_values(select), split_values(ignore)
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


_VERBOSE, _QUIET = "cleanup.verbose", "cleanup.quiet"


def _set(ctx: click.Context, param: click.Parameter, value: int | bool) -> None:
    """Add what this level of the command line says to what the levels before it said (kept on
    the root context), and set the logging level from the total."""
    meta = ctx.find_root().meta
    if param.name == "verbose":
        meta[_VERBOSE] = meta.get(_VERBOSE, 0) + int(value)
    elif value:
        meta[_QUIET] = True
    verbose, quiet = meta.get(_VERBOSE, 0), meta.get(_QUIET, False)
    if verbose and quiet:
        raise click.UsageError("-q and -v cannot be used together", ctx)
    if quiet:
        level = logging.ERROR
    else:
        level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(format="%(message)s", stream=sys.stderr)
    logging.getLogger().setLevel(level)


def verbosity_options(fn: F) -> F:
    """Add -v and -q to a command or group (listed in its --help)."""
    fn = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set,
        help="Quiet: no summary line, progress bar or warning; errors still show.",
    )(fn)
    return click.option(
        "-v",
        "--verbose",
        count=True,
        expose_value=False,
        callback=_set,
        help="Say more (-v: each edit, -vv: debug).",
    )(fn)


def quiet() -> bool:
    """Whether -q was given, before or after the subcommand."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().meta.get(_QUIET, False))
