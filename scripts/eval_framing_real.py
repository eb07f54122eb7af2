#!/usr/bin/env python3
"""Measure the framing classifier on real council sentences, by council.

    python scripts/eval_framing_real.py [REALTEXT_DIR]            # cross-validated, dev part
    python scripts/eval_framing_real.py --shipped                 # the shipped model, dev part
    python scripts/eval_framing_real.py --final                   # the held-back councils
    python scripts/eval_framing_real.py --errors                  # also list wrong answers

REALTEXT_DIR holds ``framing.jsonl`` (default ``../shared/realtext`` next to the repository).
Its text is real council text for measurement only: this script reads it from there and never
copies it into the repository.

About a fifth of the councils (those whose name, salted with ``final:``, hashes to 0 modulo 5)
are held back as the final part. Everything else is the development part, scored with 5-fold
cross-validation grouped by council: no council is in both the training and the test part of a
fold, so every figure comes from councils the model did not see. ``--final`` trains on the whole
development part (as ``scripts/train_framing.py`` does) and scores the held-back councils.

Printed: precision and recall per label, the confusion matrix, and the share of ``neutral`` and
of ``together`` sentences flagged ``to`` or ``for`` (what a writer sees as a false alarm).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS = ("to", "for", "together", "neutral")
DEFAULT_DIR = ROOT.parent / "shared" / "realtext"
FOLDS = 5
#: The salt of the hash that picks the held-back councils. Fixed: changing it changes the split.
FINAL_SALT = "final:"


@dataclass(frozen=True)
class Row:
    text: str
    label: str
    council: str


def read(folder: Path) -> list[Row]:
    path = folder / "framing.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SystemExit(f"{path}: cannot read: {exc.strerror or exc}") from None
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            rows.append(Row(data["text"], data["label"], data["council"]))
        except (ValueError, KeyError) as exc:
            raise SystemExit(f"{path}:{n}: not a framing row: {exc}") from None
        if rows[-1].label not in LABELS:
            raise SystemExit(f"{path}:{n}: unknown label {rows[-1].label!r}")
    return rows


def _bucket(council: str, salt: str, n: int) -> int:
    return int(hashlib.sha256((salt + council).encode("utf-8")).hexdigest(), 16) % n


def is_final(council: str) -> bool:
    """Is this council in the held-back final part?"""
    return _bucket(council, FINAL_SALT, 5) == 0


def split(rows: Sequence[Row]) -> tuple[list[Row], list[Row]]:
    """(development part, held-back final part)."""
    dev = [r for r in rows if not is_final(r.council)]
    final = [r for r in rows if is_final(r.council)]
    return dev, final


def folds(rows: Sequence[Row], k: int = FOLDS) -> list[list[int]]:
    """Indices of ``rows`` in k test folds, grouped by council, balanced by size: councils in a
    fixed (hashed) order, each put in the fold that has fewest rows so far."""
    by_council: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_council.setdefault(r.council, []).append(i)
    order = sorted(by_council, key=lambda c: (-len(by_council[c]),
                                              hashlib.sha256(c.encode()).hexdigest()))
    out: list[list[int]] = [[] for _ in range(k)]
    for c in order:
        smallest = min(range(k), key=lambda f: (len(out[f]), f))
        out[smallest].extend(by_council[c])
    return [sorted(f) for f in out]


# -- scoring ----------------------------------------------------------------------------------

def confusion(gold: Sequence[str], said: Sequence[str]) -> dict[str, dict[str, int]]:
    table = {a: {b: 0 for b in LABELS} for a in LABELS}
    for g, s in zip(gold, said, strict=True):
        table[g][s] += 1
    return table


def scores(table: dict[str, dict[str, int]]) -> dict[str, tuple[float, float, int]]:
    out = {}
    for lab in LABELS:
        tp = table[lab][lab]
        said = sum(table[a][lab] for a in LABELS)
        real = sum(table[lab].values())
        out[lab] = (tp / said if said else 1.0, tp / real if real else 1.0, real)
    return out


def flagged_share(table: dict[str, dict[str, int]], label: str) -> float:
    real = sum(table[label].values())
    return (table[label]["to"] + table[label]["for"]) / real if real else 0.0


def report(title: str, rows: Sequence[Row], said: Sequence[str], errors: bool) -> str:
    table = confusion([r.label for r in rows], said)
    s = scores(table)
    lines = [f"{title}: {len(rows)} sentences, {len({r.council for r in rows})} councils", "",
             f"{'label':<10} {'precision':>9} {'recall':>7} {'n':>4}"]
    for lab in LABELS:
        p, r, n = s[lab]
        lines.append(f"{lab:<10} {p:>9.3f} {r:>7.3f} {n:>4}")
    lines += ["",
              f"neutral flagged to/for:  {flagged_share(table, 'neutral'):.3f}",
              f"together flagged to/for: {flagged_share(table, 'together'):.3f}",
              "", "confusion (rows: the label; columns: plainlint)",
              " " * 10 + "".join(f"{b:>10}" for b in LABELS)]
    for a in LABELS:
        lines.append(f"{a:<10}" + "".join(f"{table[a][b]:>10}" for b in LABELS))
    if errors:
        lines += ["", "wrong answers (label -> plainlint):"]
        for r, p in zip(rows, said, strict=True):
            if r.label != p:
                lines.append(f"  {r.label:>8} -> {p:<8} {r.text}")
    return "\n".join(lines)


# -- the classifiers measured -----------------------------------------------------------------

Labelled = dict[str, list[str]]  # sensitivity -> one label per sentence


def shipped(texts: Sequence[str]) -> Labelled:
    """The labels plainlint gives today (the shipped model and thresholds)."""
    from plainlint.kinds.framing import classify_texts
    from plainlint.kinds.framing_model import SENSITIVITIES

    return {s: [f.label for f in classify_texts(list(texts), s)] for s in SENSITIVITIES}


def cross_validated(rows: Sequence[Row]) -> Labelled:
    """Out-of-fold labels: each fold labelled by a model trained on the other four."""
    import train_framing

    from plainlint.kinds.framing_model import SENSITIVITIES

    table = train_framing.feature_rows([r.text for r in rows])
    extra = train_framing.own_rows()
    said = {s: [""] * len(rows) for s in SENSITIVITIES}
    for test in folds(rows):
        held = set(test)
        train = [i for i in range(len(rows)) if i not in held]
        model = train_framing.fit([table[i] for i in train], [rows[i].label for i in train],
                                  [rows[i].council for i in train], extra=extra)
        for i in test:
            for s in SENSITIVITIES:
                said[s][i] = model.label(table[i], s)
    return said


def final_part(dev: Sequence[Row], final: Sequence[Row]) -> Labelled:
    import train_framing

    from plainlint.kinds.framing_model import SENSITIVITIES

    model = train_framing.fit(train_framing.feature_rows([r.text for r in dev]),
                              [r.label for r in dev], [r.council for r in dev],
                              extra=train_framing.own_rows())
    table = train_framing.feature_rows([r.text for r in final])
    return {s: [model.label(f, s) for f in table] for s in SENSITIVITIES}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("realtext", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--final", action="store_true",
                        help="score the held-back councils (look only at the end)")
    parser.add_argument("--shipped", action="store_true",
                        help="score the classifier plainlint ships, without training")
    parser.add_argument("--errors", action="store_true", help="list every wrong answer")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "scripts"))
    dev, final = split(read(args.realtext))
    label: Callable[[], Labelled]
    if args.final:
        part, title = final, "held-back councils"
        label = (lambda: shipped([r.text for r in final])) if args.shipped else (
            lambda: final_part(dev, final))
    else:
        part, title = dev, "development part"
        if args.shipped:
            label = lambda: shipped([r.text for r in dev])  # noqa: E731
        else:
            title += f", {FOLDS}-fold cross-validation grouped by council"
            label = lambda: cross_validated(dev)  # noqa: E731
    for sensitivity, said in label().items():
        print(report(f"{title}{' (shipped)' if args.shipped else ''}, sensitivity "
                     f"{sensitivity}", part, said, args.errors))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
