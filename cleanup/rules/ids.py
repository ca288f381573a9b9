"""The rule ids a user can name: in --select, --ignore, a settings file and `cleanup rules ID`.

Besides the rules of ``rules/**/*.yaml`` the tool reports ids of three more kinds, and each can be
named: one per entry of a phrase list (``artifact/calque/iron-wall``, see
:func:`cleanup.rules.loader.phrases`), LanguageTool's rule ids under the grammar rule
(``grammar/EN_A_VS_AN``: LanguageTool has thousands, so any such id is taken) and the findings
about suppressions (``suppression/unused``, :mod:`cleanup.core.suppress`). Every prefix of an id
at a ``/`` names the ids under it (``artifact/calque``, ``artifact``); ``ALL`` names every one.

>>> from cleanup.rules.loader import load_rules
>>> [known(n, load_rules()) for n in ("artifact", "artifact/calque/iron-wall", "grammar/X", "x")]
[True, True, True, False]
>>> unknown("encodng", load_rules())
"unknown rule 'encodng' (did you mean 'encoding'?)"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from cleanup.core.suppress import ABOUT as SUPPRESSION_IDS
from cleanup.errors import ConfigError
from cleanup.rules.loader import Rule, Ruleset, phrases


def names(ruleset: Ruleset) -> frozenset[str]:
    """Every id the tool can report and every prefix of one, except LanguageTool's (see
    :func:`open_rules`)."""
    ids = [
        *(r.id for r in ruleset),
        *(p.id for r in ruleset for p in phrases(r)),
        *SUPPRESSION_IDS,
    ]
    out = {"ALL"}
    for rule_id in ids:
        parts = rule_id.split("/")
        out.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    return frozenset(out)


def open_rules(ruleset: Ruleset) -> list[Rule]:
    """Rules that report ids of their own under theirs, whatever the id: the grammar stage's
    findings are ``grammar/<LanguageTool rule id>``."""
    return [r for r in ruleset if r.stage == "grammar"]


def known(name: str, ruleset: Ruleset) -> bool:
    """Whether ``name`` names a rule the tool has or an id it can report (a trailing ``/`` is
    ignored, as :func:`cleanup.settings.config.matches` does)."""
    name = name.rstrip("/")
    if name in names(ruleset):
        return True
    return any(name.startswith(r.id + "/") for r in open_rules(ruleset))


def unknown(name: str, ruleset: Ruleset, key: str = "") -> str:
    """The message for a name that is not :func:`known` (given in settings ``key``), with the
    closest known one."""
    close = difflib.get_close_matches(name, sorted(names(ruleset)), n=1)
    hint = f"did you mean {close[0]!r}?" if close else "`cleanup rules` lists them"
    return f"unknown rule {name!r}{f' in {key!r}' if key else ''} ({hint})"


def check(patterns: Iterable[str], ruleset: Ruleset, where: str = "", key: str = "") -> None:
    """Raise :class:`ConfigError` for the first pattern that names no rule; ``where`` (a settings
    file) starts the message and ``key`` says where in the file."""
    for pattern in patterns:
        if not known(pattern, ruleset):
            raise ConfigError(where + unknown(pattern, ruleset, key))
