"""Benchmark re-checking a document after one paragraph is edited, with a warm cache.

    python benchmarks/edited.py                  # 20,000 words, 3 runs each, medians
    python benchmarks/edited.py --words 5000 --runs 5

The document is the benchmark corpus's council-style Markdown (benchmarks/corpus.py). The cold
run checks it with ``--no-cache``; then it is checked once with the cache, and each edited run
adds a sentence to a different paragraph and checks the document again with that cache. Each
run is a fresh process (start-up included), timed from start to exit. Last, the edited text is
checked with other settings (`--ignore`), which its cached result cannot answer but its kept
analyses can. This is a script, not a test: timings depend on the machine and are never
asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import document
from run import measure

EDIT = " We will assess each resident before we allocate a place."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plainlint-args", default="",
                        help="extra arguments for plainlint check, e.g. '--jobs 1'")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="plainlint-edited-"))
    path = root / "doc.md"
    text = document(args.words, seed=args.words)
    path.write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-m", "plainlint", "check", *args.plainlint_args.split(), "doc.md"]
    print(f"{args.words:,} words; load average at start: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    cold = [measure([*cmd, "--no-cache"], root) for _ in range(args.runs)]
    measure(cmd, root)  # fill the cache
    paragraphs = [i for i, p in enumerate(text.split("\n\n")) if p and p[0].isalpha()]
    edited = []
    for n in range(args.runs):
        parts = text.split("\n\n")
        k = paragraphs[(n + 1) * len(paragraphs) // (args.runs + 1)]
        parts[k] = parts[k].rstrip("\n") + EDIT
        path.write_text("\n\n".join(parts), encoding="utf-8")
        edited.append(measure(cmd, root))
    cold_wall = statistics.median(w for w, *_ in cold)
    edit_wall = statistics.median(w for w, *_ in edited)
    print(f"cold (--no-cache): {cold_wall:6.2f} s wall, "
          f"{statistics.median(c for _, _, c, _ in cold):6.2f} s CPU, "
          f"{max(m for _, m, _, _ in cold):5.0f} MB")
    print(f"one paragraph edited, warm cache: {edit_wall:6.2f} s wall, "
          f"{statistics.median(c for _, _, c, _ in edited):6.2f} s CPU "
          f"({100 * edit_wall / cold_wall:.0f}% of cold)")
    # The last edited text, checked with other settings: its result is not cached, but every
    # analysis it needs is (the facts), so spaCy is not loaded at all.
    others = ["jargon", "latin", "and-or", "all-caps", "acronym", "plain-words", "long-sentence"]
    other = [measure([*cmd, "--ignore", others[n % len(others)]], root)
             for n in range(args.runs)]
    other_wall = statistics.median(w for w, *_ in other)
    print(f"same text, other settings, warm cache: {other_wall:6.2f} s wall "
          f"({100 * other_wall / cold_wall:.0f}% of cold)")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
