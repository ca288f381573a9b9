"""What the commands do, apart from parsing options: the CLI calls these and prints nothing else.

Each function returns the process exit code: 0 success, 1 findings (check), 2 a usage or input
error.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cleanup.core.model import FileReport, Severity
from cleanup.engines.local import Outcome
from cleanup.errors import CleanupError, InputError
from cleanup.io.readers import Source, discover
from cleanup.settings.config import Config

if TYPE_CHECKING:
    from cleanup.gate.baseline import Baseline
    from cleanup.io.jsonl import JsonlWriter

log = logging.getLogger("cleanup")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class InputOptions:
    """Which inputs to read: paths (``-`` is stdin), globs, and how many processes to use."""

    paths: tuple[str, ...]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    stdin_filename: str | None = None
    jobs: int = 1
    engine: str = "local"  # local | ray (cleanup.engines.ray)
    ray_address: str | None = None  # a Ray cluster to join; None: a local instance for the run
    jobs_given: bool = False  # -j named: with Ray, the number of workers (default: cluster CPUs)


@dataclass(frozen=True)
class FixOptions:
    paths: tuple[str, ...]
    output: Path | None = None
    output_dir: Path | None = None
    in_place: bool = False
    diff: bool = False
    backup: str | None = None
    inputs: InputOptions | None = None
    html: Path | None = None  # an HTML review page (one input)
    html_dir: Path | None = None  # ... or one page per input below this folder


@dataclass(frozen=True)
class ReviewOptions:
    path: str
    output: Path | None = None


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...]
    format: str = "text"
    exit_zero: bool = False
    fail_on: Severity | None = None  # None: from the settings (default warning)
    inputs: InputOptions | None = None
    output: Path | None = None
    statistics: bool = False
    min_score: float | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None


def err(message: str) -> None:
    """One line on stderr."""
    print(message, file=sys.stderr)


Settings = Config | Callable[[Path], Config]  # one Config, or each path's (configfile.Resolver)


def config_for(settings: Settings) -> Callable[[Path], Config]:
    return settings if callable(settings) else (lambda _path: settings)


def files_of(inputs: InputOptions, settings: Settings | None = None) -> list[Source]:
    """The files named or found (a JSONL file is one entry here, and many articles later).

    Globs from --include/--exclude and from the settings file nearest each named path apply."""
    if list(inputs.paths).count("-") > 1:
        raise CleanupError("`-` (stdin) can be named only once")
    file_for = getattr(settings, "file_for", None)
    files: list[Source] = []
    for name in inputs.paths:
        include, exclude = inputs.include, inputs.exclude
        if file_for is not None and name != "-":
            found = file_for(Path(name))
            include, exclude = include + found.include, exclude + found.exclude
        files.extend(discover([name], include=include, exclude=exclude))
    if not files:
        raise InputError(f"no .txt, .md, .html or .jsonl files found in {', '.join(inputs.paths)}")
    return files


def articles(files: Iterable[Source], settings: Settings) -> Iterator[Source]:
    """One source per article: JSONL files are expanded record by record, lazily."""
    from cleanup.io.jsonl import records

    for source in files:
        if source.is_stdin:
            yield _stdin_source(source)
        elif source.kind == "jsonl":
            config = config_for(settings)(source.path)
            yield from records(source, config.text_field, config.id_field)
        else:
            yield source


def _stdin_source(source: Source) -> Source:
    from dataclasses import replace

    if source.kind == "jsonl":
        raise CleanupError("stdin is read as one article; name a JSONL corpus as a file")

    return replace(source, raw=sys.stdin.buffer.read())


def outcomes(files: list[Source], settings: Settings, inputs: InputOptions) -> Iterator[Outcome]:
    from cleanup.engines.local import run

    of_path = config_for(settings)
    if inputs.engine == "ray":
        yield from _ray_outcomes(files, [of_path(f.path) for f in files], inputs)
        return

    def of_source(source: Source) -> Config:
        return of_path(source.path)

    # one plain file: a process pool would only add its start-up time
    single = len(files) == 1 and files[0].kind != "jsonl"
    jobs = 1 if single else inputs.jobs
    config = of_path(files[0].path)
    if not any(of_path(f.path).grammar for f in files):
        yield from run(articles(files, settings), of_source, jobs=jobs)
        return
    import os

    from cleanup.stages.grammar import grammar_run

    if not (config.languagetool_url or os.environ.get("CLEANUP_LANGUAGETOOL_URL")):
        # a local server lives in this process (and checks texts on every core itself); pool
        # workers would each start one of their own
        jobs = 1
    # fails at once (no Java, no jars) and stops any LanguageTool server when the run ends
    with grammar_run(config):
        yield from run(articles(files, settings), of_source, jobs=jobs)


def _ray_outcomes(
    files: list[Source], configs: list[Config], inputs: InputOptions
) -> Iterator[Outcome]:
    """The outcomes from Ray (cleanup.engines.ray); ``configs`` holds each file's settings."""
    from dataclasses import replace

    from cleanup.engines import ray

    ray.require_ray()  # one line before any work when the extra is missing
    options = ray.RayOptions(inputs.ray_address, inputs.jobs if inputs.jobs_given else None)
    if not any(c.grammar for c in configs):
        yield from ray.run(files, configs, options)
        return
    from cleanup.stages.grammar import grammar_run

    config = configs[0]
    url = config.languagetool_url or os.environ.get("CLEANUP_LANGUAGETOOL_URL")
    if url is None and inputs.ray_address:
        raise CleanupError(
            "--engine ray on a cluster with --grammar needs --languagetool-url: a LanguageTool "
            "server every node can reach"
        )
    with grammar_run(config):
        if url is None:
            # one local server for the run, as the local engine has; each worker connects to it
            from cleanup.languagetool.session import get_session

            session = get_session(None, config.cache_dir, config.use_cache)
            url = session.client().url
            # workers key the cache and name the version as the local engine would
            session.cache.remember_version(url, session.version)
        configs = [replace(c, languagetool_url=url) for c in configs]
        yield from ray.run(files, configs, options)


