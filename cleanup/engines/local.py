"""The local engine: each input through :func:`cleanup.article.process`, outcomes in input order.

With ``jobs > 1`` articles are processed in a process pool; results are still yielded in input
order, and only a bounded window of them is in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from cleanup.article import Outcome, process
from cleanup.io.readers import Source
from cleanup.rules.loader import load_rules
from cleanup.settings.config import Config
from cleanup.stages import Compiler

ConfigFor = Callable[[Source], Config]
CHUNK = 16  # articles per task sent to a worker
WINDOW_PER_JOB = 4  # chunks in flight per worker: enough to keep each busy, few enough to stream


def default_jobs() -> int:
    return os.cpu_count() or 1


# A pool worker's compiled rules, one set per configuration it meets, kept for the worker's life
# (set when the worker starts): the tasks it is sent carry only the configuration.
_worker_rules: Compiler | None = None


def _worker_start() -> None:
    """In each pool worker: its compiled rules (see _worker_rules); Ctrl-C and SIGTERM are the
    parent's to handle (it stops the workers when the run ends, however it ends), and on Linux a
    worker dies with the parent even when that is killed outright (SIGKILL), instead of waiting
    for tasks forever."""
    import signal

    global _worker_rules
    _worker_rules = Compiler()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if os.name == "posix" and os.uname().sysname == "Linux":
        import contextlib
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


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
    # fork: workers inherit the loaded rules instead of re-reading them
    load_rules()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_start)
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        # articles go to workers in chunks: one article takes about as long as sending it
        for chunk in _chunks(tasks, CHUNK):
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
