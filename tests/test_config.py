"""Settings files: nearest wins, flags override, unknown keys are errors, `cleanup config`."""

from __future__ import annotations

import json
from pathlib import Path

from cleanup.core.model import Severity
from cleanup.settings.files import Resolver
from tests.conftest import CliRun

STRAY = "He left the room. .. Then he returned.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_settings_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.cleanup]\nignore = ["encoding"]\nfail-on = "error"\n')
    write(tmp_path / "wire" / "cleanup.toml", 'select = ["punctuation"]\nmin-score = 80\n')
    write(tmp_path / "other" / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.cleanup]
    resolve = Resolver({})
    top = resolve(write(tmp_path / "a.txt", STRAY))
    assert top.ignore == ("encoding",) and top.fail_on is Severity.ERROR
    wire = resolve(write(tmp_path / "wire" / "deep" / "b.txt", STRAY))
    assert wire.select == ("punctuation",) and wire.ignore == () and wire.min_score == 80
    other = resolve(write(tmp_path / "other" / "c.txt", STRAY))
    assert other.ignore == ("encoding",)  # skipped the pyproject without [tool.cleanup]


def test_flags_override_settings_and_per_path_tables_apply(tmp_path: Path) -> None:
    write(
        tmp_path / "cleanup.toml",
        'ignore = ["encoding"]\ngazetteers = ["g/people.yaml"]\n'
        '[severities]\n"punctuation/stray-dots" = "info"\n'
        '[[per-path]]\npaths = ["wire/**"]\nextend-ignore = ["punctuation"]\n',
    )
    resolve = Resolver({"ignore": ("names",)})
    plain = resolve(write(tmp_path / "a.txt", STRAY))
    assert plain.ignore == ("names",)
    assert plain.severities["punctuation/stray-dots"] is Severity.INFO
    assert plain.gazetteers == (str(tmp_path.resolve() / "g" / "people.yaml"),)
    assert Resolver({})(write(tmp_path / "wire" / "b.txt", STRAY)).ignore == (
        "encoding",
        "punctuation",
    )


def test_check_uses_settings_and_flags_win(run_cli: CliRun, tmp_path: Path) -> None:
    write(tmp_path / "cleanup.toml", 'fail-on = "error"\nexclude = ["drafts/**"]\n')
    write(tmp_path / "corpus" / "a.txt", STRAY)
    write(tmp_path / "corpus" / "drafts" / "b.txt", STRAY)
    result = run_cli("check", "corpus", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # only a warning, and the file says error
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["corpus/a.txt"]
    assert run_cli("check", "corpus", "--fail-on", "warning", cwd=tmp_path).returncode == 1


def test_unknown_key_is_an_error_naming_file_and_key(run_cli: CliRun, tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", "[tool.cleanup]\nselect = []\nfial-on = 'error'\n")
    write(tmp_path / "a.txt", STRAY)
    result = run_cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"cleanup: error: {config}: unknown key 'fial-on' in [tool.cleanup] "
        "(did you mean 'fail-on'?)"
    )
    write(tmp_path / "pyproject.toml", "[tool.cleanup]\nfail-on = 'fatal'\n")
    bad = run_cli("check", "a.txt", cwd=tmp_path)
    assert bad.returncode == 2 and "'fail-on' must be one of info, warning, error" in bad.stderr


def test_unknown_key_names_the_closest_known_key(run_cli: CliRun, tmp_path: Path) -> None:
    config = write(tmp_path / "cleanup.toml", 'selct = ["names"]\n')
    result = run_cli("config", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"cleanup: error: {config}: unknown key 'selct' (did you mean 'select'?)\n"
    )
    write(config, '[[per-path]]\npaths = ["*"]\nextend_ignor = ["names"]\n')
    result = run_cli("config", cwd=tmp_path)
    assert result.stderr == (
        f"cleanup: error: {config}: unknown key 'extend_ignor' in [[per-path]] "
        "(did you mean 'extend-ignore'?)\n"
    )


def test_tool_cleanup_table_in_cleanup_toml_says_where_it_belongs(
    run_cli: CliRun, tmp_path: Path
) -> None:
    config = write(tmp_path / "cleanup.toml", '[tool.cleanup]\nselect = ["names"]\n')
    write(tmp_path / "a.txt", STRAY)
    result = run_cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"cleanup: error: {config}: [tool.cleanup] is for pyproject.toml; in cleanup.toml write "
        "the keys at top level\n"
    )


def test_config_command_shows_effective_settings(run_cli: CliRun, tmp_path: Path) -> None:
    config = write(tmp_path / "cleanup.toml", 'select = ["names"]\n[severities]\nnames = "error"\n')
    result = run_cli("config", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"# settings file: {config}" in result.stdout
    assert 'select = ["names"]' in result.stdout
    assert 'severities = { "names" = "error" }' in result.stdout
    assert 'fail-on = "warning"' in result.stdout


def test_config_output_is_itself_a_valid_settings_file(run_cli: CliRun, tmp_path: Path) -> None:
    write(tmp_path / "cleanup.toml", 'ignore = ["names"]\nmin-score = 75\n')
    shown = run_cli("config", cwd=tmp_path).stdout
    copy = write(tmp_path / "copy" / "cleanup.toml", shown)
    assert Resolver({})(copy.parent / "a.txt") == Resolver({})(tmp_path / "a.txt")
