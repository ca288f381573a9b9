"""JSONL corpora: one article per record, read as a stream and written back record for record.

Reading yields one :class:`~cleanup.io.readers.Source` per line, in order; a line that is not a
JSON object with a string text field becomes a Source with an ``error`` ("file:line: what is
wrong") so it is reported in place and copied to the output unchanged, never dropped. Records
without the text field are copied the same way but reported once per corpus (a wrong
``--text-field`` would otherwise be one line per record).

Writing replaces only the text field's value inside the line as read, so every other field keeps
its key order, spelling and number formatting exactly:

>>> patch_text_field(b'{"id": 7, "text": "He left. ..", "score": 1e3}', "text", "He left.")
b'{"id": 7, "text": "He left.", "score": 1e3}'
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cleanup.errors import InputError
from cleanup.io.readers import DEFAULT_MAX_SIZE, Source, shown, too_big

if TYPE_CHECKING:
    pass

_DECODER = json.JSONDecoder()
_SURROGATE = re.compile("[\ud800-\udfff]")
_WS = " \t\n\r"


def open_binary(path: Path, mode: str = "rb") -> IO[bytes]:
    """The file, gunzipped/gzipped transparently when its name ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, mode)  # type: ignore[return-value]
    return open(path, mode)  # the caller closes it