def _inputs(options: FixOptions | CheckOptions) -> InputOptions:
    return options.inputs or InputOptions(options.paths)


def _with_stdin_name(files: list[Source], inputs: InputOptions) -> list[Source]:
    from dataclasses import replace

    return [replace(f, name=inputs.stdin_filename) if f.is_stdin else f for f in files]


def fix(options: FixOptions, settings: Settings) -> int:
    inputs = _inputs(options)
    sources = _with_stdin_name(files_of(inputs, settings), inputs)
    _check_fix_destination(options, sources)
    status = EXIT_OK
    of_path = config_for(settings)
    with JsonlOutputs(options, of_path) as corpora:
        for outcome in outcomes(sources, settings, inputs):
            if outcome.source.kind == "jsonl" and not options.diff:
                corpora.write(outcome)  # broken lines too: copied unchanged, never dropped
            status = max(status, _fix_one(options, outcome, of_path(outcome.source.path)))
    return status


def _fix_one(options: FixOptions, outcome: Outcome, config: Config) -> int:
    report, document = outcome.report, outcome.document
    if report.error is not None or report.result is None or document is None:
        err(
            f"cleanup: error: {report.path}: {report.error}"
            if outcome.source.error
            else f"cleanup: error: {report.error}"
        )
        return EXIT_ERROR
    result = report.result
    _explain(report)
    _write_review_page(options, outcome)
    if options.diff:
        from cleanup.report.diff.unified import for_stream

        sys.stdout.write(for_stream(sys.stdout, report.path, result.original, result.text))
    if outcome.source.kind == "jsonl":
        return EXIT_OK
    destination = _destination(options, outcome.source, config.html_format)
    if destination is None:
        if not options.diff:
            sys.stdout.write(document.render(result.text))
        return EXIT_OK
    if destination == outcome.source.path and not result.changed:
        return EXIT_OK  # in place and unchanged: leave the file (and its mtime) alone
    from cleanup.io.writers import atomic_write

    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(destination, document.encode(result.text), backup_suffix=options.backup)
    except OSError as exc:
        err(f"cleanup: error: {destination}: cannot write: {exc.strerror or exc}")
        return EXIT_ERROR
    return EXIT_OK


