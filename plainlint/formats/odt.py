"""OpenDocument text (.odt): paragraphs, headings, lists, tables, text boxes, notes, headers.

Read with odfpy, after the archive checks in `plainlint.formats.container`. What is read, in
reading order: headings (``text:h``, and the "Title" paragraph style) with their outline
numbers for the heading path; paragraphs; list items (nested lists too); each paragraph of each
table cell (covered cells of a merge are empty and skipped); text boxes and footnotes or
endnotes after the paragraph they sit in; then the page styles' headers and footers, once.

Tracked changes count as if accepted: inserted text sits in the body and is read, deleted text
sits in the change log and is not. Comments (``office:annotation``), fields (page numbers,
dates, cross-references), and generated indexes such as a table of contents are not read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from plainlint.document import BlockKind, Document
from plainlint.formats.container import open_archive, verify_entries
from plainlint.formats.extract import Extracted, Paragraphs, TextBuilder, build_document
from plainlint.source import InputError, Limits

KIND_NAME = "an OpenDocument text file (.odt)"

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"

_SKIP_BLOCKS = {
    (TEXT, "tracked-changes"), (TEXT, "sequence-decls"), (TEXT, "variable-decls"),
    (TEXT, "user-field-decls"), (TEXT, "dde-connection-decls"), (OFFICE, "forms"),
    (TEXT, "table-of-content"), (TEXT, "alphabetical-index"), (TEXT, "illustration-index"),
    (TEXT, "table-index"), (TEXT, "object-index"), (TEXT, "user-index"),
    (TEXT, "bibliography"), (OFFICE, "annotation"), (OFFICE, "annotation-end"),
}
_CONTAINERS = {(TEXT, "section"), (TEXT, "index-body"), (OFFICE, "text")}
#: Inline elements whose text is generated (fields) or not prose, never read.
_SKIP_INLINE = {
    (OFFICE, "annotation"), (OFFICE, "annotation-end"), (TEXT, "note-citation"),
    (TEXT, "number"), (TEXT, "page-number"), (TEXT, "page-count"), (TEXT, "page-continuation"),
    (TEXT, "date"), (TEXT, "time"), (TEXT, "chapter"), (TEXT, "sequence"),
    (TEXT, "sequence-ref"), (TEXT, "reference-ref"), (TEXT, "bookmark-ref"), (TEXT, "note-ref"),
    (TEXT, "file-name"), (TEXT, "template-name"), (TEXT, "sender-firstname"),
    (TEXT, "author-name"), (TEXT, "author-initials"), (TEXT, "word-count"),
    (TEXT, "character-count"), (TEXT, "paragraph-count"), (TEXT, "table-count"),
    (TEXT, "image-count"), (TEXT, "object-count"), (TEXT, "title"), (TEXT, "subject"),
    (TEXT, "description"), (TEXT, "keywords"), (TEXT, "variable-get"), (TEXT, "variable-set"),
    (TEXT, "user-field-get"), (TEXT, "expression"), (TEXT, "text-input"),
    (TEXT, "database-display"), (TEXT, "creation-date"), (TEXT, "modification-date"),
    (TEXT, "change"), (TEXT, "change-start"), (TEXT, "change-end"), (TEXT, "soft-page-break"),
    (TEXT, "bookmark"), (TEXT, "bookmark-start"), (TEXT, "bookmark-end"),
    (TEXT, "reference-mark"), (TEXT, "toc-mark"), (TEXT, "alphabetical-index-mark"),
    (DRAW, "image"), (DRAW, "object"), (DRAW, "object-ole"),
}


def _attr(el: Any, ns: str, name: str) -> str | None:
    value = el.attributes.get((ns, name)) if hasattr(el, "attributes") else None
    return None if value is None else str(value)


def _is_element(node: Any) -> bool:
    return getattr(node, "nodeType", None) == 1


@dataclass
class _OutlineLevel:
    fmt: str = ""
    prefix: str = ""
    suffix: str = ""
    display: int = 1


@dataclass
class _Pending:
    boxes: list[Any] = field(default_factory=list)
    notes: list[tuple[str, Any]] = field(default_factory=list)


def _format(n: int, fmt: str) -> str:
    from plainlint.formats.docx import _format_number

    return _format_number(n, {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
                              "I": "upperRoman"}.get(fmt, "decimal"))


class _Extractor(Paragraphs):
    def __init__(self, doc: Any) -> None:
        super().__init__()
        self.doc = doc
        self.tables = 0
        self.notes = {"footnote": 0, "endnote": 0}
        self.parents: dict[str, str] = {}
        for styles in (doc.styles, doc.automaticstyles):
            for st in styles.childNodes:
                name = _attr(st, STYLE, "name")
                if name:
                    self.parents[name] = _attr(st, STYLE, "parent-style-name") or ""
        self.outline = self._outline_style()
        self.counters = [0] * 10

    def _outline_style(self) -> dict[int, _OutlineLevel]:
        out: dict[int, _OutlineLevel] = {}
        for node in self.doc.styles.childNodes:
            if _is_element(node) and node.qname == (TEXT, "outline-style"):
                for lvl in node.childNodes:
                    if not _is_element(lvl):
                        continue
                    try:
                        level = int(_attr(lvl, TEXT, "level") or 0)
                        display = int(_attr(lvl, TEXT, "display-levels") or 1)
                    except ValueError:
                        continue
                    out[level] = _OutlineLevel(_attr(lvl, STYLE, "num-format") or "",
                                               _attr(lvl, STYLE, "num-prefix") or "",
                                               _attr(lvl, STYLE, "num-suffix") or "", display)
        return out

    def _heading_label(self, level: int) -> str:
        level = min(max(level, 1), 10)
        self.counters[level - 1] += 1
        for deeper in range(level, 10):
            self.counters[deeper] = 0
        style = self.outline.get(level)
        if style is None or not style.fmt:
            return ""
        first = max(level - style.display + 1, 1)
        numbers = [_format(self.counters[k - 1] or 1, style.fmt) for k in range(first, level + 1)]
        return f"{style.prefix}{'.'.join(numbers)}{style.suffix}".strip()

    def _style_is(self, name: str | None, wanted: str) -> bool:
        seen = 0
        while name and seen < 20:
            if name.replace("_20_", " ").lower() == wanted:
                return True
            name = self.parents.get(name)
            seen += 1
        return False

    # blocks --------------------------------------------------------------------------------
    def run(self) -> list[Extracted]:
        self._story(self.doc.text, {"part": "body"}, in_list=False)
        self._headers_footers()
        return self.blocks

    def _story(self, container: Any, where: dict[str, Any], in_list: bool) -> None:
        for node in container.childNodes:
            if not _is_element(node):
                continue
            q = node.qname
            if q in _SKIP_BLOCKS:
                continue
            if q == (TEXT, "h"):
                try:
                    level = int(_attr(node, TEXT, "outline-level") or 1)
                except ValueError:
                    level = 1
                self._paragraph(node, where, BlockKind.HEADING, level)
            elif q == (TEXT, "p"):
                if self._style_is(_attr(node, TEXT, "style-name"), "title"):
                    self._paragraph(node, where, BlockKind.HEADING, 1)
                else:
                    kind = BlockKind.LIST_ITEM if in_list else BlockKind.PARAGRAPH
                    self._paragraph(node, where, kind, 0)
            elif q == (TEXT, "list"):
                self._story(node, where, in_list=True)
            elif q in ((TEXT, "list-item"), (TEXT, "list-header")):
                self._story(node, where, in_list=in_list)
            elif q == (TABLE, "table"):
                self._table(node, where)
            elif q in _CONTAINERS:
                self._story(node, where, in_list)
            elif q[0] == DRAW:
                self._boxes([node], where)

    def _table(self, table: Any, where: dict[str, Any]) -> None:
        self.tables += 1
        number = self.tables
        row = 0
        for tr in _rows(table):
            row += 1
            column = 0
            for cell in tr.childNodes:
                if not _is_element(cell):
                    continue
                try:
                    repeat = int(_attr(cell, TABLE, "number-columns-repeated") or 1)
                except ValueError:
                    repeat = 1
                if cell.qname == (TABLE, "table-cell"):
                    column += 1
                    cell_where = dict(where)
                    cell_where["table"] = {"number": number, "row": row, "column": column}
                    self._story(cell, cell_where, in_list=False)
                    column += min(max(repeat, 1), 1024) - 1
                elif cell.qname == (TABLE, "covered-table-cell"):
                    column += min(max(repeat, 1), 1024)

    def _paragraph(self, el: Any, where: dict[str, Any], kind: BlockKind, level: int) -> None:
        numbered = kind is BlockKind.HEADING and el.qname == (TEXT, "h")
        label = self._heading_label(level) if numbered else ""
        builder = TextBuilder()
        links: list[tuple[int, int]] = []
        pending = _Pending()
        self._inline(el, builder, links, pending)
        self.add(builder.text, kind, level, where, label, links=links)
        self._boxes(pending.boxes, {"part": "text-box", "paragraph": self.paragraph,
                                    "heading_path": self.headings.path()})
        for note_class, body_el in pending.notes:
            self.notes[note_class] += 1
            self._story(body_el, {"part": note_class, "note": self.notes[note_class],
                                  "heading_path": self.headings.path()}, in_list=False)

    def _boxes(self, frames: list[Any], where: dict[str, Any]) -> None:
        """Text boxes: a frame's ``draw:text-box``, or a drawing shape that holds paragraphs of
        its own (``draw:custom-shape``, as LibreOffice saves a Word text box), each read as
        blocks of their own, never as part of the paragraph they are anchored in."""
        for frame in frames:
            if frame.qname != (DRAW, "frame"):
                self._story(frame, where, in_list=False)
                continue
            for child in frame.childNodes:
                if _is_element(child) and child.qname == (DRAW, "text-box"):
                    self._story(child, where, in_list=False)

    def _inline(self, el: Any, builder: TextBuilder, links: list[tuple[int, int]],
                pending: _Pending) -> None:
        for node in el.childNodes:
            if not _is_element(node):
                data = getattr(node, "data", None)
                if data and getattr(node, "nodeType", None) == 3:
                    builder.add(str(data))
                continue
            q = node.qname
            if q in _SKIP_INLINE:
                continue
            if q == (TEXT, "s"):
                try:
                    count = int(_attr(node, TEXT, "c") or 1)
                except ValueError:
                    count = 1
                builder.add(" " * min(max(count, 1), 1000))
            elif q == (TEXT, "tab"):
                builder.add("\t")
            elif q == (TEXT, "line-break"):
                builder.add("\n")
            elif q == (TEXT, "note"):
                note_class = _attr(node, TEXT, "note-class") or "footnote"
                for child in node.childNodes:
                    if _is_element(child) and child.qname == (TEXT, "note-body"):
                        pending.notes.append(
                            ("endnote" if note_class == "endnote" else "footnote", child))
            elif q == (DRAW, "a"):
                self._inline(node, builder, links, pending)
            elif q[0] == DRAW:  # a frame or shape anchored here: its text is a block of its own
                pending.boxes.append(node)
            elif q == (TEXT, "a"):
                start = len(builder)
                self._inline(node, builder, links, pending)
                if len(builder) > start:
                    links.append((start, len(builder)))
            else:  # spans, meta, ruby and other containers of text
                self._inline(node, builder, links, pending)

    def _headers_footers(self) -> None:
        seen: set[tuple[str, str]] = set()
        for page in self.doc.masterstyles.childNodes:
            if not _is_element(page) or page.qname != (STYLE, "master-page"):
                continue
            for part in page.childNodes:
                if not _is_element(part) or part.qname[0] != STYLE:
                    continue
                kind = "header" if part.qname[1].startswith("header") else (
                    "footer" if part.qname[1].startswith("footer") else None)
                if kind is None:
                    continue
                start = len(self.blocks)
                self._story(part, {"part": kind}, in_list=False)
                self.keep_once(start, seen)


def _rows(table: Any) -> list[Any]:
    rows = []
    for node in table.childNodes:
        if not _is_element(node):
            continue
        if node.qname == (TABLE, "table-row"):
            rows.append(node)
        elif node.qname in ((TABLE, "table-header-rows"), (TABLE, "table-rows"),
                            (TABLE, "table-row-group")):
            rows.extend(_rows(node))
    return rows


def parse_bytes(data: bytes, path: str, limits: Limits) -> Document:
    archive = open_archive(data, limits, KIND_NAME, ".odt")
    names = archive.names()
    if "word/document.xml" in names:
        raise InputError("is a Word file, not an OpenDocument file; rename it to .docx")
    if "content.xml" not in names:
        raise InputError(f"is a zip archive but not {KIND_NAME}")
    if archive.has("mimetype"):
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if not mimetype.startswith("application/vnd.oasis.opendocument.text"):
            raise InputError(
                f"is an OpenDocument file of another kind ({mimetype}), not a text document")
    if archive.has("META-INF/manifest.xml"):
        manifest = archive.read("META-INF/manifest.xml")
        if b"encryption-data" in manifest:
            raise InputError(
                "is password-protected (encrypted), so plainlint cannot read it; "
                "save a copy without the password to check it"
            )
    verify_entries(archive)
    from odf.opendocument import load

    try:
        doc = load(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # odfpy raises SAX, zip and key errors on damaged files
        reason = str(exc).strip() or type(exc).__name__
        raise InputError(f"is damaged or not an OpenDocument text ({reason[:200]})") from None
    if getattr(doc, "text", None) is None:
        raise InputError(f"is damaged: it has no document body ({KIND_NAME})")
    try:
        blocks = _Extractor(doc).run()
    except RecursionError:
        raise InputError("is damaged: its content nests too deeply to read") from None
    if not any(b.text.strip() for b in blocks):
        raise InputError("has no text to check")
    return build_document(path, "odt", blocks)
