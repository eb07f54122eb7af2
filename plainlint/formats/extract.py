"""Documents that are not text files (Word, PDF, OpenDocument): extracted text with locations.

A binary document has no source text to point into, so its adapter extracts the prose as blocks,
and this module joins them, separated by blank lines, into a synthetic `Source`. Every block's
text is an exact slice of that source (``Source.text[start:end] == block.text``), so the engine,
the rules, suppression and the metrics work unchanged, and a finding's ``text`` is always the
extracted text at its offsets.

What a writer needs is where the words are in *their* document: the paragraph and the headings
above it in Word, the page and line in a PDF. Each block carries a ``location`` (a JSON-ready
dict) and a list of `Piece`\\ s that say where each stretch of its text came from. After checking,
`locate_findings` gives each finding a ``location`` object from these.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from plainlint.document import Block, BlockBuilder, BlockKind, Document, Source
from plainlint.model import Finding

#: Blocks are joined with a blank line, so the extracted text reads as plain text would.
SEPARATOR = "\n\n"


@dataclass
class Piece:
    """A stretch ``[start, end)`` of a block's text and where it came from.

    ``origin`` is the adapter's own: for Word ``(w:r element, offset in the run)``; for PDF
    ``(page, line on the page, column of the first character)``.
    """

    start: int
    end: int
    origin: tuple[Any, ...]


@dataclass
class Extracted:
    """One block of prose taken out of a binary document."""

    kind: BlockKind
    text: str
    location: dict[str, Any]
    level: int = 0
    pieces: list[Piece] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)


class TextBuilder:
    """Builds one block's text and its pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0

    def __len__(self) -> int:
        return self.length

    def add(self, text: str, origin: tuple[Any, ...] | None = None) -> None:
        """Append text; ``origin`` None for text the adapter inserted (a space between lines)."""
        if not text:
            return
        if origin is not None:
            self.pieces.append(Piece(self.length, self.length + len(text), origin))
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def last_char(self) -> str:
        for part in reversed(self.parts):
            if part:
                return part[-1]
        return ""


class Locator:
    """Turns offsets in the extracted text into a location in the original document."""

    def __init__(self, starts: list[int], blocks: list[Extracted], page_lines: bool) -> None:
        self.starts = starts
        self.blocks = blocks
        self.page_lines = page_lines  # PDF: page, line and column from the pieces

    def block_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def locate(self, offset: int, end_offset: int) -> dict[str, Any]:
        i = self.block_at(offset)
        block = self.blocks[i]
        base = self.starts[i]
        start = offset - base
        end = max(end_offset - base, start)
        loc = dict(block.location)
        if self.page_lines:
            first = _piece_position(block.pieces, start)
            last = _piece_position(block.pieces, max(end - 1, start))
            if first is not None and last is not None:
                loc.update(page=first[0], line=first[1], column=first[2],
                           end_page=last[0], end_line=last[1],
                           end_column=last[2] + (1 if end > start else 0))
        else:
            loc["column"] = start + 1
            loc["end_column"] = end + 1
        return loc


    def describe(self, offset: int) -> str:
        """Where an offset is, as a phrase for a message ("paragraph 12", "page 4, line 17")."""
        from plainlint.locations import describe

        return describe(self.locate(offset, offset))


def _piece_position(pieces: list[Piece], pos: int) -> tuple[int, int, int] | None:
    """(page, line, 1-based column) of block character ``pos``, from PDF pieces."""
    if not pieces:
        return None
    i = max(bisect.bisect_right([p.start for p in pieces], pos) - 1, 0)
    piece = pieces[i]
    page, line, column0 = piece.origin[:3]
    if pos >= piece.end:  # a space plainlint put between two lines: just after the first
        return page, line, column0 + (piece.end - piece.start) + 1
    return page, line, column0 + (pos - piece.start) + 1


