"""Minimal PDF files written byte by byte, for text-layer cases no office suite makes on demand.

A PDF is a list of numbered objects and a cross-reference table of their byte offsets; a page
draws text with a font resource. This writes exactly that, so a test controls the font:

- `unmapped_font_pdf`: the text is drawn with a Type0 (CID) font using the ``Identity-H``
  encoding (two-byte glyph codes), not embedded and with **no ToUnicode map**, so nothing in the
  file says which letters the codes stand for. pdfminer (and any other extractor) can only give
  the codes, as ``(cid:3)(cid:41)...``: this is how such PDFs look in the wild (fonts subset by
  some printers and converters, with their maps dropped).
- `standard_font_pdf`: lines drawn with Helvetica, one of the 14 standard fonts, whose
  encoding every reader knows, so the text comes out as written (used for check-box glyphs:
  the letters "gfedc" are what a Wingdings-like form font's box glyph decodes to).
"""

from __future__ import annotations


def _pdf(content: bytes, font: list[bytes], fonts: bytes = b"/F1 5 0 R") -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << " + fonts + b" >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *font,
    ]
    return write_pdf(objects)


def write_pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1; the first is the catalogue), with its
    cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


_CID_FONT = [
    b"<< /Type /Font /Subtype /Type0 /BaseFont /SubsetSans /Encoding /Identity-H "
    b"/DescendantFonts [%d 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SubsetSans /CIDSystemInfo "
    b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R "
    b"/DW 500 >>",
    b"<< /Type /FontDescriptor /FontName /SubsetSans /Flags 4 /FontBBox [0 0 1000 1000] "
    b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
]


def mixed_pdf(lines: list[str], codes: int) -> bytes:
    """Lines in Helvetica (F1), then one line of ``codes`` glyph codes in the unmapped CID font
    (F2), as a logo or a signature drawn in a subset font would be."""
    content = b"BT /F1 11 Tf 72 740 Td 16 TL\n"
    for line in lines:
        content += b"(" + line.encode("ascii") + b") Tj T*\n"
    glyphs = b"".join(bytes([0, 3 + n % 90]) for n in range(codes))
    content += b"/F2 11 Tf <" + glyphs.hex().encode() + b"> Tj T*\nET"
    font = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            _CID_FONT[0] % 7, _CID_FONT[1] % 8, _CID_FONT[2]]
    return _pdf(content, font, b"/F1 5 0 R /F2 6 0 R")


def unmapped_font_pdf(lines: int = 12, per_line: int = 30) -> bytes:
    """A page of glyph codes in a CID font with no Unicode map."""
    content = b"BT /F1 11 Tf 72 740 Td 14 TL\n"
    code = 3
    for _ in range(lines):
        glyphs = b""
        for _ in range(per_line):
            glyphs += bytes([0, code])
            code = 3 + (code - 2) % 90
        content += b"<" + glyphs.hex().encode() + b"> Tj T*\n"
    content += b"ET"
    return _pdf(content, [_CID_FONT[0] % 6, _CID_FONT[1] % 7, _CID_FONT[2]])


def standard_font_pdf(lines: list[str]) -> bytes:
    """A page of text lines in Helvetica (ASCII only)."""
    content = b"BT /F1 11 Tf 72 740 Td 16 TL\n"
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content += b"(" + escaped.encode("ascii") + b") Tj T*\n"
    content += b"ET"
    font = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            b"/Encoding /WinAnsiEncoding >>"]
    return _pdf(content, font)
