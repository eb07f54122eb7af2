"""Sentence boundaries in council writing: the labelled sets, and the cases that matter most."""

from __future__ import annotations

import pytest

from plainlint import nlp
from tests import labelled


@pytest.mark.parametrize("name", labelled.SENTENCE_SETS)
def test_boundaries_on_labelled_sets(name: str) -> None:
    score = labelled.score_boundaries(name)
    assert score.gold >= 50
    assert score.accuracy >= 0.98, (score.accuracy, score.errors)


def test_the_labelled_sets_are_big_enough() -> None:
    cases = [c for name in labelled.SENTENCE_SETS for c in labelled.boundary_cases(name)]
    sentences = sum(len(c.boundaries) + 1 for c in cases)
    assert sentences >= 100


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in nlp.sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bring proof, e.g. a bill. We will copy it.",
         ["Bring proof, e.g. a bill.", "We will copy it."]),
        ("Mr. Patel will call. He works on Fridays.",
         ["Mr. Patel will call.", "He works on Fridays."]),
        ("Flat No. 5 is empty. Can I pay late? No. You must pay now.",
         ["Flat No. 5 is empty.", "Can I pay late?", "No.", "You must pay now."]),
        ("Fares are £1.50. Children travel free.", ["Fares are £1.50.", "Children travel free."]),
        ("We open at 10 a.m. on Mondays. The café opens at 9 a.m. Staff will help you.",
         ["We open at 10 a.m. on Mondays.", "The café opens at 9 a.m.", "Staff will help you."]),
        ("Meet at St. Mary's Church. Parking is free.",
         ["Meet at St. Mary's Church.", "Parking is free."]),
        ("1. Fill in the form. 2. Send it to us.", ["1. Fill in the form.", "2. Send it to us."]),
        ("The lines\nare wrapped prose.", ["The lines\nare wrapped prose."]),
        ("Civic Centre\n1 High Street", ["Civic Centre", "1 High Street"]),
        # A full stop at the end of a wrapped line ends the sentence like one before a space.
        ("We will make it. Our partners will help us with the rest of the\nwork this year.\n"
         "Bins are collected on Mondays.",
         ["We will make it.", "Our partners will help us with the rest of the\nwork this year.",
          "Bins are collected on Mondays."]),
        ("Please call Mr.\nPatel on Monday, or bring a bill, e.g.\na council tax bill.",
         ["Please call Mr.\nPatel on Monday, or bring a bill, e.g.\na council tax bill."]),
        ("If the amount is wrong, ask us to look again. Write to us at St. Mary's\nHouse by May.",
         ["If the amount is wrong, ask us to look again.",
          "Write to us at St. Mary's\nHouse by May."]),
    ],
)
def test_tricky_boundaries(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_spans_are_trimmed_and_cover_the_words() -> None:
    text = "  First one.   Second one!  "
    spans = nlp.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!"]


def test_parse_keeps_our_boundaries() -> None:
    """The parser runs after our splitter and must not move its boundaries."""
    text = "Bring proof, e.g. a bill. Mr. Patel will call at 10 a.m. on Friday."
    doc = nlp.analyse([text], "parse")[0]
    assert [s.text for s in doc.sents] == [
        "Bring proof, e.g. a bill.", "Mr. Patel will call at 10 a.m. on Friday."
    ]


def test_a_long_run_without_spaces_is_one_word_and_fast() -> None:
    """spaCy's tokenizer is quadratic in the length of a run without spaces; such runs are
    read as one word, at the same offsets."""
    junk = "[" * 3000 + "stakeholders" + "]" * 3000
    text = f"See {junk}. Then go."
    spans = nlp.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [f"See {junk}.", "Then go."]
