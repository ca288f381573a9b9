"""Time must stay linear in the input: `cleanup check` on one article of each hostile shape at
doubling sizes, with the ratio of each size's time to the half size's and the peak memory.

Not a timed test (tests/test_linear.py counts the work instead): run
`python bench/bench_linear.py [--quick] [--shapes contraction,seed]`, or `python bench/run.py
--only linear`. Each shape is one line repeated k times (k = 5k ... 80k) or the seed article
repeated to 1 ... 16 MB, checked by `cleanup check --no-cache -j 1` in a child process. The time
is the child's CPU time (user + system), which a busy machine disturbs less than wall time;
the target is at most 2.3x per doubling (docs/benchmarks.md, "Linear time").
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_DOUBLING = 2.3  # time for 2n over time for n

REPEATS = (5_000, 10_000, 20_000, 40_000, 80_000)
MEGABYTES = (1, 2, 4, 8, 16)


@dataclass(frozen=True)
class Shape:
    name: str
    what: str  # as the table shows it
    build: Callable[[int], str]  # the article for one size
    sizes: tuple[int, ...]
    unit: str  # "x" (repetitions) or "MB"


def _seed_mb(megabytes: int) -> str:
    from tests.paths import SEED

    article = SEED.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    copies = -(-megabytes * 1_000_000 // len(article.encode("utf-8")))
    return article * copies


SHAPES = {
    s.name: s
    for s in (
        Shape("contraction", "`do n't `", lambda k: "do n't " * k, REPEATS, "x"),
        Shape("mojibake", "`Sergeń≠ `", lambda k: "Sergeń≠ " * k, REPEATS, "x"),
        Shape("abbreviations", "`US U.S. `", lambda k: "US U.S. " * k, REPEATS, "x"),
        # one mark is a tenth of the others' lines: five times as many (25k ... 400k)
        Shape("quotes", "`“`", lambda k: "“" * 5 * k, REPEATS, "x5"),
        Shape("full-stops", "`中文.\\n`", lambda k: "中文.\n" * k, REPEATS, "x"),
        Shape("seed", "seed article", _seed_mb, MEGABYTES, "MB"),
    )
}

# Runs a command from a small process and prints the command's peak RSS (KB) and CPU seconds: a
# child of the benchmark itself would count the parent's memory it shares until exec.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
    "sys.exit(code)\n"
)


@dataclass
class Sample:
    shape: str
    size: int
    unit: str
    text_mb: float
    wall: float
    cpu: float | None  # None: stopped at the timeout (wall)
    peak_rss_mb: float | None
    ratio: float | None = None  # cpu over the previous (half) size's

    @property
    def label(self) -> str:
        if self.unit == "MB":
            return f"{self.size} MB"
        times = 5 if self.unit == "x5" else 1
        return f"{self.size * times // 1000}k"


def check_once(path: Path, checkout: Path, timeout: float) -> tuple[float, float, float] | None:
    """(wall seconds, CPU seconds, peak RSS in MB) of `cleanup check --no-cache -j 1 path` run
    from ``checkout``; None when it took longer than ``timeout`` seconds."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "cleanup", "check", "--no-cache", "-j", "1", "--exit-zero"]
    began = time.perf_counter()
    # a session of its own, so that a timeout ends the check too, not only the measuring process
    with subprocess.Popen(
        [sys.executable, "-c", _MEASURE, *cmd, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=checkout,  # `python -m` looks in the working folder first
        start_new_session=True,
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return None
    wall = time.perf_counter() - began
    if proc.returncode != 0:
        sys.exit(f"{path.name}: exit {proc.returncode}: {err.decode()[-400:]}")
    rss_kb, cpu = out.split()[-2:]
    return wall, float(cpu), int(rss_kb) / 1024


def measure(
    shapes: Sequence[str], quick: bool = False, checkout: Path = ROOT, timeout: float = 600
) -> list[Sample]:
    """Each shape at each of its sizes (the two smallest with ``quick``), smallest first, until
    one takes longer than ``timeout`` seconds (a row with no time, and no larger size)."""
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory(prefix="cleanup-linear-") as tmp:
        for name in shapes:
            shape = SHAPES[name]
            previous: Sample | None = None
            for size in shape.sizes[:2] if quick else shape.sizes:
                path = Path(tmp) / f"{name}-{size}.txt"
                text = shape.build(size)
                path.write_text(text, encoding="utf-8")
                measured = check_once(path, checkout, timeout)
                path.unlink()
                mb = len(text.encode()) / 1e6
                if measured is None:
                    samples.append(Sample(name, size, shape.unit, mb, timeout, None, None))
                    print(_row(samples[-1]), file=sys.stderr, flush=True)
                    break
                sample = Sample(name, size, shape.unit, mb, *measured)
                if previous is not None:
                    sample.ratio = sample.cpu / previous.cpu  # type: ignore[operator]
                samples.append(sample)
                previous = sample
                print(_row(sample), file=sys.stderr, flush=True)
    return samples


def _row(s: Sample) -> str:
    if s.cpu is None or s.peak_rss_mb is None:
        return f"{SHAPES[s.shape].what:<14} {s.label:>6} {s.text_mb:7.2f} {f'> {s.wall:.0f}':>8}"
    ratio = "" if s.ratio is None else f"{s.ratio:.2f}"
    verdict = "" if s.ratio is None else ("ok" if s.ratio <= MAX_DOUBLING else "MISSED")
    return (
        f"{SHAPES[s.shape].what:<14} {s.label:>6} {s.text_mb:7.2f} {s.wall:8.2f} {s.cpu:8.2f} "
        f"{ratio:>6} {s.peak_rss_mb:7.0f}  {verdict}"
    )


def table(samples: Sequence[Sample]) -> str:
    head = f"{'shape':<14} {'size':>6} {'MB':>7} {'wall s':>8} {'cpu s':>8} {'x2':>6} {'RSS MB':>7}"
    return "\n".join([head, "-" * len(head), *map(_row, samples)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    parser.add_argument("--quick", action="store_true", help="the two smallest sizes only")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="time this checkout's code")
    parser.add_argument("--timeout", type=float, default=600, help="seconds for one check")
    args = parser.parse_args(argv)
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        parser.error(f"unknown shapes: {', '.join(sorted(unknown))}")
    samples = measure(shapes, args.quick, args.checkout.resolve(), args.timeout)
    print(table(samples))
    print(f"\nmachine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    missed = [
        f"{s.shape} {s.label}"
        for s in samples
        if s.cpu is None or (s.ratio is not None and s.ratio > MAX_DOUBLING)
    ]
    print("over 2.3x or the timeout: " + (", ".join(missed) if missed else "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