class JsonlOutputs:
    """Where fixed JSONL corpora go: one output per input file, written as records arrive."""

    def __init__(self, options: FixOptions, config: Callable[[Path], Config]) -> None:
        self.options, self.config_for = options, config
        self.current: Path | None = None
        self.stack: contextlib.ExitStack | None = None
        self.writer: JsonlWriter | None = None

    def __enter__(self) -> JsonlOutputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close(failed=exc[0] is not None)

    def write(self, outcome: Outcome) -> None:
        source = outcome.source
        if source.path != self.current:
            self._close(failed=False)
            self._open(source)
        assert self.writer is not None
        result = outcome.report.result
        self.writer.write(source, result.text if result is not None else None)

    def _open(self, source: Source) -> None:
        from cleanup.io.jsonl import JsonlWriter, gzip_if
        from cleanup.io.writers import atomic_writer

        self.current = source.path
        self.stack = contextlib.ExitStack()
        config = self.config_for(source.path)
        destination = _destination(self.options, source, config.html_format)
        if destination is None:
            handle: IO[bytes] = sys.stdout.buffer
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            handle = self.stack.enter_context(
                atomic_writer(destination, backup_suffix=self.options.backup)
            )
        handle = self.stack.enter_context(gzip_if(handle, str(destination or "")))
        self.writer = JsonlWriter(handle, config.text_field)

    def _close(self, failed: bool) -> None:
        if self.stack is not None:
            if failed:  # an interrupted corpus must not replace the original
                self.stack.__exit__(RuntimeError, RuntimeError("interrupted"), None)
            else:
                self.stack.close()
        self.stack, self.writer, self.current = None, None, None


def _write_review_page(options: FixOptions, outcome: Outcome) -> None:
    """With --html/--html-dir: the HTML review page of one article (see cleanup.report.html)."""
    if options.html is None and options.html_dir is None:
        return
    from cleanup.io.writers import atomic_write
    from cleanup.report.html import render

    assert outcome.report.result is not None
    source = outcome.source
    if options.html is not None:
        page = options.html
    else:
        assert options.html_dir is not None
        root = options.html_dir.resolve()
        relative = source.relative
        name = Path(source.name).name if source.is_stdin and source.name else relative.name
        if source.record is not None:  # one page per record of a JSONL corpus
            name += f".{source.line}-{re.sub(r'[^A-Za-z0-9_-]', '_', source.record)[:60]}"
        page = (root / relative.with_name(name + ".html")).resolve()
        if not page.is_relative_to(root):
            raise InputError(f"{source.display}: would be written outside {root}")
    if page.exists() and not source.is_stdin and page.samefile(source.path):
        raise CleanupError(f"--html {page} is the input file")
    page.parent.mkdir(parents=True, exist_ok=True)
    html = render(outcome.report.path, outcome.report.result)
    atomic_write(page, html.encode("utf-8"))


def _check_fix_destination(options: FixOptions, sources: list[Source]) -> None:
    if options.html and options.html_dir:
        raise CleanupError("choose one of --html, --html-dir")
    if options.html and (len(sources) > 1 or any(s.kind == "jsonl" for s in sources)):
        raise CleanupError("--html takes one input; use --html-dir DIR for several")
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
    if options.in_place:
        for source in sources:
            if source.is_stdin:
                raise CleanupError("--in-place cannot rewrite stdin")
            if source.kind == "html":
                raise CleanupError(
                    f"--in-place would replace the HTML page {source.display} with its text; "
                    "use --output-dir DIR"
                )


def _destination(options: FixOptions, source: Source, html_format: str = "text") -> Path | None:
    if options.in_place:
        return source.path
    if options.output:
        return options.output
    if options.output_dir:
        root = options.output_dir.resolve()
        relative = source.relative
        if source.kind == "html":  # the page's article, as text or Markdown
            relative = relative.with_suffix(".md" if html_format == "markdown" else ".txt")
        target = (root / relative).resolve()
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