def records(
    source: Source,
    text_field: str = "text",
    id_field: str = "id",
    max_size: int = DEFAULT_MAX_SIZE,
    source_field: str | None = None,
) -> Iterator[Source]:
    """One Source per line of the JSONL file ``source`` names; memory stays one line deep, and
    a line is at most ``max_size`` bytes (a longer one is that record's error, without ``raw``:
    it is not kept, so it cannot be copied either)."""
    path = source.path
    try:
        handle = open_binary(path)
    except FileNotFoundError:  # this corpus's one error, as for any input: the others are read
        yield replace(source, error="no such file")
        return
    except OSError as exc:
        yield replace(source, error=f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        try:
            for number, raw in enumerate(_lines(handle, max_size), start=1):
                if raw is None:
                    error = f"line {too_big(max_size)}"
                    yield Source(source.path, source.root, line=number, error=error)
                    continue
                yield parse_record(source, number, raw, text_field, id_field, source_field)
        except (OSError, EOFError) as exc:  # a truncated or corrupt .gz
            raise InputError(f"{shown(path)}: cannot read: {exc}") from None


def _lines(handle: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Each line of ``handle``, or None for one longer than ``limit`` bytes (read past, never
    held whole)."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):  # at most limit bytes and its newline
            yield line
            continue
        while not line.endswith(b"\n"):  # the rest of the long line, a piece at a time
            line = handle.readline(1 << 20)
            if not line:
                break
        yield None


def parse_record(
    source: Source,
    number: int,
    raw: bytes,
    text_field: str = "text",
    id_field: str = "id",
    source_field: str | None = None,
) -> Source:
    """The article on line ``number`` of the JSONL file ``source``, or a Source with its error.
    With ``source_field``, the record's source text (and its ``source_lang`` or ``src_lang``)
    comes along; null there means no source for this record."""

    def broken(problem: str, fields: tuple[str, ...] | None = None) -> Source:
        return Source(source.path, source.root, line=number, raw=raw, error=problem, fields=fields)

    if not raw.strip():
        return broken("empty line")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return broken(f"not UTF-8 (byte {exc.start + 1})")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return broken(f"not JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return broken("not JSON this tool can read: nested too deeply")
    if not isinstance(obj, dict):
        return broken(f"{_json_type(obj)}, not an object")
    if text_field not in obj:
        return broken(f"no field {text_field!r}", tuple(obj))
    text = obj[text_field]
    # null is how exporters (pandas, SQL dumps) write a missing value: the field is the right one,
    # the record has no article. As empty text it has nothing to flag, and `fix` copies it as read
    # (null stays null); as an error, a corpus with a few empty rows would fail every run.
    if text is None:
        text = ""
    if not isinstance(text, str):
        return broken(f"field {text_field!r} is {_json_type(text)}, not a string")
    lone = _SURROGATE.search(text)
    if lone is not None:
        # valid JSON, but not Unicode text: no output could hold it but an escape, and a fix
        # around it could not be written back; the line is copied as read
        return broken(
            f"field {text_field!r} holds a lone surrogate "
            f"{lone[0].encode('utf-8', 'backslashreplace').decode()} at character "
            f"{lone.start() + 1}: not Unicode text; copied unchanged"
        )
    ident = obj.get(id_field)
    scalar = ident is not None and not isinstance(ident, dict | list)
    # an id is shown in every report: a lone surrogate in it as its escape (\udfff)
    record = shown(str(ident)) if scalar else f"L{number}"
    original, language = None, None
    if source_field is not None:
        if source_field not in obj:
            return broken(f"no source field {source_field!r}")
        original = obj[source_field]
        if original is not None and not isinstance(original, str):
            return broken(f"field {source_field!r} is {_json_type(original)}, not a string")
        found = obj.get("source_lang", obj.get("src_lang"))
        language = found if isinstance(found, str) and found else None
    return Source(
        source.path,
        source.root,
        record=record,
        line=number,
        text=text,
        raw=raw,
        source_text=original,
        source_lang=language,
    )


def _json_type(value: object) -> str:
    """What a JSON value is, in JSON's words ("an array", not "a list")."""
    names = {bool: "a boolean", int: "a number", float: "a number", list: "an array"}
    names |= {dict: "an object", str: "a string"}
    return names.get(type(value), "null")


def patch_text_field(raw: bytes, field: str, text: str) -> bytes:
    """``raw`` (one JSON object) with the value of top-level ``field`` replaced by ``text``.

    Only the value's bytes change; a value that was written with ``\\u00e9``-style escapes only is
    written that way again.
    """
    line = raw.decode("utf-8")
    start, end = _value_span(line, field)
    old = line[start:end]
    ascii_only = old.isascii() and not json.loads(old).isascii()
    new = json.dumps(text, ensure_ascii=ascii_only)
    return (line[:start] + new + line[end:]).encode("utf-8")


def _value_span(line: str, field: str) -> tuple[int, int]:
    """Offsets of the value of the top-level key ``field`` (the last one, as ``json`` keeps)."""
    i = _skip(line, 0)
    if line[i] != "{":
        raise ValueError("not a JSON object")
    i = _skip(line, i + 1)
    found: tuple[int, int] | None = None
    while line[i] != "}":
        key, i = scanstring(line, i + 1)
        i = _skip(line, i)
        i = _skip(line, i + 1)  # past ':'
        _value: Any
        _value, end = _DECODER.raw_decode(line, i)
        if key == field:
            found = (i, end)
        i = _skip(line, end)
        if line[i] == ",":
            i = _skip(line, i + 1)
    if found is None:
        raise KeyError(field)
    return found


def _skip(line: str, i: int) -> int:
    while i < len(line) and line[i] in _WS:
        i += 1
    return i


class JsonlWriter:
    """Writes one JSONL output as records arrive in input order (gzip when the name says so)."""

    def __init__(self, handle: IO[bytes], text_field: str) -> None:
        self.handle = handle
        self.text_field = text_field

    def write(self, source: Source, text: str | None) -> None:
        """The record's line as read, with its text field set to ``text`` when it changed."""
        raw = source.raw or b""
        if text is not None and text != source.text:
            newline = raw[len(raw.rstrip(b"\r\n")) :]
            raw = patch_text_field(raw.rstrip(b"\r\n"), self.text_field, text) + newline
        self.handle.write(raw)


@contextlib.contextmanager
def gzip_if(handle: IO[bytes], name: str) -> Iterator[IO[bytes]]:
    """Wrap ``handle`` in gzip compression when ``name`` ends in ``.gz``."""
    if name.lower().endswith(".gz"):
        with gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as zipped:
            yield zipped  # type: ignore[misc]
    else:
        yield handle
