"""Baselines: record today's findings so that a check reports only new ones.

    plainlint baseline docs/ -o .plainlint-baseline.json
    plainlint check --baseline .plainlint-baseline.json docs/

A finding is matched by its fingerprint (rule, normalised text and the words around it; see
fingerprint.py), never by line number, so adding a paragraph above a known finding does not
bring it back. The file is JSON, one finding per line, sorted by file, rule and text, so a
refreshed baseline shows in a diff as exactly the findings that came and went. Paths are
relative to the baseline file's folder, so it works from any working folder and on any machine.
The format is documented in docs/baseline.md.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from plainlint.compare import MEASURE_SCOPES, judge_measure, measure_keys, measure_value
from plainlint.fingerprint import identities
from plainlint.fsutil import atomic_write
from plainlint.model import RunResult

FORMAT_KEY = "plainlint-baseline"
FORMAT_VERSION = 1
COMMENT = ("Known findings that 'plainlint check --baseline' leaves out. Made by "
           "'plainlint baseline'; run it again to refresh. One finding per line.")
_ENTRY_KEYS = ("fingerprint", "rule", "text", "context")


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file and the problem."""


@dataclass
class Baseline:
    """Known findings by file (paths relative to ``folder``, with ``/``)."""

    folder: Path
    files: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    source: Path | None = None

    def key(self, display: str) -> str:
        """A checked file's key: its path relative to the baseline's folder."""
        if display == "-":
            return display
        return _relative(Path(os.path.abspath(display)), self.folder)

    def fingerprints(self, key: str) -> set[str]:
        return {e["fingerprint"] for e in self.files.get(key, [])}

    def count(self) -> int:
        return sum(len(v) for v in self.files.values())


def _relative(path: Path, folder: Path) -> str:
    try:
        return PurePosixPath(os.path.relpath(path, folder)).as_posix()
    except ValueError:  # another drive
        return path.as_posix()


def _folder_of(baseline_file: str | os.PathLike[str]) -> Path:
    return Path(os.path.abspath(baseline_file)).parent


def from_result(result: RunResult, baseline_file: str | os.PathLike[str]) -> Baseline:
    """A baseline holding every finding of a run."""
    baseline = Baseline(_folder_of(baseline_file))
    for file in result.files:
        measures = {id(f): key for f, key in measure_keys(file.findings)}
        entries = []
        for f, i in zip(file.findings, identities(file), strict=True):
            entry: dict[str, Any] = {"fingerprint": i.fingerprint, "rule": i.rule,
                                     "text": i.text, "context": i.context}
            key = measures.get(id(f))
            if key is not None:
                found = measure_value(f)
                assert found is not None
                entry["measure"] = {"scope": key[1], "section": key[2], "value": found[1]}
            entries.append(entry)
        if entries:
            baseline.files.setdefault(baseline.key(file.path), []).extend(entries)
    return baseline


def covered(key: str, scopes: list[str]) -> bool:
    """Is a baseline key inside one of the checked paths (as baseline keys)?"""
    for scope in scopes:
        if scope in (".", "") or key == scope or key.startswith(scope.rstrip("/") + "/"):
            return True
    return False


def merge(new: Baseline, old: Baseline | None, checked: list[str], unreadable: list[str]
          ) -> tuple[Baseline, int]:
    """``new`` plus the entries of ``old`` that this run was not asked to replace.

    Kept from the old baseline: files outside the checked paths, and files that could not be
    read this time (so a passing read error never forgets known findings). Returns the merged
    baseline and how many old entries were kept.
    """
    if old is None:
        return new, 0
    scopes = [new.key(p) for p in checked]
    unreadable_keys = {new.key(p) for p in unreadable}
    kept = 0
    for key, entries in old.files.items():
        if key in new.files:
            continue
        if not covered(key, scopes) or key in unreadable_keys:
            new.files[key] = list(entries)
            kept += len(entries)
    return new, kept


def dumps(baseline: Baseline) -> str:
    """The baseline file's text: stable, sorted, one finding per line."""
    lines = ["{", f'  "{FORMAT_KEY}": {FORMAT_VERSION},', f'  "comment": {json.dumps(COMMENT)},']
    items = sorted(baseline.files.items())
    if not items:
        lines.append('  "files": {}')
    else:
        lines.append('  "files": {')
        for n, (path, entries) in enumerate(items):
            lines.append(f"    {json.dumps(path, ensure_ascii=False)}: [")
            ordered = sorted(entries, key=lambda e: (e["rule"], e["text"], e["context"],
                                                     e["fingerprint"]))
            for m, e in enumerate(ordered):
                entry = {k: e[k] for k in _ENTRY_KEYS}
                if "measure" in e:
                    entry["measure"] = e["measure"]
                comma = "," if m < len(ordered) - 1 else ""
                lines.append(f"      {json.dumps(entry, ensure_ascii=False)}{comma}")
            lines.append("    ]" + ("," if n < len(items) - 1 else ""))
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write(baseline: Baseline, path: str | os.PathLike[str]) -> None:
    atomic_write(path, dumps(baseline))


