"""Plain text: blank lines separate paragraphs; lines that start with a bullet are list items.

A line that starts with ``-``, ``*``, ``•`` or a number such as ``1.`` or ``(2)`` is a list
item of its own, so a list without full stops never runs together into one long sentence. An
indented line straight after a bullet line continues that item.
"""

from __future__ import annotations

import re

from plainlint.document import Block, BlockBuilder, BlockKind, Document, Source

_BULLET = re.compile(
    r"[ \t]*(?:[-*\u2022\u2023\u25e6\u2043\u2013]|\(?[0-9]{1,3}[.)]|\(?[a-z][.)])[ \t]+"
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _block(source: Source, kind: BlockKind, spans: list[tuple[int, int]]) -> Block:
    builder = BlockBuilder()
    for i, (s, e) in enumerate(spans):
        if i:
            builder.separator("\n", spans[i - 1][1])
        builder.copy(source.text, s, e)
    text, mapping = builder.build()
    return Block(kind=kind, text=text, map=mapping)


def parse(source: Source) -> Document:
    text = source.text
    doc = Document(source=source, format="text")
    kind: BlockKind | None = None
    spans: list[tuple[int, int]] = []

    def close() -> None:
        nonlocal kind
        if kind is not None and spans:
            doc.blocks.append(_block(source, kind, list(spans)))
        kind = None
        spans.clear()

    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in "\r\n":
            e -= 1
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            close()
            continue
        first = s + (len(line) - len(line.lstrip()))
        last = s + len(line.rstrip())
        bullet = _BULLET.match(line)
        if bullet and bullet.end() < len(line):
            close()
            kind = BlockKind.LIST_ITEM
            spans.append((s + bullet.end(), last))
        elif kind is BlockKind.LIST_ITEM and line[:1] in " \t":
            spans.append((first, last))
        else:
            if kind is BlockKind.LIST_ITEM:
                close()
            kind = BlockKind.PARAGRAPH
            spans.append((first, last))
    close()
    return doc
