"""Rules as data: loading and validating ``rules/**/*.yaml``.

A rule file holds a list of rules under ``rules:``. Each rule says what it flags, how bad it is, how
to detect it and whether its fix is safe, and carries examples that the test suite runs::

    rules:
      - id: punctuation/stray-dots          # stable, namespaced
        stage: punctuation                  # encoding | punctuation | names | artifacts | grammar
        category: fluency/punctuation       # see cleanup.core.model.CATEGORIES
        severity: warning                   # error | warning | info
        message: Stray '..' after a finished sentence
        description: What it does, why it is bad, fix safety.
        detector: {python: punctuation.stray_dots}   # or {regex: ...}, {phrases: [...]}
        fix: safe                           # safe | unsafe | none
        examples:
          bad:
            - {text: "He left. ..", span: " ..", fixed: "He left."}
          good:
            - "He left..."

A Python detector is named in the one table of detectors, :data:`cleanup.stages.DETECTORS`; it is
called once per stage pass with every enabled rule that names it, and may report findings for any
of them. Rules are data: this module imports no stage, and whether each rule's detector exists is
checked where the table meets the rules, when the compiled rule set is built
(:meth:`cleanup.core.registry.CompiledRules.build`).
"""

from __future__ import annotations

import importlib.resources
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from cleanup.core.model import CATEGORIES, Finding, Fix, Severity
from cleanup.errors import ConfigError
from cleanup.io.yaml_events import load_plain_yaml

if TYPE_CHECKING:
    from cleanup.core.document import TextView

STAGES = ("encoding", "punctuation", "names", "artifacts", "source", "grammar")
_REQUIRED = ("id", "category", "severity", "message", "detector", "examples")


@dataclass(frozen=True)
class BadExample:
    """A text the rule must flag (and, with ``fixed``, fix)."""

    text: str
    span: str | None = None  # the flagged text; None when only the fix is checked
    fixed: str | None = None  # the text after `fix`; None when the rule only flags
    encoding: str | None = None  # read as a file saved in this encoding (default: UTF-8 text)
    source: str | None = None  # the source text it was translated from (source/ rules)


@dataclass(frozen=True)
class GoodExample:
    """A text the rule must leave alone."""

    text: str
    source: str | None = None


@dataclass(frozen=True)
class Rule:
    """One rule as its YAML file defines it."""

    id: str
    stage: str
    category: str
    severity: Severity
    message: str
    detector: dict[str, Any]
    fix: Fix | None = None
    description: str = ""
    suggestion: str | None = None
    default: bool = True  # on unless a config selects rules explicitly
    bad: tuple[BadExample, ...] = ()
    good: tuple[GoodExample, ...] = ()
    source: str = ""

    @property
    def detector_key(self) -> str:
        """The registry key of the detector: the Python name, or the kind (``regex``...)."""
        if "python" in self.detector:
            return str(self.detector["python"])
        return next(iter(self.detector))

    def finding(
        self,
        view: TextView,
        start: int,
        end: int,
        *,
        message: str | None = None,
        replacement: str | None = None,
        reason: str = "",
        fix: Fix | bool | None = True,
    ) -> Finding:
        """A finding of this rule at ``[start, end)`` of ``view``; ``fix=True`` uses the rule's own
        fix safety when there is a replacement."""
        safety = self.fix if fix is True else (None if fix is False else fix)
        return Finding(
            rule=self.id,
            category=self.category,
            severity=self.severity,
            start=start,
            end=end,
            text=view.text[start:end],
            message=message or self.message,
            replacement=replacement,
            fix=safety if replacement is not None else None,
            reason=reason,
        )


@dataclass(frozen=True)
class Phrase:
    """One entry of a phrase-list rule (``detector: {phrases: [...]}``). It reports under its own
    id, ``RULE/ID`` (``artifact/calque/iron-wall``), so a config can name one entry alone."""

    id: str
    phrase: str
    suggest: str | None = None
    replace: str | None = None  # the fix's template; None: the entry only flags


_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")


def _slug(phrase: str) -> str:
    first = _ALTERNATIVES.sub(lambda m: m.group(1).split("|")[0], phrase)
    return re.sub(r"[^a-z0-9]+", "-", first.replace("[", "").replace("]", "").lower()).strip("-")


