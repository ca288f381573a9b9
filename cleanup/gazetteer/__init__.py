"""Gazetteers: people, places and organizations with their canonical spellings, loaded and indexed.

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
canonical form) works too. :func:`load` caches per set of files, so a process builds the index
once; nothing here runs at import time.

>>> g = load(())
>>> [e.name for e in g.holders("ru/foreign-minister", "2022-02-01")]
['Sergey Lavrov']
"""

from __future__ import annotations

import bisect
import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, cast

import ahocorasick
import yaml

from cleanup.errors import ConfigError

KINDS = ("person", "place", "organization")
_ENTRY_KEYS = {"name", "kind", "accept", "wrong", "variants", "keep", "short", "styles", "roles"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Where a form is found: canonical name, accepted variant, style variant (Kiev), known error,
# phrase to keep as is (Kievan Rus), short form (a surname), role phrase.
HOW = ("name", "accept", "variant", "wrong", "keep", "short", "role")


@dataclass(frozen=True)
class Tenure:
    role: str
    start: str  # ISO date, possibly partial (YYYY or YYYY-MM)
    end: str | None = None  # None: still in office

    def covers(self, date: str) -> bool:
        start = (self.start + "-01-01")[:10] if len(self.start) < 10 else self.start
        end = "9999-12-31" if self.end is None else (self.end + "-12-31")[:10]
        if self.end and len(self.end) == 7:
            end = self.end + "-31"
        return start <= date[:10] <= end


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    accept: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    styles: tuple[tuple[str, str], ...] = ()
    roles: tuple[Tenure, ...] = ()
    source: str = ""  # file:line, for reasons and error messages

    def canonical(self, style: str = "ap") -> str:
        return dict(self.styles).get(style, self.name)

    @property
    def shorts(self) -> tuple[str, ...]:
        """Forms a later lone mention takes: given, or the last word of the name."""
        if self.short or self.kind != "person" or " " not in self.name:
            return self.short
        return (self.name.rsplit(" ", 1)[1],)

    @property
    def right_forms(self) -> tuple[str, ...]:
        return (self.name, *self.accept, *(v for _, v in self.styles))


@dataclass
class Problem:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


# ---------------------------------------------------------------------------------------------
# Reading files


class _LineDict(dict[str, Any]):
    line = 0


# libyaml's parser when PyYAML has it: a 100,000-entry file loads several times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe loader whose mappings remember their line, so problems can name it."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    result = _LineDict(cast("dict[str, Any]", loader.construct_mapping(node, deep=True)))
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: YAML would turn 2019-05-20 into a datetime.date.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class GazetteerFile:
    """What one file contributes, and every problem found in it."""

    path: str
    entries: list[Entry] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)
    countries: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    offices: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_file(path: str | Path) -> GazetteerFile:
    """Parse one YAML or CSV gazetteer file, collecting problems instead of stopping at the first.

    Raises :class:`ConfigError` only when the file cannot be read at all.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: gazetteer file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read gazetteer file: {exc}") from None
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
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        out.problems.append(Problem(f"{out.path}:1", "empty; expected canonical,variants,kind"))
        return
    header = [h.strip().lower() for h in rows[0]]
    if header[:3] != ["canonical", "variants", "kind"]:
        out.problems.append(
            Problem(f"{out.path}:1", f"header must start canonical,variants,kind, got {rows[0]}")
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
        raw = _LineDict(
            name=cells["canonical"].strip(),
            kind=cells["kind"].strip() or "person",
            wrong=_split_bar(cells["variants"]),
            accept=_split_bar(cells.get("accepted", "")),
        )
        raw.line = number
        entry = _parse_entry(raw, out.path, out.problems)
        if entry:
            out.entries.append(entry)


def _split_bar(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _read_yaml(text: str, out: GazetteerFile) -> None:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        out.problems.append(Problem(f"{out.path}:{line}", f"invalid YAML: {problem}"))
        return
    if data is None:
        return
    if not isinstance(data, _LineDict):
        out.problems.append(Problem(f"{out.path}:1", "expected a mapping with entries:/roles:"))
        return
    for key in set(data) - {"entries", "roles", "countries", "offices", "kind"}:
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
        entry = _parse_entry(raw, out.path, out.problems)
        if entry:
            out.entries.append(entry)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _parse_entry(raw: Any, path: str, problems: list[Problem]) -> Entry | None:
    line = getattr(raw, "line", 0)
    where = f"{path}:{line}" if line else path
    if not isinstance(raw, dict):
        problems.append(Problem(where, f"an entry must be a mapping, got {raw!r}"))
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
        value = raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not _is_str_list(value):
            problems.append(Problem(where, f"{label}: {key} must be a list of non-empty strings"))
            value = []
        lists[key] = tuple(v.strip() for v in value)
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
        return f"a role must be [role-id, from, to?], got {item!r}"
    role, start, end = item[0], str(item[1]), (str(item[2]) if len(item) > 2 and item[2] else None)
    for date in (start, end):
        if date is not None and not _valid_date(date):
            return f"role {role!r}: {date!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if end is not None and end < start:
        return f"role {role!r}: ends ({end}) before it starts ({start})"
    return Tenure(role, start, end)


def _valid_date(text: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real day."""
    import datetime

    if not _DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(parts[0] or 1, parts[1], parts[2])
    except ValueError:
        return False
    return True


def check_files(files: Iterable[GazetteerFile]) -> list[Problem]:
    """Problems within and across files: unknown role ids, a form that is right for one entry and
    wrong for another, a wrong form claimed by two entries with different corrections."""
    files = list(files)
    problems = [p for f in files for p in f.problems]
    role_ids = set(_role_phrases(files))
    right: dict[str, Entry] = {}
    for f in files:
        for e in f.entries:
            for form in e.right_forms:
                right.setdefault(form, e)
    wrong_owner: dict[str, Entry] = {}
    for f in files:
        for e in f.entries:
            for t in e.roles:
                if t.role not in role_ids:
                    problems.append(Problem(e.source, f"entry {e.name!r}: unknown role {t.role!r}"))
            for form in (*e.wrong, *e.variants):
                other = right.get(form)
                if other is not None and other.name != e.name:
                    problems.append(
                        Problem(
                            e.source,
                            f"entry {e.name!r}: {form!r} is the right spelling of "
                            f"{other.name!r} ({other.source})",
                        )
                    )
                owner = wrong_owner.setdefault(form, e)
                if owner.name != e.name:
                    problems.append(
                        Problem(
                            e.source,
                            f"entry {e.name!r}: {form!r} is also corrected to "
                            f"{owner.name!r} ({owner.source})",
                        )
                    )
    return problems


