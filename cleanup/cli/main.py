"""The command line's entry point: the `cleanup` group, its commands, and one line on stderr
with exit code 2 for every error a user can cause (a traceback reaching a user is a bug)."""

from __future__ import annotations

import importlib
import logging
import sys

import click

from cleanup.cli.options import CONTEXT, verbosity_options
from cleanup.errors import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    CleanupError,
    Terminated,
)

MAIN_EPILOG = """\b
Examples:
  cleanup fix article.txt                 corrected text on stdout
  cleanup fix article.txt --diff          what would change, as a unified diff
  cleanup fix corpus/ --output-dir clean/ mirror a folder of .txt/.md articles
  cleanup check corpus/ --format json     report findings; exit 1 when there are any
  cleanup rules                           every rule, with its id and severity

Exit codes: 0 ok, 1 findings (check), 2 usage or input error.
"""


# Each command's module, imported when the command runs or is listed (`--help`): `check` on one
# article should not pay for review's, the gazetteer's or LanguageTool's command code.
COMMANDS = {
    "fix": "cleanup.cli.fix:fix",
    "check": "cleanup.cli.check:check",
    "review": "cleanup.cli.review:review",
    "config": "cleanup.cli.rules:config_command",
    "rules": "cleanup.cli.rules:rules",
    "gazetteer": "cleanup.cli.gazetteer:gazetteer",
    "languagetool": "cleanup.cli.languagetool:languagetool",
}


class _Commands(click.Group):
    """The ``cleanup`` group, with the commands of :data:`COMMANDS` imported on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module), name)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # "Did you mean": from every command name
            name = exc.command_name
            raise click.exceptions.NoSuchCommand(name, possibilities=COMMANDS, ctx=ctx) from None


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """click.version_option's output, the version read only when asked (see cleanup.__getattr__)."""
    if not value or ctx.resilient_parsing:
        return
    from cleanup import __version__

    click.echo(f"cleanup, version {__version__}")
    ctx.exit()


@click.group(cls=_Commands, context_settings=CONTEXT, epilog=MAIN_EPILOG)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
@verbosity_options
def cli() -> None:
    """Repair, normalize and flag scraped machine-translated news articles.

    cleanup repairs mojibake, spacing and quote marks, normalizes names against a gazetteer,
    flags machine-translation artifacts and (with --grammar) grammar, and explains every change.
    Output is always UTF-8; a BOM and CRLF newlines in the input are kept. -v and -q work
    before or after the command's name.
    """


_TERMINATED: list[int] = []  # the SIGTERM that arrived, if one did


def _on_sigterm(number: int, frame: object) -> None:
    """SIGTERM ends the run as Ctrl-C does (see :class:`Terminated`); a second one waits for
    that cleanup instead of cutting it short."""
    import signal

    _TERMINATED.append(number)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


def _interrupted() -> None:
    if _TERMINATED:
        click.echo("cleanup: terminated", err=True)
        sys.exit(EXIT_TERMINATED)
    click.echo("cleanup: interrupted", err=True)
    sys.exit(EXIT_INTERRUPTED)


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns every user-caused error into one line on stderr and exit code 2."""
    import signal

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code = cli.main(args=argv, prog_name="cleanup", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _interrupted()
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CleanupError as exc:
        click.echo(f"cleanup: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as exc:  # a bug: still one line for the user, the traceback with -vv
        if _TERMINATED:  # what SIGTERM broke on its way out (a worker pool, a pipe)
            _interrupted()
        logging.getLogger("cleanup").debug("internal error", exc_info=True)
        click.echo(f"cleanup: internal error: {exc!r} (a bug; -vv shows the traceback)", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
