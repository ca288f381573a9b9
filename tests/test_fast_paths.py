"""Fast paths find exactly what the plain way finds: each is checked against the simple code it
replaced, on real news and on random text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.document import find_quotes
from tests.corpus import articles

OPENING = "“„«"


def quotes_by_character_scan(text: str) -> list[tuple[int, int]]:
    """The original find_quotes: one character at a time."""
    spans, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENING or ch == '"':
            closers = '"' if ch == '"' else ("»" if ch == "«" else "”“" if ch == "„" else "”")
            j = i + 1
            while j < n and text[j] not in closers and not text.startswith("\n\n", j):
                j += 1
            if j < n and text[j] in closers:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def test_find_quotes_agrees_with_a_character_scan_on_real_news() -> None:
    texts = [text for _, _, text in articles()]
    assert [find_quotes(t) for t in texts] == [quotes_by_character_scan(t) for t in texts]
    assert sum(len(find_quotes(t)) for t in texts) > 100  # the news does quote people


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet='ab “”„«»"\n ', max_size=60))
def test_find_quotes_agrees_with_a_character_scan_on_random_text(text: str) -> None:
    assert find_quotes(text) == quotes_by_character_scan(text)
