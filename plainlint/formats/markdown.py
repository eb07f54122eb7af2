"""Markdown (CommonMark with GitHub tables and strikethrough) to prose blocks.

markdown-it-py finds the block structure: which lines are headings, paragraphs, list items,
quotes, table rows, code, HTML or front matter. It does not give character positions for inline
content, so this module locates each block's inline source itself — from the block's lines,
never by searching for text — and scans the inline markup with exact positions:

- emphasis and strikethrough markers, backslash escapes and entities are removed or decoded;
- link text and image alt text are kept (alt text as a block of its own); link destinations,
  titles and reference labels are dropped;
- inline code, autolinks, bare URLs and e-mail addresses are masked with `MASK`;
- raw HTML tags are dropped; HTML comments are read for plainlint directives;
- fenced and indented code, front matter and reference definitions are never prose;
- HTML blocks are handed to the HTML adapter, so their text is checked like any HTML page.
"""

from __future__ import annotations

import bisect
import html
import re
from array import array
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from plainlint.document import MASK, Block, BlockBuilder, BlockKind, Document, Source
from plainlint.formats.common import comment_directive

_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ATTR = r"""(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_HTML_TAG = re.compile(
    r"<[A-Za-z][A-Za-z0-9-]*" + _ATTR + r"*\s*/?>"  # open tag
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>"  # closing tag
)
# Comments, processing instructions, declarations and CDATA: (opening, where the search for the
# closing text starts, closing text). Their ends are looked up in a list of every closing text
# in the block, found once: a regular expression scanning to the end of the block for each of a
# thousand unclosed "<!--" would take time that grows with the square of the block's length.
_HTML_SPECIAL = (
    ("<!--", 4, "-->"),
    ("<?", 2, "?>"),
    ("<![CDATA[", 9, "]]>"),
)
_DECLARATION = re.compile(r"<![A-Za-z]")
#: CommonMark (and markdown-it) give up on a link destination with deeper brackets than this.
MAX_DESTINATION_PARENS = 32
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<]*[^\s<?!.,:*_~'\")\]]")
# The look-behind lets a match start only where a run of address characters starts: without it, a
# long run with no "@" in it ("....", "www.x.www.x") is scanned again from every position in it.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_IMG_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_ATX_CLOSE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
# An admonition's first line: the marker, its type (and classes), and an optional quoted title.
_ADMONITION = re.compile(r"[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[^\s\"]+(?:[ \t]+[^\s\"]+)*[ \t]*"
                         r"(?:\"([^\"\n]*)\")?")
_SPECIAL = re.compile(r"[\\`!\[\]<&*_~]")


#: markdown-it stops parsing containers nested deeper than this; plainlint warns when it happens.
MAX_NESTING = 50
#: Links nested deeper than this inside each other are read as plain brackets.
MAX_LINK_DEPTH = 32


def _md() -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
        .enable("table")
        .enable("strikethrough")
        .use(front_matter_plugin)
        .use(admon_plugin)  # MkDocs "!!! note" blocks: the marker is not prose, the rest is
    )


_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = _md()
    return _PARSER


class _Unmappable(Exception):
    """The block's inline source could not be located exactly; it is skipped with a warning."""


@dataclass
class _Raw:
    """Inline source of one block: its characters and where each came from.

    ``pos[i]`` is the source offset of ``chars[i]``; inserted line separators have
    ``sep[i]`` True and stand at the end of their line.
    """

    chars: list[str] = field(default_factory=list)
    pos: list[int] = field(default_factory=list)
    sep: list[bool] = field(default_factory=list)

    def add_span(self, text: str, start: int, end: int) -> None:
        self.chars.extend(text[start:end])
        self.pos.extend(range(start, end))
        self.sep.extend([False] * (end - start))

    def add_sep(self, at: int) -> None:
        self.chars.append("\n")
        self.pos.append(at)
        self.sep.append(True)

    def string(self) -> str:
        return "".join(self.chars)


