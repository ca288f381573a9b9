"""`cleanup languagetool ...`: install LanguageTool and run a server for repeated use.

Registered on the main CLI by one line in :mod:`cleanup.cli.main`; nothing LanguageTool-related is
imported until one of these commands runs.
"""

from __future__ import annotations

import time

import click

from cleanup.cli.options import CONTEXT, quiet, verbosity_options


@click.group(
    "languagetool",
    context_settings=CONTEXT,
    epilog="""\b
Examples:
  cleanup languagetool install            once; later calls are quick and offline
  cleanup languagetool serve --port 8081  keep a server running for many runs
  cleanup check corpus/ --grammar --languagetool-url http://127.0.0.1:8081
""",
)
def languagetool() -> None:
    """Install LanguageTool (Java 17+, Maven) and run its server for --grammar."""


@languagetool.command(context_settings=CONTEXT)
@click.option("--force", is_flag=True, help="Resolve the jars again even when installed.")
@verbosity_options
def install(force: bool) -> int:
    """Resolve LanguageTool's server and English jars with Maven into the user cache dir."""
    from cleanup.languagetool.install import find_java
    from cleanup.languagetool.install import install as do_install

    began = time.monotonic()
    silent = quiet()
    installation = do_install(
        force=force, say=lambda line: None if silent else click.echo(line, err=True)
    )
    click.echo(
        f"LanguageTool {installation.version}: {len(installation.jars)} jars in "
        f"{installation.lib} ({time.monotonic() - began:.1f}s)"
    )
    if find_java() is None and not silent:
        click.echo("warning: no `java` found; --grammar needs Java 17+ to run the server", err=True)
    return 0


@languagetool.command(context_settings=CONTEXT)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8081,
    show_default=True,
    help="Port on 127.0.0.1.",
)
@verbosity_options
def serve(port: int) -> int:
    """Run a LanguageTool server on 127.0.0.1 until Ctrl-C."""
    from cleanup.languagetool.server import LocalServer

    server = LocalServer.from_install(port=port)
    with server:
        if not quiet():
            click.echo(
                f"LanguageTool {server.version} listening on {server.url} "
                f"(ready in {server.start_seconds or 0:.1f}s; Ctrl-C stops it)\n"
                f"  use: --languagetool-url {server.url}  or  "
                f"export CLEANUP_LANGUAGETOOL_URL={server.url}",
                err=True,
            )
        code = server.wait()
    return 0 if code in (0, -15, 143) else 2
