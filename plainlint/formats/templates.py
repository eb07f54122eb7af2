"""Text that is in the source but is not prose: template syntax, configured skips, invisible
characters.

Content repositories are full of markup no reader sees: Jinja2, Nunjucks and Liquid tags and
expressions (``{{ ... }}``, ``{% ... %}``, ``{# ... #}``, over several lines), Hugo shortcodes
(``{{< ... >}}``, ``{{% ... %}}``), kramdown and Pandoc attribute lists (``{: .class}``,
``{#id}``), and the markers of MkDocs admonitions. Teams add their own with ``ignore-patterns``
(inline spans) and ``ignore-blocks`` (a start and an end pattern) in configuration.

`mask` finds all of these in a Markdown, HTML or text source *before* its adapter reads it and
gives the adapter a copy of the same length in which each such span is made of `MASK`
characters (line breaks kept, so every line and offset stays where it was). A line made of
nothing but such spans (and white space) becomes blank, as it is when the template is rendered.
The adapter then builds its blocks as usual, and `tidy` puts the real source back under the
document and makes each masked span one `MASK` in its block, which counts as no word and no
sentence and which no word pattern matches across. A Word, PDF or OpenDocument file is masked
after extraction instead: its blocks are slices of the extracted text, and `tidy` reads them
again from the masked copy of that text.

`tidy` also takes invisible characters out of every block's text (zero-width space, joiner and
non-joiner, word joiner, soft hyphen, byte-order mark): "GOV\\u200b.UK" is read as "GOV.UK".
The characters stay in the source and the offset map skips them, so positions stay exact.

Finding spans takes time in proportion to the text, however hostile: every opener and closer is
found once with one regular expression each, an unclosed opener costs a binary search, and a
scan for brackets and quotes inside a tag never goes past the next opener after the first
possible closer (see `_Finder`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plainlint.document import MASK, Block, BlockBuilder, Document, Source

if TYPE_CHECKING:
    from collections.abc import Iterable

#: A tag or expression longer than this is not one: an unclosed "{{" in prose must not hide the
#: rest of a page because a "}}" turns up pages later. The longest Nunjucks macro calls in the
#: GOV.UK Design System's guidance (whole tables as data) are under 10,000 characters.
MAX_SPAN = 20_000

#: Characters with no width and no sound: ignored when matching and counting.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u00ad\ufeff\u180e")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]+")

_OPENERS = re.compile(r"\{\{|\{%|\{#|\{:|\{\.(?=[A-Za-z])")
# Attribute lists: kramdown "{: .note}", "{:toc}", "{::comment}"; Pandoc and markdown-it-attrs
# "{#id .class key=value}", "{.class}". One line, no braces inside.
_ATTRIBUTES = re.compile(r"\{(?::|#[A-Za-z]|\.[A-Za-z])[^{}\n]{0,500}\}")
_TAG_NAME = re.compile(r"\{%-?\s*([A-Za-z]+)")
# Inside a tag: runs of characters that matter to nobody, then one character at a time.
_PLAIN = re.compile(r"""[^"'`()\[\]{}%#\\]+""")
# Block tags whose content is not prose either ("comment", "highlight"), or is literal text
# shown as it is ("raw", "verbatim": the tags go, the content stays and is not scanned).
_HIDE_CONTENT = {"comment": "endcomment", "highlight": "endhighlight"}
_LITERAL = {"raw": "endraw", "verbatim": "endverbatim"}
# MkDocs (Python-Markdown) and Docusaurus/VuePress admonitions: the marker is not prose. The
# Markdown adapter reads "!!! note" blocks itself (their title and body stay prose). A ":::"
# fence line (Docusaurus, VuePress, Pandoc fenced divs) is a marker, with a type, attributes or
# a short title; the whole line goes, so a title never runs into the first sentence below it.
_COLON_FENCE = re.compile(r"(?m)^[ \t]{0,3}:::+(?:[ \t]*[A-Za-z0-9_{.#\[-][^\r\n]*)?[ \t]*$")
_KRAMDOWN_EXT = re.compile(r"\{::(comment|nomarkdown)\}")
_FENCE = re.compile(r"(?m)^[ \t]{0,3}(?:```|~~~)")