def _role_phrases(files: Iterable[GazetteerFile]) -> dict[str, set[str]]:
    """Every role id with its phrases: explicit ones, and country × office combinations."""
    files = list(files)
    phrases: dict[str, set[str]] = defaultdict(set)
    countries: dict[str, dict[str, list[str]]] = {}
    offices: dict[str, list[str]] = {}
    for f in files:
        for role_id, ps in f.roles.items():
            phrases[role_id].update(ps)
        countries.update(f.countries)
        offices.update(f.offices)
    for code, country in countries.items():
        for office, titles in offices.items():
            role_id = f"{code}/{office}"
            for title in titles:
                for adjective in country["adjectives"]:
                    phrases[role_id].add(f"{adjective} {title}")
                for name in country["names"]:
                    phrases[role_id].add(f"{name}'s {title}")
                    phrases[role_id].add(f"{name}’s {title}")
                    phrases[role_id].add(f"{title} of {name}")
    return phrases


# ---------------------------------------------------------------------------------------------
# The index


def fold(text: str) -> str:
    """A spelling-insensitive key: no accents, lower case, hyphens and apostrophes as spaces.

    >>> fold("Sergeĭ Lavróv-Łukasz")
    'sergei lavrov lukasz'
    """
    text = _FOLD_SPACE.sub(" ", text)  # first too: "Xi’s" is then ASCII
    if not text.isascii():  # the table, NFKD and combining marks leave ASCII as it is
        text = text.translate(_FOLD_TABLE)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = _FOLD_SPACE.sub(" ", text)  # NFKD makes some ("－", "．")
    return " ".join(text.lower().split())


_FOLD_SPACE = re.compile(r"[-‐‑'’`.]")


_FOLD_TABLE = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
    }
)


def lower_same_length(text: str) -> str:
    """``text.lower()`` that keeps every offset (characters whose lower case is longer stay)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def deletes(token: str) -> set[str]:
    """The token and every form of it with one character deleted (symmetric-delete blocking)."""
    return {token, *(token[:i] + token[i + 1 :] for i in range(len(token)))}


# What the automaton holds per lower-cased form: its length, the entries' forms that lower-case to
# it as (form, entry index, how), and the role ids of the role phrases that do.
_Key = tuple[int, list[tuple[str, int, str]], list[str]]

# Postings longer than this (a common first name in a huge gazetteer) are not used to block: with
# 100,000 entries a longer cap costs time and finds nothing the other words do not.
MAX_POSTING = 60


class Gazetteer:
    """Entries indexed for cheap matching: one Aho–Corasick automaton over every form and role
    phrase, and token/deletion postings that pick fuzzy candidates without scanning entries."""

    def __init__(self, files: list[GazetteerFile], style: str = "ap") -> None:
        self.style = style
        self.entries: list[Entry] = []
        seen: dict[str, int] = {}
        for f in files:
            for e in f.entries:
                key = f"{e.kind}:{e.name}"
                if key in seen:  # a later file (the user's) refines an earlier entry
                    self.entries[seen[key]] = _merge(self.entries[seen[key]], e)
                else:
                    seen[key] = len(self.entries)
                    self.entries.append(e)
        self.role_phrases = _role_phrases(files)
        self.holders_by_role: dict[str, list[tuple[int, Tenure]]] = defaultdict(list)
        self.automaton = ahocorasick.Automaton()
        forms: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        self.by_token: dict[str, list[int]] = defaultdict(list)
        self.by_delete: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(self.entries):
            canonical = e.canonical(style)
            right = [canonical, *(f for f in e.right_forms if f != canonical)]
            for how, group in (
                ("name", right[:1]),
                ("accept", right[1:]),
                ("variant", e.variants),
                ("wrong", e.wrong),
                ("keep", e.keep),
                ("short", e.shorts),
            ):
                for form in group:
                    forms[lower_same_length(form)].append((form, i, how))
            for t in e.roles:
                self.holders_by_role[t.role].append((i, t))
            if e.kind == "person":
                tokens = {tok for form in right for tok in fold(form).split()}
                for tok in tokens:
                    self.by_token[tok].append(i)
                for form in right:
                    parts = fold(form).split()
                    for tok in {parts[0], parts[-1]}:
                        if len(tok) >= 4:
                            for d in deletes(tok):
                                self.by_delete[d].append(i)
        for role_id, phrases in self.role_phrases.items():
            for phrase in phrases:
                forms[lower_same_length(phrase)].append((phrase, -1, "role:" + role_id))
        for key, values in forms.items():
            role_ids = [how[5:] for _, _, how in values if how.startswith("role:")]
            names = [value for value in values if value[1] >= 0]
            self.automaton.add_word(key, (len(key), names, role_ids))
        if forms:
            self.automaton.make_automaton()
        self.size = len(self.entries)
        self._folds: dict[str, str] = {}
        self._keys: dict[str, tuple[tuple[str, str], list[tuple[str, str]]]] = {}
        self._spellings: dict[int, list[tuple[tuple[str, str], list[tuple[str, str]]]]] = {}

    def fold(self, form: str) -> str:
        """:func:`fold` of one of this gazetteer's own forms, computed once per process."""
        folded = self._folds.get(form)
        if folded is None:
            folded = self._folds[form] = fold(form)
        return folded

    def spellings(self, index: int) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
        """:meth:`spelling_keys` of each right form of entry ``index``, in order."""
        found = self._spellings.get(index)
        if found is None:
            forms = self.entries[index].right_forms
            found = self._spellings[index] = [self.spelling_keys(f) for f in forms]
        return found

    def spelling_keys(self, form: str) -> tuple[tuple[str, str], list[tuple[str, str]]]:
        """(folded, phonetic) of one of this gazetteer's own forms, whole and word by word,
        computed once per process."""
        found = self._keys.get(form)
        if found is None:
            folded = self.fold(form)
            words = [(w, phonetic(w)) for w in folded.split()]
            found = self._keys[form] = ((folded, phonetic(folded)), words)
        return found

    def holder_indexes(self, role: str, date: str | None) -> list[int]:
        """Entries that held ``role`` at ``date`` (all that ever held it, date unknown)."""
        found = [i for i, t in self.holders_by_role.get(role, []) if date is None or t.covers(date)]
        return list(dict.fromkeys(found))

    def holders(self, role: str, date: str | None) -> list[Entry]:
        return [self.entries[i] for i in self.holder_indexes(role, date)]

    def find(self, text: str) -> list[tuple[int, int, _Key]]:
        """Every ``(start, end, key)`` where a form or role phrase occurs in ``text``, in any case,
        as whole words: not inside a word nor right after "@", "/" or "_"."""
        if not len(self.automaton):
            return []
        found = []
        last = len(text) - 1
        for end, key in self.automaton.iter(lower_same_length(text)):
            start = end - key[0] + 1
            before = text[start - 1] if start else " "
            if before.isalnum() or before in "_@/":
                continue
            after = text[end + 1] if end < last else " "
            if not (after.isalnum() or after == "_"):
                found.append((start, end + 1, key))
        return found

    def candidates(self, tokens: list[str]) -> set[int]:
        """Person entries that share a token, or a first/last token within one edit, with a span."""
        found: set[int] = set()
        for tok in tokens:
            posting = self.by_token.get(tok, [])
            if len(posting) <= MAX_POSTING:
                found.update(posting)
        for tok in {tokens[0], tokens[-1]}:
            if len(tok) >= 4:
                for d in self.by_delete.keys() & deletes(tok):
                    posting = self.by_delete[d]
                    if len(posting) <= MAX_POSTING:
                        found.update(posting)
        return found


