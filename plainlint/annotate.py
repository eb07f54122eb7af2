"""A commented copy of a Word document: one review comment per finding, on the flagged words.

Writers live in Word. `annotate` checks a .docx exactly as `plainlint check` does, then puts
each finding in the margin as a Word comment by "plainlint", anchored on exactly the flagged
characters. To anchor on part of a run of text, the run is split into runs with the same
formatting; nothing else in the document changes.

Findings Word cannot hold a comment on in place (headers, footers, footnotes, endnotes, text
boxes) and document-level findings and measures (reading age, the framing ladder) go into one
summary comment on the first paragraph.

The original is never modified; the copy is written atomically.
"""

from __future__ import annotations

import copy
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plainlint.engine import Settings, check_document
from plainlint.formats.docx import _T, open_word, run_children, w
from plainlint.formats.extract import Extracted, build_document, locate_findings, locator
from plainlint.locations import describe
from plainlint.model import FileResult, Finding, Severity
from plainlint.source import InputError

AUTHOR = "plainlint"
INITIALS = "PL"
#: Rules whose findings are about the whole document when they sit in its first block.
DOCUMENT_RULES = frozenset({"reading-age"})
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Annotated:
    """The outcome of annotating one document."""

    result: FileResult
    data: bytes  # the commented copy
    anchored: int = 0  # comments on the flagged words
    summarised: list[Finding] = field(default_factory=list)  # in the summary comment
    below: int = 0  # findings under --min-severity, left out
    summary: bool = False  # whether a summary comment was added
    warnings: list[str] = field(default_factory=list)


# -- splitting runs -----------------------------------------------------------------------------


def _run_length(r: Any) -> int:
    return sum(len(text) for _, text in run_children(r))


def split_run(r: Any, points: Iterable[int]) -> list[tuple[int, int, Any]]:
    """Split a ``w:r`` at run-character offsets; return (start, end, element) per new run.

    The first piece keeps the original element; the others are new ``w:r`` elements with a
    copy of its properties, inserted after it in order. Text elements that straddle a split
    point are divided. Elements that add no characters (field marks, breaks of no width)
    stay in document order.
    """
    length = _run_length(r)
    cuts = sorted({p for p in points if 0 < p < length})
    if not cuts:
        return [(0, length, r)]
    # Divide w:t elements that straddle a cut, so every cut falls between children.
    pos = 0
    for child, text in list(run_children(r)):
        n = len(text)
        if child.tag == _T:
            inside = [c - pos for c in cuts if pos < c < pos + n]
            if inside:
                pieces = [text[a:b] for a, b in zip([0, *inside], [*inside, n], strict=True)]
                child.text = pieces[0]
                child.set(_XML_SPACE, "preserve")
                anchor = child
                for piece in pieces[1:]:
                    t = copy.deepcopy(child)
                    t.text = piece
                    t.set(_XML_SPACE, "preserve")
                    anchor.addnext(t)
                    anchor = t
        pos += n
    rpr = r.find(w("rPr"))
    groups: list[list[Any]] = [[] for _ in range(len(cuts) + 1)]
    pos = 0
    for child, text in list(run_children(r)):
        if child is rpr:
            continue
        k = sum(1 for c in cuts if c <= pos)
        groups[k].append(child)
        pos += len(text)
    bounds = [0, *cuts, length]
    out = [(0, cuts[0], r)]
    previous = r
    for k in range(1, len(groups)):
        new = r.makeelement(r.tag, dict(r.attrib))
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        for child in groups[k]:
            new.append(child)  # moves it out of the original run
        previous.addnext(new)
        previous = new
        out.append((bounds[k], bounds[k + 1], new))
    return out


# -- comment text -------------------------------------------------------------------------------


def comment_text(f: Finding) -> str:
    lines = [f.message]
    tries = [s.text for s in f.suggestions]
    if tries:
        lines.append("Try: " + "; ".join(tries))
    lines.append(f"(plainlint {f.rule}, {f.severity.label})")
    return "\n".join(lines)


