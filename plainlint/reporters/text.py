"""Text output: one line per finding, then a summary line.

    path:line:col: severity [rule-id] message (try: alternative, alternative)

A finding that `plainlint fix` can fix safely is marked ``[*]`` after its rule id, and the
summary counts them.

Findings in Word, PDF and OpenDocument files say where they are in the document instead
(`plainlint.locations`): ``report.docx:¶12 (Our plan > Housing):34:``, ``plan.pdf:p4:L17:8:``.

Colour is used only when asked (the CLI asks when writing to a terminal and NO_COLOR is unset).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from plainlint.model import FileResult, Finding, RunResult, Severity
from plainlint.reporters import ReportOptions
from plainlint.textutil import printable

_COLOURS = {
    Severity.ERROR: "\x1b[31m",  # red
    Severity.WARNING: "\x1b[33m",  # yellow
    Severity.SUGGESTION: "\x1b[36m",  # cyan
}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def finding_line(f: Finding, path: str, color: bool = False, note: bool = False) -> str:
    """``path:line:column: severity [rule] message (try: ...)``, always one printable line.
    A ``note`` (a measure that improved; see compare.judge_measure) says ``note`` instead of
    its severity."""
    tries = [s.text for s in f.suggestions]
    # "; " between alternatives when one has commas of its own ("name the people: residents,
    # tenants, carers; people with an interest").
    sep = "; " if any("," in t for t in tries) else ", "
    tail = printable(f" (try: {sep.join(tries)})") if tries else ""
    path = printable(path)
    if f.location is not None:
        from plainlint.locations import label

        where = f"{path}:{label(f.location)}:"
    else:
        where = f"{path}:{f.line}:{f.column}:"
    severity = "note" if note else f.severity.label
    rule = f"[{f.rule}]"
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_DIM if note else _COLOURS[f.severity]}{severity}{_RESET}"
        rule = f"{_DIM}{rule}{_RESET}"
    if f.fix is not None and f.fix.safe and f.location is None:
        # Word, PDF and OpenDocument findings (the ones with a location) are never fixed in
        # place: `plainlint fix` does not write those files.
        rule += f" {_FIXABLE_COLOUR}{FIXABLE}{_RESET}" if color else f" {FIXABLE}"
    return f"{where} {severity} {rule} {printable(f.message)}{tail}"


#: The mark on a finding that `plainlint fix` fixes without asking.
FIXABLE = "[*]"
_FIXABLE_COLOUR = "\x1b[32m"  # green
#: Unsafe fixes need a person: the summary suggests making them one by one.
_UNSAFE_COMMAND = "plainlint fix -i --unsafe-fixes"


def fixable_counts(findings: list[Finding]) -> tuple[int, int]:
    """How many findings have a safe fix, and how many an unsafe one."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    unsafe = sum(1 for f in findings if f.fix is not None and not f.fix.safe)
    return safe, unsafe


def summary(result: RunResult) -> str:
    from plainlint import formats

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
    # Only files `plainlint fix` writes: Word, PDF and OpenDocument files are never changed.
    safe, unsafe = fixable_counts(
        [f for r in result.files if not formats.is_binary(r.format) for f in r.findings])
    if safe:
        text += f" {FIXABLE} {safe} fixable with `plainlint fix`"
        text += f" ({unsafe} more with `{_UNSAFE_COMMAND}`)." if unsafe else "."
    elif unsafe:
        text += f" {unsafe} fixable with `{_UNSAFE_COMMAND}`."
    documents = [r for r in result.files if r.findings and formats.is_binary(r.format)]
    if any(r.format == "docx" for r in documents):
        text += (" Word files are not changed by `plainlint fix`: `plainlint annotate FILE.docx`"
                 " writes a copy with a comment on each finding.")
    elif documents:
        text += " PDF and OpenDocument files are not changed by `plainlint fix`: edit the source."
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
    # The metrics register their summary lines; results from the cache or from worker
    # processes reach here without this process having measured anything itself.
    import plainlint.metrics  # noqa: F401

    lines = []
    for r in result.files:
        for f in r.findings:
            lines.append(finding_line(f, r.path, options.color))
        for f in r.notes:
            lines.append(finding_line(f, r.path, options.color, note=True))
        if not options.show_metrics:
            continue
        for name, fn in METRIC_LINES.items():
            if name in r.metrics:
                text = fn(r.metrics[name])
                if text:
                    lines.append(printable(f"{r.path}: {text}"))
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
    return [printable(f"{r.path}: since {since}: " + "; ".join(m.describe() for m in moves))]