def _merge(old: Entry, new: Entry) -> Entry:
    def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*a, *b)))

    return Entry(
        name=old.name,
        kind=old.kind,
        accept=union(old.accept, new.accept),
        wrong=union(old.wrong, new.wrong),
        variants=union(old.variants, new.variants),
        keep=union(old.keep, new.keep),
        short=new.short or old.short,
        styles=tuple(sorted({**dict(old.styles), **dict(new.styles)}.items())),
        roles=(*old.roles, *new.roles),
        source=new.source,
    )


def gazetteer_dir() -> Path:
    from cleanup.rules.loader import rules_dir

    return rules_dir() / "gazetteer"


def shipped_files() -> list[Path]:
    folder = gazetteer_dir()
    files = sorted(folder.glob("*.yaml"))
    if not files:  # a run without the shipped names would silently fix none
        raise ConfigError(f"{folder}: no shipped gazetteer files found")
    return files


@lru_cache(maxsize=8)
def load(extra: tuple[str, ...] = (), style: str = "ap", shipped: bool = True) -> Gazetteer:
    """The shipped gazetteer plus ``extra`` files, indexed once per process and style.

    A malformed file raises :class:`ConfigError` naming its first problem (``cleanup gazetteer
    check FILE`` lists them all).
    """
    paths = [*(shipped_files() if shipped else []), *map(Path, extra)]
    files = [read_file(p) for p in paths]
    problems = check_files(files)
    if problems:
        more = (
            f" (and {len(problems) - 1} more; run `cleanup gazetteer check`)"
            if len(problems) > 1
            else ""
        )
        raise ConfigError(f"{problems[0]}{more}")
    built = Gazetteer(files, style)
    # A big gazetteer is a million long-lived objects: left to the cyclic GC, every full
    # collection during matching walks them all (it doubled run time at 100,000 entries).
    import gc

    gc.freeze()
    return built


# ---------------------------------------------------------------------------------------------
# Matching

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?")
_EXCLUDED = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@])[@#]\w+"  # handles, hashtags
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|io|info|ru|ua|cn|jp|kr|uk|de|fr)\b\S*"
)
# Every _EXCLUDED match holds one of these (an alternative's literal part), and none spans
# whitespace: only the non-space chunks around them need the full, slow pattern.
_EXCLUDED_HINTS = ("@", "#", "://", "www.")
_EXCLUDED_TLD = re.compile(r"\.(?:com|org|net|gov|edu|int|io|info|ru|ua|cn|jp|kr|uk|de|fr)\b")
_NON_SPACE = re.compile(r"\S*")


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """``_EXCLUDED``'s matches (URLs, e-mail addresses, handles, domains), found by running it only
    over the non-space chunks that hold a literal every match needs."""
    hints = [m.start() for m in _EXCLUDED_TLD.finditer(text)]
    for literal in _EXCLUDED_HINTS:
        i = text.find(literal)
        while i >= 0:
            hints.append(i)
            i = text.find(literal, i + 1)
    spans: list[tuple[int, int]] = []
    floor = 0  # end of the last chunk scanned
    for hint in sorted(hints):
        if hint < floor:
            continue
        start = hint
        while start > floor and not text[start - 1].isspace():
            start -= 1
        floor = hint + len(_NON_SPACE.match(text, hint).group())  # type: ignore[union-attr]
        spans.extend(m.span() for m in _EXCLUDED.finditer(text, start, floor))
    return spans


# A token (_TOKEN) is the part of a maximal stretch of word characters, apostrophes and hyphens
# from its first letter to its last letter or digit. The patterns below find runs of capitalized
# tokens (w[:1].isupper() and not w.isupper()) in one scan; upper/lower case are not regex
# categories, so the classes are listed from str.isupper/islower once per process.
_STRETCH = r"[\w'’\-]"
_LETTER = re.compile(r"[^\W\d_]")
# No code point from here on is upper, lower or title case (a test checks it).
_CASED_LIMIT = 0x20000
_ROLE_RUN = 4  # tokens of a name right after a role phrase
_LOWER_FINDS = 64  # words Matcher._lower_word looks up one by one in a text, then lists them all


