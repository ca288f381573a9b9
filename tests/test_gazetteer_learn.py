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


PLACES = [
    *[f"Shelling hit homes in Velyka Novosilka overnight, officials said ({i})." for i in range(5)],
    "Shelling hit homes in Velyka Novosilkka overnight, officials said.",
    *[f"A Shenzhen-based maker of drones opened plant {i}." for i in range(6)],
    "A Shenzen-based maker of drones opened a plant.",
    *[f"The delegation travelled to Zelenskyy for talks {i}." for i in range(6)],
    "The delegation travelled to Zelenskky for talks.",
    *[f"Phones from Huawei sold well in batch {i}." for i in range(6)],
    "Phones from Huawai sold well in batch 7.",
]
# Two people one letter apart, each written in his own context: the rarer is no misspelling.
TWO_PEOPLE = [
    *[f"Iranian dissident Farhad Mesami was released from prison ({i})." for i in range(10)],
    *[f"Kuwaiti football coach Fahad Mesami praised his team ({i})." for i in range(2)],
]


def _learn(run_cli: CliRun, tmp_path: Path, articles: list[str], *options: str) -> str:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in articles), encoding="utf-8")
    result = run_cli("gazetteer", "learn", str(corpus), *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_learn_finds_places_by_their_context(run_cli: CliRun, tmp_path: Path) -> None:
    text = _learn(run_cli, tmp_path, PLACES, "-j", "1")
    assert "  - {name: Shenzhen, kind: place, wrong: [Shenzen]}" in text
    assert "  - {name: Velyka Novosilka, kind: place, wrong: [Velyka Novosilkka]}" in text
    assert "# 'Velyka Novosilka' 5 times, e.g.: Shelling hit homes in Velyka Novosilka" in text
    # a person in the shipped gazetteer is no place, whatever precedes it
    assert "Zelensk" not in text
    # read only after "from": proposed, with a warning that it may be no place
    assert "# 'Huawei' is read only after 'from' or 'to': check it is a place" in text
    assert "# 'Shenzhen' is read only" not in text
    # deterministic: the same with two processes
    assert _learn(run_cli, tmp_path, PLACES, "-j", "2") == text
    path = tmp_path / "learned.yaml"
    path.write_text(text, encoding="utf-8")
    learned = read_file(path)
    assert learned.problems == []
    assert sorted((e.name, e.kind) for e in learned.entries) == [
        ("Huawei", "place"),
        ("Shenzhen", "place"),
        ("Velyka Novosilka", "place"),
    ]


def test_learn_leaves_spellings_whose_context_disagrees_as_comments(
    run_cli: CliRun, tmp_path: Path
) -> None:
    text = _learn(run_cli, tmp_path, TWO_PEOPLE + ARTICLES, "-j", "2")
    assert "wrong: [Fahad Mesami]" not in text
    assert "# 'Fahad Mesami' is likely another person: its context (coach, football," in text
    assert "has little in common with 'Farhad Mesami''s (dissident, iranian, prison," in text
    assert "# not proposed: told apart by context or the gazetteer (Farhad Mesami)" in text
    # a misspelling written once has too few neighbours to disagree: still proposed
    assert "  - {name: Mykhailo Fedorov, kind: person, wrong: [Mykhailo Fedorv]}" in text
    assert _learn(run_cli, tmp_path, TWO_PEOPLE + ARTICLES, "-j", "1") == text
    # without the context evidence, the counts alone would have called Fahad a misspelling
    from cleanup.gazetteer.learning import count

    names = count(TWO_PEOPLE)
    assert [g.wrong for g in names.groups(context=False)] == [["Fahad Mesami"]]
    assert [g.wrong for g in names.groups()] == [[]]


def test_context_signatures_stay_bounded() -> None:
    from cleanup.gazetteer.learning import count
    from cleanup.gazetteer.places import KEEP, TRIM_AT

    words = [f"word{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(300)]
    texts = [f"Mykhailo Fedorov spoke {w} today." for w in words]
    names = count(texts)
    assert names.counts["Mykhailo Fedorov"] == 300
    assert KEEP <= len(names.contexts["Mykhailo Fedorov"]) <= TRIM_AT


def test_a_right_spelling_of_the_shipped_gazetteer_is_never_proposed_wrong() -> None:
    from cleanup.gazetteer.learning import Known, count, to_yaml
    from cleanup.gazetteer.reading import shipped_files

    known = Known.of(e for p in shipped_files() for e in read_file(p).entries)
    texts = [f"Hackers interrupted President Ibrahim Raisi's speech ({i})." for i in range(6)]
    names = count([*texts, "Hackers interrupted President Ebrahim Raisi's speech."])
    groups = names.groups(known)
    assert [(g.name, g.others, g.wrong) for g in groups] == [
        ("Ibrahim Raisi", ["Ebrahim Raisi"], [])
    ]
    text = to_yaml(groups, names)
    assert "# 'Ebrahim Raisi' is a right spelling in the shipped gazetteer" in text
    assert "- {" not in text
