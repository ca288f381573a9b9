"""The Ray engine across nodes, simulated on one machine: 1 node against N nodes of one CPU each.

Each node is a raylet of its own (``ray.cluster_utils.Cluster``, Ray's multi-node test cluster),
as a machine of a real cluster would run one; each has one CPU, so each worker (one CPU each)
must run on a node of its own, and the run has to ship rules, records and outcomes between
nodes through Ray as it would between machines. What it cannot show is the network: every node
here shares this machine's memory and cores, so N nodes scale at most as this machine's cores.

Run on demand from the repository root (needs ``pip install -e '.[ray]'``)::

    python bench/bench_ray_nodes.py                 # 20,000 and 2,000 MQM segments, 1 and 2 nodes
    python bench/bench_ray_nodes.py --records 4000 --nodes 3

The figures go to stdout and to bench/ray_nodes.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_engines import count, row  # noqa: E402


def on_nodes(nodes: int, small: Path, path: Path, repeat: int) -> dict[str, Any]:
    """A cluster of ``nodes`` one-CPU raylets; ``check`` of ``small`` and ``path`` on it, one
    worker per node; what one more record costs past the job's fixed cost is the difference."""
    import ray
    from ray.cluster_utils import Cluster

    cluster = Cluster(
        initialize_head=True,
        head_node_args={"num_cpus": 1, "object_store_memory": 128 * 2**20},
    )
    for _ in range(nodes - 1):
        cluster.add_node(num_cpus=1, object_store_memory=128 * 2**20)
    ray.init(address=cluster.address, log_to_driver=False, include_dashboard=False)
    try:
        alive = [n for n in ray.nodes() if n["Alive"]]
        assert len(alive) == nodes, f"{len(alive)} of {nodes} nodes came up"
        count([str(small)], "ray", nodes)  # a cluster's first job also imports Ray Data
        few, many = (
            min((count([str(p)], "ray", nodes) for _ in range(repeat)), key=lambda r: r[1])
            for p in (small, path)
        )
        found = row(f"ray, {nodes} node(s) x 1 CPU", *many, nodes)
        found["marginal_per_second"] = round((many[0] - few[0]) / (many[1] - few[1]), 1)
        print(f"  past the fixed cost: {found['marginal_per_second']:.0f} records/s")
        return found
    finally:
        ray.shutdown()
        cluster.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20000, help="segment records")
    parser.add_argument("--nodes", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=2, help="runs on each cluster; best counts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "ray_nodes.json")
    args = parser.parse_args()

    import ray

    from tests.corpus import write_segments_jsonl

    results: dict[str, Any] = {
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "ray": ray.__version__,
        "records": args.records,
        "rows": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        segments = Path(tmp) / "segments.jsonl"
        write_segments_jsonl(segments, args.records, broken=False)
        small = Path(tmp) / "segments-small.jsonl"
        write_segments_jsonl(small, args.records // 10, broken=False)
        for nodes in sorted({1, args.nodes}):
            results["rows"].append(on_nodes(nodes, small, segments, args.repeat))
    one, many = results["rows"][0], results["rows"][-1]
    for key in ("per_second", "marginal_per_second"):
        results[f"speedup_{key}"] = round(many[key] / one[key], 2)
    print(
        f"{args.nodes} nodes against 1: {results['speedup_per_second']}x the records per second,"
        f" {results['speedup_marginal_per_second']}x past the fixed cost"
    )
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
