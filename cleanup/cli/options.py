"""What the commands share on the command line, defined once: click's context settings, the
input and pipeline options of `fix`, `check` and `review`, ``-v``/``-q`` (accepted before or after
the subcommand's name), and how the options become an InputOptions and each input's settings."""

from __future__ import annotations

import dataclasses
import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from cleanup.commands.inputs import InputOptions
from cleanup.core.model import Severity
from cleanup.settings.config import SETTINGS, check_date
from cleanup.settings.fields import Kind

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


def setting_option(name: str) -> Callable[[F], F]:
    """The option of the Config field ``name``, made from its metadata (cleanup/settings/config.py);
    its value is the field's, or None when not given (see :func:`make_config`)."""
    setting = SETTINGS[name]
    option = setting.option
    assert option is not None, f"{name} has no option"
    kind = setting.kind
    extra: dict[str, Any] = {}
    if kind is Kind.BOOL:
        extra = {"default": None} if option.sets is None else {"is_flag": True}
    elif kind is Kind.RULES:
        extra = {"multiple": True, "metavar": "RULES"}
    elif kind is Kind.FILES:
        extra = {"multiple": True, "type": click.Path(dir_okay=False), "metavar": "FILE"}
    elif kind is Kind.FOLDER:
        extra = {"type": click.Path(file_okay=False)}
    elif kind is Kind.CHOICE:
        extra = {"type": click.Choice(setting.choices)}
    elif kind is Kind.LEVEL:
        extra = {"type": click.Choice([s.value for s in Severity])}
    elif kind is Kind.SCORE:
        extra = {"type": click.FloatRange(0, 100), "metavar": "N"}
    elif kind is Kind.DATE:
        extra = {"metavar": "YYYY-MM-DD"}
    elif kind is Kind.SIZE:
        extra = {"callback": _size, "metavar": "SIZE"}
    elif kind is Kind.SECONDS:
        extra = {"type": click.FloatRange(min=0, min_open=True), "metavar": "SECONDS"}
    if option.metavar:
        extra["metavar"] = option.metavar
    if option.envvar:
        extra["envvar"] = option.envvar
    return click.option(option.flag, name, help=option.help, **extra)


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A size option's value in bytes (cleanup.settings.config.parse_size); None: not given."""
    from cleanup.errors import ConfigError
    from cleanup.settings.config import parse_size

    if value is None:
        return None
    try:
        return parse_size(value)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


def _pipeline_settings() -> list[str]:
    """The fields whose options `fix`, `check` and `review` share, in --help order."""
    shared = {n: s.option for n, s in SETTINGS.items() if s.option and not s.option.check_only}
    names = list(shared)
    for name, option in shared.items():
        if option.before is not None:
            names.remove(name)
            names.insert(names.index(option.before), name)
    return names


def pipeline_options(fn: F) -> F:
    """Options shared by `fix`, `check` and `review`: the settings' (from their metadata), then
    --config."""
    decorators = [setting_option(name) for name in _pipeline_settings()]
    decorators.append(
        click.option(
            "--config",
            "config_file",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Use this settings file for every input instead of the nearest one.",
        )
    )
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
            "--source",
            "source_file",
            metavar="FILE",
            help="The text the one input was translated from, with the same paragraphs (blank "
            "lines between them): turns on the source/ checks.",
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
        source_file: str | None,
        jobs: int | None,
        engine: str,
        ray_address: str | None,
        **rest: Any,
    ) -> Any:
        inputs = make_inputs(paths, include, exclude, stdin_filename, jobs, engine, ray_address)
        if source_file is not None:
            inputs = dataclasses.replace(inputs, source=source_file)
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


def make_config(config_file: Path | None = None, **given: Any) -> Resolver:
    """Each input's settings: the nearest settings file (or ``config_file``), with the settings
    that options give (``given``, by Config field name; None: not given) on top."""
    from cleanup.settings.files import Resolver

    assert set(given) <= set(SETTINGS), set(given) - set(SETTINGS)
    overrides: dict[str, Any] = {}
    rules: list[str] = []  # checked together, in field order (select, then ignore)
    for name in SETTINGS:
        value = _from_option(name, given[name]) if name in given else None
        if value is not None:
            overrides[name] = value
            if SETTINGS[name].kind is Kind.RULES:
                rules.extend(value)
    if rules:
        from cleanup.rules import ids as ruleids
        from cleanup.rules.loader import load_rules

        ruleids.check(rules, load_rules())
    return Resolver(overrides, config_file)


def _from_option(name: str, value: Any) -> Any:
    """The value of the field ``name`` that its option's ``value`` gives; None: not given."""
    setting = SETTINGS[name]
    option = setting.option
    assert option is not None, f"{name} has no option"
    if setting.kind is Kind.RULES:
        return split_values(value) or None
    if setting.kind is Kind.FILES:
        return tuple(value) or None
    if setting.kind is Kind.BOOL and option.sets is not None:
        return option.sets if value else None  # a one-way flag
    if option.envvar and not value:
        return None  # an empty variable is none
    if value is not None and setting.kind is Kind.DATE:
        check_date(value)
    if value is not None and setting.kind is Kind.LEVEL:
        return Severity(value)
    return value


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
