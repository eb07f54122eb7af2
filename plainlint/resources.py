"""Where plainlint's data lives: rules, glossary and report templates.

In a source checkout (and an editable install) they are the top-level ``rules/``,
``glossary/`` and ``reports/`` folders. A built wheel carries the same folders inside the
package as ``plainlint/_data/``. Everything else asks this module, never a path of its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder holding ``name`` (``rules``, ``glossary`` or ``reports``)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"plainlint's {name}/ folder is missing from this installation; reinstall plainlint"
    )


def rules_dir() -> Path:
    return data_dir("rules")


def glossary_dir() -> Path:
    return data_dir("glossary")


def reports_dir() -> Path:
    return data_dir("reports")
