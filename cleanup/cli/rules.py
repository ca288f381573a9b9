"""`cleanup rules` and `cleanup config`: what the rules are and which settings apply where."""

from __future__ import annotations

from pathlib import Path

import click

from cleanup.cli.options import (
    CONTEXT,
    make_config,
    verbosity_options,
)
from cleanup.errors import CleanupError


@click.command("config", context_settings=CONTEXT)
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


@click.command(context_settings=CONTEXT)
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
