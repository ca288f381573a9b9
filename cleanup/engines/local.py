"""The local engine: read each input, run the pipeline, yield outcomes in input order.

With ``jobs > 1`` articles are processed in a process pool; results are still yielded in input
order, and only a bounded window of them is in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleanup.core.document import Document
from cleanup.core.model import FileReport
from cleanup.core.pipeline import process
from cleanup.core.suppress import (
    SIDECAR_SUFFIX,
    Directive,
    Sidecar,
    apply,
    directives,
    edit_ranges,
    sidecar,
)
from cleanup.errors import CleanupError
from cleanup.io.cache import ResultCache, key
from cleanup.io.readers import Source, decode_document, read_bytes
from cleanup.rules.loader import load_rules
from cleanup.settings.config import Config

if TYPE_CHECKING:
    from cleanup.core.registry import CompiledRules
    from cleanup.stages import Compiler

ConfigFor = Callable[[Source], Config]
CHUNK = 16  # articles per task sent to a worker
WINDOW_PER_JOB = 4  # chunks in flight per worker: enough to keep each busy, few enough to stream


@dataclass
class Outcome:
    """One input after the pipeline: the report, and the document when it could be read."""

    source: Source
    report: FileReport
    document: Document | None = None


def default_jobs() -> int:
    return os.cpu_count() or 1


def load_document(source: Source, config: Config) -> Document:
    """The document a source holds, prepared for its kind (Markdown protection, HTML body)."""
    return _load(source, config)[0]


def _load(source: Source, config: Config) -> tuple[Document, list[Directive], Sidecar, bool]:
    """The document (with the ranges its suppressions keep from edits), its suppression
    comments and sidecar entries, and whether the comments' positions hold (not in HTML)."""
    if source.text is not None:
        document = Document.from_text(source.text, path=source.display)
    else:
        data = source.raw if source.raw is not None else read_bytes(source.path)
        document = decode_document(data, source.display)
    kind = source.kind
    found: list[Directive] = []
    positional = True
    if kind == "html":
        from cleanup.io.html import extract

        found, positional = directives(document.text), False
        body = extract(document.text, config.html_format, source.display)
        document = Document.from_text(body, source.display)
        if config.html_format == "markdown":
            kind = "markdown"
    if kind == "markdown":
        from cleanup.io.markdown import prepare

        prepare(document)
        if positional:
            found = directives(document.text)
    side = sidecar(source.path) if source.kind == "text" and not source.is_stdin else []
    document.suppressed = edit_ranges(document.text, found, side, positional=positional)
    return document, found, side, positional


def process_source(
    source: Source, config: Config, compiled: CompiledRules | None = None
) -> Outcome:
    """Read and process one input; a problem with it becomes the report's one-line error.
    ``compiled`` is ``config``'s compiled rules, which a run over many inputs builds once
    (:class:`cleanup.stages.Compiler`); without it they are compiled for this input.

    Unchanged articles come from the result cache. Suppressions keep their edits out of the
    pipeline (see Document.suppressed) and their findings out of the report."""
    if source.error is not None:
        return Outcome(source, FileReport(source.display, error=source.error))
    try:
        document, found, side, positional = _load(source, config)
    except CleanupError as exc:
        return Outcome(source, FileReport(source.display, error=str(exc)))
    if config.date and not document.date:
        document.date = config.date
    store = ResultCache.for_config(config)
    cache_key = key(document, config) if store.enabled else ""
    result = store.get(cache_key, document.text) if store.enabled else None
    if result is None:
        if compiled is None:
            from cleanup.stages import compile_rules

            compiled = compile_rules(config)
        result = process(document, compiled)
        store.put(cache_key, result)
    result, suppressed = apply(
        result,
        found,
        side,
        config,
        positional=positional,
        sidecar_name=str(source.path) + SIDECAR_SUFFIX,
    )
    report = FileReport(source.display, result, suppressed=suppressed)
    return Outcome(source, report, document)


# A pool worker's compiled rules, one set per configuration it meets, kept for the worker's life
# (set when the worker starts): the tasks it is sent carry only the configuration.
_worker_rules: Compiler | None = None


def _start_worker() -> None:
    from cleanup.stages import Compiler

    global _worker_rules
    _worker_rules = Compiler()


def _work_chunk(tasks: list[tuple[Source, Config]]) -> list[Outcome]:
    assert _worker_rules is not None, "a pool worker starts with _start_worker"
    return [process_source(source, config, _worker_rules(config)) for source, config in tasks]


def _chunks(
    tasks: Iterable[tuple[Source, Config]], size: int
) -> Iterator[list[tuple[Source, Config]]]:
    """Consecutive tasks in lists of ``size``; the first ones shorter (1, 2, ...), so that a
    handful of inputs still spreads over the workers instead of filling one chunk."""
    chunk: list[tuple[Source, Config]] = []
    limit, sent = 1, 0
    for task in tasks:
        chunk.append(task)
        if len(chunk) == limit:
            yield chunk
            sent += 1
            limit = min(size, 1 + sent // 2)
            chunk = []
    if chunk:
        yield chunk


def run(sources: Iterable[Source], config: Config | ConfigFor, jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order; ``config`` is one Config or a function giving each source's."""
    config_for: ConfigFor = config if callable(config) else (lambda _s: config)
    tasks = ((source, config_for(source)) for source in sources)
    if jobs <= 1:
        from cleanup.stages import Compiler

        compiled_for = Compiler()
        for source, source_config in tasks:
            yield process_source(source, source_config, compiled_for(source_config))
        return
    # fork: workers inherit the loaded rules instead of re-reading them
    load_rules()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker)
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        # articles go to workers in chunks: one article takes about as long as sending it
        for chunk in _chunks(tasks, CHUNK):
            pending.append(pool.submit(_work_chunk, chunk))
            if len(pending) >= jobs * WINDOW_PER_JOB:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
