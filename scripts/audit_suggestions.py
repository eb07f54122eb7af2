#!/usr/bin/env python3
"""Print every glossary replacement put in place in every trigger example, for reading.

Each non-advice alternative of each entry is applied, with `plainlint fix --unsafe-fixes`
machinery, to each of the entry's trigger examples (see tests/suggestion_audit.py). Lines the
grammar sanity check flags start with '!!'; fixes the fixer refused start with '--'.

    .venv/bin/python scripts/audit_suggestions.py            # everything
    .venv/bin/python scripts/audit_suggestions.py --problems # only what the check flags
    .venv/bin/python scripts/audit_suggestions.py --term signpost
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.suggestion_audit import applications, problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--problems", action="store_true", help="only results the check flags")
    ap.add_argument("--term", help="only this entry")
    args = ap.parse_args()
    from plainlint import nlp as nlp_mod
    from plainlint.glossary import load

    nlp = nlp_mod.pipeline("parse")

    entries = load().entries
    if args.term:
        entries = [e for e in entries if e.term == args.term]
    n = flagged = 0
    current = None
    for a in applications(entries):
        n += 1
        found = problems(a, nlp)
        flagged += bool(found)
        if args.problems and not found:
            continue
        if a.entry.term != current:
            current = a.entry.term
            print(f"\n## {a.entry.rule}: {a.entry.term}  ({a.entry.file.rsplit('/', 1)[-1]})")
        if not a.made:
            print(f"-- [{a.alternative}] {a.example}\n     refused: {a.reason}")
            continue
        mark = "!!" if found else "  "
        print(f"{mark} [{a.alternative}] {a.result}")
        for p in found:
            print(f"     {p}")
    print(f"\n{n} replacements, {flagged} flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
