"""`--engine ray` on a real local Ray instance: the same bytes and reports as the local engine.

Ray starts in seconds, so one instance serves the module (2 CPUs, a small object store) and the
engine joins it; two CLI runs cover starting an instance of its own and joining by address.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from cleanup.commands import check, fix
from cleanup.commands.inputs import InputOptions
from cleanup.errors import ServiceError
from cleanup.settings.config import Config
from tests.conftest import CliRun
from tests.corpus import write_segments_jsonl
from tests.paths import DATA, SEED

pytestmark = pytest.mark.ray


def _raylets() -> set[int]:
    """Pids of the Ray node managers running now (one per Ray instance on this machine)."""
    done = subprocess.run(
        ["pgrep", "-f", "ray/core/src/ray/raylet/raylet"],
        text=True,
        capture_output=True,
        check=False,
    )
    return {int(pid) for pid in done.stdout.split()}


def test_cli_starts_a_local_instance_and_shuts_it_down(run_cli: CliRun, tmp_path: Path) -> None:
    pytest.importorskip("ray")
    corpus = tmp_path / "c.jsonl"
    write_segments_jsonl(corpus, 40)
    before = _raylets()
    env = {"RAY_ADDRESS": ""}
    ray = run_cli(
        "fix",
        str(corpus),
        "-o",
        str(tmp_path / "ray.jsonl"),
        "--engine",
        "ray",
        "--no-cache",
        env=env,
    )
    local = run_cli("fix", str(corpus), "-o", str(tmp_path / "local.jsonl"), "--no-cache")
    assert ray.returncode == local.returncode == 2, ray.stderr  # the two broken lines
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert "Traceback" not in ray.stderr
    assert not _raylets() - before  # the instance started for the run is gone


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[Any]:
    ray = pytest.importorskip("ray")
    ray.init(
        address="local",
        num_cpus=2,
        object_store_memory=100 * 2**20,
        include_dashboard=False,
        log_to_driver=False,
    )
    yield ray
    ray.shutdown()


def _run(command: str, paths: list[str], engine: str, **options: Any) -> tuple[int, str, str]:
    """fix/check in this process (the engine joins the module's Ray): exit, out, err."""
    inputs = InputOptions(tuple(paths), engine=engine)
    # no result cache: the second engine must compute, not read what the first one stored
    config = Config(**{"use_cache": False, **options.pop("config", {})})
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        if command == "fix":
            code = fix.fix(fix.FixOptions(tuple(paths), inputs=inputs, **options), config)
        else:
            code = check.check(check.CheckOptions(tuple(paths), inputs=inputs, **options), config)
    return code, out.getvalue(), err.getvalue()


def test_ray_fix_and_check_equal_local_on_2000_records(ray_cluster: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = write_segments_jsonl(corpus, 2000)
    outputs = {}
    for engine in ("local", "ray"):
        output = tmp_path / f"{engine}.jsonl"
        code, _, err = _run("fix", [str(corpus)], engine, output=output)
        assert code == 2, err  # the two broken lines are errors ...
        assert f"{corpus}:{2000 // 3 + 2}: not UTF-8" in err
        outputs[engine] = output.read_bytes()
    # ... and every line is still there, fixed or copied unchanged
    assert outputs["ray"] == outputs["local"]
    assert outputs["ray"].count(b"\n") == lines
    assert outputs["ray"] != corpus.read_bytes()
    assert b"{not json\n" in outputs["ray"]

    local = _run("check", [str(corpus)], "local", format="json")
    ray = _run("check", [str(corpus)], "ray", format="json")
    assert ray[0] == local[0] == 2
    assert ray[1] == local[1]
    assert ray[1].count('"path"') == lines


def test_ray_reads_folders_gzip_html_and_missing_files_in_order(
    ray_cluster: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "sub" / "hostile.txt").write_bytes((DATA / "hostile.txt").read_bytes())
    (folder / "page.html").write_text(
        "<html><body><article><p>The minister said  that .. it was fine, "
        "and the council agreed after a long debate about the budget.</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "notes.md").write_text("# Notes\n\nKeep `a  b` as is .. but fix this.\n")
    write_segments_jsonl(tmp_path / "c.jsonl", 30)
    import gzip

    (folder / "sub" / "z.jsonl.gz").write_bytes(gzip.compress((tmp_path / "c.jsonl").read_bytes()))
    paths = [str(folder), str(tmp_path / "missing.txt"), str(tmp_path / "c.jsonl")]
    for fmt in ("json", "text"):
        local = _run("check", paths, "local", format=fmt)
        ray = _run("check", paths, "ray", format=fmt)
        assert ray[0] == local[0] == 2
        if fmt == "text":  # the summary line carries the time taken
            local, ray = (r[1].rsplit("\n", 2)[0] for r in (local, ray))  # type: ignore[assignment]
        else:
            local, ray = local[1], ray[1]  # type: ignore[assignment]
        assert ray == local
    out_local, out_ray = tmp_path / "out-local", tmp_path / "out-ray"
    assert _run("fix", paths[:1], "local", output_dir=out_local)[0] == 2
    assert _run("fix", paths[:1], "ray", output_dir=out_ray)[0] == 2
    written = sorted(p.relative_to(out_local) for p in out_local.rglob("*") if p.is_file())
    assert len(written) == 5
    for relative in written:
        assert (out_ray / relative).read_bytes() == (out_local / relative).read_bytes()


def test_cli_joins_a_cluster_by_address(ray_cluster: Any, run_cli: CliRun, tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    write_segments_jsonl(corpus, 50, broken=False)
    address = ray_cluster.get_runtime_context().gcs_address
    local = run_cli("check", str(corpus), "--format", "json")
    joined = run_cli(
        "check",
        str(corpus),
        "--format",
        "json",
        "--engine",
        "ray",
        "-j",
        "2",
        "--no-cache",
        env={"RAY_ADDRESS": address},
    )
    assert joined.returncode == local.returncode == 1, joined.stderr
    assert joined.stdout == local.stdout
    assert ray_cluster.is_initialized()  # the run left the cluster it joined running
    stdin = run_cli(
        "fix", "-", "--engine", "ray", "--ray-address", address, input="He left. .. She stayed.\n"
    )
    assert stdin.returncode == 0, stdin.stderr
    assert stdin.stdout == "He left. She stayed.\n"


def test_an_unreachable_service_stops_both_engines_alike(ray_cluster: Any, tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on: every LanguageTool call fails
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    corpus = tmp_path / "c.jsonl"
    write_segments_jsonl(corpus, 6, broken=False)
    config = {"grammar": True, "languagetool_url": url, "use_cache": False}
    errors = []
    for engine in ("local", "ray"):
        with pytest.raises(ServiceError) as caught:
            _run("check", [str(corpus)], engine, format="json", config=config)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert errors[1].startswith(f"LanguageTool at {url} is not usable")


@pytest.mark.languagetool
def test_grammar_on_ray_matches_local_and_stops_its_server(
    ray_cluster: Any, tmp_path: Path
) -> None:
    from tests.languagetool_support import java_processes_of, require_languagetool

    require_languagetool()
    corpus = tmp_path / "c.jsonl"
    write_segments_jsonl(corpus, 8, broken=False)
    # no cache: every worker sends its texts to the run's LanguageTool server
    config = {"grammar": True, "cache_dir": str(tmp_path / "cache")}
    local = _run("check", [str(corpus)], "local", format="json", config=config)
    ray = _run("check", [str(corpus)], "ray", format="json", config=config)
    assert ray[:2] == local[:2]  # exit code and report (stderr has the time taken)
    assert '"rule": "grammar/' in ray[1]
    assert java_processes_of(os.getpid()) == []  # the run's server is gone


def test_without_the_extra_engine_ray_is_one_line(run_cli: CliRun, tmp_path: Path) -> None:
    fake = tmp_path / "ray"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('No module named ray')\n")
    article = tmp_path / "a.txt"
    article.write_text("He left. .. She stayed.\n")
    root = Path(__file__).resolve().parent.parent
    done = run_cli(
        "check",
        str(article),
        "--engine",
        "ray",
        env={"PYTHONPATH": os.pathsep.join([str(tmp_path), str(root)])},
    )
    assert done.returncode == 2
    assert done.stderr == "cleanup: error: --engine ray needs Ray: pip install 'cleanup[ray]'\n"
