"""`cleanup check`: report every article in the chosen format, apply the baseline, and turn the
gate's verdicts into the exit code."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cleanup.commands.common import err, error_line, gazetteer_note, progress
from cleanup.commands.inputs import (
    InputOptions,
    Settings,
    config_for,
    files_of,
    outcomes,
    with_stdin_name,
)
from cleanup.core.model import FileReport
from cleanup.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ServiceError
from cleanup.settings.config import Config

if TYPE_CHECKING:
    from cleanup.gate.baseline import Baseline


@dataclass(frozen=True)
class CheckOptions:
    """What `cleanup check` was asked, besides the settings."""

    paths: tuple[str, ...]
    format: str = "text"
    exit_zero: bool = False
    inputs: InputOptions | None = None
    output: Path | None = None
    statistics: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    quiet: bool = False  # -q: no summary line, progress bar or baseline note


def check(options: CheckOptions, settings: Settings) -> int:
    """Report every article as it is checked (streaming formats keep nothing of it but counts),
    then the statistics and the summary line; the exit code follows each article's gate."""
    from cleanup.gate import decision as gate
    from cleanup.report.diff.unified import use_color
    from cleanup.report.formats import Stream
    from cleanup.report.tally import Tally
    from cleanup.report.text import summary

    started = time.monotonic()
    inputs = options.inputs or InputOptions(options.paths)
    sources = with_stdin_name(files_of(inputs, settings), inputs)
    of_path = config_for(settings)

    def gate_of(config: Config) -> gate.Gate:
        # --fail-on and --min-score are settings: each input's Config carries them
        return gate.Gate(config.fail_on, config.min_score, options.exit_zero)

    recording = options.write_baseline is not None
    # writing a baseline records every finding of today, known or not
    baseline = _baseline(options.baseline) if not recording else None
    first = gate_of(of_path(sources[0].path))
    gazetteer_note(of_path(sources[0].path), options.quiet)
    shown = gate.Gate(first.fail_on, None, exit_zero=True) if recording else first
    color = options.output is None and use_color(sys.stdout)
    stream = Stream(options.format, shown, color)
    tally = Tally()
    entries: list[Any] = []
    errors: list[FileReport] = []
    failing = False
    stopped: ServiceError | None = None
    with _report_output(options) as out:
        run = outcomes(sources, settings, inputs)
        try:
            for outcome in progress(run, len(sources), options.quiet):
                if outcome.source.lacks_text:
                    continue  # its corpus's one error follows the corpus
                report = outcome.report
                if recording:
                    from cleanup.gate.baseline import entries as entries_of

                    entries.extend(entries_of(report))
                elif baseline is not None:
                    baseline.filter(report)
                verdict = gate.verdict(report, gate_of(of_path(outcome.source.path)))
                failing = failing or verdict.fails
                if report.error is not None:
                    errors.append(report)
                tally.add(report)
                out.write(stream.feed(report))
        except ServiceError as exc:
            if not tally.files:
                raise  # it could not be had at all: the one line says why
            # LanguageTool died mid-run: the report still closes, with the articles checked
            stopped = exc
        out.write(stream.close())
    if recording:
        from cleanup.gate import baseline as baselines

        assert options.write_baseline is not None
        n = baselines.write(options.write_baseline, entries)
        if not options.quiet:
            err(f"{n} finding{'s' * (n != 1)} recorded in {options.write_baseline}")
    for r in errors:  # on stderr in every format: stdout may be a machine-read report
        err(error_line(r))
    if stopped is not None:
        n = tally.files
        err(
            f"cleanup: error: {stopped}; the run stopped there: the report has the "
            f"{n} article{'s' * (n != 1)} checked before"
        )
    line = summary(tally, time.monotonic() - started)
    if options.output is not None:
        line += f" Report: {options.output} ({options.format})."
    statistics = ""
    if options.statistics:
        from cleanup.report.statistics import render as render_statistics

        statistics = render_statistics(tally)
    closing = statistics + ("" if options.quiet else line + "\n")  # statistics were asked for
    if options.output is not None or options.format == "text":
        sys.stdout.write(closing)
    else:
        sys.stderr.write(closing)  # stdout stays machine-readable
    if errors or stopped is not None:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing and not options.exit_zero and not recording else EXIT_OK


@contextlib.contextmanager
def _report_output(options: CheckOptions) -> Iterator[IO[str]]:
    """Where the report goes: stdout, or --output FILE (replaced only when the run completes)."""
    if options.output is None:
        yield sys.stdout
        return
    import io

    from cleanup.io.writers import atomic_writer

    with atomic_writer(options.output) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        yield text
        text.flush()
        text.detach()


def _baseline(path: Path | None) -> Baseline | None:
    if path is None:
        return None
    from cleanup.gate.baseline import Baseline

    return Baseline.load(path)