class _Inline:
    """Scans one block's inline Markdown into a `BlockBuilder`, with exact positions."""

    def __init__(self, adapter: _Adapter, raw: _Raw, builder: BlockBuilder) -> None:
        self.a = adapter
        self.raw = raw
        self.s = raw.string()
        self.b = builder
        self.links: list[tuple[int, int]] = []
        # Bare URLs and e-mail addresses, found once: start -> end.
        self.masks: dict[int, int] = {}
        for pattern in (_BARE_URL, _EMAIL):
            for m in pattern.finditer(self.s):
                if m.start() == 0 or not self.s[m.start() - 1].isalnum():
                    self.masks.setdefault(m.start(), m.end())
        self.mask_starts = sorted(self.masks)
        self.code_close = _code_spans(self.s)
        self.bracket_close = _brackets(self.s, self.code_close)
        self.depth = 0
        self._found: dict[str, array[int]] = {}

    def _next(self, what: str, i: int, escapable: bool = False) -> int:
        """Where the next ``what`` at or after ``i`` starts, or -1. With ``escapable``, ``what``
        is a set of characters and a backslash-escaped one does not count.

        Every occurrence in the block is found once, on first use, so each look-up is a binary
        search however many constructs are left unclosed.
        """
        key = ("\\" if escapable else "") + what
        found = self._found.get(key)
        if found is None:
            found = array("q")
            if escapable:  # a backslash and the character after it are skipped together
                pattern = re.compile(r"\\[\s\S]|[" + re.escape(what) + "]")
                found.extend(m.start() for m in pattern.finditer(self.s) if m.group()[0] != "\\")
            else:
                found.extend(m.start() for m in re.finditer(re.escape(what), self.s))
            self._found[key] = found
        k = bisect.bisect_left(found, i)
        return found[k] if k < len(found) else -1

    # -- emitting ---------------------------------------------------------------------------
    def copy(self, i: int, j: int) -> None:
        """Copy raw[i:j] to the block, verbatim where the source is contiguous."""
        raw, src = self.raw, self.a.source.text
        k = i
        while k < j:
            if raw.sep[k]:
                self.b.separator("\n", raw.pos[k])
                k += 1
                continue
            m = k + 1
            while m < j and not raw.sep[m] and raw.pos[m] == raw.pos[m - 1] + 1:
                m += 1
            self.b.copy(src, raw.pos[k], raw.pos[m - 1] + 1)
            k = m

    def replace(self, text: str, i: int, j: int) -> None:
        """Emit ``text`` standing for raw[i:j]."""
        start = self.raw.pos[i]
        end = self.raw.pos[j - 1] + (0 if self.raw.sep[j - 1] else 1)
        self.b.replace(text, start, max(start, end))

    def mask(self, i: int, j: int) -> None:
        self.replace(MASK, i, j)

    # -- scanning ---------------------------------------------------------------------------
    def run(self, i: int = 0, j: int | None = None) -> None:
        s = self.s
        end = len(s) if j is None else j
        while i < end:
            c = s[i]
            if i in self.masks:
                stop = min(self.masks[i], end)
                self.mask(i, stop)
                i = stop
            elif c == "\\":
                i = self._backslash(i, end)
            elif c == "`":
                i = self._code(i, end)
            elif c == "!" and i + 1 < end and s[i + 1] == "[":
                i = self._link(i, end, image=True)
            elif c == "[":
                i = self._link(i, end, image=False)
            elif c == "<":
                i = self._angle(i, end)
            elif c == "&":
                m = _ENTITY.match(s, i, end)
                if m:
                    self.replace(html.unescape(m.group()), i, m.end())
                    i = m.end()
                else:
                    self.copy(i, i + 1)
                    i += 1
            elif c in "*_~":
                i = self._delimiters(i, end)
            else:
                i = self._text(i, end)

    def _text(self, i: int, end: int) -> int:
        # Search no further than the next mask: otherwise a block of many e-mail addresses
        # and no markup is searched to its end once per address.
        k = bisect.bisect_right(self.mask_starts, i)
        if k < len(self.mask_starts) and self.mask_starts[k] < end:
            end = self.mask_starts[k]
        m = _SPECIAL.search(self.s, i + 1, end)
        j = m.start() if m else end
        self.copy(i, j)
        return j

    def _backslash(self, i: int, end: int) -> int:
        s = self.s
        if i + 1 < end and s[i + 1] in _ASCII_PUNCT:
            self.replace(s[i + 1], i, i + 2)
            return i + 2
        if i + 1 < end and s[i + 1] == "\n":
            self.copy(i + 1, i + 2)  # hard line break
            return i + 2
        self.copy(i, i + 1)
        return i + 1

    def _code(self, i: int, end: int) -> int:
        k = i
        while k < end and self.s[k] == "`":
            k += 1
        close = self.code_close.get(i)
        if close is None or close > end:
            self.copy(i, k)  # no closing run: the backticks are text
            return k
        self.mask(i, close)
        return close

    def _angle(self, i: int, end: int) -> int:
        s = self.s
        m = _AUTOLINK.match(s, i, end)
        if m:
            self.mask(i, m.end())
            return m.end()
        stop = self._html_special(i, end)
        if stop is None:
            m = _HTML_TAG.match(s, i, end)
            stop = m.end() if m else -1
        if stop == -1:
            self.copy(i, i + 1)
            return i + 1
        tag = s[i:stop]
        if tag.startswith("<!--"):
            start = self.raw.pos[i]
            close = self.raw.pos[stop - 1] + 1
            body = tag[4:-3] if len(tag) >= 7 else ""
            d = comment_directive(self.a.source, start, close, body)
            if d is not None:
                self.a.doc.directives.append(d)
        elif re.match(r"<br\b", tag, re.IGNORECASE):
            self.replace("\n", i, stop)
            return stop
        elif re.match(r"<img\b", tag, re.IGNORECASE):
            self._inline_img_alt(i, tag)
        return stop

    def _html_special(self, i: int, end: int) -> int | None:
        """The end of a comment, processing instruction, CDATA section or declaration starting
        at ``i`` (-1 when it is never closed), or None when none starts there."""
        s = self.s
        if s.startswith("<!-->", i, end):
            return i + 5
        if s.startswith("<!--->", i, end):
            return i + 6
        for opening, skip, closing in _HTML_SPECIAL:
            if s.startswith(opening, i, end):
                close = self._next(closing, i + skip)
                return close + len(closing) if close != -1 and close + len(closing) <= end \
                    else -1
        if _DECLARATION.match(s, i, end):
            close = self._next(">", i + 2)
            return close + 1 if close != -1 and close < end else -1
        return None

    def _inline_img_alt(self, i: int, tag: str) -> None:
        m = _IMG_ALT.search(tag)
        if not m:
            return
        g = next(k for k in (1, 2, 3) if m.group(k) is not None)
        a, b = i + m.start(g), i + m.end(g)
        if a < b:
            self.a.alt_block(self.raw, a, b)

    def _delimiters(self, i: int, end: int) -> int:
        s = self.s
        c = s[i]
        k = i
        while k < end and s[k] == c:
            k += 1
        before = s[i - 1] if i > 0 else " "
        after = s[k] if k < end else " "
        left = not after.isspace() and (
            after.isalnum() or before.isspace() or not before.isalnum()
        )
        right = not before.isspace() and (
            before.isalnum() or after.isspace() or not after.isalnum()
        )
        if c == "_" and before.isalnum() and after.isalnum():
            left = right = False  # snake_case words keep their underscores
        if c == "~" and k - i > 2:
            left = right = False
        if left or right:
            return k  # emphasis markers are markup
        self.copy(i, k)
        return k

    def _matching_bracket(self, i: int, end: int) -> int:
        """Index of the ``]`` closing the ``[`` at i, or -1."""
        close = self.bracket_close.get(i, -1)
        return close if close < end else -1

    def _destination(self, k: int, end: int) -> int:
        """If s[k] starts ``(dest "title")``, return the index after ``)``; else -1."""
        s = self.s
        if k >= end or s[k] != "(":
            return -1
        k += 1
        while k < end and s[k] in " \t\n":
            k += 1
        if k < end and s[k] == "<":
            close = self._next(">\n", k + 1, escapable=True)
            if close == -1 or close >= end or s[close] != ">":
                return -1
            k = close + 1
        else:
            depth = 0
            while k < end:
                c = s[k]
                if c == "\\" and k + 1 < end:
                    k += 2
                    continue
                if c.isspace() or ord(c) < 0x20:
                    break
                if c == "(":
                    depth += 1
                    if depth > MAX_DESTINATION_PARENS:
                        return -1
                elif c == ")":
                    if depth == 0:
                        break
                    depth -= 1
                k += 1
        while k < end and s[k] in " \t\n":
            k += 1
        if k < end and s[k] in "\"'(":
            closer = ")" if s[k] == "(" else s[k]
            k = self._next(closer, k + 1, escapable=True)
            if k == -1 or k >= end:
                return -1
            k += 1
            while k < end and s[k] in " \t\n":
                k += 1
        if k < end and s[k] == ")":
            return k + 1
        return -1

    def _link(self, i: int, end: int, image: bool) -> int:
        s = self.s
        open_at = i + 1 if image else i
        close = self._matching_bracket(open_at, end)
        if close == -1 or self.depth >= MAX_LINK_DEPTH:
            self.copy(i, open_at + 1)
            return open_at + 1
        after = close + 1
        stop = self._destination(after, end)
        if stop == -1 and after < end and s[after] == "[":
            label_end = s.find("]", after + 1, end)
            if label_end != -1:
                label = s[after + 1 : label_end] or s[open_at + 1 : close]
                if self.a.has_reference(label):
                    stop = label_end + 1
        if stop == -1 and self.a.has_reference(s[open_at + 1 : close]):
            stop = after
        if stop == -1:
            self.copy(i, open_at + 1)  # not a link: the bracket is text
            return open_at + 1
        if image:
            if open_at + 1 < close:
                self.a.alt_block(self.raw, open_at + 1, close)
            self.mask(i, stop)
            return stop
        start = len(self.b)
        self.depth += 1
        self.run(open_at + 1, close)
        self.depth -= 1
        if len(self.b) > start:
            self.links.append((start, len(self.b)))
        return stop