def check(options: CheckOptions, settings: Settings) -> int:
    """Report every article as it is checked (streaming formats keep nothing of it but counts),
    then the statistics and the summary line; the exit code follows each article's gate."""
    from cleanup.gate import decision as gate
    from cleanup.report.tally import Tally
    from cleanup.report.text import summary

    started = time.monotonic()
    inputs = _inputs(options)
    sources = _with_stdin_name(files_of(inputs, settings), inputs)
    of_path = config_for(settings)

    def gate_of(config: Config) -> gate.Gate:
        fail_on = options.fail_on or config.fail_on
        min_score = options.min_score if options.min_score is not None else config.min_score
        return gate.Gate(fail_on, min_score, options.exit_zero)

    recording = options.write_baseline is not None
    # writing a baseline records every finding of today, known or not
    baseline = _baseline(options.baseline) if not recording else None
    first = gate_of(of_path(sources[0].path))
    shown = gate.Gate(first.fail_on, None, exit_zero=True) if recording else first
    stream = gate.Stream(options.format, shown)
    tally = Tally()
    entries: list[Any] = []
    errors: list[FileReport] = []
    failing = False
    with _report_output(options) as out:
        for outcome in _progress(outcomes(sources, settings, inputs), len(sources)):
            report = gate.finish(outcome)
            if recording:
                from cleanup.gate.baseline import entries as entries_of

                entries.extend(entries_of(report))
            elif baseline is not None:
                baseline.filter(report)
            failing = failing or gate.failing(report, gate_of(of_path(outcome.source.path)))
            if report.error is not None:
                errors.append(report)
            tally.add(report)
            out.write(stream.feed(report))
        out.write(stream.close())
    if recording:
        from cleanup.gate import baseline as baselines

        assert options.write_baseline is not None
        n = baselines.write(options.write_baseline, entries)
        err(f"{n} finding{'s' * (n != 1)} recorded in {options.write_baseline}")
    line = summary(tally, time.monotonic() - started)
    statistics = ""
    if options.statistics:
        from cleanup.report.statistics import render as render_statistics

        statistics = render_statistics(tally)
    if options.output is not None:
        sys.stdout.write(f"{statistics}{line} Report: {options.output} ({options.format}).\n")
    elif options.format == "text":
        sys.stdout.write(f"{statistics}{line}\n")
    else:
        err(statistics + line)  # stdout stays machine-readable
    if options.format != "text" or options.output is not None:
        for r in errors:
            err(f"cleanup: error: {r.path}: {r.error}")
    if errors:
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


def _progress(items: Iterator[Outcome], files: int) -> Iterator[Outcome]:
    """A progress bar on stderr when it is a terminal and not a CI log."""
    if not sys.stderr.isatty() or os.environ.get("CI") or os.environ.get("NO_PROGRESS"):
        return items
    from tqdm import tqdm

    return iter(tqdm(items, desc="cleanup", unit=" articles", leave=False, file=sys.stderr))


def review(options: ReviewOptions, config: Config) -> int:
    """Ask about each change (answers on stdin, prompts on stderr); write the accepted ones."""
    from cleanup.commands.review import Reviewer
    from cleanup.core.pipeline import process
    from cleanup.engines.local import load_document
    from cleanup.report.diff.unified import use_color
    from cleanup.stages import compile_rules

    source = Source(Path(options.path))
    if source.is_stdin:
        raise CleanupError("review reads its answers from stdin: name the article's file")
    if source.kind == "jsonl":
        raise CleanupError(f"{options.path}: review takes one article, not a JSONL corpus")
    output = options.output
    if output and output.exists() and source.path.exists() and output.samefile(source.path):
        raise CleanupError(f"-o {output} is the input file; write the reviewed text elsewhere")
    document = load_document(source, config)
    if config.date and not document.date:
        document.date = config.date
    compiled = compile_rules(config)
    expected = len(process(document, compiled).edits)

    def answer() -> str:
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line

    reviewer = Reviewer(
        config,
        answer,
        sys.stderr,
        color=use_color(sys.stderr),
        expected=expected,
        echo=not sys.stdin.isatty(),
        compiled=compiled,
    )
    result = reviewer.run(document)
    if output is None:
        sys.stdout.write(document.render(result.text))
    else:
        from cleanup.io.writers import atomic_write

        atomic_write(output, document.encode(result.text))
    changes = reviewer.offered
    err(
        f"{source.display}: {reviewer.accepted} of {changes} change{'s' * (changes != 1)} "
        f"applied, {len(result.flags)} flag{'s' * (len(result.flags) != 1)} to review"
    )
    return EXIT_OK
