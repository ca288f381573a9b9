"""Record `cleanup check --format json` on the seed, the MQM corpus and the test sets, or compare
a checkout's output with a recording: the proof that a refactoring changed no finding.

    python bench/golden.py record /tmp/golden            # with this checkout
    python bench/golden.py compare /tmp/golden           # exit 1 and the differing sets if any

The MQM corpus is used twice: as one article per document and system (folder of .txt files) and
as one JSONL record per segment. Paths in the output are relative to a scratch folder, so two
recordings from different checkouts compare byte for byte.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import MQM, write_folder  # noqa: E402
from tests.paths import DATA, SEED  # noqa: E402


def _inputs(scratch: Path) -> dict[str, list[str]]:
    """Each recorded set: the arguments of `cleanup check` after `--format json`."""
    write_folder(scratch / "articles", seed=False)
    with (
        gzip.open(MQM, "rt", encoding="utf-8") as handle,
        open(scratch / "segments.jsonl", "w", encoding="utf-8") as out,
    ):
        for line in handle:
            unit = json.loads(line)
            record = {"id": unit["unit_id"], "text": unit["target"], "source": unit["source"]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    shutil.copy(SEED, scratch / SEED.name)
    shutil.copytree(DATA / "artifacts", scratch / "artifacts")
    shutil.copy(DATA / "news_sentences_nonascii.txt", scratch / "news_sentences_nonascii.txt")
    shutil.copy(DATA / "hostile.txt", scratch / "hostile.txt")
    return {
        "seed": [SEED.name],
        "articles": ["articles"],
        "segments": ["segments.jsonl"],
        "test-sets": ["artifacts", "news_sentences_nonascii.txt", "hostile.txt"],
    }


def run_all() -> dict[str, bytes]:
    outputs = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
        for name, args in _inputs(scratch).items():
            command = [sys.executable, "-m", "cleanup", "check", "--no-cache", "--format", "json"]
            done = subprocess.run(
                [*command, *args], cwd=scratch, env=env, capture_output=True, check=False
            )
            if done.returncode not in (0, 1):
                sys.exit(f"{name}: exit {done.returncode}: {done.stderr.decode()[-500:]}")
            outputs[name] = done.stdout
    return outputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    outputs = run_all()
    if args.action == "record":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, data in outputs.items():
            (args.folder / f"{name}.json").write_bytes(data)
        print(f"recorded {len(outputs)} sets in {args.folder}")
        return 0
    differing = [
        name
        for name, data in outputs.items()
        if (args.folder / f"{name}.json").read_bytes() != data
    ]
    for name in differing:
        print(f"{name}: differs from {args.folder / name}.json")
    print(f"{len(outputs) - len(differing)} of {len(outputs)} sets identical")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
