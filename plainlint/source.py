"""Reading files into text, with one clear reason when that is not possible.

Encoding policy (docs/reliability.md, "Encodings"): UTF-8, with or without a byte-order mark,
and UTF-16 or UTF-32 *with* a byte-order mark. An HTML file that is not valid UTF-8 is read in
the encoding its ``<meta charset>`` (or XML declaration) names, when that is Windows-1252 /
ISO-8859-1 or ISO-8859-15: that is the file saying what it is, not a guess, and those
encodings turn every byte into one character and back, so `plainlint fix` can write it back in
the same encoding. Anything else is reported as an error that says where the first bad byte is
and how to fix it; plainlint never guesses, and never replaces bad bytes, because a wrong guess
would put findings in the wrong place and a fix would then write the guess into the file.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from plainlint.document import Source

DEFAULT_MAX_FILE_MB = 10.0
DEFAULT_MAX_LINE_LENGTH = 1_000_000
DEFAULT_MAX_DOCUMENT_MB = 50.0  # Word, PDF and OpenDocument files
DEFAULT_MAX_DECOMPRESSED_MB = 100.0  # what plainlint will expand from one of them

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """A file cannot be checked. The message is one line a writer can act on."""


class EmptyInput(InputError):
    """A text file with nothing in it, or only white space: a placeholder page. Not an error:
    it is checked, with nothing to report (the message says which of the two it is)."""


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    max_line_length: int = DEFAULT_MAX_LINE_LENGTH
    max_document_mb: float = DEFAULT_MAX_DOCUMENT_MB
    max_decompressed_mb: float = DEFAULT_MAX_DECOMPRESSED_MB
    #: The encoding of text files that are not UTF-8 (``--encoding``, the ``encoding``
    #: setting), as a Python codec name; None: UTF-8 only (see the module's encoding policy).
    encoding: str | None = None


def check_encoding(name: str) -> str:
    """A Python codec name for an encoding a person gave, or ValueError saying it is unknown.
    Only encodings that turn text into bytes are accepted (not base64 or rot13)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r} (try cp1252, latin-1 or utf-8)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a text encoding (try cp1252, latin-1 or utf-8)")
    return info.name


#: Characters Windows-1252 puts in 0x80-0x9F (curly quotes, dashes, the euro ...) that an
#: English text written in an older Windows program is full of.
_CP1252_PUNCTUATION = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")


