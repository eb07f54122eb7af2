"""HTML reports: a page per document that a council writer can open, understand and act on.

Two steps, kept apart so each can be tested on its own:

1. **A view model.** `document_view` and `index_view` turn the same `RunResult` every other
   format uses into plain data: words to show, numbers, and the document's text cut into
   pieces, each piece either plain text or one finding's highlight. Nothing here writes HTML.
2. **Templates.** Jinja2 templates in ``reports/`` (found through `plainlint.resources`) turn the
   view model into self-contained pages, with autoescaping on and undefined names as errors.
   Document text only ever reaches a page as escaped data, never as markup.

To show findings in place the view model needs the text the offsets refer to. For files checked
with ``keep_documents`` (as `plainlint report` and ``--format html`` do), `FileResult.document`
holds it along with the blocks, so the page shows clean prose (headings, paragraphs, list items)
rather than raw Markdown or HTML. Without a document, `document_view` takes ``text`` directly and
shows it as paragraphs split at blank lines; without either, the page lists the findings only.

Metrics are optional: every part of a page works when ``metrics.readability`` or
``metrics.framing`` (shapes in docs/json-format.md) is absent.
"""

from __future__ import annotations

import base64
import bisect
import datetime as _dt
import hashlib
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from plainlint import __version__
from plainlint.document import MASK, BlockBuilder, LineIndex, OffsetMap
from plainlint.model import FileError, FileResult, Finding, RunResult, Severity
from plainlint.readability import TARGET_READING_AGE
from plainlint.reporters import ReportOptions
from plainlint.textutil import and_list

# -- words ------------------------------------------------------------------------------------

#: Short names for rules, in words a writer uses. Rules not listed fall back to their id.
RULE_TITLES: dict[str, str] = {
    "jargon": "Jargon",
    "plain-words": "Wordy or formal words",
    "latin": "Latin words and abbreviations",
    "person-first": "Labels for people",
    "explain-term": "Terms to explain",
    "unused-suppression": "Unused plainlint comments",
    "reading-age": "Reading age too high",
    "long-sentence": "Long sentences",
    "hard-sentence": "Hard sentences",
    "long-paragraph": "Long paragraphs",
    "passive-voice": "Passive sentences",
    "nominalisation": "Verbs hidden in nouns",
    "acronym": "Abbreviations not spelled out",
    "all-caps": "Words in capitals",
    "and-or": "“And/or”",
    "done-to": "Done to people",
    "done-for": "Done for people",
}

#: Labels for one finding of a rule, where the title above names a group of them.
RULE_LABELS: dict[str, str] = {
    "reading-age": "Reading age",
    "long-sentence": "Long sentence",
    "hard-sentence": "Hard sentence",
    "long-paragraph": "Long paragraph",
    "passive-voice": "Passive",
    "nominalisation": "Hidden verb",
    "done-to": "Done to people",
    "done-for": "Done for people",
}

SEVERITY_NAMES = {
    Severity.ERROR: ("Error", "Errors", "must change"),
    Severity.WARNING: ("Warning", "Warnings", "should change"),
    Severity.SUGGESTION: ("Suggestion", "Suggestions", "could change"),
}

#: The co-production ladder, bottom to top, with what each step means in plain words.
LADDER: tuple[tuple[int, str, str], ...] = (
    (1, "Coercion", "People are made to do things, with no say."),
    (2, "Educating", "People are told what is good for them."),
    (3, "Informing", "People are told what has been decided."),
    (4, "Consultation", "People are asked what they think, once plans are made."),
    (5, "Engagement", "People take part, but the council still decides."),
    (6, "Co-design", "People help to design the service."),
    (7, "Co-production", "People and the council decide and deliver together, as equals."),
    (8, "Citizen-led", "People lead, and the council supports them."),
)

FRAMING_KINDS: tuple[tuple[str, str, str], ...] = (
    ("to", "Done to people", "people have no choice or say"),
    ("for", "Done for people", "the council acts and people receive"),
    ("together", "Done with people", "people take part and choose"),
    ("neutral", "Neutral", "facts, with no one acted on"),
)

#: Rules whose findings are whole sentences: the index links its hardest sentences to them.
SENTENCE_RULES = ("hard-sentence", "long-sentence")

MAX_EXCERPT = 160
MAX_MASK_SHOWN = 80
TOP_TERMS = 20
TOP_SENTENCES = 10
#: Characters of a section title that fit beside the chart's bars.
CHART_LABEL = 24
#: Characters of a path shown under a document's name in the index (all of it on focus).
PATH_SHOWN = 44


