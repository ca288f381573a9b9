"""JSON Lines: one object per article (the JSON report's file entries), written as they come, so
a corpus of any size can be streamed and joined back to its records by ``path``."""

from __future__ import annotations

import json
from collections.abc import Iterable

from cleanup.core.model import FileReport
from cleanup.report.json import file_dict


def render(reports: Iterable[FileReport]) -> str:
    return "".join(json.dumps(file_dict(r), ensure_ascii=False) + "\n" for r in reports)
