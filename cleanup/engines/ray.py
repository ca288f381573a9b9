"""The Ray engine: the same outcomes as the local engine, computed by a pool of Ray actors.

Ray Data reads the input files in blocks (a JSONL corpus as blocks of raw lines, any other file
whole), a pool of stateful workers (:class:`Worker`: rules, gazetteers and the LanguageTool
connection loaded once per worker) turns each record into the very
:class:`~cleanup.article.Outcome` the local engine makes, by the same
:func:`~cleanup.article.process`, and the driver receives them in input order and
hands them to the same writers and reports. So ``fix`` output and ``check`` reports are
byte-identical to the local engine's by construction.

A record that fails (not UTF-8, not JSON, not readable, even a bug in a rule) becomes that
record's one-line error; the other records and the job go on. What stops the local engine (a
LanguageTool that cannot be reached) stops this one the same way, with the same line.

Ray is an optional extra (``pip install 'cleanup[ray]'``); without it, asking for the engine is
one :class:`~cleanup.errors.ServiceError` line.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import os
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from cleanup.article import Outcome, process
from cleanup.core.document import Document
from cleanup.core.model import FileReport
from cleanup.errors import CleanupError, InputError, ServiceError
from cleanup.io.readers import Source, kind_of
from cleanup.settings.config import Config

if TYPE_CHECKING:
    import pyarrow

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'cleanup[ray]'"
BLOCK_RECORDS = 256  # JSONL lines per block read: small enough to stream, large enough to batch
BATCH_RECORDS = 256  # records per call of a worker (20,000 segments: 17.6 s, against 29.8 s at 16)
# Bytes of input per block, so per task sent to a worker (about 1,700 segments or 100 articles).
# Ray Data's default, 128 MiB, merged a 6 MB JSONL corpus into one block: one worker
# did all the work and nothing came back before the end (20,000 segments: 250 records/s per
# worker, against 980 locally).
BLOCK_BYTES = 512 * 2**10
LOCAL_OBJECT_STORE = 512 * 2**20  # a local instance's object store: blocks of text stream through
FILE_ERROR = -1  # the ``line`` of a row that says a whole JSONL file could not be read
WHOLE_FILE = 0  # the ``line`` of a row that holds a whole (non-JSONL) file


def require_ray() -> Any:
    """The ``ray`` module, or one line saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise ServiceError(f"--engine ray needs Ray: {INSTALL_HINT}") from None
    return ray


@dataclass(frozen=True)
class RayOptions:
    """Where to run: a cluster's address (None: a local instance for this run) and how many
    workers (None: one per CPU of the cluster)."""

    address: str | None = None
    workers: int | None = None


@contextlib.contextmanager
def connected(options: RayOptions) -> Iterator[Any]:
    """Ray, joined to ``options.address`` or to a local instance started for the run and shut
    down after it. An instance this process already joined (a test's, a notebook's) is used as
    it is and left running."""
    ray = require_ray()
    if ray.is_initialized():
        yield ray
        return
    settings: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.WARNING,
        "configure_logging": False,
    }
    if options.address:
        settings["address"] = options.address
    else:
        settings.update(
            address="local", num_cpus=os.cpu_count() or 1, object_store_memory=LOCAL_OBJECT_STORE
        )
    try:
        ray.init(**settings)
    except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError...
        where = options.address or "a local instance"
        raise ServiceError(f"cannot start Ray ({where}): {_one_line(exc)}") from None
    try:
        yield ray
    finally:
        ray.shutdown()


def run(files: list[Source], configs: list[Config], options: RayOptions) -> Iterator[Outcome]:
    """Outcomes of every article in ``files`` (as :func:`cleanup.io.readers.discover` found
    them; ``configs`` holds each one's settings), in input order, computed on Ray.

    Files Ray cannot read (stdin, a missing or unreadable file) are done here by the local
    engine, which reports them as it always does, in their place.
    """
    with connected(options) as ray:
        log.debug("Ray %s: %s", ray.__version__, ray.cluster_resources())
        remote = [i for i, f in enumerate(files) if _readable(f)]
        rows = _rows(ray, files, remote, configs, options) if remote else iter(())
        pending = _Peekable(rows)
        wanted = set(remote)
        for index, source in enumerate(files):
            if index not in wanted:
                yield from _local(source, configs[index])
                continue
            while pending.peek() is not None and pending.peek()[0] == index:  # type: ignore[index]
                _, line, payload = next(pending)
                if line == FILE_ERROR:
                    raise InputError(f"{source.path}: cannot read: {payload.decode()}")
                outcome: Outcome | CleanupError = pickle.loads(payload)
                if isinstance(outcome, CleanupError):
                    raise outcome  # where the local engine would stop, with its line
                if line == WHOLE_FILE:
                    outcome.source = source
                yield outcome


def _readable(source: Source) -> bool:
    return not source.is_stdin and source.path.is_file() and os.access(source.path, os.R_OK)


def _local(source: Source, config: Config) -> Iterator[Outcome]:
    from cleanup.engines.local import run as run_local

    if source.is_stdin:
        import sys

        source = replace(source, raw=sys.stdin.buffer.read())
    yield from run_local([source], config)


