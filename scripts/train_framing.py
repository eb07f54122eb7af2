#!/usr/bin/env python3
"""Train the framing model and write rules/framing/model.json.

    python scripts/train_framing.py [REALTEXT_DIR] [--out rules/framing/model.json]

Needs the ``train`` extra (scikit-learn): ``pip install -e '.[train]'``. Plainlint itself only
reads the JSON it writes (a dot product at run time).

Training data: the development part of ``REALTEXT_DIR/framing.jsonl`` (default
``../shared/realtext``; the held-back councils of ``scripts/eval_framing_real.py`` are never
used), with the repository's own labelled sets (``tests/data/framing_*.tsv``; ``--without-own``
leaves them out). The model is a
multinomial logistic regression over the features of `plainlint.kinds.framing_model.features`.
The thresholds for ``to`` and ``for`` are chosen, for each sensitivity, for a precision
(`TARGET_PRECISION`) from out-of-fold probabilities (5 folds grouped by council) on the training
data only. The run is deterministic: the same data
gives the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import eval_framing_real as ev  # noqa: E402

from plainlint.kinds import framing as fr  # noqa: E402
from plainlint.kinds import framing_model as fm  # noqa: E402

Features = dict[str, float] | None
#: Precision the thresholds of each sensitivity aim for on out-of-fold predictions. ``precise``
#: aims a little above the targets of 0.90 and 0.85, to leave room for new councils;
#: ``thorough`` accepts more wrong findings to find more framed sentences.
TARGET_PRECISION = {
    "precise": {"to": 0.93, "for": 0.88},
    "thorough": {"to": 0.80, "for": 0.72},
}
C = 0.3
OWN_SETS = ("framing_labelled.tsv", "framing_heldout.tsv", "framing_heldout2.tsv",
            "framing_heldout3.tsv", "framing_decisions.tsv")


def feature_rows(texts: Sequence[str]) -> list[Features]:
    """Features of each sentence, or None for a sentence plainlint gives no verdict (neutral):
    one with no cue worth a parse, or a fragment with no finite verb. The same steps as
    `plainlint.kinds.framing.classify_doc` at run time, so training sees what plainlint sees."""
    from plainlint import nlp

    lex = fr.lexicon()
    cue_words = fm.cues()
    found = [cue_words.find(t) for t in texts]
    todo = [i for i, t in enumerate(texts) if fm.worth_parsing(found[i])]
    out: list[Features] = [None] * len(texts)
    for i, doc in zip(todo, nlp.analyse([texts[i] for i in todo], "parse"), strict=True):
        sentence = fm.sentence_of(doc, lex)
        if sentence.finite():
            out[i] = fm.features(texts[i], found[i], sentence, True)
    return out


@dataclass
class Fitted:
    model: fm.Model

    def label(self, feats: Features, sensitivity: str = fm.DEFAULT_SENSITIVITY) -> str:
        if feats is None:
            return "neutral"
        return self.model.label(feats, self.model.thresholds[sensitivity])


def _train(rows: Sequence[dict[str, float]], labels: Sequence[str], c: float) -> fm.Model:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=False, sort=True)
    x = vec.fit_transform([{k: v for k, v in r.items() if k != "bias"} for r in rows])
    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    clf.fit(x, list(labels))
    classes = [str(k) for k in clf.classes_]
    order = [classes.index(lab) for lab in ev.LABELS]
    weights = {name: tuple(float(clf.coef_[k][j]) for k in order)
               for j, name in enumerate(vec.get_feature_names_out())
               if any(abs(clf.coef_[k][j]) > 1e-6 for k in order)}
    bias = tuple(float(clf.intercept_[k]) for k in order)
    return fm.Model(ev.LABELS, weights, bias, {})


def _threshold(probs: Sequence[dict[str, float]], gold: Sequence[str], label: str,
               target: float) -> float:
    """The lowest threshold whose out-of-fold precision for ``label`` reaches ``target``
    (among sentences where ``label`` is the most likely)."""
    top = [(p[label], g == label) for p, g in zip(probs, gold, strict=True)
           if max(p, key=lambda k: p[k]) == label]
    top.sort()
    for t in [x / 100 for x in range(25, 96)]:
        kept = [right for p, right in top if p >= t]
        if kept and sum(kept) / len(kept) >= target:
            return t
    return 0.95


def fit(rows: Sequence[Features], labels: Sequence[str], groups: Sequence[str],
        c: float = C, extra: Sequence[tuple[dict[str, float], str]] = ()) -> Fitted:
    """Train on the parsed rows (and ``extra`` rows), then set thresholds from out-of-fold
    probabilities, folds grouped by ``groups``."""
    keep = [i for i, r in enumerate(rows) if r is not None]
    x = [rows[i] for i in keep]
    y = [labels[i] for i in keep]
    g = [groups[i] for i in keep]
    ex_x = [r for r, _ in extra]
    ex_y = [lab for _, lab in extra]
    probs: list[dict[str, float]] = [{}] * len(x)
    fold_rows = [ev.Row("", lab, grp) for lab, grp in zip(y, g, strict=True)]
    for test in ev.folds(fold_rows):
        held = set(test)
        train = [i for i in range(len(x)) if i not in held]
        inner = _train([x[i] for i in train] + ex_x, [y[i] for i in train] + ex_y, c)
        for i in test:
            probs[i] = inner.probabilities(x[i])
    model = _train(x + ex_x, y + ex_y, c)
    thresholds = {name: {lab: _threshold(probs, y, lab, target)
                         for lab, target in targets.items()}
                  for name, targets in TARGET_PRECISION.items()}
    return Fitted(fm.Model(model.labels, model.weights, model.bias, thresholds))


def own_rows() -> list[tuple[dict[str, float], str]]:
    """The repository's own labelled sentences, as extra training rows."""
    texts, labels = [], []
    for name in OWN_SETS:
        for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("#") or len(parts) != 3 or parts[0] not in ev.LABELS:
                continue
            labels.append(parts[0])
            texts.append(parts[2])
    feats = feature_rows(texts)
    return [(f, lab) for f, lab in zip(feats, labels, strict=True) if f is not None]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("realtext", nargs="?", type=Path, default=ev.DEFAULT_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "rules" / "framing" / "model.json")
    parser.add_argument("--without-own", action="store_true",
                        help="leave out the repository's own labelled sets (tests/data)")
    parser.add_argument("-C", type=float, default=C, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    dev, _ = ev.split(ev.read(args.realtext))
    rows = feature_rows([r.text for r in dev])
    extra = [] if args.without_own else own_rows()
    fitted = fit(rows, [r.label for r in dev], [r.council for r in dev], args.C, extra)
    text = json.dumps(fitted.model.to_json(), sort_keys=True, separators=(",", ":")) + "\n"
    from plainlint.fsutil import atomic_write

    atomic_write(args.out, text.encode("utf-8"))
    print(f"{args.out}: {len(fitted.model.weights)} features, thresholds "
          f"{fitted.model.thresholds}, trained on {sum(r is not None for r in rows)} "
          f"sentences from {len({r.council for r in dev})} councils"
          + (f" and {len(extra)} of our own" if extra else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
