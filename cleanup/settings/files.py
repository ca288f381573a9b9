"""Settings from files: ``cleanup.toml``, or ``[tool.cleanup]`` in ``pyproject.toml``.

The file nearest to each article wins (searched from the article's folder upwards); command-line
flags override it. Keys use dashes (underscores are accepted too); an unknown key is an error that
names the file and the key. ``[[per-path]]`` tables (``[[tool.cleanup.per-path]]``) change
settings for the articles whose path, relative to the config file's folder, matches one of their
``paths`` globs::

    select = ["encoding", "punctuation", "names"]
    ignore = ["whitespace/double-space"]
    fail-on = "error"
    min-score = 90
    gazetteers = ["gazetteer/people.yaml"]      # relative to this file
    exclude = ["drafts/**"]

    [severities]
    "artifact/calque" = "info"

    [[per-path]]
    paths = ["wire/**"]
    ignore = ["names"]
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from cleanup.core.model import Severity
from cleanup.errors import ConfigError
from cleanup.io.readers import glob_matches
from cleanup.settings.config import (
    SETTINGS,
    STYLES,
    Config,
    check_date,
    check_seconds,
    parse_size,
)
from cleanup.settings.fields import Kind, Setting

NAMES = ("cleanup.toml", "pyproject.toml")
LEVELS = tuple(s.value for s in Severity)


@dataclass(frozen=True)
class Key:
    """A settings-file key: the Config field it sets, and how (from the field's metadata)."""

    field: str
    setting: Setting
    extends: bool = False  # adds to the field's value (extend-ignore) instead of replacing it


def _keys() -> dict[str, Key]:
    keys = {}
    for name, setting in SETTINGS.items():
        keys[setting.key] = Key(name, setting)
        if setting.extend_key:
            keys[setting.extend_key] = Key(name, setting, extends=True)
    return keys


KEYS = _keys()
# keys that set no Config field
FILE_ONLY = {"include", "exclude", "per-path"}
PER_PATH_ONLY = {"paths"}


@dataclass(frozen=True)
class ConfigFile:
    """One parsed settings file: its path, its settings and its per-path overrides."""

    path: Path | None
    settings: Mapping[str, Any]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_path: tuple[tuple[tuple[str, ...], Mapping[str, Any]], ...] = ()

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def _key(raw: str) -> str:
    return raw.replace("_", "-")


def parse(path: Path) -> ConfigFile | None:
    """The settings in ``path``; None for a pyproject.toml without ``[tool.cleanup]``."""
    import tomllib  # here: most runs find no settings file (4 ms of start-up)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 (byte {exc.start + 1}); a settings file is TOML in UTF-8"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "cleanup" not in tool:
            return None
        data, where = tool["cleanup"], "[tool.cleanup]"
    else:
        where = ""
        tool = data.get("tool")
        if isinstance(tool, dict) and "cleanup" in tool:  # a pyproject.toml table, copied over
            raise ConfigError(
                f"{path}: [tool.cleanup] is for pyproject.toml; in {path.name} write the keys at "
                "top level"
            )
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: {where or 'the file'} must be a table")
    base = path.parent
    settings: dict[str, Any] = {}
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_path: list[tuple[tuple[str, ...], Mapping[str, Any]]] = []
    for raw, value in data.items():
        key = _key(raw)
        if key == "include" or key == "exclude":
            globs = _strings(path, raw, value)
            include, exclude = (globs, exclude) if key == "include" else (include, globs)
        elif key == "per-path":
            per_path = _per_path(path, value, base)
        elif key in KEYS:
            settings[key] = _value(path, raw, value, base)
        else:
            raise ConfigError(f"{path}: {_unknown_key(raw, [*KEYS, *FILE_ONLY], where)}")
    _check_styles(path, [settings, *(table for _, table in per_path)])
    return ConfigFile(path, MappingProxyType(settings), include, exclude, tuple(per_path))


def _check_styles(path: Path, tables: list[Mapping[str, Any]]) -> None:
    """Each table's style is a built-in one or one that an entry of the file's gazetteers names."""
    for table in tables:
        style = table.get("style")
        if style is None or style in STYLES:
            continue
        files = [g for t in tables for g in t.get("gazetteers", ())]
        known = {*STYLES, *_gazetteer_styles(files)}
        if style not in known:
            raise ConfigError(
                f"{path}: unknown style {style!r} (known: {', '.join(sorted(known))})"
            )


def _gazetteer_styles(files: list[str]) -> set[str]:
    """The styles that entries of these gazetteer files name (read only for a style that is not
    built in: a big gazetteer takes a while to read)."""
    from cleanup.gazetteer.reading import read_file

    return {name for f in files for e in read_file(f).entries for name, _ in e.styles}


def _per_path(
    path: Path, value: Any, base: Path
) -> list[tuple[tuple[str, ...], Mapping[str, Any]]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{path}: 'per-path' must be an array of tables ([[per-path]])")
    out: list[tuple[tuple[str, ...], Mapping[str, Any]]] = []
    for table in value:
        globs = _strings(path, "per-path.paths", table.get("paths"))
        if not globs:
            raise ConfigError(f"{path}: each [[per-path]] needs 'paths', a list of globs")
        settings = {}
        for raw, item in table.items():
            key = _key(raw)
            if key in PER_PATH_ONLY:
                continue
            if key not in KEYS:
                raise ConfigError(
                    f"{path}: {_unknown_key(raw, [*KEYS, *PER_PATH_ONLY], '[[per-path]]')}"
                )
            settings[key] = _value(path, f"per-path.{raw}", item, base)
        out.append((globs, MappingProxyType(settings)))
    return out


def _unknown_key(raw: str, keys: list[str], where: str) -> str:
    close = difflib.get_close_matches(_key(raw), keys, n=1)
    return (
        f"unknown key {raw!r}"
        + (f" in {where}" if where else "")
        + (f" (did you mean {close[0]!r}?)" if close else "")
    )


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key!r} must be a list of strings")
    return tuple(value)


def _value(path: Path, raw: str, value: Any, base: Path) -> Any:
    setting = KEYS[_key(raw.rsplit(".", 1)[-1])].setting
    kind = setting.kind
    if kind is Kind.RULES:
        return _rules(path, raw, _strings(path, raw, value))
    if kind is Kind.FILES:
        return tuple(str((base / p).resolve()) for p in _strings(path, raw, value))
    if kind is Kind.BOOL:
        if not isinstance(value, bool):
            raise ConfigError(f"{path}: {raw!r} must be true or false")
        return value
    if kind in (Kind.STR, Kind.FOLDER, Kind.DATE, Kind.STYLE, Kind.CHOICE):
        if not isinstance(value, str):
            raise ConfigError(f"{path}: {raw!r} must be a string")
        if setting.choices and value not in setting.choices:
            raise ConfigError(f"{path}: {raw!r} must be one of {', '.join(setting.choices)}")
        if kind is Kind.DATE:
            return check_date(value, where=f"{path}: ")
        if kind is Kind.STYLE:  # a built-in one in any case, as the checks compare lower case
            return value.lower() if value.lower() in STYLES else value
        return str((base / value).resolve()) if kind is Kind.FOLDER else value
    if kind is Kind.LEVEL:
        return _level(path, raw, value)
    if kind is Kind.LEVELS:
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: {raw!r} must be a table of rule = level")
        levels = {str(rule): _level(path, f"{raw}.{rule}", level) for rule, level in value.items()}
        _rules(path, raw, tuple(levels))
        return levels
    if kind is Kind.SIZE:
        return parse_size(value, where=f"{path}: {raw!r}: ")
    if kind is Kind.SECONDS:
        return check_seconds(value, where=f"{path}: {raw!r}: ")
    if kind is Kind.SCORE:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise ConfigError(f"{path}: {raw!r} must be a number from 0 to 100")
        return float(value)
    raise AssertionError(kind)


def _rules(path: Path, raw: str, patterns: tuple[str, ...]) -> tuple[str, ...]:
    """``patterns`` when each names a rule (or an id the tool reports); else the error, with the
    file and key."""
    from cleanup.rules import ids as ruleids
    from cleanup.rules.loader import load_rules

    ruleids.check(patterns, load_rules(), where=f"{path}: ", key=raw)
    return patterns


def _level(path: Path, raw: str, value: Any) -> Severity:
    if value not in LEVELS:
        raise ConfigError(f"{path}: {raw!r} must be one of {', '.join(LEVELS)}")
    return Severity(value)


@cache
def nearest(folder: Path) -> ConfigFile:
    """The settings file nearest to ``folder`` (itself, then its parents); empty when none."""
    for candidate in (folder, *folder.parents):
        for name in NAMES:
            path = candidate / name
            if path.is_file():
                parsed = parse(path)
                if parsed is not None:
                    return parsed
    return ConfigFile(None, MappingProxyType({}))


def apply(config: Config, settings: Mapping[str, Any]) -> Config:
    """``config`` with ``settings`` (config-file keys) applied."""
    changes: dict[str, Any] = {}
    for key, value in settings.items():
        known = KEYS[key]
        name = known.field
        if known.extends:
            value = (*changes.get(name, getattr(config, name)), *value)
        elif known.setting.kind is Kind.LEVELS:
            value = MappingProxyType({**config.severities, **changes.get(name, {}), **value})
        changes[name] = value
    return replace(config, **changes) if changes else config


class Resolver:
    """Each article's Config: defaults, then the nearest file, its per-path tables, then flags."""

    def __init__(self, overrides: Mapping[str, Any], config_file: Path | None = None) -> None:
        unknown = set(overrides) - {f.name for f in fields(Config)}
        assert not unknown, unknown
        self.overrides = dict(overrides)
        self.forced = _forced(config_file) if config_file else None
        self._cache: dict[tuple[Path | None, tuple[int, ...]], Config] = {}
        # recent inputs' files: a run asks three times per input, and resolve() is a system call
        # per path component (0.4 s of a 1,524-article check); bounded, for million-file runs
        self._files: dict[Path, ConfigFile] = {}

    def file_for(self, path: Path) -> ConfigFile:
        if self.forced is not None:
            return self.forced
        found = self._files.get(path)
        if found is None:
            if len(self._files) >= 4096:
                self._files.clear()
            folder = path if path.is_dir() else path.parent
            found = self._files[path] = nearest(folder.resolve())
        return found

    def __call__(self, path: Path) -> Config:
        found = self.file_for(path)
        chosen: tuple[int, ...] = ()
        if found.per_path:
            try:
                relative = PurePosixPath(path.resolve().relative_to(found.root).as_posix())
            except ValueError:
                relative = PurePosixPath(path.name)
            chosen = tuple(
                i for i, (globs, _) in enumerate(found.per_path) if glob_matches(relative, globs)
            )
        key = (found.path, chosen)
        if key not in self._cache:
            config = apply(Config(), found.settings)
            for i in chosen:
                config = apply(config, found.per_path[i][1])
            self._cache[key] = replace(config, **self._flags(config))
        return self._cache[key]

    def _flags(self, config: Config) -> dict[str, Any]:
        """The command line's settings over ``config``: files (``--gazetteer``) add to the
        settings file's list instead of replacing it."""
        flags = dict(self.overrides)
        for name, value in flags.items():
            if SETTINGS[name].kind is Kind.FILES:
                flags[name] = tuple(dict.fromkeys((*getattr(config, name), *value)))
        return flags


def _forced(path: Path) -> ConfigFile:
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    parsed = parse(path)
    if parsed is None:
        raise ConfigError(f"{path}: has no [tool.cleanup] table")
    return parsed


def show(config: Config, found: ConfigFile) -> str:
    """`cleanup config`: where the settings come from and each effective value, as TOML."""
    lines = [f"# settings file: {found.path or 'none (defaults)'}"]
    for name, setting in SETTINGS.items():
        value = getattr(config, name)
        key = setting.key
        lines.append(f"# {key} (not set)" if value is None else f"{key} = {_toml(value)}")
    if found.include or found.exclude:
        lines.append(f"include = {_toml(found.include)}")
        lines.append(f"exclude = {_toml(found.exclude)}")
    for globs, settings in found.per_path:
        lines.append(f"# [[per-path]] paths = {_toml(globs)}: {_toml(dict(settings))}")
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if value is None:
        return '""  # not set'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Severity):
        return f'"{value.value}"'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Mapping):
        items = ", ".join(f'"{k}" = {_toml(v)}' for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    return "[" + ", ".join(_toml(v) for v in value) + "]"
