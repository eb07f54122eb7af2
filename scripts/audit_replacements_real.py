#!/usr/bin/env python3
"""Print replacements put into their sentences on real council pages, for reading.

Checks every page in ``REALTEXT_DIR/*-docs/`` with the default rules, keeps the findings that
offer a replacement (a suggestion with words to swap in, after the fit check in
`plainlint.fixes`), draws a sample at random with a fixed seed and prints each one: the
sentence as written, then with the replacement in place. Read them all and count the ones that
read right. The pages are real council text for measurement only: nothing printed here goes
into the repository.

    .venv/bin/python scripts/audit_replacements_real.py ../shared/realtext
    .venv/bin/python scripts/audit_replacements_real.py ../shared/realtext --rule passive-voice
    .venv/bin/python scripts/audit_replacements_real.py ../shared/realtext --rule hard-sentence \\
        --all-findings --sample 50

``--rule`` keeps one rule; ``--all-findings`` samples findings whether or not they offer a
replacement (for reading sentence rules such as hard-sentence and passive-voice, whose
suggestions are advice).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plainlint.api import check_paths
from plainlint.model import Finding

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])|\n\s*\n|\n(?=\s*[-*#|>]|\s*\d+\.)")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line of a list or table) holding ``text[start:end]``."""
    lo = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        lo = m.end()
    m = _BOUNDARY.search(text, end)
    hi = m.start() if m else len(text)
    return lo, hi


def replacement_of(f: Finding) -> tuple[int, int, str] | None:
    """Where the finding's replacement goes and what it writes: the fix when there is one
    (it may take in "a"/"an" before), else the first suggestion with a replacement."""
    if f.fix is not None:
        return f.fix.offset, f.fix.end_offset, f.fix.replacement
    for s in f.suggestions:
        if s.replacement:
            return f.offset, f.end_offset, s.replacement
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("realtext", nargs="?", default=str(
        Path(__file__).resolve().parent.parent.parent / "shared" / "realtext"),
        help="the realtext folder (default: ../shared/realtext from the repository root)")
    ap.add_argument("--sample", type=int, default=200, help="how many to draw (200)")
    ap.add_argument("--seed", type=int, default=16, help="random seed (16)")
    ap.add_argument("--rule", help="only this rule")
    ap.add_argument("--all-findings", action="store_true",
                    help="sample every finding, not only those with a replacement")
    args = ap.parse_args()
    root = Path(args.realtext)
    pages = sorted(p for d in root.glob("*-docs") if d.is_dir() for p in d.iterdir()
                   if p.is_file())
    if not pages:
        print(f"audit_replacements_real: no pages in {root}/*-docs/", file=sys.stderr)
        return 2
    result = check_paths([str(p) for p in pages])
    pool: list[tuple[str, str, Finding]] = []
    for fr in result.files:
        text = Path(fr.path).read_text(encoding="utf-8", errors="replace")
        for f in fr.findings:
            if args.rule and f.rule != args.rule:
                continue
            if not args.all_findings and replacement_of(f) is None:
                continue
            pool.append((fr.path, text, f))
    n = min(args.sample, len(pool))
    chosen = random.Random(args.seed).sample(pool, n)
    chosen.sort(key=lambda x: (x[0], x[2].offset))
    print(f"{len(pool)} findings in {len(pages)} pages; {n} drawn (seed {args.seed})\n")
    for i, (path, text, f) in enumerate(chosen, 1):
        lo, hi = sentence_around(text, f.offset, f.end_offset)
        before = " ".join(text[lo:hi].split())
        print(f"{i}. [{f.rule}] {Path(path).name}:{f.line}  “{f.text}”")
        print(f"   as written: {before}")
        rep = replacement_of(f)
        if rep is not None:
            start, end, new = rep
            a, b = min(lo, start), max(hi, end)
            after = " ".join((text[a:start] + "⟦" + new + "⟧" + text[end:b]).split())
            print(f"   replaced:   {after}")
        else:
            print(f"   message:    {f.message}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
