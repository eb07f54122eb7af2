"""Small text helpers shared by rules and metrics."""

from __future__ import annotations

import re

#: A word: letters or digits, joined by apostrophes, full stops or hyphens inside it
#: ("co-production", "don't", "£1.50" counts as one word, "e.g." as one).
WORD = re.compile(r"[£$€]?[^\W_]+(?:['\u2019.\-\u2010\u2011,][^\W_]+)*\.?", re.UNICODE)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def count_words(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))
