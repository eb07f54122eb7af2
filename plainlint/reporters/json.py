"""JSON output, version 1. The shape is documented in docs/json-format.md.

Later versions only add keys; a key's meaning never changes within a version.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from plainlint import jsonout
from plainlint.fingerprint import fingerprints
from plainlint.model import FileResult, RunResult, Severity
from plainlint.reporters import ReportOptions

VERSION = 1


def as_dict(result: RunResult) -> dict[str, Any]:
    findings = result.findings
    by_rule = Counter(f.rule for f in findings)
    by_severity = Counter(f.severity.label for f in findings)
    out = {
        "version": VERSION,
        "files": [_file(r) for r in result.files],
        "summary": {
            "files": len(result.files),
            "findings": len(findings),
            "by_rule": dict(sorted(by_rule.items())),
            "by_severity": {
                s.label: by_severity.get(s.label, 0)
                for s in sorted(Severity, reverse=True)
            },
            "fixable": {
                "safe": sum(1 for f in findings if f.fix is not None and f.fix.safe),
                "unsafe": sum(1 for f in findings if f.fix is not None and not f.fix.safe),
            },
        },
        "errors": [e.to_dict() for e in result.errors],
        "warnings": list(result.warnings),
    }
    if result.filters:
        out["filters"] = result.filters
    return out


def _file(r: FileResult) -> dict[str, Any]:
    findings = []
    for f, fp in zip(r.findings, fingerprints(r), strict=True):
        d = f.to_dict()
        d["fingerprint"] = fp
        findings.append(d)
    out: dict[str, Any] = {
        "path": r.path,
        "format": r.format,
        "title": r.title,
        "preset": r.preset,
        "findings": findings,
        "metrics": r.metrics,
    }
    if r.notes:
        out["notes"] = [f.to_dict() for f in r.notes]
    if r.base is not None:
        out["base"] = r.base.to_dict(r.metrics)
    return out


def render(result: RunResult, options: ReportOptions) -> str:
    return jsonout.dumps(as_dict(result)) + "\n"
