"""One article, one way: decode → extract → suppress → cache → pipeline → outcome.

Every engine (the local pool, Ray) and every command that reads an article calls :func:`process`;
nothing else decides how an input becomes a report.

>>> from pathlib import Path
>>> from cleanup.io.readers import Source
>>> from cleanup.settings.config import Config
>>> outcome = process(Source(Path("a.txt"), text="He left. .. Then."), Config(use_cache=False))
>>> [(f.rule, f.applied) for f in outcome.report.result.findings], outcome.report.score
([('punctuation/stray-dots', True)], 66.7)
"""

from __future__ import annotations

from dataclasses import dataclass

from cleanup.core.document import Document
from cleanup.core.model import FileReport
from cleanup.core.pipeline import process as run_pipeline
from cleanup.core.registry import CompiledRules
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
from cleanup.gate.score import score, word_count
from cleanup.io.cache import ResultCache, key
from cleanup.io.readers import Source, decode_document, read_bytes
from cleanup.settings.config import Config
from cleanup.stages import compile_rules


@dataclass
class Outcome:
    """One input after the pipeline: the report, and the document when it could be read."""

    source: Source
    report: FileReport
    document: Document | None = None


def load_document(source: Source, config: Config) -> Document:
    """The document a source holds, prepared for its kind (Markdown protection, HTML body)."""
    return _load(source, config)[0]


def _load(source: Source, config: Config) -> tuple[Document, list[Directive], Sidecar, bool]:
    """The document (with the ranges its suppressions keep from edits), its suppression
    comments and sidecar entries, and whether the comments' positions hold (not in HTML)."""
    if source.text is not None:
        document = Document.from_text(source.text, path=source.display)
    elif source.kind == "xliff":  # the units' targets, their sources beside them
        from cleanup.io.xliff import read

        data = source.raw if source.raw is not None else read_bytes(source.path, config.max_size)
        article = read(data, source.display)
        document = Document.from_text(article.text, source.display)
        document.source, document.source_lang = article.source, article.source_lang
        document.container = data
    else:
        data = source.raw if source.raw is not None else read_bytes(source.path, config.max_size)
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
    if source.source_text is not None:
        document.source = source.source_text
        document.source_lang = source.source_lang or config.source_lang
    elif document.source is not None and config.source_lang:
        document.source_lang = config.source_lang
    side = sidecar(source.path) if source.kind == "text" and not source.is_stdin else []
    document.suppressed = edit_ranges(document.text, found, side, positional=positional)
    return document, found, side, positional


def process(source: Source, config: Config, compiled: CompiledRules | None = None) -> Outcome:
    """Read and process one input; a problem with it becomes the report's one-line error.

    Unchanged articles come from the result cache. Suppressions keep their edits out of the
    pipeline (see Document.suppressed) and their findings out of the report; the score counts
    what is left (applied fixes too: it describes the article as it arrived). ``compiled`` is
    ``config``'s compiled rules, which a run over many articles builds once
    (:class:`cleanup.stages.Compiler`); without it they are compiled for this article."""
    if source.error is not None:
        return Outcome(source, FileReport(source.display, error=source.error))
    try:
        document, found, side, positional = _load(source, config)
    except CleanupError as exc:
        # the report names the input: its error need not ("a.txt: no such file" → "no such file")
        error = str(exc).removeprefix(f"{source.display}: ")
        return Outcome(source, FileReport(source.display, error=error))
    if config.date and not document.date:
        document.date = config.date
    store = ResultCache.for_config(config)
    cache_key = key(document, config) if store.enabled else ""
    result = store.get(cache_key, document.text) if store.enabled else None
    if result is None:
        result = run_pipeline(document, compiled or compile_rules(config))
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
    if source.line is not None:  # a JSONL record: its corpus file and line there
        report.file, report.line = str(source.path), source.line
    report.words = word_count(result.original)
    report.score = score(result.findings, report.words)
    return Outcome(source, report, document)
