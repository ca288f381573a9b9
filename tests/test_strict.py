"""Strict about what it is told: a rule id, date, style or settings key that does not exist is an
error naming it (exit 2), not an option silently ignored; and every id the tool reports can be
named back to it."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import CliRun
from tests.paths import SEED


def findings(run_cli: CliRun, *args: str) -> list[dict[str, Any]]:
    done = run_cli("check", *args, "--format", "json", "--no-cache")
    assert done.returncode in (0, 1), done.stderr
    return [f for file in json.loads(done.stdout)["files"] for f in file["findings"]]


def test_selecting_one_phrase_id_reports_exactly_that_finding(run_cli: CliRun) -> None:
    everything = findings(run_cli, str(SEED))
    iron_wall = [f for f in everything if f["rule"] == "artifact/calque/iron-wall"]
    assert len(iron_wall) == 1
    assert findings(run_cli, str(SEED), "--select", "artifact/calque/iron-wall") == iron_wall
    # and ignoring it drops that one finding of the phrase list, no other
    rest = findings(run_cli, str(SEED), "--ignore", "artifact/calque/iron-wall")
    assert rest == [f for f in everything if f["rule"] != "artifact/calque/iron-wall"]
