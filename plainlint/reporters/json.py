"""JSON output, version 1. The shape is documented in docs/json-format.md.

Later versions only add keys; a key's meaning never changes within a version.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from plainlint.model import RunResult, Severity
from plainlint.reporters import ReportOptions

VERSION = 1


def as_dict(result: RunResult) -> dict[str, Any]:
    findings = result.findings
    by_rule = Counter(f.rule for f in findings)
    by_severity = Counter(f.severity.label for f in findings)
    return {
        "version": VERSION,
        "files": [
            {
                "path": r.path,
                "format": r.format,
                "findings": [f.to_dict() for f in r.findings],
                "metrics": r.metrics,
            }
            for r in result.files
        ],
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


def render(result: RunResult, options: ReportOptions) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"
