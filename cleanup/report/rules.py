"""`cleanup rules`: the rule list and one rule's documentation."""

from __future__ import annotations

from cleanup.rules.loader import Rule, Ruleset


def listing(ruleset: Ruleset) -> str:
    rows = [
        (r.id, r.category, r.severity.value, r.fix.value if r.fix else "-", r.message)
        for r in ruleset
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    header = ("RULE", "CATEGORY", "SEVERITY", "FIX")
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "  MESSAGE"]
    for row in rows:
        cells = "  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True))
        lines.append(f"{cells}  {row[4]}" + ("" if _default_on(ruleset, row[0]) else " (off)"))
    lines.append(f"\n{len(rows)} rules. `cleanup rules ID` explains one.")
    return "\n".join(lines)


def _default_on(ruleset: Ruleset, rule_id: str) -> bool:
    return ruleset[rule_id].default


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
    if rule.bad:
        lines += ["", "Flagged:"]
        for example in rule.bad:
            lines.append(f"  {example.text!r}")
            if example.fixed is not None:
                lines.append(f"    → {example.fixed!r}")
    if rule.good:
        lines += ["", "Not flagged:"]
        lines += [f"  {text!r}" for text in rule.good]
    return "\n".join(lines)
