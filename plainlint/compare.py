"""Document measures compared with their value at a diff base (``plainlint check --diff-base``).

Metrics are plain JSON-ready dicts (see docs/json-format.md). A change is today's value minus the
base's, for every number both versions have, keyed by its dotted path (``ladder.step``). Lists
(such as per-section figures) are not compared: sections come and go between versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plainlint.model import Finding

_FULL_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def short_ref(ref: str) -> str:
    """A ref as people read it: a full commit hash is shortened, as git shows it."""
    return ref[:10] if _FULL_HASH.fullmatch(ref) else ref


@dataclass(frozen=True)
class Headline:
    """A measure worth showing with its change: in the text summary and pull-request comments."""

    metric: str
    key: str  # dotted path inside the metric
    label: str
    better: str  # "lower" or "higher": which way is an improvement
    digits: int = 1


HEADLINES: tuple[Headline, ...] = (
    Headline("readability", "reading_age", "reading age", "lower"),
    Headline("readability", "flesch_reading_ease", "Flesch reading ease", "higher"),
    Headline("framing", "ladder.step", "co-production ladder step", "higher", 0),
)


def lookup(metrics: dict[str, Any], metric: str, key: str) -> float | None:
    """A number inside a metric by dotted path, or None when it is missing or not a number."""
    value: Any = metrics.get(metric)
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _numbers(value: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, float]]:
    for k, v in value.items():
        path = f"{prefix}{k}"
        if isinstance(v, dict):
            yield from _numbers(v, path + ".")
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            yield path, float(v)


def metric_changes(now: dict[str, Any], base: dict[str, Any]) -> dict[str, dict[str, float]]:
    """``{metric: {dotted key: now - base}}`` for the numbers both versions have."""
    out: dict[str, dict[str, float]] = {}
    for name in sorted(set(now) & set(base)):
        if not isinstance(now[name], dict) or not isinstance(base[name], dict):
            continue
        before = dict(_numbers(base[name]))
        changes = {
            key: round(value - before[key], 4)
            for key, value in _numbers(now[name])
            if key in before
        }
        if changes:
            out[name] = changes
    return out


@dataclass(frozen=True)
class Movement:
    """One headline measure today and at the base."""

    headline: Headline
    now: float
    base: float | None  # None: new document, or not measured at the base
    is_new: bool = False  # the document did not exist at the base

    @property
    def delta(self) -> float | None:
        return None if self.base is None else self.now - self.base

    @property
    def direction(self) -> str:
        """``better``, ``worse``, ``same`` or ``new``."""
        delta = self.delta
        if delta is None:
            return "new" if self.is_new else "unknown"
        if round(delta, self.headline.digits) == 0:
            return "same"
        improved = delta < 0 if self.headline.better == "lower" else delta > 0
        return "better" if improved else "worse"

    def value(self, number: float | None = None) -> str:
        n = self.now if number is None else number
        return f"{n:.{self.headline.digits}f}"

    def change(self) -> str:
        """``+1.5`` / ``-0.3`` / ``no change`` / ``new``."""
        delta = self.delta
        if delta is None:
            return "new" if self.is_new else ""
        if round(delta, self.headline.digits) == 0:
            return "no change"
        return f"{delta:+.{self.headline.digits}f}"

    def describe(self) -> str:
        """``reading age 14.6 (was 13.1: +1.5, worse)``."""
        text = f"{self.headline.label} {self.value()}"
        if self.base is None:
            return text + (" (new document)" if self.is_new else "")
        direction = self.direction
        if direction == "same":
            return text + " (no change)"
        return f"{text} (was {self.value(self.base)}: {self.change()}, {direction})"


def movements(now: dict[str, Any], base: dict[str, Any] | None, is_new: bool = False
              ) -> list[Movement]:
    """The headline measures a document has, each with its base value when there is one.

    ``base`` is the metrics at the base (None when not compared); ``is_new`` says the document
    did not exist there. Measures of a document too short to measure (under about 100 words)
    are not headlines, and a base that was too short is not compared with.
    """
    out = []
    for h in HEADLINES:
        if _too_short(now, h.metric):
            continue  # figures for a few words mean little: not a headline
        value = lookup(now, h.metric, h.key)
        if value is None:
            continue
        before = None
        if base is not None and not _too_short(base, h.metric):
            before = lookup(base, h.metric, h.key)
        out.append(Movement(h, value, before, is_new))
    return out


def _too_short(metrics: dict[str, Any], metric: str) -> bool:
    """Does a metric say its document is too short for its figures to mean much
    (``metrics.readability.too_short``)?"""
    value = metrics.get(metric)
    return isinstance(value, dict) and bool(value.get("too_short"))


# -- document and section measures in changed-lines mode ------------------------------------
#
# With --diff-base or --baseline, a finding about a whole document or section (a reading age
# above its target) is judged against the same measure at the base: it fails the run only when
# it got worse or is new. One that improved or stayed the same moves to the file's notes: it is
# still shown, but never counted (docs/ci.md, "Measures in changed-lines mode").

#: The data keys of measure findings, and which way is better.
MEASURE_VALUES: dict[str, str] = {"reading_age": "lower"}
MEASURE_SCOPES = ("document", "section")

#: What a measure is about: (rule, scope, section title or None, occurrence of that title).
MeasureKey = tuple[str, str, "str | None", int]


def measure_value(f: Finding) -> tuple[str, float] | None:
    """(data key, value) when a finding is about a measure of a whole document or section."""
    if f.data.get("scope") not in MEASURE_SCOPES:
        return None
    for key in MEASURE_VALUES:
        value = f.data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return key, float(value)
    return None


def measure_keys(findings: list[Finding]) -> list[tuple[Finding, MeasureKey]]:
    """Each measure finding with what it measures; two sections with the same title are told
    apart by their order."""
    seen: dict[tuple[str, str, str | None], int] = {}
    out = []
    for f in findings:
        if measure_value(f) is None:
            continue
        section = f.data.get("section") if f.data.get("scope") == "section" else None
        title = section if isinstance(section, str) and section else None
        base_key = (f.rule, str(f.data["scope"]), title)
        n = seen.get(base_key, 0)
        seen[base_key] = n + 1
        out.append((f, (*base_key, n)))
    return out


def judge_measure(f: Finding, base: float | None, since: str) -> bool:
    """Compare a measure finding with its value at the base (None: new there). Records
    ``data["change"]`` and says so in the message; returns True when the finding still fails
    the run (worse or new), False when it should become a note (better or the same)."""
    found = measure_value(f)
    assert found is not None
    key, now = found
    if base is None:
        f.data["change"] = {"since": since, "base": None, "direction": "new"}
        return True
    delta = round(now - base, 1)
    if delta == 0:
        direction = "same"
    elif (delta < 0) == (MEASURE_VALUES[key] == "lower"):
        direction = "better"
    else:
        direction = "worse"
    f.data["change"] = {"since": since, "base": base, "direction": direction}
    if direction == "worse":
        f.message += f" (was {base:g} at {since}: worse)"
        return True
    said = "better" if direction == "better" else "no change"
    f.message += f" (was {base:g} at {since}: {said}, so it does not fail the run)"
    return False


def base_measure(metrics: dict[str, Any], key: MeasureKey) -> float | None:
    """A measure finding's value in a document's metrics (the version at the diff base), or
    None when that document or section was not there or too short to measure."""
    _rule, scope, section, n = key
    value_key = next(iter(MEASURE_VALUES))
    readability = metrics.get("readability")
    if not isinstance(readability, dict) or readability.get("too_short"):
        return None
    if scope == "document":
        value = readability.get(value_key)
    else:
        same = [s for s in readability.get("sections") or []
                if isinstance(s, dict) and (s.get("title") or None) == section]
        value = same[n].get(value_key) if n < len(same) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)
