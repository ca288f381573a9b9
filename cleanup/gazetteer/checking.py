"""Checking gazetteer files together: role ids that no file defines, a form that is right for one
entry and wrong for another, a wrong form two entries correct differently; and the role phrases
the files define, explicit or generated from countries × offices.

>>> france = {"fr": {"names": ["France"], "adjectives": ["French"]}}
>>> files = [GazetteerFile("a", countries=france, offices={"president": ["President"]})]
>>> sorted(role_phrases(files)["fr/president"])
["France's President", 'France’s President', 'French President', 'President of France']
>>> from cleanup.gazetteer.entries import Tenure
>>> mayor = Entry("Vitali Klitschko", "person", roles=(Tenure("ua/mayor", "2014"),), source="a:9")
>>> files[0].entries.append(mayor)
>>> [str(problem) for problem in check_files(files)]
["a:9: entry 'Vitali Klitschko': unknown role 'ua/mayor'"]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from cleanup.gazetteer.entries import Entry, Problem
from cleanup.gazetteer.reading import GazetteerFile


def check_files(
    files: Iterable[GazetteerFile], phrases: dict[str, set[str]] | None = None
) -> list[Problem]:
    """Problems within and across files: unknown role ids, a form that is right for one entry and
    wrong for another, a wrong form claimed by two entries with different corrections (these two
    are collisions: ``Problem.collision``, not fatal to a run). ``phrases``: the files'
    :func:`role_phrases`, when the caller has them."""
    files = list(files)
    problems = [p for f in files for p in f.problems]
    role_ids = set(role_phrases(files) if phrases is None else phrases)
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
                            collision=True,
                        )
                    )
                owner = wrong_owner.setdefault(form, e)
                if owner.name != e.name:
                    problems.append(
                        Problem(
                            e.source,
                            f"entry {e.name!r}: {form!r} is also corrected to "
                            f"{owner.name!r} ({owner.source})",
                            collision=True,
                        )
                    )
    return problems


def role_phrases(files: Iterable[GazetteerFile]) -> dict[str, set[str]]:
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
