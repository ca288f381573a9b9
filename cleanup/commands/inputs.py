"""Which articles a command reads, and their outcomes from the local engine or Ray.

Paths are walked for articles (globs from the command line and the nearest settings file), JSONL
corpora are expanded record by record, and each article goes through :mod:`cleanup.article` on
the chosen engine; outcomes come back in input order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cleanup.core.model import FileReport
from cleanup.errors import CleanupError, InputError
from cleanup.io.readers import Source, discover
from cleanup.settings.config import Config

if TYPE_CHECKING:
    from cleanup.article import Outcome


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
    source: str | None = None  # --source FILE: the one text input's source, paragraph by paragraph


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
    if inputs.source is not None:
        files = [with_source(files, Path(inputs.source))]
    return files


def with_source(files: list[Source], path: Path) -> Source:
    """The one plain-text or Markdown input, carrying ``path``'s text as its source; an
    :class:`InputError` unless both have as many paragraphs (they are aligned one to one)."""
    from dataclasses import replace

    from cleanup.core.document import TextView
    from cleanup.io.readers import decode_document, read_bytes, shown

    if len(files) != 1 or files[0].is_stdin or files[0].kind not in ("text", "markdown"):
        raise InputError("--source goes with one plain-text or Markdown file")
    target = files[0]
    source = decode_document(read_bytes(path), shown(path)).text
    counts = [
        len(TextView(text).paragraphs)
        for text in (decode_document(read_bytes(target.path), target.display).text, source)
    ]
    if counts[0] != counts[1]:
        raise InputError(
            f"{target.display} has {counts[0]} paragraphs and its source {shown(path)} has "
            f"{counts[1]}: --source needs the same paragraphs, separated by blank lines, in both"
        )
    return replace(target, source_text=source)


def articles(files: Iterable[Source], settings: Settings) -> Iterator[Source]:
    """One source per article: JSONL files are expanded record by record, lazily."""
    for source in files:
        if source.is_stdin:
            yield _stdin_source(source, config_for(settings)(source.path).max_size)
        elif source.kind == "jsonl" and source.error is None:
            from cleanup.io.jsonl import records  # here: text articles need neither it nor gzip

            config = config_for(settings)(source.path)
            yield from records(
                source, config.text_field, config.id_field, config.max_size, config.source_field
            )
        else:
            yield source


def _stdin_source(source: Source, limit: int) -> Source:
    from dataclasses import replace

    from cleanup.io.readers import too_big

    if source.kind == "jsonl":
        raise CleanupError("stdin is read as one article; name a JSONL corpus as a file")
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        return replace(source, error=too_big(limit))
    return replace(source, raw=data)


def outcomes(files: list[Source], settings: Settings, inputs: InputOptions) -> Iterator[Outcome]:
    """Each article's outcome in input order, from either engine; a JSONL corpus whose records
    lack the text field also gets one error of its own (see missing_text_once)."""
    of_path = config_for(settings)
    found = _outcomes(files, settings, inputs)
    return missing_text_once(found, lambda path: of_path(path).text_field)


def _outcomes(files: list[Source], settings: Settings, inputs: InputOptions) -> Iterator[Outcome]:
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

            session = get_session(
                None, config.cache_dir, config.use_cache, config.languagetool_timeout
            )
            url = session.client().url
            # workers key the cache and name the version as the local engine would
            session.cache.remember_version(url, session.version)
        configs = [replace(c, languagetool_url=url) for c in configs]
        yield from ray.run(files, configs, options)


def with_stdin_name(files: list[Source], inputs: InputOptions) -> list[Source]:
    from dataclasses import replace

    return [replace(f, name=inputs.stdin_filename) if f.is_stdin else f for f in files]


def missing_text_once(
    outcomes: Iterable[Outcome], text_field: Callable[[Path], str]
) -> Iterator[Outcome]:
    """``outcomes``, and after each corpus whose records lack the text field one error for all
    of them, naming the fields they have: a line per record would bury the answer (the name to
    give --text-field) under thousands of copies of the question. The records themselves still
    pass, so that ``fix`` copies them unchanged; reports skip them (``Source.lacks_text``)."""
    corpus: _Corpus | None = None
    for outcome in outcomes:
        source = outcome.source
        if corpus is not None and source.path != corpus.source.path:
            yield from corpus.error(text_field(corpus.source.path))
            corpus = None
        if source.line is not None:  # a record
            corpus = corpus or _Corpus(source)
            corpus.add(source)
        yield outcome
    if corpus is not None:
        yield from corpus.error(text_field(corpus.source.path))


@dataclass
class _Corpus:
    """What one corpus's records lacking the text field have in common; a few numbers only."""

    source: Source
    records: int = 0
    lacking: int = 0
    lines: list[int] = field(default_factory=list)  # the first few, to find them
    fields: dict[str, None] = field(default_factory=dict)  # in the order first seen

    def add(self, source: Source) -> None:
        self.records += 1
        if source.fields is not None:
            self.lacking += 1
            if len(self.lines) < _LINES:
                self.lines.append(source.line or 0)
            self.fields.update(dict.fromkeys(source.fields))

    def error(self, text_field: str) -> Iterator[Outcome]:
        n = self.lacking
        if not n:
            return
        where = f"{n} record{'s' * (n != 1)}"
        if n < self.records:  # only some: say which
            lines = ", ".join(map(str, self.lines)) + (", …" if n > len(self.lines) else "")
            where = f"{n} of {self.records} records (line{'s' * (n != 1)} {lines})"
        names = list(self.fields)
        present = ", ".join(names[:_FIELDS]) + (", …" if len(names) > _FIELDS else "")
        message = (
            f"no field {text_field!r} in {where}; fields present: {present or 'none'} "
            "— use --text-field"
        )
        source = Source(self.source.path, self.source.root, error=message)
        from cleanup.article import Outcome

        yield Outcome(source, FileReport(source.display, error=message))


_LINES, _FIELDS = 5, 12  # at most this many record lines and field names in a corpus's error
