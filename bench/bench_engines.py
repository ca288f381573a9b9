"""Records per second per worker: the local engine (-j 1, -j N) against the Ray engine, same corpus.

Run on demand from the repository root (needs ``pip install -e '.[ray]'``)::

    python bench/bench_engines.py                  # 20,000 MQM segments, 3,800 whole articles
    python bench/bench_engines.py --records 2000 --copies 1 --workers 2

The corpora are real MT news (tests/corpus.py): one MQM segment per JSONL record, and one whole
article per record. Each engine runs ``check`` over the corpus in this process (reading, the
pipeline and the report's per-record work; no result cache), so the figures compare engines, not
start-up. Ray's own costs are reported apart: starting a local instance (``ray.init``), and per
job the time until the first record comes back (its workers start and load the rules); each rate
is the whole job's, best of ``--repeat`` runs; what one more record costs once a job runs is the
difference between the 2,000 and the 20,000 segment corpus.
The figures go to stdout and to bench/engines.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def count(paths: list[str], engine: str, jobs: int) -> tuple[int, float, float]:
    """Records processed by ``engine`` over ``paths`` (no result cache), seconds in all, and
    seconds until the first record came back (the job's start-up)."""
    from cleanup.commands.inputs import InputOptions, files_of, outcomes
    from cleanup.settings.config import Config

    inputs = InputOptions(tuple(paths), jobs=jobs, engine=engine, jobs_given=True)
    config = Config(use_cache=False)
    files = files_of(inputs, config)
    started = time.perf_counter()
    first, n = 0.0, 0
    for _ in outcomes(files, config, inputs):
        n += 1
        if n == 1:
            first = time.perf_counter() - started
    return n, time.perf_counter() - started, first


def row(what: str, n: int, seconds: float, first: float, workers: int) -> dict[str, Any]:
    """The whole job's rate per worker, and when its first record came back."""
    rate = n / seconds
    print(
        f"  {what:<28} {n:>5} records {seconds:>6.2f} s (first after {first:5.2f} s)"
        f" {rate:>7.0f}/s {rate / workers:>7.0f}/s/worker"
    )
    return {
        "what": what,
        "records": n,
        "seconds": round(seconds, 3),
        "first_record_seconds": round(first, 3),
        "workers": workers,
        "per_second": round(rate, 1),
        "per_second_per_worker": round(rate / workers, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20000, help="segment records")
    parser.add_argument("--copies", type=int, default=10, help="copies of the 380 articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "engines.json")
    args = parser.parse_args()

    import ray

    from tests.corpus import articles, write_segments_jsonl

    results: dict[str, Any] = {
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "ray": ray.__version__,
        "workers": args.workers,
        "corpora": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        segments = Path(tmp) / "segments.jsonl"
        write_segments_jsonl(segments, args.records, broken=False)
        small = Path(tmp) / "segments-small.jsonl"
        write_segments_jsonl(small, args.records // 10, broken=False)
        whole = Path(tmp) / "articles.jsonl"
        with whole.open("w", encoding="utf-8") as out:
            for copy in range(args.copies):
                for doc, system, text in articles():
                    record = {"id": f"{doc}|{system}|{copy}", "text": text}
                    out.write(json.dumps(record) + "\n")

        started = time.perf_counter()
        ray.init(
            address="local",
            num_cpus=args.workers,
            include_dashboard=False,
            log_to_driver=False,
            object_store_memory=256 * 2**20,
        )
        results["ray_init_seconds"] = round(time.perf_counter() - started, 2)
        print(f"Ray {ray.__version__}: local instance started in {results['ray_init_seconds']} s")
        try:
            cold = count([str(small)], "ray", args.workers)  # Ray Data's first job also imports
            results["ray_first_job"] = row("ray, first job on the instance", *cold, args.workers)
            corpora = (("segments/10", small), ("segments", segments), ("articles", whole))
            for name, path in corpora:
                size = path.stat().st_size
                print(f"{name}: {path.stat().st_size / 1e6:.1f} MB")
                rows = []
                for engine, workers in (
                    ("local", 1),
                    ("local", args.workers),
                    ("ray", args.workers),
                ):
                    what = f"local -j {workers}" if engine == "local" else f"ray, {workers} workers"
                    runs = [count([str(path)], engine, workers) for _ in range(args.repeat)]
                    rows.append(row(what, *min(runs, key=lambda r: r[1]), workers))
                results["corpora"][name] = {"bytes": size, "rows": rows}
            # what one more record costs once a job runs: the two segment corpora's difference
            big, few = (
                results["corpora"]["segments"]["rows"],
                results["corpora"]["segments/10"]["rows"],
            )
            print("per worker, each record past the job's fixed cost (segments minus segments/10):")
            for i, what in enumerate(r["what"] for r in big):
                extra = (big[i]["records"] - few[i]["records"]) / (
                    big[i]["seconds"] - few[i]["seconds"]
                )
                marginal = extra / big[i]["workers"]
                big[i]["marginal_per_second_per_worker"] = round(marginal, 1)
                print(f"  {what:<28} {marginal:>7.0f}/s/worker")
        finally:
            ray.shutdown()
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
