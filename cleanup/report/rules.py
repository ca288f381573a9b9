"""`cleanup rules`: the rule list and one rule's documentation."""

from __future__ import annotations

import textwrap

from cleanup.rules.loader import Phrase, Rule, Ruleset, phrases
from cleanup.settings.config import matches


def listing(ruleset: Ruleset) -> str:
    rows = [
        (r.id, r.category, r.severity.value, r.fix.value if r.fix else "-", r.message)
        for r in ruleset
    ]
    header = ("RULE", "CATEGORY", "SEVERITY", "FIX")
    # an empty ruleset still gets its header (max() of no rows would fail)
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "  MESSAGE"]
    for row in rows:
        cells = "  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True))
        lines.append(f"{cells}  {row[4]}" + ("" if _default_on(ruleset, row[0]) else " (off)"))
    lines.append(f"\n{len(rows)} rule{'s' * (len(rows) != 1)}. `cleanup rules ID` explains one.")
    return "\n".join(lines)


def _default_on(ruleset: Ruleset, rule_id: str) -> bool:
    return ruleset[rule_id].default


def explain(rule_id: str, ruleset: Ruleset) -> str | None:
    """`cleanup rules ID`: a rule's documentation; for an id the tool reports that is no rule of
    its own (a phrase-list entry, a LanguageTool rule, a suppression finding), what it is and
    where it comes from; for a prefix, the rules under it. None when nothing has that id."""
    from cleanup.core.suppress import ABOUT
    from cleanup.rules import ids as ruleids

    rule_id = rule_id.rstrip("/") or rule_id  # as --select reads it
    if rule_id == "ALL":
        return listing(ruleset)
    rule = ruleset.get(rule_id)
    if rule is not None:
        return describe(rule)
    for parent in ruleset:
        for phrase in phrases(parent):
            if phrase.id == rule_id:
                return describe_phrase(parent, phrase)
    for parent in ruleids.open_rules(ruleset):
        if rule_id.startswith(parent.id + "/") and rule_id != parent.id + "/":
            from cleanup.languagetool.mapping import explain as explain_grammar

            return _title(rule_id) + explain_grammar(parent, rule_id.removeprefix(parent.id + "/"))
    about = [i for i in ABOUT if matches(i, [rule_id])]
    if about:
        return "\n\n".join(_title(i) + textwrap.fill(ABOUT[i], 96) for i in about)
    under = Ruleset({r.id: r for r in ruleset if matches(r.id, [rule_id])})
    return listing(under) if under.rules else None


def _title(rule_id: str) -> str:
    return f"{rule_id}\n{'=' * len(rule_id)}\n"


def describe(rule: Rule) -> str:
    lines = [
        rule.id,
        "=" * len(rule.id),
        f"category: {rule.category}   severity: {rule.severity.value}   "
        f"fix: {rule.fix.value if rule.fix else 'none'}   stage: {rule.stage}"
        + ("" if rule.default else "   (off unless selected)"),
        "",
        rule.message,
    ]
    if rule.description:
        lines += ["", rule.description]
    entries = phrases(rule)
    if entries:  # each entry can be selected, ignored and explained alone
        ids = ", ".join(p.id.removeprefix(rule.id + "/") for p in entries)
        lines += ["", f"Its {len(entries)} phrases each report as {rule.id}/ID:"]
        lines += textwrap.wrap(ids, 96, initial_indent="  ", subsequent_indent="  ")
    if rule.bad:
        lines += ["", "Flagged:"]
        for example in rule.bad:
            lines.append(f"  {example.text!r}")
            if example.source is not None:
                lines.append(f"    source: {example.source!r}")
            if example.fixed is not None:
                lines.append(f"    → {example.fixed!r}")
    if rule.good:
        lines += ["", "Not flagged:"]
        for good in rule.good:
            lines.append(f"  {good.text!r}")
            if good.source is not None:
                lines.append(f"    source: {good.source!r}")
    return "\n".join(lines)


def describe_phrase(rule: Rule, phrase: Phrase) -> str:
    """One entry of a phrase list: the phrase and its suggestion, then the list's own rule."""
    fix = rule.fix.value if rule.fix and phrase.replace is not None else "none"
    if phrase.suggest is None:
        suggestion = "none (only flagged)"
    elif phrase.replace is None:
        suggestion = f"‘{phrase.suggest}’ (shown, never applied: it does not fit in place)"
    else:
        suggestion = f"‘{phrase.suggest}’ (the fix)"
    lines = [
        _title(phrase.id).rstrip("\n"),
        f"category: {rule.category}   severity: {rule.severity.value}   fix: {fix}   "
        f"stage: {rule.stage}",
        "",
        f"One phrase of the list {rule.id}, reported under an id of its own.",
        "",
        f"  phrase:     {phrase.phrase}",
        f"  suggestion: {suggestion}",
        "",
        "Words match case-insensitively; {a|b} lists alternatives (reused in the suggestion as "
        "{1}, {2}...),",
        "[...] marks the part flagged and replaced.",
        "",
        f"{rule.id}: {rule.message}",
    ]
    if rule.description:
        lines += ["", rule.description]
    lines += [
        "",
        f"`--ignore {phrase.id}` switches this phrase off and keeps the rest of the list;",
        f"`cleanup rules {rule.id}` shows the list with examples.",
    ]
    return "\n".join(lines)