def _percent(x: Any) -> str | None:
    return f"{x * 100:.0f}%" if isinstance(x, (int, float)) else None


def metrics_lines(metrics: dict[str, Any]) -> list[str]:
    """The document's measures in words, from `FileResult.metrics` (docs/json-format.md)."""
    lines: list[str] = []
    r = metrics.get("readability")
    if isinstance(r, dict):
        targets = r.get("targets") if isinstance(r.get("targets"), dict) else {}
        parts = []
        age = r.get("reading_age")
        if isinstance(age, (int, float)):
            # One decimal place, as the reading-age finding and every other report show it.
            target = targets.get("reading_age")
            aim = f" (aim for {target:g} or below)" if isinstance(target, (int, float)) else ""
            parts.append(f"reading age {round(age, 1):g}{aim}")
        ease = r.get("flesch_reading_ease")
        if isinstance(ease, (int, float)):
            target = targets.get("flesch_reading_ease")
            aim = f" (aim for {target:g} or more)" if isinstance(target, (int, float)) else ""
            parts.append(f"Flesch reading ease {ease:.0f}{aim}")
        long_share = _percent(r.get("long_sentence_share"))
        if long_share:
            parts.append(f"{long_share} of sentences are long")
        passive = _percent(r.get("passive_share"))
        if passive:
            parts.append(f"{passive} of sentences are passive")
        if parts:
            lines.append("Readability: " + "; ".join(parts) + ".")
        note = r.get("note")
        if isinstance(note, str) and note:
            lines.append(note)
    fr = metrics.get("framing")
    if isinstance(fr, dict) and isinstance(fr.get("ladder"), dict):
        ladder = fr["ladder"]
        step, name, reason = ladder.get("step"), ladder.get("name"), ladder.get("reason")
        if step is not None:
            text = f"Framing: step {step} of 8 on the co-production ladder"
            text += f" ({name})." if name else "."
            if reason:
                text += f" {reason}"
            lines.append(text)
    return lines


def summary_text(result: FileResult, anchored: list[Finding], listed: list[Finding]) -> str:
    counts = Counter(f.severity for f in [*anchored, *listed])
    total = sum(counts.values())
    if total:
        parts = [f"{counts[s]} {s.label}{'' if counts[s] == 1 else 's'}"
                 for s in sorted(Severity, reverse=True) if counts[s]]
        head = (f"plainlint found {total} thing{'' if total == 1 else 's'} to look at "
                f"({', '.join(parts)}).")
    else:
        head = "plainlint found nothing to change."
    if anchored:
        head += " Each is a comment on the words it is about."
    lines = [head, *metrics_lines(result.metrics)]
    document_level = [f for f in listed if f.location is None or f.location.get("part") is None]
    elsewhere = [f for f in listed if f not in document_level]
    for f in document_level:
        lines.append(comment_text(f).replace("\n", " "))
    if elsewhere:
        lines.append("Where plainlint cannot put a comment in place:")
        for f in elsewhere:
            where = describe(f.location or {})
            lines.append(f"{where[:1].upper()}{where[1:]}, “{f.text}”: "
                         + comment_text(f).replace("\n", " "))
    return "\n".join(lines)


# -- annotating ---------------------------------------------------------------------------------


def _anchorable(block: Extracted) -> bool:
    return block.location.get("part") == "body" and bool(block.pieces)