def load(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file. Raises `BaselineError` with the file and the problem."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"{p}: no such baseline file (make one with: plainlint baseline PATHS -o {p})"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{p}: cannot read the baseline ({exc})") from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{p}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise BaselineError(f"{p}: not a plainlint baseline (no {FORMAT_KEY!r} key)")
    if data[FORMAT_KEY] != FORMAT_VERSION:
        raise BaselineError(
            f"{p}: baseline format {data[FORMAT_KEY]!r} is not one this plainlint reads "
            f"({FORMAT_VERSION}); make it again with plainlint baseline")
    files = data.get("files")
    if not isinstance(files, dict):
        raise BaselineError(f"{p}: 'files' must be an object of file paths")
    baseline = Baseline(_folder_of(p), source=p)
    for key, entries in files.items():
        if not isinstance(entries, list):
            raise BaselineError(f"{p}: files[{key!r}] must be a list")
        for e in entries:
            if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in _ENTRY_KEYS):
                raise BaselineError(
                    f"{p}: files[{key!r}] has an entry without {', '.join(_ENTRY_KEYS)}")
        baseline.files[key] = [_entry(p, key, e) for e in entries]
    return baseline


def _entry(p: Path, key: str, e: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: e[k] for k in _ENTRY_KEYS}
    measure = e.get("measure")
    if measure is not None:
        if not (isinstance(measure, dict) and measure.get("scope") in MEASURE_SCOPES
                and isinstance(measure.get("section"), (str, type(None)))
                and isinstance(measure.get("value"), (int, float))):
            raise BaselineError(f"{p}: files[{key!r}] has a 'measure' without scope, section "
                                "and value")
        out["measure"] = {"scope": measure["scope"], "section": measure["section"],
                          "value": float(measure["value"])}
    return out


def _measure_entries(entries: list[dict[str, Any]]) -> dict[tuple[str, str, str | None, int],
                                                            dict[str, Any]]:
    """A file's baseline entries for measures, by what they measure (as compare.measure_keys
    numbers them)."""
    out = {}
    seen: dict[tuple[str, str, str | None], int] = {}
    for e in entries:
        m = e.get("measure")
        if m is None:
            continue
        k = (e["rule"], m["scope"], m["section"] or None)
        n = seen.get(k, 0)
        seen[k] = n + 1
        out[(*k, n)] = e
    return out


def apply(result: RunResult, baseline: Baseline) -> None:
    """Leave out the findings the baseline knows; note how many, and how many entries are stale.

    An entry is stale when its file was checked in this run and no finding matched it: the
    problem was fixed or reworded, and refreshing the baseline would drop it.
    """
    hidden = stale = noted = 0
    since = "the baseline"
    for file in result.files:
        key = baseline.key(file.path)
        known = baseline.fingerprints(key)
        if not known:
            continue
        measures = _measure_entries(baseline.files.get(key, []))
        what = {id(f): k for f, k in measure_keys(file.findings)}
        kept = []
        matched: set[str] = set()
        notes_before = len(file.notes)
        for f, ident in zip(file.findings, identities(file), strict=True):
            entry = measures.get(what[id(f)]) if id(f) in what else None
            if entry is not None:
                # A measure is matched by what it measures and judged by its value: the
                # words it is anchored on may have changed with the text it measures.
                matched.add(entry["fingerprint"])
                if judge_measure(f, entry["measure"]["value"], since):
                    kept.append(f)
                else:
                    file.notes.append(f)
                    noted += 1
            elif ident.fingerprint in known:
                matched.add(ident.fingerprint)
            else:
                kept.append(f)
        hidden += len(file.findings) - len(kept) - (len(file.notes) - notes_before)
        file.findings = kept
        stale += len(known - matched)
    result.filters["baseline"] = {
        "file": str(baseline.source) if baseline.source else None,
        "entries": baseline.count(),
        "hidden": hidden,
        "stale": stale,
    }
    if noted:
        result.filters["baseline"]["notes"] = noted
