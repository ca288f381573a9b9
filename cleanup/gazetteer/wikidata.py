"""Turning a Wikidata query export into the gazetteer's YAML format.

Reads the three shapes the Wikidata Query Service downloads: SPARQL JSON results
(``{"results": {"bindings": [...]}}``), a JSON array of flat objects, or CSV with a header. Columns
are recognised by name: the item (``item``, a URL or Q-id), its label (``itemLabel``/``label``/
``name``), aliases (``itemAltLabel``/``altLabel``/``aliases``, ``|``- or comma-separated), a
position held (``positionLabel``/``position``), its ``start``/``end`` and an optional ``kind``.
One row per item × alias × position is fine: rows are grouped by item.

>>> rows = [{"item": "http://www.wikidata.org/entity/Q7747", "itemLabel": "Vladimir Putin",
...          "itemAltLabel": "Putin, Vladimir Vladimirovich Putin",
...          "positionLabel": "President of Russia", "start": "2012-05-07T00:00:00Z"}]
>>> data = convert(rows)
>>> data["entries"][0]["roles"], data["roles"]
([['wd/president-of-russia', '2012-05-07']], {'wd/president-of-russia': ['President of Russia']})
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import yaml

from cleanup.errors import InputError

_COLUMNS = {
    "item": ("item", "person", "entity", "qid", "id"),
    "label": ("itemlabel", "label", "name", "personlabel"),
    "aliases": ("itemaltlabel", "altlabel", "aliases", "alias", "personaltlabel"),
    "position": ("positionlabel", "position", "positionheldlabel", "role"),
    "start": ("start", "starttime", "from", "start_date"),
    "end": ("end", "endtime", "to", "end_date"),
    "kind": ("kind", "type"),
}


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """The rows of a Wikidata export (JSON or CSV) as flat dicts of strings."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    if path.suffix.lower() == ".csv" or not text.lstrip().startswith(("{", "[")):
        return [dict(row) for row in csv.DictReader(io.StringIO(text))]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    if isinstance(data, dict) and "results" in data:
        data = data["results"].get("bindings", [])
    if not isinstance(data, list):
        raise InputError(f"{path}: expected SPARQL JSON results or a JSON array of objects")
    rows = []
    for item in data:
        if isinstance(item, dict):
            rows.append(
                {
                    k: str(v.get("value", "") if isinstance(v, dict) else v)
                    for k, v in item.items()
                    if v is not None
                }
            )
    return rows


def _column(row: dict[str, str], field: str) -> str:
    lowered = {k.lower(): v for k, v in row.items()}
    for name in _COLUMNS[field]:
        if lowered.get(name):
            return lowered[name].strip()
    return ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _date(value: str) -> str:
    """``2012-05-07T00:00:00Z`` → ``2012-05-07``; Wikidata's year-only dates keep the year."""
    match = re.match(r"^\+?(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return ""
    year, month, day = match.groups()
    if month == "00":
        return year
    return f"{year}-{month}-{day}" if day != "00" else f"{year}-{month}"


def convert(rows: list[dict[str, str]], kind: str = "person") -> dict[str, Any]:
    """Group export rows by item into gazetteer ``roles`` and ``entries``."""
    entries: dict[str, dict[str, Any]] = {}
    roles: dict[str, list[str]] = {}
    for row in rows:
        label = _column(row, "label")
        key = _column(row, "item").rsplit("/", 1)[-1] or label
        if not label or re.fullmatch(r"Q\d+", label):
            continue  # no English label: nothing to match
        entry = entries.setdefault(
            key, {"name": label, "kind": _column(row, "kind") or kind, "accept": [], "roles": []}
        )
        aliases = _column(row, "aliases")
        for alias in aliases.split("|") if "|" in aliases else aliases.split(", "):
            alias = alias.strip()
            if alias and alias != entry["name"] and alias not in entry["accept"]:
                entry["accept"].append(alias)
        position = _column(row, "position")
        if position and not re.fullmatch(r"Q\d+", position):
            role_id = f"wd/{_slug(position)}"
            roles.setdefault(role_id, [position])
            tenure = [role_id, _date(_column(row, "start")) or "0001"]
            end = _date(_column(row, "end"))
            if end:
                tenure.append(end)
            if tenure not in entry["roles"]:
                entry["roles"].append(tenure)
    out_entries = []
    for entry in entries.values():
        out_entries.append({k: v for k, v in entry.items() if v or k == "name"})
    return {"roles": roles, "entries": out_entries} if roles else {"entries": out_entries}


def to_yaml(data: dict[str, Any], source: str) -> str:
    header = f"# Imported from {source} by `cleanup gazetteer import`.\n"
    header += "# Format: rules/gazetteer/README.md. Check it with `cleanup gazetteer check`.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