def annotate_bytes(data: bytes, path: str, settings: Settings,
                   min_severity: Severity = Severity.SUGGESTION) -> Annotated:
    """Check a .docx and return a commented copy. Raises `InputError` for unreadable files."""
    from docx.text.run import Run

    if not data:
        raise InputError("file is empty")
    word = open_word(data, settings.config.limits)
    from plainlint.formats.docx import extract

    earlier = sum(1 for c in word.comments if c.author == AUTHOR)

    blocks = extract(word)
    if not any(b.text.strip() for b in blocks):
        raise InputError("has no text to check")
    document = build_document(path, "docx", blocks)
    document.assign_sections()
    result = check_document(document, settings)
    locate_findings(document, result.findings)
    result.fail_on = settings.fail_on
    loc = locator(document)
    assert loc is not None
    kept = [f for f in result.findings if f.severity >= min_severity]
    below = len(result.findings) - len(kept)

    first_body = next((i for i, b in enumerate(loc.blocks) if _anchorable(b)), None)
    anchored: list[tuple[Finding, Extracted, int, int]] = []
    listed: list[Finding] = []
    for f in kept:
        i = loc.block_at(f.offset)
        block = loc.blocks[i]
        start = f.offset - loc.starts[i]
        end = max(f.end_offset - loc.starts[i], start + 1)
        whole_document = f.data.get("scope") == "document" or (
            f.rule in DOCUMENT_RULES and i == 0)
        if whole_document:
            f_doc = Finding(**{**f.__dict__, "location": None})
            listed.append(f_doc)
        elif _anchorable(block):
            anchored.append((f, block, start, min(end, len(block.text))))
        else:
            listed.append(f)

    # Split every run once, at every place a comment starts or ends.
    cuts: dict[int, tuple[Any, set[int]]] = {}
    for _, block, start, end in anchored:
        for piece in block.pieces:
            if piece.end <= start or piece.start >= end:
                continue
            r, offset = piece.origin
            entry = cuts.setdefault(id(r), (r, set()))
            entry[1].add(offset + max(start, piece.start) - piece.start)
            entry[1].add(offset + min(end, piece.end) - piece.start)
    segments = {key: split_run(r, points) for key, (r, points) in cuts.items()}

    def runs_for(block: Extracted, start: int, end: int) -> list[Any]:
        out = []
        for piece in block.pieces:
            if piece.end <= start or piece.start >= end:
                continue
            r, offset = piece.origin
            a = offset + max(start, piece.start) - piece.start
            b = offset + min(end, piece.end) - piece.start
            for s, e, el in segments.get(id(r), [(0, _run_length(r), r)]):
                if s < b and a < e:
                    out.append(el)
        return out

    body = word._body
    count = 0
    for f, block, start, end in anchored:
        runs = runs_for(block, start, end)
        if not runs:
            listed.append(f)
            continue
        word.add_comment([Run(runs[0], body), Run(runs[-1], body)], text=comment_text(f),
                         author=AUTHOR, initials=INITIALS)
        count += 1

    summary = False
    anchored_findings = [a[0] for a in anchored if a[0] not in listed]
    if first_body is not None and (listed or result.metrics or anchored_findings):
        block = loc.blocks[first_body]
        runs = runs_for(block, 0, len(block.text))
        if runs:
            word.add_comment([Run(runs[0], body), Run(runs[-1], body)],
                             text=summary_text(result, anchored_findings, listed),
                             author=AUTHOR, initials=INITIALS)
            summary = True
    out = io.BytesIO()
    word.save(out)
    warnings = []
    if earlier:
        warnings.append(
            f"already has {earlier} comment{'' if earlier == 1 else 's'} by plainlint, which "
            "stay; annotate the original document to avoid seeing them twice")
    return Annotated(result=result, data=out.getvalue(), anchored=count, summarised=listed,
                     below=below, summary=summary, warnings=warnings)


def annotate_file(src: Path, out: Path, settings: Settings, display: str | None = None,
                  min_severity: Severity = Severity.SUGGESTION) -> Annotated:
    """Annotate ``src`` into ``out`` (written atomically). ``src`` is only read."""
    from plainlint.fsutil import atomic_write
    from plainlint.source import read_bytes

    limits = settings.config.limits
    data = read_bytes(src, limits.max_document_mb, "max-document-size-mb")
    annotated = annotate_bytes(data, display or str(src), settings, min_severity)
    try:
        atomic_write(out, annotated.data)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from None
    return annotated
