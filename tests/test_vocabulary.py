"""The term rules against public word lists, in sentences written for plainlint (issue #15).

Data: tests/data/vocabulary_cases.yaml. GOV.UK's words to avoid, one sentence each in the
jargon sense, must be found (recall at least 0.90) and the senses GOV.UK names as fine must stay
quiet; the ablist terms of the alex list and the Office for Disability Issues guidance must be
found in every form (recall at least 0.95) and the alternatives they recommend must stay quiet.
Each case is also its own test, so a miss is named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import lint

TERM_RULES = ["jargon", "plain-words", "latin", "person-first", "explain-term"]
CASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "vocabulary_cases.yaml").read_text(encoding="utf-8")
)


def _flagged(text: str, words: str, rules: list[str]) -> bool:
    result = lint(text, "text", select=rules)
    start = text.index(words)
    end = start + len(words)
    return any(f.offset < end and start < f.end_offset for f in result.findings)


def _quiet(text: str) -> list[str]:
    return [f"{f.rule}: {f.text}" for f in lint(text, "text", select=TERM_RULES).findings]


@pytest.mark.parametrize("case", CASES["govuk_jargon"], ids=lambda c: c["word"])
def test_govuk_word_to_avoid_is_found_in_its_jargon_sense(case: dict[str, Any]) -> None:
    assert _flagged(case["text"], case["flag"], TERM_RULES), case["text"]


@pytest.mark.parametrize("text", CASES["govuk_exceptions"])
def test_govuk_named_exceptions_are_quiet(text: str) -> None:
    assert _quiet(text) == []


@pytest.mark.parametrize("case", CASES["person_first"], ids=lambda c: c["flag"])
def test_ablist_term_is_found_in_every_form(case: dict[str, Any]) -> None:
    assert _flagged(case["text"], case["flag"], ["person-first"]), case["text"]


@pytest.mark.parametrize("text", CASES["person_first_alternatives"])
def test_recommended_alternatives_are_quiet(text: str) -> None:
    assert [f for f in _quiet(text) if f.startswith("person-first")] == []


def test_recall_targets() -> None:
    govuk = [_flagged(c["text"], c["flag"], TERM_RULES) for c in CASES["govuk_jargon"]]
    people = [_flagged(c["text"], c["flag"], ["person-first"]) for c in CASES["person_first"]]
    assert sum(govuk) / len(govuk) >= 0.90
    assert sum(people) / len(people) >= 0.95
