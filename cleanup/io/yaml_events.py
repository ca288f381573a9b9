"""YAML for gazetteers and rule files. :func:`load_yaml` is ``yaml.load`` with a safe loader whose
mappings remember the line they start on (:class:`LineDict`), so problems in a gazetteer can name
it; :func:`load_plain_yaml` gives plain dicts, for rule files.

It builds the data from libyaml's events in one loop: a Python constructor call per node (the
plain way to keep lines) made a 100,000-entry file take 5.5 s to load, the events take 1.4 s.
Anything that loop does not handle the way PyYAML's safe constructor would (anchors, aliases,
explicit tags, merge keys, several documents, a value the constructor refuses, deep nesting)
loads the plain way, so the data, and every error, stay PyYAML's.

>>> data = load_yaml("entries:\\n  - {name: Kyiv, roles: [[x, 2019]], short: ~}\\n")
>>> data["entries"][0], data["entries"][0].line
({'name': 'Kyiv', 'roles': [['x', 2019]], 'short': None}, 2)
>>> load_yaml("a: &x 1\\nb: *x\\n")  # an alias: PyYAML's own loader
{'a': 1, 'b': 1}
"""

from __future__ import annotations

from typing import Any, cast

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode


class LineDict(dict[str, Any]):
    line = 0


# libyaml's parser when PyYAML has it: a 100,000-entry file loads several times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader whose mappings remember their line, so problems can name it."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    result = LineDict(cast("dict[str, Any]", loader.construct_mapping(node, deep=True)))
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: YAML would turn 2019-05-20 into a datetime.date.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# the implicit types of plain scalars the event loop builds (with the safe constructor's own
# functions); any other resolved tag (merge "<<", value "=", ...) loads the plain way
_TYPES = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float")}
_STR = "tag:yaml.org,2002:str"
# deeper than this loads the plain way, which runs out of stack as it always did
_MAX_DEPTH = 64
_NO_KEY = object()
_IN_LIST = object()


class _Unusual(Exception):
    """Something the event loop leaves to PyYAML's own loader."""


def load_yaml(text: str) -> Any:
    """``yaml.load(text)`` with a safe loader, every mapping a :class:`LineDict`, dates strings.

    Raises what ``yaml.load`` raises (``yaml.YAMLError``, ``RecursionError``)."""
    try:
        return _from_events(text, _LineLoader)
    except _Unusual:
        return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass


def load_plain_yaml(text: str) -> Any:
    """``yaml.load(text)`` with PyYAML's safe loader (libyaml's when it has it), built by the same
    loop: the rule files load in half the time.

    >>> load_plain_yaml("a: [1, x, 2019-05-20]\\n")
    {'a': [1, 'x', datetime.date(2019, 5, 20)]}
    """
    try:
        return _from_events(text, _SafeLoader)
    except _Unusual:
        return yaml.load(text, Loader=_SafeLoader)


def _from_events(text: str, loader: Any) -> Any:
    """The document built from the parser's events, as ``loader`` (:class:`_LineLoader`, or
    the plain safe loader: plain dicts) would build it.

    A parse error is raised as is: the plain loader meets it first as well, since it composes
    the whole document before constructing anything and only anchors, aliases and a second
    document (all left to it) make its composer fail."""
    resolvers = loader.yaml_implicit_resolvers
    if None in resolvers or loader.yaml_path_resolvers:
        raise _Unusual  # resolution that depends on more than a scalar's first character
    lines = loader is _LineLoader
    constructor: Any = None
    stack: list[Any] = []  # the containers being filled, innermost last
    # each one's pending key (_NO_KEY: the next value is a key; _IN_LIST: it is a list)
    keys: list[Any] = []
    root: Any = None
    documents = 0
    event: Any
    for event in yaml.parse(text, Loader=_SafeLoader):
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            value: Any = event.value
            if event.implicit[0]:  # plain: typed by the same resolvers as the loader's
                tag = _STR
                for candidate, pattern in resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        tag = candidate
                        break
                if tag != _STR:
                    if tag not in _TYPES:
                        raise _Unusual
                    if constructor is None:
                        constructor = loader("")
                    node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
                    try:
                        value = constructor.construct_object(node)
                    except Exception as exc:  # its error only after a parse error, if any
                        raise _Unusual from exc
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(stack) >= _MAX_DEPTH:
                raise _Unusual
            if keys and keys[-1] is _NO_KEY:
                raise _Unusual  # a mapping or list as a key
            if kind is MappingStartEvent:
                if lines:
                    stack.append(LineDict())
                    stack[-1].line = event.start_mark.line + 1
                else:
                    stack.append({})
                keys.append(_NO_KEY)
            else:
                stack.append([])
                keys.append(_IN_LIST)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = stack.pop()
            keys.pop()
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual  # the loader's "expected a single document"
            continue
        elif kind is StreamStartEvent or kind is StreamEndEvent or kind is DocumentEndEvent:
            continue
        else:  # an alias
            raise _Unusual
        if not stack:
            root = value
        elif keys[-1] is _IN_LIST:
            stack[-1].append(value)
        elif keys[-1] is _NO_KEY:
            keys[-1] = value
        else:
            stack[-1][keys[-1]] = value
            keys[-1] = _NO_KEY
    return root
