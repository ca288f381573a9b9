"""The local engine: read each input, run the pipeline, yield outcomes in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cleanup.config import Config
from cleanup.document import Document
from cleanup.errors import CleanupError
from cleanup.io.readers import Source, read_document
from cleanup.model import FileReport
from cleanup.pipeline import process


@dataclass
class Outcome:
    """One input after the pipeline: the report, and the document when it could be read."""

    source: Source
    report: FileReport
    document: Document | None = None


def process_source(source: Source, config: Config) -> Outcome:
    """Read and process one input; a problem with it becomes the report's one-line error."""
    try:
        document = read_document(source.path)
    except CleanupError as exc:
        return Outcome(source, FileReport(source.display, error=str(exc)))
    if config.date and not document.date:
        document.date = config.date
    return Outcome(source, FileReport(source.display, process(document, config)), document)


def run(sources: Iterable[Source], config: Config) -> Iterator[Outcome]:
    for source in sources:
        yield process_source(source, config)
