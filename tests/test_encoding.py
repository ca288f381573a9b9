"""The encoding stage: ftfy's own cases still pass, mojibake in further code pages is repaired,
and correctly written text is never touched."""

from __future__ import annotations

import gzip
import json
import unicodedata

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.document import Document
from cleanup.core.pipeline import process
from cleanup.settings.config import Config
from cleanup.stages import compile_rules
from cleanup.stages.alphabets import CYRILLIC, GREEK, LATIN
from cleanup.stages.codepages import CODEPAGES as ALL_CODEPAGES
from cleanup.stages.codepages import analyse_line, repair_line, repair_token
from cleanup.stages.encoding import _FTFY_TRIGGER, may_need_ftfy, news_safe
from tests.corpus import articles as corpus_articles
from tests.mojibake_set import verdict
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


def test_roundtrip_of_news_sentences_in_legacy_code_pages_is_at_least_99_percent() -> None:
    """Every code page the stage tries. Of the four misses three are flagged; the fourth is
    Mac Central European "Rńęga", which reads as Polish letters (Rīga)."""
    sentences = (DATA / "news_sentences_nonascii.txt").read_text(encoding="utf-8").splitlines()
    total = ok = 0
    wrong, silent = [], []
    for codepage in ALL_CODEPAGES:
        for sentence in filter(None, sentences):
            try:
                corrupt = sentence.encode("utf-8").decode(codepage)
            except UnicodeDecodeError:
                continue  # a byte this code page does not define: such mojibake cannot occur
            if corrupt == sentence:
                continue
            total += 1
            result = process(Document(corrupt), ENCODING_RULES)
            outcome = verdict(fix_encoding(sentence), corrupt, result.text)
            ok += outcome == "ok"
            if outcome == "wrong":
                wrong.append((codepage, result.text))
            elif outcome == "missed" and not result.flags:
                silent.append(corrupt)
    assert total > 700
    assert ok / total >= 0.99, f"{ok}/{total}"
    assert wrong == []
    assert len(silent) <= 1, silent


# Words whose UTF-8 second byte is invisible in some code page: a soft hyphen (ĭ is C4 AD), a
# no-break space (Š is C5 A0, à C3 A0, Р D0 A0), a C1 control (ł is C5 82 in ISO-8859-1 and -2).
INVISIBLE = ("Sergeĭ", "Zelenskyĭ", "Kryvyĭ Rih", "Šiauliai", "Hà Nội", "voilà", "Россия",
             "Wałęsa", "Mykolaĭv", "Ďurovič", "Ŭlan")  # fmt: skip


def test_invisible_second_bytes_are_repaired_in_every_code_page() -> None:
    seen: set[str] = set()
    for word in INVISIBLE:
        for codepage in ALL_CODEPAGES:
            try:
                corrupt = word.encode("utf-8").decode(codepage)
            except UnicodeDecodeError:
                continue
            invisible = {c for c in corrupt if unicodedata.category(c)[0] in "CZ" and c != " "}
            if not invisible:
                continue
            seen |= {unicodedata.category(c) for c in invisible}
            for text in (corrupt, f"Minister {corrupt} said on Monday."):
                expected = text.replace(corrupt, word)
                assert fix_encoding(text) == expected, (codepage, text)
    assert seen == {"Cf", "Zs", "Cc"}  # soft hyphen, no-break space, C1 controls


def test_the_issue_s_invisible_byte_cases() -> None:
    assert fix_encoding("SergeÄ\u00ad Lavrov said") == "Sergeĭ Lavrov said"  # Windows-1252
    assert fix_encoding("ZelenskyД\u00ad said") == "Zelenskyĭ said"  # Windows-1251
    assert fix_encoding("President ZelenskyÄ\u00ad") == "President Zelenskyĭ"  # ISO-8859-2


def _flags(text: str) -> list[str]:
    return [f.message for f in process(Document(text), ENCODING_RULES).flags]


def test_a_word_misread_otherwise_than_its_line_is_flagged_not_changed() -> None:
    """Mac Central European Ň° (š) among Windows-1250 words: read as Windows-1250 it is the
    Cyrillic Ұ. The line's code page cannot read it, so it is flagged with its reading."""
    line = "Czech Senate President MiloŇ° VystrÄŤil met Gergely GulyĂˇs"
    result = process(Document(line), ENCODING_RULES)
    assert "Ұ" not in result.text
    # Alone, MiloŇ° would be repaired: with the rest of the line repaired, the next run of fix
    # would do it. So the whole line stays as it is, and each misread word is flagged.
    assert result.text == line
    flags = {f.text: f.message for f in result.flags}
    assert set(flags) == {"MiloŇ°", "VystrÄŤil", "GulyĂˇs"}
    assert "Windows-1250" in flags["MiloŇ°"] and "Miloš (mac_latin2)" in flags["MiloŇ°"]
    assert "Vystrčil (cp1250)" in flags["VystrÄŤil"]
    assert all(f.rule == "encoding/possible-mojibake" for f in result.flags)
    assert "Ұ" not in result.text


