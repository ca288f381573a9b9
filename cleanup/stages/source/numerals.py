"""Numbers as values, in a source text (Chinese or Japanese numerals and units, digits of any
width) and in its English translation (digits, scale words, number words, month names), so that
the two sides can be compared across notations.

>>> [n.value for n in source_numbers("约1.2万人，3亿元，二〇二三年二月二日，百分之五，三千")]
[12000.0, 300000000.0, 2023.0, 2.0, 2.0, 5.0, 3000.0]
>>> [(n.value, n.required) for n in target_numbers("300 million yuan on February 2, 2023; five")]
[(300000000.0, True), (2.0, False), (2.0, True), (2023.0, True), (5.0, False)]
>>> matches(12000.0, 3, 12000.0), matches(1.5e6, 2, 1.52e6), matches(2024.0, 4, 2023.0)
(True, True, False)
"""

from __future__ import annotations

# Not cn2an (tried, 0.5.24): its transform() rewrites a sentence without offsets, which findings
# need, and warns on a bare 万/亿; its cn2an() reads one numeral but raises on 百分之五 and takes
# 0.12 s to import. Finding the numerals is the larger part here, and their values are small sums.
import math
import re
from dataclasses import dataclass

# full-width digits and marks read as ASCII: one character for one, so offsets hold
WIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5}
CJK_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
CJK_SMALL = {"十": 10, "百": 100, "千": 1000}
CJK_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CJK_CHARS = "".join(CJK_DIGITS) + "".join(CJK_SMALL) + "".join(CJK_BIG) + "廿卅"
_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_SOURCE = re.compile(
    rf"(?P<pct>百分之)?(?:(?P<num>{_DIGITS})[余多]?(?P<scale>[十百千万萬亿億]*)|(?P<cjk>[{_CJK_CHARS}]+))"
)
# a lone numeral that is a number in these places: a month, a day, a year, a percentage
_UNIT_AFTER = re.compile("[月日号號年%]")
# a numeral is a count when a measure word or unit follows it; else it may be a word of an idiom
# (伤敌一千自损八百: "win a little, lose a lot")
_MEASURE = re.compile(
    "[人元个個名位次家岁歲倍天年月日号號多余餘架辆輛艘件项項座所只场場票户戶支台条條美英欧歐港公吨噸米里亩畝万亿億周届屆分秒时時点點度%]"
)
# where a numeral is a word, not a count: weekdays, "very" (十分), "by all means" (千万), "some
# tens of" (几十, 数百)
_NOT_AFTER = re.compile("(?:周|星期|礼拜|禮拜|几|幾|数|數|上|成|第)$")
_IDIOMS = ("十分", "千万", "万万", "万一", "一一", "百姓", "千千万万")

_SCALES = {
    "hundred": 100,
    "thousand": 1000,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "mln": 1e6,
}
_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_WORDS |= {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_WORDS |= {"dozen": 12, "hundred": 100, "thousand": 1000}
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
    )
}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split()
    )
}
_MONTHS |= {m[:3]: v for m, v in _MONTHS.items()} | {"sept": 9}
_SCALE_WORDS = "|".join(sorted(_SCALES, key=len, reverse=True))
_TARGET = re.compile(
    rf"(?P<num>{_DIGITS})(?P<suffix>[A-Za-z]*)(?:[ \u00a0-]?(?P<scale>{_SCALE_WORDS})\b)?"
    rf"|\b(?P<word>[A-Za-z]+)\b"
)
# letters that may follow digits in a number: ordinals, decades, units, clock times
_SUFFIXES = {"", "st", "nd", "rd", "th", "s", "km", "kg", "m", "cm", "mm", "pm", "am", "bn", "mn"}
_PM = re.compile(r"\s*(?:p\.m\.|pm\b)", re.IGNORECASE)
# the first number of a range takes the scale of the second: "12 to 14 million"
_RANGE = re.compile(rf"\s*(?:to|-|–|and|or)\s*{_DIGITS}[ \u00a0-]?({_SCALE_WORDS})\b")


@dataclass(frozen=True)
class Number:
    """A number at ``[start, end)``. ``required``: it must have its value on the other side (a
    lone "一" of "一个" need not; a target's "G20" or "five" is not checked either)."""

    value: float
    start: int
    end: int
    text: str
    required: bool
    digits: int = 0  # significant digits as written: a target's "1.5 million" rounds to 2
    also: tuple[float, ...] = ()  # other values it may stand for (3 p.m. is also 15)


def cjk_value(numeral: str) -> float | None:
    """The value of a Chinese or Japanese numeral: ``三千五百`` 3500, ``二〇二三`` 2023.

    >>> cjk_value("三亿五千万"), cjk_value("一万亿"), cjk_value("十五"), cjk_value("二〇二三")
    (350000000.0, 1000000000000.0, 15.0, 2023.0)
    """
    numeral = numeral.replace("廿", "二十").replace("卅", "三十")
    if all(c in CJK_DIGITS for c in numeral):
        return float("".join(str(CJK_DIGITS[c]) for c in numeral))
    total, section, current = 0.0, 0.0, 0.0
    for c in numeral:
        if c in CJK_DIGITS:
            current = CJK_DIGITS[c]
        elif c in CJK_SMALL:
            section += (current or 1) * CJK_SMALL[c]
            current = 0
        else:
            unit = CJK_BIG[c]
            section += current
            if 0 < total < unit:  # 一万亿: the 万 group is multiplied by 亿
                total = (total + section) * unit
            else:
                total += (section or 1) * unit
            section, current = 0, 0
    return total + section + current


