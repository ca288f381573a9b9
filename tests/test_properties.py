"""Properties over arbitrary text: no exception, idempotent `fix`, changes only inside reported
edits, and findings whose offsets and text agree with the input."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import clean

# Text that looks like what scrapers produce: mojibake-prone characters, quotes, dots, spaces,
# newlines, several scripts.
ALPHABET = st.sampled_from(
    list("abcXYZ .,;:!?'\"\n\t-")
    + list("“”‘’…—–«»„")
    + list("ÃÂ©â€™ń≠¬╔├┤Äöüéł")
    + list("СергейЛавров")
    + list("习近平。，")
    + ["..", "  ", "\n\n\n\n", " ..", ",’H", "\r\n"]
)
TEXTS = st.lists(ALPHABET, max_size=80).map("".join) | st.text(max_size=200)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_fix_is_idempotent(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@SETTINGS
@given(TEXTS)
def test_output_differs_only_inside_reported_edits(text: str) -> None:
    """The text between edited spans reappears in the output, in order, with only the edits'
    replacements between: a fullmatch of the untouched pieces with anything in the gaps."""
    result = clean(text)
    pieces, pos = [], 0
    for start, end in merged([(f.start, f.end) for f in result.edits]):
        pieces.append(re.escape(text[pos:start]))
        pos = end
    pieces.append(re.escape(text[pos:]))
    assert re.fullmatch("(.*?)".join(pieces), result.text, flags=re.DOTALL)


@SETTINGS
@given(TEXTS)
def test_findings_lie_inside_the_text_and_quote_it(text: str) -> None:
    result = clean(text)
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
