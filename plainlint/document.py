"""Documents as rules see them: blocks of prose, each with an exact map back to the source.

A format adapter (Markdown, HTML, text, ...) reads a source text and produces `Block`s. A block's
``text`` is the prose with markup removed; its `OffsetMap` says, for every character of that
text, which characters of the source it came from. Rules work on block text only; the engine uses
the map to turn a rule's hit into source offsets, lines and columns. Nothing ever finds a
position by searching for text.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: Stands in block text for something that is not prose but sits inside a sentence: inline
#: code, a URL, an e-mail address, an image. Word patterns never match across it.
MASK = "\ufffc"


class BlockKind(str, enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    BLOCK_QUOTE = "block-quote"
    LINK_TEXT = "link-text"
    IMAGE_ALT = "image-alt"
    TITLE = "title"

    def __str__(self) -> str:
        return self.value


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Converts code-point offsets in a text to 1-based lines and columns.

    ``\\r\\n``, ``\\r`` and ``\\n`` each end a line. Columns count code points from 1.
    """

    def __init__(self, text: str) -> None:
        self._length = len(text)
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of the character at ``offset``; both 1-based."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside text of length {self._length}")
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def end_position(self, start: int, end: int) -> tuple[int, int]:
        """(line, exclusive column) just after the span ``[start, end)``.

        The end stays on the line of the span's last character, so a span that ends with a
        line's last character ends at ``len(line) + 1`` on that line, not at column 1 of the next.
        """
        if end <= start:
            return self.position(start)
        line, column = self.position(end - 1)
        return line, column + 1


@dataclass(frozen=True)
class _Run:
    text_start: int
    text_len: int
    src_start: int
    src_len: int
    verbatim: bool  # True: text and source characters correspond one for one


