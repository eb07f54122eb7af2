"""English word forms: enough morphology to match inflected terms and to inflect replacements.

Forms come from lemminflect's lexicon (see `_lexicon`), with our own exceptions as data.

A glossary term is written once (``facilitate``) and matches its forms (``facilitates``,
``facilitated``, ``facilitating``). When a form is matched, the same form of the plain
alternative is suggested (``facilitated`` -> ``helped``). British spelling is the default; the
American ``-ize`` spellings of ``-ise`` words match too.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Form names. BASE also covers the present tense except the third person singular.
BASE, S, ED, ING, EN, PLURAL = "base", "s", "ed", "ing", "en", "plural"

_VOWELS = set("aeiou")

# -- the lexicon ---------------------------------------------------------------------------------
#
# Verb and noun forms come from lemminflect's lexicon (about 6,700 verbs and 23,000 nouns, from
# the SPECIALIST lexicon of the US National Library of Medicine), which the package ships as
# one table (``lemminflect/resources/infl_lu.csv.gz``: lemma, category, then the forms, with
# spelling variants joined by "/"). We read that table directly rather than through
# ``import lemminflect``, because the package's ``__init__`` imports spaCy and registers token
# extensions: a cached run or ``plainlint rules`` would pay a second for it. The table is read
# once, on first use (about 30 ms), with the package's own corrections
# (``infl_overrides.csv``). `tests/test_inflect.py` checks our reading against
# lemminflect's own functions.
#
# Words the lexicon does not know (``co-produce``, ``signpost``) fall back to the regular rules
# below. Our own choices stay data: `EXCEPTIONS` (British forms, and old forms the lexicon
# lists first), `_DOUBLING`, `IRREGULAR_PLURAL`.

#: Verbs whose forms we choose ourselves (past, past participle): British usage ("got", not
#: "gotten"; "borne" for carried), and current forms where the lexicon lists an old one first.
EXCEPTIONS: dict[str, tuple[str, str]] = {
    "be": ("was", "been"), "get": ("got", "got"), "bear": ("bore", "borne"),
    "forgo": ("forwent", "forgone"), "bid": ("bid", "bid"), "quit": ("quit", "quit"),
    "rid": ("rid", "rid"), "weave": ("wove", "woven"), "wake": ("woke", "woken"),
    "hang": ("hung", "hung"), "plead": ("pleaded", "pleaded"), "spit": ("spat", "spat"),
    "fit": ("fitted", "fitted"), "wed": ("wed", "wed"), "thrive": ("thrived", "thrived"),
    "dive": ("dived", "dived"), "shine": ("shone", "shone"), "prove": ("proved", "proved"),
    "swell": ("swelled", "swollen"), "overcome": ("overcame", "overcome"),
    "undertake": ("undertook", "undertaken"), "broadcast": ("broadcast", "broadcast"),
    "forecast": ("forecast", "forecast"), "run": ("ran", "run"),
}
IRREGULAR_S = {"be": "is", "have": "has", "do": "does", "go": "goes"}


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, tuple[str, ...]]  # lemma -> (past, participle, -ing, -s), variants "/"
    nouns: dict[str, str]  # lemma -> plurals, variants "/"
    participles: dict[str, tuple[str, ...]]  # past participle or past -> lemmas
    adjectives: frozenset[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    spec = importlib.util.find_spec("lemminflect")
    verbs: dict[str, tuple[str, ...]] = {}
    nouns: dict[str, str] = {}
    participles: dict[str, list[str]] = {}
    pasts: dict[str, list[str]] = {}
    adjectives: set[str] = set()
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations)), "resources", "infl_lu.csv.gz")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                lemma, category, *forms = line.rstrip("\n").split(",")
                if category == "verb" and len(forms) >= 4:
                    past_forms, en_forms = forms[0], forms[1] or forms[0]
                    verbs[lemma] = (past_forms, en_forms, forms[2], forms[3])
                    for form in en_forms.split("/"):
                        if form and form != lemma:
                            participles.setdefault(form, []).append(lemma)
                    for form in past_forms.split("/"):
                        if form and form != lemma:
                            pasts.setdefault(form, []).append(lemma)
                elif category == "noun" and forms and forms[0]:
                    nouns.setdefault(lemma, forms[0])
                elif category == "adj":
                    adjectives.add(lemma)
        # The package's corrections to its table (word, Penn tag, form): "run" VBN "run".
        slot = {"VBD": 0, "VBN": 1, "VBG": 2, "VBZ": 3}
        overrides = path.with_name("infl_overrides.csv").read_text(encoding="utf-8")
        for row in overrides.splitlines():
            if not row.strip() or row.startswith("#") or row.count(",") != 2:
                continue
            lemma, tag, form = row.split(",")
            if tag == "NNS":
                nouns[lemma] = form
            elif tag in slot and lemma in verbs:
                forms = list(verbs[lemma])  # the correction first, the table's spellings after
                forms[slot[tag]] = "/".join(dict.fromkeys([form, *forms[slot[tag]].split("/")]))
                verbs[lemma] = tuple(forms)
                if tag == "VBN" and form != lemma:
                    participles.setdefault(form, []).insert(0, lemma)
    for form, lemmas in pasts.items():  # a participle's verbs first: "found" is "find"
        participles.setdefault(form, []).extend(x for x in lemmas if x not in participles[form])
    return _Lexicon(verbs, nouns, {k: tuple(v) for k, v in participles.items()},
                    frozenset(adjectives))


def _pick(variants: str, seen: str = "") -> str:
    """One spelling from the lexicon's variants: a British "-t" form the text used, else the
    British double "l" ("travelled", not "traveled"), else the first."""
    options = [v for v in variants.split("/") if v and "-" not in v] or variants.split("/")
    if seen in options and (seen.endswith("t") or len(options) == 1 or seen == options[0]):
        return seen  # the British -t past the text used ("spilt", "learnt"), or the only one
    for v in options:
        if "ll" in v and v.replace("ll", "l", 1) in options:
            return v
    return options[0]


def _lexicon_form(verb: str, index: int, seen: str = "") -> str | None:
    forms = _lexicon().verbs.get(verb.lower())
    if forms is None or not forms[index]:
        return None
    return _match_case(_pick(forms[index], seen), verb)


def lemmas_of(participle: str) -> tuple[str, ...]:
    """The verbs a past tense or past participle can belong to ("found" -> "find", "wound" ->
    "wind"); empty when the lexicon does not know the word."""
    word = participle.lower()
    found = list(_lexicon().participles.get(word, ()))
    same = _lexicon().verbs.get(word)  # "cut", "put", "upset": the participle is the verb
    if same is not None and word in same[1].split("/") and word not in found:
        found.insert(0, word)
    for base, (ed, en) in EXCEPTIONS.items():
        if word in (ed, en) and base not in found:
            found.insert(0, base)
    return tuple(found)


def participles_of(verb: str) -> tuple[str, ...]:
    """Every spelling of a verb's past participle the lexicon lists ("bent", "bended")."""
    lower = verb.lower()
    forms = _lexicon().verbs.get(lower)
    out = tuple(forms[1].split("/")) if forms else ()
    if lower in EXCEPTIONS:  # ours first; never our past tense ("ran" is not a participle)
        past_form, participle = EXCEPTIONS[lower]
        out = (participle, *(v for v in out if v not in (participle, past_form)))
    return out


