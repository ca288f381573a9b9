"""The gazetteer's index: entries from every file merged (a later file refines an earlier entry),
one Aho–Corasick automaton over every form and role phrase, role holders by role, and the
token/deletion postings that pick fuzzy candidates. :func:`load` builds it once per process for
a set of files and a style; nothing here runs at import time.

>>> g = load(())
>>> [e.name for e in g.holders("ru/foreign-minister", "2022-02-01")]
['Sergey Lavrov']
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import ahocorasick

from cleanup.errors import ConfigError
from cleanup.gazetteer import compiled
from cleanup.gazetteer.checking import check_files, role_phrases
from cleanup.gazetteer.entries import Entry, Tenure
from cleanup.gazetteer.near import fixed_parts
from cleanup.gazetteer.reading import GazetteerFile, read_file, shipped_files
from cleanup.gazetteer.spelling import deletes, fold, lower_same_length, phonetic

# What the automaton holds per lower-cased form: its length, the entries' forms that lower-case to
# it as (form, entry index, how), and the role ids of the role phrases that do. "How" tells where
# the form is found: "name" (canonical), "accept" (accepted variant), "variant" (style variant:
# Kiev), "wrong" (known error), "keep" (a phrase kept as is: Kievan Rus), "short" (a surname).
_Key = tuple[int, list[tuple[str, int, str]], list[str]]

# Postings longer than this (a common first name in a huge gazetteer) are not used to block: with
# 100,000 entries a longer cap costs time and finds nothing the other words do not.
MAX_POSTING = 60


class Gazetteer:
    """Entries indexed for cheap matching: one Aho–Corasick automaton over every form and role
    phrase, and token/deletion postings that pick fuzzy candidates without scanning entries."""

    def __init__(
        self,
        files: list[GazetteerFile],
        style: str = "ap",
        phrases: dict[str, set[str]] | None = None,
    ) -> None:
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
        self.role_phrases = role_phrases(files) if phrases is None else phrases
        self.holders_by_role: dict[str, list[tuple[int, Tenure]]] = defaultdict(list)
        self.automaton = ahocorasick.Automaton()
        forms: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        self.by_token: dict[str, list[int]] = defaultdict(list)
        self.by_delete: dict[str, list[int]] = defaultdict(list)
        ends: dict[str, list[int]] = defaultdict(list)  # first/last words of persons' right forms
        for i, e in enumerate(self.entries):
            canonical = e.canonical(style)
            right = list(dict.fromkeys([canonical, *e.right_forms]))
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
                words = [fold(form).split() for form in right]
                for tok in {tok for parts in words for tok in parts}:
                    self.by_token[tok].append(i)
                for parts in words:
                    for tok in {parts[0], parts[-1]}:
                        if len(tok) >= 4:
                            ends[tok].append(i)
        # the one-deletion forms of each distinct first or last word, computed once: thousands
        # of entries share a first name (an entry is posted once per right form naming the word)
        for tok, indexes in ends.items():
            for d in deletes(tok):
                self.by_delete[d].extend(indexes)
        roles: dict[str, list[str]] = defaultdict(list)  # lower-cased phrase -> role ids
        for role_id, named in self.role_phrases.items():
            for phrase in named:
                roles[lower_same_length(phrase)].append(role_id)
        for key in dict.fromkeys([*forms, *roles]):  # forms first, as they came
            names, role_ids = forms.get(key, []), roles.get(key, [])
            # most keys have one form or role: nothing to deduplicate
            names = names if len(names) < 2 else list(dict.fromkeys(names))
            role_ids = role_ids if len(role_ids) < 2 else list(dict.fromkeys(role_ids))
            self.automaton.add_word(key, (len(key), names, role_ids))
        if forms or roles:
            self.automaton.make_automaton()
        # what the rest of a name with one slipped letter must match exactly (:mod:`.near`), and
        # the words of it: built here, once, before a pool forks its workers
        self.near_parts = fixed_parts(self.entries)
        self.near_words = frozenset(word for part in self.near_parts for word in part[1:])
        self.size = len(self.entries)
        self.collisions = 0  # forms two entries claim (set by load)
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
        roles=tuple(dict.fromkeys((*old.roles, *new.roles))),
        source=new.source,
    )


@lru_cache(maxsize=8)
def load(
    extra: tuple[str, ...] = (),
    style: str = "ap",
    shipped: bool = True,
    cache_dir: str | None = None,
    use_cache: bool = True,
) -> Gazetteer:
    """The shipped gazetteer plus ``extra`` files, indexed once per process and style; a large
    one is also cached, compiled, by content (:mod:`.compiled`) under ``cache_dir``'s root.

    A malformed file raises :class:`ConfigError` naming its first problem (``cleanup gazetteer
    check FILE`` lists them all). A form two entries claim is no error: it is counted in
    ``collisions``, and the matcher flags it with every candidate, never fixing it.
    """
    paths = [*(shipped_files() if shipped else []), *map(Path, extra)]
    key = _cache_key(paths, style) if use_cache else None
    built = compiled.read(cache_dir, key) if key else None
    import gc

    if not isinstance(built, Gazetteer):
        # A big gazetteer is a million objects and no cycles: the collections their creation
        # triggers would walk them all again and again (2.3x the cold load at 100,000 entries).
        enabled = gc.isenabled()
        gc.disable()
        try:
            built = _build(paths, style)
        finally:
            if enabled:
                gc.enable()
        if key:
            compiled.write(cache_dir, key, built)
    # Left to the cyclic GC, every full collection during matching would walk them all too (it
    # doubled run time at 100,000 entries).
    gc.freeze()
    return built


def _cache_key(paths: list[Path], style: str) -> str | None:
    """The compiled cache's key for these files; None when they are too small to be worth
    caching or one cannot be read (loading then says why)."""
    try:
        # sizes first: a small file (or a FIFO, size 0) is not read here before read_file's checks
        if sum(p.stat().st_size for p in paths) < compiled.MIN_CACHED_BYTES:
            return None
        files = [(str(p), p.read_bytes()) for p in paths]
    except OSError:
        return None
    return compiled.key_of(files, style)


def _build(paths: list[Path], style: str) -> Gazetteer:
    files = [read_file(p) for p in paths]
    phrases = role_phrases(files)  # ~4,000 country × office phrases: made once
    problems = check_files(files, phrases)
    fatal = [p for p in problems if not p.collision]
    if fatal:
        more = (
            f" (and {len(fatal) - 1} more; run `cleanup gazetteer check`)" if len(fatal) > 1 else ""
        )
        raise ConfigError(f"{fatal[0]}{more}")
    built = Gazetteer(files, style, phrases)
    built.collisions = len(problems) - len(fatal)
    return built