def looks_like(data: bytes) -> str | None:
    """The encoding bytes that are not UTF-8 look like, for the error message, or None.

    Files from older council systems are nearly always Windows-1252 or Latin-1; on short,
    mostly English text a general detector often names a neighbouring code page (charset-
    normalizer says cp1250 for "café’s"), so those two are tested first and exactly: every
    byte decodes, and every non-ASCII character is a Latin-1 letter or sign or a Windows-1252
    punctuation mark. Otherwise charset-normalizer (installed with pdfminer.six) guesses.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        extra = {c for c in text if ord(c) > 0x7F}
        if extra and all(0xA0 <= ord(c) <= 0xFF or c in _CP1252_PUNCTUATION for c in extra):
            if any(c in _CP1252_PUNCTUATION for c in extra):
                return "Windows-1252"
            return "Windows-1252 or Latin-1"
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it comes with pdfminer.six
        return None
    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return str(best.encoding)


_CODEC_FOR = {"Windows-1252": "cp1252", "Windows-1252 or Latin-1": "cp1252"}


def describe_os_error(exc: OSError) -> str:
    """The reason an operating-system error gives, in plainlint's words."""
    reasons = {
        errno.ENOENT: "no such file or directory",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "is a directory",
        errno.ELOOP: "symbolic link loop (the link points back to itself)",
        errno.ENOTDIR: "no such file (a part of its path is a file, not a folder)",
        errno.ENAMETOOLONG: "file name too long",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


# Encodings an HTML file may declare that plainlint reads (label -> Python codec). The labels
# are the WHATWG Encoding Standard's: browsers read "iso-8859-1" and "us-ascii" as Windows-1252.
_DECLARABLE = {
    **dict.fromkeys(
        ("windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso88591",
         "iso_8859-1", "iso_8859-1:1987", "iso-ir-100", "latin1", "l1", "csisolatin1",
         "ibm819", "cp819", "ascii", "us-ascii", "ansi_x3.4-1968"), "cp1252"),
    **dict.fromkeys(
        ("iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "latin9", "l9",
         "csisolatin9"), "iso8859-15"),
}
_LABELS = {"cp1252": "Windows-1252", "iso8859-15": "ISO-8859-15", "utf-8": "UTF-8",
           "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML file names in its first 1,024 bytes (as browsers look for it):
    an XML declaration's ``encoding``, or a ``<meta>`` ``charset``. Lower case, or None."""
    head = data[:1024]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _where(data: bytes, offset: int) -> str:
    """'line 3, column 12' for a byte offset (columns count bytes: the text is not readable)."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _looks_like_utf16(data: bytes) -> bool:
    """Text in UTF-16 without a byte-order mark: a NUL in every other byte, mostly."""
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return False
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    return max(even, odd) >= 0.8 * pairs and min(even, odd) <= 0.1 * pairs


def decode(data: bytes, path: str, limits: Limits = Limits(), fmt: str | None = None) -> Source:
    """Decode bytes to a `Source`, or raise `InputError` saying why not. ``fmt`` "html" lets
    the file's own charset declaration count (see the module's encoding policy)."""
    if not data:
        raise EmptyInput("empty")
    encoding = "utf-8"
    bom = False
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom = name, True
            break
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        if _looks_like_utf16(data):
            raise InputError("looks like UTF-16 text without a byte-order mark; save it as "
                             "UTF-8 (or as UTF-16 with a byte-order mark)")
        raise InputError("looks like a binary file (it contains NUL bytes)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if limits.encoding is not None and not bom:
            text, encoding = _decode_given(data, limits.encoding), limits.encoding
        else:
            text, encoding = _decode_declared(data, exc, encoding, bom, fmt)
    if encoding != "utf-8-sig" and text.startswith("\ufeff"):
        text = text[1:]
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    if "\x00" in text:
        raise InputError("contains NUL characters; is it a binary file?")
    if not text.strip():
        raise EmptyInput("only white space")
    _check_line_length(text, limits.max_line_length)
    return Source(path=path, text=text, encoding=encoding, bom=bom)


def _decode_given(data: bytes, codec: str) -> str:
    """Bytes that are not UTF-8, in the encoding the user gave (UTF-8 and a byte-order mark
    always win: a file that is valid UTF-8 is read as UTF-8 whatever the setting says)."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 or {codec} (byte 0x{data[exc.start]:02X} on "
            f"{_where(data, exc.start)}); save the file as UTF-8") from None


def _decode_declared(data: bytes, exc: UnicodeDecodeError, encoding: str, bom: bool,
                     fmt: str | None) -> tuple[str, str]:
    """Decode an HTML file that is not valid UTF-8 in the encoding it declares, or raise the
    `InputError` that says where the first bad byte is."""
    label = _LABELS.get(encoding, encoding.upper())
    bad = f"byte 0x{data[exc.start]:02X} on {_where(data, exc.start)}"
    declared = declared_charset(data) if fmt == "html" and not bom else None
    if declared is None:
        guess = looks_like(data) if not bom else None
        if guess is None:
            raise InputError(f"not valid {label} ({bad}); save the file as UTF-8") from None
        codec = _CODEC_FOR.get(guess, guess)
        raise InputError(
            f"not valid {label} ({bad}); it looks like {guess}: save it as UTF-8, or check it "
            f"with --encoding {codec} (or encoding = \"{codec}\" in the configuration)"
        ) from None
    codec = _DECLARABLE.get(declared)
    if codec is None:
        said = "UTF-8" if declared in ("utf-8", "utf8", "unicode-1-1-utf-8") else declared
        raise InputError(
            f"not valid {label} ({bad}), and plainlint does not read the {said} its "
            "charset declaration names; save the file as UTF-8") from None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as exc2:
        raise InputError(
            f"not valid {_LABELS[codec]} as its charset declaration says (byte "
            f"0x{data[exc2.start]:02X} on {_where(data, exc2.start)}); save the file as UTF-8"
        ) from None


