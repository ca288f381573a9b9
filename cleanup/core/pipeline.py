"""The pipeline: run the stages in order, apply their edits, map every span back to the input.

The rules come compiled (:class:`~cleanup.core.registry.CompiledRules`: the enabled rules per
stage and their detectors), built once per configuration by the caller:

>>> from cleanup.settings.config import Config
>>> from cleanup.stages import compile_rules
>>> result = process(Document.from_text("He left. .. She stayed."), compile_rules(Config()))
>>> result.text
'He left. She stayed.'
>>> [(f.rule, f.start, f.end, f.applied) for f in result.findings]
[('punctuation/stray-dots', 8, 11, True)]
"""

from __future__ import annotations

from collections.abc import Callable

from cleanup.core.document import Document, TextView
from cleanup.core.edits import MapChain, SpanIndex, apply_edits, carry_spans
from cleanup.core.model import Finding, Fix, Result
from cleanup.core.registry import Analysis, CompiledRules, Context, Stage
from cleanup.settings.config import matches

# The stages are re-run on their own output until none proposes an edit, so that `fix` is
# idempotent even when one stage's fix enables another's; a document that still changes after
# four rounds has rules that fight each other, and stops there.
MAX_ROUNDS = 4

# Decides whether a proposed edit is applied, given the edit and the text it applies to (the
# stage's current text, which its offsets index), so a reviewer can be shown it in context.
AcceptFn = Callable[[Finding, str], bool]


def process(
    document: Document, compiled: CompiledRules, *, accept: AcceptFn | None = None
) -> Result:
    """Run every enabled stage of ``compiled`` over ``document``; the one function engines call.

    ``accept`` (used by interactive review) decides per proposed edit whether it is applied; by
    default safe fixes are, and unsafe ones with ``config.unsafe_fixes``.
    """
    context = Context(compiled, document, Analysis(TextView(document.text)))
    run = _Run(context, accept)
    text = document.text
    for _ in range(MAX_ROUNDS):
        run.flags = []
        applied_before = len(run.applied)
        for stage in compiled.stages:
            text = run.stage(stage, text)
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
        self.protected = SpanIndex(context.document.protected)
        self.applied: list[Finding] = []
        self.flags: list[Finding] = []
        # edits a reviewer declined, by rule, span in the input and replacement: not asked twice
        self.declined: set[tuple[str, int, int, str | None]] = set()

    def stage(self, stage: Stage, text: str) -> str:
        """Run one stage's detectors once over ``text``; apply what is wanted; return the text."""
        compiled = self.context.compiled
        config = compiled.config
        ruleset = compiled.ruleset
        enabled = stage.enabled
        view = TextView(text)
        self.context.analysis = Analysis(view)
        proposed: list[tuple[Finding, tuple[int, int]]] = []
        for step in stage.steps:
            for f in step.detector(view, step.rules, self.context):
                # Detectors such as LanguageTool report rule ids of their own under the stage's
                # namespace; those follow the config's select/ignore directly.
                if f.rule not in enabled and (f.rule in ruleset or not compiled.enabled(f.rule)):
                    continue
                if f.is_edit and f.replacement == f.text:
                    continue
                span = self.chain.to_old(f.start, f.end)
                if self.protected.overlaps_any(span):
                    continue
                severity = config.severity_for(f.rule, f.severity)
                if severity is not f.severity:  # most keep theirs: no copy
                    f = f.with_(severity=severity)
                proposed.append((f, span))
        proposed.sort(key=lambda item: (item[0].start, item[0].end))
        chosen: list[Finding] = []
        # Edits come by start, so one conflicts with an earlier choice (edits.overlaps) exactly
        # when a choice reaches past its start, or it is the latest choice again (two insertions
        # at one point): constant time, where comparing with every choice made an article of
        # many edits quadratic.
        reach, latest = -1, (-1, -1)
        chosen_at: set[int] = set()  # their places in proposed (a detector may repeat a finding)
        for n, (f, span) in enumerate(proposed):
            if not f.is_edit or reach > f.start or (f.start, f.end) == latest:
                continue
            if not self._suppressed(f, span) and self._wanted(f, span, text):
                chosen.append(f)
                chosen_at.add(n)
                reach, latest = max(reach, f.end), (f.start, f.end)
        for n, (f, (start, end)) in enumerate(proposed):
            mapped = f  # most findings keep their span and text: no copy (µs each)
            if (start, end) != (f.start, f.end) or f.text != self.original[start:end]:
                mapped = f.with_(start=start, end=end, text=self.original[start:end])
            if n in chosen_at:
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
