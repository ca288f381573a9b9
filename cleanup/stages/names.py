"""Names stage: people, places and organizations checked against the gazetteer.

One detector serves every ``names/*`` rule: the gazetteer (:mod:`cleanup.gazetteer`) proposes
matches, and each becomes a finding of the rule for how it was found. A match the gazetteer is
not sure of is reported with its suggestion as an unsafe fix, never applied by default.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.core.model import Finding, Fix
from cleanup.rules.loader import Rule

if TYPE_CHECKING:
    from cleanup.core.document import TextView
    from cleanup.core.registry import Context

_MESSAGES = {
    "known-variant": "Known misspelling of {name}",
    "style": "{name} is spelled {target} under the {style} style",
    "role-anchored": "Garbled name of the {role}: {target}",
    "consistency": "Inconsistent spelling of {name} in this article",
    "fuzzy": "Possible misspelling of {name}",
}


def detect_names(view: TextView, rules: list[Rule], context: Context) -> Iterator[Finding]:
    from cleanup.gazetteer.index import load
    from cleanup.gazetteer.matching import match

    by_kind = {r.id.split("/", 1)[1]: r for r in rules}
    config = context.config
    g = load(tuple(config.gazetteers), config.style, True, config.cache_dir, config.use_cache)
    date = context.document.date or config.date
    for m in match(g, view.text, date):
        rule = by_kind.get(m.kind)
        if rule is None:
            continue
        message = _MESSAGES[m.kind].format(
            name=m.entry.name,
            target=m.replacement or m.entry.name,
            style=config.style.upper(),
            role="office holder",
        )
        if m.replacement is None:
            message = f"Ambiguous name: {m.reason}"
        yield rule.finding(
            view,
            m.start,
            m.end,
            message=message,
            replacement=m.replacement,
            reason=m.reason,
            fix=True if m.confident else Fix.UNSAFE,
        )
