"""The encoding stage: ftfy's own cases still pass, mojibake in further code pages is repaired,
and correctly written text is never touched."""

from __future__ import annotations

import gzip
import json

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.document import Document
from cleanup.core.pipeline import process
from cleanup.settings.config import Config
from cleanup.stages import compile_rules
from cleanup.stages.codepages import repair_line, repair_token
from cleanup.stages.encoding import NEWS_SAFE, may_need_ftfy
from tests.corpus import articles as corpus_articles
from tests.paths import DATA, SHARED

FTFY_CASES = SHARED / "data" / "ftfy-cases"
MQM = SHARED / "data" / "mqm-zhen-wmt23" / "units.jsonl.gz"
ENCODING_ONLY = Config(select=("encoding",))
ENCODING_RULES = compile_rules(ENCODING_ONLY)
# Typography ftfy's default applies and the news-safe stage does not, to compare like with like.
TYPOGRAPHY_ONLY = ftfy.TextFixerConfig(
    fix_encoding=False,
    unescape_html=False,
    restore_byte_a0=False,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=False,
    fix_c1_controls=False,
)
CODEPAGES = (
    "mac_latin2", "mac_cyrillic", "cp437", "cp850", "cp866", "koi8_r", "cp1250", "cp1251",
    "iso8859_2",
)  # fmt: skip


def fix_encoding(text: str) -> str:
    return process(Document(text), ENCODING_RULES).text


def _load_cases() -> list[dict[str, str]]:
    if not FTFY_CASES.is_dir():
        pytest.fail(f"ftfy's test cases are missing: {FTFY_CASES}")
    cases = []
    for path in sorted(FTFY_CASES.glob("*.json")):
        cases += [dict(c, file=path.stem) for c in json.loads(path.read_text(encoding="utf-8"))]
    return cases


def _matches(case: dict[str, str], output: str) -> bool:
    if output == case.get("fixed-encoding"):
        return True
    return bool(ftfy.fix_text(output, TYPOGRAPHY_ONLY) == case["fixed"])


CASES = _load_cases()


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=f"{c['file']}:{c['label'][:60]}") for c in CASES if c["expect"] == "pass"],
)
def test_ftfy_passing_case_still_passes(case: dict[str, str]) -> None:
    ours = fix_encoding(case["original"])
    if _matches(case, ours):
        return
    # The cases come from a newer ftfy than the one on PyPI; where the installed ftfy fails a case
    # by itself (it removes U+001A, newer ftfy keeps it), that is not a regression of ours.
    baseline = ftfy.fix_text(case["original"])
    assert not _matches(case, baseline), f"{case['label']}: {case['original']!r} → {ours!r}"


def test_ftfy_known_failures_we_fix_are_counted() -> None:
    gains = [
        c["label"]
        for c in CASES
        if c["expect"] == "fail" and _matches(c, fix_encoding(c["original"]))
    ]
    # A gain worth recording; this pins the number so a regression shows.
    assert len(gains) >= 1, gains


def test_seed_mojibake_is_mac_central_european() -> None:
    assert repair_token("Sergeń≠") == ("Sergeĭ", "mac_latin2")
    assert ftfy.fix_text("Sergeń≠") == "Sergeń≠"  # ftfy alone does not fix it


def test_repair_reason_names_the_code_page() -> None:
    result = process(Document("Minister Sergeń≠ Viklov."), ENCODING_RULES)
    (edit,) = result.edits
    assert edit.rule == "encoding/mojibake"
    assert "Mac Central European" in edit.reason and "Sergeń≠ → Sergeĭ" in edit.reason


def test_roundtrip_of_news_sentences_in_legacy_code_pages_is_at_least_95_percent() -> None:
    sentences = (DATA / "news_sentences_nonascii.txt").read_text(encoding="utf-8").splitlines()
    total = ok = 0
    for codepage in CODEPAGES:
        for sentence in filter(None, sentences):
            try:
                corrupt = sentence.encode("utf-8").decode(codepage)
            except UnicodeDecodeError:
                continue  # a byte this code page does not define: such mojibake cannot occur
            total += 1
            ok += fix_encoding(corrupt) == fix_encoding(sentence)
    assert total > 500
    assert ok / total >= 0.95, f"{ok}/{total}"


