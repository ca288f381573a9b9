"""The pipeline: run the stages in order, apply their edits, map every span back to the input.

>>> result = process(Document.from_text("He left. .. She stayed."), Config())
>>> result.text
'He left. She stayed.'
>>> [(f.rule, f.start, f.end, f.applied) for f in result.findings]
[('punctuation/stray-dots', 8, 11, True)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from cleanup.config import Config
from cleanup.document import Document, Span, TextView
from cleanup.edits import MapChain, apply_edits, carry_spans, overlaps
from cleanup.model import Finding, Fix, Result
from cleanup.rules import Rule, Ruleset, get_detector, load_rules

# A stage is re-run on its own output until it proposes no more edits, so that `fix` is idempotent;
# three passes settle every rule we ship (a fourth would mean a rule fights itself).
MAX_PASSES = 3

AcceptFn = Callable[[Finding], bool]


@dataclass
class Context:
    """What a detector may know besides the text: settings, rules and the document's metadata."""

    config: Config
    rules: Ruleset
    document: Document
    # Spans of the current text that earlier stages (or passes) wrote, so a later stage can leave
    # them alone; an empty span marks a deletion point.
    edited: list[Span] = field(default_factory=list)


def active_rules(config: Config, ruleset: Ruleset) -> dict[str, list[Rule]]:
    """Enabled rules per stage."""
    by_stage: dict[str, list[Rule]] = defaultdict(list)
    for rule in ruleset:
        if rule.stage == "grammar" and not config.grammar:
            continue
        if config.enabled(rule.id, rule.default):
            by_stage[rule.stage].append(rule)
    return by_stage


def process(
    document: Document,
    config: Config,
    *,
    ruleset: Ruleset | None = None,
    accept: AcceptFn | None = None,
) -> Result:
    """Run every enabled stage over ``document``; the one function engines call.

    ``accept`` (used by interactive review) decides per proposed edit whether it is applied; by
    default safe fixes are, and unsafe ones with ``config.unsafe_fixes``.
    """
    ruleset = ruleset or load_rules()
    context = Context(config, ruleset, document)
    original = document.text
    text = original
    chain = MapChain()
    results: list[Finding] = []
    for stage, rules in active_rules(config, ruleset).items():
        text = _run_stage(stage, rules, text, original, chain, context, accept, results)
    results.sort(key=lambda f: (f.start, f.end, f.rule, f.message))
    return Result(original=original, text=text, findings=results)


def _run_stage(
    stage: str,
    rules: list[Rule],
    text: str,
    original: str,
    chain: MapChain,
    context: Context,
    accept: AcceptFn | None,
    results: list[Finding],
) -> str:
    by_detector: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        by_detector[rule.detector_key].append(rule)
    enabled = {r.id for r in rules}
    config = context.config
    for _ in range(MAX_PASSES):
        view = TextView(text)
        proposed: list[tuple[Finding, tuple[int, int]]] = []
        for key, detector_rules in by_detector.items():
            for f in get_detector(key)(view, detector_rules, context):
                # Detectors such as LanguageTool report rule ids of their own under the stage's
                # namespace; those follow the config's select/ignore directly.
                foreign = f.rule in context.rules or not config.enabled(f.rule)
                if f.rule not in enabled and foreign:
                    continue
                if f.is_edit and f.replacement == f.text:
                    continue
                span = chain.to_old(f.start, f.end)
                if any(overlaps(span, p) for p in context.document.protected):
                    continue
                f = f.with_(severity=config.severity_for(f.rule, f.severity))
                proposed.append((f, span))
        proposed.sort(key=lambda item: (item[0].start, item[0].end))
        chosen: list[Finding] = []
        for f, _span in proposed:
            if not f.is_edit or any(overlaps((f.start, f.end), (c.start, c.end)) for c in chosen):
                continue
            wanted = accept(f) if accept else (f.fix is Fix.SAFE or config.unsafe_fixes)
            if wanted:
                chosen.append(f)
        chosen_ids = {id(f) for f in chosen}
        flags: list[Finding] = []
        for f, (start, end) in proposed:
            mapped = f.with_(start=start, end=end, text=original[start:end])
            if id(f) in chosen_ids:
                results.append(mapped.with_(applied=True))
            else:
                flags.append(mapped)
        if not chosen:
            break
        edits = [(f.start, f.end, f.replacement or "") for f in chosen]
        text, offset_map = apply_edits(text, edits)
        context.edited = carry_spans(context.edited, edits)
        chain.push(offset_map)
    # Flags come from the last pass only, so a flag is not reported once per pass.
    results.extend(flags)
    return text
