"""Parts of speech, morphology and lemmas without spaCy's Matcher: the same values as the
English pipeline's ``attribute_ruler`` and rule-based ``lemmatizer``, at a fraction of the cost.

``en_core_web_sm``'s tagger gives fine-grained tags (``VBN``, ``NNS``); its ``attribute_ruler``
then sets the coarse part of speech, the morphology and some lemmas from about 180 patterns,
through spaCy's general token Matcher, and its lemmatizer looks each word up in rule tables.
Together they took about 40% of the time of a parse on council text. Nearly every pattern is a
single token with a fixed tag or word, so `FastAttributes` reads the pipeline's own patterns,
indexes them by the word, tag or dependency their first token must have, and applies the
matches in the ruler's order (a later pattern wins, as in spaCy). It keeps each word's lemma
once per (word, part of speech, morphology), computed by the pipeline's own lemmatizer, which
keys its own cache the same way. Nothing is copied from the model: the patterns and tables are
read from whichever pipeline is installed, and a test checks every token's part of speech,
morphology and lemma against spaCy's components.

A pattern this module cannot read (an operator or attribute it does not know) makes
`FastAttributes.build` return None, and the pipeline keeps spaCy's components.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Token attributes a pattern may test (columns of a row), and attributes it may set.
_FIELDS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_SETS = {"POS", "MORPH", "LEMMA", "TAG", "DEP"}
_EQ, _IN, _NOT_IN, _REGEX = range(4)

Test = tuple[int, int, Any]  # (column, operator, argument)


@dataclass
class _Pattern:
    rank: int  # the ruler's order: a later pattern's attributes win
    tokens: list[list[Test]]
    index: int  # which token of the match gets the attributes
    attrs: dict[str, str]


class FastAttributes:
    """The attribute ruler and lemmatizer of one pipeline, as plain look-ups."""

    def __init__(self, nlp: Language, patterns: list[_Pattern], lemmatizer: Any) -> None:
        self.vocab = nlp.vocab
        self.lemmatizer = lemmatizer
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        # Patterns by a value their first token must have (column -> value -> patterns).
        self.index: list[dict[int, list[_Pattern]]] = [{} for _ in _FIELDS]
        self.general: list[_Pattern] = []
        for p in patterns:
            # Index on one test of the first token that names its values: an equality, or
            # an IN list; patterns with neither (a regular expression, NOT_IN) go everywhere.
            tests = sorted((t for t in p.tokens[0] if t[1] in (_EQ, _IN)),
                           key=lambda t: (t[1], t[0]))
            if not tests:
                self.general.append(p)
                continue
            col, op, arg = tests[0]
            for value in ([arg] if op == _EQ else sorted(arg)):
                self.index[col].setdefault(value, []).append(p)
        self._lemmas: dict[tuple[int, int, int], int] = {}
        self._morphs: dict[str, int] = {}
        self._regex_text: dict[int, str] = {}

    @classmethod
    def build(cls, nlp: Language) -> FastAttributes | None:
        """For a pipeline with an ``attribute_ruler`` and a rule ``lemmatizer``, or None."""
        if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
            return None
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) != "rule" or not hasattr(lemmatizer, "lemmatize"):
            return None
        strings = nlp.vocab.strings
        patterns: list[_Pattern] = []
        for rank, spec in enumerate(nlp.get_pipe("attribute_ruler").patterns):
            attrs = spec.get("attrs", {})
            if not set(attrs) <= _SETS or not all(isinstance(v, str) for v in attrs.values()):
                return None
            for pattern in spec["patterns"]:
                if not pattern:
                    return None
                tokens: list[list[Test]] = []
                for token_spec in pattern:
                    if not isinstance(token_spec, dict) or not set(token_spec) <= set(_FIELDS):
                        return None
                    tests: list[Test] = []
                    for key, value in token_spec.items():
                        test = _test(_FIELDS.index(key), value, strings)
                        if test is None:
                            return None
                        tests.append(test)
                    tokens.append(tests)
                patterns.append(_Pattern(rank, tokens, int(spec.get("index", 0)), dict(attrs)))
        return cls(nlp, patterns, lemmatizer)

    # -- applying ---------------------------------------------------------------------------
    def _matches(self, rows: list[list[int]], j: int, tokens: list[list[Test]]) -> bool:
        if j + len(tokens) > len(rows):
            return False
        for k, tests in enumerate(tokens):
            row = rows[j + k]
            for col, op, arg in tests:
                v = row[col]
                if op == _EQ:
                    ok = v == arg
                elif op == _IN:
                    ok = v in arg
                elif op == _NOT_IN:
                    ok = v not in arg
                else:
                    text = self._regex_text.get(v)
                    if text is None:
                        text = self._regex_text[v] = self.vocab.strings[v] if v else ""
                    ok = arg.search(text) is not None
                if not ok:
                    return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        n = len(doc)
        if n == 0:
            return doc
        rows: list[list[int]] = doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()
        by_lower, by_tag, by_dep, by_space = self.index
        general = self.general
        found: list[tuple[int, int, _Pattern]] = []  # (rank, start, pattern)
        for j, row in enumerate(rows):
            for group in (by_lower.get(row[0]), by_tag.get(row[1]), by_dep.get(row[2]),
                          by_space.get(row[3]), general):
                if group:
                    for p in group:
                        if self._matches(rows, j, p.tokens):
                            found.append((p.rank, j, p))
        found.sort(key=lambda m: (m[0], m[1]))
        values = doc.to_array([POS, MORPH, LEMMA])
        strings = self.vocab.strings
        extra: list[tuple[int, str, str]] = []  # TAG and DEP, set one token at a time
        for _rank, j, p in found:
            i = j + p.index
            if not 0 <= i < n:
                continue
            for key, value in p.attrs.items():
                if key == "POS":
                    values[i, 0] = strings.add(value)
                elif key == "MORPH":
                    values[i, 1] = self._morph(value)
                elif key == "LEMMA":
                    values[i, 2] = strings.add(value)
                else:
                    extra.append((i, key, value))
        if found:
            doc.from_array([POS, MORPH, LEMMA], values)
        for i, key, value in extra:
            if key == "TAG":
                doc[i].tag_ = value
            else:
                doc[i].dep_ = value
        self._lemmatize(doc)
        return doc

    def _morph(self, value: str) -> int:
        key = self._morphs.get(value)
        if key is None:
            key = self._morphs[value] = self.vocab.morphology.add(value)
        return key

    def _lemmatize(self, doc: Doc) -> None:
        """What spaCy's lemmatizer does (it leaves a lemma the ruler set unless told to
        overwrite), with each (word, part of speech, morphology) looked up once."""
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        cache = self._lemmas
        overwrite = self.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = cache[key] = self.vocab.strings.add(
                    self.lemmatizer.lemmatize(doc[i])[0])
            values[i, 3] = found
        doc.from_array([LEMMA], values[:, 3:4].copy())


def _test(col: int, value: Any, strings: Any) -> Test | None:
    """One attribute test of a pattern token, on hashes (IS_SPACE on 0 and 1)."""
    def h(v: Any) -> int | None:
        if col == 3:
            return int(v) if isinstance(v, bool) else None
        return strings.add(v) if isinstance(v, str) else None

    if not isinstance(value, dict):
        key = h(value)
        return None if key is None else (col, _EQ, key)
    if len(value) != 1:
        return None
    (op, arg), = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list):
        keys = [h(v) for v in arg]
        if any(k is None for k in keys):
            return None
        return (col, _IN if op == "IN" else _NOT_IN, frozenset(keys))
    if op == "REGEX" and isinstance(arg, str) and col < 3:
        return (col, _REGEX, re.compile(arg))
    return None
