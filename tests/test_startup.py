"""Start-up stays cheap: importing the CLI (what `cleanup --help` pays) loads none of the heavy
machinery; each piece is imported by the command or stage that needs it.

These are behaviour tests on ``sys.modules`` in a fresh interpreter, not timings (the times are in
``python bench/run.py --only startup``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.paths import ROOT

# Module prefixes that `import cleanup.cli.main` must not load, and why each is heavy.
HEAVY = {
    "cleanup.languagetool": "LanguageTool client/server/install (Java, HTTP)",
    "cleanup.stages.grammar": "the grammar stage",
    "cleanup.gazetteer": "the gazetteer (loads and indexes thousands of names)",
    "cleanup.stages": "the detectors (ftfy, compiled patterns, gazetteer)",
    "cleanup.engines.ray": "the Ray engine",
    "cleanup.report.html": "the HTML review page",
    "ray": "Ray (seconds to import)",
    "ftfy": "ftfy (only the encoding stage needs it)",
    "lingua": "language detection models",
    "ahocorasick": "the gazetteer automaton",
    "trafilatura": "HTML extraction",
    "lxml": "HTML extraction",
    "rich.console": "rich's console/rendering",
    "rich.syntax": "rich's syntax highlighting",
    "pygments": "syntax highlighting",
    "hypothesis": "a test-only dependency",
}


def modules_after(statement: str) -> set[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return set(json.loads(done.stdout))


def heavy_among(modules: set[str]) -> dict[str, str]:
    return {
        m: why
        for m in sorted(modules)
        for prefix, why in HEAVY.items()
        if m == prefix or m.startswith(prefix + ".")
    }


def test_importing_the_cli_loads_no_heavy_module() -> None:
    assert heavy_among(modules_after("import cleanup.cli.main")) == {}


def test_cli_help_loads_no_heavy_module() -> None:
    statement = (
        "from click.testing import CliRunner\n"
        "from cleanup.cli.main import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0, result.output"
    )
    assert heavy_among(modules_after(statement)) == {}


def test_processing_loads_the_stages_it_needs() -> None:
    """The other side of lazy loading: processing a text does import the detectors (so the
    check above is not vacuous)."""
    statement = "from cleanup import clean\nclean('caf\\u00c3\\u00a9')"
    loaded = modules_after(statement)
    assert "ftfy" in loaded
    assert "cleanup.stages.encoding" in loaded
    assert "cleanup.languagetool.server" not in loaded


def test_check_loads_no_other_commands_code() -> None:
    """`cleanup check` imports its own command's modules, not review's, the gazetteer
    commands' or LanguageTool's (cleanup.cli.main imports each command when it runs)."""
    statement = (
        "import tempfile, pathlib\n"
        "from click.testing import CliRunner\n"
        "from cleanup.cli.main import cli\n"
        "path = pathlib.Path(tempfile.mkdtemp()) / 'a.txt'\n"
        "path.write_text('He left. .. She stayed.\\n', encoding='utf-8')\n"
        "result = CliRunner().invoke(cli, ['check', '--no-cache', '--exit-zero', str(path)])\n"
        "assert result.exit_code == 0, result.output"
    )
    loaded = modules_after(statement)
    assert "cleanup.cli.check" in loaded and "cleanup.stages.punctuation" in loaded
    for other in ("cleanup.cli.review", "cleanup.commands.review", "cleanup.cli.gazetteer"):
        assert other not in loaded, other
    assert not [m for m in loaded if m.startswith("cleanup.languagetool")]
    # detectors with nothing to do here (no source text, rules off by default, no --grammar)
    # are imported at their first call (cleanup.stages.later), and symspellpy's frequent words are
    # shipped in cleanup.gazetteer; cleanup.__version__ is read when asked (metadata)
    lazy = ("cleanup.stages.source", "cleanup.stages.grammar", "cleanup.stages.artifacts.breaks")
    lazy += ("cleanup.stages.artifacts.spelling", "symspellpy", "importlib.metadata")
    # a plain ASCII text needs neither ftfy nor the code pages (imported at a line that may)
    lazy += ("ftfy", "wcwidth", "cleanup.stages.codepages")
    # no cache (hashlib, pickle), no temporary file (secrets), no JSONL input (gzip)
    lazy += ("hashlib", "pickle", "secrets", "cleanup.io.jsonl", "gzip")
    # one article runs in this process: no pool; and no settings file is found
    lazy += ("multiprocessing", "concurrent.futures.process", "tomllib")
    assert [m for m in loaded if m.startswith(lazy)] == []
