"""Gazetteer files: the shipped data, user files (YAML/CSV), `gazetteer check` and `import`."""

from __future__ import annotations

import ast
import doctest
import importlib
import json
import pkgutil
from pathlib import Path

import pytest
import yaml

from cleanup.gazetteer.checking import check_files
from cleanup.gazetteer.index import load
from cleanup.gazetteer.matching import match
from cleanup.gazetteer.reading import read_file, shipped_files
from tests.conftest import CliRun
from tests.paths import ROOT

NEWSROOM_YAML = """\
entries:
  - name: Kyiv Independent
    kind: organization
    wrong: [Kiev Independent]
  - name: Ada Wordsworth
    accept: [Ada W. Wordsworth]
    roles: [[us/wh-press-secretary, 2030-01-01]]
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_gazetteer_is_valid_and_large() -> None:
    files = [read_file(p) for p in shipped_files()]
    assert check_files(files) == []
    entries = [e for f in files for e in f.entries]
    assert len(entries) >= 700
    people = [e for e in entries if e.kind == "person"]
    assert len(people) >= 400 and sum(bool(e.roles) for e in people) >= 300


def test_holders_at_a_date() -> None:
    g = load(())
    names = lambda role, date: [e.name for e in g.holders(role, date)]  # noqa: E731
    assert names("us/wh-press-secretary", "2022-02-01") == ["Jen Psaki"]
    assert names("us/wh-press-secretary", "2022-06-01") == ["Karine Jean-Pierre"]
    assert names("de/chancellor", "2024-01-01") == ["Olaf Scholz"]
    assert names("nato/secretary-general", "2025-01-01") == ["Mark Rutte"]
    assert names("ua/president", "2018-01-01") == ["Petro Poroshenko"]


def test_user_yaml_adds_entries_and_roles(tmp_path: Path) -> None:
    path = write(tmp_path / "newsroom.yaml", NEWSROOM_YAML)
    g = load((str(path),))
    (m,) = match(g, "The Kiev Independent reported it.")
    assert m.replacement == "Kyiv Independent" and str(path) in m.reason
    (m,) = match(g, "White House press secretary Ada Wordswort said.", "2031-05-01")
    assert (m.kind, m.replacement) == ("role-anchored", "Ada Wordsworth")


def test_user_csv_corrects_variants(tmp_path: Path) -> None:
    path = write(
        tmp_path / "names.csv",
        "canonical,variants,kind,accepted\nKyiv Post,Kiev Post|KyivPost,organization,\n",
    )
    g = load((str(path),))
    assert [m.replacement for m in match(g, "The Kiev Post and KyivPost.")] == [
        "Kyiv Post",
        "Kyiv Post",
    ]


def test_config_gazetteers_reach_the_pipeline(tmp_path: Path) -> None:
    from cleanup import clean

    path = write(tmp_path / "newsroom.yaml", NEWSROOM_YAML)
    assert clean("The Kiev Independent", gazetteers=(str(path),)).text == "The Kyiv Independent"


def test_check_reports_every_problem_with_line(run_cli: CliRun, tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad.yaml",
        """\
entries:
  - {name: Foo, wrongs: [x]}
  - {name: Bar, roles: [[us/president, 2020-13-01]]}
  - {name: Baz, kind: animal}
  - {name: Qux, roles: [[no/such-role, 2020]]}
  - {name: Kiev Cafe, wrong: [Kyiv]}
