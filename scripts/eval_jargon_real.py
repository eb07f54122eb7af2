#!/usr/bin/env python3
"""Measure the term rules on real council sentences labelled for jargon (issue #15).

Reads ``jargon.jsonl`` from a folder of real council text (default ``../shared/realtext``
relative to the repository root; the data are never copied into this repository). Each row is
one sentence with its jargon forms labelled. The script checks every sentence with the real
plainlint API and reports:

- recall of labelled forms: a form counts as found when a finding of ``jargon``,
  ``plain-words``, ``latin``, ``person-first`` or ``explain-term`` overlaps it, overall and per
  category;
- the share of sentences labelled with no jargon that get any finding from those rules.

A fixed fifth of the councils (chosen by a hash of the council's name, so the split never
changes) is held back: the default run reports only the tuning part; ``--final`` adds the
held-back part. Look at the held-back part only at the end.

    .venv/bin/python scripts/eval_jargon_real.py                 # tuning part, with misses
    .venv/bin/python scripts/eval_jargon_real.py --final         # both parts, numbers only
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO.parent / "shared" / "realtext"
RULES = ("jargon", "plain-words", "latin", "person-first", "explain-term")
HELD_BACK_SHARE = 20  # percent of councils


def held_back(council: str) -> bool:
    digest = hashlib.sha256(("plainlint-15:" + council).encode("utf-8")).digest()
    return digest[0] * 100 // 256 < HELD_BACK_SHARE


def spans_of(text: str, form: str) -> list[tuple[int, int]]:
    """Where a labelled form stands in its sentence (labels give the form, not its place)."""
    out = []
    start = text.find(form)
    while start != -1:
        out.append((start, start + len(form)))
        start = text.find(form, start + 1)
    if not out:
        low, lform = text.lower(), form.lower()
        start = low.find(lform)
        while start != -1:
            out.append((start, start + len(form)))
            start = low.find(lform, start + 1)
    return out


def evaluate(rows: list[dict[str, Any]], show: bool) -> dict[str, Any]:
    from plainlint.api import check_text
    from plainlint.rules import builtin

    known = builtin()
    select = [r for r in RULES if r in known]

    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    clean_rows = clean_flagged = clean_flagged_wo_explain = 0
    misses: list[str] = []
    false_alarms: list[str] = []
    for row in rows:
        text = row["text"]
        result = check_text(text, "text", select=select)
        # A term reported once per document covers its other uses too (``related``).
        hits = [(f.offset, f.end_offset, f.rule, f.text) for f in result.findings]
        hits += [(r["offset"], r["end_offset"], f.rule, r["text"])
                 for f in result.findings for r in getattr(f, "related", [])]
        if not row["jargon"]:
            clean_rows += 1
            if hits:
                clean_flagged += 1
            if any(h[2] != "explain-term" for h in hits):
                clean_flagged_wo_explain += 1
            if hits:
                false_alarms.append(f"  {[h[2] + ':' + h[3] for h in hits]}  | {text}")
            continue
        for form in row["jargon"]:
            cat = row["category"].get(form, "?")
            total[cat] += 1
            spans = spans_of(text, form) or [(0, 0)]
            ok = any(h[0] < e and s < h[1] for s, e in spans for h in hits)
            if ok:
                found[cat] += 1
            else:
                misses.append(f"  [{cat}] {form!r}  | {text}")
    if show:
        print("misses:")
        print("\n".join(sorted(misses)))
        print("findings on sentences with no jargon:")
        print("\n".join(false_alarms))
    forms = sum(total.values())
    return {
        "rows": len(rows),
        "forms": forms,
        "recall": sum(found.values()) / forms if forms else 0.0,
        "per_category": {c: (found[c], total[c]) for c in sorted(total)},
        "clean_rows": clean_rows,
        "clean_flagged": clean_flagged,
        "clean_flagged_share": clean_flagged / clean_rows if clean_rows else 0.0,
        "clean_flagged_without_explain_term": clean_flagged_wo_explain,
    }


def report(name: str, m: dict[str, Any]) -> None:
    print(f"{name}: {m['rows']} sentences, {m['forms']} labelled forms")
    print(f"  recall {m['recall']:.3f}")
    for cat, (f, t) in m["per_category"].items():
        print(f"    {cat:<14} {f:>4}/{t:<4} {f / t:.3f}")
    print(
        f"  sentences without jargon flagged: {m['clean_flagged']}/{m['clean_rows']}"
        f" = {m['clean_flagged_share']:.3f}"
        f" ({m['clean_flagged_without_explain_term']} by rules other than explain-term)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("realtext", nargs="?", type=Path, default=DEFAULT_DIR,
                        help="folder holding jargon.jsonl (default ../shared/realtext)")
    parser.add_argument("--final", action="store_true",
                        help="also measure the held-back councils (do this only at the end)")
    parser.add_argument("--quiet", action="store_true", help="numbers only, no misses")
    parser.add_argument("--json", action="store_true", help="numbers as JSON")
    args = parser.parse_args(argv)
    path = args.realtext / "jargon.jsonl"
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    except (OSError, ValueError) as exc:
        print(f"eval_jargon_real: {path}: cannot read ({exc})", file=sys.stderr)
        return 2
    tuning = [r for r in rows if not held_back(r["council"])]
    held = [r for r in rows if held_back(r["council"])]
    out = {"tuning": evaluate(tuning, show=not (args.quiet or args.json or args.final))}
    if args.final:
        out["held-back"] = evaluate(held, show=False)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for name, m in out.items():
            report(name, m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
