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

from cleanup.core.document import Document, Span, TextView
from cleanup.core.edits import MapChain, apply_edits, carry_spans, overlaps
from cleanup.core.model import Finding, Fix, Result
from cleanup.rules.loader import Rule, Ruleset, get_detector, load_rules
from cleanup.settings.config import Config, matches

# The stages are re-run on their own output until none proposes an edit, so that `fix` is
# idempotent even when one stage's fix enables another's; a document that still changes after
# four rounds has rules that fight each other, and stops there.
MAX_ROUNDS = 4

# Decides whether a proposed edit is applied, given the edit and the text it applies to (the
# stage's current text, which its offsets index), so a reviewer can be shown it in context.
AcceptFn = Callable[[Finding, str], bool]


@dataclass
class Context:
    """What a detector may know besides the text: settings, rules and the document's metadata."""

    config: Config
    rules: Ruleset
    document: Document
    # Spans of the current text that earlier stages (or passes) wrote, so a later stage can leave
    # them alone; an empty span marks a deletion point.
    edited: list[Span] = field(default_factory=list)


# The last answer of active_rules: an engine asks it for every document with one config and
# ruleset, and sorting and matching every rule id each time cost 7% of ftfy's time per article.
_last_active: tuple[Config, Ruleset, int, dict[str, list[Rule]]] | None = None


def active_rules(config: Config, ruleset: Ruleset) -> dict[str, list[Rule]]:
    """Enabled rules per stage."""
    global _last_active
    last = _last_active
    if last and last[0] is config and last[1] is ruleset and last[2] == len(ruleset.rules):
        return last[3]
    by_stage: dict[str, list[Rule]] = defaultdict(list)
    for rule in ruleset:
        if rule.stage == "grammar" and not config.grammar:
            continue
        if config.enabled(rule.id, rule.default):
            by_stage[rule.stage].append(rule)
    _last_active = (config, ruleset, len(ruleset.rules), dict(by_stage))
    return _last_active[3]


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
    run = _Run(context, accept)
    stages = active_rules(config, ruleset)
    text = document.text
    for _ in range(MAX_ROUNDS):
        run.flags = []
        applied_before = len(run.applied)
        for rules in stages.values():
            text = run.stage(rules, text)
        if len(run.applied) == applied_before:
            break
    findings = run.applied + run.flags
    findings.sort(key=lambda f: (f.start, f.end, f.rule, f.message))
    return Result(original=document.text, text=text, findings=findings)


class _Run:
    """One document's way through the stages: the edits applied so far, the map back to the
    input, and the flags of the latest round."""

    def __init__(self, context: Context, accept: AcceptFn | None) -> None:
        self.context = context
        self.accept = accept
        self.original = context.document.text
        self.chain = MapChain()
        self.applied: list[Finding] = []
        self.flags: list[Finding] = []
        # edits a reviewer declined, by rule, span in the input and replacement: not asked twice
        self.declined: set[tuple[str, int, int, str | None]] = set()

    def stage(self, rules: list[Rule], text: str) -> str:
        """Run one stage's detectors once over ``text``; apply what is wanted; return the text."""
        by_detector: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules:
            by_detector[rule.detector_key].append(rule)
        enabled = {r.id for r in rules}
        config = self.context.config
        view = TextView(text)
        proposed: list[tuple[Finding, tuple[int, int]]] = []
        for key, detector_rules in by_detector.items():
            for f in get_detector(key)(view, detector_rules, self.context):
                # Detectors such as LanguageTool report rule ids of their own under the stage's
                # namespace; those follow the config's select/ignore directly.
                foreign = f.rule in self.context.rules or not config.enabled(f.rule)
                if f.rule not in enabled and foreign:
                    continue
                if f.is_edit and f.replacement == f.text:
                    continue
                span = self.chain.to_old(f.start, f.end)
                if any(overlaps(span, p) for p in self.context.document.protected):
                    continue
                f = f.with_(severity=config.severity_for(f.rule, f.severity))
                proposed.append((f, span))
        proposed.sort(key=lambda item: (item[0].start, item[0].end))
        chosen: list[Finding] = []
        for f, span in proposed:
            if not f.is_edit or any(overlaps((f.start, f.end), (c.start, c.end)) for c in chosen):
                continue
            if not self._suppressed(f, span) and self._wanted(f, span, text):
                chosen.append(f)
        chosen_ids = {id(f) for f in chosen}
        for f, (start, end) in proposed:
            mapped = f.with_(start=start, end=end, text=self.original[start:end])
            if id(f) in chosen_ids:
                self.applied.append(mapped.with_(applied=True))
            else:
                self.flags.append(mapped)
        if not chosen:
            return text
        edits = [(f.start, f.end, f.replacement or "") for f in chosen]
        new_text, offset_map = apply_edits(text, edits)
        self.context.edited = carry_spans(self.context.edited, edits)
        self.chain.push(offset_map)
        return new_text

    def _suppressed(self, finding: Finding, span: tuple[int, int]) -> bool:
        """Whether an author's suppression covers this edit (it then stays a finding)."""
        return any(
            start <= span[0] < end
            and matches(finding.rule, [rule])
            and (exact is None or self.original[span[0] : span[1]] == exact)
            for rule, start, end, exact in self.context.document.suppressed
        )

    def _wanted(self, finding: Finding, span: tuple[int, int], text: str) -> bool:
        if self.accept is None:
            return finding.fix is Fix.SAFE or self.context.config.unsafe_fixes
        key = (finding.rule, span[0], span[1], finding.replacement)
        if key in self.declined:
            return False
        if self.accept(finding, text):
            return True
        self.declined.add(key)
        return False
