"""What the workbench page shows, from the same view model and templates as the HTML report.

The marked text is the report's own: `plainlint.reporters.html.document_view` cuts the text
into passages and marks, and the report's ``passage`` macro (reports/_macros.html.j2) writes
them, so a mark here has the same element, classes, ``data-rule`` and words as in a report.
The workbench's templates (``plainlint/serve/templates``) add the editor and the side panel
around it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from plainlint import __version__
from plainlint.reporters.html import DocumentView, document_view, rule_title
from plainlint.serve.workbench import TEXT_FORMATS, Session, Workbench


@lru_cache(maxsize=1)
def environment() -> Any:
    """The report's environment (its templates and helpers), with the workbench's templates
    first."""
    from plainlint.reporters.html import make_environment

    return make_environment(Path(__file__).resolve().parent / "templates")


def render_page(template: str, **context: Any) -> str:
    return environment().get_template(template).render(plainlint_version=__version__, **context)


def _details(view: DocumentView, session: Session) -> list[dict[str, Any]]:
    """Each finding's explanation for the panel, with its safe swap when it has one."""
    out = []
    for fv, f in zip(view.findings, session.ordered, strict=True):
        fix = f.fix if f.fix is not None and f.fix.safe else None
        out.append({"f": fv, "fix": fix, "no_fix": "" if fix else (f.no_fix or ""),
                    "in_text": fv.in_text, "start": f.offset, "end": f.end_offset})
    return out


def render_state(bench: Workbench, session: Session, page: bool = False) -> dict[str, Any]:
    """Everything the page shows for a session: as template context for the whole page
    (``page``), or as JSON for the script to put in place after a change."""
    view = document_view(session.result) if session.result is not None else None
    safe = sum(1 for f in session.ordered if f.fix is not None and f.fix.safe)
    context = {
        "doc": view,
        "details": _details(view, session) if view is not None else [],
        "safe": safe,
        "error": session.error,
        "notice": session.notice,
        "rules": [{"id": r.id, "title": rule_title(r.id), "on": r.id not in session.ignored}
                  for r in bench.rules()],
        "can_undo": bool(session.undo),
        "has_text": bool(session.text.strip()),
    }
    env = environment()
    marked = env.get_template("_marked.html.j2").render(**context)
    panel = env.get_template("_panel.html.j2").render(**context)
    out = {
        "version": session.version,
        "text": session.text,
        "format": session.format,
        "marked": marked,
        "panel": panel,
        "error": session.error,
        "notice": session.notice,
        "count": len(session.ordered),
        "safe": safe,
        "can_undo": bool(session.undo),
    }
    if page:
        out.update(context, csrf=session.csrf, formats=TEXT_FORMATS)
    return out
