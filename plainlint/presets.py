"""Presets: who a folder's text is for, as a base layer of settings under the configuration.

A preset is a data file in ``rules/presets/`` (``residents``, the default; ``staff``;
``technical``). It can turn rules off (``ignore``), set rule options (``rules``), mark words as
accepted (``accept``), set severities (``severity``) and name abbreviations its readers know
(``abbreviations``, added to the acronym rule's ``allow`` option). Configuration is applied on
top of it, so a team can still change anything a preset sets. It is chosen with ``preset`` in
configuration (per path in ``[[overrides]]``) or ``--preset`` on the command line, which wins.
See docs/configuration.md ("Presets").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from plainlint import yamlutil
from plainlint.config import did_you_mean
from plainlint.model import Severity
from plainlint.resources import rules_dir

DEFAULT = "residents"
_KEYS = {"name", "summary", "when", "ignore", "rules", "accept", "severity", "abbreviations",
         "source"}


class PresetError(ValueError):
    """An unknown preset name, or a preset file that is wrong."""


@dataclass(frozen=True)
class Preset:
    name: str
    summary: str
    when: str
    source: str = ""
    ignore: tuple[str, ...] = ()
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    accept: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    abbreviations: tuple[str, ...] = ()

    def options(self, configured: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Rule options: this preset's, then ``configured`` on top (key by key); the
        preset's abbreviations are added to the acronym rule's ``allow`` list."""
        out = {k: dict(v) for k, v in self.rules.items()}
        for rule_id, opts in configured.items():
            out.setdefault(rule_id, {}).update(opts)
        if self.abbreviations:
            acronym = out.setdefault("acronym", {})
            allow = acronym.get("allow", [])
            acronym["allow"] = [*self.abbreviations,
                                *(allow if isinstance(allow, list) else [allow])]
        return out


def _folder() -> Path:
    return rules_dir() / "presets"


@cache
def names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in _folder().glob("*.yaml")))


def _str_tuple(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise PresetError(f"{where}: expected a list of words")
    return tuple(str(v) for v in value)


@cache
def load(name: str) -> Preset:
    """The preset called ``name``. Raises `PresetError` naming the presets there are."""
    if name not in names():
        raise PresetError(f"no preset called {name!r} (there are {', '.join(names())})"
                          f"{did_you_mean(name, names())}")
    path = _folder() / f"{name}.yaml"
    try:  # the project's YAML reading: "no" and "on" stay words, as in glossary files
        data = yamlutil.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PresetError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or data.get("name") != name:
        raise PresetError(f"{path}: expected a table whose name is {name!r}")
    unknown = set(data) - _KEYS
    if unknown:
        raise PresetError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}")
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise PresetError(f"{path}: rules: expected tables of options")
    try:
        severity = {k: Severity.parse(v) for k, v in data.get("severity", {}).items()}
    except ValueError as exc:
        raise PresetError(f"{path}: severity: {exc}") from None
    return Preset(
        name=name,
        summary=str(data.get("summary", "")).strip(),
        when=" ".join(str(data.get("when", "")).split()),
        source=" ".join(str(data.get("source", "")).split()),
        ignore=_str_tuple(data.get("ignore", []), f"{path}: ignore"),
        rules={k: dict(v) for k, v in rules.items()},
        accept=_str_tuple(data.get("accept", []), f"{path}: accept"),
        severity=severity,
        abbreviations=_str_tuple(data.get("abbreviations", []), f"{path}: abbreviations"),
    )


def changes(preset: Preset) -> list[str]:
    """What a preset changes from the defaults, one line each, for ``plainlint rules``."""
    out = [f"{rule}: off" for rule in preset.ignore]
    for rule_id, opts in sorted(preset.rules.items()):
        for key, value in opts.items():
            out.append(f"{rule_id}: {key} = {value!r}")
    for rule_id, sev in sorted(preset.severity.items()):
        out.append(f"{rule_id}: severity {sev.label}")
    if preset.abbreviations:
        out.append(f"acronym, all-caps: {len(preset.abbreviations)} abbreviations known: "
                   + ", ".join(preset.abbreviations))
    if preset.accept:
        out.append("accepted words: " + ", ".join(preset.accept))
    return out or ["nothing: every rule with its default options"]