def test_one_mojibake_is_never_turned_into_another() -> None:
    # the issue's two wrong repairs: Mac Central European Ň° (š) is not the Cyrillic Ұ, and the
    # ISO-8859-2 ĂĄ (á) is not å
    for name in ("Miloš Zeman", "Janez Janša", "Nataša Pirc Musar", "Pedro Sánchez", "Bogotá"):
        for codepage in ("mac_latin2", "iso8859_2", "cp1250"):
            corrupt = name.encode("utf-8").decode(codepage)
            for text in (corrupt, f"Łódź hosted {corrupt} on Monday."):
                out = fix_encoding(text)
                assert out == text.replace(corrupt, name) or (out == text and _flags(text))


def test_readings_that_tie_are_flagged_with_both() -> None:
    # "ÄŤ" is č in Windows-1250 and ī in ISO-8859-2; alone, neither is clearly the more common
    for text in ("RÄŤga", "VystrÄŤil"):
        assert fix_encoding(text) == text
        (message,) = _flags(text)
        assert "cp1250" in message and "iso8859_2" in message


def test_no_pair_of_letters_of_one_orthography_is_touched() -> None:
    """Every pair of letters one alphabet holds, inside a word, at its start (capitalized) and in
    capitals: the stage neither repairs nor flags any (103,725 words)."""
    touched = []
    for table, base in ((LATIN, "a"), (CYRILLIC, "а"), (GREEK, "α")):
        for letters in table.values():
            alphabet = sorted(set(letters) | {base})
            for x in alphabet:
                for y in alphabet:
                    if x.isascii() and y.isascii():
                        continue
                    for word in (f"{base}{x}{y}{base}", f"{x.upper()}{y}{base}{base}",
                                 f"{x.upper()}{y.upper()}{base.upper()}", f"{base}{x}{y}",
                                 f"{x}{y}"):  # fmt: skip
                        if analyse_line(word) or analyse_line(f"The {word} said."):
                            touched.append(word)
    assert touched == []


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
        "Prezydent Wrocławia, Jacek Sutryk, i marszałek Sejmu Szymon Hołownia — „Żółć”.",
        "Pan Šťastný z Ústí nad Labem řekl: „Příští týden přijede Miloš Vystrčil.“",
        "Cumhurbaşkanı Recep Tayyip Erdoğan, Kılıçdaroğlu’nu İzmir’de eleştirdi; ÇĞİÖŞÜ çğıöşü.",
        "Thủ tướng Phạm Minh Chính và Chủ tịch nước Võ Văn Thưởng đã đến Đà Nẵng.",
        "Пётр Толстой заявил, что её позиция ещё не изменилась. Щёлково, Орёл — «ёлка».",
        "Україна: Київ, Запоріжжя, Кривий Ріг; ґанок, їжак, є.",
        "Ο Κυριάκος Μητσοτάκης συναντήθηκε με τον Ερντογάν στην Αθήνα· ΆΈΉΊΌΎΏ ϊϋΐΰ.",
        "习近平在《人民日报》发表文章：「坚持和平发展」，（新华社）【更新】、。！？",
        "日本の首相は「東京」で記者会見を行った。한국 대통령은 서울에서 말했다.",
        "Þórshöfn, Alþingi, Reykjavík; Håkon, Støre, Ålesund; Rīga, Jūrmala, Šiauliai.",
    ],
)
def test_correct_text_is_never_touched(text: str) -> None:
    result = process(Document(text), ENCODING_RULES)
    assert result.text == text
    assert result.findings == []


def test_real_news_text_is_not_touched() -> None:
    """The MQM corpus: 3,770 MT outputs (English) and their Chinese sources."""
    if not MQM.exists():
        pytest.fail(f"corpus missing: {MQM}")
    changed = []
    with gzip.open(MQM, "rt", encoding="utf-8") as handle:
        for line in handle:
            unit = json.loads(line)
            for text in (unit["source"], unit["target"]):
                if repair_line(text) or analyse_line(text):  # neither repaired nor flagged
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
            if ftfy.fix_and_explain(line, config=news_safe()).text != line:
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


def test_the_fast_paths_control_characters_are_ftfys() -> None:
    """encoding.py lists ftfy's CONTROL_CHARS itself (so that it need not import ftfy): they are
    the same, and the trigger's other characters are "&", the C1 controls and the surrogates."""
    from ftfy.chardata import CONTROL_CHARS

    found = {c for c in range(0x110000) if _FTFY_TRIGGER.match(chr(c))}
    others = {ord("&"), *range(0x80, 0xA0), *range(0xD800, 0xE000)}
    assert found == others | set(CONTROL_CHARS)
