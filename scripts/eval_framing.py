#!/usr/bin/env python3
"""Measure the framing classifier on labelled sentences.

    python scripts/eval_framing.py                       # the main labelled set
    python scripts/eval_framing.py tests/data/framing_heldout.tsv
    python scripts/eval_framing.py --errors              # also list every wrong answer

Prints precision and recall per label, the confusion matrix (rows: the label we wrote; columns:
what plainlint said) and the time per 1,000 words. Files are TSV: label, topic, sentence;
lines starting with # are comments and the first other line is a header.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plainlint.kinds.framing import LABELS, classify_texts  # noqa: E402
from plainlint.textutil import count_words  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "framing_labelled.tsv"


@dataclass
class Example:
    label: str
    topic: str
    text: str


@dataclass
class Scores:
    precision: dict[str, float]
    recall: dict[str, float]
    support: dict[str, int]
    confusion: dict[str, dict[str, int]]
    errors: list[tuple[Example, str]]
    seconds: float
    words: int

    @property
    def accuracy(self) -> float:
        right = sum(self.confusion[a][a] for a in LABELS)
        total = sum(sum(row.values()) for row in self.confusion.values())
        return right / total if total else 0.0


def read(path: Path) -> list[Example]:
    out = []
    header = True
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in LABELS:
            raise SystemExit(f"{path}:{n}: expected 'label<TAB>topic<TAB>sentence'")
        out.append(Example(*parts))
    return out


def score(examples: list[Example]) -> Scores:
    classify_texts(["We provide support to carers."])  # load the pipeline before timing
    start = time.perf_counter()
    predicted = [f.label for f in classify_texts([e.text for e in examples])]
    seconds = time.perf_counter() - start
    confusion = {a: {b: 0 for b in LABELS} for a in LABELS}
    errors = []
    for e, p in zip(examples, predicted, strict=True):
        confusion[e.label][p] += 1
        if p != e.label:
            errors.append((e, p))
    precision, recall, support = {}, {}, {}
    for lab in LABELS:
        tp = confusion[lab][lab]
        said = sum(confusion[a][lab] for a in LABELS)
        real = sum(confusion[lab].values())
        precision[lab] = tp / said if said else 1.0
        recall[lab] = tp / real if real else 1.0
        support[lab] = real
    words = sum(count_words(e.text) for e in examples)
    return Scores(precision, recall, support, confusion, errors, seconds, words)


def report(path: Path, s: Scores, show_errors: bool) -> str:
    lines = [f"{path.name}: {sum(s.support.values())} sentences, {s.words} words",
             "", f"{'label':<10} {'precision':>9} {'recall':>7} {'n':>4}"]
    for lab in LABELS:
        lines.append(f"{lab:<10} {s.precision[lab]:>9.3f} {s.recall[lab]:>7.3f} "
                     f"{s.support[lab]:>4}")
    lines += ["", f"accuracy {s.accuracy:.3f}", "",
              "confusion (rows: our label, columns: plainlint)",
              " " * 10 + "".join(f"{b:>10}" for b in LABELS)]
    for a in LABELS:
        lines.append(f"{a:<10}" + "".join(f"{s.confusion[a][b]:>10}" for b in LABELS))
    per_k = s.seconds / s.words * 1000 if s.words else 0.0
    lines += ["", f"time: {s.seconds:.2f} s, {per_k * 1000:.0f} ms per 1,000 words "
              "(sentences only, pipeline loaded)"]
    if show_errors and s.errors:
        lines += ["", "wrong answers (ours -> plainlint):"]
        for e, p in s.errors:
            lines.append(f"  {e.label:>8} -> {p:<8} [{e.topic}] {e.text}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--errors", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    for path in args.files:
        print(report(path, score(read(path)), args.errors))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
