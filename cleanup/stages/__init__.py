"""The stages and the one table of their detectors.

Every detector a rule can name (``detector: {python: NAME}`` in ``rules/*.yaml``, or the kind
``regex`` / ``phrases``) is listed in :data:`DETECTORS`, and nowhere else. :func:`compile_rules`
puts a configuration, a rule set and this table together into the compiled rule set the pipeline
runs; :class:`Compiler` keeps one per configuration for a caller that runs many documents.

>>> from cleanup.core.document import Document
>>> from cleanup.core.pipeline import process
>>> compiled = compile_rules(Config(select=("punctuation",)))
>>> [step.key for stage in compiled.stages for step in stage.steps]
['punctuation.spacing']
>>> process(Document.from_text("He left. .. She stayed."), compiled).text
'He left. She stayed.'
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping

from cleanup.core.document import TextView
from cleanup.core.model import Finding
from cleanup.core.registry import CompiledRules, Context, Detector
from cleanup.rules.loader import Rule, Ruleset, load_rules
from cleanup.settings.config import Config
from cleanup.stages import encoding, names, patterns, punctuation
from cleanup.stages.artifacts import (
    balance,
    boilerplate,
    casing,
    consistency,
    endings,
    fragments,
    perspective,
    quotes,
    repetition,
    script,
)


def later(path: str, *, needs_source: bool = False) -> Detector:
    """The detector ``path`` ("module:function") names, its module imported at its first call:
    for detectors that a run seldom calls (rules off by default, ``--grammar``) or that have
    nothing to do without a source text (``needs_source``), so that start-up does not pay for
    their modules."""
    module, name = path.split(":")

    def detector(view: TextView, rules: list[Rule], context: Context) -> Iterable[Finding]:
        if needs_source and context.document.source is None:
            return ()
        found: Detector = getattr(importlib.import_module(module), name)
        return found(view, rules, context)

    detector.__qualname__ = detector.__name__ = name
    return detector


DETECTORS: dict[str, Detector] = {
    # encoding
    "encoding.ftfy": encoding.detect_encoding,
    "encoding.replacement-character": encoding.detect_replacement_character,
    "encoding.source-encoding": encoding.detect_source_encoding,
    # punctuation and whitespace
    "punctuation.spacing": punctuation.detect_spacing,
    # names
    "names.gazetteer": names.detect_names,
    # machine-translation artifacts
    "artifact.fragments": fragments.detect_fragments,
    "artifact.straight-quotes": quotes.detect_straight_quotes,
    "artifact.endings": endings.detect_missing_final_punctuation,
    "artifact.perspective": perspective.detect_first_person,
    "artifact.repetition": repetition.detect_repetition,
    "artifact.lowercase": casing.detect_lowercase_start,
    "artifact.script": script.detect_script,
    "artifact.language": script.detect_language,
    "artifact.balance": balance.detect_balance,
    "artifact.consistency": consistency.detect_consistency,
    "artifact.boilerplate": boilerplate.detect_boilerplate,
    "artifact.spelling": later("cleanup.stages.artifacts.spelling:detect_misspelling"),
    "artifact.breaks": later("cleanup.stages.artifacts.breaks:detect_phrase_break"),
    # against the source text (only when the input gives one)
    "source.numbers": later("cleanup.stages.source:detect_numbers", needs_source=True),
    "source.untranslated": later("cleanup.stages.source:detect_untranslated", needs_source=True),
    "source.omission": later("cleanup.stages.source:detect_omission", needs_source=True),
    "source.names": later("cleanup.stages.source:detect_names", needs_source=True),
    # grammar
    "grammar.languagetool": later("cleanup.stages.grammar:detect_languagetool"),
    # rules written as data, in any stage
    "regex": patterns.detect_regex,
    "phrases": patterns.detect_phrases,
}


def compile_rules(
    config: Config,
    ruleset: Ruleset | None = None,
    *,
    detectors: Mapping[str, Detector] | None = None,
) -> CompiledRules:
    """The rules ``config`` runs, ready for :func:`cleanup.core.pipeline.process`: the shipped
    rules unless ``ruleset`` is given, their detectors from :data:`DETECTORS` unless ``detectors``
    is given. A rule that names no known detector is a ConfigError naming the rule."""
    return CompiledRules.build(
        config,
        load_rules() if ruleset is None else ruleset,
        DETECTORS if detectors is None else detectors,
    )


class Compiler:
    """Compiled rules per configuration, each built the first time a document needs it: for a
    caller that runs many documents under one or a few configurations (an engine's run, a pool
    worker), so that rules are compiled once, not per document.

    >>> compiler = Compiler()
    >>> compiler(Config()) is compiler(Config())
    True
    """

    def __init__(
        self, ruleset: Ruleset | None = None, detectors: Mapping[str, Detector] | None = None
    ) -> None:
        self.ruleset = ruleset
        self.detectors = detectors
        self._built: dict[Config, CompiledRules] = {}

    def __call__(self, config: Config) -> CompiledRules:
        compiled = self._built.get(config)
        if compiled is None:
            compiled = compile_rules(config, self.ruleset, detectors=self.detectors)
            self._built[config] = compiled
        return compiled


__all__ = ["DETECTORS", "Compiler", "compile_rules"]
