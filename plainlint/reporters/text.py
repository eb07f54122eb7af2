"""Text output: one line per finding, then a summary line.

    path:line:col: severity [rule-id] message (try: alternative, alternative)

Colour is used only when asked (the CLI asks when writing to a terminal and NO_COLOR is unset).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from plainlint.model import FileResult, Finding, RunResult, Severity
from plainlint.reporters import ReportOptions

_COLOURS = {
    Severity.ERROR: "\x1b[31m",  # red
    Severity.WARNING: "\x1b[33m",  # yellow
    Severity.SUGGESTION: "\x1b[36m",  # cyan
}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def finding_line(f: Finding, path: str, color: bool = False) -> str:
    tries = [s.text for s in f.suggestions]
    tail = f" (try: {', '.join(tries)})" if tries else ""
    where = f"{path}:{f.line}:{f.column}:"
    severity = f.severity.label
    rule = f"[{f.rule}]"
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_COLOURS[f.severity]}{severity}{_RESET}"
        rule = f"{_DIM}{rule}{_RESET}"
    return f"{where} {severity} {rule} {f.message}{tail}"


def summary(result: RunResult) -> str:
    findings = result.findings
    files = _plural(len(result.files), "file")
    if not findings:
        text = f"{files} checked: no findings."
    else:
        counts = Counter(f.severity for f in findings)
        parts = [
            _plural(counts[s], s.label)
            for s in sorted(Severity, reverse=True)
            if counts[s]
        ]
        text = f"{files} checked: {_plural(len(findings), 'finding')} ({', '.join(parts)})."
    if result.errors:
        text += f" {_plural(len(result.errors), 'file')} could not be checked."
    from plainlint.reporters.common import filter_notes

    for note in filter_notes(result):
        text += " " + note
    return text


#: One-line summaries of document metrics: metric name -> function(metrics dict) -> text.
#: A metric registers here to appear under each file's findings.
METRIC_LINES: dict[str, Callable[[dict[str, Any]], str | None]] = {}


def render(result: RunResult, options: ReportOptions) -> str:
    lines = []
    for r in result.files:
        for f in r.findings:
            lines.append(finding_line(f, r.path, options.color))
        for name, fn in METRIC_LINES.items():
            if name in r.metrics:
                text = fn(r.metrics[name])
                if text:
                    lines.append(f"{r.path}: {text}")
        if r.base is not None:
            lines.extend(_base_lines(r))
    if options.show_summary:
        lines.append(summary(result))
    return "\n".join(lines) + ("\n" if lines else "")


def _base_lines(r: FileResult) -> list[str]:
    """``page.md: since main: reading age 14.6 (was 13.1: +1.5, worse)`` (with --diff-base)."""
    from plainlint.compare import movements, short_ref

    assert r.base is not None
    moves = movements(r.metrics, r.base.metrics, is_new=r.base.status in ("added", "untracked"))
    if not moves:
        return []
    since = short_ref(r.base.ref)
    return [f"{r.path}: since {since}: " + "; ".join(m.describe() for m in moves)]
