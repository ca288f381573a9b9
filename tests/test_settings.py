"""One definition per setting: the metadata on each Config field makes its settings-file key, its
command-line option and its part in the result cache's key (cleanup/settings/fields.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click
import pytest

from cleanup.cli.main import cli
from cleanup.cli.options import make_config
from cleanup.core.document import Document
from cleanup.io import cache
from cleanup.settings import files
from cleanup.settings.config import SETTINGS, Config
from cleanup.settings.fields import Kind, Setting

# a value of each kind, as a settings file writes it (TOML) and as an option takes it
IN_A_FILE = {
    Kind.RULES: '["names"]',
    Kind.LEVELS: '{ "names" = "error" }',
    Kind.LEVEL: '"error"',
    Kind.SCORE: "50",
    Kind.STR: '"other"',
    Kind.STYLE: '"bbc"',
    Kind.DATE: '"2022"',
    Kind.FOLDER: '"folder"',
    Kind.FILES: '["names.yaml"]',
    Kind.SIZE: '"4M"',
    Kind.SECONDS: "5",
}
ON_THE_COMMAND_LINE = {
    Kind.RULES: "names",
    Kind.LEVEL: "error",
    Kind.SCORE: "50",
    Kind.STR: "other",
    Kind.DATE: "2022",
    Kind.FOLDER: "folder",
    Kind.FILES: "names.yaml",
    Kind.SIZE: "4M",
    Kind.SECONDS: "5",
}


def in_a_file(name: str, setting: Setting) -> str:
    if setting.kind is Kind.BOOL:
        return "false" if getattr(Config(), name) else "true"
    if setting.kind is Kind.CHOICE:
        return f'"{setting.choices[-1]}"'
    return IN_A_FILE[setting.kind]


def from_the_file(tmp_path: Path, name: str) -> Config:
    """The Config whose field ``name`` alone a settings file changes."""
    setting = SETTINGS[name]
    folder = tmp_path / name
    folder.mkdir()
    (folder / "cleanup.toml").write_text(f"{setting.key} = {in_a_file(name, setting)}\n")
    return files.Resolver({})(folder / "a.txt")


def test_every_config_field_is_a_setting_and_every_key_sets_one() -> None:
    assert list(SETTINGS) == [f.name for f in dataclasses.fields(Config)]
    own = {s.key: name for name, s in SETTINGS.items()}
    extending = {s.extend_key: name for name, s in SETTINGS.items() if s.extend_key}
    assert {key: k.field for key, k in files.KEYS.items()} == {**own, **extending}
    assert [key for key, k in files.KEYS.items() if k.extends] == ["extend-ignore"]
    assert not set(files.KEYS) & (files.FILE_ONLY | files.PER_PATH_ONLY)
    assert SETTINGS["use_cache"].key == "cache" and SETTINGS["fail_on"].key == "fail-on"


def test_a_settings_file_sets_each_field_by_its_key(tmp_path: Path) -> None:
    default = Config()
    for name in SETTINGS:
        config = from_the_file(tmp_path, name)
        changed = [
            f.name
            for f in dataclasses.fields(Config)
            if getattr(config, f.name) != getattr(default, f.name)
        ]
        assert changed == [name]


def test_the_cache_key_has_the_settings_the_metadata_says(tmp_path: Path) -> None:
    document = Document.from_text("He left the room. .. Then he returned.\n")
    default = cache.key(document, Config())
    in_key = {
        name for name in SETTINGS if cache.key(document, from_the_file(tmp_path, name)) != default
    }
    assert in_key == {name for name, s in SETTINGS.items() if s.in_cache_key}
    assert set(SETTINGS) - in_key == {
        "cache_dir",
        "use_cache",
        "fail_on",
        "min_score",
        "report_unused_suppressions",
        "max_size",
        "languagetool_timeout",
        "source_field",  # which field: the source text it reads is in the key itself
    }


def command(name: str) -> click.Command:
    assert isinstance(cli, click.Group)
    found = cli.get_command(click.Context(cli), name)
    assert found is not None
    return found


@pytest.mark.parametrize("name", ["fix", "check", "review"])
def test_the_commands_options_are_the_settings(name: str) -> None:
    options = {p.name for p in command(name).params if p.name in SETTINGS}
    expected = {
        field
        for field, s in SETTINGS.items()
        if s.option is not None and (name == "check" or not s.option.check_only)
    }
    assert options == expected
    shown = {opt for p in command(name).params for opt in (*p.opts, *p.secondary_opts)}
    for field in expected:
        option = SETTINGS[field].option
        assert option is not None
        assert set(option.flag.split("/")) <= shown


def test_each_option_sets_its_own_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEANUP_LANGUAGETOOL_URL", raising=False)
    check = command("check")
    for name, setting in SETTINGS.items():
        option = setting.option
        if option is None:
            continue
        flag = option.flag.split("/")[0]
        args: list[Any] = [flag]
        if setting.kind is Kind.CHOICE:
            args.append(setting.choices[-1])
        elif setting.kind is not Kind.BOOL:
            args.append(ON_THE_COMMAND_LINE[setting.kind])
        with check.make_context("check", [*args, "a.txt"]) as ctx:
            given = {k: v for k, v in ctx.params.items() if k in SETTINGS}
        overrides = make_config(**given).overrides
        assert list(overrides) == [name], flag
        assert overrides[name] != getattr(Config(), name), flag
