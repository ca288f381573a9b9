"""`cleanup fix`: write corrected articles (stdout, a file, a folder, in place or JSONL), diffs
and review pages; one summary line at the end."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from cleanup.commands.common import err, error_line, gazetteer_note
from cleanup.commands.inputs import (
    InputOptions,
    Settings,
    config_for,
    files_of,
    outcomes,
    with_stdin_name,
)
from cleanup.core.model import FileReport
from cleanup.errors import EXIT_ERROR, EXIT_OK, CleanupError, InputError, ServiceError
from cleanup.io.readers import Source
from cleanup.settings.config import Config

if TYPE_CHECKING:
    from cleanup.article import Outcome
    from cleanup.io.jsonl import JsonlWriter

log = logging.getLogger("cleanup")


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
    quiet: bool = False  # -q: no summary on stderr
    diff_format: str = "unified"  # with diff: unified, or words (one line per change, its rules)
    # `cleanup review` over several articles: asks about each article's changes (its result
    # becomes what the reviewer accepted) before the article is written
    review: Callable[[Outcome], None] | None = None


def fix(options: FixOptions, settings: Settings) -> int:
    """Fix every article, then one summary line on stderr (each article's own line with -v)."""
    from cleanup.report.text import counted

    started = time.monotonic()
    inputs = options.inputs or InputOptions(options.paths)
    sources = with_stdin_name(files_of(inputs, settings), inputs)
    _check_fix_destination(options, sources)
    of_path = config_for(settings)
    _check_overwrites(options, sources, of_path)
    if sources:
        gazetteer_note(of_path(sources[0].path), options.quiet)
    status = EXIT_OK
    articles = fixes = flags = unreadable = 0
    stopped: ServiceError | None = None
    try:
        # a corpus being written when LanguageTool fails is not written (JsonlOutputs)
        with JsonlOutputs(options, of_path) as corpora:
            for outcome in outcomes(sources, settings, inputs):
                if options.review is not None:
                    options.review(outcome)
                if outcome.source.kind == "jsonl" and not options.diff:
                    corpora.write(outcome)  # broken lines too: copied unchanged, never dropped
                if outcome.source.lacks_text:
                    continue  # its corpus's one error line follows the corpus
                status = max(status, _fix_one(options, outcome, of_path(outcome.source.path)))
                result = outcome.report.result
                articles += 1
                unreadable += outcome.report.error is not None
                fixes += len(result.edits) if result else 0
                flags += len(result.flags) if result else 0
    except ServiceError as exc:  # LanguageTool died mid-run: the articles done so far are written
        if not articles:
            raise  # it could not be had at all: the one line says why
        stopped = exc
        status = EXIT_ERROR
    if corpora.failed:  # a corpus not written (its backup exists, a record too long to copy)
        status = EXIT_ERROR
    parts = [counted(articles, "article"), counted(fixes, "fix", "fixes"), counted(flags, "flag")]
    parts += [f"{unreadable} unreadable"] if unreadable else []
    if not options.quiet:
        err(f"cleanup: {', '.join(parts)} in {time.monotonic() - started:.1f}s")
    if stopped is not None:
        done = counted(articles, "article")
        err(f"cleanup: error: {stopped}; the run stopped there, after {done}")
    return status


def _fix_one(options: FixOptions, outcome: Outcome, config: Config) -> int:
    report, document = outcome.report, outcome.document
    if report.error is not None or report.result is None or document is None:
        err(error_line(report))
        return EXIT_ERROR
    result = report.result
    _explain(report)
    _write_review_page(options, outcome)
    if options.diff:
        from cleanup.report.diff.unified import for_stream, use_color
        from cleanup.report.diff.words import words

        if options.diff_format == "words":
            sys.stdout.write(words(report.path, result, color=use_color(sys.stdout)))
        else:
            sys.stdout.write(for_stream(sys.stdout, report.path, result.original, result.text))
    if outcome.source.kind == "jsonl":
        return EXIT_OK
    destination = _destination(options, outcome.source, config.html_format)
    try:
        data = output_bytes(outcome, result.text)
    except CleanupError as exc:
        err(f"cleanup: error: {report.path}: {exc}")
        return EXIT_ERROR
    if destination is None:
        if not options.diff and document.container is None:
            sys.stdout.write(document.render(result.text))
        elif not options.diff:  # the file's own bytes, in its declared encoding
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        return EXIT_OK
    if options.in_place and not result.changed:
        return EXIT_OK  # in place and unchanged: leave the file (and its mtime) alone
    from cleanup.io.readers import shown
    from cleanup.io.writers import BackupExists, atomic_write

    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(
            destination,
            data,
            backup_suffix=options.backup,
            keep_links=options.in_place,
        )
    except BackupExists as exc:
        err(f"cleanup: error: {report.path}: not written: {_backup_exists(exc)}")
        return EXIT_ERROR
    except OSError as exc:
        err(f"cleanup: error: {shown(destination)}: cannot write: {exc.strerror or exc}")
        return EXIT_ERROR
    return EXIT_OK


def _backup_exists(exc: BaseException) -> str:
    from cleanup.io.readers import shown

    where = str(exc).removesuffix(" already exists")
    return (
        f"the backup {shown(where)} already exists and is not replaced (move it away, or choose "
        "another --backup suffix)"
    )


class JsonlOutputs:
    """Where fixed JSONL corpora go: one output per input file, written as records arrive."""

    def __init__(self, options: FixOptions, config: Callable[[Path], Config]) -> None:
        self.options, self.config_for = options, config
        self.current: Path | None = None
        self.stack: contextlib.ExitStack | None = None
        self.writer: JsonlWriter | None = None
        self.lost: int | None = None  # the line of a record that cannot be copied (too long)
        self.failed = False  # some corpus was not written

    def __enter__(self) -> JsonlOutputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close(failed=exc[0] is not None)

    def write(self, outcome: Outcome) -> None:
        source = outcome.source
        if source.line is None:
            return  # not a record but the corpus's own error (it cannot be opened): no output
        if source.path != self.current:
            self._close(failed=False)
            self._open(source)
        if self.writer is None:
            return  # this corpus is not written (its backup exists)
        if source.raw is None:  # not kept (longer than --max-size): the output would lose it
            self.lost = self.lost or source.line
            return
        result = outcome.report.result
        self.writer.write(source, result.text if result is not None else None)

    def _open(self, source: Source) -> None:
        from cleanup.io.jsonl import JsonlWriter, gzip_if
        from cleanup.io.writers import BackupExists, atomic_writer

        self.current = source.path
        self.stack = contextlib.ExitStack()
        config = self.config_for(source.path)
        destination = _destination(self.options, source, config.html_format)
        if destination is None:
            handle: IO[bytes] = sys.stdout.buffer
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                handle = self.stack.enter_context(
                    atomic_writer(
                        destination,
                        backup_suffix=self.options.backup,
                        keep_links=self.options.in_place,
                    )
                )
            except BackupExists as exc:
                err(f"cleanup: error: {source.display}: not written: {_backup_exists(exc)}")
                self.failed = True
                self.stack = None
                return
        handle = self.stack.enter_context(gzip_if(handle, str(destination or "")))
        self.writer = JsonlWriter(handle, config.text_field)

    def _close(self, failed: bool) -> None:
        from cleanup.io.readers import shown
        from cleanup.io.writers import BackupExists

        lost, self.lost = self.lost, None
        if self.stack is not None and lost is not None and self.current is not None:
            failed = True
            if _destination(self.options, Source(self.current)) is not None:
                err(
                    f"cleanup: error: {shown(self.current)}: not written: line {lost} is larger "
                    "than --max-size and could not be copied"
                )
                self.failed = True
        if self.stack is not None:
            try:
                if failed:  # an interrupted corpus must not replace the original
                    self.stack.__exit__(RuntimeError, RuntimeError("interrupted"), None)
                else:
                    self.stack.close()
            except BackupExists as exc:  # made between the start and the end of the corpus
                where = shown(self.current or "")
                err(f"cleanup: error: {where}: not written: {_backup_exists(exc)}")
                self.failed = True
        self.stack, self.writer, self.current = None, None, None


def _write_review_page(options: FixOptions, outcome: Outcome) -> None:
    """With --html/--html-dir: the HTML review page of one article (see cleanup.report.html)."""
    if options.html is None and options.html_dir is None:
        return
    from cleanup.io.writers import atomic_write
    from cleanup.report.html.page import render

    assert outcome.report.result is not None
    source = outcome.source
    page = _page(options, source)
    if page.exists() and not source.is_stdin and page.samefile(source.path):
        raise CleanupError(f"--html {page} is the input file")
    page.parent.mkdir(parents=True, exist_ok=True)
    document = outcome.document
    original = document.source if document is not None else None
    lang = None
    if original is not None:  # the source beside each paragraph, in its language's glyphs
        from cleanup.stages.source import detect_language

        assert document is not None
        lang = document.source_lang or detect_language(original)
    html = render(outcome.report.path, outcome.report.result, original, lang)
    atomic_write(page, html.encode("utf-8"))


def _page(options: FixOptions, source: Source) -> Path:
    """Where the review page of ``source`` goes (--html FILE, or below --html-dir)."""
    if options.html is not None:
        return options.html
    assert options.html_dir is not None
    root = options.html_dir.resolve()
    relative = source.relative
    name = Path(source.name).name if source.is_stdin and source.name else relative.name
    if source.record is not None:  # one page per record of a JSONL corpus
        name += f".{source.line}-{re.sub(r'[^A-Za-z0-9_-]', '_', source.record)[:60]}"
    page = (root / relative.with_name(name + ".html")).resolve()
    if not page.is_relative_to(root):
        raise InputError(f"{source.display}: would be written outside {root}")
    return page


def _check_overwrites(
    options: FixOptions, sources: list[Source], of_path: Callable[[Path], Config]
) -> None:
    """Before anything is written: --output-dir must not be where the inputs are (that is
    --in-place), and no two inputs may be written to one file (d1/a.txt and d2/a.txt, or a.html
    and a.txt, which both become a.txt), nor their review pages to one page: each collision is
    one line, then the run stops with nothing written."""
    from cleanup.io.readers import shown

    if options.output_dir is None and options.html_dir is None:
        return
    outputs: dict[Path, list[Source]] = {}
    for source in sources:
        if source.error is not None:
            continue
        try:
            if options.output_dir is not None:
                target = _destination(options, source, of_path(source.path).html_format)
                assert target is not None
                if not source.is_stdin and _rewrites(options.output_dir, target, source):
                    raise CleanupError(
                        f"--output-dir {shown(options.output_dir)} would rewrite the input "
                        f"{source.display}; use --in-place to rewrite the inputs"
                    )
                outputs.setdefault(target, []).append(source)
            if options.html_dir is not None and source.kind != "jsonl":
                outputs.setdefault(_page(options, source), []).append(source)
        except InputError:
            continue  # written outside the folder: that input's own error, when it comes
    collisions = {target: found for target, found in outputs.items() if len(found) > 1}
    for target, found in collisions.items():
        err(
            f"cleanup: error: {shown(target)} would be written from each of "
            + ", ".join(s.display for s in found)
        )
    if collisions:
        n = len(collisions)
        raise CleanupError(
            f"{n} output file{'s' * (n != 1)} would be written from several inputs, one result "
            "replacing another; nothing was written (name the inputs apart, or fix them in "
            "separate runs)"
        )


def _rewrites(output_dir: Path, target: Path, source: Source) -> bool:
    """Whether writing ``target`` below ``output_dir`` would replace the input itself, or write
    into the folder it was found in."""
    if source.root is not None and output_dir.resolve() == source.root.resolve():
        return True
    if os.path.realpath(target) == os.path.realpath(source.path):
        return True
    return target.exists() and source.path.exists() and target.samefile(source.path)


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


def output_bytes(outcome: Outcome, text: str) -> bytes:
    """The bytes a fixed article is written as: the text in the input's encoding, or, for a
    container such as XLIFF, the file as read with the corrected targets."""
    document = outcome.document
    assert document is not None
    if document.container is not None:
        from cleanup.io.xliff import write

        return write(document.container, text)
    return document.encode(text)


def _destination(options: FixOptions, source: Source, html_format: str = "text") -> Path | None:
    if options.in_place:
        # a symlink's target is what is edited (as editors do), not the link replaced by a file
        return Path(os.path.realpath(source.path))
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
    """With -v, say on stderr what was changed and why: each edit, then the article's counts."""
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
        from cleanup.report.text import counted

        log.info(
            "%s: %s applied, %s to review (`cleanup check` lists them)",
            report.path,
            counted(len(edits), "fix", "fixes"),
            counted(len(flags), "flag"),
        )
