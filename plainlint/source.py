"""Reading files into text, with one clear reason when that is not possible.

Encoding policy (documented in docs/files.md): UTF-8, with or without a byte-order mark, and
UTF-16 or UTF-32 *with* a byte-order mark. Anything else is reported as an error that says how to
fix it; plainlint never guesses an encoding, because a wrong guess would put findings in the
wrong place and could damage the file if it were later fixed.
"""

from __future__ import annotations

import codecs
import os
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


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    max_line_length: int = DEFAULT_MAX_LINE_LENGTH
    max_document_mb: float = DEFAULT_MAX_DOCUMENT_MB
    max_decompressed_mb: float = DEFAULT_MAX_DECOMPRESSED_MB


def _describe_os_error(exc: OSError) -> str:
    import errno

    reasons = {
        errno.ENOENT: "no such file or directory",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "is a directory",
        errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
        errno.ENAMETOOLONG: "file name too long",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def decode(data: bytes, path: str, limits: Limits = Limits()) -> Source:
    """Decode bytes to a `Source`, or raise `InputError` saying why not."""
    if not data:
        raise InputError("file is empty")
    encoding = "utf-8"
    bom = False
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom = name, True
            break
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (it contains NUL bytes)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8"}.get(encoding, encoding.upper())
        raise InputError(
            f"not valid {label} (byte 0x{data[exc.start]:02X} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None
    if encoding != "utf-8-sig" and text.startswith("\ufeff"):
        text = text[1:]
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    if "\x00" in text:
        raise InputError("contains NUL characters; is it a binary file?")
    if not text.strip():
        raise InputError("has no text (only white space)")
    _check_line_length(text, limits.max_line_length)
    return Source(path=path, text=text, encoding=encoding, bom=bom)


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
        if os.path.islink(path):
            raise InputError("broken symbolic link") from None
        raise InputError(_describe_os_error(exc)) from None
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
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise InputError(_describe_os_error(exc)) from None


def read_source(path: Path, display: str | None = None, limits: Limits = Limits()) -> Source:
    """Read and decode a file. Raises `InputError` with a one-line reason."""
    shown = display if display is not None else str(path)
    return decode(read_bytes(path, limits.max_file_mb), shown, limits)


def read_stdin_bytes(stream: object) -> bytes:
    buffer = getattr(stream, "buffer", stream)
    data = buffer.read()  # type: ignore[attr-defined]
    if isinstance(data, str):
        return data.encode("utf-8")
    return data