def _digits_of(text: str) -> int:
    return len(text.replace(",", "").replace(".", "").lstrip("0")) or 1


def _latin_near(text: str, start: int, end: int) -> bool:
    """Whether a number is part of a code such as G20, 5G, COVID-19 or Su-27."""
    before = text[max(0, start - 2) : start]
    return bool(re.search(r"[A-Za-z]-?$", before)) or bool(re.match(r"-?[A-Za-z]", text[end:]))


def source_numbers(text: str) -> list[Number]:
    """The numbers of a Chinese or Japanese text (digits of any width, numerals, 万 and 亿)."""
    text = text.translate(WIDTH)
    out: list[Number] = []
    for m in _SOURCE.finditer(text):
        start = m.start()
        after = text[m.end() : m.end() + 1]
        if m["num"]:
            value = float(m["num"].replace(",", ""))
            for c in m["scale"]:
                value *= CJK_SMALL.get(c) or CJK_BIG[c]
            required = not _latin_near(text, m.start("num"), m.end())
            digits = _digits_of(m["num"])
        else:
            numeral = m["cjk"]
            if numeral in ("百", "千", "万", "萬") and _MEASURE.match(after):  # 百人: a hundred
                value = float(CJK_SMALL.get(numeral) or CJK_BIG[numeral])
                out.append(Number(value, start, m.end(), m.group(), False, 1))
                continue
            if numeral in _IDIOMS or not any(c in CJK_DIGITS or c in "十廿卅" for c in numeral):
                continue
            found = cjk_value(numeral)
            if found is None:
                continue
            value, digits = found, len(numeral)
            counted = any(c in CJK_SMALL or c in CJK_BIG for c in numeral) or len(numeral) > 1
            counted = counted and bool(_MEASURE.match(after))
            required = (
                (counted or bool(_UNIT_AFTER.match(after)) or bool(m["pct"]))
                and not _NOT_AFTER.search(text[max(0, start - 2) : start])
                and not after.startswith(("几", "幾"))
                and not any(text.startswith(i, start) for i in _IDIOMS)
            )
        out.append(Number(value, start, m.end(), m.group(), required, digits))
    return out


def target_numbers(text: str) -> list[Number]:
    """The numbers of an English text: digits with scale words as values (``3 billion``), and,
    as not required, number words, ordinals and month names."""
    out: list[Number] = []
    for m in _TARGET.finditer(text):
        if m["num"]:
            suffix = m["suffix"].lower()
            value = float(m["num"].replace(",", ""))
            if m["scale"]:
                value *= _SCALES[m["scale"].lower()]
            also: tuple[float, ...] = ()
            if _PM.match(text, m.end()) or suffix == "pm":
                also = (value + 12,)
            ranged = _RANGE.match(text, m.end()) if not m["scale"] else None
            if ranged:
                also += (value * _SCALES[ranged[1].lower()],)
            required = suffix in _SUFFIXES and not _latin_near(text, m.start(), m.start("suffix"))
            digits = _digits_of(m["num"])
            out.append(Number(value, m.start(), m.end(), m.group(), required, digits, also))
            continue
        word = m["word"]
        lower = word.lower()
        said: int | None = _WORDS.get(lower, _ORDINALS.get(lower))
        if said is None and lower in ("a", "an"):
            said = 1  # only before a scale word, see _scaled_words
        if said is None and (lower in _MONTHS) and (word[0].isupper() and lower != "may"):
            said = _MONTHS[lower]
        if said is not None:
            out.append(Number(float(said), m.start(), m.end(), word, False, 0))
    return _scaled_words(text, out)


def _scaled_words(text: str, numbers: list[Number]) -> list[Number]:
    """A number word before a scale word counts as their product ("two million", "a million");
    "a" alone is no number."""
    out = []
    for n in numbers:
        m = None if n.required else re.match(rf"[ -]({_SCALE_WORDS})\b", text[n.end :])
        if n.text.lower() not in ("a", "an"):
            out.append(n)
        if m:
            value = n.value * _SCALES[m[1].lower()]
            out.append(Number(value, n.start, n.end + m.end(), n.text + m.group(), False))
    return out


def matches(target: float, digits: int, source: float) -> bool:
    """Whether a target value stands for a source value: equal, or the source rounded to the
    target's significant digits (1.52 million written 1.5 million)."""
    if math.isclose(target, source, rel_tol=1e-9):
        return True
    if digits <= 0 or source == 0 or digits >= _digits_of(f"{source:.0f}"):
        return False
    scale = 10 ** (math.floor(math.log10(abs(source))) - digits + 1)
    return math.isclose(round(source / scale) * scale, target, rel_tol=1e-9)


def equivalents(n: Number) -> tuple[float, ...]:
    """The values a number may stand for: its own, a clock hour's 24-hour form, a two-digit year
    of a full one (2023 for 23)."""
    values = (n.value, *n.also)
    if n.value.is_integer() and 1900 <= n.value < 2100:
        values += (n.value % 100,)
    return values
