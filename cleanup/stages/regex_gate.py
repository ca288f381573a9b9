"""Exact gates for regex rules: characters side by side that every match needs, found fast.

A rule's regex can only match where the text holds certain characters next to each other:
``\\.\\.`` needs two points, ``(?<=\\w)[ \\t]+(?=[,;:!?])`` a space or tab just before one of
``, ; : ! ?``. :func:`gate` reads such runs (each position a set of characters) off the parsed
regex and returns the checks that find them: patterns that start with a literal character, which
the engine skips to at memory-scan speed, where a class or a leading look-behind makes it try
every position. A text without any of a rule's runs cannot match the rule, so the combined pass
leaves the rule out. The gate never needs to be tight, only sound: every run it asks for must be
in every match (or next to it, for look-arounds); what it cannot read it leaves out.

>>> g = gate(r"(?<=\\w)(?:,[.;:!?]|;[.,:!?])")
>>> [g.open(t) for t in ("Yes,. no", "Yes, no.", "a;! b")]
[True, False, True]
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

Run = tuple[frozenset[str], ...]  # the characters each position of a run may hold
Option = list[Run]  # a requirement: one of these runs is in the text

# ASCII letters that Python also matches, case-insensitively, to a non-ASCII one (a test checks
# every ASCII character against the engine)
_CASE_EXTRA = {"i": "İı", "s": "ſ", "k": "\u212a"}
# how often a character is expected in news text, as a cost of scanning for it
_FREQUENT = 50  # letters, digits, whitespace: a scan for one stops everywhere
_USUAL = 3  # points and commas
_RARE = 1
_MAX_COST = 40  # a run no cheaper than this is not worth a scan: the rule is always tried
_MAX_RUN = 4


@dataclass(frozen=True)
class Gate:
    """The checks of one rule: (character, pattern that finds a run at that character)."""

    checks: tuple[tuple[str, re.Pattern[str]], ...]

    def open(self, text: str) -> bool:
        """False when the text holds none of the rule's runs (then the rule cannot match)."""
        return any(ch in text and rx.search(text) is not None for ch, rx in self.checks)


def gate(source: str) -> Gate | None:
    """The gate of a regex, or None when no run is cheap enough to look for."""
    try:
        c = importlib.import_module("re._constants")
        parsed = importlib.import_module("re._parser").parse(source)
        options, _ = _Reader(c).walk(
            parsed.data, [], bool(parsed.state.flags & c.SRE_FLAG_IGNORECASE)
        )
    except Exception:  # an internal API; without it every rule is only tried
        return None
    if not options:
        return None
    best = min(options, key=_option_cost)
    if _option_cost(best) >= _MAX_COST:
        return None
    return Gate(tuple(check for run in best for check in _checks(run)))


def _char_cost(ch: str) -> int:
    if ch.isalnum() or ch.isspace():
        return _FREQUENT
    return _USUAL if ch in ".," else _RARE


def _anchor(run: Run) -> int:
    """The position of ``run`` to scan for: the one with the rarest characters."""
    return min(range(len(run)), key=lambda i: sum(map(_char_cost, run[i])))


def _option_cost(option: Option) -> float:
    # a longer run finds fewer false places, so it wins a tie
    return sum(sum(map(_char_cost, run[_anchor(run)])) - len(run) / 100 for run in option)


def _class(chars: frozenset[str]) -> str:
    return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]"


def _checks(run: Run) -> list[tuple[str, re.Pattern[str]]]:
    """One pattern per character at the run's anchor: that character first, the positions before
    it as a look-behind (which takes the character too), the ones after as a look-ahead."""
    i = _anchor(run)
    before = "".join(map(_class, run[:i]))
    after = "".join(map(_class, run[i + 1 :]))
    checks = []
    for ch in sorted(run[i]):
        source = re.escape(ch)
        if before:
            source += f"(?<={before}{re.escape(ch)})"
        if after:
            source += f"(?={after})"
        checks.append((ch, re.compile(source)))
    return checks


def literal_chars(ch: str, ignore_case: bool) -> frozenset[str] | None:
    """What a literal character matches, or None when that is not known exactly.

    >>> sorted(literal_chars("s", True)), literal_chars("é", True)
    (['S', 's', 'ſ'], None)
    """
    if not ignore_case or not importlib.import_module("_sre").unicode_iscased(ord(ch)):
        return frozenset(ch)
    if ch.isascii():
        low = ch.lower()
        return frozenset({low, low.upper(), *_CASE_EXTRA.get(low, "")})
    return None


