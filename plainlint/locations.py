"""How a place in a Word, PDF or OpenDocument file is written for people.

    report.docx:¶12 (3. Our plan > Housing):34:
    report.docx:¶40 (Money; table 2, row 3, column 1):5:
    report.docx:footnote 3:12:
    plan.pdf:p4:L17:8:

The shape of the ``location`` object itself is documented in docs/json-format.md.
"""

from __future__ import annotations

from typing import Any

_PARTS = {"header": "header", "footer": "footer", "footnote": "footnote",
          "endnote": "endnote", "text-box": "text box"}


def label(location: dict[str, Any]) -> str:
    """The part of ``path:…:`` that says where a finding is, without the path."""
    if "page" in location:
        return f"p{location['page']}:L{location.get('line', 1)}:{location.get('column', 1)}"
    part = location.get("part", "body")
    column = location.get("column", 1)
    if part in ("footnote", "endnote"):
        return f"{part} {location.get('note', '?')}:{column}"
    if part in ("header", "footer"):
        n = location.get("paragraph", 1)
        return f"{part}{f' ¶{n}' if n > 1 else ''}:{column}"
    where = f"¶{location.get('paragraph', '?')}"
    if part == "text-box":
        where = f"text box at {where}"
    context = []
    path = location.get("heading_path") or []
    if path:
        context.append(" > ".join(path))
    table = location.get("table")
    if table:
        context.append(f"table {table['number']}, row {table['row']}, column {table['column']}")
    if context:
        where += f" ({'; '.join(context)})"
    return f"{where}:{column}"


def describe(location: dict[str, Any]) -> str:
    """A phrase for prose, such as "paragraph 12 (Our plan > Housing)" or "page 4, line 17"."""
    if "page" in location:
        return f"page {location['page']}, line {location.get('line', 1)}"
    part = location.get("part", "body")
    if part in ("footnote", "endnote"):
        return f"{part} {location.get('note', '?')}"
    if part in ("header", "footer"):
        return f"the {part}"
    text = f"paragraph {location.get('paragraph', '?')}"
    if part == "text-box":
        text = f"the text box at {text}"
    table = location.get("table")
    if table:
        text += f" (table {table['number']}, row {table['row']}, column {table['column']})"
    return text
