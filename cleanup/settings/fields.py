"""What each :class:`~cleanup.settings.config.Config` field is as a setting, written once on the
field (``field(default=..., metadata=setting(...))``): its settings-file key and kind, its
command-line option if it has one, and whether it is part of the result cache's key. The settings
files (:mod:`cleanup.settings.files`), the options of `fix`, `check` and `review`
(:mod:`cleanup.cli.options`) and the cache key (:mod:`cleanup.io.cache`) are made from it.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class Kind(enum.Enum):
    """What a setting's value is, which says how a settings file and an option give it."""

    RULES = "rules"  # rule ids or prefixes
    LEVELS = "levels"  # a table of rule = level
    LEVEL = "level"  # info, warning or error
    SCORE = "score"  # a number from 0 to 100
    BOOL = "bool"
    STR = "str"
    CHOICE = "choice"  # one of the setting's choices
    STYLE = "style"  # a house style: a built-in one or one a gazetteer entry names
    DATE = "date"  # YYYY-MM-DD, YYYY-MM or YYYY
    FOLDER = "folder"  # in a settings file, relative to the file
    FILES = "files"  # in a settings file, relative to the file
    SIZE = "size"  # a number of bytes: 67108864, or "64M", "4k" (k, M, G: 1024, 1024², 1024³)
    SECONDS = "seconds"  # a positive number of seconds


@dataclass(frozen=True)
class Option:
    """A setting's command-line option. A bool's ``flag`` is ``--x/--no-x``, or a one-way flag:
    ``--x`` turns the setting on, ``--no-x`` off. Not given, the option leaves the settings
    file's value (or the default) alone."""

    flag: str
    help: str
    metavar: str | None = None  # default: what the kind takes (RULES, FILE, YYYY-MM-DD, N)
    envvar: str | None = None  # also read from this variable (empty: not given)
    check_only: bool = False  # `check`'s own, placed by cleanup/cli/check.py; else fix/check/review
    before: str | None = None  # listed in --help before this field's option (default: field order)

    @property
    def sets(self) -> bool | None:
        """What a one-way flag sets its setting to; None for ``--x/--no-x`` and other options."""
        if "/" in self.flag:
            return None
        return not self.flag.startswith("--no-")


@dataclass(frozen=True)
class Setting:
    """A Config field as a setting (its metadata)."""

    kind: Kind
    option: Option | None = None
    key: str = ""  # in a settings file; default: the field's name with dashes
    in_cache_key: bool = True  # False: it does not change what the pipeline finds
    choices: tuple[str, ...] = ()  # a CHOICE's values
    extend_key: str | None = None  # a key that adds to the value instead (extend-ignore)


def setting(
    kind: Kind,
    option: Option | None = None,
    *,
    key: str = "",
    in_cache_key: bool = True,
    choices: tuple[str, ...] = (),
    extend_key: str | None = None,
) -> dict[str, Setting]:
    """A Config field's metadata: ``field(default=..., metadata=setting(Kind.BOOL, ...))``."""
    return {"setting": Setting(kind, option, key, in_cache_key, choices, extend_key)}


def settings_of(cls: type[Any]) -> Mapping[str, Setting]:
    """Each field's setting, by field name in field order, its key filled in."""
    out = {}
    for f in dataclasses.fields(cls):
        found = f.metadata.get("setting")
        assert isinstance(found, Setting), f"{cls.__name__}.{f.name} has no setting(...) metadata"
        out[f.name] = dataclasses.replace(found, key=found.key or f.name.replace("_", "-"))
    return out