def phrases(rule: Rule) -> list[Phrase]:
    """The entries of a phrase-list rule (none for another rule); an entry's id defaults to a slug
    of its phrase.

    >>> rule = parse_rule({"id": "x/calque", "category": "style", "severity": "info",
    ...     "message": "m", "examples": {}, "detector": {"phrases": [
    ...         {"phrase": "{can|could} [break in]", "suggest": "invade"}]}}, "t")
    >>> [(p.id, p.replace) for p in phrases(rule)]
    [('x/calque/can-break-in', 'invade')]
    """
    if "phrases" not in rule.detector:
        return []
    items: Any = rule.detector["phrases"]
    if not isinstance(items, list):
        raise ConfigError(f"{rule.source}: 'phrases' must be a list")
    out: list[Phrase] = []
    seen: set[str] = set()
    for item in items:
        raw = {"phrase": item} if isinstance(item, str) else item
        if not isinstance(raw, dict) or not isinstance(raw.get("phrase"), str):
            raise ConfigError(f"{rule.source}: each phrase needs a 'phrase' string: {item!r}")
        slug = str(raw.get("id") or _slug(raw["phrase"]))
        if slug in seen:
            raise ConfigError(f"{rule.source}: phrase id {slug!r} is used twice")
        seen.add(slug)
        suggest = raw.get("suggest")
        out.append(
            Phrase(
                f"{rule.id}/{slug}",
                raw["phrase"],
                suggest,
                suggest if raw.get("replace", True) else None,
            )
        )
    return out


@dataclass
class Ruleset:
    """Rules by id."""

    rules: dict[str, Rule] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules.values(), key=lambda r: (STAGES.index(r.stage), r.id)))

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self.rules

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id)


def rules_dir() -> Path:
    """The shipped rules folder: the repository's ``rules/``, installed inside the package as
    ``cleanup.ruledata`` (``CLEANUP_RULES_DIR`` overrides it)."""
    env = os.environ.get("CLEANUP_RULES_DIR")
    if env:
        return Path(env)
    try:
        shipped = importlib.resources.files("cleanup.ruledata")
    except ModuleNotFoundError:
        raise ConfigError(
            "the shipped rules are missing: install cleanup (`pip install .`, or `pip install -e .`"
            " in a checkout) instead of running it from the source folder"
        ) from None
    # a regular install is a folder on disk; the loaders below walk it as one
    return Path(str(shipped))


@cache
def load_rules(*extra_dirs: str) -> Ruleset:
    """Every rule in the shipped folder (except gazetteers and styles) and in ``extra_dirs``."""
    ruleset = Ruleset()
    roots = [rules_dir(), *map(Path, extra_dirs)]
    for root in roots:
        if not root.is_dir():
            raise ConfigError(f"{root}: rule folder not found")
        for path in sorted(root.rglob("*.yaml")):
            if {"gazetteer", "styles"} & set(path.relative_to(root).parts[:-1]):
                continue
            for rule in load_rule_file(path):
                if rule.id in ruleset.rules:
                    raise ConfigError(f"{path}: rule {rule.id!r} is defined twice")
                ruleset.rules[rule.id] = rule
    if not ruleset.rules:  # zero rules would pass every article: never "no findings"
        raise ConfigError(f"no rules found in {', '.join(map(str, roots))}")
    return ruleset


# libyaml's parser when PyYAML has it: the shipped rules load in 0.03 s instead of 0.33 s, a third
# of a one-article run, and built from its events (load_plain_yaml) in half that. Its error
# messages are worded differently, so a file it rejects is read again with the Python parser for
# the message.
def _load_yaml(text: str) -> Any:
    try:
        return load_plain_yaml(text)  # a safe loader, in C
    except yaml.YAMLError:
        return yaml.safe_load(text)


def load_rule_file(path: Path) -> list[Rule]:
    try:
        data = _load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read rule file: {exc.strerror}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"{path}: a rule file needs a top-level 'rules:' list")
    return [parse_rule(raw, f"{path} (rule {i + 1})") for i, raw in enumerate(data["rules"])]


def parse_rule(raw: Any, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a rule must be a mapping")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")
    where = f"{where} {raw['id']}"
    if raw["category"] not in CATEGORIES:
        raise ConfigError(f"{where}: unknown category {raw['category']!r}")
    detector_spec = raw["detector"]
    if not isinstance(detector_spec, dict) or not detector_spec:
        raise ConfigError(f"{where}: detector must be a mapping such as {{python: NAME}}")
    stage = raw.get("stage", "artifacts")
    if stage not in STAGES:
        raise ConfigError(f"{where}: unknown stage {stage!r}")
    try:
        severity = Severity(raw["severity"])
        fix = None if raw.get("fix", "none") in ("none", None) else Fix(raw["fix"])
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    examples = raw["examples"] or {}
    bad = tuple(
        BadExample(e, None, None) if isinstance(e, str) else BadExample(**e)
        for e in examples.get("bad", [])
    )
    return Rule(
        id=raw["id"],
        stage=stage,
        category=raw["category"],
        severity=severity,
        message=raw["message"],
        detector=detector_spec,
        fix=fix,
        description=str(raw.get("description", "")).strip(),
        suggestion=raw.get("suggestion"),
        default=bool(raw.get("default", True)),
        bad=bad,
        good=tuple(
            GoodExample(e) if isinstance(e, str) else GoodExample(**e)
            for e in examples.get("good", [])
        ),
        source=where,
    )
