"""GitHub Actions workflow commands: findings as annotations on the pull request's files.

    ::warning file=docs/a.md,line=3,endLine=3,col=16,endColumn=28,title=jargon (plainlint)::…

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job);
the rest are dropped without a word, which is how other linters' annotations go missing. This
reporter never writes more than the caps: errors become ``error``, warnings ``warning`` and
suggestions ``notice`` annotations, up to 10 of each, shared fairly across files; when some do
not fit, one notice says how many were left out and where to see them all. Every finding is
also listed in the step's log, inside a collapsed group, with workflow commands switched off so
that document text can never be read as a command.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from plainlint.model import FileError, Finding, RunResult, Severity
from plainlint.reporters import ReportOptions
from plainlint.reporters.common import ci_path, describe_counts, plural
from plainlint.reporters.text import finding_line, summary

#: Annotations GitHub shows per step, for each of error, warning and notice.
PER_STEP = 10
#: Annotations GitHub shows per job, over all its steps.
PER_JOB = 50

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message, as GitHub's actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property (file, title ...): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    """One workflow command line; properties that are None are left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


@dataclass(frozen=True)
class _Item:
    """Something that can become an annotation: a finding, or a file that could not be read."""

    order: tuple[int, int]  # (file index, position in the file)
    file: int
    severity: Severity
    line: str


def _finding_annotation(f: Finding, path: str) -> str:
    message = f.message
    tries = [s.text for s in f.suggestions]
    if tries:
        message += "\nTry: " + "; ".join(tries)
    single_line = f.line == f.end_line
    return command(
        _COMMAND[f.severity],
        message,
        file=path,
        line=f.line,
        endLine=f.end_line,
        col=f.column if single_line else None,
        endColumn=f.end_column if single_line else None,
        title=f"{f.rule} (plainlint)",
    )


def _error_annotation(e: FileError, path: str) -> str:
    return command("error", e.message, file=path, title="plainlint could not check this file")


def _items(result: RunResult, root: str | None) -> Iterator[_Item]:
    for i, e in enumerate(result.errors):
        yield _Item((-1, i), -1 - i, Severity.ERROR, _error_annotation(e, ci_path(e.path, root)))
    for fi, r in enumerate(result.files):
        path = ci_path(r.path, root)
        for n, f in enumerate(r.findings):
            yield _Item((fi, n), fi, f.severity, _finding_annotation(f, path))


def _fair_share(items: list[_Item], budget: int) -> list[_Item]:
    """Up to ``budget`` items, taken in turn from each file so that every file gets some."""
    by_file: dict[int, list[_Item]] = {}
    for item in items:
        by_file.setdefault(item.file, []).append(item)
    queues = [list(reversed(v)) for v in by_file.values()]
    chosen: list[_Item] = []
    while len(chosen) < budget and any(queues):
        for q in queues:
            if q and len(chosen) < budget:
                chosen.append(q.pop())
    return chosen


def select(result: RunResult, root: str | None = None) -> tuple[list[str], Counter[Severity]]:
    """The annotation lines to write, and how many of each severity were left out."""
    items = list(_items(result, root))
    by_severity: dict[Severity, list[_Item]] = {s: [] for s in Severity}
    for item in items:
        by_severity[item.severity].append(item)
    overflow = any(len(v) > PER_STEP for v in by_severity.values())
    chosen: list[_Item] = []
    left_out: Counter[Severity] = Counter()
    for severity, group in by_severity.items():
        budget = PER_STEP
        if severity is Severity.SUGGESTION and overflow:
            budget -= 1  # room for the notice that says what was left out
        picked = _fair_share(group, budget)
        chosen.extend(picked)
        left_out[severity] = len(group) - len(picked)
    chosen.sort(key=lambda i: i.order)
    return [i.line for i in chosen], left_out


def _left_out_notice(result: RunResult, left_out: Counter[Severity], url: str | None) -> str:
    described = describe_counts(left_out)
    total = len(result.findings) + len(result.errors)
    message = (
        f"{plural(left_out.total(), 'more finding')} ({described}) "
        f"{'is' if left_out.total() == 1 else 'are'} not shown as annotations: GitHub shows at "
        f"most {PER_STEP} of each kind per step. All {total} are listed in this step's log "
        "under \u201cplainlint: all findings\u201d"
    )
    message += f" and in the full report: {url}" if url else "."
    return command("notice", message, title="plainlint: more findings than GitHub can show")


def _log_listing(result: RunResult, root: str | None) -> list[str]:
    lines = []
    for e in result.errors:
        lines.append(f"{ci_path(e.path, root)}: error: {e.message}")
    for r in result.files:
        path = ci_path(r.path, root)
        lines.extend(_one_line(finding_line(f, path)) for f in r.findings)
    body = "\n".join(lines)
    # A token nobody can know in advance (it depends on the whole listing), so document text
    # can neither switch commands back on nor inject any.
    token = "plainlint-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]
    return [
        f"::group::plainlint: all findings ({len(lines)})",
        f"::stop-commands::{token}",
        *lines,
        f"::{token}::",
        "::endgroup::",
    ]


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def render(result: RunResult, options: ReportOptions) -> str:
    annotations, left_out = select(result, options.root)
    out = list(annotations)
    if left_out.total():
        out.append(_left_out_notice(result, left_out, options.report_url))
    if result.findings or result.errors:
        out.extend(_log_listing(result, options.root))
    if options.show_summary:
        out.append(summary(result))
    return "\n".join(out) + ("\n" if out else "")
