"""Cost of a large gazetteer: the names stage with the shipped gazetteer vs. with 100,000 more
entries, over a corpus of real MT news (the shared MQM zh→en articles, plus the seed).

Not a timed test: run `python bench/bench_gazetteer.py [--entries N] [--format yaml|csv]`. Prints
the one-off load/index time and the per-corpus run time of each gazetteer, ftfy alone on the same
corpus as the yardstick, and the ratio large/shipped (the budget is 2.0).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = """John Mary James Anna Peter Olga Ivan Maria Ahmed Fatima Li Wei Chen Yuki Hiroshi Kim Min
Sergei Elena Pierre Marie Hans Greta Carlos Sofia Luca Giulia Omar Leila David Sarah Mehmet Ayse
Raj Priya Nguyen Thanh Kofi Ama Jan Eva Lars Ingrid Pavel Irina Tomasz Agnieszka Dmitri Natalia
""".split()
SYLLABLES = """ka ri to mo na se vo la den berg ski ov ich enko son ton ley man stein ar el in us
ta po ru mi zu ha ko gu an dre vi tel mar bor gan tes lin dor""".split()


def synthetic_name(rng: random.Random) -> tuple[str, str]:
    surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return rng.choice(FIRST), surname


def write_large(path: Path, n: int, fmt: str, seed: int = 7) -> None:
    """``n`` invented people (with a misspelled and an accepted variant each; one in five with a
    role held over some years) and places, unique by name."""
    from cleanup.gazetteer.reading import read_file, shipped_files

    rng = random.Random(seed)
    shipped = {
        form
        for file in map(read_file, shipped_files())
        for e in file.entries
        for form in (*e.right_forms, *e.wrong, *e.variants, *e.keep)
    }
    seen: set[str] = set(shipped)
    rows: list[tuple[str, str, str, str, str]] = []
    while len(rows) < n:
        first, surname = synthetic_name(rng)
        name = f"{first} {surname}"
        if name in seen:
            continue
        seen.add(name)
        kind = "place" if len(rows) % 10 == 9 else "person"
        if kind == "place":
            name = surname + rng.choice(["grad", "ville", "abad", "polis"])
            if name in seen:
                continue
            seen.add(name)
        i = rng.randrange(1, len(surname) - 1)
        j = len(name) - len(surname) + i if kind == "person" else rng.randrange(1, len(name) - 1)
        wrong = name[:j] + name[j + 1 :]
        role = ""
        if kind == "person" and rng.random() < 0.2:
            start = rng.randint(1990, 2024)
            role = f"bench/office-{rng.randrange(500)}|{start}|{start + rng.randint(1, 6)}"
        rows.append((name, wrong, kind, f"{first[0]}. {surname}", role))
    # a misspelling that is another entry's name, or two entries' misspelling, is a gazetteer
    # error (`gazetteer check` reports it): drop those
    accepted = {accept for _, _, kind, accept, _ in rows if kind == "person"}
    claimed: set[str] = set()
    for n, (name, wrong, kind, accept, role) in enumerate(rows):
        if wrong in seen or wrong in accepted or wrong in claimed:
            rows[n] = (name, "", kind, accept, role)
        claimed.add(wrong)
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["canonical", "variants", "kind", "accepted"])
            for name, wrong, kind, accept, _ in rows:
                writer.writerow([name, wrong, kind, accept if kind == "person" else ""])
        return
    with path.open("w", encoding="utf-8") as handle:
        handle.write("roles:\n")
        for k in range(500):
            handle.write(f"  bench/office-{k}: [Bench Office {k} Minister]\n")
        handle.write("entries:\n")
        for name, wrong, kind, accept, role in rows:
            parts = [f"name: {name}", f"kind: {kind}"]
            if wrong:
                parts.append(f"wrong: [{wrong}]")
            if kind == "person":
                parts.append(f"accept: [{accept}]")
            if role:
                rid, start, end = role.split("|")
                parts.append(f"roles: [[{rid}, {start}, {end}]]")
            handle.write("  - {" + ", ".join(parts) + "}\n")


def corpus() -> list[str]:
    from tests.corpus import articles
    from tests.paths import SEED

    return [SEED.read_text(encoding="utf-8"), *(text for _, _, text in articles())]


def run(texts: list[str], extra: tuple[str, ...], repeat: int) -> tuple[float, float, int]:
    """(load seconds, best corpus seconds, matches) for the names stage with ``extra`` files."""
    from cleanup.gazetteer.index import load
    from cleanup.gazetteer.matching import match

    load.cache_clear()
    began = time.perf_counter()
    g = load(extra)
    loaded = time.perf_counter() - began
    best, found = float("inf"), 0
    for _ in range(repeat):
        began = time.perf_counter()
        found = sum(len(match(g, text)) for text in texts)
        best = min(best, time.perf_counter() - began)
    return loaded, best, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--format", choices=["yaml", "csv"], default="yaml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import ftfy

    texts = corpus()
    chars = sum(map(len, texts))
    began = time.perf_counter()
    for text in texts:
        ftfy.fix_text(text)
    ftfy_s = time.perf_counter() - began

    with tempfile.TemporaryDirectory() as tmp:
        large = Path(tmp) / f"large.{args.format}"
        write_large(large, args.entries, args.format)
        load_small, small, found_small = run(texts, (), args.repeat)
        load_large, big, found_large = run(texts, (str(large),), args.repeat)
        from cleanup.gazetteer.index import load

        size = load((str(large),)).size

    print(f"corpus: {len(texts)} articles, {chars:,} characters")
    print(f"ftfy alone:               {ftfy_s:7.3f} s")
    print(
        f"shipped gazetteer:        load {load_small:6.2f} s, corpus {small:7.3f} s "
        f"({small / ftfy_s:.2f}× ftfy), {found_small} matches"
    )
    print(
        f"+{args.entries:,} entries ({size:,} in all, {args.format}): load {load_large:6.2f} s, "
        f"corpus {big:7.3f} s ({big / ftfy_s:.2f}× ftfy), {found_large} matches"
    )
    print(f"cost ratio large/shipped: {big / small:.2f} (budget 2.0)")


if __name__ == "__main__":
    main()
