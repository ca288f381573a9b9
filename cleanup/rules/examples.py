"""Running a rule's own examples, as LanguageTool runs its rule files' ``<example>`` elements.

Each bad example must raise the rule (at the ``span`` when one is given) and ``fix`` must turn it
into ``fixed`` when one is given; each good example must raise nothing of the rule. A rule without
both kinds of example is a problem too.

The examples run through the pipeline with the rule compiled by the caller's ``compile`` (for the
shipped detectors, :func:`cleanup.stages.compile_rules` with the rule set at hand): rules are data,
and this module imports no stage.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from cleanup.core.document import Document
from cleanup.core.model import Finding
from cleanup.core.pipeline import process
from cleanup.core.registry import CompiledRules
from cleanup.io.readers import decode_document
from cleanup.rules.loader import Rule
from cleanup.settings.config import Config


def example_problems(
    rule: Rule, compile: Callable[[Config], CompiledRules], base: Config | None = None
) -> list[str]:
    """Every way ``rule`` fails its own examples; an empty list when it passes. ``compile``
    gives the compiled rules of a configuration (one that selects only ``rule``)."""
    problems = []
    if not rule.bad or not rule.good:
        problems.append(f"{rule.id}: needs at least one bad and one good example")
    base = base or Config()
    # keep the user's LanguageTool server and cache; select only this rule
    config = dataclasses.replace(
        base,
        select=(rule.id,),
        ignore=(),
        unsafe_fixes=True,
        grammar=rule.stage == "grammar",
    )
    compiled = compile(config)
    for example in rule.bad:
        if example.encoding:
            document = decode_document(example.text.encode(example.encoding), "example")
        else:
            document = Document.from_text(example.text)
        document.source = example.source
        result = process(document, compiled)
        found = _of_rule(result.findings, rule.id)
        if not found:
            problems.append(f"{rule.id}: bad example raised nothing: {example.text!r}")
        elif example.span is not None and example.span not in [f.text for f in found]:
            spans = [f.text for f in found]
            problems.append(f"{rule.id}: expected span {example.span!r}, got {spans}")
        if example.fixed is not None and result.text != example.fixed:
            problems.append(f"{rule.id}: fix gave {result.text!r}, expected {example.fixed!r}")
    for good in rule.good:
        document = Document.from_text(good.text)
        document.source = good.source
        found = _of_rule(process(document, compiled).findings, rule.id)
        if found:
            problems.append(
                f"{rule.id}: good example raised {[f.text for f in found]}: {good.text!r}"
            )
    return problems


def _of_rule(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule_id or f.rule.startswith(rule_id + "/")]
