"""Every glossary replacement put in place in every trigger example, and a grammar sanity check.

A glossary alternative that is not advice is a replacement that `plainlint fix --unsafe-fixes`
writes into the text. This module makes each of them, one at a time, in each of its entry's
`trigger` examples, with the real fix machinery (the entry alone in a glossary, that one
alternative first, unsafe fixes on), and checks the sentence that comes out for mistakes a
reader would notice at once:

- **a / an**: "a" before a word that starts with a vowel sound ("a building on what ... model"
  is fine, "a asset" is not) or "an" before a consonant sound, where the original did not have
  one. `fixes.indefinite_article` decides the sound, as it does for real fixes.
- **a doubled word** ("to to", "support support") that the original did not have.
- **a dangling object**: an object pronoun (it, them, him, her, us, me) right after a replacement
  whose last word already completes the verb phrase with an object, or ends it ("signpost them"
  -> "tell people where to get help them", "befriend him" -> "visit and get to know him"
  is fine). The pronoun needs a verb or a preposition before it; we accept a replacement that
  ends in a word which can be a verb or a preposition (from the word lists in
  `plainlint.inflect` and the particles `fixes` knows), and flag one that ends in a noun phrase
  word the original verb did not end in.
- **plural agreement**: a plural match ("vulnerable adults") whose replacement reads as the
  singular ("adult at risk") because a multi-word alternative was left uninflected.

`scripts/audit_suggestions.py` prints every result for reading; `tests/test_glossary_audit.py`
runs the sanity check on all of them. A replacement the fixer refuses (it says why: "does not
fit before", "would repeat a word") writes nothing and so has nothing to check.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from plainlint import inflect
from plainlint.api import Checker
from plainlint.config import Config
from plainlint.document import Source
from plainlint.engine import Selection, resolve
from plainlint.fixer import Fixer
from plainlint.fixes import indefinite_article
from plainlint.glossary import Entry, Glossary, is_advice
from plainlint.glossary import load as load_glossary
from plainlint.rules import builtin

OBJECT_PRONOUNS = ("it", "them", "him", "her", "us", "me")


@dataclass(frozen=True)
class Applied:
    entry: Entry
    alternative: str
    example: str
    result: str  # the example with the replacement made ('' when the fixer refused)
    reason: str  # why the fixer refused, or ''
    matched: str  # the words the entry matched
    replacement: str  # the words written in their place

    @property
    def made(self) -> bool:
        return bool(self.result) and self.result != self.example


def applications(entries: list[Entry] | None = None) -> Iterator[Applied]:
    """Each non-advice alternative of each entry, put in place in each trigger example."""
    if entries is None:
        entries = load_glossary().entries
    registry = builtin()
    base = {rule: resolve(Config(), registry, None, Selection(select=(rule,)))
            for rule in {e.rule for e in entries}}
    fixer = Fixer(Checker(), unsafe=True, write=False)
    for entry in entries:
        for alt in entry.alternatives:
            if is_advice(alt):
                continue
            one = replace(entry, alternatives=(alt,), fix=_unsafe())
            settings = replace(base[entry.rule], glossary=Glossary([one]))
            for example in entry.examples.trigger:
                out = fixer.fix_source(Source("x.txt", example), "text", settings)
                if out.applied:
                    a = out.applied[0]
                    yield Applied(entry, alt, example, out.text, "", a.text, a.replacement)
                else:
                    reason = "; ".join(n.reason for n in out.not_applied) or "no finding"
                    yield Applied(entry, alt, example, "", reason, "", "")


def _unsafe():  # type: ignore[no-untyped-def]
    from plainlint.model import Applicability

    return Applicability.UNSAFE


# -- the sanity check ---------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*|\d[\d,.]*")
#: Prepositions; the particles among them may be followed by one ("sharing out of").
PREPOSITIONS = frozenset([
    "about", "after", "against", "at", "by", "for", "from", "in", "into", "of", "on", "onto",
    "over", "through", "to", "towards", "with", "without", "under", "across", "between",
    "among",
])
PARTICLES = frozenset(["up", "out", "off", "down", "back", "away", "around", "over"])
#: Words that never follow "a" or "an": pronouns, determiners, prepositions, question words.
NOT_AFTER_ARTICLE = frozenset([
    "we", "you", "they", "i", "he", "she", "it", "someone", "everyone", "anyone", "something",
    "everything", "what", "who", "how", "where", "when", "because", "the", "a", "an", "this",
    "that", "these", "those", "our", "your", "their", "his", "her", "its", "my", "some", "any",
    "each", "every", "many", "much", "several", "enough", *PREPOSITIONS,
])
#: Words that cannot stand inside a phrase placed before a noun ("a [led by local people]
#: approach"): articles, pronouns, prepositions, question words, auxiliaries and "to".
NOT_BEFORE_NOUN = NOT_AFTER_ARTICLE | frozenset([
    "is", "are", "was", "were", "be", "can", "will", "must", "has", "have", "had", "do",
])


def problems(a: Applied, nlp=None) -> list[str]:  # type: ignore[no-untyped-def]
    """What reads wrong in the sentence after the replacement (empty when nothing does).

    ``nlp`` is a spaCy pipeline; without it the check for a phrase put in front of a noun is
    left out.
    """
    if not a.made:
        return []
    out: list[str] = []
    for check in (_articles, _doubles, _prepositions):
        before = set(check(a.example))
        out.extend(m for m in check(a.result) if m not in before)
    for msg in (_dangling_object(a), _plural(a), _before_noun(a, nlp) if nlp else ""):
        if msg:
            out.append(msg)
    return out


def _pairs(text: str) -> list[tuple[str, str]]:
    words = _WORD.findall(text)
    return list(itertools.pairwise(words))


def _articles(text: str) -> list[str]:
    out = []
    for w, nxt in _pairs(text):
        if w.lower() not in ("a", "an"):
            continue
        first = re.match(r"[^\W_]+", nxt)
        if nxt.lower() in NOT_AFTER_ARTICLE:
            out.append(f"“{w} {nxt}”: “{nxt}” cannot follow “{w}”")
        elif first and indefinite_article(first.group()) != w.lower():
            out.append(f"“{w} {nxt}”: should be “{indefinite_article(first.group())}”")
    return out


def _doubles(text: str) -> list[str]:
    return [f"doubled word “{w}”" for w, nxt in _pairs(text)
            if w.lower() == nxt.lower() and not w[0].isdigit()]


def _prepositions(text: str) -> list[str]:
    """Two prepositions in a row ("talk to with"). Before a number, "about", "around", "over"
    and "under" mean roughly, more or less: "from about 1850" is fine."""
    words = [*_WORD.findall(text), ""]
    return [f"“{w} {nxt}”: two prepositions in a row"
            for w, nxt, third in zip(words, words[1:], words[2:], strict=False)
            if w.lower() in PREPOSITIONS and w.lower() not in PARTICLES
            and nxt.lower() in PREPOSITIONS
            and not (third[:1].isdigit() and nxt.lower() in ("about", "around", "over", "under"))]


def _next_word(a: Applied) -> str:
    m = re.match(r"\s+([\w'\u2019]+)", a.result[_end_of_replacement(a):])
    return m.group(1) if m else ""


def _dangling_object(a: Applied) -> str:
    """An object pronoun after a verb phrase that already has its object or ends without a
    word that can take one: "[tell people where to get help] them", "[let us know] us"."""
    nxt = _next_word(a)
    words = a.replacement.lower().split()
    if (a.entry.inflect != "verb" or nxt.lower() not in OBJECT_PRONOUNS or len(words) < 2
            or words[-1] in PREPOSITIONS | PARTICLES):
        return ""
    return f"“{a.replacement} {nxt}”: the pronoun has nothing to attach to"


def _end_of_replacement(a: Applied) -> int:
    """Where the replacement ends in ``a.result`` (the first difference from the end)."""
    tail = 0
    x, y = a.example, a.result
    while tail < min(len(x), len(y)) and x[-1 - tail] == y[-1 - tail]:
        tail += 1
    return len(y) - tail


def _plural(a: Applied) -> str:
    """A plural match replaced by a noun phrase that reads as singular."""
    if a.entry.inflect != "noun":
        return ""
    matched = " ".join(a.matched.lower().split())
    singular = {s.lower() for s, form in a.entry.surfaces() if form == inflect.BASE}
    plural = {s.lower() for s, form in a.entry.surfaces() if form == inflect.PLURAL}
    if matched not in plural or matched in singular:
        return ""
    if not _plural_phrase(a.replacement):
        return f"“{a.matched}” is plural but “{a.replacement}” is not"
    return ""


def _plural_phrase(phrase: str) -> bool:
    """Does a noun phrase read as plural (or as a word that has no plural)? Its head noun is
    the word before a preposition or relative word, else the last word."""
    words = [w.lower() for w in phrase.split()]
    head = words[-1]
    for i, w in enumerate(words[1:], 1):
        if w in PREPOSITIONS or w in ("who", "that", "which", "whose"):
            head = words[i - 1]
            break
    return (head in inflect._NO_PLURAL or head in inflect.IRREGULAR_PLURAL.values()
            or (head.endswith("s") and not head.endswith("ss")))


def _before_noun(a: Applied, nlp) -> str:  # type: ignore[no-untyped-def]
    """A phrase with a function word put where the term modified a noun: "an [asset-based]
    approach" -> "a building on what people and places already have approach". The parse of
    the original sentence says whether the term's last word modifies a noun after it."""
    words = a.replacement.lower().split()
    if words and words[0] in ("a", "an"):  # the fix took in the article before the term
        words = words[1:]
    bad = [w for w in words if w in NOT_BEFORE_NOUN]
    if len(words) < 2 or not bad:
        return ""
    doc = nlp(a.example)
    start = a.example.find(a.matched) if a.matched else -1
    if start < 0:
        return ""
    end = start + len(a.matched)
    inside = [t for t in doc if start <= t.idx < end]
    if not inside:
        return ""
    last, first = inside[-1], inside[0]
    # Inside a noun phrase: after a determiner, a possessive or a number, or at the start of
    # the sentence ("eg batteries" after a comma is a list, not a noun phrase).
    opens = first.i == 0 or doc[first.i - 1].tag_ in ("DT", "PRP$", "CD", "POS")
    if (opens and last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i
            and last.head.pos_ in ("NOUN", "PROPN") and last.head.idx >= end):
        return f"“{a.replacement}” stands before the noun “{last.head.text}”"
    return ""