class _Scans:
    """The run patterns, each compiled on first use (the case classes make that a few ms), for
    texts with characters past the BMP or (simpler classes, faster) without."""

    def __init__(self, astral: bool) -> None:
        self.astral = astral

    @cached_property
    def chain(self) -> re.Pattern[str]:
        """Capitalized tokens joined by single spaces, as many as follow."""
        return re.compile(rf"{_head(self.astral)}(?: {_token(self.astral)})*")

    @cached_property
    def multi(self) -> re.Pattern[str]:
        """The same, two tokens or more."""
        return re.compile(rf"{_head(self.astral)}(?: {_token(self.astral)})+")

    @cached_property
    def run(self) -> re.Pattern[str]:
        """The same from a given token on, at most _ROLE_RUN tokens."""
        token = _token(self.astral)
        return re.compile(rf"{token}(?: {token}){{0,{_ROLE_RUN - 1}}}")


@lru_cache(maxsize=2)
def _scans(astral: bool) -> _Scans:
    return _Scans(astral)


def _astral(text: str) -> bool:
    """Whether ``text`` has a character past the BMP (two UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


@lru_cache(maxsize=2)
def _case_classes(astral: bool) -> tuple[str, str]:
    """Regexes for one upper-case letter, and for one word character that makes a word starting
    upper case not all upper case (lower or title case: "Aǅ".isupper() is False); past the BMP
    only when ``astral``."""
    upper, lower = [], []
    for c in map(chr, range(_CASED_LIMIT if astral else 0x10000)):
        if c.isupper():
            upper.append(c)
        elif c.islower() or c.istitle():  # istitle() of one character: title or upper case
            lower.append(c)
    word = re.compile(r"\w")
    return _one_of(c for c in upper if _LETTER.match(c)), _one_of(c for c in lower if word.match(c))


def _token(astral: bool) -> str:
    """A capitalized token: an upper-case letter, a lower-case letter later in it; atomic, as it
    ends at its last letter or digit and a run never needs it shorter."""
    upper, lower = _case_classes(astral)
    return rf"{upper}(?={_STRETCH}*?{lower})(?>{_STRETCH}*[^\W_])"


def _head(astral: bool) -> str:
    """The first token of a run: not preceded by a letter. "d'Alembert"-like starts (a letter
    before, past an apostrophe, a hyphen or a digit) are told apart by _run_head."""
    upper, lower = _case_classes(astral)
    return rf"{upper}(?<![^\W\d_](?s:.))(?={_STRETCH}*?{lower})(?>{_STRETCH}*[^\W_])"


def _one_of(chars: Iterable[str]) -> str:
    """A regex matching one of ``chars``. A class's ranges past the BMP are tried one by one for
    every character not in it: one range there, checked by a look-behind, keeps misses cheap."""
    chars = list(chars)
    bmp = _char_class(c for c in chars if c <= "\uffff")
    if all(c <= "\uffff" for c in chars):
        return f"[{bmp}]"
    return rf"[{bmp}\U00010000-\U0010ffff](?<=[{_char_class(chars)}])"


def _char_class(chars: Iterable[str]) -> str:
    """The inside of a regex character class matching exactly ``chars``."""
    codes = sorted(map(ord, chars))
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(f"\\U{codes[i]:08x}" + (f"-\\U{codes[j]:08x}" if j > i else ""))
        i = j + 1
    return "".join(parts)


def _token_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the tokens of ``text[start:end]``, a run of tokens separated by spaces."""
    spans = []
    for word in text[start:end].split(" "):
        spans.append((start, start + len(word)))
        start += len(word) + 1
    return spans


def _run_head(text: str, start: int) -> bool:
    """Whether the first token of a run found by a ``_Scans`` pattern at ``start`` is a token:
    the patterns' look-behind lets through "Alembert" of "d'Alembert" (a letter before it, past
    an apostrophe, a hyphen or a digit)."""
    before = text[start - 1] if start else " "
    return not (before in "_'’-" or before.isdecimal()) or _token_start(text, start)


def _token_start(text: str, pos: int) -> bool:
    """Whether a token starts at ``pos``: a letter with no letter before it in its stretch."""
    if not _LETTER.match(text, pos):
        return False
    i = pos - 1
    while i >= 0 and (text[i] in "_'’-" or text[i].isdecimal()):
        i -= 1
    return i < 0 or not _LETTER.match(text, i)


# Words before a role phrase that mean someone other than the current holder is meant.
_NOT_CURRENT = frozenset(
    "former ex deputy vice acting late then first junior shadow future next new incoming outgoing "
    "previous interim assistant under senior".split()
)
# Titles that may stand right before a lone surname.
_TITLES = frozenset(
    "Mr Mrs Ms Dr Sen Rep Gov Gen President Secretary Chancellor Premier Minister Senator Governor "
    "Spokesman Spokeswoman Ambassador Mayor Prof".split()
)
# Capitalized words that are never a garbled surname, whatever their spelling distance.
_COMMON = frozenset(
    """about after again also among another because before being between both could during each
    every first from have here however just last later many meanwhile more most much never next
    only other over same several should since some still such than that their them then there
    these they this those though through today under until very what when where which while who
    whose will with within without would year years monday tuesday wednesday thursday friday
    saturday sunday january february march april june july august september october november
    december north south east west eastern western northern southern central national international
    federal state states united union army navy party house senate congress court ministry
    government council committee agency office department security defense defence foreign
    minister president premier chancellor secretary general spokesman spokeswoman press news
    times post journal reuters associated""".split()
)

