"""The local engine: each input through :func:`cleanup.article.process`, outcomes in input order.

With ``jobs > 1`` articles are processed in a process pool; results are still yielded in input
order, and only a bounded window of them is in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from cleanup.article import Outcome, process
from cleanup.core.document import Document
from cleanup.core.pipeline import process as run_pipeline
from cleanup.io.readers import Source
from cleanup.settings.config import Config
from cleanup.stages import Compiler

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

ConfigFor = Callable[[Source], Config]
CHUNK = 16  # articles per task sent to a worker
WINDOW_PER_JOB = 4  # chunks in flight per worker: enough to keep each busy, few enough to stream


def default_jobs() -> int:
    return os.cpu_count() or 1


# A pool worker's compiled rules, one set per configuration it meets, kept for the worker's life
# (set when the worker starts): the tasks it is sent carry only the configuration.
_worker_rules: Compiler | None = None
# Signals the parent handles (Ctrl-C, and SIGTERM, which ends a run the same way).
_STOPPING = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)
# Loads what the stages load on first use (gazetteer, patterns, the language screen's model):
# English, with a sentence the language screen looks at, none that would make lingua load, a
# role with its country (the names stage's role pass compiles its pattern and imports rapidfuzz
# only then: 10 ms in every worker otherwise), a character past ASCII (ftfy, the code pages and
# the BMP's run patterns: 50 ms) and an -ize word (its patterns: 4 ms).
WARM_UP = (
    "Russian Foreign Minister Sergei Lavrov visited Beijing, Tokyo, Seoul and Hanoi on Monday "
    "to organize talks – his first trip.\n"
)


def _worker_start(compiled_for: Compiler) -> None:
    """In each pool worker: the parent's compiled rules, already warm (see _worker_rules); Ctrl-C
    and SIGTERM are the parent's to handle (it stops the workers when the run ends, however it
    ends), and on Linux a worker dies with the parent even when that is killed outright
    (SIGKILL), instead of waiting for tasks forever."""
    global _worker_rules
    _worker_rules = compiled_for
    for number in _STOPPING:
        signal.signal(number, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # forked with them held (see _held): ignored now
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
    if os.name == "posix" and os.uname().sysname == "Linux":
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


@contextlib.contextmanager
def _held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait while the workers are forked, and arrive after.

    os.fork() runs Python's at-fork handlers (threading, logging, random), and CPython reports an
    exception raised in one as "unraisable" and drops it: a KeyboardInterrupt that the signal
    handler raised there was lost, and the run went on (tests/test_reliability.py caught it when
    the parent warmed up before forking, which put the fork right after the first article was
    written, when the test sends Ctrl-C). A held signal is delivered when the mask is restored, in
    ordinary code. The workers inherit the mask and lift it once they ignore both signals.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _warm(compiled_for: Compiler, config: Config) -> None:
    """Load in the parent what each worker would otherwise load again after the fork (forked
    memory is shared copy-on-write). No grammar: it would start LanguageTool here."""
    quiet = dataclasses.replace(config, grammar=False)
    run_pipeline(Document.from_text(WARM_UP), compiled_for(quiet))
    compiled_for(config)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers at once (a run that is interrupted does not wait for their chunks)."""
    workers = list(getattr(pool, "_processes", {}).values())
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(5)


def _work_chunk(tasks: list[tuple[Source, Config]]) -> list[Outcome]:
    assert _worker_rules is not None, "a pool worker starts with _worker_start"
    return [process(source, config, _worker_rules(config)) for source, config in tasks]


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
        compiled_for = Compiler()
        for source, source_config in tasks:
            yield process(source, source_config, compiled_for(source_config))
        return
    tasks = iter(tasks)
    first = next(tasks, None)
    if first is None:
        return
    # imported here: a run of one article or -j 1 (the start-up a user waits for) forks no pool
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: the workers inherit the rules, gazetteer and models loaded here, once for all
    compiled_for = Compiler()
    _warm(compiled_for, first[1])
    methods = multiprocessing.get_all_start_methods()
    forking = "fork" in methods
    context = multiprocessing.get_context("fork" if forking else None)
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_worker_start,
        initargs=(compiled_for if forking else Compiler(),),  # spawned workers start cold
    )
    pending: deque[Future[list[Outcome]]] = deque()
    # articles go to workers in chunks: one article takes about as long as sending it
    chunks = _chunks(itertools.chain([first], tasks), CHUNK)
    try:
        with _held():  # the first task forks the workers (all of them, with "fork")
            pending.append(pool.submit(_work_chunk, next(chunks)))
        for chunk in chunks:
            pending.append(pool.submit(_work_chunk, chunk))
            if len(pending) >= jobs * WINDOW_PER_JOB:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BaseException:  # Ctrl-C, SIGTERM, an error, or the consumer stopped early
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
