"""Grammar throughput and the cache's worth, on 20 real machine-translated news articles.

Builds a corpus of 20 articles from the WMT23 zh→en MQM data (one MT system, segments of one
document joined as paragraphs), then times `cleanup check --grammar --format json` as a user runs
it (a subprocess each):

1. cold: empty result cache, so a local LanguageTool server starts and checks everything;
2. cached: the same command again, which must start no server and send no request;
3. ftfy alone over the same texts, in the same run, as the yardstick the project's benchmarks use.

It prints (and with --json writes) the figures: seconds, KB/s, the cached/cold ratio (must be at
most 0.25) and whether both JSON reports are identical.

    python bench/bench_grammar.py                      # needs `cleanup languagetool install`
    python bench/bench_grammar.py --articles 20 --json bench/grammar.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MQM = ROOT.parent / "shared" / "data" / "mqm-zhen-wmt23" / "units.jsonl.gz"


def build_corpus(folder: Path, articles: int, system: str) -> int:
    """Write ``articles`` articles of ``system``; returns their total size in bytes."""
    docs: dict[str, list[tuple[int, str]]] = defaultdict(list)
    with gzip.open(MQM, "rt", encoding="utf-8") as lines:
        for line in lines:
            unit = json.loads(line)
            if unit["system"] == system:
                docs[unit["doc"]].append((unit["docSegId"], unit["target"]))
    size = 0
    for i, doc in enumerate(sorted(docs)[:articles]):
        text = "\n\n".join(t for _, t in sorted(docs[doc])) + "\n"
        data = text.encode("utf-8")
        (folder / f"{i:02d}.txt").write_bytes(data)
        size += len(data)
    return size


def run_check(corpus: Path, cache: Path) -> tuple[float, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CLEANUP_LANGUAGETOOL_URL", None)
    cmd = [sys.executable, "-m", "cleanup", "-v", "check", "--grammar", "--exit-zero"]
    cmd += ["--format", "json", "--cache-dir", str(cache), str(corpus)]
    began = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"cleanup check failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return seconds, done.stdout, done.stderr


def ftfy_seconds(corpus: Path) -> float:
    import ftfy

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    began = time.perf_counter()
    for text in texts:
        ftfy.fix_text(text)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--system", default="GPT4-5shot")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-grammar-") as tmp:
        corpus, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        corpus.mkdir()
        size = build_corpus(corpus, args.articles, args.system)
        cold, cold_json, cold_log = run_check(corpus, cache)
        warm, warm_json, warm_log = run_check(corpus, cache)
        ftfy_s = ftfy_seconds(corpus)

    findings = sum(len(f["findings"]) for f in json.loads(cold_json)["files"])
    started = [line for line in cold_log.splitlines() if "LanguageTool:" in line]
    figures = {
        "articles": args.articles,
        "kilobytes": round(size / 1024, 1),
        "findings": findings,
        "cold_seconds": round(cold, 2),
        "cached_seconds": round(warm, 2),
        "cold_kb_per_s": round(size / 1024 / cold, 1),
        "cached_kb_per_s": round(size / 1024 / warm, 1),
        "cached_over_cold": round(warm / cold, 3),
        "identical_json": cold_json == warm_json,
        "cached_run_sent_requests": "0 checked by the server" not in warm_log,
        "cold_log": started[-1] if started else "",
        "ftfy_alone_seconds": round(ftfy_s, 3),
        "cold_over_ftfy": round(cold / ftfy_s, 1) if ftfy_s else None,
    }
    for key, value in figures.items():
        print(f"{key:>26}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    ok = figures["identical_json"] and figures["cached_over_cold"] <= 0.25
    sys.exit(0 if ok and not figures["cached_run_sent_requests"] else 1)


if __name__ == "__main__":
    main()
