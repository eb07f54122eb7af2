"""Helpers shared by the CI reporters: paths, counts, rule lookup and UTF-8 columns."""

from __future__ import annotations

import bisect
import os
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from plainlint.model import FileResult, Finding, RunResult, Severity

if TYPE_CHECKING:
    from plainlint.rules import Rule

SEVERITIES = tuple(sorted(Severity, reverse=True))  # error, warning, suggestion


def ci_path(display: str, root: str | None) -> str:
    """A file's path as a CI service wants it: relative to the repository root, with ``/``.

    Paths outside ``root`` (or when there is no root, or for standard input) stay as shown.
    """
    if root and display != "-":
        absolute = os.path.abspath(display)
        try:
            rel = os.path.relpath(absolute, root)
        except ValueError:  # another drive on Windows
            rel = ""
        if rel and not rel.startswith(os.pardir):
            return PurePath(rel).as_posix()
    return PurePath(display).as_posix() if display != "-" else display


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def counts(findings: Iterable[Finding]) -> Counter[Severity]:
    return Counter(f.severity for f in findings)


def describe_counts(c: Counter[Severity], empty: str = "no findings") -> str:
    """``2 errors, 1 warning`` (only the severities present)."""
    parts = [plural(c[s], s.label) for s in SEVERITIES if c[s]]
    return ", ".join(parts) or empty


@lru_cache(maxsize=1)
def _registry() -> dict[str, Rule]:
    from plainlint.rules import builtin

    return {r.id: r for r in builtin()}


def rule(rule_id: str) -> Rule | None:
    """The built-in rule with this id, if there is one."""
    return _registry().get(rule_id)


def all_rules() -> list[Rule]:
    from plainlint.rules import builtin

    return list(builtin())


class Utf8Columns:
    """Turns code-point positions in a file's text into UTF-8 byte columns (for reviewdog).

    Lines are those plainlint counts (``\\r\\n``, ``\\r`` or ``\\n`` end one). Without the text,
    columns are returned unchanged: right for ASCII, the best that can be done otherwise.
    """

    def __init__(self, file: FileResult) -> None:
        self.text = file.text
        self._starts: list[int] = [0]
        if self.text is not None:
            t = self.text
            i, n = 0, len(t)
            starts = self._starts
            while i < n:
                c = t[i]
                if c == "\r":
                    if i + 1 < n and t[i + 1] == "\n":
                        i += 1
                    starts.append(i + 1)
                elif c == "\n":
                    starts.append(i + 1)
                i += 1

    def column(self, offset: int, line: int, column: int) -> int:
        """The 1-based UTF-8 byte column of the character at ``offset`` (on ``line``)."""
        if self.text is None or not 1 <= line <= len(self._starts):
            return column
        start = self._starts[line - 1]
        if not start <= offset <= len(self.text):
            return column
        return len(self.text[start:offset].encode("utf-8")) + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def filter_notes(result: RunResult) -> list[str]:
    """Sentences saying which findings a run left out (``--diff-base``, ``--baseline``)."""
    notes = []
    diff = result.filters.get("diff_base")
    if diff:
        hidden = diff.get("hidden", 0)
        from plainlint.compare import short_ref

        text = f"Only findings on lines changed since {short_ref(str(diff.get('ref')))} are shown"
        if hidden:
            text += f"; {plural(hidden, 'finding')} on unchanged lines left out"
        notes.append(text + ".")
    base = result.filters.get("baseline")
    if base:
        hidden = base.get("hidden", 0)
        stale = base.get("stale", 0)
        text = f"{plural(hidden, 'known finding')} in the baseline left out" if hidden else (
            "No finding matched the baseline")
        if stale:
            text += (f"; {plural(stale, 'baseline entry', 'baseline entries')} no longer "
                     "match (fixed or reworded): refresh it with plainlint baseline")
        notes.append(text + ".")
    measures = sum(len(r.notes) for r in result.files)
    if measures:
        notes.append(f"{plural(measures, 'reading age')} above the target improved or stayed "
                     "the same: shown as notes, not counted.")
    return notes
