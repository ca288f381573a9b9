"""Quality of the MT-artifact detectors: recall on injected and known errors, flags on clean text,
and precision against professional MQM annotations.

    python bench/quality_artifacts.py            # the full report
    python bench/quality_artifacts.py --no-mqm   # skip the WMT23 MQM corpus

Per detector family it prints:
- recall: of the errors injected into clean sentences (or written by hand, tests/data/artifacts/
  known_errors.yaml), how many a rule of the family flags at an overlapping span;
- clean flags: how many clean sentences (tests/data/artifacts/clean_*.txt) raise a flag of it;
- MQM precision: over the 3,770 WMT23 zh→en translations (shared/data/mqm-zhen-wmt23), how many of
  the family's flags overlap a span that at least one professional rater marked as an error.

tests/test_artifact_quality.py asserts the thresholds of issue 4 on the same sets.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from cleanup.core.document import Document  # noqa: E402
from cleanup.core.model import Finding  # noqa: E402
from cleanup.core.pipeline import process  # noqa: E402
from cleanup.settings.config import Config  # noqa: E402
from cleanup.stages import Compiler  # noqa: E402

DATA = ROOT / "tests" / "data" / "artifacts"
MQM_CANDIDATES = (
    ROOT / "shared" / "data" / "mqm-zhen-wmt23" / "units.jsonl.gz",
    ROOT.parent / "shared" / "data" / "mqm-zhen-wmt23" / "units.jsonl.gz",
    Path("/work/shared/data/mqm-zhen-wmt23/units.jsonl.gz"),
)

# Detector families of issue 4 and the rules (id prefixes) that belong to each.
FAMILIES: dict[str, tuple[str, ...]] = {
    "punctuation": (
        "artifact/doubled-punctuation",
        "artifact/double-period",
        "artifact/repeated-exclamation",
        "artifact/punctuation-clash",
    ),
    "orphan-fragment": ("artifact/orphan-fragment",),
    "first-person": ("artifact/first-person",),
    "calque": ("artifact/calque",),
    "repetition": ("artifact/repeated-word", "artifact/repeated-phrase"),
    "spacing": ("artifact/space-before-punctuation", "artifact/tokenizer-spacing"),
    "glued-symbol": ("artifact/glued-symbol",),
    "lowercase-start": ("artifact/lowercase-start",),
    "untranslated": (
        "artifact/untranslated-cjk",
        "artifact/full-width",
        "artifact/foreign-language",
    ),
    "unbalanced": ("artifact/unbalanced-quotes", "artifact/unbalanced-brackets"),
    "mixed-style": ("artifact/inconsistent-",),
    "boilerplate": ("artifact/duplicate-boilerplate",),
}
# Issue 4: at least this share of injected errors caught per family.
MIN_RECALL = {family: 0.9 for family in FAMILIES} | {"glued-symbol": 0.5}
MAX_CLEAN_FLAG_RATE = 0.05

CONFIG = Config(select=("artifact",))
_RULES = Compiler()  # CONFIG's rules, compiled on first use
Span = tuple[int, int]


@dataclass
class Case:
    text: str
    spans: list[Span]  # where the error is; a flag overlapping any of them catches it


@dataclass
class FamilyResult:
    cases: int = 0
    caught: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.cases if self.cases else 1.0


def family_of(rule_id: str) -> str | None:
    for family, prefixes in FAMILIES.items():
        if any(rule_id.startswith(p) for p in prefixes):
            return family
    return None


def artifact_findings(text: str) -> list[Finding]:
    result = process(Document.from_text(text), _RULES(CONFIG))
    return [f for f in result.findings if f.rule.startswith("artifact/")]


def read_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [ln.replace("\\n", "\n") for ln in lines if ln.strip() and not ln.startswith("#")]


def clean_sentences() -> list[str]:
    """Our own clean news sentences and the MQM segments no rater found an error in."""
    return read_lines("clean_news.txt") + read_lines("clean_mqm.txt")


# --- injection ---------------------------------------------------------------------------------

_WORD = re.compile(r"(?<![\w’'-])[A-Za-z]{3,}(?![\w’'-])")
_FRAGMENTS = ["Stated.", "Said.", "Added.", "Noted.", "Meanwhile.", "However.", "Reportedly."]
_FRAGMENTS += ["Pointed out.", "Emphasized.", "Stressed.", "Moreover.", "Indicated."]
_SYMBOLS = ["~", "^", "|", "\\", "`", "*", "#", "_", "+", "=", "¦", "°"]
_CJK_WORDS = [
    "外交部",
    "記者",
    "北京",
    "국방부",
    "発表した",
    "新华社",
    "東京都",
    "정부",
    "关于",
    "ニュース",
]
_LEGIT = {"had", "that", "is", "do", "bye", "no", "yes"}


def _sentence_end(text: str) -> int | None:
    """Offset of the final full stop of a plain sentence, or None."""
    stripped = text.rstrip()
    if not stripped.endswith(".") or stripped.endswith(("..", "a.m.", "p.m.", "U.S.")):
        return None
    return len(stripped) - 1


def _words(text: str) -> list[re.Match[str]]:
    return [m for m in _WORD.finditer(text) if m.group().lower() not in _LEGIT]


def inject_punctuation(text: str, rng: random.Random) -> Case | None:
    commas = [i for i, ch in enumerate(text) if ch == "," and text[i - 1 : i].isalpha()]
    end = _sentence_end(text)
    options: list[tuple[int, int, str]] = []
    if commas:
        i = rng.choice(commas)
        options += [(i, i + 1, ",,"), (i, i + 1, ",."), (i, i + 1, ";;")]
    if end is not None and text[end - 1 : end].isalnum():
        options += [(end, end + 1, ".."), (end, end + 1, "!!"), (end, end + 1, ",.")]
    if not options:
        return None
    s, e, new = rng.choice(options)
    return Case(text[:s] + new + text[e:], [(s, s + len(new))])


def inject_orphan(text: str, rng: random.Random) -> Case | None:
    if _sentence_end(text) is None:
        return None
    fragment = rng.choice(_FRAGMENTS)
    start = len(text) + 1
    return Case(f"{text} {fragment}", [(start, start + len(fragment))])


def inject_repetition(text: str, rng: random.Random) -> Case | None:
    words = _words(text)
    if len(words) < 4:
        return None
    if rng.random() < 0.5:
        m = rng.choice(words)
        new = f"{m.group()} {m.group()}"
        return Case(text[: m.start()] + new + text[m.end() :], [(m.start(), m.start() + len(new))])
    tokens = list(re.finditer(r"\S+", text))
    if len(tokens) < 6:
        return None
    i = rng.randrange(0, len(tokens) - 4)
    n = rng.randint(2, 4)
    s, e = tokens[i].start(), tokens[i + n - 1].end()
    phrase = text[s:e]
    if not re.fullmatch(r"\w+(?: \w+)*", phrase):
        return None
    new = f"{phrase} {phrase}"
    return Case(text[:s] + new + text[e:], [(s, s + len(new))])


def inject_spacing(text: str, rng: random.Random) -> Case | None:
    contraction = re.search(r"\w(n[’']t|[’'](?:s|re|ve|ll|m|d))\b", text)
    if contraction and rng.random() < 0.5:
        i = contraction.start(1)
        return Case(text[:i] + " " + text[i:], [(i, i + 1)])
    marks = [i for i, ch in enumerate(text) if ch in ",;:" and text[i - 1 : i].isalpha()]
    end = _sentence_end(text)
    if end is not None and text[end - 1 : end].isalnum():
        marks.append(end)
    if not marks:
        return None
    i = rng.choice(marks)
    return Case(text[:i] + " " + text[i:], [(i, i + 1)])


def inject_glued(text: str, rng: random.Random) -> Case | None:
    words = _words(text)
    if not words:
        return None
    m = rng.choice(words)
    symbol = rng.choice(_SYMBOLS)
    if rng.random() < 0.7:
        return Case(text[: m.end()] + symbol + text[m.end() :], [(m.end(), m.end() + 1)])
    return Case(text[: m.start()] + symbol + text[m.start() :], [(m.start(), m.start() + 1)])


def inject_lowercase(pair: tuple[str, str], rng: random.Random) -> Case | None:
    first, second = pair
    if _sentence_end(first) is None or not re.match(r"[A-Z][a-z]", second):
        return None
    if second.startswith(("I ", "I’", "I'")):
        return None
    start = len(first) + 1
    word = re.match(r"\w+", second)
    assert word
    return Case(f"{first} {second[0].lower()}{second[1:]}", [(start, start + word.end())])


def inject_untranslated(text: str, rng: random.Random) -> Case | None:
    words = _words(text)
    if not words:
        return None
    m = rng.choice(words)
    kind = rng.random()
    if kind < 0.5:
        cjk = rng.choice(_CJK_WORDS)
        return Case(
            text[: m.end()] + " " + cjk + text[m.end() :], [(m.end() + 1, m.end() + 1 + len(cjk))]
        )
    if kind < 0.75 and "," in text:
        i = text.index(",")
        return Case(text[:i] + "，" + text[i + 1 :], [(i, i + 1)])
    wide = "".join(chr(ord(c) + 0xFEE0) for c in m.group())
    return Case(text[: m.start()] + wide + text[m.end() :], [(m.start(), m.end())])


def inject_unbalanced(text: str, rng: random.Random) -> Case | None:
    close = text.rfind("”")
    if close > 0 and text.count("“") == text.count("”") and rng.random() < 0.5:
        opener = text.rfind("“", 0, close)
        return Case(text[:close] + text[close + 1 :], [(opener, opener + 1)])
    words = _words(text)
    if not words:
        return None
    m = rng.choice(words)
    mark = rng.choice(["“", "(", "[", '"'])
    if rng.random() < 0.3:
        mark = rng.choice(["”", ")"])
        return Case(text[: m.end()] + mark + text[m.end() :], [(m.end(), m.end() + 1)])
    return Case(text[: m.start()] + mark + text[m.start() :], [(m.start(), m.start() + 1)])


def inject_mixed_style(sentences: list[str], rng: random.Random) -> Case:
    body = "\n\n".join(sentences)
    kind = rng.randrange(3)
    if kind == 0:
        a, b = (
            "The U.S. embassy said it was monitoring events.",
            "US officials declined to comment.",
        )
        marks = ["U.S.", "US"]
    elif kind == 1:
        a, b = "The plan was “not final,” he said.", 'Officials called it "a first step."'
        marks = ['"']
    else:
        a, b = "Officials organized a meeting.", "They recognised the risks involved."
        marks = ["organized", "recognised"]
    if rng.random() < 0.5:
        a, b = b, a
    text = f"{a}\n\n{body}\n\n{b}"
    spans = []
    for mark in marks:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(mark) + r"(?![\w.])", text)]
    return Case(text, spans)


def inject_boilerplate(sentences: list[str], rng: random.Random) -> Case:
    name = rng.choice(["Jane Doe", "Kim Min-jun", "Tanaka Yuki", "Li Wei", "Maria Rossi"])
    body = "\n\n".join(sentences)
    if rng.random() < 0.5:
        text = f"By {name}\n\n{body}\n\n{name}"
        return Case(text, [(len(text) - len(name), len(text))])
    credit = "Reporting by Li Wei; editing by Tom Hill."
    text = f"{credit}\n\n{body}\n\n{credit}"
    return Case(text, [(len(text) - len(credit), len(text))])


def known_cases() -> dict[str, list[Case]]:
    data = yaml.safe_load((DATA / "known_errors.yaml").read_text(encoding="utf-8"))
    cases: dict[str, list[Case]] = defaultdict(list)
    family_for = {"foreign-language": "untranslated"}
    for kind, items in data.items():
        for item in items:
            start = item["text"].index(item["span"])
            case = Case(item["text"], [(start, start + len(item["span"]))])
            cases[family_for.get(kind, kind)].append(case)
    return cases


def build_cases(per_family: int = 80, seed: int = 4) -> dict[str, list[Case]]:
    """Injected and hand-written error cases per family, deterministic for a seed."""
    rng = random.Random(seed)
    clean = [s for s in read_lines("clean_news.txt") if "\n" not in s]
    clean += read_lines("clean_mqm.txt")
    cases = known_cases()
    single: dict[str, Callable[[str, random.Random], Case | None]] = {
        "punctuation": inject_punctuation,
        "orphan-fragment": inject_orphan,
        "repetition": inject_repetition,
        "spacing": inject_spacing,
        "glued-symbol": inject_glued,
        "untranslated": inject_untranslated,
        "unbalanced": inject_unbalanced,
    }
    for family, inject in single.items():
        pool = clean[:]
        rng.shuffle(pool)
        made = 0
        for text in pool:
            case = inject(text, rng)
            if case:
                cases[family].append(case)
                made += 1
            if made >= per_family:
                break
    pairs = list(itertools.pairwise(clean))
    rng.shuffle(pairs)
    made = 0
    for pair in pairs:
        case = inject_lowercase(pair, rng)
        if case:
            cases["lowercase-start"].append(case)
            made += 1
        if made >= per_family:
            break
    for _ in range(per_family // 2):
        cases["mixed-style"].append(inject_mixed_style(rng.sample(clean, 3), rng))
        cases["boilerplate"].append(inject_boilerplate(rng.sample(clean, 3), rng))
    return dict(cases)


# --- measuring ---------------------------------------------------------------------------------


def _overlaps(a: Span, spans: Iterable[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def measure_recall(cases: dict[str, list[Case]]) -> dict[str, FamilyResult]:
    results: dict[str, FamilyResult] = {}
    for family, family_cases in cases.items():
        r = FamilyResult()
        for case in family_cases:
            found = [
                (f.start, f.end)
                for f in artifact_findings(case.text)
                if family_of(f.rule) == family
            ]
            r.cases += 1
            if any(_overlaps(span, case.spans) for span in found):
                r.caught += 1
            else:
                r.missed.append(case.text)
        results[family] = r
    return results


def measure_clean(sentences: list[str]) -> tuple[int, Counter[str], list[tuple[str, str]]]:
    """How many sentences raise any artifact flag; flags per family; examples."""
    flagged = 0
    per_family: Counter[str] = Counter()
    examples: list[tuple[str, str]] = []
    for text in sentences:
        findings = artifact_findings(text)
        if findings:
            flagged += 1
            examples.append((findings[0].rule, text))
        for family in {family_of(f.rule) for f in findings}:
            per_family[family or "?"] += 1
    return flagged, per_family, examples


def mqm_path() -> Path | None:
    return next((p for p in MQM_CANDIDATES if p.exists()), None)


def measure_mqm(path: Path) -> dict[str, Counter[str]]:
    """Per rule: flags, flags overlapping a rater-marked target span, flags in error-free segments.

    Segments of one system and document are joined into one article, so article-level detectors
    see the whole text."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    docs: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        docs[(row["system"], row["doc"])].append(row)
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    for segments in docs.values():
        segments.sort(key=lambda r: int(str(r["docSegId"])))
        offsets: list[tuple[int, int, dict[str, object]]] = []
        parts: list[str] = []
        pos = 0
        for seg in segments:
            target = str(seg["target"])
            offsets.append((pos, pos + len(target), seg))
            parts.append(target)
            pos += len(target) + 2
        text = "\n\n".join(parts)
        for f in artifact_findings(text):
            for start, end, seg in offsets:
                if start <= f.start < end + 1:
                    spans = [
                        (int(e["start"]) + start, int(e["end"]) + start)
                        for e in seg["errors"]  # type: ignore[attr-defined]
                        if e["side"] == "target"
                    ]
                    rule = (
                        f.rule if not f.rule.startswith("artifact/calque/") else "artifact/calque"
                    )
                    stats[rule]["flags"] += 1
                    if _overlaps((f.start, max(f.end, f.start + 1)), spans):
                        stats[rule]["confirmed"] += 1
                    if len(seg["no_error_raters"]) == len(seg["raters"]):  # type: ignore[arg-type]
                        stats[rule]["in_clean_segment"] += 1
                    break
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-mqm", action="store_true", help="skip the MQM corpus")
    parser.add_argument(
        "--show-missed", type=int, default=0, help="print N missed cases per family"
    )
    args = parser.parse_args()

    t0 = time.perf_counter()
    cases = build_cases()
    recall = measure_recall(cases)
    clean = clean_sentences()
    flagged, clean_families, examples = measure_clean(clean)
    print(f"Recall on injected and known errors ({sum(r.cases for r in recall.values())} cases)")
    print(f"{'family':<18}{'caught':>8}{'cases':>7}{'recall':>8}{'needed':>8}{'clean flagged':>15}")
    for family in FAMILIES:
        r = recall.get(family, FamilyResult())
        print(
            f"{family:<18}{r.caught:>8}{r.cases:>7}{r.recall:>8.1%}{MIN_RECALL[family]:>8.0%}"
            f"{clean_families.get(family, 0):>15}"
        )
        for text in r.missed[: args.show_missed]:
            print(f"    missed: {text[:110]!r}")
    rate = flagged / len(clean)
    print(
        f"\nClean sentences raising any artifact flag: {flagged}/{len(clean)} = {rate:.1%} "
        f"(must stay under {MAX_CLEAN_FLAG_RATE:.0%})"
    )
    for rule, text in examples:
        print(f"    {rule}: {text[:100]!r}")
    path = None if args.no_mqm else mqm_path()
    if path:
        stats = measure_mqm(path)
        print(f"\nMQM precision (WMT23 zh→en, {path.name}): a flag is confirmed when it overlaps a")
        print(
            "span at least one professional rater marked; raters agree rarely, so this is a floor."
        )
        print(f"{'rule':<40}{'flags':>7}{'confirmed':>11}{'precision':>11}{'in clean seg':>14}")
        totals: Counter[str] = Counter()
        for rule in sorted(stats):
            s = stats[rule]
            totals.update(s)
            precision = s["confirmed"] / s["flags"] if s["flags"] else 0.0
            print(
                f"{rule:<40}{s['flags']:>7}{s['confirmed']:>11}{precision:>11.1%}"
                f"{s['in_clean_segment']:>14}"
            )
        if totals["flags"]:
            print(
                f"{'all':<40}{totals['flags']:>7}{totals['confirmed']:>11}"
                f"{totals['confirmed'] / totals['flags']:>11.1%}{totals['in_clean_segment']:>14}"
            )
    print(f"\n({time.perf_counter() - t0:.1f}s)")


if __name__ == "__main__":
    main()
