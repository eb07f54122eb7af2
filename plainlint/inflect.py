"""English word forms: enough morphology to match inflected terms and to inflect replacements.

A glossary term is written once (``facilitate``) and matches its forms (``facilitates``,
``facilitated``, ``facilitating``). When a form is matched, the same form of the plain
alternative is suggested (``facilitated`` -> ``helped``). British spelling is the default; the
American ``-ize`` spellings of ``-ise`` words match too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

# Form names. BASE also covers the present tense except the third person singular.
BASE, S, ED, ING, EN, PLURAL = "base", "s", "ed", "ing", "en", "plural"

_VOWELS = set("aeiou")

# past, past participle
IRREGULAR: dict[str, tuple[str, str]] = {
    "arise": ("arose", "arisen"), "be": ("was", "been"), "bear": ("bore", "borne"),
    "become": ("became", "become"), "begin": ("began", "begun"), "bring": ("brought", "brought"),
    "build": ("built", "built"), "buy": ("bought", "bought"), "choose": ("chose", "chosen"),
    "come": ("came", "come"), "cost": ("cost", "cost"), "cut": ("cut", "cut"),
    "deal": ("dealt", "dealt"), "do": ("did", "done"), "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"), "fall": ("fell", "fallen"), "feel": ("felt", "felt"),
    "find": ("found", "found"), "forgo": ("forwent", "forgone"), "get": ("got", "got"),
    "give": ("gave", "given"), "go": ("went", "gone"), "grow": ("grew", "grown"),
    "have": ("had", "had"), "hold": ("held", "held"), "hurt": ("hurt", "hurt"),
    "keep": ("kept", "kept"), "know": ("knew", "known"), "lay": ("laid", "laid"),
    "lead": ("led", "led"), "leave": ("left", "left"), "let": ("let", "let"),
    "lose": ("lost", "lost"), "make": ("made", "made"), "mean": ("meant", "meant"),
    "meet": ("met", "met"), "oversee": ("oversaw", "overseen"), "pay": ("paid", "paid"),
    "put": ("put", "put"), "rise": ("rose", "risen"), "run": ("ran", "run"),
    "say": ("said", "said"), "see": ("saw", "seen"), "seek": ("sought", "sought"),
    "sell": ("sold", "sold"), "send": ("sent", "sent"), "set": ("set", "set"),
    "show": ("showed", "shown"), "shut": ("shut", "shut"), "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"), "spread": ("spread", "spread"), "stand": ("stood", "stood"),
    "take": ("took", "taken"), "teach": ("taught", "taught"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "undertake": ("undertook", "undertaken"),
    "understand": ("understood", "understood"), "upset": ("upset", "upset"),
    "win": ("won", "won"), "withdraw": ("withdrew", "withdrawn"), "write": ("wrote", "written"),
    "forget": ("forgot", "forgotten"), "break": ("broke", "broken"), "hit": ("hit", "hit"),
    "catch": ("caught", "caught"), "fight": ("fought", "fought"), "shake": ("shook", "shaken"),
}
IRREGULAR_S = {"be": "is", "have": "has", "do": "does", "go": "goes"}

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
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return w + "es"
    if re.search(r"[^aeiou]y$", lower):
        return w[:-1] + "ies"
    return w + "s"


def _on_stem(form: Callable[[str], str]) -> Callable[[str], str]:
    """A verb form made on the part after a hyphenated prefix, so that the stem's own rules
    apply: "re-submit" -> "re-submitted", "re-set" -> "re-set", "co-produce" -> "co-produced"."""

    @functools.wraps(form)
    def made(verb: str) -> str:
        prefix, hyphen, stem = verb.rpartition("-")
        if hyphen and prefix and stem and " " not in stem:
            return prefix + hyphen + form(stem)
        return form(verb)

    return made


@_on_stem
def third_person(verb: str) -> str:
    lower = verb.lower()
    if lower in IRREGULAR_S:
        return _match_case(IRREGULAR_S[lower], verb)
    return plural(verb)


@_on_stem
def past(verb: str) -> str:
    lower = verb.lower()
    if lower in IRREGULAR:
        return _match_case(IRREGULAR[lower][0], verb)
    return _regular_ed(verb)


@_on_stem
def past_participle(verb: str) -> str:
    lower = verb.lower()
    if lower in IRREGULAR:
        return _match_case(IRREGULAR[lower][1], verb)
    return _regular_ed(verb)


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
