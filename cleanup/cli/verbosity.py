"""``-v/--verbose`` and ``-q/--quiet``, defined once and put on the main command and on every
subcommand, so that either works before or after the subcommand's name (``cleanup -v fix a.txt``,
``cleanup fix -v a.txt``)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
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