def is_noun(word: str) -> bool:
    """Does the lexicon know the word as a noun and not also as an adjective ("scrutiny",
    "risk"; not "final" or "positive")?"""
    lower = word.lower()
    return lower in _lexicon().nouns and lower not in _lexicon().adjectives


def is_verb_s(word: str) -> bool:
    """Is the word the "-s" form of a verb the lexicon knows ("works", "means")?"""
    lower = word.lower()
    return any(lower in forms[3].split("/") for forms in _verbs_by_s().get(lower, ()))


@functools.lru_cache(maxsize=1)
def _verbs_by_s() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for forms in _lexicon().verbs.values():
        for s in forms[3].split("/"):
            out.setdefault(s, []).append(forms)
    return {k: tuple(v) for k, v in out.items()}


def is_past_only(word: str) -> bool:
    """A past tense that is not also the past participle of its verb ("ran", "wrote",
    "began"): it cannot follow "has", "be" or stand for a participle."""
    lower = word.lower()
    for lemma in lemmas_of(lower):
        forms = _lexicon().verbs.get(lemma)
        if forms is None:
            continue
        if lower in forms[0].split("/") and lower not in participles_of(lemma):
            return True
    return False


def irregular_participles() -> frozenset[str]:
    """Every past participle in the lexicon that does not end in -ed, -en or -wn ("bought",
    "flung", "slain" is not needed: it ends in -n but not -en)."""
    out: set[str] = set()
    for forms in _lexicon().verbs.values():
        for form in forms[1].split("/"):
            if form.isalpha() and not form.endswith(("ed", "en", "wn")):
                out.add(form)
    out.update(en for _, en in EXCEPTIONS.values())
    return frozenset(out)


