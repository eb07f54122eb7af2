"""Checking only what changed: ``plainlint check --diff-base REF``.

The files that changed since the merge base of REF and HEAD are checked in full (rules need
whole sentences and sections), then only findings that touch an added or modified line are kept
(a reading age touches every line of the section or document it measures). Word, PDF and
OpenDocument files are compared by their extracted text, since git sees only bytes.
Each file's result carries a `BaseVersion`: its status, its path at the base (renames), the
changed line ranges, and its document measures at the base, computed from the base version
read from git in memory, with today's settings, so reports can say how a page's reading age
moved.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plainlint import engine, formats
from plainlint.api import Checker
from plainlint.baseline import Baseline
from plainlint.baseline import apply as apply_baseline
from plainlint.compare import base_measure, judge_measure, measure_keys, short_ref
from plainlint.document import Document
from plainlint.engine import Settings
from plainlint.gitdiff import ChangedFile, GitError, GitLines, Scope, collect, touches
from plainlint.model import BaseVersion, FileResult, Finding, RunResult
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
    """Keep findings on changed lines, and attach each file's base version.

    Word, PDF and OpenDocument files are binary to git, so their changed lines are found by
    comparing the text extracted from both versions (the lines `plainlint extract` shows). With
    a ``checker``, the base version's document measures are computed for comparison.
    """
    by_display = {c.display: c for c in scope.files}
    hidden = 0
    compare = checker is not None and _has_metrics()
    for file in result.files:
        change = by_display.get(file.path)
        if change is None:
            continue
        binary = formats.is_binary(file.format)
        base: Based | None = None
        if checker is not None and change.base_path is not None and (compare or binary):
            base = _base_version(checker, change, file, result)
        if binary:
            ranges = _extracted_changes(base.document.text, file.text) if (
                base is not None and file.text is not None) else None
        else:
            ranges = change.changed_lines()
        lines = GitLines(file.text) if file.text is not None else None
        if ranges is not None:
            kept = [f for f in file.findings if touches(ranges, *_git_span(lines, f))]
            hidden += len(file.findings) - len(kept)
            file.findings = kept
            file.notes = [f for f in file.notes if touches(ranges, *_git_span(lines, f))]
        whole = [(1, lines.count)] if lines is not None and lines.count else []
        file.base = BaseVersion(
            ref=scope.ref,
            commit=change.repo.base,
            status=change.status,
            path=change.base_path,
            changed_lines=list(ranges) if ranges is not None else whole,
        )
        if compare and base is not None and checker is not None:
            # With the facts of the file's check: only the paragraphs changed since the base
            # are analysed again.
            with checker.keeping_facts(file.path, file.format, save=False):
                file.base.metrics = engine.measure_document(base.document, base.settings)
        _judge_measures(file, scope.ref)
    result.filters["diff_base"] = {
        "ref": scope.ref,
        "commits": sorted({r.base for r in scope.repos.values()}),
        "files": len(scope.files),
        "hidden": hidden,
    }


def _judge_measures(file: FileResult, ref: str) -> None:
    """A document or section measure on changed lines fails the run only when it got worse
    since the base, or is new there; one that improved or stayed the same becomes a note."""
    assert file.base is not None
    since = short_ref(ref)
    kept: list[Finding] = []
    notes: list[Finding] = []
    judged = {id(f): key for f, key in measure_keys(file.findings)}
    for f in file.findings:
        key = judged.get(id(f))
        if key is None or "change" in f.data:  # not a measure, or judged by a baseline
            kept.append(f)
            continue
        base = base_measure(file.base.metrics, key) if file.base.path is not None else None
        (kept if judge_measure(f, base, since) else notes).append(f)
    file.findings = kept
    file.notes.extend(notes)


def _git_span(lines: GitLines | None, f: Finding) -> tuple[int, int]:
    """The first and last line of what a finding is about, counted as git counts them.

    A finding about a whole section or document (a reading age) is anchored on its heading
    but is about every line under it: its ``data["extent"]`` gives that stretch of text.
    """
    start, end = f.offset, f.end_offset
    extent = f.data.get("extent")
    if isinstance(extent, dict) and all(
            isinstance(extent.get(k), int) for k in ("offset", "end_offset")):
        start, end = min(start, extent["offset"]), max(end, extent["end_offset"])
    if lines is None:
        return f.line, f.end_line
    return lines.line(start), lines.line(max(start, end - 1))


def _extracted_changes(before: str, after: str) -> list[tuple[int, int]]:
    """(first, last) ranges of lines of ``after`` added or changed since ``before``."""
    old, new = before.split("\n"), after.split("\n")
    ranges = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert") and j2 > j1:
            ranges.append((j1 + 1, j2))
    return ranges


def _has_metrics() -> bool:
    import plainlint.metrics  # noqa: F401  (registers the document metrics)

    return bool(engine.METRICS)


@dataclass
class Based:
    """A changed file as it was at the diff base: its document, and the settings to measure
    it with (today's file's own)."""

    document: Document
    settings: Settings


def _base_version(checker: Checker, change: ChangedFile, file: FileResult, result: RunResult
                  ) -> Based | None:
    """The base version of a changed file, read from git in memory; None (with a warning on
    the run) when it cannot be read."""
    assert change.base_path is not None
    try:
        data = change.repo.base_bytes(change.base_path)
    except GitError as exc:
        result.warnings.append(f"{file.path}: cannot read the version at {change.repo.ref}: {exc}")
        return None
    settings = checker.settings_for(Path(change.absolute))
    limits = settings.config.limits
    fmt = formats.format_for(change.base_path) or file.format  # renamed from .txt to .md ...
    try:
        if formats.is_binary(fmt):
            if not data:
                raise InputError("file is empty")
            document = formats.parse_bytes(data, file.path, fmt, limits, settings.skips)
        else:
            document = formats.parse(decode(data, file.path, limits, fmt), fmt, settings.skips)
    except InputError as exc:
        result.warnings.append(
            f"{file.path}: the version at {change.repo.ref} cannot be measured: {exc}")
        return None
    return Based(document, settings)