@dataclass(frozen=True)
class Skips:
    """What to mask besides template syntax: ``ignore-patterns`` and ``ignore-blocks``."""

    patterns: tuple[re.Pattern[str], ...] = ()
    blocks: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.patterns or self.blocks)


class _Finder:
    """Template spans of one text, in order, found in time proportional to its length."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[int]] = {}

    def positions(self, what: str) -> list[int]:
        """Every start of ``what`` (a literal, or a compiled pattern's text), found once."""
        found = self._found.get(what)
        if found is None:
            found = [m.start() for m in re.finditer(re.escape(what), self.text)]
            self._found[what] = found
        return found

    def next_at(self, what: str, i: int) -> int:
        found = self.positions(what)
        k = bisect.bisect_left(found, i)
        return found[k] if k < len(found) else -1

    def _end_tag(self, name: str, i: int) -> tuple[int, int] | None:
        """The ``{% endNAME %}`` at or after ``i``, as (start, end)."""
        key = "end:" + name
        starts = self._found.get(key)
        if starts is None:
            pattern = re.compile(r"\{%-?\s*" + name + r"\s*-?%\}")
            spans = [m.span() for m in pattern.finditer(self.text)]
            starts = self._found[key] = [a for a, _ in spans]
            self._found[key + ":ends"] = [b for _, b in spans]
        k = bisect.bisect_left(starts, i)
        if k < len(starts):
            return starts[k], self._found[key + ":ends"][k]
        return None

    def _scan(self, i: int, closer: str, limit: int) -> int:
        """Index after ``closer`` at bracket depth 0 outside quotes, from ``i``; -1 if none
        before ``limit``."""
        text, depth, quote = self.text, 0, ""
        k = i
        while k < limit:
            if not quote:
                m = _PLAIN.match(text, k, limit)
                if m:
                    k = m.end()
                    continue
            ch = text[k]
            if quote:
                if ch == "\\":
                    k += 2
                    continue
                if ch == quote:
                    quote = ""
            elif ch in "\"'`":
                quote = ch
            elif depth == 0 and text.startswith(closer, k):
                return k + len(closer)
            elif ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth = max(0, depth - 1)
            k += 1
        return -1

    def _next_fence(self, i: int) -> int:
        """Where the next Markdown code fence line after ``i`` starts, or the text's length."""
        fences = self._found.get("fences")
        if fences is None:
            fences = self._found["fences"] = [m.start() for m in _FENCE.finditer(self.text)]
        k = bisect.bisect_right(fences, i)
        return fences[k] if k < len(fences) else len(self.text)

    def _tag_end(self, start: int, opener: str, closer: str) -> int:
        """End of the tag or expression opened at ``start``, or -1 when it is not one."""
        first = self.next_at(closer, start + len(opener))
        # A tag is not too long and never runs across a Markdown code fence: an unfinished
        # example in a code block must not hide the prose after the block.
        fence = self._next_fence(start)
        if first == -1 or first - start > MAX_SPAN or fence < first:
            return -1
        # Brackets and quotes may hide a first "}}" (a macro's object argument): look further,
        # but never past the next opener after the first closer, so that scans never overlap.
        after = [p for p in (self.next_at("{{", first), self.next_at("{%", first)) if p != -1]
        limit = min([fence, start + MAX_SPAN, *after])
        end = self._scan(start + len(opener), closer, limit)
        return end if end != -1 else first + len(closer)

    def spans(self) -> list[tuple[int, int]]:
        text = self.text
        out: list[tuple[int, int]] = []
        i = 0
        while True:
            m = _OPENERS.search(text, i)
            if m is None:
                break
            start, opener = m.start(), m.group()
            end = -1
            attributes = _ATTRIBUTES.match(text, start)
            if opener == "{:" and _KRAMDOWN_EXT.match(text, start):
                name = _KRAMDOWN_EXT.match(text, start).group(1)  # type: ignore[union-attr]
                close = self.next_at("{:/" + name + "}", start)
                if close != -1 and close - start <= MAX_SPAN:
                    end = close + len(name) + 4
            if end == -1 and attributes and not (opener == "{#" and "#}" in attributes.group()):
                end = attributes.end()
            elif end == -1 and opener == "{{":
                end = self._tag_end(start, "{{", "}}")
            elif end == -1 and opener == "{#":
                close = self.next_at("#}", start + 2)
                if close != -1 and close - start <= MAX_SPAN and close < self._next_fence(start):
                    end = close + 2
            elif end == -1 and opener == "{%":
                end = self._tag_end(start, "{%", "%}")
                name_m = _TAG_NAME.match(text, start)
                name = name_m.group(1).lower() if name_m else ""
                if end != -1 and name in _HIDE_CONTENT:
                    closing = self._end_tag(_HIDE_CONTENT[name], end)
                    if closing is not None and closing[1] - start <= 50 * MAX_SPAN:
                        end = closing[1]
                elif end != -1 and name in _LITERAL:
                    closing = self._end_tag(_LITERAL[name], end)
                    if closing is not None:
                        out.append((start, end))
                        out.append(closing)
                        i = closing[1]
                        continue
            if end == -1:
                i = start + 1
                continue
            out.append((start, end))
            i = end
        for m in _COLON_FENCE.finditer(text):
            if m.end() > m.start():
                out.append((m.start(), m.end()))
        return out


def template_spans(text: str) -> list[tuple[int, int]]:
    """Source spans of template syntax, attribute lists and admonition fences."""
    if "{" not in text and ":::" not in text:
        return []
    return _Finder(text).spans()


def skip_spans(text: str, skips: Skips) -> list[tuple[int, int]]:
    """Source spans matched by configured ``ignore-patterns`` and ``ignore-blocks``."""
    out: list[tuple[int, int]] = []
    for pattern in skips.patterns:
        out.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    for start_re, end_re in skips.blocks:
        # Every end is found once; each start takes the first end after it (a binary search),
        # and the next start is looked for after that end.
        ends = [(m.start(), m.end()) for m in end_re.finditer(text) if m.end() > m.start()]
        end_starts = [s for s, _ in ends]
        i = 0
        while True:
            m = start_re.search(text, i)
            if m is None:
                break
            if m.end() == m.start():
                i = m.end() + 1
                continue
            k = bisect.bisect_left(end_starts, m.end())
            if k == len(ends):
                break
            out.append((m.start(), ends[k][1]))
            i = ends[k][1]
    return out


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


_LINE_BREAK_CHARS = re.compile(r"[\r\n]+")
_LINE_STARTS = re.compile(r"\r\n|\r|\n")


def masked_text(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span made of `MASK` characters (line breaks kept); lines left with
    nothing but masks and white space become blank."""
    parts: list[str] = []
    pos = 0
    for s, e in spans:
        parts.append(text[pos:s])
        k = s
        for m in _LINE_BREAK_CHARS.finditer(text, s, e):
            parts.append(MASK * (m.start() - k))
            parts.append(m.group())
            k = m.end()
        parts.append(MASK * (e - k))
        pos = e
    parts.append(text[pos:])
    out = "".join(parts)
    # Blank the lines that hold only masked text, so that a tag on a line of its own ends a
    # paragraph as its rendered (empty) line does.
    starts = [0, *(m.end() for m in _LINE_STARTS.finditer(out))]
    touched: set[int] = set()
    for s, e in spans:
        first = bisect.bisect_right(starts, s) - 1
        last = bisect.bisect_right(starts, max(s, e - 1)) - 1
        touched.update(range(first, last + 1))
    chars: list[str] | None = None
    for n in sorted(touched):
        a = starts[n]
        b = starts[n + 1] if n + 1 < len(starts) else len(out)
        line = out[a:b]
        if line.replace(MASK, "").strip():
            continue
        if chars is None:
            chars = list(out)
        for k in range(a, b):
            if chars[k] == MASK and text[k] != MASK:
                chars[k] = " "
    return "".join(chars) if chars is not None else out


def mask(source: Source, skips: Skips | None = None) -> Source:
    """The source a text adapter should read: template syntax and configured skips masked.
    Returns ``source`` itself when there is nothing to mask."""
    spans = template_spans(source.text)
    if skips:
        spans.extend(skip_spans(source.text, skips))
    if not spans:
        return source
    return Source(path=source.path, text=masked_text(source.text, _merge(spans)),
                  encoding=source.encoding, bom=source.bom)


# -- after the adapter -----------------------------------------------------------------------

_TIDY = re.compile("[" + "".join(sorted(INVISIBLE)) + MASK + "]")


def _rebuild(block: Block, read: str, original: str, drop: re.Pattern[str] | None) -> Block:
    """The block with invisible characters (and ``drop`` matches) left out of its text, and
    each masked span one `MASK`. ``read`` is the text the adapter read, ``original`` the
    source; block text positions move, source positions never do."""
    builder = BlockBuilder()
    text = block.text
    new_at = [0] * (len(text) + 1)  # old text index -> new text index
    dropped: list[tuple[int, int]] = []
    if drop is not None:
        dropped = [m.span() for m in drop.finditer(text)]
    drop_ends = [de for _, de in dropped]
    runs = block.map._runs

    def keep(a: int, b: int, run_src: int, run_text: int) -> None:
        # Copy text[a:b] of a verbatim run, leaving out dropped stretches.
        k = a
        for n in range(bisect.bisect_right(drop_ends, a), len(dropped)):
            ds, de = dropped[n]
            if ds >= b:
                break
            if ds > k:
                _copy(k, ds, run_src, run_text)
            for p in range(max(ds, k), min(de, b)):
                new_at[p] = len(builder)
            k = min(de, b)
        if k < b:
            _copy(k, b, run_src, run_text)

    def _copy(a: int, b: int, run_src: int, run_text: int) -> None:
        for p in range(a, b):
            new_at[p] = len(builder) + (p - a)
        builder.copy(read, run_src + (a - run_text), run_src + (b - run_text))

    for run in runs:
        t0, n = run.text_start, run.text_len
        seg = read[run.src_start : run.src_start + n] if run.verbatim else text[t0 : t0 + n]
        if not run.verbatim:
            new = "".join(ch for ch in seg if ch not in INVISIBLE)
            for p in range(t0, t0 + n):
                new_at[p] = len(builder)
            builder.replace(new, run.src_start, run.src_start + run.src_len)
            continue
        k = t0
        for m in _TIDY.finditer(seg):
            a = t0 + m.start()
            if a < k:
                continue
            src = run.src_start + m.start()
            if m.group() == MASK and original[src] == MASK:
                continue  # a real U+FFFC in the source: leave it
            keep(k, a, run.src_start, t0)
            if m.group() == MASK:
                b = a
                while (b < t0 + n and read[run.src_start + b - t0] == MASK
                       and original[run.src_start + b - t0] != MASK):
                    b += 1
                for p in range(a, b):
                    new_at[p] = len(builder)
                builder.replace(MASK, src, run.src_start + (b - t0))
                k = b
            else:
                new_at[a] = len(builder)
                k = a + 1
        keep(k, t0 + n, run.src_start, t0)
    new_at[len(text)] = len(builder)
    new_text, mapping = builder.build()
    links = [(new_at[s], new_at[e]) for s, e in block.links if new_at[e] > new_at[s]]
    return Block(kind=block.kind, text=new_text, map=mapping, level=block.level,
                 section=block.section, links=links, row=block.row)


def tidy(document: Document, original: Source, drop: re.Pattern[str] | None = None,
         read: str | None = None) -> None:
    """Put ``original`` back under a document read from a masked copy, and tidy its blocks
    (see the module's docstring). ``drop`` matches more text to leave out of blocks (the
    glyphs of form fields in a PDF). ``read`` is the masked text when the adapter read the
    original (Word, PDF and OpenDocument, whose blocks are slices of the extracted text)."""
    if read is None:
        read = document.source.text
    document.source = original
    masked = read is not original.text and read != original.text
    keep: list[Block] = []
    for block in document.blocks:
        here = block.map.source_span(0, len(block.text)) if masked else (0, 0)
        needs = ((masked and read[here[0]:here[1]] != original.text[here[0]:here[1]])
                 or _INVISIBLE_RE.search(block.text)
                 or (drop is not None and drop.search(block.text)))
        if needs:
            block = _rebuild(block, read, original.text, drop)
            if not block.text.replace(MASK, "").strip():
                continue
        keep.append(block)
    document.blocks = keep


def has_invisible(text: str) -> bool:
    return _INVISIBLE_RE.search(text) is not None
