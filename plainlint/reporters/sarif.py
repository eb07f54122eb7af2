"""SARIF 2.1.0, for GitHub code scanning, Azure DevOps and editors with a SARIF viewer.

One run. ``tool.driver.rules`` describes every rule with its documentation as help text;
each result has a region (lines, code-point columns and offsets, and the flagged text), a
``partialFingerprints`` entry that stays the same when lines move (see fingerprint.py), and one
``fix`` per suggested replacement (``properties.applicability`` says whether it is safe to
apply without reading). Files that could not be read are tool notifications in ``invocations``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from plainlint import __version__, jsonout
from plainlint.fingerprint import VERSION as FINGERPRINT_VERSION
from plainlint.fingerprint import fingerprints
from plainlint.model import Applicability, Finding, RunResult, Severity
from plainlint.reporters import ReportOptions
from plainlint.reporters.common import all_rules, ci_path

if TYPE_CHECKING:
    from plainlint.rules import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = f"plainlint/{FINGERPRINT_VERSION}"
SRCROOT = "%SRCROOT%"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
# GitHub code scanning reads this property to rank non-security alerts.
PROBLEM_SEVERITY = {
    Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "recommendation",
}
MIME = {"markdown": "text/markdown", "html": "text/html", "text": "text/plain"}


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(?:\s|$)", text, re.DOTALL)
    return " ".join((match.group(1) if match else text).split())


def _help(rule: Rule) -> dict[str, str]:
    d = rule.docs
    sections = (
        ("What it flags", d.what),
        ("Why it matters", d.why),
        ("Example", d.example),
        ("Write instead", d.instead),
        ("Source", d.source),
    )
    text = "\n\n".join(f"{title}: {body}" for title, body in sections)
    markdown = "\n\n".join(f"**{title}**\n\n{body}" for title, body in sections)
    return {"text": text, "markdown": markdown}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": _pascal(rule.id),
        "shortDescription": {"text": _first_sentence(rule.docs.what)},
        "fullDescription": {"text": " ".join(rule.docs.what.split())},
        "help": _help(rule),
        "defaultConfiguration": {"level": LEVEL[rule.severity], "enabled": rule.enabled},
        "properties": {
            "tags": ["plainlint", rule.family],
            "precision": "high",
            "problem.severity": PROBLEM_SEVERITY[rule.severity],
        },
    }


def _unknown_descriptor(rule_id: str, severity: Severity) -> dict[str, Any]:
    return {
        "id": rule_id,
        "name": _pascal(rule_id),
        "shortDescription": {"text": f"plainlint rule {rule_id}"},
        "defaultConfiguration": {"level": LEVEL[severity]},
    }


def _uri(path: str) -> str:
    # ":" is escaped too: in a relative reference, "c:notes.md" would read as a URI scheme.
    return quote(path, safe="/@!$&'()*+,;=-._~")


def _location(path: str, root: str | None) -> dict[str, Any]:
    if Path(path).is_absolute():  # outside the repository
        return {"uri": Path(path).as_uri()}
    loc: dict[str, Any] = {"uri": _uri(path)}
    if root is not None:
        loc["uriBaseId"] = SRCROOT
    return loc


def _region(f: Finding, with_snippet: bool = True) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.offset,
        "charLength": f.end_offset - f.offset,
    }
    if with_snippet:
        region["snippet"] = {"text": f.text}
    return region


def _fixes(f: Finding, location: dict[str, Any]) -> list[dict[str, Any]]:
    fixes = []
    ordered = sorted(
        (s for s in f.suggestions
         if s.replacement is not None and s.applicability is not Applicability.ADVICE),
        key=lambda s: s.applicability is not Applicability.SAFE,
    )
    for s in ordered:
        assert s.replacement is not None
        fixes.append({
            "description": {"text": f"Replace \u201c{f.text}\u201d with \u201c{s.replacement}\u201d"
                            + ("" if s.applicability is Applicability.SAFE
                               else " (check that it still means what you meant)")},
            "artifactChanges": [{
                "artifactLocation": dict(location),
                "replacements": [{
                    "deletedRegion": _region(f, with_snippet=False),
                    "insertedContent": {"text": s.replacement},
                }],
            }],
            "properties": {"applicability": s.applicability.value},
        })
    return fixes


def _message(f: Finding) -> str:
    tries = [s.text for s in f.suggestions]
    return f.message + (f" Try: {'; '.join(tries)}." if tries else "")


def as_dict(result: RunResult, options: ReportOptions | None = None) -> dict[str, Any]:
    options = options or ReportOptions()
    root = options.root
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for r in all_rules():
        index[r.id] = len(rules)
        rules.append(rule_descriptor(r))

    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for file in result.files:
        path = ci_path(file.path, root)
        location = _location(path, root)
        artifact_index = len(artifacts)
        artifact: dict[str, Any] = {"location": dict(location)}
        if file.format in MIME:
            artifact["mimeType"] = MIME[file.format]
        artifacts.append(artifact)
        location = {**location, "index": artifact_index}
        for f, fp in zip(file.findings, fingerprints(file), strict=True):
            if f.rule not in index:
                index[f.rule] = len(rules)
                rules.append(_unknown_descriptor(f.rule, f.severity))
            item: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": LEVEL[f.severity],
                "message": {"text": _message(f)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": dict(location),
                    "region": _region(f),
                }}],
                "partialFingerprints": {FINGERPRINT_KEY: fp},
            }
            if "baseline" in result.filters:
                item["baselineState"] = "new"  # known findings were left out
            fixes = _fixes(f, location)
            if fixes:
                item["fixes"] = fixes
            props: dict[str, Any] = {
                "severity": f.severity.label,
                "suggestions": [s.to_dict() for s in f.suggestions],
            }
            if f.block:
                props["block"] = f.block
            if f.term is not None:
                props["term"] = f.term
            item["properties"] = props
            results.append(item)

    notifications: list[dict[str, Any]] = []
    for e in result.errors:
        notifications.append({
            "level": "error",
            "message": {"text": f"{e.path}: {e.message}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": _location(ci_path(e.path, root), root)}}],
        })
    for w in result.warnings:
        notifications.append({"level": "warning", "message": {"text": w}})

    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "plainlint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": rules,
        }},
        "invocations": [{
            "executionSuccessful": not result.errors,
            "toolExecutionNotifications": notifications,
        }],
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if root is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(root).resolve().as_uri() + "/"}}
    if result.filters:
        run["properties"] = {"filters": result.filters}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result: RunResult, options: ReportOptions) -> str:
    return jsonout.dumps(as_dict(result, options)) + "\n"
