"""Inline suppression comments.

In Markdown and HTML::

    <!-- plainlint-disable jargon, plain-words -- quoting the minutes verbatim -->
    ...
    <!-- plainlint-enable -->

    <!-- plainlint-disable-next-line person-first -- the Act's own wording -->

    We engage stakeholders. <!-- plainlint-disable-line jargon -->

``plainlint-disable`` with no rule names silences every rule until ``plainlint-enable``.
``plainlint-enable`` with names ends only those. ``plainlint-disable-next-line`` applies to the
first line after the comment that has text on it. ``plainlint-disable-line`` applies to the
text on the comment's own line, within the paragraph, heading, list item or cell the comment is
in or comes straight after: in a page exported as one long line of HTML, a comment at the end of
an element (``<p>...<!-- plainlint-disable-line jargon --></p>``) silences that element only.
The reason after ``--`` is optional and is kept for reports. A rule name that is not a rule is a
warning, with the nearest rule id ("did you mean 'jargon'?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from plainlint.document import Directive, Document
from plainlint.model import Finding

_DIRECTIVE = re.compile(
    r"^\s*plainlint-(?P<action>disable-next-line|disable-line|disable|enable)\b"
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


def _own_line(document: Document, d: Directive) -> tuple[int, int]:
    """Source span a ``disable-line`` comment covers: its own line, narrowed to the block
    (paragraph, heading, list item, cell ...) the comment is in or comes straight after on
    that line."""
    lines = document.source.lines
    text = document.source.text
    line = d.line
    start = lines.line_start(line)
    end = lines.line_start(line + 1) if line < lines.line_count else len(text)
    best: tuple[int, int] | None = None
    for block in document.blocks:
        if not block.text:
            continue
        b_start, b_end = block.source_span(0, len(block.text))
        if b_start <= d.offset < b_end:  # the comment is inside this block
            best = (b_start, b_end)
            break
        if b_end <= d.offset and b_end > start and (best is None or b_end > best[1]):
            best = (b_start, b_end)  # the last block that ends before it on its line
    if best is not None:
        start, end = max(start, best[0]), min(end, max(best[1], d.offset))
    return start, end


def build_regions(document: Document, known: Iterable[str] = ()
                  ) -> tuple[list[_Region], list[str]]:
    """Turn a document's directives into regions of source; also return problems found.
    ``known``: every rule id, to warn about names that are not one (typos)."""
    regions: list[_Region] = []
    problems: list[str] = []
    open_regions: list[_Region] = []
    end_of_text = len(document.source.text)
    known = sorted(set(known))
    for d in sorted(document.directives, key=lambda d: d.offset):
        for name in d.rules:
            if not _RULE_ID.match(name):
                problems.append(f"line {d.line}: {name!r} is not a rule id in plainlint-{d.action}")
            elif known and name not in known:
                problems.append(f"line {d.line}: unknown rule {name!r} in plainlint-{d.action}"
                                + _hint(name, known))
        rules = frozenset(d.rules)
        if d.action == "disable-line":
            span = _own_line(document, d)
            regions.append(_Region(d, span[0], span[1], rules))
        elif d.action == "disable-next-line":
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


def _hint(name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f", did you mean {close[0]!r}?" if close else " ('plainlint rules' lists them)"


def apply_suppressions(
    document: Document, findings: list[Finding], known: Iterable[str] = ()
) -> tuple[list[Finding], list[Directive], list[str]]:
    """Drop suppressed findings. Returns (kept, unused directives, problems). ``known``: every
    rule id, so a mistyped one is reported."""
    regions, problems = build_regions(document, known)
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
