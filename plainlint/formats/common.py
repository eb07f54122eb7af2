"""Pieces shared by the format adapters."""

from __future__ import annotations

from plainlint.document import Directive, Source
from plainlint.suppress import parse_directive


def comment_directive(source: Source, start: int, end: int, body: str) -> Directive | None:
    """A directive from a comment spanning ``source.text[start:end]`` with inner ``body``."""
    line, _ = source.lines.position(start)
    end_line, _ = source.lines.position(max(start, end - 1))
    return parse_directive(body, start, end, line, end_line)
