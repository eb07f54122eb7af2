"""Checking only what changed: ``plainlint check --diff-base REF``.

The files that changed since the merge base of REF and HEAD are checked in full (rules need
whole sentences and sections), then only findings that touch an added or modified line are kept.
Each file's result carries a `BaseVersion`: its status, its path at the base (renames), the
changed line ranges, and its document measures at the base, computed from the base version
read from git in memory, so reports can say how a page's reading age moved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from plainlint import engine, formats
from plainlint.api import Checker, check_source
from plainlint.baseline import Baseline
from plainlint.baseline import apply as apply_baseline
from plainlint.gitdiff import ChangedFile, GitError, GitLines, Scope, collect, touches
from plainlint.model import BaseVersion, FileResult, RunResult
from plainlint.source import InputError, decode

__all__ = ["GitError", "check_changed", "restrict"]


def check_changed(checker: Checker, paths: Iterable[str], ref: str,
                  baseline: Baseline | None = None) -> RunResult:
    """Check the files under ``paths`` changed since ``ref``; keep findings on changed lines.

    A ``baseline`` is applied to each file's full findings first, so its counts (and stale
    entries) are right. Raises `GitError` when the comparison cannot be made at all (git
    missing, an unknown ref).
    """
    scope = collect(list(paths), ref)
    targets = [c.display for c in scope.files]
    result = checker.run(targets) if targets else RunResult(warnings=list(checker.warnings))
    result.errors[:0] = scope.errors
    if baseline is not None:
        apply_baseline(result, baseline)
    restrict(result, scope, checker)
    return result


def restrict(result: RunResult, scope: Scope, checker: Checker | None = None) -> None:
    """Keep findings on changed lines, and attach each file's base version."""
    by_display = {c.display: c for c in scope.files}
    hidden = 0
    compare = checker is not None and _has_metrics()
    for file in result.files:
        change = by_display.get(file.path)
        if change is None:
            continue
        ranges = change.changed_lines()
        lines = GitLines(file.text) if file.text is not None else None
        if ranges is not None:
            kept = []
            for f in file.findings:
                first, last = _git_span(lines, f.offset, f.end_offset, f.line, f.end_line)
                if touches(ranges, first, last):
                    kept.append(f)
            hidden += len(file.findings) - len(kept)
            file.findings = kept
        whole = [(1, lines.count)] if lines is not None and lines.count else []
        file.base = BaseVersion(
            ref=scope.ref,
            commit=change.repo.base,
            status=change.status,
            path=change.base_path,
            changed_lines=list(ranges) if ranges is not None else whole,
        )
        if compare and change.base_path is not None:
            assert checker is not None
            metrics = _base_metrics(checker, change, file, result)
            if metrics is not None:
                file.base.metrics = metrics
    result.filters["diff_base"] = {
        "ref": scope.ref,
        "commits": sorted({r.base for r in scope.repos.values()}),
        "files": len(scope.files),
        "hidden": hidden,
    }


def _git_span(lines: GitLines | None, start: int, end: int, line: int, end_line: int
              ) -> tuple[int, int]:
    """A finding's first and last line, counted as git counts them."""
    if lines is None:
        return line, end_line
    return lines.line(start), lines.line(max(start, end - 1))


def _has_metrics() -> bool:
    import plainlint.metrics  # noqa: F401  (registers the document metrics)

    return bool(engine.METRICS)


def _base_metrics(checker: Checker, change: ChangedFile, file: FileResult, result: RunResult
                  ) -> dict[str, object] | None:
    """Document measures of the base version, checked in memory with no rules."""
    assert change.base_path is not None
    try:
        data = change.repo.base_bytes(change.base_path)
    except GitError as exc:
        result.warnings.append(f"{file.path}: cannot read the version at {change.repo.ref}: {exc}")
        return None
    path = Path(change.absolute)
    settings = checker.settings_for(path)
    try:
        source = decode(data, file.path, settings.config.limits)
    except InputError as exc:
        result.warnings.append(
            f"{file.path}: the version at {change.repo.ref} cannot be measured: {exc}")
        return None
    measure_only = dataclasses.replace(settings, rules=[], report_unused=False)
    fmt = formats.format_for(change.base_path) or file.format  # renamed from .txt to .md ...
    return check_source(source, fmt, measure_only).metrics
