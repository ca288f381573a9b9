"""A corpus of real MT news articles for the CI-gate tests, built from the shared MQM data: the
segments of one source document as translated by one system, in order, make one article."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

from tests.paths import SEED, SHARED

MQM = SHARED / "data" / "mqm-zhen-wmt23" / "units.jsonl.gz"


def articles(limit: int | None = None) -> list[tuple[str, str, str]]:
    """(doc, system, text) per article, sorted; paragraphs are the document's segments."""
    segments: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    with gzip.open(MQM, "rt", encoding="utf-8") as handle:
        for line in handle:
            unit = json.loads(line)
            segments[(unit["doc"], unit["system"])].append((unit["docSegId"], unit["target"]))
    out = []
    for (doc, system), parts in sorted(segments.items()):
        text = "\n\n".join(t.strip() for _, t in sorted(parts)) + "\n"
        out.append((doc, system, text))
    return out[:limit] if limit else out


def slug(doc: str, system: str) -> str:
    return f"{doc.replace(':', '_').replace('.', '_')}__{system.replace('.', '_')}"


def write_folder(dest: Path, limit: int | None = None, seed: bool = True) -> list[Path]:
    """One .txt file per article below ``dest`` (plus the seed article); the paths written."""
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc, system, text in articles(limit):
        path = dest / system.replace(".", "_") / f"{slug(doc, system)}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    if seed:
        path = dest / SEED.name
        path.write_bytes(SEED.read_bytes())
        paths.append(path)
    return paths


def write_jsonl(dest: Path, limit: int) -> list[dict[str, object]]:
    """A JSONL corpus of ``limit`` articles with extra fields around the text; the records."""
    records: list[dict[str, object]] = []
    for n, (doc, system, text) in enumerate(articles(limit)):
        records.append(
            {
                "id": f"{slug(doc, system)}",
                "system": system,
                "text": text,
                "n": n,
                "score": 1e3 if n % 2 else 0.5,
                "tags": ["news", {"lang": "en"}],
            }
        )
    with dest.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return records


def write_segments_jsonl(dest: Path, limit: int, broken: bool = True) -> int:
    """A JSONL corpus with one MQM segment per record (repeated past the 3,770 there are), every
    fifth with a stray " .." for `fix` to remove, plus, with ``broken``, one line that is not
    UTF-8 and one that is not JSON (reported per record, copied unchanged). The lines written."""
    with gzip.open(MQM, "rt", encoding="utf-8") as handle:
        units = [json.loads(line) for line in handle]
    lines = 0
    with dest.open("wb") as out:
        for n in range(limit):
            unit = units[n % len(units)]
            text = unit["target"] + (" .." if n % 5 == 0 else "")
            record = {"id": f"{unit['unit_id']}#{n}", "text": text, "system": unit["system"]}
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            lines += 1
            if broken and n == limit // 3:
                out.write(b'{"id": "latin-1", "text": "caf\xe9"}\n')
                out.write(b"{not json\n")
                lines += 2
    return lines
