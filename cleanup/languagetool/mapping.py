"""How LanguageTool's matches become this project's findings: categories and severities, spelling
matches, and the grammar rule's options (rules/grammar.yaml); `cleanup rules grammar/ID` asks it.

>>> from cleanup.languagetool.client import RawMatch
>>> m = RawMatch(0, 4, "THIS_NNS", "GRAMMAR", "grammar", "Did you mean “these”?", ("These",))
>>> classify(m)
('fluency/grammar', <Severity.WARNING: 'warning'>)
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cleanup.core.model import Severity
from cleanup.languagetool.client import RawMatch
from cleanup.rules.loader import Rule

_ISSUE_TYPES: dict[str, tuple[str, Severity]] = {
    "misspelling": ("fluency/spelling", Severity.WARNING),
    "grammar": ("fluency/grammar", Severity.WARNING),
    "duplication": ("fluency/grammar", Severity.WARNING),
    "typographical": ("fluency/punctuation", Severity.INFO),
    "whitespace": ("fluency/whitespace", Severity.INFO),
    "locale-violation": ("locale", Severity.INFO),
    "style": ("style", Severity.INFO),
    "register": ("style", Severity.INFO),
    "inconsistency": ("style", Severity.INFO),
    "non-conformance": ("style", Severity.INFO),
    "terminology": ("terminology", Severity.INFO),
    "mistranslation": ("accuracy/mistranslation", Severity.WARNING),
    "untranslated": ("accuracy/untranslated", Severity.WARNING),
}


_CATEGORIES: dict[str, tuple[str, Severity]] = {
    "TYPOS": ("fluency/spelling", Severity.WARNING),
    "CASING": ("fluency/spelling", Severity.INFO),
    "GRAMMAR": ("fluency/grammar", Severity.WARNING),
    "CONFUSED_WORDS": ("fluency/grammar", Severity.WARNING),
    "PUNCTUATION": ("fluency/punctuation", Severity.INFO),
    "TYPOGRAPHY": ("fluency/punctuation", Severity.INFO),
    "STYLE": ("style", Severity.INFO),
    "REDUNDANCY": ("style", Severity.INFO),
    "PLAIN_ENGLISH": ("style", Severity.INFO),
    "REPETITIONS_STYLE": ("style", Severity.INFO),
    "SEMANTICS": ("accuracy/mistranslation", Severity.INFO),
}


_PLAIN_CATEGORIES = frozenset({"TYPOS", "CASING", "GRAMMAR", "CONFUSED_WORDS"})


def classify(match: RawMatch) -> tuple[str, Severity]:
    """The project category and severity of a LanguageTool match.

    A few LanguageTool categories say it plainly; otherwise the issue type decides. LanguageTool
    calls word-choice slips such as "a error" misspellings; outside its dictionary rules (TYPOS)
    those are grammar here, as MQM raters file them.
    """
    if match.category in _PLAIN_CATEGORIES:
        return _CATEGORIES[match.category]
    if match.issue_type == "misspelling":
        return "fluency/grammar", Severity.WARNING
    return _ISSUE_TYPES.get(match.issue_type) or _CATEGORIES.get(
        match.category, ("fluency/grammar", Severity.INFO)
    )


def is_spelling(match: RawMatch) -> bool:
    return match.category == "TYPOS" or (
        match.issue_type == "misspelling" and match.rule.startswith(("MORFOLOGIK", "HUNSPELL"))
    )


@dataclass(frozen=True)
class Settings:
    """The grammar rule's ``detector:`` options (rules/grammar.yaml)."""

    language: str = "en-US"
    disabled_rules: tuple[str, ...] = ()
    span_with_next_word: frozenset[str] = frozenset()
    skip_capitalized_spelling: bool = True

    @classmethod
    def from_rule(cls, rule: Rule) -> Settings:
        spec: Mapping[str, Any] = rule.detector
        return cls(
            language=str(spec.get("language", "en-US")),
            disabled_rules=tuple(sorted(spec.get("disabled_rules", ()))),
            span_with_next_word=frozenset(spec.get("span_with_next_word", ())),
            skip_capitalized_spelling=bool(spec.get("skip_capitalized_spelling", True)),
        )

    def request(self) -> dict[str, str]:
        """What is sent with each text (and so part of the cache key)."""
        params = {"language": self.language}
        if self.disabled_rules:
            params["disabledRules"] = ",".join(self.disabled_rules)
        return params


def _mapping() -> str:
    """How :func:`classify` maps matches, told by asking it (so the text cannot drift)."""
    from cleanup.languagetool.client import RawMatch

    def shown(names: Iterable[str], category: bool) -> str:
        def one(name: str) -> str:
            raw = RawMatch(0, 0, "", name if category else "", "" if category else name, "")
            found, severity = classify(raw)
            return f"{name} → {found}, {severity}"

        return "; ".join(one(name) for name in names)

    category, severity = classify(RawMatch(0, 0, "", "", "", ""))
    return (
        "Category and severity come from the match's LanguageTool category first ("
        + shown(sorted(_PLAIN_CATEGORIES), True)
        + "), else from its issue type ("
        + shown(_ISSUE_TYPES, False)
        + "), else from its other category ("
        + shown((c for c in _CATEGORIES if c not in _PLAIN_CATEGORIES), True)
        + f"); anything else is {category}, {severity}."
    )


def explain(rule: Rule, lt_id: str) -> str:
    """`cleanup rules grammar/ID`: what becomes of LanguageTool's rule ``lt_id`` here."""
    settings = Settings.from_rule(rule)
    found = f"{rule.id}/{lt_id}"
    lines = [
        f"LanguageTool's rule {lt_id}: with --grammar, its matches are reported as {found} "
        f"(`cleanup rules {rule.id}` explains the grammar check and what it leaves alone).",
    ]
    if lt_id in settings.disabled_rules:
        lines.append(
            f"It is switched off: the {rule.id} rule's disabled_rules (rules/grammar.yaml) name "
            "it, so LanguageTool is never asked for it."
        )
    if lt_id in settings.span_with_next_word:
        lines.append("A match is shown with the word after it (span_with_next_word).")
    lines.append(_mapping())
    lines += [
        f'`[severities] "{found}" = "error"` in the settings sets its severity.',
        "The fix is unsafe: offered only when LanguageTool has exactly one suggestion and the "
        "match touches no other.",
        f'Switch it off with `--ignore {found}`, `ignore = ["{found}"]` in the settings, or '
        f"`<!-- cleanup: disable {found} -->` in an article; `--ignore {rule.id}` switches off "
        "every LanguageTool rule.",
    ]
    return "\n\n".join(textwrap.fill(line, 96) for line in lines)
