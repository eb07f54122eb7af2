"""Hostile and broken Word, OpenDocument and PDF files: one clear line each, and the run goes on.

Every file here is real: zip archives and PDFs written byte for byte, a Word file encrypted by
msoffcrypto-tool (Word's own "Encrypt with password" format), a PDF locked by LibreOffice,
and a scanned-style PDF LibreOffice made from a picture.
"""

from __future__ import annotations

import base64
import io
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import write
from tests.documents import LOCKED_PDF, convert
from tests.pdfmaker import write_pdf

JARGON_MD = "We will engage stakeholders going forward.\n"


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _replace_entry(data: bytes, name: str, new: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    entries = {n: src.read(n) for n in src.namelist()}
    entries[name] = new
    return _zip(entries)


def zip_bomb(mb: int) -> bytes:
    """A .docx-shaped archive with an entry that expands to ``mb`` megabytes of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * 1_000_000
            for _ in range(mb):
                fh.write(chunk)
    return buf.getvalue()


def lying_bomb(mb: int) -> bytes:
    """An archive whose directory claims a tiny entry that really expands to ``mb`` MB."""
    data = bytearray(zip_bomb(mb))
    name = b"word/document.xml"
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46:central + 46 + name_len] == name:
            struct.pack_into("<I", data, central + 24, 1000)  # uncompressed size: "1 KB"
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def many_entries(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        for i in range(n):
            zf.writestr(f"word/media/x{i}.bin", b"")
    return buf.getvalue()


XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE office:document-content [\n'
    b' <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b' <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
    b"<text:p>&d;&d;&d;&d;&d;&d;</text:p></office:text></office:body></office:document-content>"
)


DEEP_ODT = (
    b'<?xml version="1.0"?><office:document-content '
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
    b"<text:p>" + b"<text:span>" * 20_000 + b"stakeholders" + b"</text:span>" * 20_000
    + b"</text:p></office:text></office:body></office:document-content>"
)
DEEP_DOCX = (
    b'<?xml version="1.0"?><w:document '
    b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + b"<w:sdt><w:sdtContent>" * 5_000 + b"<w:p><w:r><w:t>stakeholders</w:t></w:r></w:p>"
    + b"</w:sdtContent></w:sdt>" * 5_000 + b"</w:body></w:document>"
)


def flate_bomb_pdf(mb: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``mb`` megabytes."""
    content = zlib.compress(b" " * (mb * 1_000_000), 9)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(content) + content
        + b"\nendstream",
    ]
    return write_pdf(objects)


