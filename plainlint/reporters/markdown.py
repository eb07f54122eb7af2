"""A pull-request comment (GitHub-flavoured Markdown) and job summary.

The comment starts with a hidden marker, ``<!-- plainlint-report -->``, so a workflow can find
and update its own comment instead of adding a new one on every push. Then:

- a headline: files checked and findings by severity, and what was left out (lines not changed,
  known findings in a baseline);
- the reading age of each document, with its change against the base when the run compared
  with one (``--diff-base``), once readability measures exist;
- the top findings, most serious first, each with its suggestions;
- a collapsed section per file with every finding.

GitHub refuses comments over 65,536 characters. The comment never exceeds that: sections that do
not fit are left out, and a note says how many findings are not shown and where to see them.
Document text is escaped, so a document can neither add markup to the comment nor mention
(notify) anyone.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from plainlint import __version__
from plainlint.compare import Movement, movements, short_ref
from plainlint.model import FileResult, Finding, RunResult, Severity
from plainlint.reporters import ReportOptions
from plainlint.reporters.common import ci_path, describe_counts, filter_notes, plural

MARKER = "<!-- plainlint-report -->"
#: GitHub's limit for an issue or pull-request comment body, in characters.
MAX_CHARS = 65_536
TOP_FINDINGS = 10

# Inline Markdown that document text could start: escaped text never begins a line, so
# block markers (#, -, 1.) need no escape; [ and ] cover links and images.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ISSUE_REF = re.compile(r"#(?=\d)")


def size(text: str) -> int:
    """Length as GitHub may count it: the larger of code points and UTF-16 code units."""
    return max(len(text), len(text.encode("utf-16-le")) // 2)


def escape(text: str) -> str:
    """Document text as inert Markdown: no markup, no HTML, no @mentions, on one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    # A zero-width joiner after @ stops GitHub from notifying a user or team, and after # from
    # linking "#12" to issue 12.
    return _ISSUE_REF.sub("#\u200d", text.replace("@", "@\u200d"))


def escape_html(text: str) -> str:
    """Document text inside an HTML element (where Markdown escapes would show literally)."""
    text = html.escape(" ".join(text.split()), quote=False)
    return text.replace("@", "@\u200d")


def _cell(text: str) -> str:
    return escape(text) or " "


def _suggestions(f: Finding) -> str:
    return "; ".join(escape(s.text) for s in f.suggestions)


def _where(path: str, f: Finding) -> str:
    return f"{escape(path)} line {f.line}"


def _headline(result: RunResult) -> list[str]:
    findings = result.findings
    c = Counter(f.severity for f in findings)
    files_with = sum(1 for r in result.files if r.findings)
    changed = "changed " if "diff_base" in result.filters else ""
    if findings:
        title = (f"### plainlint: {plural(len(findings), 'finding')} in "
                 f"{plural(files_with, 'file')}")
    elif result.errors:
        title = "### plainlint: some files could not be checked"
    else:
        title = "### plainlint: no findings"
    checked = f"{plural(len(result.files), changed + 'file')} checked"
    line = f"**{checked}**: {describe_counts(c)}."
    if result.errors:
        line += f" {plural(len(result.errors), 'file')} could not be checked."
    lines = [MARKER, title, "", line]
    notes = filter_notes(result)
    if notes:
        lines += ["", " ".join(escape_note(n) for n in notes)]
    return lines


def escape_note(note: str) -> str:
    # Notes are plainlint's own words, except the ref name, which comes from the command line.
    return note.replace("<", "&lt;").replace(">", "&gt;").replace("@", "@\u200d")


def _errors(result: RunResult, root: str | None) -> list[str]:
    if not result.errors:
        return []
    lines = ["", "**Could not check:**", ""]
    lines += [f"- {escape(ci_path(e.path, root))}: {escape(e.message)}" for e in result.errors]
    return lines


def _reading_age(result: RunResult, root: str | None) -> list[str]:
    rows: list[tuple[str, Movement, FileResult]] = []
    for r in result.files:
        base = r.base.metrics if r.base is not None else None
        is_new = r.base is not None and r.base.status in ("added", "untracked")
        for m in movements(r.metrics, base, is_new):
            if m.headline.key == "reading_age":
                rows.append((ci_path(r.path, root), m, r))
    if not rows:
        return []
    compared = any(r.base is not None for _, _, r in rows)
    ref = short_ref(next((r.base.ref for _, _, r in rows if r.base is not None), ""))
    target = next((t for _, _, r in rows
                   if isinstance(t := (r.metrics.get("readability") or {}).get("targets", {})
                                 .get("reading_age"), (int, float))), None)
    head = "| Document | Reading age |" + (f" Since {escape(ref)} |" if compared else "")
    rule = "|---|---:|" + ("---|" if compared else "")
    lines = ["", "#### Reading age", ""]
    if target is not None:
        lines += [f"UK reading age: the age at which most people can follow the text. "
                  f"Aim for {target:g} or lower.", ""]
    lines += [head, rule]
    for path, m, _r in rows:
        row = f"| {_cell(path)} | {m.value()} |"
        if compared:
            change = m.change() or "not measured"
            direction = {"better": " (easier)", "worse": " (harder)"}.get(m.direction, "")
            row += f" {change}{direction} |"
        lines.append(row)
    return lines


