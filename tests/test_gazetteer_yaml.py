"""The gazetteer's YAML loader built from libyaml's events gives what PyYAML's own safe loader
with line numbers gives: the same data, types, lines and errors, on shipped and tricky files."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from cleanup.gazetteer.reading import shipped_files
from cleanup.io.yaml_events import LineDict, _LineLoader, _SafeLoader, load_plain_yaml, load_yaml
from cleanup.rules.loader import rules_dir

TRICKY = [
    "",
    "# only a comment\n",
    "---\n",
    "--- hello\n",
    "entries:\n  - name: Kyiv\n    kind: place\n    wrong: [Kiev]\n",
    "entries: [{name: Fred, accept: [Yuri, Olga, Nina, Tom], short: ~, keep: null}]\n",
    "roles: {a/b: [A B]}\nentries:\n- {name: X Y, roles: [[a/b, 2019, 2019-05-20]]}\n",
    "a: [yes, no, on, off, true, False, Yes, NO, y, n]\n",
    "a: [1, -2, +3, 0x1F, 0o17, 017, 0b101, 1_000, '7', \"8\", 1:30, 190:20:30]\n",
    "a: [1.5, .inf, -.Inf, .NaN, 1e3, 6.8523015e+5, 685.230_15e+03, 1.]\n",
    "a: [2019-05-20, 2001-12-14t21:59:43.10-05:00, '2019']\n",
    "a: [=, '=', <<, ~, '', \"\", '~', !, '&', '*']\n",
    "? a\n? b\n",
    "1: one\n2.5: two\ntrue: three\n~: four\n",
    "a: 1\na: 2\nb: 3\n",
    "- [a, [b, [c, {d: [e]}]]]\n- {x: {y: {z: 1}}}\n",
    "a: &x {k: 1}\nb: *x\n",
    "base: &b {kind: place}\nentries:\n  - <<: *b\n    name: Kyiv\n",
    "a: *nowhere\n",
    "a: &x 1\nb: &x 2\n",
    "a: !!str 1\nb: !!int '2'\nc: !!set {x, y}\n",
    "a: !!python/object:os.system ls\n",
    "a: !custom 1\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n--- [\n",
    "? [a, b]\n: c\n",
    "? {a: b}\n: c\n",
    "a: [b\nc: d\n",
    "a: b: c\n",
    "entries:\n  - name: A\n\tkind: person\n",
    "a: 'unterminated\n",
    "a: [1, 2]]\n",
    "a: = \n",
    "x: 0o8\n",
    "[" * 40 + "]" * 40 + "\n",
    "[" * 70 + "]" * 70 + "\n",
    "[" * 400 + "]" * 400 + "\n",
    "a:\n" + "".join("  " * i + "- \n" for i in range(1, 80)),
    "name: Ørsted\nwrong: [Orsted, 'O’Rsted']\n",
    "%YAML 1.1\n---\na: 1\n...\n",
    "a: |\n  block\n  text\nb: >\n  folded\n  text\n\"quoted key\": 'x'  # note\n",
    "? complex\n: value\n[a, b]: c\n",
    "a: [-1, -, -.5, +, ., '.', ~~, 'null', Null, NULL, nULL, TRUE, tRUE]\n",
]


def _outcome(load: Any, text: str) -> Any:
    try:
        return ("ok", _shape(load(text)))
    except (yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (mark.line, mark.column) if mark else None
        return ("error", type(exc).__name__, getattr(exc, "problem", None), where)


def _shape(value: Any) -> Any:
    """The value with every type and every mapping's line made visible (nan compared as text)."""
    if isinstance(value, dict):
        items = [(_shape(k), _shape(v)) for k, v in value.items()]
        return ("dict", type(value).__name__, getattr(value, "line", None), items)
    if isinstance(value, list):
        return ("list", [_shape(v) for v in value])
    if isinstance(value, set):
        return ("set", sorted(map(repr, value)))
    return (type(value).__name__, repr(value))


def _plain(text: str) -> Any:
    return yaml.load(text, Loader=_LineLoader)


@pytest.mark.parametrize("text", TRICKY)
def test_event_loader_gives_what_the_line_loader_gives(text: str) -> None:
    assert _outcome(load_yaml, text) == _outcome(_plain, text)


@pytest.mark.parametrize("text", TRICKY)
def test_plain_event_loader_gives_what_the_safe_loader_gives(text: str) -> None:
    """load_plain_yaml (the rule files) builds plain dicts, dates as dates, as the loader does."""
    assert _outcome(load_plain_yaml, text) == _outcome(lambda t: yaml.load(t, _SafeLoader), text)


def test_plain_event_loader_reads_the_shipped_rules_as_the_safe_loader() -> None:
    paths = [p for p in rules_dir().rglob("*.yaml") if "gazetteer" not in p.parts]
    assert len(paths) > 5
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _shape(load_plain_yaml(text)) == _shape(yaml.load(text, _SafeLoader)), path


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.name)
def test_event_loader_reads_the_shipped_files_as_the_line_loader(path: Any) -> None:
    text = path.read_text(encoding="utf-8")
    built = load_yaml(text)
    assert isinstance(built, LineDict)
    assert _shape(built) == _shape(_plain(text))
