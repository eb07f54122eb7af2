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
from typing import TYPE_CHECKING

from plainlint.document import Document, Source
from plainlint.source import Limits

if TYPE_CHECKING:
    from plainlint.formats.templates import Skips

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


def parse_bytes(data: bytes, path: str, fmt: str, limits: Limits,
                skips: Skips | None = None) -> Document:
    """Extract a binary document. Raises `InputError` with a one-line reason, also when most
    of its text cannot be decoded (see `plainlint.formats.undecodable`). Template syntax and
    what ``skips`` matches are masked in the extracted text, as in a text file."""
    from plainlint.formats import templates, undecodable

    document = BINARY_ADAPTERS[fmt](data, path, limits)
    undecodable.refuse_or_mask(document)
    source = document.source
    templates.tidy(document, source, undecodable.FORM_GLYPHS if fmt == "pdf" else None,
                   read=templates.mask(source, skips).text)
    document.assign_sections()
    document.meta["title"] = document_title(document)
    return document


def format_for(path: str | PurePath) -> str | None:
    """The format name for a file name, or None if plainlint does not read that kind of file."""
    return EXTENSIONS.get(PurePath(path).suffix.lower())


def parse(source: Source, fmt: str, skips: Skips | None = None) -> Document:
    """Read a text source. Template syntax, and what ``skips`` (a configuration's
    ``ignore-patterns`` and ``ignore-blocks``) matches, are masked first (see
    `plainlint.formats.templates`), so they are never prose and every position stays exact."""
    from plainlint.formats import templates

    document = ADAPTERS[fmt](templates.mask(source, skips))
    templates.tidy(document, source)
    document.assign_sections()
    document.meta["title"] = document_title(document, source)
    return document


def document_title(document: Document, source: Source | None = None) -> str | None:
    """What a document calls itself: the ``title`` of Markdown front matter, or else the text of
    its first heading (in a web page, its first heading, not the ``<title>``, which usually
    carries the site's name too). None when it has neither."""
    from plainlint.document import MASK, BlockKind

    if source is not None and document.format == "markdown":
        title = front_matter_title(source.text)
        if title:
            return title
    for block in document.blocks:
        if block.kind is BlockKind.HEADING:
            text = " ".join(block.text.replace(MASK, " ").split())
            if text:
                return text
    return None


def front_matter_title(text: str) -> str | None:
    """The ``title`` of YAML front matter at the start of ``text``, or None."""
    import re

    import yaml

    m = re.match(r"\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text,
                 re.DOTALL)
    if m is None or len(m.group(1)) > 100_000:
        return None
    try:
        data = yaml.safe_load(m.group(1))
    except (yaml.YAMLError, RecursionError):
        return None
    title = data.get("title") if isinstance(data, dict) else None
    if isinstance(title, (str, int, float)) and not isinstance(title, bool):
        title = " ".join(str(title).split())
        if title and "{{" not in title and "{%" not in title:
            return title
    return None


def supported_extensions() -> list[str]:
    return sorted(EXTENSIONS)
