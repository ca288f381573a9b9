"""What a detector is and what it is given: the detector type, the compiled rule set, the Context
of one document and the Analysis of one stage pass.

A detector is a plain function ``(view, rules, context) -> findings``. The detectors are listed by
name in one table, :data:`cleanup.stages.DETECTORS`, and rules name them in YAML
(``detector: {python: NAME}``, or the kind ``regex`` / ``phrases``). This module knows no detector
(the core imports no stage): whoever runs documents builds a :class:`CompiledRules` from a
configuration, a rule set and that table (:func:`cleanup.stages.compile_rules`), once per
configuration, and hands it to :func:`cleanup.core.pipeline.process` with each document.

>>> from cleanup.rules.loader import Ruleset, parse_rule
>>> rule = parse_rule({"id": "x/shout", "category": "style", "severity": "info",
...     "message": "Shouting", "examples": {}, "detector": {"python": "x.shout"}}, "test")
>>> def shout(view, rules, context):
...     return [rules[0].finding(view, 0, 4)] if view.text.startswith("HEY!") else []
>>> compiled = CompiledRules.build(Config(), Ruleset({rule.id: rule}), {"x.shout": shout})
>>> [(step.key, [r.id for r in step.rules]) for stage in compiled.stages for step in stage.steps]
[('x.shout', ['x/shout'])]
>>> CompiledRules.build(Config(), Ruleset({rule.id: rule}), {})
Traceback (most recent call last):
cleanup.errors.ConfigError: test x/shout: no detector named 'x.shout'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from cleanup.core.document import Document, Span, TextView
from cleanup.core.model import Finding
from cleanup.errors import ConfigError
from cleanup.rules.loader import Rule, Ruleset
from cleanup.settings.config import Config

T = TypeVar("T")

Detector = Callable[[TextView, list[Rule], "Context"], Iterable[Finding]]

# what CompiledRules.prepared keeps at most (a detector may prepare subsets of its rules per text)
_MAX_PREPARED = 512


@dataclass(frozen=True)
class Step:
    """One detector's call in a stage pass: the detector, and the enabled rules that name it."""

    key: str
    detector: Detector
    rules: list[Rule]  # shared by every document: detectors read it, never change it


@dataclass(frozen=True)
class Stage:
    """One stage's steps, in the order of their rules, and the ids of its enabled rules."""

    name: str
    steps: tuple[Step, ...]
    enabled: frozenset[str]


class CompiledRules:
    """The rules one configuration runs over every document: the enabled rules per stage with
    their detectors, and what detectors prepare from their rules (the combined regex, the phrase
    automaton). Built once per (configuration, rule set) by whoever runs many documents."""

    def __init__(self, config: Config, ruleset: Ruleset, stages: tuple[Stage, ...]) -> None:
        self.config = config
        self.ruleset = ruleset
        self.stages = stages
        self._prepared: dict[tuple[Callable[..., Any], tuple[str, ...]], Any] = {}
        self._enabled: dict[str, bool] = {}

    @classmethod
    def build(
        cls, config: Config, ruleset: Ruleset, detectors: Mapping[str, Detector]
    ) -> CompiledRules:
        """The enabled rules of ``ruleset`` per stage, grouped by detector (each detector is called
        once per stage pass with all of its rules). Every rule's detector must be in
        ``detectors``, enabled or not: a rule file naming an unknown one is a configuration error.
        """
        by_stage: dict[str, dict[str, list[Rule]]] = {}
        for rule in ruleset:  # in stage order, then by id
            key = rule.detector_key
            if key not in detectors:
                raise ConfigError(f"{rule.source or rule.id}: no detector named {key!r}")
            if rule.stage == "grammar" and not config.grammar:
                continue
            if config.enabled(rule.id, rule.default):
                by_stage.setdefault(rule.stage, {}).setdefault(key, []).append(rule)
        stages = tuple(
            Stage(
                name,
                tuple(Step(key, detectors[key], rules) for key, rules in by_key.items()),
                frozenset(r.id for rules in by_key.values() for r in rules),
            )
            for name, by_key in by_stage.items()
        )
        return cls(config, ruleset, stages)

    def enabled(self, rule_id: str) -> bool:
        """Whether the configuration lets a finding of ``rule_id`` through (asked per finding for
        ids the rules report under, such as a phrase's ``artifact/calque/iron-wall``)."""
        known = self._enabled.get(rule_id)
        if known is None:
            known = self._enabled[rule_id] = self.config.enabled(rule_id)
        return known

    def prepared(self, build: Callable[[Sequence[Rule]], T], rules: Sequence[Rule]) -> T:
        """``build(rules)``, built the first time a document needs it and kept with these rules:
        what a detector compiles from its rules, such as one pattern for all regex rules."""
        key = (build, tuple(r.id for r in rules))
        try:
            return cast(T, self._prepared[key])
        except KeyError:
            pass
        if len(self._prepared) >= _MAX_PREPARED:  # subsets per text are few, but bounded
            self._prepared.clear()
        value = self._prepared[key] = build(rules)
        return value


class Analysis:
    """What detectors work out about the text of one stage pass (its quoted speech, its words),
    each worked out once however many detectors ask, and dropped with the pass.

    >>> from cleanup.core.document import TextView
    >>> def words(view):
    ...     print("splitting")
    ...     return view.text.split()
    >>> analysis = Analysis(TextView("He left."))
    >>> analysis.get(words)
    splitting
    ['He', 'left.']
    >>> analysis.get(words)
    ['He', 'left.']
    """

    __slots__ = ("_found", "view")

    def __init__(self, view: TextView) -> None:
        self.view = view
        self._found: dict[Callable[[TextView], Any], Any] = {}

    def get(self, compute: Callable[[TextView], T]) -> T:
        """``compute(view)`` for this pass's text, computed on the first request."""
        try:
            return cast(T, self._found[compute])
        except KeyError:
            value = self._found[compute] = compute(self.view)
            return value


@dataclass
class Context:
    """What a detector may know besides the text: the compiled rules (and so the settings), the
    document's metadata, what earlier stages wrote, and the analysis of the current text."""

    compiled: CompiledRules
    document: Document
    analysis: Analysis  # of the current stage pass's text: a new one each pass
    # Spans of the current text that earlier stages (or passes) wrote, so a later stage can leave
    # them alone; an empty span marks a deletion point.
    edited: list[Span] = field(default_factory=list)

    @property
    def config(self) -> Config:
        return self.compiled.config
