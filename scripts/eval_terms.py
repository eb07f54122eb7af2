#!/usr/bin/env python3
"""Measure the term rules (jargon, plain-words, person-first, latin) on labelled council prose.

Reads tests/data/terms_labelled.md (see the notes at the top of that file for how snippets are
marked up), checks every snippet with the real plainlint API and compares the findings with the
labels:

- a finding is a true positive when it overlaps a labelled span whose rules include the
  finding's rule;
- a finding that overlaps a judgement-call span (`{?rule:...}`) of its rule counts neither way;
- any other finding is a false positive;
- a labelled span that no finding of one of its rules overlaps is a false negative.

Precision is counted over findings, recall over labelled spans. The set has three parts:
snippets 1-600 whose id is a multiple of 3 are the held-out part, the other snippets up to 600
are the tuning part, and snippets from 601 on are the fresh part, written after tuning.

    .venv/bin/python scripts/eval_terms.py            # tables, then every error
    .venv/bin/python scripts/eval_terms.py --part held-out --rule latin   # one part only
    .venv/bin/python scripts/eval_terms.py --json     # numbers for tools
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "terms_labelled.md"
RULES = ("jargon", "plain-words", "person-first", "latin")
PARTS = ("tuning", "held-out", "fresh", "all")
FRESH_FROM = 601

_SNIPPET = re.compile(r"^(\d{3})\. (.+)$")
_MARK = re.compile(r"\{(\?)?([a-z|-]+):([^{}]+)\}")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    rules: tuple[str, ...]
    optional: bool

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


@dataclass
class Snippet:
    id: int
    topic: str
    text: str
    spans: list[Span]

    @property
    def part(self) -> str:
        if self.id >= FRESH_FROM:
            return "fresh"
        return "held-out" if self.id % 3 == 0 else "tuning"


@dataclass(frozen=True)
class Hit:
    """One finding of a term rule, as the evaluation sees it."""

    rule: str
    start: int
    end: int
    text: str
    term: str | None


@dataclass
class Error:
    kind: str  # "FP" or "FN"
    rule: str
    snippet: Snippet
    start: int
    end: int
    detail: str = ""

    def render(self) -> str:
        t = self.snippet.text
        shown = f"{t[: self.start]}[[{t[self.start : self.end]}]]{t[self.end :]}"
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.kind} {self.rule:12} #{self.snippet.id:03d} {shown}{extra}"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    found: int = 0  # labelled spans found (recall numerator)
    labelled: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "labelled": self.labelled,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4)}


@dataclass
class Report:
    counts: dict[str, dict[str, Counts]] = field(default_factory=dict)  # part -> rule -> Counts
    errors: list[Error] = field(default_factory=list)
    ignored: int = 0  # findings on judgement-call spans

    def add(self, part: str, rule: str) -> list[Counts]:
        out = []
        for p in (part, "all"):
            for r in (rule, "overall"):
                out.append(self.counts.setdefault(p, {}).setdefault(r, Counts()))
        return out


def parse(path: Path = DATA) -> list[Snippet]:
    """Snippets with the marks stripped and the labelled spans in clean-text offsets."""
    snippets: list[Snippet] = []
    topic = ""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("## "):
            topic = line[3:].strip()
            continue
        m = _SNIPPET.match(line)
        if not m:
            continue
        text, spans, pos = [], [], 0
        out_len = 0
        raw = m.group(2)
        for mark in _MARK.finditer(raw):
            before = raw[pos : mark.start()]
            text.append(before)
            out_len += len(before)
            rules = tuple(mark.group(2).split("|"))
            bad = [r for r in rules if r not in RULES]
            if bad:
                raise ValueError(f"{path}:{n}: unknown rule {bad[0]!r}")
            words = mark.group(3)
            spans.append(Span(out_len, out_len + len(words), rules, bool(mark.group(1))))
            text.append(words)
            out_len += len(words)
            pos = mark.end()
        text.append(raw[pos:])
        clean = "".join(text)
        if "{" in clean or "}" in clean:
            raise ValueError(f"{path}:{n}: unbalanced mark in snippet {m.group(1)}")
        snippet = Snippet(int(m.group(1)), topic, clean, spans)
        if snippets and snippet.id != snippets[-1].id + 1:
            raise ValueError(f"{path}:{n}: snippet ids must run 001, 002, ... in order")
        snippets.append(snippet)
    return snippets


def run_plainlint(snippets: Sequence[Snippet]) -> dict[int, list[Hit]]:
    """Check each snippet on its own as plain text, with only the four term rules."""
    from plainlint.api import check_text

    hits: dict[int, list[Hit]] = {}
    for s in snippets:
        result = check_text(s.text, fmt="text", select=list(RULES))
        hits[s.id] = [Hit(f.rule, f.offset, f.end_offset, f.text, f.term)
                      for f in result.findings if f.rule in RULES]
    return hits


def score(snippets: Iterable[Snippet], hits: dict[int, list[Hit]]) -> Report:
    report = Report()
    for s in snippets:
        for rule in RULES:  # every rule appears in every table, even with no labels
            report.add(s.part, rule)
        found_spans: set[int] = set()
        for h in hits.get(s.id, []):
            matching = [i for i, sp in enumerate(s.spans)
                        if sp.overlaps(h.start, h.end) and h.rule in sp.rules]
            real = [i for i in matching if not s.spans[i].optional]
            if real:
                for c in report.add(s.part, h.rule):
                    c.tp += 1
                found_spans.update(real)
            elif matching:
                report.ignored += 1
            else:
                for c in report.add(s.part, h.rule):
                    c.fp += 1
                other = [sp.rules for sp in s.spans if sp.overlaps(h.start, h.end)]
                detail = f"term {h.term!r}" + (f"; labelled {'|'.join(other[0])}" if other else "")
                report.errors.append(Error("FP", h.rule, s, h.start, h.end, detail))
        for i, sp in enumerate(s.spans):
            if sp.optional:
                continue
            rule = sp.rules[0]
            for c in report.add(s.part, rule):
                c.labelled += 1
                if i in found_spans:
                    c.found += 1
                else:
                    c.fn += 1
            if i not in found_spans:
                wrong = [h.rule for h in hits.get(s.id, []) if sp.overlaps(h.start, h.end)]
                detail = f"reported as {', '.join(wrong)}" if wrong else ""
                report.errors.append(Error("FN", "|".join(sp.rules), s, sp.start, sp.end, detail))
    return report


def evaluate(path: Path = DATA) -> Report:
    snippets = parse(path)
    return score(snippets, run_plainlint(snippets))


def table(report: Report, part: str) -> str:
    rows = [f"{part} part", f"  {'rule':13}{'TP':>5}{'FP':>5}{'FN':>5}{'spans':>7}"
            f"{'precision':>11}{'recall':>8}"]
    for rule in (*RULES, "overall"):
        c = report.counts.get(part, {}).get(rule, Counts())
        rows.append(f"  {rule:13}{c.tp:5d}{c.fp:5d}{c.fn:5d}{c.labelled:7d}"
                    f"{c.precision:11.3f}{c.recall:8.3f}")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="labelled set (Markdown)")
    parser.add_argument("--part", choices=PARTS, default="all",
                        help="show the table and errors of one part only (default: every part)")
    parser.add_argument("--rule", choices=RULES, help="list errors for one rule only")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--no-errors", action="store_true", help="tables only")
    args = parser.parse_args(argv)

    snippets = parse(args.data)
    report = score(snippets, run_plainlint(snippets))
    if args.json:
        print(json.dumps({p: {r: c.as_dict() for r, c in rules.items()}
                          for p, rules in report.counts.items()}, indent=2))
        return 0
    n_flag = sum(1 for s in snippets if any(not sp.optional for sp in s.spans))
    print(f"{len(snippets)} snippets ({n_flag} with labelled problems); "
          f"{report.ignored} findings on judgement-call spans not counted\n")
    for part in PARTS if args.part == "all" else (args.part,):
        print(table(report, part))
        print()
    if not args.no_errors:
        for kind in ("FP", "FN"):
            errs = [e for e in report.errors if e.kind == kind
                    and (args.part == "all" or e.snippet.part == args.part)
                    and (args.rule is None or args.rule in e.rule.split("|"))]
            print(f"{kind}s ({len(errs)}):")
            for e in sorted(errs, key=lambda e: (e.rule, e.snippet.id)):
                print("  " + e.render())
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
