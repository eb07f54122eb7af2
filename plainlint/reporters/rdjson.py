"""reviewdog's diagnostic format (rdjson), with suggestions reviewdog can post as changes.

    plainlint check --format rdjson docs/ | reviewdog -f=rdjson -reporter=github-pr-review

Columns are UTF-8 byte columns, as the format requires (``“`` is three bytes), computed from the
checked text; ranges end just after the flagged text. Every suggested replacement (safe ones
first) becomes a reviewdog suggestion over the flagged text.
"""

from __future__ import annotations

from typing import Any

from plainlint import jsonout
from plainlint.model import Applicability, Finding, RunResult, Severity
from plainlint.reporters import ReportOptions
from plainlint.reporters.common import Utf8Columns, ci_path

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.SUGGESTION: "INFO"}


def _range(f: Finding, columns: Utf8Columns) -> dict[str, Any]:
    return {
        "start": {"line": f.line, "column": columns.column(f.offset, f.line, f.column)},
        "end": {"line": f.end_line,
                "column": columns.column(f.end_offset, f.end_line, f.end_column)},
    }


def diagnostic(f: Finding, path: str, columns: Utf8Columns) -> dict[str, Any]:
    rng = _range(f, columns)
    replacements = sorted(
        (s for s in f.suggestions
         if s.replacement is not None and s.applicability is not Applicability.ADVICE),
        key=lambda s: s.applicability is not Applicability.SAFE,
    )
    tries = [s.text for s in f.suggestions]
    out: dict[str, Any] = {
        "message": f.message + (f" Try: {'; '.join(tries)}." if tries else ""),
        "location": {"path": path, "range": rng},
        "severity": SEVERITY[f.severity],
        "code": {"value": f.rule},
    }
    if replacements:
        out["suggestions"] = [{"range": rng, "text": s.replacement} for s in replacements]
    out["original_output"] = (
        f"{path}:{f.line}:{f.column}: {f.severity.label} [{f.rule}] {f.message}")
    return out


def as_dict(result: RunResult, options: ReportOptions | None = None) -> dict[str, Any]:
    options = options or ReportOptions()
    diagnostics = []
    for file in result.files:
        path = ci_path(file.path, options.root)
        columns = Utf8Columns(file)
        diagnostics.extend(diagnostic(f, path, columns) for f in file.findings)
    for e in result.errors:
        diagnostics.append({
            "message": f"plainlint could not check this file: {e.message}",
            "location": {"path": ci_path(e.path, options.root)},
            "severity": "ERROR",
        })
    worst = max((f.severity for f in result.findings), default=None)
    out: dict[str, Any] = {"source": {"name": "plainlint"}, "diagnostics": diagnostics}
    if result.errors:
        out["severity"] = "ERROR"
    elif worst is not None:
        out["severity"] = SEVERITY[worst]
    return out


def render(result: RunResult, options: ReportOptions) -> str:
    return jsonout.dumps(as_dict(result, options)) + "\n"