def build_document(path: str, fmt: str, blocks: list[Extracted],
                   warnings: list[str] | None = None, page_lines: bool = False) -> Document:
    """Join extracted blocks into a synthetic source and a `Document` over it."""
    blocks = [b for b in blocks if b.text.strip()]
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for b in blocks:
        if parts:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        starts.append(pos)
        parts.append(b.text)
        pos += len(b.text)
    source = Source(path=path, text="".join(parts))
    doc = Document(source=source, format=fmt, warnings=list(warnings or []))
    for b, start in zip(blocks, starts, strict=True):
        builder = BlockBuilder()
        builder.copy(source.text, start, start + len(b.text))
        text, mapping = builder.build()
        table = b.location.get("table")
        row = table.get("row", 0) if isinstance(table, dict) else 0
        doc.blocks.append(Block(kind=b.kind, text=text, map=mapping, level=b.level, row=row,
                                links=list(b.links)))
    doc.meta["locator"] = Locator(starts, blocks, page_lines)
    doc.meta["extracted"] = blocks
    return doc


def locator(document: Document) -> Locator | None:
    loc = document.meta.get("locator")
    return loc if isinstance(loc, Locator) else None


def locate_findings(document: Document, findings: list[Finding]) -> None:
    """Give each finding in an extracted document its ``location``."""
    loc = locator(document)
    if loc is None or not loc.blocks:
        return
    for f in findings:
        f.location = loc.locate(f.offset, f.end_offset)
        if f.related:  # a term's other uses (reported once per document): say where they are
            _locate_related(loc, f)


def _locate_related(loc: Any, finding: Finding) -> None:
    """Give each other use of a term its ``location``, and name the places in the message as
    the document does (paragraph 5, footnote 1) rather than by extracted-text lines."""
    from plainlint.engine import repeats_in_lines, repeats_note
    from plainlint.locations import describe

    lines_note = repeats_in_lines(finding)
    places: list[str] = []
    for r in finding.related:
        r["location"] = loc.locate(r["offset"], r["end_offset"])
        if r["location"]:
            place = describe(r["location"])
            if place not in places:
                places.append(place)
    if places and finding.message.endswith(lines_note):
        finding.message = (finding.message[: -len(lines_note)]
                           + repeats_note(len(finding.related), places))


class Paragraphs:
    """What a Word or OpenDocument reader collects: blocks in reading order, with body
    paragraphs numbered as the writer counts them (those with text) and the headings above each,
    so a finding's location reads "¶12 (3. Our plan > Housing)"."""

    def __init__(self) -> None:
        self.blocks: list[Extracted] = []
        self.headings = HeadingPath()
        self.paragraph = 0  # body paragraphs with text, counted in reading order

    def add(self, text: str, kind: BlockKind, level: int, where: dict[str, Any],
            label: str = "", pieces: list[Piece] | None = None,
            links: list[tuple[int, int]] | None = None) -> None:
        """Add one paragraph's text (nothing if it is blank). ``where`` says which part of the
        document it is in (body, header, footnote ...) and its table cell; ``label`` is a
        heading's number ("3."), kept in the heading path."""
        if not text.strip():
            return
        body = where.get("part") == "body"
        if body:
            self.paragraph += 1
        if kind is BlockKind.HEADING and body:
            self.headings.enter(level, f"{label} {text}" if label else text)
        location = dict(where)
        if body:
            location["paragraph"] = self.paragraph
            location["heading_path"] = self.headings.path()
        if "table" in where and kind is not BlockKind.HEADING:
            kind = BlockKind.TABLE_CELL
        self.blocks.append(Extracted(kind=kind, text=text, location=location, level=level,
                                     pieces=list(pieces or []), links=list(links or [])))

    def keep_once(self, start: int, seen: set[tuple[str, str]]) -> None:
        """Headers and footers repeat page after page and section after section: of the blocks
        added since ``start``, keep those whose part has not had the same text before, each
        numbered within its part."""
        kept: list[Extracted] = []
        for b in self.blocks[start:]:
            part = str(b.location.get("part"))
            key = (part, " ".join(b.text.split()))
            if key in seen:
                continue
            seen.add(key)
            b.location["paragraph"] = sum(1 for k in kept if k.location.get("part") == part) + 1
            kept.append(b)
        self.blocks[start:] = kept


class HeadingPath:
    """The headings above the current block, as a writer sees them ("3. Our plan > Housing")."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []

    def enter(self, level: int, title: str) -> None:
        level = max(level, 1)
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        title = " ".join(title.split())
        if title:
            self._stack.append((level, title[:120]))

    def path(self) -> list[str]:
        return [t for _, t in self._stack]