# Common English surnames and given names. A near-miss that is itself one of these may be another
# real person (Peter Cooke is not Peter Cook, John Healy is not John Healey): flagged, never fixed.
_COMMON_NAMES = frozenset(
    """smith johnson johnston williams williamson brown browne jones davis davies miller millar
    wilson wills willis moore more taylor tayler anderson andersen thomas thompson thomson white
    whyte harris harrison martin martins jackson garcia martinez robinson robertson clark clarke
    rodriguez lewis lee lea walker wright right scott hall hill allen allan young king green greene
    baker adams nelson carter mitchell perez roberts turner phillips philips campbell parker evans
    evens edwards collins stewart stuart sanchez morris morrison rogers reed reid cook cooke
    morgan bell murphy murray bailey bayley rivera cooper richardson cox howard ward torres
    peterson petersen gray grey ramirez james watson brooks kelly kelley sanders saunders price
    pryce bennett wood woods barnes ross henderson coleman jenkins perry parry powell long
    patterson hughes flores washington butler simmons foster gonzales bryant alexander russell
    griffin diaz hayes hays myers meyers meyer ford hamilton graham sullivan wallace woodward
    cole west jordan owens reynolds fisher ellis harper mason mcdonald macdonald dixon hunt hunter
    palmer black blake burns byrne byrnes fox rose stone hart knight lane mills wells webb
    marshall gordon gibson grant kennedy warren hudson dean lawrence lawson healy healey daly
    daley riley reilly lynch lynn burke bourke quinn doyle coates coats hayward haywood paine
    payne moss holmes harvey davidson dawson ryan ryder rider shaw lloyd lloyds austin austen
    chapman gill hopkins barker barber page oliver hunt day may march judge rich bush love
    john peter paul mark mike michael david james robert william richard joseph thomas charles
    chris christopher daniel matthew anthony antony donald steven stephen andrew kenneth joshua
    kevin brian george edward ronald timothy jason jeffrey jeff ryan jacob gary nicholas eric
    jonathan larry justin scott brandon benjamin samuel frank gregory raymond alexander patrick
    jack dennis jerry tyler aaron henry adam peter nathan zachary walter kyle harold carl jeremy
    keith roger gerald ethan arthur terry sean christian lawrence austin joe noah jesse albert
    bryan billy bruce willie jordan dylan alan ralph gabriel roy juan wayne eugene logan randy
    louis russell vincent philip bobby johnny bradley mary patricia jennifer linda elizabeth
    barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley dorothy kimberly
    emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia
    kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine
    debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria
    kelly christina lauren joan evelyn olivia judith megan cheryl martha andrea frances hannah
    jacqueline ann jean alice kathryn gloria teresa doris sara janice julia marie madison grace
    judy theresa beverly denise marilyn amber danielle rose brittany diana abigail natalie jane
    lori alexis tiffany kayla""".split()
)


@dataclass(frozen=True)
class Match:
    """A proposed correction (or, with ``replacement`` None, a question) for ``[start, end)``."""

    kind: str  # known-variant | style | role-anchored | consistency | fuzzy
    start: int
    end: int
    replacement: str | None
    entry: Entry
    reason: str
    confident: bool = True


@dataclass
class _Hit:
    start: int
    end: int
    values: list[tuple[int, str, str]]  # (entry index, how, form)


def phonetic(folded: str) -> str:
    """A key that forgives the confusions of Japanese and Korean transcriptions (r/l, b/v).

    >>> phonetic("rabrov") == phonetic("lavrov")
    True
    """
    out = folded.replace("ph", "f").replace("w", "v").replace("y", "i")
    return out.replace("l", "r").replace("v", "b")


def score(a: str, b: str) -> float:
    """Spelling similarity 0–100 of two folded strings, forgiving r/l and b/v confusions."""
    return _score(a, b, phonetic(a), phonetic(b))


def _score(a: str, b: str, phonetic_a: str, phonetic_b: str) -> float:
    """:func:`score`, given both strings' :func:`phonetic` keys."""
    ratio = _RATIO[0] if _RATIO else _load_ratio()
    return max(float(ratio(a, b)), float(ratio(phonetic_a, phonetic_b)) - 3)


# rapidfuzz's ratio once loaded: imported on first use (an import statement per call costs more
# than the ratio itself)
_RATIO: list[Callable[[str, str], float]] = []


def _load_ratio() -> Callable[[str, str], float]:
    from rapidfuzz.fuzz import ratio

    _RATIO.append(ratio)
    return ratio


def title_spans(text: str) -> list[tuple[int, int]]:
    """Quotations that look like titles of works (short, title case, no sentence punctuation).

    >>> title_spans('He wrote “The Last Days of Kiev” and said “Kiev is strong.”')
    [(9, 32)]
    """
    from cleanup.core.document import find_quotes

    spans = []
    for start, end in find_quotes(text):
        inner = text[start + 1 : end - 1].strip()
        words = inner.split(None, 12)  # 13 pieces: more than 12 words
        if not words or len(words) > 12 or inner[-1:] in ".!?,;:":
            continue
        significant = [w for i, w in enumerate(words) if i == 0 or len(w) > 3]
        capitalized = sum(1 for w in significant if w[:1].isupper())
        if capitalized / len(significant) >= 0.6:
            spans.append((start, end))
    return spans


