"""Cost of a large gazetteer: the names stage with the shipped gazetteer vs. with 100,000 more
entries, over a corpus of real MT news (the shared MQM zh→en articles, plus the seed).

Not a timed test: run `python bench/bench_gazetteer.py [--entries N] [--format yaml|csv]`. Prints
the one-off cold load time (parsed and indexed, the compiled cache not used; wall and CPU) and
the per-corpus run time of each gazetteer, ftfy alone on the same corpus as the yardstick, and
the ratio large/shipped (the budget is 2.0).

`--cli` times whole `cleanup check` runs instead (the corpus as a folder of files, result cache
emptied before each run, the compiled gazetteer cache kept): the shipped gazetteer against
`--gazetteer` a generated one with `--collisions` forms two entries claim; each run must exit 0
or 1 with the one warning line, the large run at most 1.3x the shipped one (issue 17).
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


def write_large(path: Path, n: int, fmt: str, seed: int = 7, collisions: int = 0) -> None:
    """``n`` invented people (with a misspelled and an accepted variant each; one in five with a
    role held over some years) and places, unique by name; ``collisions`` of the misspellings
    are another entry's name or misspelling (as real imports have)."""
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
    # a misspelling that is another entry's name, or two entries' misspelling, is a collision
    # (`gazetteer check` lists it): keep the first ``collisions`` of them, drop the others
    accepted = {accept for _, _, kind, accept, _ in rows if kind == "person"}
    claimed: set[str] = set()
    kept = 0
    for n, (name, wrong, kind, accept, role) in enumerate(rows):
        if wrong in shipped or (
            (wrong in seen or wrong in accepted or wrong in claimed)
            and (kept >= collisions or wrong in accepted)
        ):
            rows[n] = (name, "", kind, accept, role)
        elif wrong in seen or wrong in claimed:
            kept += 1
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


def run(
    texts: list[str], extra: tuple[str, ...], repeat: int
) -> tuple[tuple[float, float], float, int]:
    """((cold load wall, CPU seconds), best corpus seconds, matches) for the names stage with
    ``extra`` files; cold: parsed and indexed, not read from the compiled cache."""
    from cleanup.gazetteer.index import load
    from cleanup.gazetteer.matching import match

    load.cache_clear()
    began, cpu = time.perf_counter(), time.process_time()
    g = load(extra, use_cache=False)
    loaded = time.perf_counter() - began, time.process_time() - cpu
    best, found = float("inf"), 0
    for _ in range(repeat):
        began = time.perf_counter()
        found = sum(len(match(g, text)) for text in texts)
        best = min(best, time.perf_counter() - began)
    return loaded, best, found


def cli_run(folder: Path, cache: Path, extra: list[str]) -> tuple[float, int, list[str]]:
    """(seconds, exit code, warning lines) of one `cleanup check` over ``folder``."""
    import os
    import shutil
    import subprocess

    shutil.rmtree(cache / "results", ignore_errors=True)
    command = [sys.executable, "-m", "cleanup", "check", "--format", "json", str(folder)]
    command += ["--cache-dir", str(cache), *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_PROGRESS": "1"}
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - began
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    return seconds, done.returncode, warnings


def cli_main(args: argparse.Namespace) -> None:
    from tests.corpus import write_folder

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = write_folder(root / "corpus")
        large = root / f"large.{args.format}"
        write_large(large, args.entries, args.format, collisions=args.collisions)
        extra = ["--gazetteer", str(large)]
        cold = cli_run(root / "corpus", root / "cache", extra)
        print(
            f"corpus: {len(files)} files; cold large run (builds the compiled cache): "
            f"{cold[0]:.1f} s, exit {cold[1]}, warnings {cold[2]}"
        )
        shipped = min(cli_run(root / "corpus", root / "cache", []) for _ in range(args.repeat))
        big = min(cli_run(root / "corpus", root / "cache", extra) for _ in range(args.repeat))
    print(f"shipped gazetteer:  {shipped[0]:6.2f} s, exit {shipped[1]}, warnings {shipped[2]}")
    print(f"+{args.entries:,} entries: {big[0]:6.2f} s, exit {big[1]}, warnings {big[2]}")
    print(f"ratio large/shipped: {big[0] / shipped[0]:.2f} (budget 1.3)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--format", choices=["yaml", "csv"], default="yaml")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="time whole `cleanup check` runs")
    parser.add_argument("--collisions", type=int, default=109)
    args = parser.parse_args()
    if args.cli:
        cli_main(args)
        return

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

        size = load((str(large),), use_cache=False).size

    print(f"corpus: {len(texts)} articles, {chars:,} characters")
    print(f"ftfy alone:               {ftfy_s:7.3f} s")
    print(
        f"shipped gazetteer:        cold load {load_small[0]:6.2f} s ({load_small[1]:.2f} s CPU), "
        f"corpus {small:7.3f} s ({small / ftfy_s:.2f}× ftfy), {found_small} matches"
    )
    print(
        f"+{args.entries:,} entries ({size:,} in all, {args.format}): cold load "
        f"{load_large[0]:6.2f} s ({load_large[1]:.2f} s CPU), "
        f"corpus {big:7.3f} s ({big / ftfy_s:.2f}× ftfy), {found_large} matches"
    )
    print(f"cost ratio large/shipped: {big / small:.2f} (budget 2.0)")


if __name__ == "__main__":
    main()
