#!/usr/bin/env python3
"""Print plainlint's readability quality numbers and a rough timing.

    .venv/bin/python scripts/eval_readability.py            # numbers
    .venv/bin/python scripts/eval_readability.py --errors   # and every sentence it gets wrong

- Sentence splitting: share of boundaries right on the labelled sets in tests/data (every
  missed and every extra boundary counts as wrong).
- Passive voice: sentence-level precision and recall on the labelled sets, and how many
  sentences the cheap filter sends to the parser.
- Timing: `plainlint check` on a generated council page of about 1,000 words, as a new process
  (so spaCy's import and the model load are included), and the same check again in-process.

The same scoring code runs in the tests (tests/labelled.py), which assert the quality bars.
Timings are for information: they depend on the machine and are never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import labelled  # noqa: E402


def council_page(words: int = 1000) -> str:
    """A deterministic council-style Markdown page of about ``words`` words, built from the
    labelled sentences (so it has passives, abbreviations and hard sentences to find)."""
    cases = [t for name in labelled.PASSIVE_SETS for t, _ in labelled.passive_cases(name)]
    boundary = [c.text for name in labelled.SENTENCE_SETS for c in labelled.boundary_cases(name)]
    headings = ["Paying for your care", "Bins and recycling", "Council tax", "Housing repairs",
                "Parking permits", "Libraries and leisure", "Getting help"]
    out = ["# Living in Northfield", ""]
    count, i, j = 0, 0, 0
    while count < words:
        out += [f"## {headings[(i // 12) % len(headings)]}", ""] if i % 12 == 0 else []
        para = [cases[i % len(cases)], cases[(i + 7) % len(cases)], boundary[j % len(boundary)]]
        if i % 5 == 4:
            out += [f"- {cases[(i + 3) % len(cases)].rstrip('.')}" for _ in range(1)]
            out += [f"- {cases[(i + 11) % len(cases)].rstrip('.')}", ""]
        text = " ".join(p.replace("\n", " ") for p in para)
        out += [text, ""]
        count += len(text.split())
        i += 1
        j += 1
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong sentence")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of the CLI")
    args = parser.parse_args()

    print("Sentence boundaries (labelled council sentences)")
    for name in labelled.SENTENCE_SETS:
        s = labelled.score_boundaries(name)
        print(f"  {name}: {s.cases} cases, {s.gold} boundaries: {s.accuracy:.1%} right "
              f"({s.missed} missed, {s.extra} extra)")
        if args.errors:
            for e in s.errors or []:
                print(f"    wrong: {e!r}")

    print("Passive voice (sentence level)")
    for name in labelled.PASSIVE_SETS:
        p = labelled.score_passive(name)
        print(f"  {name}: {p.sentences} sentences, {p.passives} passive: precision "
              f"{p.precision:.3f}, recall {p.recall:.3f}; the filter parsed {p.filtered} "
              f"({p.filtered / p.sentences:.0%}) and dropped {p.filter_missed} passive")
        if args.errors:
            for w in p.wrong or []:
                print(f"    {w}")

    page = council_page()
    words = len(page.split())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.md"
        path.write_text(page, encoding="utf-8")
        exe = [sys.executable, "-m", "plainlint", "check", "--no-cache", str(path)]
        times = []
        for _ in range(max(1, args.runs)):
            start = time.perf_counter()
            subprocess.run(exe, capture_output=True, cwd=tmp, check=False)
            times.append(time.perf_counter() - start)
        from plainlint.api import check_text

        check_text(page, fmt="markdown")  # load the pipelines once
        start = time.perf_counter()
        result = check_text(page, fmt="markdown")
        warm = time.perf_counter() - start
    by_rule: dict[str, int] = {}
    for f in result.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    print(f"Timing: a {words}-word council page, all rules")
    print(f"  plainlint check as a new process: median {statistics.median(times):.2f} s "
          f"over {len(times)} runs (start-up and model load included)")
    print(f"  the same check in a warm process: {warm:.2f} s")
    print(f"  findings: {dict(sorted(by_rule.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
