"""What the package imports, pyproject.toml declares: an install from it has every module."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from tests.paths import ROOT

# Imported directly but brought by a declared dependency that cannot work without it.
BROUGHT = {"pyarrow": "ray[data]: Ray Data's blocks are pyarrow tables (cleanup/engines/ray.py)"}


def _normalized(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name is not None, requirement
    return re.sub(r"[-_.]+", "-", name.group()).lower()


def test_every_third_party_import_is_a_declared_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"]]
    requirements += [r for extra in project["optional-dependencies"].values() for r in extra]
    declared = {_normalized(r) for r in requirements}
    distributions = importlib.metadata.packages_distributions()
    undeclared: dict[str, str] = {}
    for path in sorted((ROOT / "cleanup").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top == "cleanup" or top in BROUGHT:
                    continue
                names = {_normalized(d) for d in distributions.get(top, [top])}
                if not names & declared:
                    undeclared[top] = str(path.relative_to(ROOT))
    assert undeclared == {}
