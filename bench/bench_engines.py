"""Records per second per worker: the local engine (-j 1, -j N) against the Ray engine, same corpus.

Run on demand from the repository root (needs ``pip install -e '.[ray]'``)::

    python bench/bench_engines.py                  # 2,000 MQM segments, then 380 whole articles
    python bench/bench_engines.py --records 8000 --workers 2

The corpora are real MT news (tests/corpus.py): one MQM segment per JSONL record, and one whole
article per record. Each engine runs ``check`` over the corpus in this process (reading, the
pipeline and the report's per-record work; no result cache), so the figures compare engines, not
start-up. Ray's own costs are reported apart: starting a local instance (``ray.init``) and a first
job, whose workers must start and load the rules, against a second one on the warm instance. The
figures go to stdout and to bench/engines.json.
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


def count(paths: list[str], engine: str, jobs: int) -> tuple[int, float]:
    """Records processed and seconds taken by ``engine`` over ``paths`` (no result cache)."""
    from cleanup import app
    from cleanup.config import Config

    inputs = app.InputOptions(tuple(paths), jobs=jobs, engine=engine, jobs_given=True)
    config = Config(use_cache=False)
    files = app.files_of(inputs, config)
    started = time.perf_counter()
    n = sum(1 for _ in app.outcomes(files, config, inputs))
    return n, time.perf_counter() - started


def row(what: str, n: int, seconds: float, workers: int) -> dict[str, Any]:
    rate = n / seconds
    print(
        f"  {what:<34} {n:>5} records {seconds:>7.2f} s"
        f" {rate:>7.1f}/s {rate / workers:>7.1f}/s/worker"
    )
    return {
        "what": what,
        "records": n,
        "seconds": round(seconds, 3),
        "per_second": round(rate, 1),
        "workers": workers,
        "per_second_per_worker": round(rate / workers, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=2000, help="segment records (default 2000)")
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
        whole = Path(tmp) / "articles.jsonl"
        with whole.open("w", encoding="utf-8") as out:
            for doc, system, text in articles():
                out.write(json.dumps({"id": f"{doc}|{system}", "text": text}) + "\n")

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
            for name, path in (("segments", segments), ("articles", whole)):
                size = path.stat().st_size
                print(f"{name}: {path.stat().st_size / 1e6:.1f} MB")
                rows = [
                    row("local -j 1", *count([str(path)], "local", 1), 1),
                    row(
                        f"local -j {args.workers}",
                        *count([str(path)], "local", args.workers),
                        args.workers,
                    ),
                ]
                first = count([str(path)], "ray", args.workers)
                rows.append(row(f"ray, {args.workers} workers, first job", *first, args.workers))
                second = count([str(path)], "ray", args.workers)
                rows.append(row(f"ray, {args.workers} workers, second job", *second, args.workers))
                results["corpora"][name] = {"bytes": size, "rows": rows}
        finally:
            ray.shutdown()
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
