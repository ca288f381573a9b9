"""The shape of the code: no import cycle, arrows only downward, small modules.

Every import counts, also those inside functions and under TYPE_CHECKING: a cycle that only
type-checks or only runs late is still a cycle a reader has to untangle.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import ROOT

PACKAGE = ROOT / "cleanup"
MAX_LINES = 600

# importer -> what it must never import (the arrows: cli → commands → engines → article →
# core/stages → rules and gazetteer data; reports read results, never stages)
FORBIDDEN = {
    "cleanup.core": (
        "cleanup.cli",
        "cleanup.commands",
        "cleanup.engines",
        "cleanup.article",
        "cleanup.stages",
        "cleanup.report",
        "cleanup.gate",
        "cleanup.io",
    ),
    # rules are data and import no stage (their example runner runs the core pipeline)
    "cleanup.rules": (
        "cleanup.cli",
        "cleanup.commands",
        "cleanup.engines",
        "cleanup.article",
        "cleanup.stages",
        "cleanup.report",
    ),
    "cleanup.gazetteer": (
        "cleanup.cli",
        "cleanup.commands",
        "cleanup.engines",
        "cleanup.article",
        "cleanup.stages",
        "cleanup.core.pipeline",
    ),
    "cleanup.stages": (
        "cleanup.cli",
        "cleanup.commands",
        "cleanup.engines",
        "cleanup.article",
        "cleanup.report",
        "cleanup.gate",
    ),
    "cleanup.report": ("cleanup.cli", "cleanup.commands", "cleanup.engines", "cleanup.stages"),
    "cleanup.gate": ("cleanup.cli", "cleanup.commands", "cleanup.stages"),
    "cleanup.article": ("cleanup.cli", "cleanup.commands", "cleanup.engines"),
    "cleanup.engines": ("cleanup.cli", "cleanup.commands"),
    "cleanup.commands": ("cleanup.cli",),
    "cleanup.settings": ("cleanup.cli", "cleanup.commands", "cleanup.engines", "cleanup.stages"),
    "cleanup.io": ("cleanup.cli", "cleanup.commands", "cleanup.engines", "cleanup.stages"),
    "cleanup.languagetool": (
        "cleanup.cli",
        "cleanup.commands",
        "cleanup.engines",
        "cleanup.stages",
    ),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
    """The cleanup modules ``path`` imports, anywhere in it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from cleanup.x import y` imports the module cleanup.x.y when there is one
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
            ]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(path, known) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_no_import_cycle_in_cleanup() -> None:
    assert cycles(graph()) == []


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_imports_only_point_down_the_layers() -> None:
    wrong = sorted(
        f"{importer} imports {imported}"
        for importer, targets in graph().items()
        for layer, banned in FORBIDDEN.items()
        if _under(importer, layer)
        for imported in targets
        if any(_under(imported, b) and not _under(imported, layer) for b in banned)
    )
    assert wrong == []


def test_no_module_is_over_600_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