def png(width: int = 400, height: int = 200) -> bytes:
    """A grey picture with a dark band: a 'scanned page' with no text layer."""
    rows = b"".join(b"\0" + (b"\x40" if 80 < y < 120 else b"\xd0") * width for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def image_only_fodt() -> str:
    data = base64.b64encode(png()).decode()
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
        'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
        "<office:body><office:text><text:p>"
        '<draw:frame draw:name="Scan" text:anchor-type="as-char" svg:width="15cm" '
        'svg:height="7.5cm"><draw:image><office:binary-data>' + data
        + "</office:binary-data></draw:image></draw:frame></text:p></office:text></office:body>"
        "</office:document>"
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, word_report: Path,
            report_files: dict[str, Path], lo_profile: Path) -> dict[str, Path]:
    """name -> path of each hostile file, and the reason the error line must give."""
    import msoffcrypto.format.ooxml

    d = tmp_path_factory.mktemp("hostile")
    docx_bytes = word_report.read_bytes()
    odt_bytes = report_files["odt"].read_bytes()
    pdf_bytes = report_files["pdf"].read_bytes()
    files: dict[str, bytes] = {
        "bomb.docx": zip_bomb(150),
        "lying-bomb.docx": lying_bomb(60),
        "entries.docx": many_entries(20_000),
        "xxe.docx": _replace_entry(docx_bytes, "word/document.xml", XXE),
        "laughs.odt": _replace_entry(odt_bytes, "content.xml", LAUGHS),
        "cut.docx": docx_bytes[: len(docx_bytes) // 2],
        "cut.odt": odt_bytes[: len(odt_bytes) // 2],
        "cut.pdf": pdf_bytes[: len(pdf_bytes) // 3],
        "really-a-pdf.docx": pdf_bytes,
        "flate-bomb.pdf": flate_bomb_pdf(150),
        "deep.odt": _replace_entry(odt_bytes, "content.xml", DEEP_ODT),
        "deep.docx": _replace_entry(docx_bytes, "word/document.xml", DEEP_DOCX),
        "locked.odt": _replace_entry(
            _replace_entry(odt_bytes, "content.xml", os.urandom(4000)),
            "META-INF/manifest.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            b'"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            b'manifest:full-path="content.xml" manifest:media-type="text/xml">'
            b'<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
            b"</manifest:encryption-data></manifest:file-entry></manifest:manifest>"),
    }
    locked = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(docx_bytes)).encrypt("council", locked)
    files["locked.docx"] = locked.getvalue()
    paths = {name: write(d / name, data) for name, data in files.items()}
    fodt = write(d / "locked.fodt", (Path(__file__).parent / "fixtures" /
                                    "cabinet-report.fodt").read_bytes())
    paths["locked.pdf"] = convert(fodt, LOCKED_PDF, d / "locked", lo_profile)
    scan = write(d / "scan.fodt", image_only_fodt())
    paths["scan.pdf"] = convert(scan, "pdf", d / "scan", lo_profile)
    return paths


EXPECTED = {
    "bomb.docx": "would expand to 150 MB when unpacked, over the max-decompressed-mb limit",
    "lying-bomb.docx": "is damaged or incomplete (Bad CRC-32",
    "entries.docx": "holds 20,001 files inside, more than any real document",
    "xxe.docx": "has a document type declaration in word/document.xml",
    "laughs.odt": "has a document type declaration in content.xml",
    "cut.docx": "is damaged or incomplete (its zip archive is broken",
    "cut.odt": "is damaged or incomplete (its zip archive is broken",
    "cut.pdf": "is damaged or incomplete",
    "really-a-pdf.docx": "is a PDF file, not a Word file (.docx); rename it to .pdf",
    "flate-bomb.pdf": "expands to more than the max-decompressed-mb limit",
    "locked.docx": "is password-protected (encrypted)",
    "locked.odt": "is password-protected (encrypted)",
    "locked.pdf": "is password-protected",
    "scan.pdf": "has no text to check: it looks like a scanned or image-only PDF",
    "deep.odt": "is damaged: its content nests too deeply to read",
    "deep.docx": "is damaged (XMLSyntaxError: Excessive depth in document",
}


def test_each_hostile_file_gives_one_line_and_the_run_goes_on(hostile: dict[str, Path], cli,
                                                              tmp_path: Path) -> None:
    for name, path in hostile.items():
        (tmp_path / name).write_bytes(path.read_bytes())
    write(tmp_path / "good.md", JARGON_MD)
    r = cli("check", *sorted(hostile), "good.md")
    assert r.exit_code == 2
    errors = r.stderr.strip().splitlines()
    assert len(errors) == len(hostile), r.stderr
    for name, reason in EXPECTED.items():
        line = next(e for e in errors if e.startswith(f"plainlint: error: {name}: "))
        assert reason in line, line
        assert "Traceback" not in line and "internal error" not in line
    assert "good.md:1:16: warning [jargon]" in r.stdout  # the other file was still checked
    assert r.stdout.strip().endswith(f"{len(hostile)} files could not be checked.")


def test_nothing_is_fetched_or_expanded_from_a_dtd(hostile: dict[str, Path]) -> None:
    from plainlint.api import check_paths

    result = check_paths([str(hostile["xxe.docx"]), str(hostile["laughs.odt"])])
    assert len(result.errors) == 2 and not result.files
    assert all("root:" not in e.message for e in result.errors)


def test_limits_are_configurable(hostile: dict[str, Path], cli, tmp_path: Path,
                                 word_report: Path) -> None:
    (tmp_path / "bomb.docx").write_bytes(hostile["bomb.docx"].read_bytes())
    (tmp_path / "report.docx").write_bytes(word_report.read_bytes())
    write(tmp_path / "plainlint.toml", "max-decompressed-mb = 0.01\n")
    r = cli("check", "report.docx")
    assert r.exit_code == 2
    assert "over the max-decompressed-mb limit of 0.01 MB" in r.stderr
    write(tmp_path / "plainlint.toml", "max-decompressed-mb = 400\n")
    r = cli("check", "bomb.docx")  # allowed to expand now: it is checked, and has no text
    assert r.exit_code == 2 and "bomb.docx" in r.stderr and "max-decompressed-mb" not in r.stderr
    write(tmp_path / "plainlint.toml", "max-document-size-mb = 0.001\n")
    r = cli("check", "report.docx")
    assert "over the 0.001 MB limit; raise max-document-size-mb" in r.stderr
    write(tmp_path / "plainlint.toml", 'max-decompressed-mb = "lots"\n')
    r = cli("check", "report.docx")
    assert r.exit_code == 2 and "max-decompressed-mb: expected a number" in r.stderr


def test_hostile_files_in_bounded_memory(hostile: dict[str, Path]) -> None:
    """Each hostile file in a fresh process: peak memory stays far below what the bombs hold.

    A zip bomb is refused from the archive's directory, before anything is expanded; a PDF's
    streams are expanded only up to max-decompressed-mb (100 MB by default).
    """
    code = (
        "import sys\n"
        "from plainlint.api import check_paths\n"
        "r = check_paths(sys.argv[1:])\n"
        "assert len(r.errors) == len(sys.argv) - 1, r.errors\n"
        "status = open('/proc/self/status').read()\n"
        "print(next(l.split()[1] for l in status.splitlines() if l.startswith('VmHWM')))\n"
    )
    caps = {"bomb.docx": 100, "lying-bomb.docx": 100, "entries.docx": 100, "laughs.odt": 100,
            "flate-bomb.pdf": 200}
    for name, cap in caps.items():
        done = subprocess.run([sys.executable, "-c", code, str(hostile[name])],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        peak_mb = int(done.stdout.strip()) / 1024
        assert peak_mb < cap, f"{name}: {peak_mb:.0f} MB"
