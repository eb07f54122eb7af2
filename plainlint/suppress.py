"""Inline suppression comments.

In Markdown and HTML::

    <!-- plainlint-disable jargon, plain-words -- quoting the minutes verbatim -->
    ...
    <!-- plainlint-enable -->

    <!-- plainlint-disable-next-line person-first -- the Act's own wording -->

``plainlint-disable`` with no rule names silences every rule until ``plainlint-enable``.
``plainlint-enable`` with names ends only those. ``plainlint-disable-next-line`` applies to the
first line after the comment that has text on it. The reason after ``--`` is optional and is
kept for reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plainlint.document import Directive, Document
from plainlint.model import Finding

_DIRECTIVE = re.compile(
    r"^\s*plainlint-(?P<action>disable-next-line|disable|enable)\b"
    r"(?P<rules>[^\n]*?)"
    r"(?:\s--\s*(?P<reason>.*?))?\s*$",
    re.DOTALL,
)
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def parse_directive(
    body: str, offset: int, end_offset: int, line: int, end_line: int
) -> Directive | None:
    """Read a comment's body; return a `Directive` if it is one of ours."""
    m = _DIRECTIVE.match(body)
    if not m:
        return None
    names = tuple(r for r in re.split(r"[\s,]+", m.group("rules").strip()) if r)
    return Directive(
        action=m.group("action"),
        rules=names,
        reason=(m.group("reason") or "").strip(),
        offset=offset,
        end_offset=end_offset,
        line=line,
        end_line=end_line,
    )


@dataclass
class _Region:
    directive: Directive
    start: int  # source offset where it starts to apply
    end: int  # source offset where it stops (exclusive)
    rules: frozenset[str]  # empty: all rules
    excluded: frozenset[str] = frozenset()  # rules enabled again inside an all-rules region
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if not self.start <= finding.offset < self.end or finding.rule in self.excluded:
            return False
        return not self.rules or finding.rule in self.rules


def _next_text_line(document: Document, after_line: int) -> tuple[int, int] | None:
    """Source span of the first non-blank line after ``after_line``."""
    lines = document.source.lines
    text = document.source.text
    for line in range(after_line + 1, lines.line_count + 1):
        start = lines.line_start(line)
        end = lines.line_start(line + 1) if line < lines.line_count else len(text)
        if text[start:end].strip():
            return start, end
    return None


def build_regions(document: Document) -> tuple[list[_Region], list[str]]:
    """Turn a document's directives into regions of source; also return problems found."""
    regions: list[_Region] = []
    problems: list[str] = []
    open_regions: list[_Region] = []
    end_of_text = len(document.source.text)
    for d in sorted(document.directives, key=lambda d: d.offset):
        for name in d.rules:
            if not _RULE_ID.match(name):
                problems.append(f"line {d.line}: {name!r} is not a rule id in plainlint-{d.action}")
        rules = frozenset(d.rules)
        if d.action == "disable-next-line":
            span = _next_text_line(document, d.end_line)
            if span is not None:
                regions.append(_Region(d, span[0], span[1], rules))
        elif d.action == "disable":
            region = _Region(d, d.end_offset, end_of_text, rules)
            regions.append(region)
            open_regions.append(region)
        else:  # enable
            affected = [r for r in open_regions if not rules or not r.rules or r.rules & rules]
            if not affected:
                problems.append(f"line {d.line}: plainlint-enable without a matching disable")
            for r in affected:
                r.end = d.offset
                open_regions.remove(r)
                if not rules:
                    continue
                # Only some rules are enabled again: the others stay disabled from here.
                if r.rules:
                    rest = _Region(r.directive, d.end_offset, end_of_text, r.rules - rules)
                    if not rest.rules:
                        continue
                else:
                    rest = _Region(
                        r.directive, d.end_offset, end_of_text, frozenset(), r.excluded | rules
                    )
                regions.append(rest)
                open_regions.append(rest)
    return regions, problems


def apply_suppressions(
    document: Document, findings: list[Finding]
) -> tuple[list[Finding], list[Directive], list[str]]:
    """Drop suppressed findings. Returns (kept, unused directives, problems)."""
    regions, problems = build_regions(document)
    if not regions:
        return findings, [], problems
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for r in regions:
            if r.covers(f):
                r.used = True
                hit = True
        if not hit:
            kept.append(f)
    used = {id(r.directive) for r in regions if r.used}
    unused = [
        d
        for d in document.directives
        if d.action != "enable" and id(d) not in used
    ]
    return kept, unused, problems
