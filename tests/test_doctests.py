"""Every example in a docstring runs: each module under cleanup/ that holds a ``>>>`` example is
doctested, so an example that goes stale fails the suite."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.paths import ROOT

MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "cleanup").rglob("*.py")
    if ">>>" in path.read_text(encoding="utf-8")
)


def test_the_core_and_the_stages_have_examples() -> None:
    assert {"cleanup.core.pipeline", "cleanup.core.registry", "cleanup.stages"} <= set(MODULES)
    assert "cleanup.stages.artifacts" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))  # (examples marked +SKIP aside)
    assert result.failed == 0, f"{result.failed} of {name}'s examples failed (see stdout)"
