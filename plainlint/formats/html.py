"""HTML to prose blocks, with exact positions.

Python's own `html.parser` reports where each piece of markup starts; text between tags is copied
from the source at those positions, and entities are decoded one by one, so every character of a
block maps back to its source. Block elements (p, li, h1-h6, td, blockquote, div ...) end one block
and start another; inline elements continue the current one. ``script``, ``style``, ``template``,
``svg``, ``math``, ``pre`` and ``textarea`` are never prose; ``code``, ``kbd`` and ``samp`` inside
a sentence are masked. Attribute values are not prose, except ``alt`` (image alt text) and
``title``, which become blocks of their own. Comments are read for plainlint directives.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from plainlint.document import MASK, Block, BlockBuilder, BlockKind, Document, Source
from plainlint.formats.common import comment_directive

_SKIP = {"script", "style", "template", "svg", "math", "pre", "textarea", "head_meta"}
_MASKED = {"code", "kbd", "samp", "var"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav",
    "ol", "option", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "title", "tr", "ul", "select", "menu", "center", "noscript",
}
_CONTAINER_KIND = {
    "li": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
    "blockquote": BlockKind.BLOCK_QUOTE,
    "title": BlockKind.TITLE,
}
_ATTR_VALUE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s"'=<>`]+))"""
)
_ENTITY_AT = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_ALT_TAGS = {"img", "area", "input"}
_MAX_DEPTH = 2000
#: A page that marks its main content (``<main>``, ``role="main"``) is checked there only.
_HAS_MAIN = re.compile(r"""<main[\s>/]|\srole\s*=\s*["']?main\b""", re.IGNORECASE)
#: Page furniture that is not the page's prose: navigation, the site's header and footer,
#: search forms, and cookie banners. Their links and labels are the same on every page of a
#: site, and would make each page look easier or more "together" than it is.
_CHROME_TAGS = {"nav"}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search"}
_COOKIE = re.compile(r"cookie", re.IGNORECASE)


