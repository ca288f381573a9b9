"""The gazetteer's data model: an entry (a person, place or organization with its spellings), the
tenures of its roles, and a problem found in a gazetteer file.

>>> entry = Entry("Sergey Lavrov", "person", roles=(Tenure("ru/foreign-minister", "2004-03"),))
>>> entry.shorts, entry.roles[0].covers("2022-02-01")
(('Lavrov',), True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("person", "place", "organization")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Tenure:
    """A role held from ``start`` to ``end``."""

    role: str
    start: str  # ISO date, possibly partial (YYYY or YYYY-MM)
    end: str | None = None  # None: still in office

    def covers(self, date: str) -> bool:
        start = (self.start + "-01-01")[:10] if len(self.start) < 10 else self.start
        end = "9999-12-31" if self.end is None else (self.end + "-12-31")[:10]
        if self.end and len(self.end) == 7:
            end = self.end + "-31"
        return start <= date[:10] <= end


@dataclass(frozen=True)
class Entry:
    """One name of the gazetteer with its forms and roles."""

    name: str
    kind: str
    accept: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    styles: tuple[tuple[str, str], ...] = ()
    roles: tuple[Tenure, ...] = ()
    source: str = ""  # file:line, for reasons and error messages

    def canonical(self, style: str = "ap") -> str:
        return dict(self.styles).get(style, self.name)

    @property
    def shorts(self) -> tuple[str, ...]:
        """Forms a later lone mention takes: given, or the last word of the name."""
        if self.short or self.kind != "person" or " " not in self.name:
            return self.short
        return (self.name.rsplit(" ", 1)[1],)

    @property
    def right_forms(self) -> tuple[str, ...]:
        return (self.name, *self.accept, *(v for _, v in self.styles))


@dataclass
class Problem:
    """A problem in a gazetteer file, with its place."""

    source: str
    message: str
    # a form two entries claim: flagged with every candidate and never fixed, not fatal
    collision: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def valid_date(text: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real day.

    >>> valid_date("2019-05-20"), valid_date("2019-02"), valid_date("2019-02-30")
    (True, True, False)
    """
    import datetime

    if not _DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(parts[0] or 1, parts[1], parts[2])
    except ValueError:
        return False
    return True