""",
    )
    result = run_cli("gazetteer", "check", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert "unknown key 'wrongs'" in lines[0] and "not a date" in lines[1]
    assert "kind must be" in lines[2] and "unknown role 'no/such-role'" in lines[3]
    assert "right spelling of 'Kyiv'" in lines[4]
    assert result.stderr == "5 problems in 1 file (1 collision, 0 duplicates)\n"


def test_check_csv_and_yaml_syntax(run_cli: CliRun, tmp_path: Path) -> None:
    csv_path = write(tmp_path / "a.csv", "canonical,variants,kind\nGood,Goood,person\nBad\n")
    broken = write(tmp_path / "b.yaml", "entries:\n  - {name: [unclosed\n")
    result = run_cli("gazetteer", "check", str(csv_path), str(broken))
    assert result.returncode == 1
    assert f"{csv_path}:3: expected 3 columns, got 1" in result.stdout
    assert f"{broken}:" in result.stdout and "invalid YAML" in result.stdout


def test_check_ok_and_missing_file(run_cli: CliRun, tmp_path: Path) -> None:
    good = write(tmp_path / "newsroom.yaml", NEWSROOM_YAML)
    result = run_cli("gazetteer", "check", str(good))
    assert result.returncode == 0 and "ok: 2 entries" in result.stderr
    missing = run_cli("gazetteer", "check", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "not found" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_fix_with_a_bad_gazetteer_is_one_line_and_exit_2(run_cli: CliRun, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "entries:\n  - {name: Foo, kind: animal}\n")
    article = write(tmp_path / "a.txt", "In Kiev.\n")
    result = run_cli("fix", str(article), "--gazetteer", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{bad}:2" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_fix_with_gazetteer_option(run_cli: CliRun, tmp_path: Path) -> None:
    extra = write(tmp_path / "newsroom.yaml", NEWSROOM_YAML)
    article = write(tmp_path / "a.txt", "The Kiev Independent reported from Kiev.\n")
    result = run_cli("fix", str(article), "--gazetteer", str(extra))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "The Kyiv Independent reported from Kyiv.\n"


WIKIDATA_SPARQL = {
    "head": {"vars": ["item", "itemLabel", "itemAltLabel", "positionLabel", "start", "end"]},
    "results": {
        "bindings": [
            {
                "item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q567"},
                "itemLabel": {"type": "literal", "value": "Angela Merkel"},
                "itemAltLabel": {"type": "literal", "value": "Merkel, Angela Dorothea Merkel"},
                "positionLabel": {"type": "literal", "value": "Chancellor of Germany"},
                "start": {"type": "literal", "value": "2005-11-22T00:00:00Z"},
                "end": {"type": "literal", "value": "2021-12-08T00:00:00Z"},
            },
            {
                "item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q567"},
                "itemLabel": {"type": "literal", "value": "Angela Merkel"},
                "itemAltLabel": {"type": "literal", "value": "Merkel, Angela Dorothea Merkel"},
                "positionLabel": {
                    "type": "literal",
                    "value": "Federal Minister for Women and Youth",
                },
                "start": {"type": "literal", "value": "1991-01-18T00:00:00Z"},
                "end": {"type": "literal", "value": "1994-11-17T00:00:00Z"},
            },
        ]
    },
}


def test_import_sparql_json_makes_a_valid_gazetteer(run_cli: CliRun, tmp_path: Path) -> None:
    export = write(tmp_path / "query.json", json.dumps(WIKIDATA_SPARQL))
    out = tmp_path / "wd.yaml"
    result = run_cli("gazetteer", "import", str(export), "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    (entry,) = data["entries"]
    assert entry["name"] == "Angela Merkel"
    assert entry["accept"] == ["Merkel", "Angela Dorothea Merkel"]
    assert ["wd/chancellor-of-germany", "2005-11-22", "2021-12-08"] in entry["roles"]
    assert data["roles"]["wd/chancellor-of-germany"] == ["Chancellor of Germany"]
    assert run_cli("gazetteer", "check", str(out)).returncode == 0
    g = load((str(out),))
    (m,) = match(g, "Chancellor of Germany Angela Merkle said.", "2010-01-01")
    assert m.replacement == "Angela Merkel"


def test_import_csv_export(run_cli: CliRun, tmp_path: Path) -> None:
    export = write(
        tmp_path / "query.csv",
        "item,itemLabel,itemAltLabel,positionLabel,start,end\n"
        "http://www.wikidata.org/entity/Q1,Ada Wordsworth,A. Wordsworth,"
        "Mayor of Springfield,2019-01-01T00:00:00Z,\n",
    )
    result = run_cli("gazetteer", "import", str(export))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["entries"][0]["roles"] == [["wd/mayor-of-springfield", "2019-01-01"]]


def test_import_rejects_what_is_not_an_export(run_cli: CliRun, tmp_path: Path) -> None:
    bad = write(tmp_path / "x.json", '{"not": "an export"')
    result = run_cli("gazetteer", "import", str(bad))
    assert result.returncode == 2 and "invalid JSON" in result.stderr


# The gazetteer's modules, each importing none but those before it.
LAYERS = [
    "entries",
    "reading",
    "checking",
    "spelling",
    "near",
    "compiled",
    "index",
    "words",
    "scanning",
    "mentions",
    "matching",
    "places",
    "learning",
]
PACKAGE = importlib.import_module("cleanup.gazetteer")
MODULES = sorted(module.name for module in pkgutil.iter_modules(PACKAGE.__path__))
NO_EXAMPLES = {"words"}  # word lists


def test_every_gazetteer_module_is_placed_in_a_layer_or_stands_alone() -> None:
    assert set(MODULES) == {*LAYERS, "wikidata"}


@pytest.mark.parametrize("name", MODULES)
def test_gazetteer_modules_import_only_lower_layers(name: str) -> None:
    tree = ast.parse((ROOT / "cleanup" / "gazetteer" / f"{name}.py").read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            dotted = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "cleanup.gazetteer":
            dotted = [f"cleanup.gazetteer.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            dotted = [node.module or ""]
        else:
            continue
        imported |= {d.split(".")[2] for d in dotted if d.startswith("cleanup.gazetteer.")}
    below = set(LAYERS[: LAYERS.index(name)]) if name in LAYERS else set()
    assert imported <= below, f"{name} imports {sorted(imported - below)}"


@pytest.mark.parametrize("name", ["", *MODULES])
def test_gazetteer_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module("cleanup.gazetteer" + (f".{name}" if name else ""))
    failed, attempted = doctest.testmod(module)
    assert not failed, module.__name__
    assert attempted or name in NO_EXAMPLES, f"{module.__name__} has no examples"
