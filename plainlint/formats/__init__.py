"""Format adapters: each turns a `Source` into a `Document` of prose blocks.

An adapter is a function ``parse(source) -> Document``. Register it for file extensions in
`ADAPTERS`; the rest of plainlint never looks at markup.

Binary documents (Word, PDF, OpenDocument) have no text to decode: their adapters take the
file's bytes and return a `Document` over the extracted text (see `plainlint.formats.extract`).
They are registered in `BINARY_ADAPTERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from plainlint.document import Document, Source
from plainlint.source import Limits

Parser = Callable[[Source], Document]
BinaryParser = Callable[[bytes, str, Limits], Document]

# extension -> format name
EXTENSIONS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".docx": "docx",
    ".pdf": "pdf",
    ".odt": "odt",
}


def _markdown(source: Source) -> Document:
    from plainlint.formats.markdown import parse

    return parse(source)


def _html(source: Source) -> Document:
    from plainlint.formats.html import parse

    return parse(source)


def _text(source: Source) -> Document:
    from plainlint.formats.text import parse

    return parse(source)


ADAPTERS: dict[str, Parser] = {
    "markdown": _markdown,
    "html": _html,
    "text": _text,
}


def _docx(data: bytes, path: str, limits: Limits) -> Document:
    from plainlint.formats.docx import parse_bytes

    return parse_bytes(data, path, limits)


def _pdf(data: bytes, path: str, limits: Limits) -> Document:
    from plainlint.formats.pdf import parse_bytes

    return parse_bytes(data, path, limits)


def _odt(data: bytes, path: str, limits: Limits) -> Document:
    from plainlint.formats.odt import parse_bytes

    return parse_bytes(data, path, limits)


BINARY_ADAPTERS: dict[str, BinaryParser] = {
    "docx": _docx,
    "pdf": _pdf,
    "odt": _odt,
}


def is_binary(fmt: str) -> bool:
    """True for formats read from bytes (Word, PDF, OpenDocument), not decoded text."""
    return fmt in BINARY_ADAPTERS


def parse_bytes(data: bytes, path: str, fmt: str, limits: Limits) -> Document:
    """Extract a binary document. Raises `InputError` with a one-line reason."""
    document = BINARY_ADAPTERS[fmt](data, path, limits)
    document.assign_sections()
    return document


def format_for(path: str | PurePath) -> str | None:
    """The format name for a file name, or None if plainlint does not read that kind of file."""
    return EXTENSIONS.get(PurePath(path).suffix.lower())


def parse(source: Source, fmt: str) -> Document:
    document = ADAPTERS[fmt](source)
    document.assign_sections()
    return document


def supported_extensions() -> list[str]:
    return sorted(EXTENSIONS)
