"""`cleanup gazetteer learn` (issue 17, section 3): a corpus's names grouped by one slipped letter,
the dominant spelling as `name`, far rarer ones as `wrong`, a valid gazetteer, deterministic."""

from __future__ import annotations

import json
from pathlib import Path

from cleanup.gazetteer.reading import read_file
from tests.conftest import CliRun

ARTICLES = [
    "Digital Minister Mykhailo Fedorov said the app was ready. Officials agreed.",
    "Mykhailo Fedorov announced new drones for the army on Monday.",
    "According to Mykhailo Fedorov, the plan would cost less than expected.",
    "Critics questioned Mykhailo Fedorov about the delays.",
    "Mykhailo Fedorov and Oleh Syniehubov met in Kharkiv.",
    "Mykhailo Fedorv visited the front, the ministry said.",
    "Oleh Syniehubov said the shelling continued. Oleh Synehubov added more.",
    "Joe Biden and Hunter Biden arrived. Joe Biden spoke.",
]


def test_learn_proposes_the_rare_spelling_as_wrong(run_cli: CliRun, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(ARTICLES):
        (folder / f"{i:02}.txt").write_text(text + "\n", encoding="utf-8")
    out = tmp_path / "learned.yaml"
    result = run_cli("gazetteer", "learn", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "  - {name: Mykhailo Fedorov, kind: person, wrong: [Mykhailo Fedorv]}" in text
    assert "# 'Mykhailo Fedorov' 5 times, e.g.: Digital Minister Mykhailo Fedorov said" in text
    # two against one: too even to tell, so a comment only
    assert "# unsure: which of these is right needs a person (Oleh Syniehubov)" in text
    assert "Hunter" not in text
    learned = read_file(out)
    assert learned.problems == [] and [e.name for e in learned.entries] == ["Mykhailo Fedorov"]
    # the same corpus as JSONL: the same gazetteer, and the same again on a second run
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": i, "body": t}) + "\n" for i, t in enumerate(ARTICLES)),
        encoding="utf-8",
    )
    first = run_cli("gazetteer", "learn", str(corpus), "--text-field", "body", "-j", "1")
    second = run_cli("gazetteer", "learn", str(corpus), "--text-field", "body", "-j", "2")
    assert first.stdout == second.stdout == text
    assert "8 articles" in first.stderr and "1 wrong spelling" in first.stderr


def test_batches_in_processes_merge_to_the_counts_of_one_pass() -> None:
    from cleanup.gazetteer.learning import Names, count, learn, to_yaml

    whole = count(ARTICLES)
    merged = Names()
    for batch in learn(iter(ARTICLES), jobs=2, batch=2):
        merged.merge(batch)
    assert merged == whole
    assert to_yaml(merged.groups(), merged) == to_yaml(whole.groups(), whole)
