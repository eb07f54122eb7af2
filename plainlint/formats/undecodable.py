"""Extracted text that is not text: fonts with no Unicode map, symbol fonts, form-field glyphs.

A PDF can draw its words with a font that says nothing about which letters its shapes are.
pdfminer then gives the character codes, as ``(cid:3)(cid:41)...``; a symbol font without a
map gives private-use characters (U+E000 to U+F8FF). Checked as prose, such a file gets a
reading age in the hundreds and pulls every average with it. A document whose text is mostly
made of these is refused, as a scanned PDF is, with one line that says why; in a document where
they are a small part (a logo, a line of symbols), each run of them is masked, so it counts as
no word, and a warning says how much was left out.

PDF forms draw their check boxes and radio buttons with a Wingdings-like font whose glyphs come
out as letters: "gfedc" (a box), "gfedcb" (a ticked box), "nmlkj" and "nmlkji" (radio
buttons). `FORM_GLYPHS` matches them; they are dropped from the text (see
`plainlint.formats.templates.tidy`).
"""

from __future__ import annotations

import re
import unicodedata

from plainlint.document import MASK, Block, BlockBuilder, Document
from plainlint.source import InputError

#: More than this share of a document's visible characters undecodable: refuse it.
REFUSE_SHARE = 0.5

FORM_GLYPHS = re.compile(r"(?<![A-Za-z])(?:gfedcb?|nmlkji?)(?![A-Za-z])")
_CID = re.compile(r"\(cid:\d{1,6}\)")
# One run of undecodable text: character codes and private-use characters, with the spaces
# between them.
_RUN = re.compile(r"(?:\(cid:\d{1,6}\)|[\ue000-\uf8ff\U000f0000-\U0010ffff])"
                  r"(?:\s*(?:\(cid:\d{1,6}\)|[\ue000-\uf8ff\U000f0000-\U0010ffff]))*")
_NOT_LETTERS = re.compile(r"[\w\s]+")


def _symbols(text: str) -> int:
    """Characters that are symbols (categories So, Co) outside the private-use runs."""
    count = 0
    for ch in _NOT_LETTERS.sub("", text):
        if unicodedata.category(ch) in ("So", "Co", "Cn"):
            count += 1
    return count


def reason(text: str) -> str | None:
    """Why ``text`` cannot be read as prose, or None when most of it can. Shares are of the
    characters a reader would see: each ``(cid:N)`` code is one."""
    cid = len(_CID.findall(text))
    rest = _CID.sub("", text)
    visible = cid + sum(1 for ch in rest if not ch.isspace())
    if not visible:
        return None
    private = sum(1 for m in _RUN.finditer(rest) for ch in m.group() if ch >= "\ue000")
    symbols = _symbols(rest)
    if (cid + symbols) / visible <= REFUSE_SHARE:
        return None
    if cid >= symbols:
        return ("its text cannot be decoded: the fonts have no Unicode map (the words come out "
                "as character codes); export it again from the document it was made from, with "
                "fonts embedded, or run it through text recognition (OCR)")
    what = "private-use characters" if private * 2 >= symbols else "symbols"
    return (f"its text cannot be decoded: it is mostly {what}, as drawn by a symbol font "
            "with no Unicode map; export it again from the document it was made from, or run "
            "it through text recognition (OCR)")


def refuse_or_mask(document: Document) -> None:
    """Raise `InputError` when most of an extracted document is undecodable; otherwise mask
    each undecodable run in its blocks and add a warning saying how many there were."""
    text = document.source.text
    why = reason(text)
    if why is not None:
        raise InputError(why)
    runs = 0
    first: int | None = None
    for i, block in enumerate(document.blocks):
        found = list(_RUN.finditer(block.text))
        if not found:
            continue
        runs += len(found)
        if first is None:
            first = block.map.source_start(found[0].start())
        builder = BlockBuilder()
        k = 0
        for m in found:
            _copy_span(builder, text, block, k, m.start())
            s, e = block.map.source_span(m.start(), m.end())
            builder.replace(MASK, s, e)
            k = m.end()
        _copy_span(builder, text, block, k, len(block.text))
        new_text, mapping = builder.build()
        document.blocks[i] = Block(kind=block.kind, text=new_text, map=mapping,
                                   level=block.level, section=block.section, row=block.row)
    if runs and first is not None:
        document.warnings.append(
            f"{runs} stretch{'es' if runs > 1 else ''} of text could not be decoded (fonts "
            f"with no Unicode map) and {'were' if runs > 1 else 'was'} not checked, the first "
            f"at {document.place(first)}")


def _copy_span(builder: BlockBuilder, source: str, block: Block, a: int, b: int) -> None:
    """Copy block text ``[a, b)`` with its map (every extracted block's text is a slice of
    the source)."""
    if b <= a:
        return
    s, e = block.map.source_span(a, b)
    if source[s:e] == block.text[a:b]:
        builder.copy(source, s, e)
    else:
        builder.replace(block.text[a:b], s, e)
