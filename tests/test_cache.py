"""The result cache: unchanged articles are not processed again; any change is."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import article
from cleanup.core.model import Result
from cleanup.io.readers import Source
from cleanup.settings.config import Config
from tests.conftest import CliRun

TEXT = "He left the room. .. Then he returned.\n"


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = article.run_pipeline

    def process(document, config, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(document.text)
        return real(document, config, **kwargs)

    monkeypatch.setattr(article, "run_pipeline", process)
    return calls


def test_unchanged_article_comes_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting(monkeypatch)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    config = Config(cache_dir=str(tmp_path / "cache"))
    first = article.process(Source(path), config).report.result
    second = article.process(Source(path), config).report.result
    assert isinstance(first, Result) and isinstance(second, Result)
    assert second.findings == first.findings and second.text == first.text
    assert len(calls) == 1
    # a change of text or of settings is a new key
    path.write_text(TEXT + "More. .. Text.\n", encoding="utf-8")
    article.process(Source(path), config)
    article.process(Source(path), Config(cache_dir=config.cache_dir, ignore=("encoding",)))
    assert len(calls) == 3
    article.process(Source(path), Config(cache_dir=config.cache_dir, use_cache=False))
    assert len(calls) == 4


def test_cached_run_reports_the_same(run_cli: CliRun, tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / "corpus").mkdir(exist_ok=True)
        (tmp_path / "corpus" / f"{i}.txt").write_text(TEXT * (i + 1), encoding="utf-8")
    args = (
        "check",
        str(tmp_path / "corpus"),
        "--format",
        "json",
        "--cache-dir",
        str(tmp_path / "c"),
    )
    first = run_cli(*args)
    assert len(list((tmp_path / "c" / "results").rglob("*.json"))) == 5
    second = run_cli(*args)
    assert second.stdout == first.stdout and second.returncode == first.returncode == 1


def test_an_entry_keeps_every_field_of_the_result(tmp_path: Path) -> None:
    from cleanup.core.model import Finding, Fix, Severity
    from cleanup.io.cache import ResultCache

    original = "Kiev said. .. Lone \udc80 surrogate.\n"
    findings = [
        Finding(
            "punctuation/stray-dots",
            "fluency/punctuation",
            Severity.WARNING,
            10,
            13,
            " ..",
            "Stray dots",
            "",
            Fix.SAFE,
            "why",
            True,
        ),
        Finding(
            "names/fuzzy",
            "terminology",
            Severity.INFO,
            0,
            4,
            "Kiev",
            "Maybe Kyiv",
            "Kyiv",
            Fix.UNSAFE,
            "score 90",
        ),
        Finding("artifact/x", "style", Severity.ERROR, 19, 20, "\udc80", "Odd", None, None),
    ]
    result = Result(original, original.replace(" ..", ""), findings)
    cache = ResultCache(tmp_path)
    cache.put("ab" * 32, result)
    assert cache.get("ab" * 32, original) == result
    unchanged = Result(original, original, findings[1:])
    cache.put("cd" * 32, unchanged)
    assert cache.get("cd" * 32, original) == unchanged


def test_a_planted_entry_is_never_executed(tmp_path: Path) -> None:
    """Entries are data: a pickle that would run code when loaded is just an unreadable entry."""
    import os
    import pickle

    from cleanup.io.cache import ResultCache

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    cache = ResultCache(tmp_path)
    cache.put("ef" * 32, Result("a", "a", []))
    entry = next((tmp_path / "results").rglob("ef*.json"))
    entry.write_bytes(pickle.dumps(Payload()))
    assert cache.get("ef" * 32, "a") is None
    assert not marker.exists()


def test_store_docstring_examples_hold() -> None:
    import doctest

    import cleanup.io.store

    failed, attempted = doctest.testmod(cleanup.io.store)
    assert attempted and not failed