def rule_title(rule: str) -> str:
    return RULE_TITLES.get(rule) or rule.replace("-", " ").capitalize()


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _fmt(value: float, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text[:-2] if text.endswith(".0") else text


def _percent(share: float) -> str:
    pct = share * 100
    return f"{pct:.0f}%" if pct >= 10 or pct == int(pct) else f"{pct:.1f}%"


#: Characters that already end a sentence, with any closing quotes or brackets after them.
_ENDED = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")


def full_stop(text: str) -> str:
    """``text`` ending a sentence: a full stop is added only when it has no end of its own, so
    a quoted suggestion never reads “we will help.”."""
    text = text.rstrip()
    return text if not text or _ENDED.search(text) else text + "."


def excerpt(text: str, limit: int = MAX_EXCERPT) -> str:
    flat = " ".join(text.replace(MASK, "…").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def middle_cut(text: str, limit: int) -> str:
    """``text`` shortened in the middle, so a long path keeps its start and its file name."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 3
    return text[:head] + "…" + text[-(limit - 1 - head):]


def reading_age_verdict(age: float, target: float) -> str:
    """What a reading age means for readers, in one sentence."""
    if age <= 9:
        return "Most people will find this easy to read."
    if age <= target:
        return "Most people will be able to read this."
    if age <= 14:
        return "Many people will find this hard to read."
    if age <= 17:
        return "Most adults will find this hard to read."
    return "Almost everyone will find this hard to read."


def reading_age_aim(target: float) -> str:
    t = _fmt(target, 0)
    # One target everywhere, as the CLI and docs/readability.md state it: "11 or below".
    return f"Aim for a reading age of {t} or below."


# -- view model: findings and the text --------------------------------------------------------


@dataclass
class FindingView:
    """One finding as the page shows it."""

    n: int  # 1-based number within the document, in text order
    rule: str
    rule_title: str
    label: str  # what a marker before a stretch of text says
    severity: str  # error, warning, suggestion
    severity_name: str  # Error, Warning, Suggestion
    message: str
    tries: list[str]
    line: int
    column: int
    text: str  # short excerpt of the flagged text
    term: str | None
    #: Where it is, for people: "Line 12"; in a Word, PDF or OpenDocument file "Paragraph 4",
    #: "Page 2, line 5" or "Footnote 1" (lines of the extracted text mean nothing there).
    place: str = ""
    note: str = ""  # what the explanation in the text says: the message, less a glossary
    # explanation that "Words explained" gives once (long documents stay small)
    section: int = 0
    in_text: bool = False  # shown as a highlight or marker in the text
    wide: bool = False  # shown as a marker before a shaded stretch of text
    hl_id: str = ""
    item_id: str = ""
    note_id: str = ""
    #: About the whole document (its reading age): shown in the summary, never drawn on a
    #: heading or sentence in the text.
    whole: bool = False
    #: Other places the same problem is, when a rule reports a term once per document
    #: ("also on lines 4 and 9").
    also: str = ""


@dataclass
class Token:
    """A piece of a passage: text, or the start or end of one finding's highlight."""

    k: str  # "t" text, "k" left-out code or link, "o" open, "c" close, "m" marker
    text: str = ""
    shade: bool = False  # inside a wide finding's stretch
    f: FindingView | None = None


@dataclass
class PassageView:
    kind: str  # heading, paragraph, list-item, table-cell, block-quote, title, image-alt, text
    level: int
    tokens: list[Token]
    line: int
    section: int
    anchor: str = ""  # id of a heading, so sections can link to it
    row: int = 0  # a table cell's row in its table (0: not known)


@dataclass
class SectionView:
    index: int
    title: str
    level: int
    line: int | None
    anchor: str
    place: str = ""  # where its heading is: "line 12", or "paragraph 4" in a Word file
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    reading_age: str = ""
    reading_age_value: float | None = None
    over_target: bool = False
    words: int | None = None


@dataclass
class Entry:
    """Findings of one rule in one section that say the same thing (the same term, or the same
    message), listed once with a link to each place: a long document stays small."""

    severity: str
    severity_name: str
    text: str
    message: str
    tries: list[str]
    findings: list[FindingView]


@dataclass
class RuleGroup:
    rule: str
    title: str
    what: str
    instead: str
    severity: str
    count: int
    anchor: str
    sections: list[tuple[SectionView, list[Entry]]]


@dataclass
class MeasureView:
    name: str
    explain: str
    value: str
    target: str
    met: bool | None  # None: no target to meet


@dataclass
class Bar:
    label: str
    value: float
    value_text: str
    over: bool
    y: float
    width: float
    href: str


@dataclass
class ChartView:
    bars: list[Bar]
    target: float
    target_x: float
    scale_max: float
    height: float
    ticks: list[tuple[float, str]]


@dataclass
class ReadabilityView:
    reading_age: str
    reading_age_value: float
    target: str
    verdict: str
    aim: str
    meets: bool
    words: str
    sentences: str
    avg_sentence: str
    too_short: bool
    note: str
    measures: list[MeasureView]
    chart: ChartView | None


@dataclass
class FramingView:
    total: int
    kinds: list[dict[str, Any]]  # key, name, meaning, count, share text, bar x/width
    step: int | None
    step_name: str
    reason: str
    ladder: list[dict[str, Any]]  # step, name, meaning, current (top step first)
    examples: list[dict[str, Any]]
    summary: str
    #: The ladder was tried but no step given (too little evidence): ``reason`` says why.
    unplaced: bool = False


@dataclass
class TermView:
    term: str
    rule_title: str
    explanation: str
    alternatives: list[str]
    note: str
    count: int
    first: str  # link to the first use in the text, or ""


@dataclass
class DocumentView:
    path: str
    title: str
    format: str
    page: str  # file name of the document's own page, "" inside a combined page
    prefix: str  # prefix for every id, unique within the page
    findings: list[FindingView]
    counts: dict[str, int]  # by severity
    total: int
    headline: str
    text_available: bool
    text_note: str
    passages: list[PassageView]
    outside: list[FindingView]  # findings not shown in the text (in comments, skipped markup)
    rule_groups: list[RuleGroup]
    by_rule: list[dict[str, Any]]
    sections: list[SectionView]
    terms: list[TermView]
    readability: ReadabilityView | None
    framing: FramingView | None
    filters: dict[str, list[dict[str, Any]]]
    pre_line: bool  # keep line breaks (plain text and extracted text)
    words: int | None
    located: bool = False  # places are paragraphs and pages (Word, PDF, OpenDocument), not lines
    whole: list[FindingView] = field(default_factory=list)  # about the whole document


def _runs_text_source(doc: Any, block: Any, start: int, end: int) -> str:
    """What a masked character stands for (inline code, a URL), shown as left-out text."""
    a, b = block.map.source_span(start, end)
    return doc.source.text[a:b]


def _plain_passages(text: str) -> list[tuple[str, int, str, OffsetMap, int]]:
    """Split text at blank lines into passages with a verbatim map (no document structure)."""
    out: list[tuple[str, int, str, OffsetMap, int]] = []
    pos = 0
    brk = r"(?:\r\n|\r(?!\n)|\n)"
    for m in re.finditer(brk + r"[ \t]*" + brk + r"\s*", text + "\n\n"):
        start, end = pos, min(m.start(), len(text))
        pos = m.end()
        if start >= len(text):
            break
        chunk = text[start:end]
        if chunk.strip():
            b = BlockBuilder()
            b.copy(text, start, end)
            body, mapping = b.build()
            out.append(("text", 0, body, mapping, 0))
    return out


@dataclass
class _Passage:
    kind: str
    level: int
    text: str
    map: OffsetMap
    section: int
    lo: int
    hi: int
    mask_source: Callable[[int], str] | None
    hits: list[tuple[int, int, FindingView]] = field(default_factory=list)
    row: int = 0


def _build_passages(
    result: FileResult, text: str | None
) -> tuple[list[_Passage], list[Any], bool, str]:
    """The document's prose as passages in source order, its sections, and the source text."""
    document = result.document
    passages: list[_Passage] = []
    if document is not None:
        src = document.source.text
        for block in document.blocks:
            if not block.text:
                continue
            lo = block.map.source_start(0)
            hi = block.map.source_end(len(block.text))

            def mask_source(pos: int, _b: Any = block) -> str:
                return _runs_text_source(document, _b, pos, pos + 1)

            passages.append(_Passage(block.kind.value, block.level, block.text, block.map,
                                     block.section, lo, hi, mask_source, row=block.row))
        passages.sort(key=lambda p: (p.lo, -p.hi))
        return passages, list(document.sections), True, src
    if text is None:
        return [], [], False, ""
    for kind, level, body, mapping, section in _plain_passages(text):
        lo = mapping.source_start(0)
        passages.append(_Passage(kind, level, body, mapping, section, lo,
                                 mapping.source_end(len(body)), None))
    return passages, [], True, text


def _place(passages: list[_Passage], findings: list[FindingView],
           raw: list[Finding]) -> list[FindingView]:
    """Attach each finding to the innermost passage holding it; return those that fit none."""
    outside: list[FindingView] = []
    los = [p.lo for p in passages]
    reach: list[int] = []  # the furthest source end of passages[0..i]
    best = -1
    for p in passages:
        best = max(best, p.hi)
        reach.append(best)
    for fv, f in zip(findings, raw, strict=True):
        i = bisect.bisect_right(los, f.offset) - 1
        chosen: tuple[int, _Passage, tuple[int, int]] | None = None
        while i >= 0 and reach[i] >= f.offset:
            p = passages[i]
            if p.lo <= f.offset and (f.end_offset <= p.hi or f.end_offset == f.offset):
                span = p.map.text_span(f.offset, f.end_offset)
                if span is not None and (span[1] > span[0] or f.end_offset == f.offset):
                    size = p.hi - p.lo
                    if chosen is None or size < chosen[0]:
                        chosen = (size, p, span)
            i -= 1
        if chosen is None:
            outside.append(fv)
            continue
        _, p, (s, e) = chosen
        p.hits.append((s, e, fv))
        fv.in_text = True
        fv.section = p.section
    return outside


def _tokens(p: _Passage) -> list[Token]:
    """Cut a passage into tokens. Short findings that overlap nothing become highlights
    wrapping their words; findings that overlap a shorter one (a long sentence holding a
    jargon word) become a marker before a shaded stretch, so highlights never nest."""
    text = p.text
    inline: list[tuple[int, int, FindingView]] = []
    wide: list[tuple[int, int, FindingView]] = []
    starts: list[int] = []
    ends: list[int] = []
    for s, e, fv in sorted(p.hits, key=lambda h: (h[1] - h[0], h[0], h[2].n)):
        if e <= s:
            wide.append((s, e, fv))
            continue
        i = bisect.bisect_left(starts, s)
        clash = (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e)
        if clash:
            wide.append((s, e, fv))
        else:
            starts.insert(i, s)
            ends.insert(i, e)
            inline.append((s, e, fv))
    opens = {s: fv for s, e, fv in inline}
    closes = {e: fv for s, e, fv in inline}
    markers: dict[int, list[FindingView]] = defaultdict(list)
    shade = [0] * (len(text) + 1)
    for s, e, fv in wide:
        fv.wide = True
        at = s
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and starts[i] < s < ends[i]:
            at = starts[i]  # never inside another highlight's link
        markers[at].append(fv)
        shade[s] += 1
        shade[max(s, e)] -= 1
    cuts = {0, len(text)}
    cuts.update(opens)
    cuts.update(closes)
    cuts.update(markers)
    for s, e, _ in wide:
        cuts.add(s)
        cuts.add(e)
    masks = [m.start() for m in re.finditer(MASK, text)]
    for m in masks:
        cuts.add(m)
        cuts.add(m + 1)
    cover = 0
    depth_at: dict[int, int] = {}
    for pos in range(len(text) + 1):
        cover += shade[pos]
        if pos in cuts:
            depth_at[pos] = cover
    ordered = sorted(c for c in cuts if 0 <= c <= len(text))
    mask_set = set(masks)
    out: list[Token] = []
    for j, pos in enumerate(ordered):
        if pos in closes:
            out.append(Token("c", f=closes[pos]))
        for fv in sorted(markers.get(pos, ()), key=lambda f: f.n):
            out.append(Token("m", f=fv))
        if pos in opens:
            out.append(Token("o", f=opens[pos]))
        if j + 1 < len(ordered):
            end = ordered[j + 1]
            if pos in mask_set:
                shown = p.mask_source(pos) if p.mask_source else ""
                shown = " ".join(shown.split())
                if not shown or len(shown) > MAX_MASK_SHOWN:
                    shown = "…"
                out.append(Token("k", shown, depth_at.get(pos, 0) > 0))
            elif end > pos:
                out.append(Token("t", text[pos:end], depth_at.get(pos, 0) > 0))
    return out


# -- view model: measures ---------------------------------------------------------------------


def _measures(metric: dict[str, Any], targets: dict[str, Any]) -> list[MeasureView]:
    """The four council clarity measures against their targets."""
    measures: list[MeasureView] = []
    fre = _num(metric.get("flesch_reading_ease"))
    if fre is not None:
        t = _num(targets.get("flesch_reading_ease"))
        measures.append(MeasureView(
            "How easy it is to read",
            "Flesch reading ease: a score from 0 to 100. Higher is easier.",
            f"{_fmt(fre, 0)} out of 100",
            f"{_fmt(t, 0)} or more" if t is not None else "No set target",
            None if t is None else fre >= t,
        ))
    for key, name, explain in (
        ("passive_share", "Passive sentences",
         "Sentences that hide who does what, such as “forms must be returned”."),
        ("long_sentence_share", "Long sentences",
         f"Sentences over {metric.get('long_sentence_limit', 25)} words."),
        ("complex_word_share", "Long words", "Words of 3 or more syllables."),
    ):
        value = _num(metric.get(key))
        if value is None:
            continue
        t = _num(targets.get(key))
        measures.append(MeasureView(
            name, explain, _percent(value),
            f"{_percent(t)} or fewer" if t is not None else "No set target: fewer is better",
            None if t is None else value <= t,
        ))
    return measures


def _readability(metric: Any, sections: list[SectionView]) -> ReadabilityView | None:
    if not isinstance(metric, dict):
        return None
    age = _num(metric.get("reading_age"))
    if age is None:
        return None
    targets = metric.get("targets") if isinstance(metric.get("targets"), dict) else {}
    target = _num(targets.get("reading_age")) or TARGET_READING_AGE
    # A few words give figures that mean little: none are shown against the targets.
    too_short = bool(metric.get("too_short"))
    measures = [] if too_short else _measures(metric, targets)
    words = _num(metric.get("words"))
    sentences = _num(metric.get("sentences"))
    avg = _num(metric.get("avg_sentence_words"))
    return ReadabilityView(
        reading_age=_fmt(age),
        reading_age_value=age,
        target=_fmt(target, 0),
        verdict=reading_age_verdict(age, target),
        aim=reading_age_aim(target),
        meets=age <= target,
        words=plural(int(words), "word") if words is not None else "",
        sentences=plural(int(sentences), "sentence") if sentences is not None else "",
        avg_sentence=_fmt(avg) if avg is not None else "",
        too_short=too_short,
        note=str(metric.get("note") or ""),
        measures=measures,
        chart=None if too_short else _chart(sections, target),
    )


def _chart(sections: list[SectionView], target: float) -> ChartView | None:
    rows = [s for s in sections if s.reading_age_value is not None]
    if not rows:
        return None
    top = max([target, *(s.reading_age_value or 0 for s in rows)])
    # Room after the longest bar for its value.
    scale_max = float(max(20, math.ceil((top + 2) / 5) * 5))
    width = 400.0  # bar area width in chart units
    bars = []
    for i, s in enumerate(rows):
        value = s.reading_age_value or 0.0
        bars.append(Bar(
            label=excerpt(s.title, CHART_LABEL),  # the table below has the full title
            value=value,
            value_text=_fmt(value),
            over=value > target,
            y=i * 30.0 + 4,
            width=max(1.0, value / scale_max * width),
            href="#" + s.anchor if s.anchor else "",
        ))
    ticks = [(v / scale_max * width, str(v)) for v in range(0, int(scale_max) + 1, 5)]
    return ChartView(bars, target, target / scale_max * width, scale_max,
                     len(bars) * 30.0 + 8, ticks)


def _framing(metric: Any, place: Callable[[Any, Any], str] | None = None
             ) -> FramingView | None:
    if not isinstance(metric, dict) or not isinstance(metric.get("counts"), dict):
        return None
    counts = {k: int(_num(metric["counts"].get(k)) or 0) for k, _, _ in FRAMING_KINDS}
    total = sum(counts.values())
    shares = metric.get("shares") if isinstance(metric.get("shares"), dict) else {}
    kinds = []
    x = 0.0
    for key, name, meaning in FRAMING_KINDS:
        share = _num(shares.get(key))
        if share is None:
            share = counts[key] / total if total else 0.0
        kinds.append({
            "key": key, "name": name, "meaning": meaning, "count": counts[key],
            "share": _percent(share), "x": x, "width": share * 100,
        })
        x += share * 100
    ladder_raw = metric.get("ladder") if isinstance(metric.get("ladder"), dict) else {}
    step_value = _num(ladder_raw.get("step"))
    step = int(step_value) if step_value is not None and 1 <= step_value <= 8 else None
    step_name = ""
    if step is not None:
        step_name = str(ladder_raw.get("name") or LADDER[step - 1][1]).capitalize()
    ladder = [
        {"step": n, "name": name, "meaning": meaning, "current": n == step}
        for n, name, meaning in reversed(LADDER)
    ]
    examples_raw = metric.get("examples") if isinstance(metric.get("examples"), dict) else {}
    examples = []
    for key, name, _ in FRAMING_KINDS:
        ex = examples_raw.get(key)
        if isinstance(ex, dict) and ex.get("text"):
            where = place(ex.get("offset"), ex.get("line")) if place is not None else (
                f"line {ex['line']}" if isinstance(ex.get("line"), int) else "")
            examples.append({"name": name, "text": excerpt(str(ex["text"]), 300),
                             "line": ex.get("line"), "place": where})
    framed = counts["to"] + counts["for"] + counts["together"]
    if not total:
        summary = "plainlint found no sentences to sort."
    elif not framed:
        summary = (f"None of the {plural(total, 'sentence')} does things to or for people, "
                   "or with them.")
    else:
        def verb(n: int, one: str, many: str) -> str:
            return f"{n:,} {one if n == 1 else many}"

        summary = (f"Of {plural(total, 'sentence')}, "
                   f"{verb(counts['to'], 'does', 'do')} things to people, "
                   f"{verb(counts['for'], 'does', 'do')} things for people and "
                   f"{verb(counts['together'], 'works', 'work')} with people.")
    unplaced = "step" in ladder_raw and ladder_raw["step"] is None  # tried: too little evidence
    reason = str(ladder_raw.get("reason") or "")
    if unplaced and not reason:
        reason = "There is not enough evidence in the document to place it."
    return FramingView(total, kinds, step, step_name, full_stop(reason) if reason else "",
                       ladder, examples, summary, unplaced)


# -- the document view ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rule_docs() -> dict[str, tuple[str, str]]:
    from plainlint.rules import builtin

    try:
        return {r.id: (r.docs.what, r.docs.instead) for r in builtin()}
    except Exception:  # rule files are checked elsewhere; a report still renders without docs
        return {}


@lru_cache(maxsize=1)
def _glossary_entries() -> dict[str, Any]:
    from plainlint import glossary
    from plainlint.glossary import term_key

    try:
        return {term_key(e.term): e for e in glossary.load().entries}
    except Exception:
        return {}


def as_written(term: str | None, text: str) -> str:
    """A flagged word as the document has it ("i.e."), not as the word list spells it ("ie");
    the word list's form when they differ only in capitals ("prior to" for "Prior to")."""
    if not term:
        return text
    return term if text.lower() == term.lower() or not text else text


def _entries(findings: list[FindingView]) -> list[Entry]:
    grouped: dict[tuple[str, str], list[FindingView]] = {}
    for fv in findings:
        key = (fv.term.lower() if fv.term else fv.message, fv.severity)
        grouped.setdefault(key, []).append(fv)
    out = []
    for fs in grouped.values():
        first = fs[0]
        # The source's own words ("i.e."), not the word list's spelling of the term ("ie").
        out.append(Entry(first.severity, first.severity_name, as_written(first.term, first.text),
                         first.message, first.tries, fs))
    return out


def _alternatives(entry: Any) -> list[str]:
    from plainlint.glossary import advice_text, is_advice

    return [advice_text(a) if is_advice(a) else a for a in entry.alternatives]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _finding_place(f: Finding) -> str:
    if f.location is not None:
        from plainlint.locations import describe

        return _capital(describe(f.location))
    return f"Line {f.line}"


def _also(f: Finding, located: bool) -> str:
    """"also on lines 4 and 9" from a finding's ``related`` places, if it has any."""
    related = getattr(f, "related", None) or (f.data or {}).get("related")
    if not isinstance(related, (list, tuple)) or not related:
        return ""
    places: list[str] = []
    lines: list[int] = []
    for r in related:
        if isinstance(r, dict):
            if located and isinstance(r.get("location"), dict):
                from plainlint.locations import describe

                places.append(describe(r["location"]))
            elif isinstance(r.get("line"), int):
                lines.append(r["line"])
        elif isinstance(r, int) and not isinstance(r, bool):
            lines.append(r)
    if lines:
        shown = sorted(set(lines))
        return f"Also on {'line' if len(shown) == 1 else 'lines'} " + and_list(
            [str(n) for n in shown]) + "."
    return "Also in " + and_list(places) + "." if places else ""


def text_bounds(source: str) -> tuple[int, int, bool]:
    """Where a text's first and last non-blank characters are, and whether it has more than
    one line between them: worked out once per document, not per finding."""
    body = source.strip()
    start = len(source) - len(source.lstrip())
    return start, start + len(body), "\n" in body or "\r" in body


def is_whole_document(f: Finding, source: str | None,
                      bounds: tuple[int, int, bool] | None = None) -> bool:
    """A finding about the whole document (its reading age), not a place in it: it says so
    (``data.scope``), or its span is the whole text and more than one line of it (a word that
    is all a one-line document says is still marked on that word)."""
    data = f.data or {}
    if data.get("scope") == "document" or data.get("level") == "document":
        return True
    if not source or f.end_offset <= f.offset:
        return False
    start, end, lines = bounds or text_bounds(source)
    return lines and f.offset <= start and f.end_offset >= end


def _finding_view(n: int, f: Finding, prefix: str) -> FindingView:
    names = SEVERITY_NAMES[f.severity]
    return FindingView(
        n=n,
        rule=f.rule,
        rule_title=rule_title(f.rule),
        label=RULE_LABELS.get(f.rule) or rule_title(f.rule),
        severity=f.severity.label,
        severity_name=names[0],
        message=f.message,
        tries=[s.text for s in f.suggestions],
        line=f.line,
        column=f.column,
        text=excerpt(f.text),
        term=f.term,
        place=_finding_place(f),
        hl_id=f"{prefix}h{n}",
        item_id=f"{prefix}i{n}",
        note_id=f"{prefix}n{n}",
        also=_also(f, f.location is not None),
    )


def document_view(
    result: FileResult,
    *,
    text: str | None = None,
    page: str = "",
    prefix: str = "",
) -> DocumentView:
    """Everything a document's page shows, as plain data.

    ``text`` is the text the findings' offsets refer to; it is only needed when
    ``result.document`` is not kept. ``prefix`` keeps ids unique when several documents share
    a page.
    """
    from plainlint.glossary import term_key

    raw = sorted(result.findings, key=lambda f: f.sort_key)
    findings = [_finding_view(i, f, prefix) for i, f in enumerate(raw, 1)]
    entries = _glossary_entries()
    for fv in findings:
        entry = entries.get(term_key(fv.term)) if fv.term else None
        fv.note = fv.message
        if entry is not None and entry.explanation and fv.message.endswith(entry.explanation):
            fv.note = fv.message[: -len(entry.explanation)].rstrip().rstrip(":") + "."
    passages, doc_sections, text_available, source = _build_passages(result, text)
    lines = LineIndex(source)
    bounds = text_bounds(source)
    for fv, f in zip(findings, raw, strict=True):
        fv.whole = is_whole_document(f, source, bounds)
    placed = [(fv, f) for fv, f in zip(findings, raw, strict=True) if not fv.whole]
    outside = (_place(passages, [fv for fv, _ in placed], [f for _, f in placed])
               if passages else [fv for fv, _ in placed])

    # Sections: from the document's headings, or one section for the whole text.
    sections: list[SectionView] = []
    heading_anchor: dict[int, str] = {}
    located = result.document is not None and "locator" in result.document.meta

    def place(offset: Any, line: Any) -> str:
        """Where an offset (or, without one, a line) is, in words: "line 12", "paragraph 4"."""
        if result.document is not None and isinstance(offset, int):
            return str(result.document.place(offset))
        return f"line {line}" if isinstance(line, int) and not located else ""

    for s in doc_sections:
        anchor = f"{prefix}sec-{s.index}"
        line = None
        where = ""
        if s.heading is not None and result.document is not None:
            block = result.document.blocks[s.heading]
            start = block.map.source_start(0)
            line = lines.position(start)[0]
            where = place(start, line)
            heading_anchor[s.heading] = anchor
        title = s.title or ("Before the first heading" if len(doc_sections) > 1
                            else "The whole document")
        sections.append(SectionView(s.index, title, s.level, line,
                                    anchor if s.heading is not None else "", where))
    if not sections:
        sections.append(SectionView(0, "The whole document", 0, None, ""))
    by_index = {s.index: s for s in sections}
    for fv in findings:
        if fv.section not in by_index:
            fv.section = sections[0].index

    # Section headings in the text carry the anchors the section table links to.
    section_lines = {s.line: s for s in sections if s.line is not None}
    out_passages: list[PassageView] = []
    for p in passages:
        line = lines.position(p.lo)[0]
        anchor = ""
        if p.kind == "heading" and line in section_lines:
            anchor = section_lines[line].anchor
        out_passages.append(PassageView(p.kind, p.level, _tokens(p), line, p.section, anchor,
                                        p.row))

    # Reading age per section, matched to the document's sections by heading line.
    metrics = result.metrics or {}
    readability = metrics.get("readability")
    if isinstance(readability, dict) and isinstance(readability.get("sections"), list) and (
            not readability.get("too_short")):
        target = _num((readability.get("targets") or {}).get("reading_age")) \
            if isinstance(readability.get("targets"), dict) else None
        target = target or TARGET_READING_AGE
        for ms in readability["sections"]:
            if not isinstance(ms, dict):
                continue
            age = _num(ms.get("reading_age"))
            match = section_lines.get(ms.get("line")) if ms.get("line") is not None else None
            if match is None and not ms.get("title"):
                match = next((s for s in sections if s.line is None), None)
            if match is None:
                match = SectionView(len(sections), str(ms.get("title") or "Untitled section"),
                                    int(_num(ms.get("level")) or 0), ms.get("line"), "")
                sections.append(match)
            if age is not None:
                match.reading_age = _fmt(age)
                match.reading_age_value = age
                match.over_target = age > target
            words = _num(ms.get("words"))
            match.words = int(words) if words is not None else None
    # Counted after the measured sections are added: a section known only from the metrics
    # (a result without its document) still has a count of each severity, if only 0.
    counts = Counter(fv.severity for fv in findings)
    sev_counts = {s.label: counts.get(s.label, 0) for s in sorted(Severity, reverse=True)}
    per_section: dict[int, Counter[str]] = defaultdict(Counter)
    for fv in findings:
        per_section[fv.section][fv.severity] += 1
    for s in sections:
        c = per_section.get(s.index, Counter())
        s.counts = {k: c.get(k, 0) for k in sev_counts}
        s.total = sum(c.values())
    read_view = _readability(readability, sections)

    # Findings grouped by rule, then by section.
    docs = _rule_docs()
    groups: list[RuleGroup] = []
    per_rule: dict[str, list[FindingView]] = defaultdict(list)
    for fv in findings:
        per_rule[fv.rule].append(fv)
    for rule, items in sorted(per_rule.items(),
                              key=lambda kv: (-max(Severity.parse(f.severity) for f in kv[1]),
                                              -len(kv[1]), kv[0])):
        by_section: dict[int, list[FindingView]] = defaultdict(list)
        for fv in items:
            by_section[fv.section].append(fv)
        what, instead = docs.get(rule, ("", ""))
        worst = max(Severity.parse(f.severity) for f in items)
        groups.append(RuleGroup(
            rule, rule_title(rule), what, instead, worst.label, len(items),
            f"{prefix}rule-{rule}",
            [(by_index.get(i, sections[0]), _entries(fs)) for i, fs in sorted(by_section.items())],
        ))
    by_rule = [{"rule": g.rule, "title": g.title, "count": g.count, "severity": g.severity,
                "anchor": g.anchor, "what": excerpt(g.what, 200)} for g in groups]

    # Glossary terms the document uses.
    term_uses: dict[str, list[FindingView]] = defaultdict(list)
    for fv in findings:
        if fv.term:
            term_uses[term_key(fv.term)].append(fv)
    terms: list[TermView] = []
    for key, uses in term_uses.items():
        first = uses[0]
        entry = entries.get(key)
        if entry is not None:
            alts = _alternatives(entry)
            explanation, note = entry.explanation, entry.note
        else:
            alts, explanation, note = first.tries, first.message, ""
        link = next((f"#{u.hl_id}" for u in uses if u.in_text), "")
        terms.append(TermView(as_written(first.term, first.text), first.rule_title, explanation,
                              alts, note, len(uses), link))
    terms.sort(key=lambda t: t.term.lower())

    total = len(findings)
    if total == 0:
        headline = "plainlint found nothing to change."
    else:
        parts = [plural(n, SEVERITY_NAMES[Severity.parse(k)][0].lower())
                 for k, n in sev_counts.items() if n]
        listed = and_list(parts)
        headline = f"plainlint found {plural(total, 'thing')} to change: {listed}."

    filters = {
        "severities": [{"value": k, "name": SEVERITY_NAMES[Severity.parse(k)][1], "count": n}
                       for k, n in sev_counts.items() if n],
        "rules": [{"value": g.rule, "name": g.title, "count": g.count} for g in groups],
    }
    text_note = "" if text_available else (
        "The text of this document was not kept, so the problems are listed below without it.")
    title = document_title(result)
    if title is None:
        first_heading = next((p for p in passages if p.kind in ("heading", "title")), None)
        if first_heading is not None:
            title = excerpt(first_heading.text.replace(MASK, ""), 90)
    title = title or result.path
    return DocumentView(
        path=result.path,
        title=title,
        format=result.format,
        page=page,
        prefix=prefix,
        findings=findings,
        counts=sev_counts,
        total=total,
        headline=headline,
        text_available=text_available,
        text_note=text_note,
        passages=out_passages,
        outside=outside,
        rule_groups=groups,
        by_rule=by_rule,
        sections=sections,
        terms=terms,
        readability=read_view,
        framing=_framing(metrics.get("framing"), place),
        filters=filters,
        pre_line=result.document is None or result.format not in ("markdown", "html"),
        words=int(_num(readability.get("words")) or 0) if isinstance(readability, dict)
        and _num(readability.get("words")) is not None else None,
        located=located or any(f.location is not None for f in raw),
        whole=[fv for fv in findings if fv.whole],
    )


# -- the index --------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)"
    r"|\+\+\+[ \t]*\r?\n(?P<toml>.*?)\r?\n\+\+\+)[ \t]*(?:\r?\n|\Z)", re.S)
_YAML_TITLE = re.compile(r"^title[ \t]*:[ \t]*(.+?)[ \t]*$", re.M)
_TOML_TITLE = re.compile(r"^title[ \t]*=[ \t]*(.+?)[ \t]*$", re.M)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def front_matter_title(source: str) -> str | None:
    """The ``title`` in a page's YAML (``---``) or TOML (``+++``) front matter, if any."""
    m = _FRONT_MATTER.match(source)
    if m is None:
        return None
    yaml, toml = m.group("yaml"), m.group("toml")
    t = _YAML_TITLE.search(yaml) if yaml is not None else _TOML_TITLE.search(toml or "")
    if t is None:
        return None
    value = _unquote(t.group(1).strip())
    return value if value and value not in ("|", ">") else None


def document_title(result: FileResult) -> str | None:
    """What a writer calls the document: the ``title`` plainlint's JSON gives a file, else its
    front matter's ``title``, else its first heading (or HTML ``<title>``). None: none known."""
    given = getattr(result, "title", None)
    if isinstance(given, str) and given.strip():
        return excerpt(given, 90)
    document = result.document
    source = document.source.text if document is not None else result.text
    if source and result.format == "markdown":
        found = front_matter_title(source)
        if found:
            return excerpt(found, 90)
    if document is not None:
        for block in document.blocks:
            if block.kind.value in ("heading", "title") and block.text.strip():
                return excerpt(block.text.replace(MASK, ""), 90) or None
    return None



@dataclass
class IndexRow:
    path: str
    href: str
    title: str
    reading_age: float | None
    fre: float | None
    passive: float | None
    long: float | None
    complex: float | None
    step: int | None
    step_name: str
    counts: dict[str, int]
    total: int
    words: int | None
    meets: bool | None
    too_short: bool = False  # too few words for a reading age: none is shown or averaged
    over: float | None = None  # reading age less its target (over the target when positive)
    unplaced: str = ""  # why the ladder gave no step, when it was tried and could not
    short_path: str = ""  # the path shortened to fit the column; the full path shows on focus

    @property
    def worst_first(self) -> tuple[float, int, int, int, str]:
        """Where to start: furthest over the reading-age target, then most errors, warnings
        and suggestions."""
        return (-max(self.over or 0.0, 0.0), -self.counts.get("error", 0),
                -self.counts.get("warning", 0), -self.counts.get("suggestion", 0),
                self.path.lower())


@dataclass
class IndexView:
    rows: list[IndexRow]
    terms: list[dict[str, Any]]
    sentences: list[dict[str, Any]]
    totals: dict[str, Any]
    errors: list[FileError]
    headline: str
    has_readability: bool
    has_framing: bool
    measured_text: str = ""  # "2 of 3 documents meet their target"


def _share_cell(value: float | None) -> str:
    return _percent(value) if value is not None else ""


def _hardest(flagged: dict[int, tuple[int, Finding]], path: str, here: str, title: str = ""
             ) -> list[tuple[tuple[float, int], dict[str, Any]]]:
    """A document's long and hard sentences, each with a sort key (reading age, words)."""
    out: list[tuple[tuple[float, int], dict[str, Any]]] = []
    for n, f in flagged.values():
        data = f.data or {}
        words = int(_num(data.get("words")) or _num(data.get("count")) or len(f.text.split()))
        out.append(((_num(data.get("reading_age")) or 0.0, words), {
            "text": excerpt(f.text, 400), "path": path, "title": title or path,
            "href": f"{here}h{n}",
            "why": f.message, "words": words, "rule": rule_title(f.rule),
        }))
    return out


def index_view(result: RunResult, pages: Sequence[str],
               prefixes: Sequence[str] | None = None) -> IndexView:
    """The view across every document: ``pages[i]`` is where ``result.files[i]`` is shown.

    With ``prefixes`` every document is on this same page, its ids starting with its prefix.
    """
    from plainlint.glossary import term_key

    rows: list[IndexRow] = []
    term_counts: Counter[tuple[str, str]] = Counter()
    term_docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    term_first: dict[tuple[str, str], tuple[str, list[str]]] = {}
    sentences: list[tuple[tuple[float, int], dict[str, Any]]] = []
    refused = {e.path for e in result.errors}
    for i, (r, page) in enumerate(zip(result.files, pages, strict=True)):
        if r.path in refused:  # listed apart, with the reason; never measured or quoted
            continue
        here = f"#{prefixes[i]}" if prefixes is not None else f"{page}#"
        m = r.metrics or {}
        read = m.get("readability") if isinstance(m.get("readability"), dict) else {}
        frame = m.get("framing") if isinstance(m.get("framing"), dict) else {}
        ladder = frame.get("ladder") if isinstance(frame.get("ladder"), dict) else {}
        step = _num(ladder.get("step"))
        if step is not None and not 1 <= step <= 8:
            step = None
        unplaced = ""
        if "step" in ladder and ladder["step"] is None:  # tried, with too little evidence
            unplaced = full_stop(str(ladder.get("reason") or "not enough evidence"))
        counts = Counter(f.severity.label for f in r.findings)
        too_short = bool(read.get("too_short"))
        age = None if too_short else _num(read.get("reading_age"))
        targets = read.get("targets") if isinstance(read.get("targets"), dict) else {}
        target = _num(targets.get("reading_age")) or TARGET_READING_AGE
        words = _num(read.get("words"))
        rows.append(IndexRow(
            path=r.path,
            href=page,
            title=document_title(r) or r.path,
            reading_age=age,
            fre=None if too_short else _num(read.get("flesch_reading_ease")),
            passive=_num(read.get("passive_share")),
            long=_num(read.get("long_sentence_share")),
            complex=_num(read.get("complex_word_share")),
            step=int(step) if step is not None else None,
            step_name=str(ladder.get("name") or (LADDER[int(step) - 1][1] if step and
                                                1 <= step <= 8 else "")).capitalize(),
            counts={s.label: counts.get(s.label, 0) for s in sorted(Severity, reverse=True)},
            total=len(r.findings),
            words=int(words) if words is not None else None,
            meets=None if age is None else age <= target,
            too_short=too_short,
            over=None if age is None else age - target,
            unplaced=unplaced,
            short_path=middle_cut(r.path, PATH_SHOWN),
        ))
        numbered = sorted(r.findings, key=lambda f: f.sort_key)
        flagged: dict[int, tuple[int, Finding]] = {}  # a sentence's first finding, by offset
        for n, f in enumerate(numbered, 1):
            if f.term:
                key = (term_key(f.term), f.rule)
                term_counts[key] += 1
                term_docs[key].add(r.path)
                # The source's own words ("i.e."), not the word list's spelling ("ie").
                term_first.setdefault(key, (as_written(f.term, f.text),
                                            [s.text for s in f.suggestions]))
            if f.rule in SENTENCE_RULES and r.path not in refused:
                flagged.setdefault(f.offset, (n, f))
        sentences.extend(_hardest(flagged, r.path, here, rows[-1].title))
    entries = _glossary_entries()
    terms = []
    for key, count in term_counts.most_common():
        if len(terms) >= TOP_TERMS:
            break
        term, tries = term_first[key]
        entry = entries.get(key[0])
        if entry is not None and entry.alternatives:
            tries = _alternatives(entry)
        terms.append({"term": term, "rule": rule_title(key[1]), "count": count,
                      "documents": len(term_docs[key]), "tries": tries[:4]})
    sentences.sort(key=lambda s: s[0], reverse=True)
    ages = [row.reading_age for row in rows if row.reading_age is not None]
    words_total = sum(row.words or 0 for row in rows)
    counts_total = Counter(f.severity.label for f in result.findings)
    by_sev = {s.label: counts_total.get(s.label, 0) for s in sorted(Severity, reverse=True)}
    totals = {
        "documents": len(rows),
        "errors": len(result.errors),
        "findings": len(result.findings),
        "by_severity": by_sev,
        "words": words_total if any(row.words is not None for row in rows) else None,
        "average_age": _fmt(sum(ages) / len(ages)) if ages else "",
        "meeting_target": sum(1 for row in rows if row.meets),
        "measured": len(ages),
        "with_findings": sum(1 for row in rows if row.total),
    }
    measured = len(ages)
    meeting = totals["meeting_target"]
    if measured == 1:
        measured_text = ("it meets its target" if meeting else "it does not meet its target")
    elif meeting == measured:
        measured_text = f"all {measured} measured documents meet their target"
    elif meeting == 0:
        measured_text = f"none of the {measured} measured documents meets its target"
    else:
        measured_text = (f"{meeting} of the {measured} measured documents "
                         f"{'meets its' if meeting == 1 else 'meet their'} target")
    n = len(result.findings)
    headline = (f"plainlint checked {plural(len(rows), 'document')} and found "
                f"{plural(n, 'thing')} to change." if rows else "plainlint checked no documents.")
    return IndexView(
        rows=sorted(rows, key=lambda row: row.worst_first),
        terms=terms,
        sentences=[s for _, s in sentences[:TOP_SENTENCES]],
        totals=totals,
        errors=list(result.errors),
        headline=headline,
        has_readability=any(row.reading_age is not None or row.too_short for row in rows),
        has_framing=any(row.step is not None or row.unplaced for row in rows),
        measured_text=measured_text,
    )


# -- rendering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assets:
    css: Any
    js: Any
    csp: str


def make_environment(*extra_folders: Path) -> Any:
    """The report's Jinja2 environment: its templates (after any ``extra_folders``, which
    ``plainlint serve`` uses for its own pages) and its helpers."""
    import jinja2

    from plainlint.resources import reports_dir

    folders = [*extra_folders, reports_dir()]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(f)) for f in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["share"] = _share_cell
    env.globals["fmt"] = lambda v, d=1: "" if v is None else _fmt(v, d)
    env.globals["plural"] = plural
    env.globals["full_stop"] = full_stop
    return env