def _rows(
    ray: Any, files: list[Source], remote: list[int], configs: list[Config], options: RayOptions
) -> Iterator[tuple[int, int, bytes]]:
    """(file index, line, pickled outcome or error) for the files Ray reads, in input order."""
    import ray.data

    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # outcomes come back in input order
    context.target_max_block_size = BLOCK_BYTES
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    # Ray Data warns that bars are off, and logs a failure's whole trace (-vv shows them)
    quiet = logging.DEBUG if log.isEnabledFor(logging.DEBUG) else logging.CRITICAL
    logging.getLogger("ray.data").setLevel(quiet)
    workers = options.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    paths = [os.path.abspath(files[i].path) for i in remote]
    # read tasks take no CPU of their own: with one worker per CPU they would never be scheduled
    dataset = ray.data.read_datasource(
        _corpus_datasource()(paths, [*remote]), num_cpus=0
    ).map_batches(
        # the run's files and configs travel with the worker class (pickled by value), so a
        # restarted worker has them without anything else kept in the object store
        type("RunWorker", (Worker,), {"files": files, "configs": configs}),
        batch_size=BATCH_RECORDS,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )
    try:
        for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
            for index, line, payload in zip(
                batch["file"], batch["line"], batch["outcome"], strict=True
            ):
                yield int(index), int(line), bytes(payload)
    except CleanupError:
        raise
    except Exception as exc:
        raise ServiceError(f"the Ray job failed: {_one_line(exc)}") from None


class Worker:
    """One worker of the pool: loads rules and gazetteers once, then turns batches of rows into
    pickled outcomes. With ``--grammar`` it keeps its own LanguageTool connection (the session
    module keeps one per process)."""

    files: list[Source]
    configs: list[Config]  # each file's

    def __init__(self) -> None:
        from cleanup.core.pipeline import process
        from cleanup.stages import Compiler

        self.compiled_for = Compiler()  # each configuration's rules, compiled once
        # load every rule file and gazetteer now, not in the first record's time
        for config in {id(c): c for c in self.configs}.values():
            process(
                Document.from_text("Warm-up text."),
                self.compiled_for(replace(config, grammar=False)),
            )

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        out = [
            self.one(int(index), int(line), bytes(raw))
            for index, line, raw in zip(batch["file"], batch["line"], batch["raw"], strict=True)
        ]
        return {"file": batch["file"], "line": batch["line"], "outcome": out}

    def one(self, index: int, line: int, raw: bytes) -> bytes:
        if line == FILE_ERROR:
            return raw
        source, config = self.files[index], self.configs[index]
        if line == WHOLE_FILE:
            source = replace(source, raw=raw)
        else:
            from cleanup.io.jsonl import parse_record

            source = parse_record(
                source, line, raw, config.text_field, config.id_field, config.source_field
            )
        try:
            outcome = process(source, config, self.compiled_for(config))
        except CleanupError as exc:  # LanguageTool unusable: the run stops, as locally
            return pickle.dumps(exc)
        except Exception as exc:  # a bug in one record must not stop the others
            error = f"internal error: {_one_line(exc)} (a bug; the local engine shows the trace)"
            outcome = Outcome(source, FileReport(source.display, error=error))
        if line == WHOLE_FILE:
            outcome.source = replace(source, raw=None)  # the driver has the path
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)


def _corpus_datasource() -> type:
    """The datasource class (defined on first use: its base class comes with Ray)."""
    from ray.data.datasource import FileBasedDatasource

    class CorpusDatasource(FileBasedDatasource):  # type: ignore[misc,unused-ignore]
        """Rows ``file, line, raw``: a JSONL file's lines as read (``line`` from 1), any other
        file whole (``line`` 0); ``file`` is the input's index in the run's list."""

        def __init__(self, paths: list[str], indexes: list[int]) -> None:
            super().__init__(paths)
            self.indexes: dict[str, int] = {}
            for path, index in zip(paths, indexes, strict=True):
                self.indexes.setdefault(path, index)

        def resolve_compression(self, path: str, open_args: dict[str, Any]) -> str | None:
            return None  # .jsonl.gz is gunzipped as the local engine does it, below

        def _read_stream(self, f: pyarrow.NativeFile, path: str) -> Iterator[Any]:
            index = self.indexes[os.path.abspath(path)]
            if kind_of(path) != "jsonl":
                yield _block([(index, WHOLE_FILE, f.readall())])
                return
            yield from _jsonl_blocks(f, path, index)

    return CorpusDatasource


def _jsonl_blocks(f: Any, path: str, index: int) -> Iterator[Any]:
    handle: Any = io.BufferedReader(f)
    if path.lower().endswith(".gz"):
        handle = gzip.GzipFile(fileobj=handle)
    rows: list[tuple[int, int, bytes]] = []
    try:
        for number, raw in enumerate(handle, start=1):
            rows.append((index, number, raw))
            if len(rows) >= BLOCK_RECORDS:
                yield _block(rows)
                rows = []
    except (OSError, EOFError) as exc:  # a truncated or corrupt .gz: as the local engine says it
        rows.append((index, FILE_ERROR, str(exc).encode()))
    if rows:
        yield _block(rows)


def _block(rows: list[tuple[int, int, bytes]]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "file": pa.array([r[0] for r in rows], pa.int64()),
            "line": pa.array([r[1] for r in rows], pa.int64()),
            "raw": pa.array([r[2] for r in rows], pa.binary()),
        }
    )


class _Peekable:
    def __init__(self, items: Iterator[tuple[int, int, bytes]]) -> None:
        self.items = items
        self.head: tuple[int, int, bytes] | None = None

    def peek(self) -> tuple[int, int, bytes] | None:
        if self.head is None:
            self.head = next(self.items, None)
        return self.head

    def __next__(self) -> tuple[int, int, bytes]:
        head = self.peek()
        if head is None:
            raise StopIteration
        self.head = None
        return head


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")
