"""What the commands do, apart from parsing options: the CLI calls these and prints nothing else.

Each function returns the process exit code: 0 success, 1 findings (check), 2 a usage or input
error.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cleanup.config import Config
from cleanup.engines.local import Outcome
from cleanup.errors import CleanupError, InputError
from cleanup.io.readers import Source, discover
from cleanup.model import FileReport, Severity

log = logging.getLogger("cleanup")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class FixOptions:
    paths: tuple[str, ...]
    output: Path | None = None
    output_dir: Path | None = None
    in_place: bool = False
    diff: bool = False
    backup: str | None = None


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...]
    format: str = "text"
    exit_zero: bool = False
    fail_on: Severity = Severity.WARNING


def err(message: str) -> None:
    """One line on stderr."""
    print(message, file=sys.stderr)


def sources_of(paths: Iterable[str]) -> list[Source]:
    sources = list(discover(paths))
    if not sources:
        raise InputError(f"no .txt or .md files found in {', '.join(paths)}")
    return sources


def outcomes(sources: list[Source], config: Config) -> Iterator[Outcome]:
    from cleanup.engines.local import run

    if not config.grammar:
        yield from run(sources, config)
        return
    from cleanup.stages.grammar import grammar_run

    # fails at once (no Java, no jars) and stops any LanguageTool server when the run ends
    with grammar_run(config):
        yield from run(sources, config)


def fix(options: FixOptions, config: Config) -> int:
    sources = sources_of(options.paths)
    _check_fix_destination(options, sources)
    status = EXIT_OK
    for outcome in outcomes(sources, config):
        report, document = outcome.report, outcome.document
        if report.error is not None or report.result is None or document is None:
            err(f"cleanup: error: {report.error}")
            status = EXIT_ERROR
            continue
        result = report.result
        _explain(report)
        if options.diff:
            from cleanup.report.diff import unified

            sys.stdout.write(unified(report.path, result.original, result.text))
        destination = _destination(options, outcome.source)
        if destination is None:
            if not options.diff:
                sys.stdout.write(document.render(result.text))
            continue
        if destination == outcome.source.path and not result.changed:
            continue  # in place and unchanged: leave the file (and its mtime) alone
        from cleanup.io.writers import atomic_write

        destination.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(destination, document.encode(result.text), backup_suffix=options.backup)
    return status


def _check_fix_destination(options: FixOptions, sources: list[Source]) -> None:
    chosen = [n for n, v in (("-o", options.output), ("--output-dir", options.output_dir)) if v]
    if options.in_place:
        chosen.append("--in-place")
    if len(chosen) > 1:
        raise CleanupError(f"choose one of {', '.join(chosen)}")
    if options.output and len(sources) > 1:
        raise CleanupError("-o takes one input; use --output-dir DIR for several")
    if not chosen and not options.diff and len(sources) > 1:
        raise CleanupError(
            f"{len(sources)} inputs: use --output-dir DIR, --in-place or --diff "
            "(only one input can go to stdout)"
        )
    if options.output and options.output.exists() and options.output.samefile(sources[0].path):
        raise CleanupError(f"-o {options.output} is the input file; use --in-place to rewrite it")


def _destination(options: FixOptions, source: Source) -> Path | None:
    if options.in_place:
        return source.path
    if options.output:
        return options.output
    if options.output_dir:
        root = options.output_dir.resolve()
        target = (root / source.relative).resolve()
        if not target.is_relative_to(root):
            raise InputError(f"{source.display}: would be written outside {options.output_dir}")
        return target
    return None


def _explain(report: FileReport) -> None:
    """Say on stderr what was changed and why (each edit with -v)."""
    assert report.result is not None
    edits, flags = report.result.edits, report.result.flags
    for edit in edits:
        log.info(
            "%s: %s %r → %r (%s)",
            report.path,
            edit.rule,
            edit.text,
            edit.replacement,
            edit.reason or edit.message,
        )
    if edits or flags:
        err(
            f"{report.path}: {len(edits)} fix{'es' * (len(edits) != 1)} applied, "
            f"{len(flags)} flag{'s' * (len(flags) != 1)} to review (`cleanup check` lists them)"
        )


def check(options: CheckOptions, config: Config) -> int:
    sources = sources_of(options.paths)
    reports = [outcome.report for outcome in outcomes(sources, config)]
    if options.format == "json":
        from cleanup.report import json as renderer
    else:
        from cleanup.report import text as renderer  # type: ignore[no-redef]
    sys.stdout.write(renderer.render(reports))
    if any(r.error is not None for r in reports):
        if options.format != "text":  # the text report already lists them
            for r in reports:
                if r.error is not None:
                    err(f"cleanup: error: {r.error}")
        return EXIT_ERROR
    failing = any(
        f.severity.rank >= options.fail_on.rank
        for r in reports
        if r.result
        for f in r.result.findings
    )
    return EXIT_FINDINGS if failing and not options.exit_zero else EXIT_OK