@lru_cache(maxsize=1)
def _environment() -> Any:
    return make_environment()


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=1)
def assets() -> Assets:
    """The inline stylesheet and script, and a Content-Security-Policy allowing only them."""
    from markupsafe import Markup

    from plainlint.resources import reports_dir

    css = (reports_dir() / "report.css").read_text(encoding="utf-8")
    js = (reports_dir() / "report.js").read_text(encoding="utf-8")
    for name, body, tag in (("report.css", css, "</style"), ("report.js", js, "</script")):
        if tag in body.lower():
            raise ValueError(f"{name} must not contain {tag}")
    csp = (
        "default-src 'none'; "
        f"style-src {_hash(css)}; "
        f"script-src {_hash(js)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    return Assets(Markup(css), Markup(js), csp)


def generated_on() -> str:
    """Today's date in words, or the date in SOURCE_DATE_EPOCH for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        day = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).date()
    else:
        day = _dt.date.today()
    return f"{day.day} {day:%B %Y}"


def _page(template: str, **context: Any) -> str:
    env = _environment()
    a = assets()
    return env.get_template(template).render(
        css=a.css, js=a.js, csp=a.csp, version=__version__, generated=generated_on(),
        **context,
    )


def render_document(view: DocumentView, index_href: str = "") -> str:
    return _page("document.html.j2", doc=view, index_href=index_href)


def render_index(view: IndexView, title: str = "plainlint report") -> str:
    return _page("index.html.j2", index=view, title=title)


def render_combined(index: IndexView, docs: list[DocumentView],
                    title: str = "plainlint report") -> str:
    return _page("combined.html.j2", index=index, docs=docs, title=title)


def render(result: RunResult, options: ReportOptions) -> str:
    """One page: a document's page for one file, or every document on one page."""
    if len(result.files) == 1 and not result.errors:
        return render_document(document_view(result.files[0]))
    prefixes = [f"d{i}-" for i in range(1, len(result.files) + 1)]
    docs = [document_view(r, prefix=f"d{i}-") for i, r in enumerate(result.files, 1)]
    pages = [f"#{prefix}title" for prefix in prefixes]
    return render_combined(index_view(result, pages, prefixes), docs)


# -- a folder of pages ------------------------------------------------------------------------


def slug(name: str) -> str:
    """A readable, safe file-name stem: ``docs/Adult Care.md`` -> ``docs-adult-care-md``."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower())
    stem = "-".join(w for w in words if w not in ("", ".."))[:80].strip("-")
    return stem or "document"


def _relative_to_common_folder(paths: list[str]) -> list[str]:
    """Paths without the folders they all share: ``docs/a.md``, ``docs/b.md`` -> ``a.md``..."""
    parts = [p.replace("\\", "/").split("/") for p in paths]
    common = 0
    if parts:
        folders = [q[:-1] for q in parts]
        shortest = min(len(f) for f in folders)
        while common < shortest and len({f[common] for f in folders}) == 1:
            common += 1
    return ["/".join(q[common:]) for q in parts]


def page_names(paths: Iterable[str]) -> list[str]:
    """A stable, readable, unique page file name for each document path.

    The name comes from the path below the folder all the documents share, so a document
    keeps its page name from run to run over the same folder; when two paths give the same
    name, each gets a short fingerprint of its full path.
    """
    paths = list(paths)
    shown = _relative_to_common_folder(paths)
    stems = [slug(p if p != "-" else "stdin") for p in shown]
    taken = Counter(stems)
    out = []
    for p, stem in zip(paths, stems, strict=True):
        if taken[stem] > 1 or stem == "index":
            stem = f"{stem}-{hashlib.sha256(p.encode('utf-8')).hexdigest()[:8]}"
        out.append(stem + ".html")
    return out


def write_report(
    result: RunResult,
    out_dir: str | os.PathLike[str],
    *,
    title: str = "plainlint report",
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Path]:
    """Write ``index.html`` and one page per document into ``out_dir``; return the files.

    Every file is written atomically. Nothing else in the folder is touched.
    """
    from plainlint.fsutil import atomic_write

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    names = page_names(r.path for r in result.files)
    written: list[Path] = []
    for i, (r, name) in enumerate(zip(result.files, names, strict=True), 1):
        view = document_view(r, page=name)
        atomic_write(folder / name, render_document(view, index_href="index.html"))
        written.append(folder / name)
        if progress is not None:
            progress(i, len(names), r.path)
    index = folder / "index.html"
    atomic_write(index, render_index(index_view(result, names), title=title))
    written.insert(0, index)
    return written
