"""Labelled sets for readability quality bars, and how they are scored.

Used by the tests and by scripts/eval_readability.py, so both report the same numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SENTENCE_SETS = ("sentence_boundaries.txt", "sentence_boundaries_holdout.txt")
PASSIVE_SETS = ("passive_voice.txt", "passive_voice_holdout.txt")


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class BoundaryCase:
    text: str
    boundaries: frozenset[int]  # offsets where a sentence starts, the first excepted


def boundary_cases(name: str) -> list[BoundaryCase]:
    out = []
    for line in _lines(name):
        text, bounds = "", set()
        for piece in re.split(r"( ⏎‖ | ‖ | ⏎ )", line):
            if piece == " ⏎‖ ":
                text += "\n"
                bounds.add(len(text))
            elif piece == " ‖ ":
                text += " "
                bounds.add(len(text))
            elif piece == " ⏎ ":
                text += "\n"
            else:
                text += piece
        out.append(BoundaryCase(text, frozenset(bounds)))
    return out


@dataclass
class BoundaryScore:
    cases: int = 0
    gold: int = 0
    right: int = 0  # boundaries found where there is one
    missed: int = 0
    extra: int = 0  # boundaries found where there is none
    errors: list[str] | None = None

    @property
    def accuracy(self) -> float:
        """Boundaries right, counting every missed and every extra boundary as wrong."""
        decided = self.right + self.missed + self.extra
        return self.right / decided if decided else 1.0


def score_boundaries(name: str) -> BoundaryScore:
    from plainlint import nlp

    score = BoundaryScore(errors=[])
    for case in boundary_cases(name):
        found = {s for s, _ in nlp.sentence_spans(case.text)[1:]}
        score.cases += 1
        score.gold += len(case.boundaries)
        score.right += len(found & case.boundaries)
        score.missed += len(case.boundaries - found)
        score.extra += len(found - case.boundaries)
        if found != case.boundaries:
            assert score.errors is not None
            score.errors.append(case.text)
    return score


def passive_cases(name: str) -> list[tuple[str, bool]]:
    return [(line[2:], line.startswith("P ")) for line in _lines(name)]


@dataclass
class PassiveScore:
    sentences: int = 0
    passives: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    filtered: int = 0  # sentences the lexical filter sends to the parser
    filter_missed: int = 0  # passive sentences the filter wrongly skips
    wrong: list[str] | None = None

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_passive(name: str) -> PassiveScore:
    """Sentence-level precision and recall of passive-voice detection, through the filter and
    the real parser, exactly as the rule runs them."""
    from plainlint import nlp, passive

    cases = passive_cases(name)
    score = PassiveScore(wrong=[])
    candidates = [passive.could_be_passive(t) for t, _ in cases]
    docs = nlp.analyse([t for (t, _), c in zip(cases, candidates, strict=True) if c], "parse")
    it = iter(docs)
    for (text, gold), candidate in zip(cases, candidates, strict=True):
        found = bool(passive.find(next(it))) if candidate else False
        score.sentences += 1
        score.passives += gold
        score.filtered += candidate
        score.filter_missed += gold and not candidate
        if found and gold:
            score.tp += 1
        elif found:
            score.fp += 1
        elif gold:
            score.fn += 1
        if found != gold:
            assert score.wrong is not None
            score.wrong.append(("missed: " if gold else "wrongly flagged: ") + text)
    return score
