"""Large and ambiguous gazetteers (issue 17, section 4): a form two entries claim is flagged with
every candidate and never fixed, not a fatal error; a large index is cached compiled, by content;
`--gazetteer` adds to the settings file's list."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.gazetteer import compiled
from cleanup.gazetteer.index import Gazetteer, load
from cleanup.gazetteer.matching import match
from tests.conftest import CliRun

# "Oleg Sidorof" is corrected to two entries; "Ivan Petrova" is one entry's name and another's
# misspelling: both are collisions (2), and neither is ever fixed.
CLAIMED = """\
entries:
  - {name: Oleg Sidorov, wrong: [Oleg Sidorof]}
  - {name: Oleg Sidorkin, wrong: [Oleg Sidorof]}
  - {name: Ivan Petrova}
  - {name: Ivan Petrov, wrong: [Ivan Petrova]}
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_claimed_form_is_flagged_with_every_candidate_never_fixed(tmp_path: Path) -> None:
    g = load((str(write(tmp_path / "claimed.yaml", CLAIMED)),), use_cache=False)
    assert g.collisions == 2
    text = "Oleg Sidorof met Ivan Petrova in Minsk."
    found = {text[m.start : m.end]: m for m in match(g, text)}
    assert set(found) == {"Oleg Sidorof", "Ivan Petrova"}
    assert all(m.replacement is None and not m.confident for m in found.values())
    assert "Oleg Sidorkin or Oleg Sidorov" in found["Oleg Sidorof"].reason
    assert "Ivan Petrov" in found["Ivan Petrova"].reason
    assert "Ivan Petrova" in found["Ivan Petrova"].reason


def test_run_with_collisions_exits_normally_with_one_warning(
    run_cli: CliRun, tmp_path: Path
) -> None:
    claimed = write(tmp_path / "claimed.yaml", CLAIMED)
    article = write(tmp_path / "a.txt", "Oleg Sidorof spoke. Later, Ivan Petrova spoke.\n")
    args = ("--gazetteer", str(claimed), "--cache-dir", str(tmp_path / "cache"))
    result = run_cli("check", str(article), *args)
    assert result.returncode == 1, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "2 gazetteer forms are claimed by two entries" in warnings[0]
    fixed = run_cli("fix", str(article), *args)
    assert fixed.returncode == 0 and fixed.stdout == article.read_text(encoding="utf-8")
    listed = run_cli("gazetteer", "check", str(claimed))
    assert listed.returncode == 1
    assert "(2 collisions, 0 duplicates)" in listed.stderr
    assert "'Oleg Sidorof' is also corrected to" in listed.stdout


def test_a_large_index_is_cached_compiled_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "MIN_CACHED_BYTES", 0)  # the small file stands for a big one
    extra = (str(write(tmp_path / "claimed.yaml", CLAIMED)),)
    cache = str(tmp_path / "cache")
    built = load(extra, "ap", True, cache, True)
    (stored,) = (tmp_path / "cache" / "gazetteer").glob("*.pickle")
    read = compiled.read(cache, stored.stem)
    assert isinstance(read, Gazetteer) and read is not built
    assert read.entries == built.entries and read.collisions == 2
    text = "Oleg Sidorof met Ivan Petrova."
    assert match(read, text) == match(built, text)
    # another content is another key: an edited file is never served from a stale index
    write(tmp_path / "claimed.yaml", CLAIMED.replace("Sidorkin", "Sidorenko"))
    again = load.__wrapped__(extra, "ap", True, cache, True)  # past the per-process memo
    assert again.entries[-3].name == "Oleg Sidorenko"
    assert len(list((tmp_path / "cache" / "gazetteer").glob("*.pickle"))) == 2


def test_a_damaged_cache_file_is_a_miss(tmp_path: Path) -> None:
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "k.pickle").write_bytes(b"not a pickle")
    assert compiled.read(str(tmp_path), "k") is None
    assert compiled.read(str(tmp_path), "absent") is None


def test_gazetteer_option_adds_to_the_settings_files_list(run_cli: CliRun, tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "entries:\n  - {name: Ada Wordsworth, wrong: [Ada Wordsworht]}\n")
    write(tmp_path / "b.yaml", "entries:\n  - {name: Bo Tennyson, wrong: [Bo Tenyson]}\n")
    write(tmp_path / "cleanup.toml", 'gazetteers = ["a.yaml"]\n')
    article = write(tmp_path / "x.txt", "Ada Wordsworht and Bo Tenyson met.\n")
    both = run_cli("fix", str(article), "--gazetteer", str(tmp_path / "b.yaml"))
    assert both.returncode == 0, both.stderr
    assert both.stdout == "Ada Wordsworth and Bo Tennyson met.\n"
    alone = run_cli("fix", str(article))
    assert alone.stdout == "Ada Wordsworth and Bo Tenyson met.\n"


# Python calls per generated entry while one is read, checked and indexed: 408 with a PyYAML
# constructor call per node, 241 from libyaml's events. Counted, not timed: CPU time on a shared
# machine varies, the count does not (the 100,000-entry figures are in docs/benchmarks.md).
CALLS_PER_ENTRY = 300


def _calls(paths: list[Path]) -> int:
    import cProfile
    import pstats

    from cleanup.gazetteer.index import _build

    profile = cProfile.Profile()
    profile.enable()
    _build(paths, "ap")
    profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def test_a_generated_gazetteer_loads_without_a_python_call_per_yaml_node(tmp_path: Path) -> None:
    from bench.bench_gazetteer import write_large
    from cleanup.gazetteer.reading import shipped_files

    large = tmp_path / "large.yaml"
    write_large(large, 3000, "yaml", collisions=5)
    shipped = shipped_files()
    per_entry = (_calls([*shipped, large]) - _calls(shipped)) / 3000
    assert per_entry <= CALLS_PER_ENTRY


def test_no_garbage_collection_while_a_gazetteer_is_built(tmp_path: Path) -> None:
    """A large gazetteer is a million acyclic objects: collections during the build walked them
    over and over (2.3x the cold load at 100,000 entries)."""
    import gc

    from bench.bench_gazetteer import write_large

    large = tmp_path / "large.yaml"
    write_large(large, 3000, "yaml")
    collections: list[str] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(phase)

    gc.collect()
    gc.callbacks.append(count)
    try:
        load((str(large),), use_cache=False)
    finally:
        gc.callbacks.remove(count)
    assert collections == [] and gc.isenabled()


def test_the_cache_key_covers_every_module_that_builds_an_index() -> None:
    """An edit to any builder misses the cache: each one's file is read into the key (a name
    that no longer exists, after a move, would be skipped without a word)."""
    package = Path(compiled.__file__).parent.parent
    assert [name for name in compiled._BUILDERS if not (package / name).is_file()] == []
    built_by = {"cleanup.gazetteer.index", "cleanup.gazetteer.reading", "cleanup.io.yaml_events"}
    listed = {
        "cleanup." + name.removesuffix(".py").replace("/", ".") for name in compiled._BUILDERS
    }
    assert built_by <= listed