# Verbs of more than one syllable whose stressed last syllable doubles its consonant.
_DOUBLING = {
    "admit", "commit", "submit", "omit", "permit", "emit", "transmit", "refer", "prefer",
    "defer", "confer", "infer", "occur", "recur", "incur", "compel", "propel", "expel",
    "dispel", "embed", "regret", "forget", "begin", "equip", "abet", "allot", "control",
    "patrol", "acquit", "outstrip", "upset", "forbid", "rebut", "unplug",
}
# Verbs ending vowel + consonant that never double.
_NO_DOUBLING = {"offer", "differ", "open", "happen", "visit", "edit", "limit", "target",
                "budget", "credit", "benefit", "develop", "focus", "deliver", "consider",
                "enter", "order", "answer", "gather", "cover", "deter"}

IRREGULAR_PLURAL = {
    "person": "people", "child": "children", "man": "men", "woman": "women",
    "criterion": "criteria", "phenomenon": "phenomena", "analysis": "analyses",
    "basis": "bases", "crisis": "crises", "life": "lives", "half": "halves",
    "leaf": "leaves", "shelf": "shelves", "wife": "wives", "foot": "feet", "tooth": "teeth",
    "datum": "data", "medium": "media", "thesis": "theses", "index": "indices",
}


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word.lower().rstrip("e"))) or 1


def _doubles(word: str) -> bool:
    w = word.lower()
    if w in _NO_DOUBLING or len(w) < 3:
        return False
    if w in _DOUBLING:
        return True
    c1, v, c2 = w[-3], w[-2], w[-1]
    cvc = c1 not in _VOWELS and v in _VOWELS and c2 not in _VOWELS and c2 not in "wxy"
    if not cvc:
        return False
    if c2 == "l":  # British English: travelled, cancelled, modelled
        return True
    return _syllables(w) == 1


def plural(noun: str) -> str:
    w = noun
    lower = w.lower()
    if lower in IRREGULAR_PLURAL:
        return _match_case(IRREGULAR_PLURAL[lower], w)
    known = _lexicon().nouns.get(lower)
    if known is not None and " " not in w:
        return _match_case(_pick(known), w)
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return w + "es"
    if re.search(r"[^aeiou]y$", lower):
        return w[:-1] + "ies"
    return w + "s"


def _on_stem(form: Callable[..., str]) -> Callable[..., str]:
    """A verb form made on the part after a hyphenated prefix, so that the stem's own rules
    apply: "re-submit" -> "re-submitted", "re-set" -> "re-set", "co-produce" -> "co-produced"."""

    @functools.wraps(form)
    def made(verb: str, *args: str) -> str:
        prefix, hyphen, stem = verb.rpartition("-")
        if hyphen and prefix and stem and " " not in stem:
            return prefix + hyphen + form(stem, *args)
        return form(verb, *args)

    return made


@_on_stem
def third_person(verb: str) -> str:
    lower = verb.lower()
    if lower in IRREGULAR_S:
        return _match_case(IRREGULAR_S[lower], verb)
    return _lexicon_form(verb, 3) or _regular_s(verb)


def _regular_s(verb: str) -> str:
    lower = verb.lower()
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return verb + "es"
    if re.search(r"[^aeiou]y$", lower):
        return verb[:-1] + "ies"
    return verb + "s"


@_on_stem
def past(verb: str, seen: str = "") -> str:
    """The past tense; ``seen`` is a form the text used, chosen among spelling variants
    ("spilt" keeps "spilt")."""
    lower = verb.lower()
    if lower in EXCEPTIONS:
        return _match_case(EXCEPTIONS[lower][0], verb)
    return _lexicon_form(verb, 0, seen) or _regular_ed(verb)


@_on_stem
def past_participle(verb: str) -> str:
    lower = verb.lower()
    if lower in EXCEPTIONS:
        return _match_case(EXCEPTIONS[lower][1], verb)
    return _lexicon_form(verb, 1) or _regular_ed(verb)


def _regular_ed(verb: str) -> str:
    lower = verb.lower()
    if lower.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", lower):
        return verb[:-1] + "ied"
    if _doubles(lower):
        return verb + verb[-1] + "ed"
    return verb + "ed"


@_on_stem
def present_participle(verb: str) -> str:
    known = _lexicon_form(verb, 2)
    if known is not None:
        return known
    lower = verb.lower()
    if lower.endswith("ie"):
        return verb[:-2] + "ying"
    if lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")) and lower != "be":
        return verb[:-1] + "ing"
    if _doubles(lower):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def verb_forms(verb: str) -> dict[str, str]:
    return {
        BASE: verb,
        S: third_person(verb),
        ED: past(verb),
        EN: past_participle(verb),
        ING: present_participle(verb),
    }