def _code_spans(s: str) -> dict[int, int]:
    """Code spans: the start of each backtick run that opens one -> the index after its close.

    A run closes at the next run of exactly the same length (CommonMark), found in one pass.
    """
    runs: list[tuple[int, int]] = []
    i, n = 0, len(s)
    while True:
        i = s.find("`", i)
        if i == -1:
            break
        j = i
        while j < n and s[j] == "`":
            j += 1
        if i == 0 or s[i - 1] != "\\" or (i > 1 and s[i - 2] == "\\"):
            runs.append((i, j - i))
        i = j
    spans: dict[int, int] = {}
    open_by_length: dict[int, int] = {}
    for start, length in runs:
        opener = open_by_length.pop(length, None)
        if opener is not None:
            spans[opener] = start + length
            # Runs between an opener and its closer are inside the span: drop their state.
            open_by_length = {k: v for k, v in open_by_length.items() if v < opener}
        else:
            open_by_length[length] = start
    return spans


def _brackets(s: str, code: dict[int, int]) -> dict[int, int]:
    """Each ``[`` -> its matching ``]``, skipping escapes and code spans, in one pass."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "`" and i in code:
            i = code[i]
            continue
        if c == "[":
            stack.append(i)
        elif c == "]" and stack:
            pairs[stack.pop()] = i
        i += 1
    return pairs


class _Adapter:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.doc = Document(source=source, format="markdown")
        text = source.text
        self.line_starts = [0]
        self.line_starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))
        self.references: set[str] = set()

    # -- lines ------------------------------------------------------------------------------
    def line_span(self, line: int) -> tuple[int, int]:
        """(start, end) of a 0-based line, without its line break."""
        text = self.source.text
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def has_reference(self, label: str) -> bool:
        # CommonMark link labels are at most 999 characters.
        if not self.references or len(label) > 999 or not label.strip():
            return False
        return normalizeReference(label) in self.references

    # -- blocks -----------------------------------------------------------------------------
    def alt_block(self, raw: _Raw, i: int, j: int) -> None:
        sub = _Raw(raw.chars[i:j], raw.pos[i:j], raw.sep[i:j])
        self.emit(BlockKind.IMAGE_ALT, sub)

    def emit(self, kind: BlockKind, raw: _Raw, level: int = 0, row: int = 0) -> None:
        builder = BlockBuilder()
        scanner = _Inline(self, raw, builder)
        scanner.run()
        text, mapping = builder.build()
        if text.strip().strip(MASK).strip():
            self.doc.blocks.append(
                Block(kind=kind, text=text, map=mapping, level=level, links=scanner.links,
                      row=row)
            )

    def _tail_aligned(self, pieces: list[str], first_line: int) -> _Raw:
        """Locate each line of an inline token's content at the end of its source line."""
        raw = _Raw()
        text = self.source.text
        prev_end: int | None = None  # where the previous line ended: lines join with a space
        for n, piece in enumerate(pieces):
            start, end = self.line_span(first_line + n)
            line = text[start:end]
            core = line.rstrip(" \t")
            want = piece.strip(" \t")
            if not core.endswith(want):
                raise _Unmappable(first_line + n + 1)
            if prev_end is not None:
                raw.add_sep(prev_end)
            a = start + len(core) - len(want)
            raw.add_span(text, a, start + len(core))
            prev_end = end
        return raw

    def inline_raw(self, token: Token, heading: Token | None) -> _Raw:
        assert token.map is not None
        first, last = token.map
        content = token.content
        if heading is not None and heading.markup.startswith("#"):
            start, end = self.line_span(first)
            line = self.source.text[start:end]
            core = line[: _ATX_CLOSE.search(line).start()]  # type: ignore[union-attr]
            want = content.strip(" \t")
            if not core.endswith(want):
                raise _Unmappable(first + 1)
            raw = _Raw()
            raw.add_span(self.source.text, start + len(core) - len(want), start + len(core))
            return raw
        pieces = content.split("\n")
        if len(pieces) > last - first:
            raise _Unmappable(first + 1)
        return self._tail_aligned(pieces, first)

    def table_row(self, line: int, cells: list[Token], number: int = 0) -> None:
        """The cells of a table row (``number`` is the row's in its table, from 1)."""
        start, end = self.line_span(line)
        text = self.source.text
        row = text[start:end]
        m = re.match(r"[ \t]*(?:>[ \t]?)*[ \t]*", row)
        p = m.end() if m else 0
        spans: list[tuple[int, int]] = []
        if row[p : p + 1] == "|":
            p += 1
        cell_start = p
        k = p
        while k < len(row):
            c = row[k]
            if c == "\\":
                k += 2
                continue
            if c == "|":
                spans.append((cell_start, k))
                cell_start = k + 1
            k += 1
        if row[cell_start:].strip():
            spans.append((cell_start, len(row)))
        for token, (a, b) in zip(cells, spans, strict=False):  # extra cells are left out
            cell = row[a:b]
            lead = len(cell) - len(cell.lstrip())
            trail = len(cell.rstrip())
            a2, b2 = start + a + lead, start + a + trail
            if text[a2:b2].replace("\\|", "|").strip() != token.content.strip():
                self.doc.warnings.append(
                    f"line {line + 1}: a table cell could not be located exactly; skipped"
                )
                continue
            raw = _Raw()
            raw.add_span(text, a2, b2)
            self.emit(BlockKind.TABLE_CELL, raw, row=number)

    def admonition_title(self, token: Token) -> None:
        """An admonition's quoted title is prose (a paragraph of its own); its marker and type
        are not, and a title the plugin makes up from the type ("Note") is not in the text."""
        if token.map is None:
            return
        start, end = self.line_span(token.map[0])
        m = _ADMONITION.match(self.source.text, start, end)
        if m is None or m.group(1) is None or not m.group(1).strip():
            return
        raw = _Raw()
        raw.add_span(self.source.text, m.start(1), m.end(1))
        self.emit(BlockKind.PARAGRAPH, raw)

    def html_block(self, token: Token) -> None:
        from plainlint.formats.html import extract_into

        assert token.map is not None
        first, last = token.map
        start = self.line_starts[first]
        end = self.line_span(last - 1)[1]
        extract_into(self.doc, start, end)

    def _warn_nesting(self, tokens: list[Token]) -> None:
        """Say which lines were left out when lists or quotes nest past `MAX_NESTING`.
        markdown-it leaves the content of the container at that depth empty, however far it
        reaches (a list item can run to the end of the file), so its lines are named."""
        deep = next((t for t in tokens if t.level >= MAX_NESTING - 1
                     and t.type.endswith("_open") and t.map), None)
        if deep is None:
            if any(t.level >= MAX_NESTING - 1 for t in tokens):
                self.doc.warnings.append(
                    f"lists or quotes nested more than {MAX_NESTING} levels deep were not "
                    "checked")
            return
        assert deep.map is not None
        first, last = deep.map[0] + 1, deep.map[1]
        lines = len(self.line_starts) - (1 if self.source.text.endswith("\n") else 0)
        what = ("the rest of the file was not checked" if last >= lines and first > 1
                else f"line {first} was not checked" if last <= first
                else f"lines {first}-{last} were not checked")
        self.doc.warnings.append(
            f"line {first}: lists or quotes nested more than {MAX_NESTING} levels deep; {what}")

    def run(self) -> Document:
        env: dict = {}
        tokens = _parser().parse(self.source.text, env)
        self.references = set(env.get("references", {}).keys())
        self._warn_nesting(tokens)
        containers: list[BlockKind] = []
        heading: Token | None = None
        row_cells: list[Token] = []
        row_line: int | None = None
        rows = 0  # rows of the current table so far
        in_cell = False
        skip_inline = False  # the inline token of an admonition's title: read from its line
        for t in tokens:
            if t.type == "blockquote_open":
                containers.append(BlockKind.BLOCK_QUOTE)
            elif t.type == "list_item_open":
                containers.append(BlockKind.LIST_ITEM)
            elif t.type in ("blockquote_close", "list_item_close"):
                containers.pop()
            elif t.type == "admonition_title_open":
                self.admonition_title(t)
                skip_inline = True
            elif t.type == "heading_open":
                heading = t
            elif t.type == "heading_close":
                heading = None
            elif t.type == "table_open":
                rows = 0
            elif t.type == "tr_open":
                row_cells = []
                row_line = t.map[0] if t.map else None
                rows += 1
            elif t.type == "tr_close":
                if row_line is not None:
                    self.table_row(row_line, row_cells, rows)
                row_cells = []
            elif t.type in ("th_open", "td_open"):
                in_cell = True
            elif t.type in ("th_close", "td_close"):
                in_cell = False
            elif t.type == "inline":
                if skip_inline:
                    skip_inline = False
                    continue
                if in_cell:
                    row_cells.append(t)
                    continue
                kind = (
                    BlockKind.HEADING
                    if heading is not None
                    else (containers[-1] if containers else BlockKind.PARAGRAPH)
                )
                level = int(heading.tag[1]) if heading is not None else 0
                try:
                    raw = self.inline_raw(t, heading)
                except _Unmappable as exc:
                    self.doc.warnings.append(
                        f"line {exc.args[0]}: this block could not be located exactly; skipped"
                    )
                    continue
                self.emit(kind, raw, level)
            elif t.type == "html_block":
                self.html_block(t)
            elif t.type == "table_close":
                row_line = None
        return self.doc


def parse(source: Source) -> Document:
    return _Adapter(source).run()
