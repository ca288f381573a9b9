"""Every rule's own examples, run through the pipeline with only that rule selected."""

from __future__ import annotations

import pytest

from cleanup.rules.examples import example_problems
from cleanup.rules.loader import Rule, load_rules
from cleanup.stages import compile_rules

RULES = list(load_rules())


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param(r, id=r.id, marks=[pytest.mark.languagetool] if r.stage == "grammar" else [])
        for r in RULES
    ],
)
def test_rule_examples_pass(rule: Rule) -> None:
    assert example_problems(rule, lambda config: compile_rules(config, load_rules())) == []