class _Reader:
    """Walks a parsed regex, collecting the runs its matches need."""

    def __init__(self, constants: Any) -> None:
        self.c = constants
        self.groups: dict[int, frozenset[str]] = {}  # groups that match one known character

    def one(self, op: Any, av: Any, ignore_case: bool) -> frozenset[str] | None:
        """The characters an item that matches exactly one character matches, else None."""
        c = self.c
        if op is c.LITERAL:
            return literal_chars(chr(av), ignore_case)
        if op is c.IN:
            found: set[str] = set()
            for kind, value in av:
                if kind is c.LITERAL:
                    chars = literal_chars(chr(value), ignore_case)
                elif kind is c.RANGE and value[1] - value[0] < 128:
                    chars = frozenset()
                    for i in range(value[0], value[1] + 1):
                        one = literal_chars(chr(i), ignore_case)
                        chars = None if one is None or chars is None else chars | one
                else:  # a negated set or a category such as \w
                    chars = None
                if chars is None:
                    return None
                found |= chars
            return frozenset(found)
        if op is c.GROUPREF:  # the group's text again (in either case, when ignoring case)
            group = self.groups.get(av)
            if group is None or not ignore_case:
                return group
            again: frozenset[str] = frozenset()
            for ch in group:
                chars = literal_chars(ch, True)
                if chars is None:
                    return None
                again |= chars
            return again
        return None

    def only(self, items: Any, ignore_case: bool) -> frozenset[str] | None:
        """What ``items`` match when they are one item matching one known character."""
        if len(items) != 1:
            return None
        op, av = items[0]
        return self.one(op, av, ignore_case)

    def walk(
        self, items: Any, run: list[frozenset[str]], ignore_case: bool
    ) -> tuple[list[Option], list[frozenset[str]]]:
        """(requirements found in ``items``, the run at their end) for ``items`` that follow the
        characters of ``run``."""
        c = self.c
        options: list[Option] = []
        run = list(run)

        def close() -> None:
            if run:
                options.append([tuple(run[-_MAX_RUN:])])

        for op, av in items:
            single = self.one(op, av, ignore_case)
            if single is not None:
                run.append(single)
            elif op in (c.AT, c.ASSERT_NOT):
                pass  # takes no character: the run goes on
            elif op is c.ASSERT:
                direction, sub = av
                if direction == 1:  # what follows must match here too
                    options += self.walk(sub.data, run, ignore_case)[0]
                elif not run:  # what comes before: its last characters
                    run = self.tail(sub.data, ignore_case)
            elif op is c.SUBPATTERN:
                group, add, remove, sub = av
                case = (ignore_case or bool(add & c.SRE_FLAG_IGNORECASE)) and not (
                    remove & c.SRE_FLAG_IGNORECASE
                )
                known = self.only(sub.data, case)
                if group and known is not None:
                    self.groups[group] = known
                found, run = self.walk(sub.data, run, case)
                options += found
            elif op is c.BRANCH:
                close()
                either: Option = []
                for branch in av[1]:
                    found = self.walk(branch.data, run, ignore_case)[0]
                    if not found:
                        either = []
                        break
                    best: Option = min(found, key=_option_cost)
                    either += best
                if either:
                    options.append(either)
                run = []
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                low, high, sub = av
                each = self.only(sub.data, ignore_case)
                if low and each is not None:
                    run += [each] * min(low, _MAX_RUN)
                    if high != low:  # what follows comes after the last repetitions
                        close()
                        run = [each] * min(low, _MAX_RUN)
                else:
                    close()
                    if low:
                        options += self.walk(sub.data, run, ignore_case)[0]
                    run = []
            else:  # any character, a category, a conditional, an atomic group: unknown
                close()
                run = []
        close()
        return options, run

    def tail(self, items: Any, ignore_case: bool) -> list[frozenset[str]]:
        """The known characters at the end of a look-behind."""
        tail: list[frozenset[str]] = []
        for op, av in items:
            single = self.one(op, av, ignore_case)
            tail = [*tail, single] if single is not None else []
        return tail