def _check_line_length(text: str, limit: int) -> None:
    if len(text) <= limit:
        return
    pos = 0
    line = 1
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        if end - pos > limit:
            raise InputError(
                f"line {line} is {end - pos:,} characters long (limit {limit:,}); "
                "is it generated or minified? Raise max-line-length to check it"
            )
        pos = end + 1
        line += 1


def read_bytes(path: Path, limit_mb: float, setting: str = "max-file-size-mb") -> bytes:
    """Read a file's bytes, refusing folders, devices and files over ``limit_mb``."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            raise InputError("broken symbolic link") from None
        raise InputError(describe_os_error(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file")
    size_mb = st.st_size / 1_000_000
    if size_mb > limit_mb:
        raise InputError(
            f"file is {size_mb:,.1f} MB, over the {limit_mb:g} MB limit; "
            f"raise {setting} to check it"
        )
    limit = int(limit_mb * 1_000_000)
    try:
        with open(path, "rb") as fh:
            # Never more than the limit, even from a file that grows while it is read.
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(describe_os_error(exc)) from None
    if len(data) > limit:
        raise InputError(f"file grew past the {limit_mb:g} MB limit while it was read; "
                         f"raise {setting} to check it")
    return data


def read_source(path: Path, display: str | None = None, limits: Limits = Limits(),
                fmt: str | None = None) -> Source:
    """Read and decode a file. Raises `InputError` with a one-line reason."""
    shown = display if display is not None else str(path)
    return decode(read_bytes(path, limits.max_file_mb), shown, limits, fmt)


def read_text_input(path: Path | None, display: str, limits: Limits, fmt: str | None,
                    stdin_data: bytes | None = None) -> tuple[bytes, Source]:
    """The bytes of a text file (standard input when ``path`` is None), read once within the
    limits, and their decoded `Source`. Raises `InputError` with a one-line reason."""
    if path is None:
        raw = stdin_data or b""
        check_stdin_size(raw, limits.max_file_mb, "max-file-size-mb")
    else:
        raw = read_bytes(path, limits.max_file_mb)
    return raw, decode(raw, display, limits, fmt)


def read_stdin_bytes(stream: object, limit_mb: float | None = None) -> bytes:
    """Standard input's bytes; with ``limit_mb``, no more than one byte past that many
    megabytes (`check_stdin_size` then says it is too large), so an endless stream such as
    ``/dev/zero`` cannot fill the memory."""
    buffer = getattr(stream, "buffer", stream)
    if limit_mb is None:
        data = buffer.read()  # type: ignore[attr-defined]
    else:
        want = int(limit_mb * 1_000_000) + 1
        chunks: list[bytes] = []
        got = 0
        while got < want:
            chunk = buffer.read(min(1 << 20, want - got))  # type: ignore[attr-defined]
            if not chunk:
                break
            if isinstance(chunk, str):
                chunk = chunk.encode("utf-8")
            chunks.append(chunk)
            got += len(chunk)
        data = b"".join(chunks)
    if isinstance(data, str):
        return data.encode("utf-8")
    return data


def check_stdin_size(data: bytes, limit_mb: float, setting: str) -> None:
    """Raise `InputError` when standard input held more than ``limit_mb`` megabytes."""
    if len(data) > limit_mb * 1_000_000:
        raise InputError(f"standard input is over the {limit_mb:g} MB limit; raise {setting} "
                         "to check it")
