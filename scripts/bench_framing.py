#!/usr/bin/env python3
"""Time the framing check on council-style Markdown.

    python scripts/bench_framing.py [FILES...] [--words N]

Builds one document of about N words (default 10,000) from the given Markdown files (default:
examples/*.md plus the labelled framing sentences as paragraphs, a worst case: nearly every
sentence is a framing candidate), then times plainlint on it
with the framing rules only, with no rules, and with every rule, after loading the pipeline.
Prints seconds, milliseconds per 1,000 words, and how many sentences were parsed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plainlint.api import check_text  # noqa: E402
from plainlint.textutil import count_words  # noqa: E402


def corpus(files: list[Path], with_labelled: bool) -> str:
    parts = [f.read_text(encoding="utf-8") for f in files]
    if not with_labelled:
        return "\n\n".join(parts)
    labelled = ROOT / "tests" / "data" / "framing_labelled.tsv"
    sentences = [line.split("\t")[2] for line in labelled.read_text(encoding="utf-8").splitlines()
                 if line.count("\t") == 2 and not line.startswith(("#", "label"))]
    for i in range(0, len(sentences), 5):
        parts.append(" ".join(sentences[i:i + 5]))
    return "\n\n".join(parts)


def timed(text: str, select: list[str] | None) -> tuple[float, dict]:  # type: ignore[type-arg]
    start = time.perf_counter()
    result = check_text(text, fmt="markdown", select=select)
    return time.perf_counter() - start, result.metrics.get("framing", {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "examples").glob("*.md"))
    base = corpus(files, with_labelled=not args.files)
    text = base
    while count_words(text) < args.words:
        text += "\n\n" + base
    words = count_words(text)
    check_text("We provide support to carers.", fmt="text", select=None)  # load everything
    print(f"document: {words} words")
    for label, select in (("no rules", ["unused-suppression"]), ("framing", ["framing"]),
                          ("all rules", None)):
        seconds, framing = timed(text, select)
        line = f"{label:>10}: {seconds:6.2f} s, {seconds / words * 1e6:6.0f} ms per 1,000 words"
        if framing:
            line += (f" ({framing['parsed']} of {framing['sentences']} sentences parsed, "
                     f"ladder step {framing['ladder']['step']})")
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
