"""The values every part of plainlint passes around: severities, suggestions and findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How much a finding matters. Higher is more serious; `--fail-on` compares these."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r}: use error, warning or suggestion"
            ) from None

    def __str__(self) -> str:
        return self.label


class Applicability(str, enum.Enum):
    """Whether a suggestion can be applied by a tool.

    - ``safe``: one replacement that keeps the meaning; `plainlint fix` may apply it.
    - ``unsafe``: a plausible replacement that a person should check first.
    - ``advice``: guidance only (a rewrite pattern, "name the group"); nothing to apply.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    ADVICE = "advice"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Suggestion:
    """A plainer alternative for a finding.

    ``text`` is what a person reads. ``replacement`` is the exact string that would replace
    the finding's source span (already inflected and capitalised to fit), or ``None`` when the
    suggestion is advice.
    """

    text: str
    replacement: str | None = None
    applicability: Applicability = Applicability.ADVICE

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "replacement": self.replacement,
            "applicability": self.applicability.value,
        }


@dataclass(frozen=True)
class Fix:
    """The one edit `plainlint fix` would make for a finding.

    ``source[offset:end_offset] == text`` before the edit; ``replacement`` goes in its place. The
    span is the finding's, widened to take in an "a" or "an" before it when that changes
    ("an utilised" -> "a used"). Offsets, lines and columns follow the same conventions as a
    finding's. ``applicability`` is ``safe`` (applied by `plainlint fix`) or ``unsafe`` (only with
    ``--unsafe-fixes``). See docs/fixing.md.
    """

    offset: int
    end_offset: int
    text: str
    replacement: str
    applicability: Applicability
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    @property
    def description(self) -> str:
        return f"Replace “{self.text}” with “{self.replacement}”"

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability.value,
            "description": self.description,
            "offset": self.offset,
            "end_offset": self.end_offset,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "replacement": self.replacement,
        }


@dataclass(frozen=True)
class Hit:
    """What a rule reports, in the coordinates of one block's prose text.

    The engine turns a hit into a `Finding` by mapping ``start``/``end`` back to the source.
    Rules never compute source positions themselves.
    """

    block_index: int
    start: int
    end: int
    message: str
    suggestions: tuple[Suggestion, ...] = ()
    severity: Severity | None = None  # None: the rule's configured severity
    term: str | None = None  # the glossary headword, when the hit is a term
    data: dict[str, Any] | None = None  # rule-specific extras, carried into JSON


@dataclass
class Finding:
    """A problem at an exact place in a source file.

    Offsets are 0-based code-point offsets into the decoded source text (after any byte-order
    mark). Lines and columns are 1-based; columns count code points; ``end_column`` is
    exclusive, so a one-line finding spans ``end_column - column`` characters.
    ``text`` is always ``source[offset:end_offset]``.
    """

    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int
    text: str
    suggestions: tuple[Suggestion, ...] = ()
    block: str = ""  # kind of block the finding is in (heading, paragraph, ...)
    term: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None  # the edit `plainlint fix` would make, if any
    no_fix: str = ""  # when ``fix`` is None: why there is no edit to make, in plain words
    #: Where the finding is in a Word, PDF or OpenDocument file (paragraph, headings, table
    #: cell; or page and line), whose offsets point into the extracted text. None for text files.
    location: dict[str, Any] | None = None
    #: other uses of the same term in the document, for rules that report a term once (the
    #: first use): each with line, column, end_line, end_column, offset, end_offset and text.
    related: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.offset, self.end_offset, self.rule)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.offset,
            "end_offset": self.end_offset,
            "text": self.text,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "block": self.block,
        }
        if self.term is not None:
            out["term"] = self.term
        if self.data:
            out["data"] = self.data
        out["fix"] = self.fix.to_dict() if self.fix is not None else None
        if self.location is not None:
            out["location"] = self.location
        if self.related:
            out["related"] = self.related
        return out


@dataclass
class FileError:
    """A file that could not be checked, and why, in words a writer understands."""

    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


@dataclass
class FileResult:
    """Everything plainlint found in one file."""

    path: str
    format: str
    findings: list[Finding] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Findings shown but never counted: with ``--diff-base`` or ``--baseline``, a document or
    #: section measure that improved or stayed the same (see compare.judge_measure).
    notes: list[Finding] = field(default_factory=list)
    #: Why there was nothing to check ("empty", "only white space"), for a placeholder page
    #: that was checked with nothing to report; None for every other file.
    empty: str | None = None
    fail_on: Severity | None = Severity.WARNING  # from this file's configuration
    #: What the document calls itself: its front matter's ``title``, or its first heading.
    title: str | None = None
    #: Who the text is for: the preset its settings came from (plainlint.presets).
    preset: str = "residents"
    #: The decoded source text the findings point into (not part of JSON). Reporters that need
    #: more than a finding's own text (byte columns, fingerprint context) read it here.
    text: str | None = field(default=None, repr=False, compare=False)
    #: The same document at the diff base, when checked with ``--diff-base`` (see changes.py).
    base: BaseVersion | None = None
    #: The checked `Document` (the text the offsets refer to, its blocks and sections), kept
    #: only when a reporter shows findings in place (HTML). Never written to JSON.
    document: Any = field(default=None, repr=False, compare=False)

    @property
    def failed(self) -> bool:
        return self.fail_on is not None and any(f.severity >= self.fail_on for f in self.findings)


@dataclass
class BaseVersion:
    """A changed file as it was at the diff base, for comparing document measures.

    ``status`` is ``added`` (no base version), ``modified``, ``renamed`` or ``untracked``.
    ``path`` is the file's repository path at the base (it differs from today's on a rename).
    ``changed_lines`` lists the (first, last) line ranges added or modified since the base.
    """

    ref: str
    commit: str
    status: str
    path: str | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    changed_lines: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self, now: dict[str, Any] | None = None) -> dict[str, Any]:
        """JSON form; ``now`` (today's metrics) adds ``change``: today's value minus the base's."""
        from plainlint.compare import metric_changes

        return {
            "ref": self.ref,
            "commit": self.commit,
            "status": self.status,
            "path": self.path,
            "changed_lines": [list(r) for r in self.changed_lines],
            "metrics": self.metrics,
            "change": metric_changes(now or {}, self.metrics),
        }


@dataclass
class RunResult:
    """The outcome of checking a set of paths."""

    files: list[FileResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Filters applied after checking, and what they hid: ``diff_base`` and ``baseline``
    #: (see changes.py and baseline.py). Reporters say so, so a short report is not misread.
    filters: dict[str, Any] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    @property
    def failed(self) -> bool:
        """True when any file has a finding at or above its fail-on severity."""
        return any(f.failed for f in self.files)

    def worst(self) -> Severity | None:
        severities = [f.severity for f in self.findings]
        return max(severities) if severities else None
