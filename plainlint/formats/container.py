"""Opening Word and OpenDocument files (zip archives of XML) without trusting them.

Council documents arrive by e-mail and download, so plainlint treats every archive as hostile
until checked:

- the file is identified by its first bytes, not its name: a PDF, an encrypted Office file or
  an old binary ``.doc`` with a ``.docx`` name gets a one-line reason, not a parser traceback;
- the archive's directory is read first: too many entries, or more decompressed data than
  ``max-decompressed-mb``, and plainlint stops before expanding anything (a zip bomb);
- reads are capped: Python's zipfile never returns more than an entry's declared size, and
  every read here asks for at most the remaining budget;
- XML with a document type declaration is refused: Word and OpenDocument never use one, and a
  DTD is how entity-expansion ("billion laughs") and external-entity attacks are delivered.
  Nothing here, nor in the parsers plainlint hands XML to, fetches anything from a network.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from plainlint.source import InputError, Limits

_CHUNK = 1 << 20
#: More entries than any real document has (a long report with images has a few hundred).
MAX_ENTRIES = 10_000

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
)
_ENCRYPTED_OLE = "EncryptedPackage".encode("utf-16-le")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


_BROKEN_ZIP = ("is damaged or incomplete (its zip archive is broken: was the download or copy "
               "cut short?)")


def sniff(data: bytes) -> str | None:
    """What kind of file the bytes are: ``pdf``, ``zip``, ``ole``, ``rtf`` or None."""
    head = data[:1024]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"%PDF-" in head:  # a PDF may have junk before its header
        return "pdf"
    return None


def wrong_kind(data: bytes, expected: str, kind_name: str) -> InputError:
    """The error for a file whose bytes are not the format its name says."""
    kind = sniff(data)
    if not data:
        return InputError("file is empty")
    if kind == "pdf":
        return InputError(f"is a PDF file, not {kind_name}; rename it to .pdf to check it")
    if kind == "ole":
        if _ENCRYPTED_OLE in data:
            return InputError(
                "is password-protected (encrypted), so plainlint cannot read it; "
                "save a copy without the password to check it"
            )
        return InputError(
            f"is an old binary Office file (such as a Word 97-2003 .doc), not {kind_name}; "
            f"save it as {expected} to check it"
        )
    if kind == "rtf":
        return InputError(f"is a Rich Text (RTF) file, not {kind_name}; save it as {expected}")
    if kind == "zip":
        return InputError(f"is a zip archive but not {kind_name}")
    stripped = data[:512].lstrip()
    if stripped.startswith(b"<"):
        return InputError(f"is an XML or HTML text file, not {kind_name}")
    return InputError(f"is not {kind_name} (its contents are not in that format)")


@dataclass
class Archive:
    """A checked zip archive: entries can be read within the decompression budget."""

    zip: zipfile.ZipFile
    budget: int  # bytes still allowed to be decompressed
    kind_name: str

    def names(self) -> list[str]:
        return self.zip.namelist()

    def has(self, name: str) -> bool:
        try:
            self.zip.getinfo(name)
        except KeyError:
            return False
        return True

    def read(self, name: str) -> bytes:
        """Read one entry, counting it against the budget; refuse XML with a DTD."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise InputError(f"is damaged: it has no {name} inside") from None
        if info.flag_bits & 0x1:
            raise InputError("is password-protected (encrypted), so plainlint cannot read it")
        try:
            with self.zip.open(info) as fh:
                data = _read_capped(fh, self.budget + 1)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError,
                zlib.error) as exc:  # zlib: a damaged compressed entry
            raise InputError(f"is damaged or incomplete ({_reason(exc)})") from None
        except RuntimeError as exc:  # zipfile: "File is encrypted"
            raise InputError(f"cannot be read ({exc})") from None
        if len(data) > self.budget:
            raise InputError(_too_big_message())
        self.budget -= len(data)
        if name.endswith((".xml", ".rels")) or name == "mimetype":
            refuse_dtd(data, name)
        return data


def _read_capped(fh: Any, limit: int) -> bytes:
    """Read at most ``limit`` bytes, a megabyte at a time.

    zipfile inflates as much as one read asks for before it trims the result to the entry's
    declared size, so one large read of an entry that lies about its size would expand it all.
    """
    parts: list[bytes] = []
    total = 0
    while total < limit:
        chunk = fh.read(min(_CHUNK, limit - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.rstrip(".")


def _too_big_message() -> str:
    return (
        "expands to more than the max-decompressed-mb limit when unpacked "
        "(a zip bomb?); raise max-decompressed-mb if the file is genuine"
    )


def refuse_dtd(data: bytes, name: str) -> None:
    """Refuse XML that declares a document type or entities."""
    head = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:2] in (b"<\x00", b"\x00<"):
        try:
            head = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"is damaged: {name} is not readable XML") from None
    if _DTD.search(head):
        raise InputError(
            f"has a document type declaration in {name}, which real documents never have; "
            "refusing to read it (it may be an XML entity attack)"
        )


def open_archive(data: bytes, limits: Limits, kind_name: str, expected: str) -> Archive:
    """Open ``data`` as a zip archive after checking its kind, entry count and expanded size."""
    if sniff(data) != "zip":
        if data.startswith(b"PK"):
            raise InputError(_BROKEN_ZIP)
        raise wrong_kind(data, expected, kind_name)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(_BROKEN_ZIP) from None
    except (OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(f"is damaged ({_reason(exc)})") from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputError(
            f"holds {len(infos):,} files inside, more than any real document "
            f"(limit {MAX_ENTRIES:,}); refusing to unpack it (a zip bomb?)"
        )
    budget = int(limits.max_decompressed_mb * 1_000_000)
    declared = sum(i.file_size for i in infos)
    if declared > budget:
        raise InputError(
            f"would expand to {declared / 1_000_000:,.0f} MB when unpacked, over the "
            f"max-decompressed-mb limit of {limits.max_decompressed_mb:g} MB "
            "(a zip bomb?); raise max-decompressed-mb if the file is genuine"
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise InputError("is password-protected (encrypted), so plainlint cannot read it")
    return Archive(zf, budget, kind_name)


def verify_entries(archive: Archive) -> None:
    """Expand every entry once, within the budget, before a parser sees the archive.

    This catches entries whose real size is larger than their declared size (zipfile stops at
    the declared size and reports a bad checksum) and XML with a DTD. Only XML is kept in
    memory, one entry at a time.
    """
    budget = archive.budget
    for info in archive.zip.infolist():
        if info.is_dir():
            continue
        if info.filename.endswith((".xml", ".rels")):
            archive.read(info.filename)
            continue
        try:
            with archive.zip.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    archive.budget -= len(chunk)
                    if archive.budget < 0:
                        raise InputError(_too_big_message())
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError,
                zlib.error) as exc:  # zlib: a damaged compressed entry
            raise InputError(f"is damaged or incomplete ({_reason(exc)})") from None
        except RuntimeError as exc:
            raise InputError(f"cannot be read ({exc})") from None
    archive.budget = budget  # a check, not a use: the parser reads them again
