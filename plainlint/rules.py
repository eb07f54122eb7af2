"""Rules: one YAML file each under ``rules/``, each using a kind written in Python.

A rule file has a fixed header (id, family, kind, severity, message), fixed documentation fields
(what, why, example, instead, source), options for its kind, and examples: texts that must trigger
it and near-misses that must not. See docs/rules-format.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from plainlint import yamlutil
from plainlint.model import Severity

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
FAMILIES = ("plain-language", "inclusive", "readability", "framing")
_HEADER = {
    "id", "family", "kind", "severity", "message", "docs", "examples", "options", "enabled",
}
_DOC_FIELDS = ("what", "why", "example", "instead", "source")


class RuleError(Exception):
    """A rule definition is wrong. The message names the file and the problem."""


@dataclass(frozen=True)
class Example:
    """A text that must (or must not) trigger a rule.

    ``expect`` lists the exact source texts the rule must flag, when given. ``format`` is the
    format the text is read as (``text`` unless said otherwise).
    """

    text: str
    format: str = "text"
    expect: tuple[str, ...] | None = None
    with_rules: tuple[str, ...] = ()  # other rules to run alongside (for engine rules)


@dataclass(frozen=True)
class RuleDocs:
    what: str
    why: str
    example: str
    instead: str
    source: str


@dataclass
class Rule:
    id: str
    family: str
    kind: str
    severity: Severity
    message: str
    docs: RuleDocs
    options: dict[str, Any]
    trigger: tuple[Example, ...]
    passing: tuple[Example, ...]
    file: str
    enabled: bool = True  # on unless a configuration selects otherwise
    impl: Any = field(default=None, repr=False)  # the kind instance

    @property
    def needs(self) -> frozenset[str]:
        return self.impl.needs

    def resolve_options(self, overrides: dict[str, Any] | None) -> dict[str, Any]:
        opts = dict(self.options)
        if overrides:
            opts.update(overrides)
        return opts


def _examples(raw: Any, where: str) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RuleError(f"{where}: expected a list of examples")
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            unknown = set(item) - {"text", "format", "expect", "with"}
            if unknown:
                raise RuleError(f"{where}: unknown example field(s) {', '.join(sorted(unknown))}")
            expect = item.get("expect")
            if isinstance(expect, str):
                expect = [expect]
            out.append(
                Example(
                    item["text"],
                    str(item.get("format", "text")),
                    tuple(expect) if expect is not None else None,
                    tuple(item.get("with") or ()),
                )
            )
        else:
            raise RuleError(f"{where}: each example is a string or a mapping with 'text'")
    return tuple(out)


def parse_rule(data: Any, file: str) -> Rule:
    """Build a `Rule` from a loaded YAML mapping, validating every field."""
    from plainlint.kinds import KINDS

    if not isinstance(data, dict):
        raise RuleError(f"{file}: a rule file holds one mapping")
    unknown = set(data) - _HEADER
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise RuleError(f"{file}: 'id' must be kebab-case, like long-sentence")
    where = f"{file} ({rule_id})"
    kind_name = data.get("kind")
    if kind_name not in KINDS:
        raise RuleError(f"{where}: unknown kind {kind_name!r}; kinds: {', '.join(sorted(KINDS))}")
    kind_cls = KINDS[kind_name]
    params = {k: data[k] for k in unknown if k in kind_cls.params}
    unknown -= set(params)
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    family = data.get("family")
    if family not in FAMILIES:
        raise RuleError(f"{where}: 'family' must be one of {', '.join(FAMILIES)}")
    try:
        severity = Severity.parse(data.get("severity", ""))
    except ValueError as exc:
        raise RuleError(f"{where}: {exc}") from None
    message = data.get("message")
    if not isinstance(message, str) or not message.strip():
        raise RuleError(f"{where}: 'message' is required")
    docs_raw = data.get("docs")
    if not isinstance(docs_raw, dict):
        raise RuleError(f"{where}: 'docs' with {', '.join(_DOC_FIELDS)} is required")
    missing = [k for k in _DOC_FIELDS if not str(docs_raw.get(k, "")).strip()]
    if missing:
        raise RuleError(f"{where}: docs field(s) missing: {', '.join(missing)}")
    extra_docs = set(docs_raw) - set(_DOC_FIELDS)
    if extra_docs:
        raise RuleError(f"{where}: unknown docs field(s) {', '.join(sorted(extra_docs))}")
    docs = RuleDocs(**{k: str(docs_raw[k]).strip() for k in _DOC_FIELDS})
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"trigger", "pass"}:
        raise RuleError(f"{where}: 'examples' takes 'trigger' and 'pass' lists")
    trigger = _examples(examples.get("trigger"), f"{where}: examples.trigger")
    passing = _examples(examples.get("pass"), f"{where}: examples.pass")
    if not trigger or not passing:
        raise RuleError(
            f"{where}: every rule needs examples that trigger it and near-misses that pass"
        )
    options_raw = data.get("options") or {}
    if not isinstance(options_raw, dict):
        raise RuleError(f"{where}: 'options' must be a mapping")
    try:
        options = kind_cls.check_options(options_raw, defaults=True)
        impl = kind_cls(rule_id, params)
    except (TypeError, ValueError) as exc:
        raise RuleError(f"{where}: {exc}") from None
    return Rule(
        id=rule_id,
        family=family,
        kind=kind_name,
        severity=severity,
        message=" ".join(message.split()),
        docs=docs,
        options=options,
        trigger=trigger,
        passing=passing,
        file=file,
        enabled=_enabled(data.get("enabled", True), where),
        impl=impl,
    )


def _enabled(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise RuleError(f"{where}: 'enabled' must be true or false")
    return value


def load_file(path: Path) -> Rule:
    try:
        data = yamlutil.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise RuleError(f"{path}{line}: YAML error: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file ({exc})") from None
    return parse_rule(data, str(path))


class Registry:
    """All known rules, by id, in a stable order."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules: dict[str, Rule] = {}
        for r in rules:
            if r.id in self._rules:
                raise RuleError(f"{r.file}: rule id {r.id!r} is also defined in "
                                f"{self._rules[r.id].file}")
            self._rules[r.id] = r

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(sorted(self._rules.values(), key=lambda r: (FAMILIES.index(r.family), r.id)))

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, rule_id: str) -> Rule | None:
        return self._rules.get(rule_id)

    def ids(self) -> list[str]:
        return [r.id for r in self]

    def expand(self, names: Iterable[str]) -> set[str]:
        """Rule ids for a list of rule ids and family names (``ALL`` means every rule)."""
        out: set[str] = set()
        for name in names:
            if name.upper() == "ALL":
                out.update(self._rules)
            elif name in self._rules:
                out.add(name)
            elif name in FAMILIES:
                out.update(r.id for r in self._rules.values() if r.family == name)
        return out

    def unknown(self, names: Iterable[str]) -> list[str]:
        return [n for n in names if n.upper() != "ALL" and n not in self._rules
                and n not in FAMILIES]


@lru_cache(maxsize=1)
def builtin() -> Registry:
    """The rules that ship with plainlint."""
    from plainlint.resources import rules_dir

    return Registry(load_file(p) for p in sorted(rules_dir().glob("*.yaml")))
