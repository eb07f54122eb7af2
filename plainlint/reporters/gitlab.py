"""GitLab Code Quality report: shows findings in merge requests.

    plainlint:
      script: plainlint check --format gitlab -o gl-code-quality-report.json docs/
      artifacts:
        reports:
          codequality: gl-code-quality-report.json

GitLab compares the report of a merge request with its target branch's by ``fingerprint``, so
the fingerprint must stay the same when lines move: it is the file's path plus the finding's
line-free fingerprint (see fingerprint.py). Severities: error → major, warning → minor,
suggestion → info.
"""

from __future__ import annotations

import hashlib
from typing import Any

from plainlint import jsonout
from plainlint.fingerprint import fingerprints
from plainlint.model import RunResult, Severity
from plainlint.reporters import ReportOptions
from plainlint.reporters.common import ci_path

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.SUGGESTION: "info"}


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def as_list(result: RunResult, options: ReportOptions | None = None) -> list[dict[str, Any]]:
    options = options or ReportOptions()
    issues: list[dict[str, Any]] = []
    for file in result.files:
        path = ci_path(file.path, options.root)
        for f, fp in zip(file.findings, fingerprints(file), strict=True):
            tries = [s.text for s in f.suggestions]
            issues.append({
                "type": "issue",
                "check_name": f"plainlint/{f.rule}",
                "description": f.message + (f" Try: {'; '.join(tries)}." if tries else ""),
                "categories": ["Style"],
                "severity": SEVERITY[f.severity],
                "fingerprint": _fingerprint(path, fp),
                "location": {
                    "path": path,
                    "lines": {"begin": f.line, "end": f.end_line},
                },
            })
    for e in result.errors:
        path = ci_path(e.path, options.root)
        issues.append({
            "type": "issue",
            "check_name": "plainlint/unreadable-file",
            "description": f"plainlint could not check this file: {e.message}",
            "categories": ["Style"],
            "severity": "major",
            "fingerprint": _fingerprint(path, "unreadable"),
            "location": {"path": path, "lines": {"begin": 1}},
        })
    return issues


def render(result: RunResult, options: ReportOptions) -> str:
    return jsonout.dumps(as_list(result, options)) + "\n"
