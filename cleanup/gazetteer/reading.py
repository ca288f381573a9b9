"""Reading gazetteer files: YAML or CSV into entries and role phrases, every problem with its line.

The format is documented in ``rules/gazetteer/README.md``. In short, a YAML file holds ``roles:``
(role ids and the phrases that name them), ``countries:``/``offices:`` (from which phrases such as
"Russian Foreign Minister" are generated for a role id ``ru/foreign-minister``) and ``entries:``::

    entries:
      - name: Volodymyr Zelensky          # canonical under the default (AP) style
        kind: person                      # person | place | organization
        accept: [Volodymyr Zelenskyy, Zelenskyy]     # right too: left alone
        wrong: [Wolodimir Zelensky]       # errors: corrected (names/known-variant)
        roles: [[ua/president, 2019-05-20]]           # [role id, from, to (absent: still)]

A CSV file with the header ``canonical,variants,kind`` (variants ``|``-separated, corrected to the
canonical form) works too.

>>> f = read_file(gazetteer_dir() / "roles.yaml")
>>> f.path, f.problems, f.offices["president"]
('rules/gazetteer/roles.yaml', [], ['President'])
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from cleanup.errors import ConfigError
from cleanup.gazetteer.entries import KINDS, Entry, Problem, Tenure, valid_date
from cleanup.io.yaml_events import LineDict, load_yaml

MAX_FILE_SIZE = 1 << 30  # a gazetteer file larger than this is refused (a device, a mistake)
_ENTRY_KEYS = {"name", "kind", "accept", "wrong", "variants", "keep", "short", "styles", "roles"}


@dataclass
class GazetteerFile:
    """What one file contributes, and every problem found in it."""

    path: str
    entries: list[Entry] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)
    countries: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    offices: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # forms listed more than once in an entry, and entries repeated: dropped (or merged) while
    # loading, so a run costs what the distinct forms cost; `cleanup gazetteer check` lists them
    duplicates: list[Problem] = field(default_factory=list)


def read_file(path: str | Path) -> GazetteerFile:
    """Parse one YAML or CSV gazetteer file, collecting problems instead of stopping at the first.

    Raises :class:`ConfigError` only when the file cannot be read at all. A file named by a
    settings file may be anything (the nearest settings file can come with the corpus): no
    message quotes what a file that is not a gazetteer holds, only where and what is wrong.
    """
    from cleanup.errors import InputError
    from cleanup.io.readers import read_bytes

    path = Path(path)
    try:
        data = read_bytes(path, MAX_FILE_SIZE)
    except InputError as exc:
        if not Path(path).exists():
            raise ConfigError(f"{path}: gazetteer file not found") from None
        raise ConfigError(f"cannot read gazetteer file {exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: cannot read gazetteer file: not UTF-8 text (byte {exc.start + 1})"
        ) from None
    out = GazetteerFile(_display(path))
    if path.suffix.lower() == ".csv":
        _read_csv(text, out)
    else:
        _read_yaml(text, out)
    return out


def _display(path: Path) -> str:
    """Shipped files by their path in the project (rules/gazetteer/x.yaml), installed or not;
    others as given."""
    from cleanup.rules.loader import rules_dir

    try:
        return str(PurePosixPath("rules", path.resolve().relative_to(rules_dir().resolve())))
    except ValueError:
        return str(path)


def _read_csv(text: str, out: GazetteerFile) -> None:
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as exc:  # a NUL byte, a field over the size limit: no content in the message
        out.problems.append(Problem(out.path, f"not CSV: {exc}"))
        return
    if not rows:
        out.problems.append(Problem(f"{out.path}:1", "empty; expected canonical,variants,kind"))
        return
    header = [h.strip().lower() for h in rows[0]]
    if header[:3] != ["canonical", "variants", "kind"]:
        # the line is not quoted: a file that is no gazetteer at all may be a secret
        columns = f"{len(rows[0])} column{'s' * (len(rows[0]) != 1)}"
        out.problems.append(
            Problem(f"{out.path}:1", f"header must start canonical,variants,kind (got {columns})")
        )
        return
    extra = header[3:]
    for unknown in set(extra) - {"accepted"}:
        out.problems.append(Problem(f"{out.path}:1", f"unknown column {unknown!r}"))
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{out.path}:{number}"
        if len(row) < 3 or len(row) > len(header):
            out.problems.append(Problem(where, f"expected {len(header)} columns, got {len(row)}"))
            continue
        cells = dict(zip(header, row, strict=False))
        raw = LineDict(
            name=cells["canonical"].strip(),
            kind=cells["kind"].strip() or "person",
            wrong=_split_bar(cells["variants"]),
            accept=_split_bar(cells.get("accepted", "")),
        )
        raw.line = number
        entry = _parse_entry(raw, out.path, out.problems, out.duplicates)
        if entry:
            out.entries.append(entry)
    _repeated_entries(out)


def _repeated_entries(out: GazetteerFile) -> None:
    """Note each entry (kind and name) that the file has more than once: the index merges them."""
    seen: dict[tuple[str, str], list[Entry]] = {}
    for entry in out.entries:
        seen.setdefault((entry.kind, entry.name), []).append(entry)
    for (_, name), same in seen.items():
        if len(same) > 1:
            out.duplicates.append(
                Problem(
                    same[1].source,
                    f"entry {name!r} appears {len(same)} times (first at {same[0].source}); "
                    "they are merged",
                )
            )


def _split_bar(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _read_yaml(text: str, out: GazetteerFile) -> None:
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        column = f", column {mark.column + 1}" if mark else ""
        problem = _unquoted(getattr(exc, "problem", None) or "cannot parse")
        out.problems.append(Problem(f"{out.path}:{line}", f"invalid YAML{column}: {problem}"))
        return
    except RecursionError:
        out.problems.append(Problem(out.path, "invalid YAML: nested too deeply"))
        return
    if data is None:
        return
    if not isinstance(data, LineDict):
        out.problems.append(
            Problem(
                f"{out.path}:1",
                f"not a gazetteer: expected a mapping with entries:/roles:, got {_json_type(data)}",
            )
        )
        return
    unknown = set(data) - _TOP_KEYS
    if unknown and not set(data) & (_TOP_KEYS - {"kind"}):
        # no key of a gazetteer at all: its keys are not quoted (it may be anything)
        out.problems.append(
            Problem(
                f"{out.path}:{data.line}",
                "not a gazetteer: none of entries:, roles:, countries:, offices: at top level",
            )
        )
        return
    for key in sorted(unknown, key=str):
        out.problems.append(Problem(f"{out.path}:{data.line}", f"unknown top-level key {key!r}"))
    default_kind = data.get("kind", "person")
    for role_id, phrases in (data.get("roles") or {}).items():
        if not _is_str_list(phrases):
            out.problems.append(Problem(out.path, f"role {role_id!r}: phrases must be a list"))
            continue
        out.roles.setdefault(str(role_id), []).extend(phrases)
    for code, country in (data.get("countries") or {}).items():
        names, adjectives = country.get("names", []), country.get("adjectives", [])
        if not (_is_str_list(names) and _is_str_list(adjectives)):
            where = f"{out.path}:{getattr(country, 'line', 1)}"
            out.problems.append(Problem(where, f"country {code!r}: names/adjectives must be lists"))
            continue
        out.countries[str(code)] = {"names": names, "adjectives": adjectives}
    for office, phrases in (data.get("offices") or {}).items():
        if not _is_str_list(phrases):
            out.problems.append(Problem(out.path, f"office {office!r}: phrases must be a list"))
            continue
        out.offices[str(office)] = phrases
    entries = data.get("entries") or []
    if not isinstance(entries, list):
        out.problems.append(Problem(f"{out.path}:{data.line}", "entries: must be a list"))
        return
    for raw in entries:
        if isinstance(raw, dict) and "kind" not in raw:
            raw["kind"] = default_kind
        entry = _parse_entry(raw, out.path, out.problems, out.duplicates)
        if entry:
            out.entries.append(entry)
    _repeated_entries(out)


_TOP_KEYS = {"entries", "roles", "countries", "offices", "kind"}
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def _unquoted(problem: str) -> str:
    """A YAML parser's problem without the file's text it quotes (a character, an alias name):
    token names such as '<block end>' and single characters stay.

    >>> _unquoted("found undefined alias 'password'"), _unquoted("found character '\\t'")
    ('found undefined alias …', "found character '\\t'")
    """

    def keep(m: re.Match[str]) -> str:
        inner = m[0][1:-1]
        return m[0] if inner.startswith("<") or len(inner) <= 2 else "…"

    return _QUOTED.sub(keep, problem)


def _json_type(value: Any) -> str:
    """What a YAML value is, in plain words (never the value itself)."""
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a number" if isinstance(value, int | float) else "a scalar"


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _parse_entry(
    raw: Any, path: str, problems: list[Problem], duplicates: list[Problem] | None = None
) -> Entry | None:
    line = getattr(raw, "line", 0)
    where = f"{path}:{line}" if line else path
    if not isinstance(raw, dict):
        problems.append(Problem(where, f"an entry must be a mapping, got {_json_type(raw)}"))
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(where, "entry without a name"))
        return None
    label = f"entry {name!r}"
    start = len(problems)
    for key in set(raw) - _ENTRY_KEYS:
        problems.append(Problem(where, f"{label}: unknown key {key!r}"))
    kind = raw.get("kind", "person")
    if kind not in KINDS:
        problems.append(Problem(where, f"{label}: kind must be one of {', '.join(KINDS)}"))
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("accept", "wrong", "variants", "keep", "short"):
        if key not in raw:  # most entries have two or three of these
            lists[key] = ()
            continue
        value = raw[key]
        if isinstance(value, str):
            value = [value]
        if not _is_str_list(value):
            problems.append(Problem(where, f"{label}: {key} must be a list of non-empty strings"))
            value = []
        stripped = [v.strip() for v in value]
        lists[key] = tuple(dict.fromkeys(stripped))  # each form once, in its first place
        if len(lists[key]) < len(stripped) and duplicates is not None:
            counts = Counter(stripped)
            repeated = [f"{form!r} ({n} times)" for form, n in counts.items() if n > 1]
            shown = ", ".join(repeated[:5]) + (", …" if len(repeated) > 5 else "")
            duplicates.append(
                Problem(where, f"{label}: {key} lists a form more than once: {shown}")
            )
    right = {name, *lists["accept"]}
    for key in ("wrong", "variants"):
        for form in lists[key]:
            if form in right:
                problems.append(Problem(where, f"{label}: {form!r} is both right and in {key}"))
    styles = raw.get("styles", {}) or {}
    if not isinstance(styles, dict) or not all(isinstance(v, str) for v in styles.values()):
        problems.append(Problem(where, f"{label}: styles must map a style name to a spelling"))
        styles = {}
    tenures: list[Tenure] = []
    for item in raw.get("roles", []) or []:
        tenure = _parse_tenure(item)
        if isinstance(tenure, str):
            problems.append(Problem(where, f"{label}: {tenure}"))
        else:
            tenures.append(tenure)
    if len(problems) > start:
        return None
    return Entry(
        name=name.strip(),
        kind=kind,
        accept=lists["accept"],
        wrong=lists["wrong"],
        variants=lists["variants"],
        keep=lists["keep"],
        short=lists["short"],
        styles=tuple(sorted((str(k), v) for k, v in styles.items())),
        roles=tuple(tenures),
        source=where,
    )


def _parse_tenure(item: Any) -> Tenure | str:
    if isinstance(item, dict):
        item = [item.get("role"), item.get("from"), item.get("to")]
    if not isinstance(item, list) or not 2 <= len(item) <= 3 or not isinstance(item[0], str):
        return f"a role must be [role-id, from, to?], got {_json_type(item)}"
    role, start, end = item[0], str(item[1]), (str(item[2]) if len(item) > 2 and item[2] else None)
    for date in (start, end):
        if date is not None and not valid_date(date):
            return f"role {role!r}: {date!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if end is not None and end < start:
        return f"role {role!r}: ends ({end}) before it starts ({start})"
    return Tenure(role, start, end)


def gazetteer_dir() -> Path:
    """The folder of the shipped gazetteer files (``rules/gazetteer``)."""
    from cleanup.rules.loader import rules_dir

    return rules_dir() / "gazetteer"


def shipped_files() -> list[Path]:
    """The shipped gazetteer files, in name order; :class:`ConfigError` when there are none."""
    folder = gazetteer_dir()
    files = sorted(folder.glob("*.yaml"))
    if not files:  # a run without the shipped names would silently fix none
        raise ConfigError(f"{folder}: no shipped gazetteer files found")
    return files
