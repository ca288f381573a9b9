"""Work grows linearly with the input: doubling an article at most about doubles what the pipeline
does. The work is counted, not timed, so the tests hold on a busy machine: the lines of Python
run (sys.settrace); the characters that calls of the module-level patterns of cleanup/ may cover
(a pattern that scans to a paragraph's end for every unclosed quote runs in C, where no line is
counted); and the characters that str methods read of the article (searching back for a space
from every full stop of a paragraph without one, say). Each shape below once took time quadratic
in its length (docs/benchmarks.md, "Linear time"); the fast paths that fixed them are checked
against the plain code they replaced (tests/reference.py)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.document import Document, TextView, split_sentences
from cleanup.core.edits import SpanIndex, carry_spans, overlaps
from cleanup.core.pipeline import process
from cleanup.core.registry import CompiledRules
from cleanup.rules.loader import Ruleset, parse_rule
from cleanup.settings.config import Config
from cleanup.stages import compile_rules
from cleanup.stages.artifacts import consistency
from tests import reference
from tests.corpus import articles
from tests.paths import SEED

# doubling the input may cost at most this much more work (as the benchmark's time target)
MAX_GROWTH = 2.3


class CountedPattern:
    """A compiled pattern that adds to ``tally`` the characters each call may cover: a search up
    to the end of its match (or of the text), a match its length, the other calls their range."""

    def __init__(self, pattern: re.Pattern[str], tally: list[int]) -> None:
        self._pattern = pattern
        self._tally = tally

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def _add(self, n: int) -> None:
        self._tally[0] += max(n, 1)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        m = self._pattern.search(text, pos, endpos)
        self._add((m.end() if m else min(endpos, len(text))) - pos)
        return m

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        m = self._pattern.match(text, pos, endpos)
        self._add(m.end() - pos if m else 1)
        return m

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._add(min(endpos, len(text)) - pos)
        return self._pattern.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._add(min(endpos, len(text)) - pos)
        return self._pattern.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._add(min(endpos, len(text)) - pos)
        return self._pattern.findall(text, pos, endpos)

    def sub(self, repl: Any, text: str, count: int = 0) -> Any:
        self._add(len(text))
        return self._pattern.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> Any:
        self._add(len(text))
        return self._pattern.split(text, maxsplit)


class CountedText(str):
    """The text of a document whose str methods add to ``tally`` the characters they may read: a
    search up to what it finds (or the end of its range), a slice its length, a method that
    reads the whole text (lower, split...) its length."""

    def __new__(cls, text: str, tally: list[int]) -> CountedText:
        counted = super().__new__(cls, text)
        counted.tally = tally
        return counted

    def _add(self, n: int) -> None:
        self.tally[0] += max(n, 1)

    def _range(self, start: int | None, end: int | None) -> tuple[int, int]:
        return slice(start, end).indices(len(self))[:2]

    def find(self, sub: str, start: Any = None, end: Any = None) -> int:
        found = super().find(sub, start, end)
        begin, stop = self._range(start, end)
        self._add((found + len(sub) if found >= 0 else stop) - begin)
        return found

    def rfind(self, sub: str, start: Any = None, end: Any = None) -> int:
        found = super().rfind(sub, start, end)
        begin, stop = self._range(start, end)
        self._add(stop - (found if found >= 0 else begin))
        return found

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:
        begin, stop = self._range(start, end)
        self._add(stop - begin)
        return super().count(sub, start, end)

    def __contains__(self, sub: object) -> bool:
        self._add(len(self))
        return super().__contains__(sub)  # type: ignore[operator]

    def __getitem__(self, key: Any) -> str:
        part = super().__getitem__(key)
        self._add(len(part))
        return part


def _reading_whole(name: str) -> Callable[..., Any]:
    method = getattr(str, name)

    def counted(self: CountedText, *args: Any, **kwargs: Any) -> Any:
        self._add(len(self))
        return method(self, *args, **kwargs)

    return counted


for _name in (
    "lower upper casefold strip lstrip rstrip split rsplit splitlines partition rpartition "
    "replace encode translate isascii isspace isalpha isalnum isdigit isupper islower"
).split():
    setattr(CountedText, _name, _reading_whole(_name))


def _count_patterns(monkeypatch: pytest.MonkeyPatch, tally: list[int]) -> None:
    """Every pattern that a module of cleanup/ holds (alone, or in a dict or tuple of patterns)
    counts its calls into ``tally``."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("cleanup") or module is None:
            continue
        for attr, value in list(vars(module).items()):
            counted: object
            if isinstance(value, re.Pattern):
                counted = CountedPattern(value, tally)
            elif isinstance(value, dict) and _all_patterns(value.values()):
                counted = {k: CountedPattern(v, tally) for k, v in value.items()}
            elif isinstance(value, tuple) and _all_patterns(value):
                counted = tuple(CountedPattern(v, tally) for v in value)
            else:
                continue
            monkeypatch.setattr(module, attr, counted)


def _all_patterns(values: Iterable[object]) -> bool:
    values = list(values)
    return bool(values) and all(isinstance(v, re.Pattern) for v in values)