class _Extractor(HTMLParser):
    def __init__(self, doc: Document, base: int, end: int, page: bool = False) -> None:
        super().__init__(convert_charrefs=False)
        self.doc = doc
        self.src = doc.source.text
        self.base = base
        self.end = end
        fed = self.src[base:end]
        self.line_starts = [0]
        self.line_starts.extend(m.end() for m in re.finditer("\n", fed))
        # Open elements, with the block kind and heading level each one gives text inside it.
        self.stack: list[tuple[str, BlockKind, int]] = []
        self.open_count: dict[str, int] = {}
        self.rows: list[int] = []  # rows begun so far in each open table, innermost last
        self.skip = 0
        self.builder: BlockBuilder | None = None
        self.kind = BlockKind.PARAGRAPH
        self.level = 0
        self.links: list[tuple[int, int]] = []
        self.link_start: int | None = None
        self.masked = 0
        # Whole pages only (not HTML inside Markdown): where the prose is.
        self.page = page
        self.main_only = page and bool(_HAS_MAIN.search(self.src, base, end))
        self.regions: list[str] = []  # per open element: "main", "chrome" or ""
        self.in_main = 0
        self.in_chrome = 0

    # -- positions --------------------------------------------------------------------------
    def here(self) -> int:
        line, col = self.getpos()
        return self.base + self.line_starts[line - 1] + col

    # -- blocks -----------------------------------------------------------------------------
    def outside(self) -> bool:
        """Is the text here page furniture rather than the page's content?"""
        if not self.page:
            return False
        if self.stack and self.stack[-1][0] == "title":
            return False  # the page's title is read wherever it is
        return self.in_chrome > 0 or (self.main_only and self.in_main == 0)

    def region(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        """Is this element the page's main content ("main"), page furniture ("chrome"), or
        neither ("")?"""
        if not self.page:
            return ""
        values = {name: value or "" for name, value in attrs}
        role = values.get("role", "").strip().lower()
        if tag == "main" or role == "main":
            return "main"
        if tag in _CHROME_TAGS or role in _CHROME_ROLES:
            return "chrome"
        if tag in ("header", "footer") and not self.in_main and not any(
                t in ("article", "section", "aside") for t, *_ in self.stack):
            return "chrome"  # the site's header and footer, not an article's
        label = " ".join(values.get(k, "") for k in ("id", "class", "aria-label"))
        if label and _COOKIE.search(label) and tag in ("div", "section", "aside", "form"):
            return "chrome"
        return ""

    def push(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.stack) >= _MAX_DEPTH:
            return
        kind = self.region(tag, attrs)
        self.regions.append(kind)
        if kind == "main":
            self.in_main += 1
        elif kind == "chrome":
            self.in_chrome += 1
        parent = self.stack[-1][1:] if self.stack else (BlockKind.PARAGRAPH, 0)
        if re.fullmatch(r"h[1-6]", tag):
            context = (BlockKind.HEADING, int(tag[1]))
        elif tag in _CONTAINER_KIND and parent[0] is not BlockKind.HEADING:
            context = (_CONTAINER_KIND[tag], 0)
        else:
            context = parent
        self.stack.append((tag, *context))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1

    def pop_to(self, tag: str) -> None:
        """Close ``tag`` and anything left open inside it (browsers do the same)."""
        if not self.open_count.get(tag):
            return
        while self.stack:
            top = self.stack.pop()[0]
            self.open_count[top] -= 1
            kind = self.regions.pop() if self.regions else ""
            if kind == "main":
                self.in_main -= 1
            elif kind == "chrome":
                self.in_chrome -= 1
            if top == tag:
                break

    def flush(self) -> None:
        if self.builder is not None:
            if self.link_start is not None:
                self.close_link()
            text, mapping = self.builder.build()
            if text.strip().strip(MASK).strip():
                row = self.rows[-1] if self.rows and self.kind is BlockKind.TABLE_CELL else 0
                self.doc.blocks.append(
                    Block(self.kind, text, mapping, level=self.level, links=self.links, row=row)
                )
        self.builder = None
        self.links = []
        self.link_start = None

    def current(self) -> BlockBuilder:
        if self.builder is None:
            self.builder = BlockBuilder()
            self.kind, self.level = self.stack[-1][1:] if self.stack else (BlockKind.PARAGRAPH, 0)
        return self.builder

    def attribute_block(self, kind: BlockKind, start: int, value_start: int, value: str) -> None:
        builder = BlockBuilder()
        _decode_into(builder, self.src, start + value_start, start + value_start + len(value))
        text, mapping = builder.build()
        if text.strip():
            self.doc.blocks.append(Block(kind, text, mapping))

    def close_link(self) -> None:
        if (self.builder is not None and self.link_start is not None
                and len(self.builder) > self.link_start):
            self.links.append((self.link_start, len(self.builder)))
        self.link_start = None

    # -- parser callbacks -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.here()
        if self.skip:
            if tag in _SKIP:
                self.skip += 1
            return
        raw = self.get_starttag_text() or ""
        if tag in _SKIP:
            self.flush()
            if not raw.endswith("/>"):
                self.skip += 1
            return
        if tag in _BLOCK:
            self.flush()
            if tag == "table":
                self.rows.append(0)
            elif tag == "tr" and self.rows:
                self.rows[-1] += 1
            if tag not in _VOID:
                self.push(tag, attrs)
        elif tag == "br":
            b = self.current()
            b.replace("\n", start, start + len(raw))
        elif tag in _MASKED:
            if not self.masked:
                self.current().replace(MASK, start, start)
            self.masked += 1
        elif tag == "a" and self.link_start is None:
            self.link_start = len(self.current())
        elif tag not in _VOID:
            self.push(tag, attrs)
        if self.outside():
            return
        for m in _ATTR_VALUE.finditer(raw):
            name = m.group("name").lower()
            group = next(g for g in ("dq", "sq", "uq") if m.group(g) is not None)
            if name == "alt" and tag in _ALT_TAGS:
                self.attribute_block(BlockKind.IMAGE_ALT, start, m.start(group), m.group(group))
            elif name == "title":
                self.attribute_block(BlockKind.TITLE, start, m.start(group), m.group(group))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in _SKIP:
                self.skip -= 1
                if not self.skip:
                    self.flush()
            return
        if tag in _MASKED:
            self.masked = max(0, self.masked - 1)
            return
        if tag == "a":
            self.close_link()
            return
        if tag in _BLOCK:
            self.flush()
        if tag == "table" and self.rows and self.open_count.get("table"):
            self.rows.pop()
        self.pop_to(tag)

    def handle_data(self, data: str) -> None:
        if self.skip or self.masked or self.outside():
            return
        start = self.here()
        end = start + len(data)
        if self.src[start:end] != data:  # never expected: html.parser gives raw text
            self.doc.warnings.append(
                f"offset {start}: text could not be located exactly; skipped"
            )
            return
        if not data.strip() and self.builder is None:
            return
        self.current().copy(self.src, start, end)

    def _entity(self) -> None:
        if self.skip or self.masked or self.outside():
            return
        start = self.here()
        m = _ENTITY_AT.match(self.src, start)
        if not m:
            return
        self.current().replace(html.unescape(m.group()), start, m.end())

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()

    def unclosed_tail(self, start: int, end: int) -> None:
        """Read ``src[start:end]``, which has no ``>``: text up to the first ``<`` that opens
        markup, then nothing (see `extract_into`)."""
        if self.skip or self.cdata_elem or self.outside():  # in a script, style, nav ...
            return
        m = _MARKUP_START.search(self.src, start, end)
        stop = m.start() if m else end
        if not self.masked and (self.builder is not None or self.src[start:stop].strip()):
            _decode_into(self.current(), self.src, start, stop)
        if m is not None:
            line, _ = self.doc.source.lines.position(m.start())
            self.doc.warnings.append(
                f"line {line}: a tag or comment that is never closed starts here; the text "
                "after it was not checked"
            )

    def handle_comment(self, data: str) -> None:
        start = self.here()
        end = self.src.find("-->", start)
        end = len(self.src) if end == -1 else end + 3
        d = comment_directive(self.doc.source, start, end, data)
        if d is not None:
            self.doc.directives.append(d)


_MARKUP_START = re.compile(r"<[A-Za-z/!?]")


def _decode_into(builder: BlockBuilder, src: str, start: int, end: int) -> None:
    pos = start
    for m in _ENTITY_AT.finditer(src, start, end):
        builder.copy(src, pos, m.start())
        builder.replace(html.unescape(m.group()), m.start(), m.end())
        pos = m.end()
    builder.copy(src, pos, end)


def extract_into(doc: Document, start: int, end: int, page: bool = False) -> None:
    """Add the prose of ``doc.source.text[start:end]``, read as HTML, to ``doc``. A whole
    ``page`` is read for its content: inside ``<main>`` when it has one, and never in its
    navigation, site header and footer, search form or cookie banner.

    Markup after the last ``>`` can never be closed: everything from a ``<`` that starts a tag,
    comment or declaration there to the end is inside it, and is not prose (HTML5 drops a tag
    left open at the end of a file). That tail is read here rather than by `html.parser`,
    which (before Python 3.13.4) scans to the end again from every unclosed ``<``: a file
    ending in thousands of them took time that grew with the square of their number.
    """
    text = doc.source.text
    last = text.rfind(">", start, end)
    cut = last + 1 if last != -1 else start
    if _MARKUP_START.search(text, cut, end) is None:
        cut = end
    parser = _Extractor(doc, start, cut, page)
    parser.feed(text[start:cut])
    parser.close()
    if cut < end:
        parser.unclosed_tail(cut, end)
    parser.flush()


def parse(source: Source) -> Document:
    doc = Document(source=source, format="html")
    extract_into(doc, 0, len(source.text), page=True)
    return doc