def _top(result: RunResult, root: str | None, limit: int = TOP_FINDINGS) -> list[str]:
    ranked: list[tuple[int, int, int, Finding, str]] = []
    for fi, r in enumerate(result.files):
        path = ci_path(r.path, root)
        per_severity: Counter[Severity] = Counter()
        for f in r.findings:
            # Most serious first; within a severity, take files in turn.
            ranked.append((-int(f.severity), per_severity[f.severity], fi, f, path))
            per_severity[f.severity] += 1
    if not ranked:
        return []
    ranked.sort(key=lambda t: (t[0], t[1], t[2], t[3].offset))
    lines = ["", "#### Top findings" if len(ranked) > limit else "#### Findings", ""]
    for n, (_, _, _, f, path) in enumerate(ranked[:limit], 1):
        line = (f"{n}. **{f.severity.label}** `{f.rule}` in {_where(path, f)}: "
                f"{escape(f.message)}")
        tries = _suggestions(f)
        if tries:
            line += f" **Try:** {tries}"
        lines.append(line)
    return lines


def _file_section(r: FileResult, path: str, max_rows: int | None = None) -> list[str]:
    c = Counter(f.severity for f in r.findings)
    rows = r.findings if max_rows is None else r.findings[:max_rows]
    lines = [
        "",
        "<details>",
        f"<summary><strong>{escape_html(path)}</strong>: {describe_counts(c)}</summary>",
        "",
        "| Line | Severity | Rule | Finding | Try |",
        "|---:|---|---|---|---|",
    ]
    for f in rows:
        lines.append(f"| {f.line} | {f.severity.label} | `{f.rule}` | {_cell(f.message)} | "
                     f"{_suggestions(f) or ' '} |")
    if len(rows) < len(r.findings):
        lines += ["", f"{plural(len(r.findings) - len(rows), 'more finding')} in this file "
                  "not shown here."]
    lines += ["", "</details>"]
    return lines


def _footer(options: ReportOptions) -> list[str]:
    link = f" · [Full report]({options.report_url})" if options.report_url else ""
    return ["", f"<sub>plainlint {__version__}{link}</sub>"]


def _truncation_note(hidden_findings: int, hidden_files: int, options: ReportOptions) -> list[str]:
    where = (f"[the full report]({options.report_url})" if options.report_url
             else "the full report (run plainlint check on these files)")
    return ["", f"> **Not everything fits in one comment.** {plural(hidden_findings, 'finding')} "
                f"in {plural(hidden_files, 'file')} are not shown here: see {where}."]


def render(result: RunResult, options: ReportOptions, limit: int = MAX_CHARS) -> str:
    root = options.root
    head = _headline(result) + _errors(result, root)
    optional = [_reading_age(result, root), _top(result, root)]
    footer = _footer(options)
    files = [(r, ci_path(r.path, root)) for r in result.files if r.findings]

    def text(parts: list[str]) -> str:
        return "\n".join(parts) + "\n"

    reserve = size(text(_truncation_note(10**9, 10**9, options) + footer))
    budget = limit - reserve
    body = list(head)
    if size(text(body)) > budget:  # only a flood of unreadable files can do this
        body = body[:4]
    for section in optional:
        if size(text(body + section)) <= budget:
            body += section
    if files:
        body += ["", "#### By file"]
    hidden_findings = hidden_files = 0
    for i, (r, path) in enumerate(files):
        section = _file_section(r, path)
        if size(text(body + section)) <= budget:
            body += section
            continue
        # Fit as many rows of this file as there is room for, then stop.
        lo, hi = 0, len(r.findings)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if size(text(body + _file_section(r, path, mid))) <= budget:
                lo = mid
            else:
                hi = mid - 1
        if lo:
            body += _file_section(r, path, lo)
            hidden_findings += len(r.findings) - lo
            hidden_files += 1 if lo < len(r.findings) else 0
        else:
            hidden_findings += len(r.findings)
            hidden_files += 1
        for r2, _ in files[i + 1 :]:
            hidden_findings += len(r2.findings)
            hidden_files += 1
        break
    if hidden_findings:
        body += _truncation_note(hidden_findings, hidden_files, options)
    out = text(body + footer)
    assert size(out) <= limit, size(out)
    return out

