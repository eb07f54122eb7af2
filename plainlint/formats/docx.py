"""Word (.docx): the prose a reader sees, block by block, with where each word came from.

What is read, in reading order:

- body paragraphs; headings by paragraph style ("Heading 1", "Title") or outline level, with
  their list numbers ("3.") for the heading path; list items (numbered or bulleted paragraphs and
  list styles); every paragraph of every table cell (merged cells once), nested tables too;
- text boxes (the modern shape, never its old-style fallback copy as well), after the paragraph
  they are anchored in;
- footnotes and endnotes, after the paragraph that refers to them;
- headers and footers once each, however many pages or sections repeat them, at the end.

Tracked changes count as if accepted: inserted text is read, deleted text is not. Comments are
never read. Field codes are never read, and neither is the text Word generates from them (a
table of contents, page numbers, dates, cross-references), except a hyperlink's text.

Each character of a block's text remembers its ``w:r`` run and offset, so `plainlint annotate`
can put a Word comment on exactly the flagged words.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plainlint.document import MASK, BlockKind, Document
from plainlint.formats.container import open_archive, verify_entries
from plainlint.formats.extract import Extracted, Paragraphs, TextBuilder, build_document
from plainlint.source import InputError, Limits

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
RT_HEADER, RT_FOOTER = f"{R}/header", f"{R}/footer"
RT_FOOTNOTES, RT_ENDNOTES, RT_NUMBERING = f"{R}/footnotes", f"{R}/endnotes", f"{R}/numbering"

KIND_NAME = "a Word file (.docx)"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _R, _T, _TBL, _TR, _TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
_HYPERLINK, _INS, _DEL = w("hyperlink"), w("ins"), w("del")
_MOVE_TO, _MOVE_FROM = w("moveTo"), w("moveFrom")
_SDT, _SDT_CONTENT, _CUSTOM_XML, _SMART_TAG = w("sdt"), w("sdtContent"), w("customXml"), w(
    "smartTag")
_FLD_SIMPLE, _FLD_CHAR, _INSTR = w("fldSimple"), w("fldChar"), w("instrText")
_TXBX = w("txbxContent")
_ALT, _CHOICE, _FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
_VAL = w("val")

#: What each run child adds to the extracted text; children not listed add nothing. A run's
#: characters are counted this way both here and in `plainlint annotate`, which splits runs.
_CHAR_OF = {
    w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n",
    w("noBreakHyphen"): "-", w("sym"): MASK,
}


def run_children(r: Any) -> Iterator[tuple[Any, str]]:
    """Each child of a ``w:r`` with the text it contributes ('' for none)."""
    for child in r:
        if child.tag == _T:
            yield child, child.text or ""
        else:
            yield child, _CHAR_OF.get(child.tag, "")


# -- styles and numbering -------------------------------------------------------------------

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list(?: (?:bullet|number|paragraph|continue))?(?: \d)?$", re.I)


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # 0-8, from w:outlineLvl
    num: tuple[str, int] | None  # (numId, ilvl)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""


@dataclass
class _Numbering:
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def fmt(self, num_id: str, ilvl: int) -> str | None:
        abstract = self.num_to_abstract.get(num_id)
        if abstract is None:
            return None
        level = self.levels.get(abstract, {}).get(ilvl)
        return level.fmt if level else None

    def next_label(self, num_id: str, ilvl: int) -> str:
        """Advance the list counter for a paragraph and return its label, such as "3.2."."""
        abstract = self.num_to_abstract.get(num_id)
        if abstract is None:
            return ""
        levels = self.levels.get(abstract, {})
        counters = self.counters.setdefault(abstract, [0] * 9)
        ilvl = min(max(ilvl, 0), 8)
        if counters[ilvl] == 0:
            counters[ilvl] = levels.get(ilvl, _Level()).start
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            n = counters[k] or levels.get(k, _Level()).start
            return _format_number(n, levels.get(k, _Level()).fmt)

        return re.sub(r"%([1-9])", sub, level.text).strip()


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, rem = divmod(n - 1, 26)
            s = chr(ord("a") + rem) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _val(el: Any, path: str) -> str | None:
    found = el.find(path)
    return None if found is None else found.get(_VAL)


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num = ppr.find(w("numPr"))
    if num is None:
        return None
    num_id = _val(num, w("numId"))
    ilvl = _val(num, w("ilvl"))
    if num_id is None:
        return None
    try:
        return num_id, int(ilvl or 0)
    except ValueError:
        return num_id, 0


def _outline(ppr: Any) -> int | None:
    if ppr is None:
        return None
    v = _val(ppr, w("outlineLvl"))
    try:
        return int(v) if v is not None else None
    except ValueError:
        return None


def _read_styles(word: WordDocument) -> tuple[dict[str, _Style], str | None]:
    styles: dict[str, _Style] = {}
    default = None
    root = word.styles.element
    for st in root.iter(w("style")):
        if st.get(w("type")) != "paragraph":
            continue
        sid = st.get(w("styleId")) or ""
        name = _val(st, w("name")) or sid
        ppr = st.find(w("pPr"))
        styles[sid] = _Style(name=name, based_on=_val(st, w("basedOn")), outline=_outline(ppr),
                             num=_num_pr(ppr))
        if st.get(w("default")) in ("1", "true", "on"):
            default = sid
    return styles, default


def _read_numbering(word: WordDocument) -> _Numbering:
    numbering = _Numbering()
    part = _related_part(word, RT_NUMBERING)
    if part is None:
        return numbering
    root = part.element if hasattr(part, "element") else _parse(part.blob)
    for ab in root.iter(w("abstractNum")):
        aid = ab.get(w("abstractNumId")) or ""
        levels: dict[int, _Level] = {}
        for lvl in ab.iter(w("lvl")):
            try:
                ilvl = int(lvl.get(w("ilvl")) or 0)
                start = int(_val(lvl, w("start")) or 1)
            except ValueError:
                continue
            levels[ilvl] = _Level(start, _val(lvl, w("numFmt")) or "decimal",
                                  _val(lvl, w("lvlText")) or "")
        numbering.levels[aid] = levels
    for num in root.iter(w("num")):
        nid = num.get(w("numId")) or ""
        aid = _val(num, w("abstractNumId"))
        if aid is not None:
            numbering.num_to_abstract[nid] = aid
    return numbering


def _related_part(word: WordDocument, reltype: str) -> Any:
    for rel in word.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def _parse(blob: bytes) -> Any:
    from docx.oxml.parser import parse_xml

    return parse_xml(blob)


# -- the extractor ---------------------------------------------------------------------------


@dataclass
class _Field:
    instr: str = ""
    in_result: bool = False

    @property
    def readable(self) -> bool:
        return self.in_result and self.instr.strip().upper().startswith("HYPERLINK")


@dataclass
class _Pending:
    """Blocks that follow the current paragraph: its text boxes and notes."""

    boxes: list[Any] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    endnotes: list[str] = field(default_factory=list)


class _Extractor(Paragraphs):
    def __init__(self, word: WordDocument) -> None:
        super().__init__()
        self.word = word
        self.styles, self.default_style = _read_styles(word)
        self.numbering = _read_numbering(word)
        self.tables = 0
        self.fields: list[_Field] = []
        self.notes = {"footnote": self._notes(RT_FOOTNOTES, "footnote"),
                      "endnote": self._notes(RT_ENDNOTES, "endnote")}
        self.note_numbers: dict[str, dict[str, int]] = {"footnote": {}, "endnote": {}}
        self.notes_done: set[tuple[str, str]] = set()

    # styles ------------------------------------------------------------------------------
    def _style_chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        sid = sid or self.default_style
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            st = self.styles[sid]
            yield st
            sid = st.based_on

    def _classify(self, p: Any) -> tuple[BlockKind, int, tuple[str, int] | None]:
        """(kind, heading level, list numbering) of a paragraph."""
        ppr = p.find(w("pPr"))
        sid = _val(ppr, w("pStyle")) if ppr is not None else None
        chain = list(self._style_chain(sid))
        num = _num_pr(ppr)
        if num is None:
            num = next((s.num for s in chain if s.num is not None), None)
        if num is not None and num[0] == "0":
            num = None
        level = 0
        outline = _outline(ppr)
        if outline is None:
            outline = next((s.outline for s in chain if s.outline is not None), None)
        for st in chain:
            m = _HEADING_NAME.match(st.name.strip())
            if m:
                level = int(m.group(1))
                break
            if st.name.strip().lower() in ("title", "subtitle"):
                level = 1
                break
        if outline is not None and 0 <= outline <= 8:
            level = outline + 1
        if level:
            return BlockKind.HEADING, level, num
        if num is not None and self.numbering.fmt(*num) not in (None, "none"):
            return BlockKind.LIST_ITEM, 0, num
        if chain and _LIST_STYLE.match(chain[0].name.strip()):
            return BlockKind.LIST_ITEM, 0, num
        return BlockKind.PARAGRAPH, 0, num

    # notes -------------------------------------------------------------------------------
    def _notes(self, reltype: str, kind: str) -> dict[str, Any]:
        part = _related_part(self.word, reltype)
        if part is None:
            return {}
        root = _parse(part.blob)
        out = {}
        for note in root.iter(w(kind)):
            if note.get(w("type")) in ("separator", "continuationSeparator",
                                       "continuationNotice"):
                continue
            out[note.get(w("id")) or ""] = note
        return out

    # stories -----------------------------------------------------------------------------
    def run(self) -> list[Extracted]:
        body = self.word.element.body
        self._story(body, {"part": "body"})
        for kind in ("footnote", "endnote"):  # notes no paragraph refers to
            for nid in self.notes[kind]:
                self._note(kind, nid, [])
        self._headers_footers()
        return self.blocks

    def _story(self, container: Any, where: dict[str, Any]) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self._paragraph(child, where)
            elif tag == _TBL:
                self._table(child, where)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._story(content, where)
            elif tag == _CUSTOM_XML:
                self._story(child, where)
            elif tag == _ALT:
                choice = child.find(_CHOICE)
                if choice is not None:
                    self._story(choice, where)

    def _table(self, tbl: Any, where: dict[str, Any]) -> None:
        self.tables += 1
        number = self.tables
        for r, tr in enumerate(_rows(tbl), 1):
            column = 0
            for tc in _cells(tr):
                tcpr = tc.find(w("tcPr"))
                span = 1
                merged = False
                if tcpr is not None:
                    try:
                        span = int(_val(tcpr, w("gridSpan")) or 1)
                    except ValueError:
                        span = 1
                    vm = tcpr.find(w("vMerge"))
                    merged = vm is not None and vm.get(_VAL) in (None, "continue")
                column += 1
                if not merged:
                    cell_where = dict(where)
                    cell_where["table"] = {"number": number, "row": r, "column": column}
                    self._story(tc, cell_where)
                column += max(span, 1) - 1

    def _paragraph(self, p: Any, where: dict[str, Any]) -> None:
        kind, level, num = self._classify(p)
        label = self.numbering.next_label(*num) if num is not None else ""
        builder = TextBuilder()
        links: list[tuple[int, int]] = []
        pending = _Pending()
        self._inline(p, builder, links, pending)
        self.add(builder.text, kind, level, where, label, builder.pieces, links)
        anchor = {"paragraph": self.paragraph, "heading_path": self.headings.path()}
        for box in pending.boxes:
            self._story(box, {"part": "text-box", **anchor})
        for nid in pending.footnotes:
            self._note("footnote", nid, self.headings.path())
        for nid in pending.endnotes:
            self._note("endnote", nid, self.headings.path())

    def _note(self, kind: str, nid: str, heading_path: list[str]) -> None:
        if (kind, nid) in self.notes_done or nid not in self.notes[kind]:
            return
        self.notes_done.add((kind, nid))
        numbers = self.note_numbers[kind]
        numbers.setdefault(nid, len(numbers) + 1)
        saved = self.fields
        self.fields = []
        self._story(self.notes[kind][nid], {"part": kind, "note": numbers[nid],
                                            "heading_path": heading_path})
        self.fields = saved

    def _headers_footers(self) -> None:
        seen_parts: set[str] = set()
        seen_text: set[tuple[str, str]] = set()
        body = self.word.element.body
        rels = self.word.part.rels
        for kind, tag, reltype in (("header", "headerReference", RT_HEADER),
                                   ("footer", "footerReference", RT_FOOTER)):
            rids = [ref.get(f"{{{R}}}id") for ref in body.iter(w(tag))]
            for rid in rids:
                rel = rels.get(rid) if rid else None
                if rel is None or rel.reltype != reltype or rel.is_external:
                    continue
                part = rel.target_part
                name = str(part.partname)
                if name in seen_parts:
                    continue
                seen_parts.add(name)
                start = len(self.blocks)
                self.fields = []
                self._story(part.element, {"part": kind})
                self.keep_once(start, seen_text)

    # inline content ----------------------------------------------------------------------
    def _readable(self) -> bool:
        return all(f.readable for f in self.fields)

    def _inline(self, el: Any, builder: TextBuilder, links: list[tuple[int, int]],
                pending: _Pending) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                self._run(child, builder, pending)
            elif tag == _HYPERLINK:
                start = len(builder)
                self._inline(child, builder, links, pending)
                if len(builder) > start:
                    links.append((start, len(builder)))
            elif tag in (_INS, _MOVE_TO, _CUSTOM_XML, _SMART_TAG, w("dir"), w("bdo")):
                self._inline(child, builder, links, pending)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline(content, builder, links, pending)
            elif tag == _FLD_SIMPLE:
                instr = child.get(w("instr")) or ""
                self.fields.append(_Field(instr, in_result=True))
                start = len(builder)
                self._inline(child, builder, links, pending)
                self.fields.pop()
                if instr.strip().upper().startswith("HYPERLINK") and len(builder) > start:
                    links.append((start, len(builder)))
            elif tag == _ALT:
                choice = child.find(_CHOICE)
                if choice is not None:
                    self._inline(choice, builder, links, pending)
            # w:del, w:moveFrom (deleted text), w:pPr, bookmarks, comment marks, proofing
            # marks and maths are not prose a reader sees in the final text.

    def _run(self, r: Any, builder: TextBuilder, pending: _Pending) -> None:
        offset = 0
        for child, text in run_children(r):
            tag = child.tag
            if tag == _FLD_CHAR:
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(_Field())
                elif kind == "separate" and self.fields:
                    self.fields[-1].in_result = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag == _INSTR:
                if self.fields and not self.fields[-1].in_result:
                    self.fields[-1].instr += child.text or ""
            elif tag == w("footnoteReference"):
                pending.footnotes.append(child.get(w("id")) or "")
            elif tag == w("endnoteReference"):
                pending.endnotes.append(child.get(w("id")) or "")
            elif tag in (w("drawing"), w("pict"), w("object"), _ALT):
                pending.boxes.extend(_text_boxes(child, r))
            if text and self._readable():
                builder.add(text, (r, offset))
            offset += len(text)


def _rows(tbl: Any) -> Iterator[Any]:
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _rows(inner)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _cells(inner)


def _text_boxes(el: Any, run: Any) -> list[Any]:
    """Text box contents inside a run's drawing, without old-style fallback copies."""
    out = []
    for box in el.iter(_TXBX):
        parent = box.getparent()
        skip = False
        while parent is not None and parent is not run:
            if parent.tag == _FALLBACK or (parent.tag == _TXBX):
                skip = True
                break
            parent = parent.getparent()
        if not skip:
            out.append(box)
    return out


