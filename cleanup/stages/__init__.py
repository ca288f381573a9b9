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

from collections.abc import Mapping

from cleanup.core.registry import CompiledRules, Detector
from cleanup.rules.loader import Ruleset, load_rules
from cleanup.settings.config import Config
from cleanup.stages import encoding, grammar, names, patterns, punctuation, source
from cleanup.stages.artifacts import (
    balance,
    boilerplate,
    breaks,
    casing,
    consistency,
    endings,
    fragments,
    perspective,
    quotes,
    repetition,
    script,
    spelling,
)

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
    "artifact.spelling": spelling.detect_misspelling,
    "artifact.breaks": breaks.detect_phrase_break,
    # against the source text (only when the input gives one)
    "source.numbers": source.detect_numbers,
    "source.untranslated": source.detect_untranslated,
    "source.omission": source.detect_omission,
    "source.names": source.detect_names,
    # grammar
    "grammar.languagetool": grammar.detect_languagetool,
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