def _work(
    monkeypatch: pytest.MonkeyPatch, compiled: CompiledRules, document: Document
) -> tuple[int, int]:
    """(lines of Python run, characters read by the patterns and by str methods on the text)
    while ``document`` is processed."""
    lines = [0]

    def line(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        lines[0] += 1
        return line

    def call(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        return line

    characters = [0]
    document.text = CountedText(document.text, characters)
    with monkeypatch.context() as patch:
        _count_patterns(patch, characters)
        before = sys.gettrace()
        sys.settrace(call)
        try:
            process(document, compiled)
        finally:
            sys.settrace(before)
    return lines[0], characters[0]


def _code_spans(text: str) -> Document:
    """A Markdown-like document whose `code` spans are protected (no edit may touch them)."""
    document = Document.from_text(text)
    document.protected = [m.span() for m in re.finditer(r"`[^`]*`", text)]
    return document


_SEED_TEXT = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n\n"

# each shape's article n times over: the shapes of the issue, and two more that reach the spans
# carried from stage to stage and the protected spans
SHAPES: dict[str, Callable[[int], Document]] = {
    "contraction-split": lambda n: Document.from_text("do n't " * 1000 * n),
    "mojibake": lambda n: Document.from_text("Sergeń≠ " * 1000 * n),
    "abbreviations-in-one-caps-line": lambda n: Document.from_text("US U.S. " * 1000 * n),
    "unclosed-quotes": lambda n: Document.from_text("“" * 5000 * n),
    "edits-in-two-stages": lambda n: Document.from_text("Sergeń≠ do n't " * 1000 * n),
    "edits-beside-protected-code": lambda n: _code_spans("do n't `x` " * 1000 * n),
    "full-stops-without-spaces": lambda n: Document.from_text("中文.\n" * 1000 * n),
    "repeated-article": lambda n: Document.from_text(_SEED_TEXT * 8 * n),
}


@pytest.fixture(scope="module")
def compiled() -> CompiledRules:
    rules = compile_rules(Config())
    # the first document loads the gazetteer, the language models and lazily built patterns
    process(Document.from_text(_SEED_TEXT + "Sergeń≠ do n't “US U.S."), rules)
    return rules


@pytest.mark.parametrize("shape", SHAPES)
def test_doubling_an_article_at_most_doubles_the_work(
    shape: str, compiled: CompiledRules, monkeypatch: pytest.MonkeyPatch
) -> None:
    make = SHAPES[shape]
    lines, characters = _work(monkeypatch, compiled, make(1))
    lines_2, characters_2 = _work(monkeypatch, compiled, make(2))
    assert lines_2 / lines <= MAX_GROWTH, (lines, lines_2)
    assert characters_2 / characters <= MAX_GROWTH, (characters, characters_2)


# --- the fast paths find what the plain code found -----------------------------------------


@st.composite
def _edits(draw: st.DrawFn, size: int = 12) -> list[tuple[int, int, str]]:
    """Edits of a text of ``size`` characters that the pipeline could choose together."""
    proposed = draw(st.lists(st.tuples(st.integers(0, size), st.integers(0, 3)), max_size=6))
    spans = reference.chosen_pairwise([(s, min(size, s + n)) for s, n in proposed])
    return [(s, e, draw(st.text("xy", max_size=3))) for s, e in spans]


def _spans(size: int = 12) -> st.SearchStrategy[list[tuple[int, int]]]:
    span = st.tuples(st.integers(0, size), st.integers(0, size)).map(lambda s: (min(s), max(s)))
    return st.lists(span, max_size=6)


@settings(max_examples=500, deadline=None)
@given(_spans(), _edits())
def test_spans_carried_over_edits_are_those_found_by_walking_every_edit(
    spans: list[tuple[int, int]], edits: list[tuple[int, int, str]]
) -> None:
    assert carry_spans(spans, edits) == reference.carried_edit_by_edit(spans, edits)


@settings(max_examples=500, deadline=None)
@given(_spans(), _spans())
def test_protected_spans_block_the_edits_that_overlap_one_of_them(
    protected: list[tuple[int, int]], edits: list[tuple[int, int]]
) -> None:
    index = SpanIndex(protected)
    for edit in edits:
        assert index.overlaps_any(edit) == any(overlaps(edit, p) for p in protected)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 3)), max_size=8))
def test_the_pipeline_applies_the_edits_a_pairwise_comparison_chooses(
    proposed: list[tuple[int, int]],
) -> None:
    text = "abcdefghijkl"
    edits = [(s, min(len(text), s + n)) for s, n in proposed]
    rule = parse_rule(
        {
            "id": "x/edit",
            "category": "style",
            "severity": "info",
            "message": "Edit",
            "fix": "safe",
            "examples": {},
            "detector": {"python": "x.edit"},
        },
        "test",
    )

    def detector(view: Any, rules: Any, context: Any) -> Iterator[Any]:
        if view.text == text:  # the first round only: then the text has changed
            for s, e in edits:
                yield rules[0].finding(view, s, e, replacement="-")

    compiled = CompiledRules.build(Config(), Ruleset({rule.id: rule}), {"x.edit": detector})
    applied = [(f.start, f.end) for f in process(Document.from_text(text), compiled).edits]
    assert sorted(set(applied)) == reference.chosen_pairwise(edits)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="US.\naz ", max_size=40))
def test_capitals_tested_once_per_line_give_each_position_the_answer_of_its_line(
    text: str,
) -> None:
    positions = [i for i, ch in enumerate(text) if ch != "\n"]
    expected = [consistency.in_caps_line(text, p) for p in positions]
    assert list(consistency.in_caps_lines(text, positions)) == expected
    caps = [m.span() for m in reference.CAPS_LINES.finditer(text)]
    assert expected == [any(s <= p < e for s, e in caps) for p in positions]


def _sentences_both_ways(text: str) -> None:
    for start, end in TextView(text).paragraphs:
        expected = reference.sentences_word_by_word(text, start, end)
        assert split_sentences(text, start, end) == expected


def test_sentences_are_split_as_before_on_real_news() -> None:
    for _, _, text in articles():
        _sentences_both_ways(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab MrUSİ.!?“”‘\"'(\n\t中", max_size=60))
def test_sentences_are_split_as_before_on_random_text(text: str) -> None:
    _sentences_both_ways(text)
