"""The mojibake round-trip set (tests/mojibake_set.py): the committed cases are the script's, the
parts are fixed and split by sentence, and on the held-out part the encoding stage repairs at
least 99% of the cases and makes no wrong repair."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from cleanup.core.document import Document
from cleanup.core.pipeline import process
from cleanup.settings.config import Config
from cleanup.stages import compile_rules
from cleanup.stages.codepages import CODEPAGES as STAGE_CODEPAGES
from tests.mojibake_set import CODEPAGES, MQM, SET, cases, evaluate, load, part, sentences, verdict

RULES = compile_rules(Config(select=("encoding",)))


def fix(text: str) -> tuple[str, bool]:
    result = process(Document(text), RULES)
    return result.text, bool(result.flags)


def test_committed_set_is_what_the_script_writes() -> None:
    if not MQM.exists():
        pytest.fail(f"corpus missing: {MQM}")
    committed = SET.read_text(encoding="utf-8").split("\n")[:-1]  # not splitlines(): U+0085
    generated = [json.dumps(row, ensure_ascii=False) for row in cases(sentences())]
    assert committed == generated, "run `python -m tests.mojibake_set` and commit the result"


def test_set_covers_every_code_page_of_the_stage_and_every_kind() -> None:
    assert set(CODEPAGES) == set(STAGE_CODEPAGES)
    rows = load()
    for name in ("tuning", "held-out"):
        subset = [r for r in rows if r["part"] == name]
        assert {r["codepage"] for r in subset} == set(CODEPAGES)
        kinds = Counter(r["kind"] for r in subset)
        assert set(kinds) == {"line", "word", "mixed"} and min(kinds.values()) > 500
    letters = "".join(r["original"] for r in rows)
    for letter in "ĭšáőłžё「」《》（），、":
        assert letter in letters, letter


def test_parts_are_split_by_sentence_and_fixed() -> None:
    rows = load()
    parts_of: dict[str, set[str]] = {}  # every case of a sentence (s012-...) is in one part
    for row in rows:
        parts_of.setdefault(row["id"].split("-")[0], set()).add(row["part"])
        if row["kind"] != "word":
            assert row["part"] == part(row["original"])  # fixed by the sentence itself
    assert all(len(parts) == 1 for parts in parts_of.values())
    held_out = sum(1 for parts in parts_of.values() if parts == {"held-out"})
    assert 0.4 < held_out / len(parts_of) < 0.6


def test_verdict_tells_wrong_repairs_from_misses() -> None:
    assert verdict("Miloš said", "MiloŇ° said", "Miloš said") == "ok"
    assert verdict("Miloš said", "MiloŇ° said", "MiloŇ° said") == "missed"
    assert verdict("Miloš said", "MiloŇ° said", "MiloҰ said") == "wrong"
    assert verdict("Miloš Vystrčil", "MiloŇ° Vystrńćil", "MiloŇ° Vystrčil") == "missed"
    assert verdict("Miloš Kraków", "MiloŇ° Kraków", "MiloŇ° Krakow") == "wrong"


def test_held_out_round_trip_is_at_least_99_percent_without_a_wrong_repair() -> None:
    outcome = evaluate(load("held-out"), fix)
    assert outcome.total > 4000
    assert outcome.wrong == 0, outcome.wrong_cases[:10]
    assert outcome.rate >= 0.99, (outcome.ok, outcome.total, outcome.missed_cases[:10])
