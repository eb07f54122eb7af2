"""Format adapters: each turns a `Source` into a `Document` of prose blocks.

An adapter is a function ``parse(source) -> Document``. Register it for file extensions in
`ADAPTERS`; the rest of plainlint never looks at markup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from plainlint.document import Document, Source

Parser = Callable[[Source], Document]

# extension -> format name
EXTENSIONS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
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


def format_for(path: str | PurePath) -> str | None:
    """The format name for a file name, or None if plainlint does not read that kind of file."""
    return EXTENSIONS.get(PurePath(path).suffix.lower())


def parse(source: Source, fmt: str) -> Document:
    document = ADAPTERS[fmt](source)
    document.assign_sections()
    return document


def supported_extensions() -> list[str]:
    return sorted(EXTENSIONS)