class _Spans:
    """Non-overlapping spans kept sorted, for overlap queries in log time (a 20 MB line has a
    million tokens: a scan per token would be quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:  # merge overlapping input spans
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def first_overlap(self, start: int, end: int) -> int:
        """Index of the first span overlapping ``[start, end)``, or -1."""
        i = bisect.bisect_right(self.ends, start)
        return i if i < len(self.starts) and self.starts[i] < end else -1

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.ends, start)  # first_overlap's test, without its call
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class Matcher:
    """Finds the names of one text that a gazetteer would correct or question."""

    def __init__(self, gazetteer: Gazetteer, text: str, date: str | None = None) -> None:
        self.g = gazetteer
        self.text = text
        self.date = _normal_date(date)
        self.style = gazetteer.style
        self.excluded = _Spans(excluded_spans(text) + title_spans(text))
        self.hits: list[_Hit] = []
        self._hit_spans = _Spans()
        self._matched = _Spans()
        self.roles: list[tuple[int, int, list[str]]] = []
        self.mentions: dict[int, tuple[int, str]] = {}  # entry index -> (end, form) of 1st mention
        self.matches: list[Match] = []
        self._scans = _scans(_astral(text))
        self._lower_words: dict[str, bool] = {}  # word -> whether it occurs as a lower-case token
        self._lower_tokens: set[str] | None = None  # every lower-case token, once listed
        self._scored: dict[str, list[tuple[float, int, str]]] = {}  # see _fuzzy_scores

    # -- helpers ----------------------------------------------------------------------------
    def _is_excluded(self, start: int, end: int) -> bool:
        return self.excluded.overlaps(start, end)

    def _changed(self, start: int, end: int) -> bool:
        return self._matched.overlaps(start, end)

    def _add(self, match: Match) -> None:
        self.matches.append(match)
        self._matched.add(match.start, match.end)

    def _covered(self, start: int, end: int) -> bool:
        return self._hit_spans.overlaps(start, end)

    def _common(self, word: str) -> bool:
        low = word.lower()
        if low in _COMMON:
            return True
        found = self._lower_words.get(low)
        if found is None:
            found = self._lower_word(low)
        return found

    def _lower_word(self, low: str) -> bool:
        """Whether a token of the text that starts lower case is ``low`` (remembered)."""
        if self._lower_tokens is None and len(self._lower_words) >= _LOWER_FINDS:
            # a search per word is a pass over the text: past a few dozen words (a long text),
            # one pass listing every lower-case token keeps the whole linear
            self._lower_tokens = {t for t in _TOKEN.findall(self.text) if t[:1].islower()}
        if self._lower_tokens is not None:
            found = low in self._lower_tokens
        else:
            found = low[:1].islower() and self._is_token(low)
        self._lower_words[low] = found
        return found

    def _is_token(self, word: str) -> bool:
        """Whether ``word`` occurs in the text as a whole token."""
        text = self.text
        n = len(word)
        i = text.find(word)
        while i >= 0:
            # most finds lie inside a longer word: a letter before, a letter or digit after
            if not (i and text[i - 1].isalpha()) and not text[i + n : i + n + 1].isalnum():
                token = _TOKEN.match(text, i) if _token_start(text, i) else None
                if token and token.end() == i + n:
                    return True
            i = text.find(word, i + 1)
        return False

    def _mention(self, index: int, end: int, form: str) -> None:
        if index not in self.mentions or self.mentions[index][0] > end:
            self.mentions[index] = (end, form)

    def _run_from(self, pos: int) -> list[tuple[int, int]]:
        """Capitalized tokens separated by single spaces, starting at ``pos`` (at most 4)."""
        found = self._scans.run.match(self.text, pos)
        if found is None or not _token_start(self.text, pos):
            return []
        return _token_spans(self.text, *found.span())

    @cached_property
    def _multi(self) -> list[tuple[int, int]]:
        """Each longest run of two or more capitalized tokens separated by single spaces."""
        runs = []
        text = self.text
        for found in self._scans.multi.finditer(text):
            start, end = found.span()
            if not _run_head(text, start):
                start = text.index(" ", start) + 1
                if text.find(" ", start, end) < 0:
                    continue
            runs.append((start, end))
        return runs

    def _pieces(self, limit: int) -> Iterator[tuple[int, int]]:
        """Runs of two or more capitalized tokens, each longest run cut into pieces of ``limit``
        tokens from its start (as a walk taking up to ``limit`` tokens at a time cuts it)."""
        for start, end in self._multi:
            if self.text.count(" ", start, end) < limit:
                yield start, end
                continue
            run = _token_spans(self.text, start, end)
            for i in range(0, len(run) - 1, limit):  # pieces of one token are left out
                yield run[i][0], run[min(i + limit, len(run)) - 1][1]

    # -- passes -----------------------------------------------------------------------------
    def run(self) -> list[Match]:
        self._exact()
        self._role_anchored()
        self._fuzzy()
        self._consistency()
        return self.matches

    def _exact(self) -> None:
        raw: list[_Hit] = []
        for start, end, (_, names, role_ids) in self.g.find(self.text):
            if self._is_excluded(start, end):
                continue
            if role_ids:
                self.roles.append((start, end, role_ids))
            said = self.text[start:end]
            found = [(i, how, form) for form, i, how in names if form == said]
            if found:
                raw.append(_Hit(start, end, found))
        keeps = [(h.start, h.end) for h in raw if any(how == "keep" for _, how, _ in h.values)]
        if keeps:
            raw = [
                h
                for h in raw
                if (h.start, h.end) in keeps
                or not any(s <= h.start and h.end <= e for s, e in keeps)
            ]
        # Longest first, so "Kievan Rus" or "Jen Psaki" wins over what lies inside it.
        raw.sort(key=lambda h: (h.start, h.start - h.end))
        for hit in raw:
            if not self._covered(hit.start, hit.end):
                self.hits.append(hit)
                self._hit_spans.add(hit.start, hit.end)
        for hit in self.hits:
            self._resolve_exact(hit)

    def _resolve_exact(self, hit: _Hit) -> None:
        hows = {how for _, how, _ in hit.values}
        if hows & {"name", "accept", "keep"}:
            for index, how, form in hit.values:
                entry = self.g.entries[index]
                if how in ("name", "accept") and (" " in form or entry.kind != "person"):
                    self._mention(index, hit.end, form)
            return
        fixes = [(i, how, form) for i, how, form in hit.values if how in ("wrong", "variant")]
        if not fixes:
            return
        targets = {self.g.entries[i].canonical(self.style) for i, _, _ in fixes}
        index, how, form = fixes[0]
        entry = self.g.entries[index]
        kind = "known-variant" if any(h == "wrong" for _, h, _ in fixes) else "style"
        if len(targets) > 1:
            names = " or ".join(sorted(targets))
            self._add(
                Match(
                    kind,
                    hit.start,
                    hit.end,
                    None,
                    entry,
                    f"{form!r} is a known variant of several gazetteer entries "
                    f"({names}); which one is meant needs a person",
                    False,
                )
            )
            return
        target = targets.pop()
        if kind == "style":
            why = (
                f"style {self.style.upper()} spells it {target!r}; {form!r} is an older or "
                f"other spelling"
            )
        else:
            why = f"exact known wrong variant {form!r}"
        self._add(
            Match(
                kind,
                hit.start,
                hit.end,
                target,
                entry,
                f"gazetteer entry {entry.name!r} ({entry.source}): {why}",
            )
        )
        self._mention(index, hit.end, target)

    def _role_anchored(self) -> None:
        roles = sorted(self.roles, key=lambda r: (r[0], r[0] - r[1]))
        last_end = -1
        for start, end, role_ids in roles:
            if end <= last_end:
                continue  # a shorter phrase inside a longer one
            last_end = end
            previous = self.text[max(0, start - 12) : start].lower().replace("-", " ").split()
            if previous and previous[-1] in _NOT_CURRENT:
                continue
            pos = end
            while pos < len(self.text) and self.text[pos] in " \t,":
                pos += 1
            if pos - end > 2:
                continue
            run = self._run_from(pos)
            if not run or any(len(self.text[s:e]) < 2 for s, e in run):
                continue
            after = run[-1][1]
            if self.text[after : after + 1] == "." and after - run[-1][0] == 1:
                continue  # an initial: "Antony J. Blinken"
            holders = list(
                dict.fromkeys(
                    i for role in role_ids for i in self.g.holder_indexes(role, self.date)
                )
            )
            if holders:
                self._resolve_role(self.text[start:end], role_ids, run, holders)

    def _foreign_hit(self, start: int, end: int, index: int) -> bool:
        """Whether ``[start, end)`` holds a known form of an entry other than ``index``."""
        i = self._hit_spans.first_overlap(start, end)
        while 0 <= i < len(self.hits) and self.hits[i].start < end:
            if all(n != index for n, _, _ in self.hits[i].values):
                return True
            i += 1
        return False

    def _resolve_role(
        self, phrase: str, role_ids: list[str], run: list[tuple[int, int]], holders: list[int]
    ) -> None:
        scored: list[tuple[float, bool, int, int, str]] = []
        short_exact: tuple[int, int, str] | None = None
        for index in holders:
            holder = self.g.entries[index]
            best: tuple[float, bool, int, str] | None = None
            forms = [(f, holder.canonical(self.style)) for f in holder.right_forms]
            forms += [(s, holder.shorts[0]) for s in holder.shorts]
            for form, replacement in forms:
                k = len(form.split())
                if k > len(run):
                    continue
                span_start, span_end = run[0][0], run[k - 1][1]
                said = self.text[span_start:span_end]
                if said == form:
                    if k == 1 and len(run) > 1:
                        # "Wang" of "Wang Yii": the full name decides
                        short_exact = (index, span_end, form)
                        continue
                    self._mention(index, span_end, form)
                    return  # the holder, spelled right
                if self._foreign_hit(span_start, span_end, index) or self._changed(
                    span_start, span_end
                ):
                    return  # a known form of someone else, or already corrected
                plausible, sure, value = _plausible(fold(said), fold(form))
                # the longest plausible reading wins: "Wang Yii" over "Wang"
                if plausible and (best is None or (k, value) > (best[2], best[0])):
                    best = (value, sure, k, replacement)
            if best:
                scored.append((best[0], best[1], index, best[2], best[3]))
        if short_exact and not any(s[3] > 1 for s in scored):
            self._mention(*short_exact)
            return
        if not scored:
            return
        scored.sort(key=lambda s: -s[0])
        value, sure, index, k, replacement = scored[0]
        holder = self.g.entries[index]
        runner_up = scored[1][0] if len(scored) > 1 else None
        sure = sure and (runner_up is None or runner_up < value - 5)
        start, end = run[0][0], run[k - 1][1]
        tenure = next(
            (
                t
                for t in holder.roles
                if t.role in role_ids and (self.date is None or t.covers(self.date))
            ),
            None,
        )
        period = f"{tenure.start}–{tenure.end or 'now'}" if tenure else ""
        at = f"at {self.date}" if self.date else "(article date unknown: every holder considered)"
        reason = (
            f"gazetteer entry {holder.name!r} ({holder.source}): role at date — "
            f"{phrase!r} {at} resolves to {holder.name} ({tenure.role if tenure else ''} "
            f"{period}); {self.text[start:end]!r} scores {value:.0f} against it"
        )
        if runner_up is not None:
            reason += f", next holder {runner_up:.0f}"
        self._add(Match("role-anchored", start, end, replacement, holder, reason, sure))
        self._mention(index, end, replacement)

    def _fuzzy(self) -> None:
        for start, end in self._pieces(5):
            said = self.text[start:end]
            words = said.split(" ")
            if (
                len(words) > 3
                or self._covered(start, end)
                or self._is_excluded(start, end)
                or self._changed(start, end)
            ):
                continue
            folded = fold(said)
            parts = folded.split()
            if (
                len(folded) < 8
                or len(parts) != len(words)
                or any(self._common(word) for word in words)
            ):
                continue
            scored = self._fuzzy_scores(folded, parts)
            if not scored:
                continue
            value, index, _ = scored[0]
            entry = self.g.entries[index]
            runner_up = scored[1][0] if len(scored) > 1 else None
            sure = value >= 90 and (runner_up is None or runner_up < value - 4)
            target = entry.canonical(self.style)
            known = self.g.fold(target).split()
            changed = set(parts) - set(known)
            if changed & _COMMON_NAMES or _extends(parts, known):
                sure = False  # "Peter Cooke", "Mark Rutter" may be other people
            reason = (
                f"gazetteer entry {entry.name!r} ({entry.source}): fuzzy score "
                f"{value:.0f} against {target!r}"
            )
            if runner_up is not None:
                rival = self.g.entries[scored[1][1]].name
                reason += f"; next candidate {rival!r} scores {runner_up:.0f}"
            self._add(Match("fuzzy", start, end, target, entry, reason, sure))
            self._mention(index, end, target)

    def _fuzzy_scores(self, folded: str, parts: list[str]) -> list[tuple[float, int, str]]:
        """(score, entry index, its last right form) of each person whose name ``folded`` (a run
        of capitalized words, folded to ``parts``) may misspell, best first; a run met again
        in the same text gets the same list."""
        scored = self._scored.get(folded)
        if scored is not None:
            return scored
        keys = [(part, phonetic(part)) for part in parts]
        whole = phonetic(folded)
        scored = []
        for index in sorted(self.g.candidates(parts)):
            best = 0.0
            for (other, other_key), other_keys in self.g.spellings(index):
                if len(other_keys) != len(keys) or any(
                    _score(a, b, pa, pb) < 75
                    for (a, pa), (b, pb) in zip(keys, other_keys, strict=True)
                ):
                    continue
                best = max(best, _score(folded, other, whole, other_key))
            if best >= 84:
                scored.append((best, index, self.g.entries[index].right_forms[-1]))
        scored.sort(key=lambda s: -s[0])
        self._scored[folded] = scored
        return scored

    def _consistency(self) -> None:
        people = [
            (i, end, form)
            for i, (end, form) in self.mentions.items()
            if self.g.entries[i].kind == "person" and self.g.entries[i].shorts
        ]
        if not people:
            return
        shorts = [
            (index, mention_end, form, short)
            for index, mention_end, form in people
            for short in self.g.entries[index].shorts
        ]
        # a word scores against a short mentioned before it, of a length 2 or less apart
        first = min(mention_end for _, mention_end, _, _ in shorts)
        lengths = {n for *_, short in shorts for n in range(len(short) - 2, len(short) + 3)}
        others: set[str] | None = None
        for start, end in self._lone_words():
            if start < first or end - start not in lengths or end - start < 4:
                continue
            word = self.text[start:end]
            near = [s for s in shorts if s[1] <= start and abs(len(s[3]) - len(word)) <= 2]
            if not near or self._common(word):
                continue
            if others is None:
                others = self._other_names()
            if (
                word in others
                or self._covered(start, end)
                or self._is_excluded(start, end)
                or self._changed(start, end)
            ):
                continue
            folded = fold(word)
            key = phonetic(folded)
            scored: list[tuple[float, int, str, str]] = []
            for index, _, form, short in near:
                (known, known_key), _ = self.g.spelling_keys(short)
                value = _score(folded, known, key, known_key)
                if value >= 80:
                    scored.append((value, index, short, form))
            if not scored:
                continue
            scored.sort(key=lambda s: -s[0])
            value, index, short, form = scored[0]
            entry = self.g.entries[index]
            rivals = [s for s in scored[1:] if s[1] != index]
            sure = value >= 85 and not rivals and folded not in _COMMON_NAMES
            reason = (
                f"gazetteer entry {entry.name!r} ({entry.source}): document consistency — "
                f"the article names {form!r} earlier; {word!r} scores {value:.0f} "
                f"against {short!r}"
            )
            if rivals:
                reason += f"; {self.g.entries[rivals[0][1]].name!r} scores {rivals[0][0]:.0f}"
            self._add(Match("consistency", start, end, short, entry, reason, sure))

    def _other_names(self) -> set[str]:
        """Words of multi-word capitalized names that no gazetteer entry knows ("Saki Nakajima")."""
        words: set[str] = set()
        for start, end in self._pieces(6):
            if not self._covered(start, end):  # then none of its words is covered either
                words.update(self.text[start:end].split(" "))
        return words - _TITLES

    def _lone_words(self) -> Iterator[tuple[int, int]]:
        """Capitalized tokens with no capitalized token right before (but a title) or after."""
        text = self.text
        for run in self._scans.chain.finditer(text):
            start, end = run.span()
            last = text.rfind(" ", start, end) + 1  # where the run's last token starts
            char = text[start - 1] if start else " "  # _run_head, inline: a call per run costs
            head_ok = not (char in "_'’-" or char.isdecimal()) or _token_start(text, start)
            if last:
                before = text.rfind(" ", start, last - 1) + 1 or start
                if text[before : last - 1] in _TITLES or (before == start and not head_ok):
                    yield last, end
            elif head_ok:
                yield start, end


def _extends(said: list[str], known: list[str]) -> bool:
    """Whether a word differs from the known one only by letters added or dropped at its end
    (Rutte/Rutter, Cook/Cooke): such pairs are usually two real names, not a misspelling."""
    return any(
        a != b and (a.startswith(b) or b.startswith(a)) for a, b in zip(said, known, strict=False)
    )


def _normal_date(date: str | None) -> str | None:
    """An article date as ``YYYY-MM-DD`` (the middle of a year or month given alone); None when
    it is no date."""
    if not date:
        return None
    date = str(date).strip()[:10]
    date = {4: date + "-07-01", 7: date + "-15"}.get(len(date), date)
    return date if _valid_date(date) else None


def _plausible(said: str, form: str) -> tuple[bool, bool, float]:
    """Whether ``said`` could be a garbling of ``form`` (both folded, same number of words):
    (plausible, confident, score)."""
    a, b = said.split(), form.split()
    if len(a) != len(b):
        return False, False, 0.0
    if any(not 0.6 <= len(x) / len(y) <= 1.67 for x, y in zip(a, b, strict=True)):
        return False, False, 0.0
    whole = score(said, form)
    if len(a) == 1:
        return whole >= 70, whole >= 85, whole
    tokens = [score(x, y) for x, y in zip(a, b, strict=True)]
    plausible = whole >= 60 and max(tokens) >= 80 and min(tokens) >= 40
    sure = whole >= 65 and max(tokens) >= 80 and min(tokens) >= 45
    return plausible, plausible and sure, whole


def match(gazetteer: Gazetteer, text: str, date: str | None = None) -> list[Match]:
    """Every correction or question the gazetteer has about ``text``.

    >>> g = load(())
    >>> [(m.kind, m.replacement) for m in match(g, "Ukrainian President Wolodimir Zelensky")]
    [('known-variant', 'Volodymyr Zelensky')]
    """
    return Matcher(gazetteer, text, date).run()