def _match_case(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def inflect_phrase(phrase: str, form: str, how: str) -> str:
    """Put a phrase into a form: verbs inflect their first word, nouns their last.

    ``how`` is ``verb``, ``noun`` or ``none``. A word in round brackets or a phrase with a
    ``[placeholder]`` is returned unchanged.
    """
    if form == BASE or how == "none" or not phrase or "[" in phrase or phrase.startswith("("):
        return phrase
    words = phrase.split(" ")
    if how == "verb":
        heads = [0]
        # "plan and run together": both verbs of a pair change.
        if len(words) > 2 and words[1] in ("and", "or"):
            heads.append(2)
        for h in heads:
            words[h] = _verb_form(words[h], form)
        return " ".join(words)
    if how == "noun" and form == PLURAL:
        return plural_phrase(phrase)
    return phrase


#: Words that start what comes after a noun phrase's head noun: a prepositional phrase ("adult
#: at risk") or a relative clause ("person who uses drugs").
_POSTMODIFIER = frozenset([
    "at", "with", "without", "of", "in", "on", "for", "from", "under", "who", "that", "which",
    "whose",
])
_RELATIVE_WORDS = frozenset(["who", "that", "which"])
_PLURAL_VERBS = {"has": "have", "is": "are", "was": "were", "does": "do"}
#: Already plural, or not counted: "people", "staff", "support".
_NO_PLURAL = frozenset([
    "people", "children", "men", "women", "staff", "police", "folk", "support", "help",
    "information", "advice", "equipment", "money", "funding", "care",
])


def plural_phrase(phrase: str) -> str:
    """The plural of a noun phrase, made on its head noun: the last word, or the word before
    a preposition or relative word that follows it ("adult at risk" -> "adults at risk",
    "person who uses drugs" -> "people who use drugs"). The verb of a relative clause agrees,
    with the verb joined to it by "and" ("plans and buys" -> "plan and buy"). A phrase that
    starts with a word of its own kind ("the", "your", "some") is left alone."""
    words = phrase.split(" ")
    if not words or words[0].lower() in _DETERMINERS:
        return phrase
    head = len(words) - 1
    for i in range(1, len(words)):
        if words[i].lower() in _POSTMODIFIER:
            head = i - 1
            break
    word = words[head].lower()
    if word in _NO_PLURAL or (word.endswith("s") and not word.endswith("ss")):
        return phrase  # already plural ("ethnic minority groups"), or not counted
    if word.endswith("ly") or word in _NOT_NOUNS:
        return phrase  # not a noun phrase ("help early on"): the writer decides
    words[head] = plural(words[head])
    rel = head + 1
    if rel + 1 < len(words) and words[rel].lower() in _RELATIVE_WORDS:
        verbs = [rel + 1]
        if rel + 3 < len(words) and words[rel + 2] == "and":
            verbs.append(rel + 3)
        for v in verbs:
            words[v] = _plural_verb(words[v])
    return " ".join(words)


_NOT_NOUNS = frozenset(["on", "up", "out", "off", "early", "now", "together", "more", "less",
                        "alone"])
_DETERMINERS = frozenset([
    "something", "someone", "anything", "what", "how", "where", "the", "a", "an", "your", "our",
    "their", "his", "her", "its", "my", "some", "any", "this", "that", "these", "those", "each",
    "every",
])


def _plural_verb(word: str) -> str:
    """The plural present of a third-person verb: "uses" -> "use"; other words unchanged."""
    lower = word.lower()
    if lower in _PLURAL_VERBS:
        return _PLURAL_VERBS[lower]
    for base in (lower[:-1], lower[:-2], lower[:-3] + "y"):
        if base and len(base) > 1 and third_person(base) == lower:
            return base
    return word


def _verb_form(word: str, form: str) -> str:
    if form in (S, PLURAL):
        return third_person(word)
    if form == ED:
        return past(word)
    if form == EN:
        return past_participle(word)
    if form == ING:
        return present_participle(word)
    return word


def forms_of(phrase: str, how: str) -> dict[str, str]:
    """Every surface form of a term, keyed by form name."""
    words = phrase.split(" ")
    if how == "verb":
        out = {BASE: phrase}
        for form in (S, ED, EN, ING):
            out[form] = " ".join([_verb_form(words[0], form), *words[1:]])
        return out
    if how == "noun":
        return {BASE: phrase, PLURAL: " ".join([*words[:-1], plural(words[-1])])}
    return {BASE: phrase}


_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)\b")


def american_spelling(phrase: str) -> str:
    """``prioritise`` -> ``prioritize``, ``organisation`` -> ``organization``."""
    return _ISE.sub(lambda m: "iz" + m.group(1), phrase)