# -- entry points ----------------------------------------------------------------------------


def open_word(data: bytes, limits: Limits) -> WordDocument:
    """Open a .docx safely (see `plainlint.formats.container`) with python-docx."""
    archive = open_archive(data, limits, KIND_NAME, ".docx")
    names = archive.names()
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        if "mimetype" in names and "content.xml" in names:
            raise InputError("is an OpenDocument file, not a Word file; rename it to .odt")
        raise InputError(f"is a zip archive but not {KIND_NAME}")
    verify_entries(archive)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        message = str(exc).strip("'\"") or type(exc).__name__
        if "content type" in message:
            raise InputError(
                "is not a Word document (it may be a macro-enabled .docm, a template, or "
                "another Office file); save it as .docx"
            ) from None
        raise InputError(f"is damaged or not a Word document ({message})") from None
    except Exception as exc:  # lxml and zipfile errors on damaged input
        raise InputError(f"is damaged ({type(exc).__name__}: {exc})") from None


def extract(word: WordDocument) -> list[Extracted]:
    """The blocks of a Word document, in reading order."""
    try:
        return _Extractor(word).run()
    except RecursionError:
        raise InputError("is damaged: its content nests too deeply to read") from None


def parse_bytes(data: bytes, path: str, limits: Limits) -> Document:
    word = open_word(data, limits)
    blocks = extract(word)
    if not any(b.text.strip() for b in blocks):
        raise InputError("has no text to check")
    return build_document(path, "docx", blocks)