@pytest.mark.parametrize(
    "text",
    [
        "Łódź, Kraków i Gdańsk — Wałęsa mówił „nie”.",
        "Příliš žluťoučký kůň úpěl ďábelské ódy.",
        "İstanbul’da Erdoğan, Kılıçdaroğlu ile görüştü.",
        "Hà Nội và Thành phố Hồ Chí Minh, Việt Nam.",
        "Сергей Лавров встретился с журналистами в Москве.",
        "Ελλάδα, Αθήνα — ο πρωθυπουργός μίλησε.",
        "x² + y² ≤ 4 ∧ ∀ε>0 ∃δ, ∑ 1/n², √π ≈ 1.77",
        "╔══════╗\n║ box  ║\n╚══════╝",
        "“Curly” ‘quotes’ — dashes – «guillemets» „low“ 「括号」（全角）",
        "NICIODATĂ\u00a0 AHÅ™ 5×£35 2012—∞ HÅØYA",
    ],
)
def test_correct_text_is_never_touched(text: str) -> None:
    assert fix_encoding(text) == text


def test_real_news_text_is_not_touched() -> None:
    """The MQM corpus: 3,770 MT outputs (English) and their Chinese sources."""
    if not MQM.exists():
        pytest.fail(f"corpus missing: {MQM}")
    changed = []
    with gzip.open(MQM, "rt", encoding="utf-8") as handle:
        for line in handle:
            unit = json.loads(line)
            for text in (unit["source"], unit["target"]):
                if repair_line(text):
                    changed.append(text)
    assert changed == []


def test_typography_is_never_flattened() -> None:
    text = "“Yes,” he said — ‘no’ … «oui» „ja“ ﬁne ＡＢＣ"
    assert fix_encoding(text) == text


def test_normalization_is_nfc_never_nfkc() -> None:
    result = process(Document("Orle\u0301ans ﬁ ²"), ENCODING_RULES)
    assert result.text == "Orléans ﬁ ²"


def _lines_skipped_by_the_fast_path(texts: list[str]) -> tuple[list[str], int]:
    """(the lines ftfy changes although the fast path skips them, how many were skipped)."""
    wrong, skipped = [], 0
    for text in texts:
        for line in filter(None, text.split("\n")):
            if may_need_ftfy(line):
                continue
            skipped += 1
            if ftfy.fix_and_explain(line, config=NEWS_SAFE).text != line:
                wrong.append(line)
    return wrong, skipped


def test_fast_path_skips_no_line_ftfy_would_change_in_ftfy_cases() -> None:
    wrong, skipped = _lines_skipped_by_the_fast_path([c["original"] for c in CASES])
    assert wrong == []
    assert skipped > 20  # the cases include correct text the fast path does skip


def test_fast_path_skips_no_line_ftfy_would_change_in_real_news() -> None:
    texts = [
        *(DATA / "news_sentences_nonascii.txt").read_text(encoding="utf-8").splitlines(),
        *(text for _, _, text in corpus_articles()),
    ]
    wrong, skipped = _lines_skipped_by_the_fast_path(texts)
    assert wrong == []
    non_ascii = sum(1 for t in texts for line in t.split("\n") if line and not line.isascii())
    assert skipped > 0.9 * non_ascii  # it is a fast path: typeset news lines do skip ftfy


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_fast_path_skips_no_random_line_ftfy_would_change(line: str) -> None:
    assert _lines_skipped_by_the_fast_path([line])[0] == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc “”‘’—–…éÃ©Â€™œ\u00a0\u0301·", max_size=30))
def test_fast_path_skips_no_mojibake_like_line_ftfy_would_change(line: str) -> None:
    assert _lines_skipped_by_the_fast_path([line])[0] == []