class OffsetMap:
    """Maps positions in a block's text to offsets in the source.

    The block text is a sequence of runs. A *verbatim* run copies source characters one for one.
    A *replacement* run stands for a source span of a different length: a decoded entity
    (``&amp;`` becomes ``&``), an escaped character, or a separator the adapter inserted. A span
    that starts or ends inside a replacement run covers the whole of its source span.
    """

    __slots__ = ("_runs", "_starts")

    def __init__(self, runs: list[_Run]) -> None:
        self._runs = runs
        self._starts = [r.text_start for r in runs]

    def _run_at(self, pos: int) -> _Run:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self._runs[max(i, 0)]

    def source_start(self, pos: int) -> int:
        run = self._run_at(pos)
        if run.verbatim:
            return run.src_start + (pos - run.text_start)
        return run.src_start

    def source_end(self, pos: int) -> int:
        """Source offset just after the block character at ``pos - 1``."""
        run = self._run_at(pos - 1)
        if run.verbatim:
            return run.src_start + (pos - run.text_start)
        return run.src_start + run.src_len

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            s = self.source_start(start) if self._runs else 0
            return s, s
        return self.source_start(start), self.source_end(end)

    def text_span(self, src_start: int, src_end: int) -> tuple[int, int] | None:
        """The block-text span that came from source ``[src_start, src_end)``: the inverse of
        `source_span`, for showing a finding inside its block's text.

        A replacement run counts whole when its source overlaps the span. Returns None when no
        character of the text comes from the span (it lies in markup the block skipped).
        """
        if src_end <= src_start:
            for run in self._runs:
                if run.verbatim and run.src_start <= src_start <= run.src_start + run.src_len:
                    pos = run.text_start + (src_start - run.src_start)
                    return pos, pos
            return None
        lo: int | None = None
        hi = 0
        for run in self._runs:
            run_end = run.src_start + run.src_len
            if run.src_len == 0:  # an inserted separator: inside the span if strictly within
                if not src_start < run.src_start < src_end:
                    continue
                a, b = run.text_start, run.text_start + run.text_len
            elif run_end <= src_start or run.src_start >= src_end:
                continue
            elif run.verbatim:
                a = run.text_start + max(0, src_start - run.src_start)
                b = run.text_start + min(run.src_len, src_end - run.src_start)
            else:
                a, b = run.text_start, run.text_start + run.text_len
            lo = a if lo is None else min(lo, a)
            hi = max(hi, b)
        return None if lo is None else (lo, hi)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` copies one contiguous stretch of source unchanged."""
        if end <= start:
            return True
        run = self._run_at(start)
        return run.verbatim and end <= run.text_start + run.text_len


class BlockBuilder:
    """Builds a block's text and offset map piece by piece, in source order."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[_Run] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, source: str, start: int, end: int) -> None:
        """Append ``source[start:end]`` verbatim."""
        if end <= start:
            return
        self._parts.append(source[start:end])
        n = end - start
        last = self._runs[-1] if self._runs else None
        if (
            last is not None
            and last.verbatim
            and last.src_start + last.src_len == start
            and last.text_start + last.text_len == self._length
        ):
            self._runs[-1] = _Run(
                last.text_start, last.text_len + n, last.src_start, last.src_len + n, True
            )
        else:
            self._runs.append(_Run(self._length, n, start, n, True))
        self._length += n

    def replace(self, text: str, src_start: int, src_end: int) -> None:
        """Append ``text`` standing for the source span ``[src_start, src_end)``.

        Used for decoded entities and escapes: the whole of ``text`` maps to the whole span.
        """
        if not text:
            return
        self._parts.append(text)
        self._runs.append(_Run(self._length, len(text), src_start, src_end - src_start, False))
        self._length += len(text)

    def separator(self, text: str, at: int) -> None:
        """Append inserted text (such as a space between lines) standing at source ``at``."""
        self.replace(text, at, at)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(list(self._runs))


@dataclass
class Block:
    """One piece of prose: a heading, paragraph, list item, table cell, quote, alt text ..."""

    kind: BlockKind
    text: str
    map: OffsetMap
    level: int = 0  # heading level, 1-6; 0 for other blocks
    section: int = 0  # index into Document.sections
    links: list[tuple[int, int]] = field(default_factory=list)  # link-text ranges in `text`
    row: int = 0  # a table cell's row in its table (1-based), so reports can show rows; else 0

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.map.source_span(start, end)

    def kind_at(self, start: int, end: int) -> BlockKind:
        """The kind of text at a span: link text inside a paragraph reports as link text."""
        for ls, le in self.links:
            if ls <= start and end <= le:
                return BlockKind.LINK_TEXT
        return self.kind


@dataclass
class Section:
    """Text under one heading (or before the first heading, with ``heading`` None)."""

    index: int
    heading: int | None  # index of the heading block
    title: str
    level: int


@dataclass
class Directive:
    """An inline instruction to plainlint found in a comment, such as plainlint-disable."""

    action: str  # disable, enable, disable-next-line, disable-line
    rules: tuple[str, ...]  # empty: every rule
    reason: str
    offset: int
    end_offset: int
    line: int  # line of the comment's start
    end_line: int  # line of the comment's end


@dataclass
class Source:
    """A decoded source file and what is needed to write it back unchanged."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False

    _lines: LineIndex | None = field(default=None, repr=False)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines


@dataclass
class Document:
    """A source split into blocks of prose, with its sections and inline directives."""

    source: Source
    format: str
    blocks: list[Block] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    def place(self, offset: int) -> str:
        """Where a source offset is, in words for a message: "line 12"; in a Word, PDF or
        OpenDocument file, where it is in that document ("paragraph 7", "page 2, line 5"),
        since lines of the extracted text mean nothing to its writer."""
        locator = self.meta.get("locator")
        if locator is not None:
            return str(locator.describe(offset))
        return f"line {self.source.lines.position(offset)[0]}"

    def assign_sections(self) -> None:
        """Number sections from the heading blocks, in order."""
        sections = [Section(0, None, "", 0)]
        for i, block in enumerate(self.blocks):
            if block.kind is BlockKind.HEADING:
                sections.append(
                    Section(len(sections), i, " ".join(block.text.split()), block.level or 1)
                )
            block.section = sections[-1].index
        if len(sections) > 1 and not any(b.section == 0 for b in self.blocks):
            sections = sections[1:]
            for s in sections:
                s.index -= 1
            for b in self.blocks:
                b.section -= 1
        self.sections = sections

    def iter_prose(self) -> Iterator[tuple[int, Block]]:
        yield from enumerate(self.blocks)
