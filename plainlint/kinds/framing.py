"""The framing kind: who holds agency in a sentence.

Each sentence is classified ``to`` (people, or their things, are made to comply, penalised,
refused or sorted), ``for`` (the organisation provides and people only receive), ``together``
(people take part, choose, shape or lead) or ``neutral``.

Three parts decide (docs/framing.md):

- cue words (``rules/framing/cues.yaml``) pick the sentences worth parsing; every other sentence
  is neutral without a parse. The parses come from `Context.sentence_docs`, shared with other
  parse-based rules;
- the rules over the dependency parse in this module (`_Sentence`) find framing *events*: who is
  the subject and object of each verb, passive voice, modals, conditions, and the word lists of
  ``rules/framing/lexicon.yaml``;
- the trained model (`plainlint.kinds.framing_model`, ``rules/framing/model.json``) takes the
  cues, the roles and the events as features and decides the label, with a threshold per label
  chosen for precision. The events (or, failing them, the cues) anchor the finding and fill its
  message and suggestion.

Headings, table cells, fragments and sentences too long to parse get no verdict. The rules
``done-to`` and ``done-for`` report one finding per sentence, anchored on the words that carry
the framing; the ``framing`` metric counts the labels and estimates the ladder step (see
``plainlint/metrics/framing.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from plainlint import inflect, yamlutil
from plainlint.kinds import Kind, Option, format_message, framing_model, register
from plainlint.model import Hit, Suggestion

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from plainlint.engine import Context
    from plainlint.rules import Rule

LABELS = ("to", "for", "together", "neutral")
FAMILY = "framing"

#: Ladder steps, 1 to 8, by name.
STEPS = {
    1: "coercion", 2: "educating", 3: "informing", 4: "consultation", 5: "engagement",
    6: "co-design", 7: "co-production", 8: "citizen-led",
}

# Clause edges that make a verb subordinate to the one above it.
_CLAUSE_DEPS = {"advcl", "relcl", "acl", "ccomp", "csubj", "csubjpass", "pcomp", "parataxis"}
_CONDITIONS = {"if", "unless", "whether", "once"}
_MODALS = {"will", "may", "might", "could", "can", "shall", "would", "should", "must", "'ll"}
_PAST_TAGS = {"VBD"}
_OWN = {"your", "their", "his", "her", "my", "its"}
# Words that do not describe people or things in a rewrite ("more than 400 children").
_NOT_MODIFIERS = {"more", "most", "many", "few", "other", "such", "all", "some", "any", "same",
                  "every", "each", "further", "certain", "various", "several", "than"}
# Nouns that only hold the thing provided: "a range of services", "a copy of the plan".
_CONTAINERS = {"range", "number", "variety", "lot", "package", "choice", "set", "copy", "list",
               "selection", "mix", "host", "array", "series", "bundle"}
# Words allowed between the parts of an anchor before the farther part is left out.
_MAX_GAP = 4
# Verbs that make working with people co-design: "work with residents to design ...".
_DESIGN = {"design", "redesign", "shape", "plan", "develop", "create", "write", "agree",
           "decide", "choose", "set", "improve", "review", "produce", "build", "draft"}
_WORD = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")


# -- the word lists ---------------------------------------------------------------------------

def _noun_forms(words: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for w in words:
        w = str(w).lower().strip()
        head = w.split(" ")[-1]
        out.add(head)
        out.add(inflect.plural(head))
    return out


def _verb_table(words: Iterable[str]) -> dict[str, str]:
    """Surface form -> base form, for the first word of each verb (phrasal verbs by their verb)."""
    out: dict[str, str] = {}
    for w in words:
        w = str(w).lower().strip()
        first = w.split(" ")[0]
        if first.startswith("co-"):
            first = first[3:]
        for form in inflect.verb_forms(first).values():
            out.setdefault(form, first)
            out.setdefault(inflect.american_spelling(form), first)
    return out


@dataclass(frozen=True)
class Lexicon:
    """The framing word lists, with every surface form worked out once."""

    people: frozenset[str]
    more_people: frozenset[str]  # nouns that name people, from WordNet (people-nouns.txt)
    people_pronouns: frozenset[str]
    possessives: frozenset[str]
    proxies: frozenset[str]
    collectives: frozenset[str]
    voice_nouns: frozenset[str]
    institutions: frozenset[str]
    institution_phrases: frozenset[str]
    institution_pronouns: frozenset[str]
    law: frozenset[str]
    control: dict[str, str]
    penalty: frozenset[str]
    loss: frozenset[str]
    face: frozenset[str]
    instruct: frozenset[str]
    comply: frozenset[str]
    provision: dict[str, str]
    inform: dict[str, str]
    partnership: frozenset[str]
    choice: frozenset[str]
    voice: frozenset[str]
    speak: frozenset[str]
    penalty_nouns: frozenset[str]
    penalty_phrases: tuple[tuple[str, ...], ...]
    failure_nouns: frozenset[str]
    consequence: frozenset[str]
    impose: frozenset[str]
    control_nouns: frozenset[str]
    light_verbs: frozenset[str]
    provision_nouns: frozenset[str]
    paperwork: frozenset[str]
    administrative: frozenset[str]  # penalty verbs that are everyday administration too
    civic: frozenset[str]  # things people make for a place, not for their own affairs
    run_by: frozenset[str]  # making or running, done by people in the passive too
    places: frozenset[str]  # places people can be asked to leave
    together_phrases: tuple[tuple[str, ...], ...]
    suggestion_people: dict[str, str]
    shapes: dict[str, dict[str, Any]]
    verb_forms: dict[str, str]  # every listed verb form -> base
    phrasal: frozenset[str]  # multi-word verbs: "look after", "take care of"

    @cached_property
    def penalty_index(self) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
        """Penalty phrases by their first word, each with its rank (longest first): the order
        in which `_Sentence.penalty_spans` lets one phrase claim a word before another."""
        return _phrase_index(sorted(self.penalty_phrases, key=len, reverse=True))

    @cached_property
    def together_index(self) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
        """Together phrases by their first word, each with its place in the list."""
        return _phrase_index(self.together_phrases)

    @classmethod
    def from_data(cls, data: dict[str, Any], more_people: Iterable[str] = ()) -> Lexicon:
        people = data["people"]
        inst = data["institutions"]
        verbs = data["verbs"]

        def lower_set(items: Iterable[Any]) -> frozenset[str]:
            return frozenset(str(x).lower() for x in items)

        all_verbs: list[str] = []
        for value in verbs.values():
            all_verbs.extend(value.keys() if isinstance(value, dict) else value)
        verb_forms = _verb_table(all_verbs)
        phrasal = frozenset(str(v).lower() for v in all_verbs if " " in str(v))
        penalty_nouns = [str(p).lower() for p in data["penalty_nouns"]]
        phrases = tuple(tuple(re.findall(r"\w+|[^\w\s]", p)) for p in penalty_nouns
                        if " " in p or "-" in p)
        # Phrases as the tokenizer splits them: "co-production" is "co", "-", "production".
        together = tuple(
            tuple(re.findall(r"\w+|[^\w\s]", str(p).lower())) for p in data["together_phrases"]
        )
        people_forms = _noun_forms(people["nouns"])
        wordnet = _noun_forms(more_people) - _noun_forms(inst["nouns"])
        return cls(
            people=frozenset(people_forms),
            more_people=frozenset(wordnet),
            people_pronouns=lower_set(people["pronouns"]),
            possessives=lower_set(people["possessives"]),
            proxies=frozenset(_noun_forms(people["proxies"])),
            collectives=frozenset(_noun_forms(people["collectives"])),
            voice_nouns=frozenset(_noun_forms(people["voice"])),
            institutions=frozenset(_noun_forms(inst["nouns"])),
            institution_phrases=frozenset(
                str(n).lower() for n in inst["nouns"] if " " in str(n)
            ),
            institution_pronouns=lower_set(inst["pronouns"]),
            law=frozenset(_noun_forms(data["law"])),
            control={str(k).lower(): str(v) for k, v in verbs["control"].items()},
            penalty=lower_set(verbs["penalty"]),
            loss=lower_set(verbs["loss"]),
            face=lower_set(verbs["face"]),
            instruct=lower_set(verbs["instruct"]),
            comply=lower_set(verbs["comply"]),
            provision={str(k).lower(): str(v) for k, v in verbs["provision"].items()},
            inform={str(k).lower(): str(v) for k, v in verbs["inform"].items()},
            partnership=lower_set(verbs["partnership"]),
            choice=lower_set(verbs["choice"]),
            voice=lower_set(verbs["voice"]),
            speak=lower_set(verbs["speak"]),
            penalty_nouns=frozenset(_noun_forms(p for p in penalty_nouns if " " not in p)),
            penalty_phrases=phrases,
            failure_nouns=frozenset(_noun_forms(data["failure_nouns"])),
            consequence=lower_set(data["consequence_verbs"]),
            impose=lower_set(data["impose_verbs"]),
            control_nouns=frozenset(_noun_forms(data["control_nouns"])),
            light_verbs=lower_set(data["light_verbs"]),
            provision_nouns=frozenset(_noun_forms(data["provision_nouns"])),
            paperwork=frozenset(_noun_forms(data["paperwork"])),
            administrative=lower_set(data["administrative_verbs"]),
            civic=lower_set(data["civic_nouns"]),
            run_by=lower_set(data["run_by_verbs"]),
            places=lower_set(data["places"]),
            together_phrases=together,
            suggestion_people={
                str(k).lower(): str(v) for k, v in data["suggestion_people"].items()
            },
            shapes={str(k): dict(v) for k, v in data["shapes"].items()},
            verb_forms=verb_forms,
            phrasal=phrasal,
        )


def _choice_step(key: str) -> int:
    """The ladder step of people doing ``key``: leading and running (8, citizen-led),
    choosing and deciding (7, co-production), taking part (5), shaping and designing (6)."""
    if key in ("lead", "run", "own", "govern", "control", "direct", "establish", "steer",
               "organise", "organize"):
        return 8
    if key in ("choose", "decide", "vote", "commission", "prioritise", "prioritize",
               "nominate", "select", "pick", "agree", "budget"):
        return 7
    if key in ("participate", "join"):
        return 5
    return 6


def _phrase_index(phrases: Iterable[tuple[str, ...]]
                  ) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """First word -> [(rank, phrase)], so a sentence is scanned once, not once per phrase."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for rank, phrase in enumerate(phrases):
        index.setdefault(phrase[0], []).append((rank, phrase))
    return index


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled framing word lists (``rules/framing/lexicon.yaml``)."""
    from plainlint.resources import rules_dir

    folder = rules_dir() / "framing"
    data = yamlutil.load((folder / "lexicon.yaml").read_text(encoding="utf-8"))
    words = (folder / "people-nouns.txt").read_text(encoding="utf-8").splitlines()
    return Lexicon.from_data(data, (w.strip() for w in words if w.strip() and w[0] != "#"))


# -- classification ---------------------------------------------------------------------------

@dataclass
class Event:
    """One framing signal in a sentence: a verb (or phrase) and the people it involves."""

    label: str  # to, for, together
    shape: str  # penalty, obligation, control, instruct, loss, provision, inform, receive,
    #             voice, engagement, partnership, choice, lead
    step: int
    tokens: list[int]  # token indices that carry the framing (the anchor covers them)
    head: int  # the verb (or the first word of a phrase) the event hangs on
    depth: int = 0
    strength: int = 1
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Framing:
    """How one sentence frames people.

    ``anchor`` is (start, end) in the sentence's own characters, or None for neutral
    sentences. ``fields`` fill the message and suggestion templates.
    """

    label: str
    shape: str | None = None
    step: int | None = None
    anchor: tuple[int, int] | None = None
    strength: int = 0
    fields: dict[str, str] = field(default_factory=dict)
    parsed: bool = False
    #: The model's probability of ``label`` (0 for sentences not parsed).
    probability: float = 0.0
    #: Why the sentence got no verdict: "heading", "table-cell", "fragment", "too long" ...
    skipped: str | None = None


NEUTRAL = Framing("neutral")


class _Sentence:
    """The parse of one sentence, with the questions the rules ask of it."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.events: list[Event] = []
        self._penalty_spans: dict[int, list[int]] | None = None

    # -- words ---------------------------------------------------------------------------
    def base(self, tok: Token) -> str:
        low = tok.lower_
        if low in self.lex.verb_forms:
            return self.lex.verb_forms[low]
        return tok.lemma_.lower()

    def phrasal(self, v: Token, key: str) -> str:
        """The verb with its particle when our lists know it that way: "look after",
        "hand out", "lay on", "take care of", "move on"."""
        known = self.lex.phrasal
        for c in v.children:
            if c.dep_ in ("prt", "prep") and f"{key} {c.lower_}" in known:
                return f"{key} {c.lower_}"
            if c.dep_ == "dobj":
                for g in c.children:
                    if g.dep_ == "prep" and f"{key} {c.lower_} {g.lower_}" in known:
                        return f"{key} {c.lower_} {g.lower_}"
        return key

    def co_verb(self, tok: Token) -> bool:
        doc = self.doc
        i = tok.i
        return i >= 2 and doc[i - 1].text in "-\u2010\u2011" and doc[i - 2].lower_ == "co"

    def is_people(self, tok: Token) -> bool:
        """Does the word name people the council serves ("residents", "you", "voters")?

        Our own list comes first, then the council's side (officers, services, schools), then
        the longer list of nouns that name people."""
        lex = self.lex
        low = tok.lower_
        if low in lex.people_pronouns:
            return True
        if tok.pos_ not in ("NOUN", "PROPN", "PRON"):
            return False
        if low in ("those", "anyone", "anybody", "everyone", "someone", "everybody",
                   "somebody"):
            return tok.pos_ == "PRON" or low != "those" or any(
                c.dep_ == "relcl" for c in tok.children)
        lemma = tok.lemma_.lower()
        if low in lex.people or lemma in lex.people:
            if low == "public" and not any(c.lower_ == "the" for c in tok.children):
                return tok.dep_ in ("pobj", "nsubj", "dobj")
            return True
        if low in lex.collectives and self.collective_of_people(tok):
            return True
        if low in lex.institutions or lemma in lex.institutions or self.role(tok):
            return False
        return low in lex.more_people or lemma in lex.more_people

    def role(self, tok: Token) -> bool:
        """A job on the council's side named with a modifier: "health visitor", "youth
        worker", "school nurse"."""
        for child in tok.lefts:
            if child.dep_ == "compound" and f"{child.lower_} {tok.lemma_.lower()}" in (
                self.lex.institution_phrases
            ):
                return True
        return False

    def collective_of_people(self, tok: Token) -> bool:
        """ "The residents' association", "our parent carer forum", "a panel of young people";
        not "community groups", which are organisations."""
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod") and child.lower_ != "community":
                if child.lower_ in self.lex.people or child.lemma_.lower() in self.lex.people:
                    return True
                if child.lower_ in ("youth",):
                    return True
            if child.dep_ == "prep" and child.lower_ == "of" and any(
                self.is_people(g) for g in child.children if g.dep_ == "pobj"
            ):
                return True
        return False

    def people_in(self, tok: Token | None) -> Token | None:
        """The people word at ``tok`` or among its conjuncts ("schools and parents")."""
        if tok is None:
            return None
        for t in [tok, *tok.conjuncts]:
            if self.is_people(t):
                return t
        return None

    def is_proxy(self, tok: Token) -> bool:
        """A noun standing for a person: "your needs", "people's medication"."""
        if tok.lower_ not in self.lex.proxies:
            return False
        for child in tok.children:
            if child.dep_ == "poss" and (
                child.lower_ in self.lex.possessives or self.is_people(child)
            ):
                return True
        return False

    def is_institution(self, tok: Token | None) -> bool:
        if tok is None:
            return False
        low = tok.lower_
        if low in self.lex.institution_pronouns:
            return True
        if self.is_people(tok):
            return False
        return low in self.lex.institutions or tok.lemma_.lower() in self.lex.institutions

    def is_law(self, tok: Token | None) -> bool:
        law = self.lex.law
        return tok is not None and (tok.lower_ in law or tok.lemma_.lower() in law)

    def penalty_spans(self) -> dict[int, list[int]]:
        """Token index -> the penalty phrase it belongs to ("notice to quit", "fixed penalty
        notice"), found by the words in order, so a misread parse does not hide them."""
        if self._penalty_spans is None:
            spans: dict[int, list[int]] = {}
            words = [t.lower_ for t in self.doc]
            index = self.lex.penalty_index
            found: list[tuple[int, int, int]] = []  # (rank, start, length)
            for i, w in enumerate(words):
                for rank, phrase in index.get(w, ()):
                    n = len(phrase)
                    if i + n > len(words):
                        continue
                    if tuple(words[i:i + n]) == phrase or (
                        tuple(words[i:i + n - 1]) == phrase[:-1]
                        and self.doc[i + n - 1].lemma_.lower() == phrase[-1]
                    ):
                        found.append((rank, i, n))
            # Longer phrases claim their words first, as the list is ranked.
            for _rank, i, n in sorted(found):
                span = list(range(i, i + n))
                for j in span:
                    spans.setdefault(j, span)
            self._penalty_spans = spans
        return self._penalty_spans

    def penalty_phrase(self, tok: Token) -> list[int] | None:
        """Token indices of a penalty noun phrase at ``tok`` ("enforcement action")."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        spans = self.penalty_spans()
        if tok.i in spans:
            return spans[tok.i]
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if low == "action":
            # "action against you", but not "action to cut carbon".
            if any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children):
                return [tok.i]
            return None
        if low in self.lex.penalty_nouns or lemma in self.lex.penalty_nouns:
            left = sorted((t for c in tok.lefts if c.dep_ in ("compound", "amod")
                           for t in c.subtree), key=lambda t: t.i)
            if low in ("warning", "warnings") and any(
                c.lower_ in ("flood", "weather", "heat", "storm", "cold", "health", "travel")
                for c in left
            ):
                return None
            return [*(c.i for c in left), tok.i]
        return None

    def phrase_tokens(self, tok: Token) -> list[int]:
        """The noun and the words before it that belong to it ("young people", "all residents")."""
        out = [tok.i]
        for child in tok.lefts:
            if child.dep_ in ("compound", "amod", "det", "poss", "nummod", "predet", "nmod",
                              "case"):
                out.extend(t.i for t in child.subtree)
        return sorted(out)

    # -- verbs -----------------------------------------------------------------------------
    def subjects(self, verb: Token) -> list[Token]:
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if subj:
            out: list[Token] = []
            for s in subj:
                if s.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    out.append(verb.head)
                else:
                    out.append(s)
            return out
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head)
        if verb.dep_ in ("xcomp",) and verb.head.pos_ in ("VERB", "AUX"):
            objs = [c for c in verb.head.children if c.dep_ in ("dobj",)]
            return objs or self.subjects(verb.head)
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return [verb.head]
        return []

    def passive(self, verb: Token) -> bool:
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return True
        if verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
        ):
            # "will be contacted and offered a plan": the second verb shares the passive.
            return verb.head.pos_ in ("VERB", "AUX") and self.passive(verb.head)
        return verb.dep_ == "acl" and verb.tag_ == "VBN"

    def patients(self, verb: Token) -> list[Token]:
        """Who or what the verb acts on."""
        if self.passive(verb):
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not subj and verb.dep_ == "acl":
                subj = [verb.head]
            if not subj and verb.dep_ == "conj":
                subj = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
            return subj
        return [c for c in verb.children if c.dep_ in ("dobj",)]

    def agent(self, verb: Token) -> Token | None:
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None

    def preps(self, tok: Token, *words: str) -> list[Token]:
        """Objects of prepositions attached to ``tok`` ("to carers", "with residents")."""
        out = []
        for c in tok.children:
            if c.dep_ in ("prep", "dative", "agent") and c.lower_ in words:
                out.extend(g for g in c.children if g.dep_ == "pobj")
        return out

    def modals(self, verb: Token) -> set[str]:
        mods = {c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in _MODALS}
        if not mods and verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
            mods = self.modals(verb.head)
        return mods

    def have_to(self, verb: Token) -> bool:
        """ "You will have to pay": "have" with "to" and a verb straight after it."""
        return self.base(verb) == "have" and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" and a.i == verb.i + 1 for a in c.children)
            for c in verb.children
        )

    def must(self, verb: Token) -> bool:
        """Does the verb itself carry "must" or "shall" ("you must pay", "... and must pay")?"""
        if any(c.dep_ == "aux" and c.lower_ in ("must", "shall") for c in verb.children):
            return True
        return verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and self.must(verb.head)

    def negated(self, verb: Token) -> bool:
        return any(c.dep_ == "neg" for c in verb.children)

    def verb_group(self, verb: Token) -> list[int]:
        """The verb with its auxiliaries, negation and particle: "will be assessed"."""
        out = [verb.i]
        out.extend(c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt")
                   and c.i < verb.i + 3)
        if self.co_verb(verb):
            out.extend([verb.i - 1, verb.i - 2])
        lo = min(out)
        return [i for i in out if i >= lo]

    def depth(self, tok: Token) -> int:
        d = 0
        t = tok
        while t.head.i != t.i:
            if t.dep_ in _CLAUSE_DEPS:
                d += 1
            t = t.head
        return d

    def conditional(self, verb: Token) -> bool:
        """Is the verb inside an "if" or "unless" clause?"""
        t = verb
        while t.head.i != t.i:
            if t.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in t.children
            ):
                return True
            t = t.head
        return False

    def has_condition(self, verb: Token) -> bool:
        """Does the verb's own clause carry a condition ("..., if you do not pay")?"""
        root = verb
        while root.dep_ in ("conj", "xcomp") and root.head.i != root.i:
            root = root.head
        for c in root.subtree:
            if c.dep_ == "mark" and c.lower_ in _CONDITIONS:
                return True
            if c.lower_ in ("otherwise", "failure", "failing"):
                return True
        return False

    def threat(self, verb: Token) -> bool:
        """Is this a consequence still to come (a modal or a condition), not a report?"""
        mods = self.modals(verb)
        if mods - {"can"}:
            return True
        if mods and any(c.dep_ == "auxpass" for c in verb.children):
            # "Landlords can be fined up to £30,000": what can be done to people is a threat;
            # "the council can fine landlords" states a power.
            return True
        if verb.tag_ in ("VBZ", "VBP") or (
            verb.tag_ == "VBN"
            and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        ):
            # Present tense states a standing rule: "offenders are fined".
            return True
        return self.has_condition(verb)

    def past(self, verb: Token) -> bool:
        if verb.tag_ in _PAST_TAGS and not self.modals(verb):
            return True
        return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PAST_TAGS for c in verb.children)

    def imperative(self, verb: Token) -> bool:
        if verb.tag_ != "VB" or self.subjects(verb) or self.modals(verb):
            return False
        if verb.dep_ == "ROOT":
            first = next((t for t in self.doc if not t.is_punct), None)
            return first is not None and (first.i == verb.i or first.lower_ == "please")
        if verb.dep_ == "conj" and verb.head.dep_ == "ROOT":
            return self.imperative(verb.head)
        return False

    def under_law(self, verb: Token) -> bool:
        """Is the verb part of a statement of law or duty ("the Act requires councils to ...")?"""
        t = verb
        while t.head.i != t.i:
            head = t.head
            if t.dep_ in ("xcomp", "acl", "ccomp", "advcl") and head.lemma_.lower() in (
                "duty", "responsibility", "obligation", "power"
            ):
                return True
            if t.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
                if any(self.is_law(s) for s in self.subjects(head)):
                    return True
                if head.lemma_.lower() in ("require", "oblige", "expect") and self.passive(head):
                    subj = self.subjects(head)
                    if subj and not self.is_people(subj[0]):
                        return True
            t = head
        return False

    def add(self, label: str, shape: str, step: int, at: Token | None, tokens: Iterable[int],
            strength: int = 1, **fields: str) -> None:
        toks = sorted(set(tokens))
        head = at.i if at is not None else toks[0]
        depth = self.depth(at) if at is not None else 0
        self.events.append(Event(label, shape, step, toks, head, depth, strength, dict(fields)))

    # -- the rules -------------------------------------------------------------------------
    def classify(self) -> None:
        for tok in self.doc:
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or (
                # The small parser sometimes reads a verb as a noun ("landlords ... face
                # fines"): a word of our verb lists with a subject and an object is a verb.
                tok.lower_ in self.lex.verb_forms
                and any(c.dep_ == "nsubj" for c in tok.children)
                and any(c.dep_ == "dobj" for c in tok.children)
            ):
                self.verb(tok)
        self.phrases()

    def verb(self, v: Token) -> None:
        """Look for a framing event at one verb; the first rule that matches wins."""
        key = self.phrasal(v, self.base(v))
        if self.co_verb(v):
            key = "co-" + key
        subj = self.subjects(v)
        subj_people = next((p for s in subj if (p := self.people_in(s)) is not None), None)
        passive = self.passive(v)
        negated = self.negated(v)
        if self.conditional(v):
            # "If you plan to extend your home ...": a condition, not a statement of who acts.
            return
        imperative = self.imperative(v)
        agentive_people = (subj_people is not None and not passive) or imperative

        # Doing to: orders. "You must pay", "tenants are required to ...".
        if (self.must(v) or self.have_to(v)) and self._obligation(v, key, subj_people, passive):
            return
        if key in ("require", "expect", "oblige", "compel", "permit", "allow") and (
            self._required(v, key, subj_people, passive, negated)
        ):
            return
        if key == "be" and (self._responsible(v, subj_people) or self._offence(v, subj)):
            return
        # Doing together: people act, or the council works with them.
        if not negated and self._together(v, key, subj, subj_people, passive, imperative):
            return
        if negated:
            return
        # Doing to: penalties, control and instructions.
        if self._penalty(v, key, subj, subj_people, passive):
            return
        if self._control(v, key, subj, subj_people, passive):
            return
        if self._checks(v, key, subj, subj_people, passive):
            return
        if self._instruct(v, key, subj, subj_people, passive):
            return
        if self._comply(v, key, subj_people):
            return
        # Doing for: the council gives, people receive.
        if key == "receive":
            self._receive(v, subj_people, passive)
        elif not agentive_people and not self.under_law(v):
            self._provision(v, key, subj, passive)

    def _obligation(self, v: Token, key: str, subj_people: Token | None, passive: bool) -> bool:
        """ "You must tell us", "tenants must comply", "children must be registered"."""
        if subj_people is None:
            return False
        action = v
        if self.have_to(v):
            action = next(c for c in v.children if c.dep_ == "xcomp")
        elif key in ("be", "have") and not passive:
            # "You must be 18 or over", "applicants must have lived here": eligibility.
            return False
        if passive and self.people_in(next(iter(self.patients(v)), None)) is None:
            return False
        tokens = [*self.phrase_tokens(subj_people), *self.verb_group(v), action.i]
        cue = self.span_text([*self.verb_group(v), action.i])
        verb = action.lower_ if action.tag_ == "VB" else self.base(action)
        self.add("to", "obligation", 2, v, tokens, 2, people=self.people_text(subj_people),
                 verb=verb, action=f"do not {verb}" if self.negated(v) else verb, cue=cue)
        return True

    def _required(self, v: Token, key: str, subj_people: Token | None, passive: bool,
                  negated: bool) -> bool:
        """ "Tenants are required to report repairs", "residents are not permitted to ..."."""
        xcomp = [c for c in v.children if c.dep_ == "xcomp"]
        if key in ("permit", "allow") and not negated:
            return False
        if passive and subj_people is not None and xcomp:
            people = subj_people
        elif not passive and self.is_institution(next(iter(self.subjects(v)), None)):
            objs = [c for c in v.children if c.dep_ == "dobj"]
            people_obj = self.people_in(objs[0]) if objs else None
            if people_obj is None or not xcomp:
                return False
            people = people_obj
        else:
            return False
        tokens = [*self.phrase_tokens(people), *self.verb_group(v),
                  *(t.i for t in xcomp[0].children if t.dep_ == "aux"), xcomp[0].i]
        cue = self.span_text([*self.verb_group(v), xcomp[0].i])
        verb = xcomp[0].lower_ if xcomp[0].tag_ == "VB" else self.base(xcomp[0])
        forbidden = key in ("permit", "allow") or self.negated(xcomp[0])
        self.add("to", "obligation", 2, v, tokens, 2, people=self.people_text(people),
                 verb=verb, action=f"do not {verb}" if forbidden else verb, cue=cue)
        return True

    def _responsible(self, v: Token, people: Token | None) -> bool:
        """ "Tenants are responsible for keeping their gardens tidy"."""
        if people is None:
            return False
        for c in v.children:
            if c.dep_ == "acomp" and c.lower_ in ("responsible", "liable"):
                tokens = [*self.phrase_tokens(people), v.i, c.i]
                self.add("to", "obligation", 2, v, tokens, 1, people=self.people_text(people),
                         verb="be responsible", cue=f"{v.text} {c.text}")
                return True
        return False

    def _offence(self, v: Token, subj: list[Token]) -> bool:
        """ "It is an offence to drop litter", "it is illegal to ..."."""
        if not any(s.lower_ == "it" for s in subj):
            return False
        attr = [c for c in v.children if c.dep_ in ("attr", "acomp")]
        rest = [c for c in v.children if c.dep_ in ("xcomp", "ccomp", "advcl")]
        rest += [c for a in attr for c in a.children if c.dep_ in ("relcl", "acl")
                 and any(g.lower_ == "to" for g in c.children)]
        for a in attr:
            words = {t.lower_ for t in a.children} | {a.lower_}
            if rest and (words & {"offence", "illegal", "unlawful", "crime", "prohibited"}):
                tokens = [*(s.i for s in subj), v.i, *self.phrase_tokens(a)]
                self.add("to", "penalty", 1, v, tokens, 2, people="people",
                         cue=self.span_text(self.phrase_tokens(a)), verb="be")
                return True
        return False

    def _together(self, v: Token, key: str, subj: list[Token], subj_people: Token | None,
                  passive: bool, imperative: bool) -> bool:
        lex = self.lex
        if key in lex.partnership or key.startswith("co-"):
            return self._partnership(v, key, subj_people)
        # People act: "residents decided", "you choose", "young people helped us write",
        # "your views will shape the strategy".
        agent: Token | None = subj_people
        if agent is None and not passive:
            # "Local groups chose the artwork", "community groups run the hall".
            agent = next((s for s in subj if s.lower_ in lex.collectives and any(
                c.lower_ in ("local", "community", "voluntary", "neighbourhood", "residents",
                             "tenants", "parents", "youth")
                for c in s.lefts)), None)
        if agent is None and imperative:
            agent = v  # an instruction to the reader: "have your say"
        if agent is None and not passive:
            agent = next((s for s in subj if s.lower_ in lex.voice_nouns and self.owned(s)), None)
        if agent is not None and not passive:
            if key in lex.choice and self._choice(v, key, agent):
                return True
            if key in lex.speak and self._speak(v, key, agent):
                return True
            if self._takes_part(v, key, agent):
                return True
        if passive and key in lex.run_by:
            # "The library is run by volunteers", "the plan was written by young people":
            # people are the ones who act, whatever the order of the words.
            doer = next((p for a in v.children if a.dep_ == "agent"
                         for c in a.children if c.dep_ == "pobj"
                         if (p := self.people_in(c)) is not None
                         and not self.is_institution(c)), None)
            if doer is not None:
                step = _choice_step(key)
                tokens = [*self.verb_group(v), *self.phrase_tokens(doer)]
                self.add("together", "choice" if step >= 7 else "shape", step, v, tokens, 3)
                return True
        if key == "have" and any(c.dep_ == "dobj" and c.lower_ == "say" for c in v.children):
            # "Have your say", "we want young people to have a say in decisions".
            say = [c.i for c in v.children if c.lower_ == "say"]
            self.add("together", "voice", 4, v, [v.i, *say], 2)
            return True
        if key == "be" and subj_people is not None and self._member(v, subj_people):
            return True
        # The council listens: "we will consult residents", "families are involved".
        if key in lex.voice:
            return self._voice(v, key, subj, passive)
        return False

    def owned(self, tok: Token) -> bool:
        """Does the noun belong to people ("your views", "residents' ideas")?"""
        return any(c.dep_ == "poss" and (c.lower_ in self.lex.possessives or self.is_people(c))
                   for c in tok.children)

    def together_word(self, v: Token) -> Token | None:
        """ "together", "jointly", "alongside" in the verb's own clause."""
        for c in v.children:
            if c.lower_ in ("together", "jointly") and c.dep_ == "advmod":
                return c
            if c.dep_ in ("dobj", "prep"):
                for g in c.children:
                    if g.lower_ in ("together", "jointly") and g.dep_ == "advmod":
                        return g
        return None

    def _partnership(self, v: Token, key: str, subj_people: Token | None) -> bool:
        """ "We will work with residents", "parents worked alongside teachers",
        "parents co-designed this service", "residents sit on the board"."""
        partners = self.preps(v, "with", "alongside")
        people_partner = next((p for t in partners if (p := self.people_in(t)) is not None), None)
        together = self.together_word(v)
        if key == "sit":
            seats = self.preps(v, "on", "alongside")
            if subj_people is None or not seats:
                return False
            self.add("together", "engagement", 5, v,
                     [*self.phrase_tokens(subj_people), *self.verb_group(v)], 2)
            return True
        if key.startswith("co-"):
            # Co-producing with named organisations only is not working with residents.
            # The small parser often breaks "co-designed" apart, so any people in the sentence
            # will do; co-producing with named organisations only is not working with residents.
            if people_partner is None and subj_people is None and not any(
                self.is_people(t) for t in self.doc
            ):
                return False
            step = 6 if key in ("co-design", "co-create", "co-write", "co-develop") else 7
            self.add("together", "partnership", step, v, self.verb_group(v), 3)
            return True
        if people_partner is None and not (subj_people is not None and (partners or together)):
            return False  # "we work with the police": partners, not residents
        step = 5
        for c in v.children:
            if c.dep_ in ("advcl", "xcomp") and self.base(c) in _DESIGN:
                step = 6  # "work with residents to design ..."
        if together is not None or key in ("partner", "collaborate"):
            step = max(step, 6)
        who = people_partner or subj_people
        assert who is not None
        self.add("together", "partnership", step, v,
                 [*self.verb_group(v), *self.phrase_tokens(who)], 2)
        return True

    def _takes_part(self, v: Token, key: str, agent: Token) -> bool:
        """ "Take part in our survey", "get involved", "join our citizens' panel"."""
        words = {c.lower_: c for c in v.children}
        if key == "take" and "part" in words and words["part"].dep_ == "dobj":
            self.add("together", "engagement", 5, v, [v.i, words["part"].i], 2)
            return True
        if key in ("get", "become", "be") and "involved" in words:
            self.add("together", "engagement", 5, v, [v.i, words["involved"].i], 2)
            return True
        return False

    def _member(self, v: Token, people: Token) -> bool:
        """ "Tenants are equal partners on the board", "carers are members of the panel",
        "you are in control of your support"."""
        for c in v.children:
            lemma = c.lemma_.lower()
            if c.dep_ == "attr" and lemma in ("partner", "member", "chair", "co-chair",
                                              "representative"):
                if lemma != "partner" and not any(g.dep_ == "prep" for g in c.children):
                    continue  # "members" alone may be councillors
                step = 7 if lemma == "partner" else 5
                self.add("together", "engagement", step, v,
                         [*self.phrase_tokens(people), v.i, *self.phrase_tokens(c)], 2)
                return True
            if c.dep_ == "prep" and c.lower_ == "in" and any(
                g.lower_ == "control" for g in c.children
            ):
                self.add("together", "choice", 8, v,
                         [*self.phrase_tokens(people), v.i, c.i, *(g.i for g in c.children)], 3)
                return True
        return False

    def _choice(self, v: Token, key: str, agent: Token) -> bool:
        """People choose, decide, shape, design or lead."""
        strong = {"choose", "decide", "lead", "shape", "design", "redesign", "vote", "nominate",
                  "govern", "steer", "prioritise", "prioritize", "chair", "control", "direct",
                  "commission", "influence", "agree", "participate", "coproduce", "codesign",
                  "cocreate"}
        children = list(v.children)
        objs = [c for c in children if c.dep_ in ("dobj", "ccomp", "xcomp", "attr")]
        if key == "help":
            # "Young people helped us write this plan", "carers helped to design".
            if not any(c.dep_ in ("ccomp", "xcomp") for c in children):
                return False
        elif key == "plan" and any(c.dep_ == "xcomp" for c in children):
            return False  # "you plan to extend": an intention
        elif key == "write" and self.preps(v, "to"):
            return False  # "write to us"
        elif key == "join":
            if not any(c.dep_ == "dobj" and c.lower_ in self.lex.collectives for c in children):
                return False
        elif key not in strong and self.together_word(v) is None:
            # "Residents identified the priorities" (together) but "you can manage your
            # account online" (their own affairs).
            if not objs:
                return False
            for c in objs:
                if c.dep_ == "dobj" and c.lower_ not in self.lex.voice_nouns and (
                        (self.owned_by_reader(c) and c.lemma_.lower() not in self.lex.civic)
                        or c.lower_ in ("it", "them", "this", "that")):
                    # "you can manage your account online": their own affairs; but
                    # "residents wrote their own neighbourhood plan" shapes the place
                    return False
        step = _choice_step(key)
        tokens = [*self.verb_group(v)]
        if agent.i != v.i:
            tokens.extend(self.phrase_tokens(agent))
        self.add("together", "choice" if step >= 7 else "shape", step, v, tokens, 3)
        return True

    def owned_by_reader(self, tok: Token) -> bool:
        return any(c.dep_ == "poss" and c.lower_ in _OWN for c in tok.children)

    def _speak(self, v: Token, key: str, agent: Token) -> bool:
        """ "Residents told us ...", "tell us what you think", "share your views"."""
        lex = self.lex
        to_us = any(c.lower_ in lex.institution_pronouns and c.dep_ in ("dobj", "dative")
                    for c in v.children) or bool(
            [p for p in self.preps(v, "to", "with") if p.lower_ in lex.institution_pronouns])
        content = [c for c in v.children if c.dep_ in ("ccomp", "dobj") and (
            c.lower_ in lex.voice_nouns or (c.dep_ == "ccomp" and not any(
                m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children)))]
        if key in ("tell", "say", "explain", "raise", "suggest") and not content:
            return False
        if key in ("tell",) and not to_us:
            return False
        if key in ("give", "share", "feedback", "respond", "comment") and not (
            any(c.lower_ in lex.voice_nouns for c in v.subtree) or key in ("feedback",)
        ):
            return False
        if key == "say" and not to_us:
            return False
        tokens = [v.i]
        if agent.i != v.i:
            tokens.extend(self.phrase_tokens(agent))
        tokens.extend(c.i for c in v.children if c.lower_ in lex.institution_pronouns)
        self.add("together", "voice", 4, v, tokens, 2)
        return True

    def _voice(self, v: Token, key: str, subj: list[Token], passive: bool) -> bool:
        """ "We will consult residents", "we asked residents what ...", "families are involved"."""
        lex = self.lex
        if passive:
            people = next((p for t in self.patients(v) if (p := self.people_in(t)) is not None),
                          None)
        else:
            if subj and self.people_in(subj[0]) is not None:
                return False
            candidates = [c for c in v.children if c.dep_ in ("dobj", "dative")]
            candidates += self.preps(v, "to", "from", "with")
            people = next((p for t in candidates if (p := self.people_in(t)) is not None), None)
            if people is None:
                # "We want to hear your views"
                for c in candidates:
                    if c.lower_ in lex.voice_nouns and any(
                        g.dep_ == "poss" and (g.lower_ in lex.possessives or self.is_people(g))
                        for g in c.children
                    ):
                        people = c
                        break
        if people is None:
            return False
        if key == "ask":
            # Asking for views counts; asking for proof of identity does not.
            asks = [c for c in v.children if c.dep_ in ("ccomp", "dobj") and c.i != people.i]
            about = self.preps(v, "for", "about")
            if not (any(c.dep_ == "ccomp" for c in asks) or any(
                t.lower_ in lex.voice_nouns for a in [*asks, *about] for t in a.subtree
            ) or any(c.lower_ in ("what", "how", "which", "whether") for c in v.subtree) or any(
                # "asked residents about three options", not "about your income"
                not self.owned_by_reader(a) for a in self.preps(v, "about"))):
                return False
        if key == "invite" and not any(c.dep_ in ("xcomp",) for c in v.children) and not (
            self.preps(v, "to")
        ):
            return False
        # Engagement (step 5) says what people take part in ("involve carers in the review",
        # "engage young people in designing the offer", "invite residents to help"); bare
        # "we will engage residents" says nothing people do, so it sits with consultation (4).
        step = 5 if key in ("involve", "engage", "invite", "include", "empower") and (
            any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("in", "into")
                                                  and any(c.children)) for c in v.children)
        ) else 4
        tokens = [v.i, *self.phrase_tokens(people)] if people.i != v.i else [v.i]
        self.add("together", "engagement" if step == 5 else "voice", step, v,
                 [*tokens, *self.verb_group(v)], 2)
        return True

    def _penalty(self, v: Token, key: str, subj: list[Token], subj_people: Token | None,
                 passive: bool) -> bool:
        """Penalties that are threatened, not reported: "offenders will be fined", "failure to
        pay will result in enforcement action", "tenants who sublet will lose their tenancy"."""
        lex = self.lex
        if self.past(v):
            return False  # a report: "the council issued 412 fixed penalty notices"
        threat = self.threat(v)
        people_act = subj_people is not None and not passive
        if key in lex.penalty:
            return threat and not people_act and self._penalised(v, key, subj, passive)
        if key in lex.loss:
            if not (people_act and threat):
                return False
            objs = [c for c in v.children if c.dep_ == "dobj"]
            assert subj_people is not None
            tokens = [*self.phrase_tokens(subj_people), *self.verb_group(v),
                      *(i for o in objs for i in self.phrase_tokens(o))]
            self.add("to", "loss", 1, v, tokens, 2, people=self.people_text(subj_people),
                     cue=self.span_text([*self.verb_group(v), *(o.i for o in objs)]), verb=key)
            return True
        # A penalty noun among the verb's arguments.
        args = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
        args += self.preps(v, "with", "to", "in", "for", "into", "against")
        penalties = [ph for a in args if (ph := self.penalty_phrase(a)) is not None]
        if key in lex.consequence and threat and not penalties and self.failure_subject(subj):
            # "Failure to provide the information will result in delays to your assessment."
            tokens = [*(t.i for s in subj for t in s.subtree), *self.verb_group(v)]
            self.add("to", "penalty", 1, v, tokens, 2, people="people",
                     cue=self.failure_text(subj), verb=key)
            return True
        if not penalties or (key not in lex.impose and key not in lex.face):
            return False  # "the police deal with the fine": not a threat to anyone
        phrase = max(penalties, key=len)
        if key in lex.face and not passive:
            # "Drivers ... will receive a penalty charge notice", "owners face a fine".
            if any(self.is_institution(s) for s in subj):
                return False
            who = subj_people or (subj[0] if subj else None)
            tokens = [*(self.phrase_tokens(who) if who is not None else []),
                      *self.verb_group(v), *phrase]
            self.add("to", "penalty", 1, v, tokens, 3,
                     people=self.people_text(who if who is not None and self.is_people(who)
                                             else None),
                     cue=self.span_text(phrase), verb=key)
            return True
        if not threat or people_act:
            return False  # "you can pay the fine online", "you can appeal to the court"
        # "We will take legal action against you", "a penalty notice will be issued to
        # parents", "failure to pay will result in enforcement action".
        failure = key in lex.consequence or self.failure_subject(subj)
        target = self.penalty_target(v)
        if target is None:
            target = next((p for a in args if (p := self.people_in(a)) is not None), None)
        if not (failure or target is not None or self.mentions_people()
                or (subj and self.is_institution(subj[0]))):
            return False
        tokens = [*self.verb_group(v), *phrase]
        if target is not None:
            tokens.extend(self.phrase_tokens(target))
        if failure:
            tokens.extend(t.i for s in subj for t in s.subtree)
        self.add("to", "penalty", 1, v, tokens, 3, people=self.people_text(target),
                 cue=self.span_text(phrase), verb=key)
        return True

    def misconduct(self, target: Token) -> bool:
        """Does the sentence say what someone did to earn it: a clause on the target or on
        the people around it ("tenants who sublet", "permits used by anyone else", "badges
        found on another car"), or a failure ("failure to pay", "non-payment")?"""
        near = {target.i, *(c.i for c in target.children)}
        for t in self.doc:
            if t.dep_ in ("relcl", "acl") and t.head.i in near:
                return True
            if t.lower_ in self.lex.failure_nouns or t.lower_ in ("otherwise", "failing"):
                return True
        return any(t.dep_ in ("relcl", "acl") and self.is_people(t.head) for t in self.doc)

    def failure_subject(self, subj: list[Token]) -> bool:
        """ "Failure to pay", "non-payment", "failing to respond", "not paying on time"."""
        for s in subj:
            if s.lower_ in self.lex.failure_nouns or s.lemma_.lower() in self.lex.failure_nouns:
                return True
            if s.lower_ == "failing" or (s.tag_ == "VBG" and any(c.dep_ == "neg"
                                                                  for c in s.children)):
                return True
        return False

    def failure_text(self, subj: list[Token]) -> str:
        """ "Failure to provide" from "Failure to provide the information requested"."""
        words = sorted((t for s in subj for t in s.subtree), key=lambda t: t.i)
        cut = next((k for k, t in enumerate(words) if t.pos_ in ("VERB", "AUX")), 2)
        return self.words_text(words[:cut + 1]) + (" …" if cut + 1 < len(words) else "")

    def mentions_people(self) -> bool:
        return any(self.is_people(t) or t.lower_ in self.lex.possessives for t in self.doc)

    def penalty_target(self, v: Token) -> Token | None:
        """Who a penalty verb is aimed at: its patient, "against people", "your permit"."""
        for t in self.patients(v):
            found = self.people_in(t)
            if found is not None:
                return found
            if self.is_proxy(t) or self.owned_by_reader(t):
                return t
        for t in v.subtree:
            if t.dep_ == "prep" and t.lower_ in ("against", "from") and t.head.dep_ != "relcl":
                for g in t.children:
                    if g.dep_ == "pobj" and (self.is_people(g) or self.owned_by_reader(g)):
                        return g
        return None

    def _penalised(self, v: Token, key: str, subj: list[Token], passive: bool) -> bool:
        """ "Offenders will be fined", "we will prosecute anyone who ...", "your permit will be
        cancelled", "we will recover any overpayment from your benefit"."""
        strong = key in ("prosecute", "fine", "evict", "sanction", "penalise", "penalize",
                         "punish", "summon", "summons", "sue", "arrest", "convict", "imprison",
                         "disqualify", "caution")
        if key == "fine" and v.pos_ != "VERB":
            return False
        target = self.penalty_target(v)
        patients = self.patients(v)
        if target is None and strong:
            if passive and not any(self.is_institution(p) for p in patients):
                target = patients[0] if patients else None
            elif not passive and subj and self.is_institution(subj[0]) and patients:
                target = patients[0]
            else:
                return False
        elif target is None:
            return False
        if key in self.lex.administrative and not (
                self.has_condition(v) or self.misconduct(target)):
            # "We will cancel your direct debit when you ask us to", "your request will be
            # closed when the work is done": a weak verb is a penalty only as the price of
            # something ("if you sell the car", "permits used by anyone else").
            return False
        tokens = [*self.verb_group(v)]
        if target is not None:
            tokens.extend(self.phrase_tokens(target))
        people = self.people_text(target) if target is not None and (
            self.is_people(target)) else "people"
        self.add("to", "penalty", 1, v, tokens, 3, people=people,
                 cue=self.span_text(self.verb_group(v)), verb=key)
        return True

    def _control(self, v: Token, key: str, subj: list[Token], subj_people: Token | None,
                 passive: bool) -> bool:
        """ "Residents will be assessed", "we will monitor tenants", "will have it withdrawn"."""
        lex = self.lex
        if key == "have" and subj_people is not None and not passive:
            for c in v.children:
                if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VBN" and (
                    self.base(c) in lex.control or self.base(c) in lex.penalty
                ):
                    # "Badge holders ... will have it withdrawn": something is taken away.
                    tokens = [*self.phrase_tokens(subj_people), *self.verb_group(v), c.i]
                    self.add("to", "loss", 1, v, tokens, 2,
                             people=self.people_text(subj_people), verb=self.base(c),
                             cue=self.span_text([*self.verb_group(v), c.i]))
                    return True
            return False
        if key not in lex.control:
            return False
        patients = self.patients(v)
        people = next((p for t in patients if (p := self.people_in(t)) is not None), None)
        proxy = None
        if people is None:
            proxy = next((t for t in patients if self.is_proxy(t)), None)
        target = people or proxy
        if target is None:
            return False
        if passive:
            by = self.agent(v)
            if by is not None and self.is_people(by):
                return False
        else:
            if subj_people is not None or self.imperative(v):
                return False
            if subj and not self.is_institution(subj[0]) and subj[0].pos_ != "PRON":
                return False
            if not subj:
                return False
        tokens = [*self.phrase_tokens(target), *self.verb_group(v)]
        if people is not None:
            self.add("to", "control", 1, v, tokens, 2, people=self.people_text(people),
                     verb=key, done=inflect.past_participle(key), pattern=lex.control[key])
        else:
            # "Your finances will be assessed": the message names what is acted on.
            assert proxy is not None
            owner = next(c for c in proxy.children if c.dep_ == "poss")
            whose = "you" if owner.lower_ == "your" else (
                self.people_text(owner) if self.is_people(owner) else "people")
            self.add("to", "control", 1, v, tokens, 2, people=whose, verb=key,
                     done=inflect.past_participle(key), pattern=lex.control[key],
                     patient=("readers'" if whose == "you" else f"{whose}'") + " " +
                     self.words_text([*self.modifiers(proxy), proxy]).lower(),
                     **({"singular": "1"} if proxy.tag_ == "NN" else {}))
        return True

    def _checks(self, v: Token, key: str, subj: list[Token], subj_people: Token | None,
                passive: bool) -> bool:
        """ "We will carry out spot checks on residents", "applicants undergo an assessment"."""
        lex = self.lex
        objs = [c for c in v.children if c.dep_ == "dobj"]
        if key in lex.light_verbs and not passive and not (subj_people is not None):
            for o in objs:
                if o.lower_ in lex.control_nouns or o.lemma_.lower() in lex.control_nouns:
                    people = next((p for t in self.preps(o, "on", "of") if
                                   (p := self.people_in(t)) is not None), None)
                    if people is None:
                        people = next((p for t in self.preps(v, "on") if
                                       (p := self.people_in(t)) is not None), None)
                    if people is not None:
                        tokens = [*self.verb_group(v), *self.phrase_tokens(o),
                                  *self.phrase_tokens(people)]
                        self.add("to", "control", 1, v, tokens, 2,
                                 people=self.people_text(people), verb="check", done="checked")
                        return True
        if key == "undergo" and subj_people is not None and not passive:
            for o in objs:
                if o.lower_ in lex.control_nouns or o.lemma_.lower() in lex.control_nouns:
                    tokens = [*self.phrase_tokens(subj_people), *self.verb_group(v), o.i]
                    self.add("to", "control", 1, v, tokens, 2,
                             people=self.people_text(subj_people), verb="assess",
                             done="assessed", pattern=lex.control["assess"])
                    return True
        return False

    def _instruct(self, v: Token, key: str, subj: list[Token], subj_people: Token | None,
                  passive: bool) -> bool:
        """ "We will educate residents", "parents will be instructed to ..."."""
        lex = self.lex
        sent_away = key == "ask" and any(
            c.dep_ == "xcomp" and self.base(c) == "leave" and all(
                o.lemma_.lower() in lex.places for o in c.children if o.dep_ == "dobj")
            for c in v.children)
        if (key not in lex.instruct and not sent_away) or key in ("require", "expect", "oblige"):
            # "asked to leave the building" is an order, though "ask" is mostly a question
            return False
        if subj_people is not None and not passive:
            return False
        if passive:
            people = next((p for t in self.patients(v) if (p := self.people_in(t)) is not None),
                          None)
        else:
            if subj and not self.is_institution(subj[0]):
                return False
            objs = [c for c in v.children if c.dep_ in ("dobj", "dative")]
            people = next((p for t in objs if (p := self.people_in(t)) is not None), None)
        if people is None:
            return False
        xcomp = [c for c in v.children if c.dep_ == "xcomp"]
        if key in ("tell", "warn", "order", "direct", "remind", "urge", "make", "force",
                   "ask") and not (
            xcomp or key == "warn"
        ):
            return False
        tokens = [*self.phrase_tokens(people), *self.verb_group(v), *(x.i for x in xcomp[:1])]
        self.add("to", "instruct", 2, v, tokens, 1, people=self.people_text(people),
                 verb=key, cue=self.span_text(self.verb_group(v)))
        return True

    def _comply(self, v: Token, key: str, subj_people: Token | None) -> bool:
        """ "The strategy will ensure tenants comply with their obligations"."""
        if key not in self.lex.comply or subj_people is None:
            return False
        head = v.head
        if v.dep_ in ("ccomp", "xcomp") and self.base(head) in ("ensure", "make", "require"):
            tokens = [*self.verb_group(head), *self.phrase_tokens(subj_people), v.i]
            self.add("to", "obligation", 2, v, tokens, 2, people=self.people_text(subj_people),
                     verb=key, cue=f"{head.text} … {v.text}")
            return True
        return False

    def _provision(self, v: Token, key: str, subj: list[Token], passive: bool) -> None:
        """ "We provide support to carers", "services are delivered to families", "carers will
        be given information", "we help people to stay at home"."""
        lex = self.lex
        phrasal = key
        if key == "ensure":
            self._ensure(v, subj)
            return
        table = lex.provision if phrasal in lex.provision else lex.inform
        if phrasal not in table:
            return
        if not passive and subj and self.is_people(subj[0]):
            return
        informing = table is lex.inform
        recipient, thing = self.recipient(v, phrasal, passive)
        if recipient is None:
            return
        if recipient.lower_ in lex.people_pronouns and (informing or (
            thing is not None and thing.lower_ in lex.paperwork
        )):
            return  # "we will write to you", "we will send you a reminder": practical
        if informing and any(c.dep_ == "xcomp" for c in v.children):
            return  # "residents are advised to book early"; "told to" is an instruction
        tokens = [*self.verb_group(v), *self.phrase_tokens(recipient)]
        if thing is not None and v.i < thing.i < recipient.i:
            tokens.append(thing.i)
        shape = "inform" if informing else "provision"
        self.add("for", shape, 3, v, tokens, 1 if informing else 2,
                 people=self.people_text(recipient), verb=phrasal,
                 cue=self.span_text(tokens), thing=self.thing_text(thing),
                 pattern=table[phrasal])

    def recipient(self, v: Token, phrasal: str, passive: bool
                  ) -> tuple[Token | None, Token | None]:
        """Who receives what a provision verb gives: (people, thing)."""
        objs = [c for c in v.children if c.dep_ == "dobj"]
        if passive:
            patients = self.patients(v)
            people = next((p for t in patients if (p := self.people_in(t)) is not None), None)
            if people is not None:
                return people, (objs[0] if objs else None)
            thing = patients[0] if patients else None
        else:
            datives = [c for c in v.children if c.dep_ == "dative" and c.pos_ != "ADP"]
            people = next((p for t in datives if (p := self.people_in(t)) is not None), None)
            if people is not None:
                return people, (objs[0] if objs else None)
            people = next((p for t in objs if (p := self.people_in(t)) is not None), None)
            if people is not None:
                # "provide tenants with a new kitchen"
                return people, next(iter(self.preps(v, "with")), None)
            thing = objs[0] if objs else None
            # "help people (to) stay at home": the helped are the subject of the next verb.
            if phrasal in ("help", "support", "enable", "assist"):
                for c in v.children:
                    if c.dep_ in ("ccomp", "xcomp"):
                        inner = next((p for s in self.subjects(c) if (p := self.people_in(s))
                                      is not None), None)
                        if inner is not None and inner.i < c.i and inner.head.i == c.i:
                            return inner, None
            # "offer job seekers free computer access" misread as a modifier of the object.
            for o in objs:
                for c in o.children:
                    if c.dep_ == "nmod" and self.is_people(c):
                        return c, o
        # "support to carers", "services for older people", "look after children".
        places = [v, *objs]
        for o in objs:
            places.extend(g for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj")
        preps = ("to", "for")
        if " " in phrasal:
            preps = (*preps, phrasal.split(" ")[-1])  # "look after children", "check on"
        for place in places:
            found = next((p for t in self.preps(place, *preps)
                          if (p := self.people_in(t)) is not None), None)
            if found is not None:
                return found, thing
        # A misread parse can hang "to people" lower down ("supplies walking aids ... to
        # people"); look within the verb's own clause.
        for t in self.clause(v):
            if t.dep_ == "prep" and t.lower_ in ("to", "for"):
                found = next((p for g in t.children if g.dep_ == "pobj"
                              and (p := self.people_in(g)) is not None), None)
                if found is not None:
                    return found, thing
        return None, thing

    def clause(self, v: Token) -> Iterator[Token]:
        """The words of the verb's own clause: its subtree without other clauses."""
        stack = [c for c in v.children if c.dep_ not in _CLAUSE_DEPS and c.dep_ != "conj"]
        while stack:
            t = stack.pop()
            yield t
            stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS)

    def _receive(self, v: Token, people: Token | None, passive: bool) -> None:
        """ "Young carers receive a break", "vulnerable residents receive a welfare call"."""
        if people is None or passive:
            return
        for o in (c for c in v.children if c.dep_ == "dobj"):
            if o.pos_ not in ("NOUN", "PROPN") or o.lower_ in self.lex.paperwork or (
                self.penalty_phrase(o) is not None
            ):
                continue
            if people.lower_ not in self.lex.people_pronouns or (
                o.lower_ in self.lex.provision_nouns or o.lemma_.lower() in self.lex.provision_nouns
            ):
                tokens = [*self.phrase_tokens(people), *self.verb_group(v), *self.phrase_tokens(o)]
                self.add("for", "receive", 3, v, tokens, 1, people=self.people_text(people),
                         verb="receive", cue=self.span_text([v.i, o.i]),
                         thing=self.thing_text(o))
                return

    def _ensure(self, v: Token, subj: list[Token]) -> None:
        if subj and not self.is_institution(subj[0]):
            return
        for c in v.children:
            if c.dep_ == "ccomp":
                inner = self.subjects(c)
                people = next((p for s in inner if (p := self.people_in(s)) is not None), None)
                if people is not None and self.base(c) in ("have", "get", "receive", "feel",
                                                           "be"):
                    tokens = [*self.verb_group(v), *self.phrase_tokens(people)]
                    self.add("for", "provision", 3, v, tokens, 1,
                             people=self.people_text(people), verb="ensure",
                             cue=self.span_text(self.verb_group(v)), thing="support",
                             pattern=self.lex.provision["ensure"])
                    return

    def phrases(self) -> None:
        """Together phrases that need no verb analysis: "in partnership with parents"."""
        doc = self.doc
        words = [t.lower_ for t in doc]
        index = self.lex.together_index
        found: list[tuple[int, int, tuple[str, ...]]] = []  # (place in the list, start, phrase)
        for i, w in enumerate(words):
            for rank, phrase in index.get(w, ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    found.append((rank, i, phrase))
        people: list[bool] = []  # whether the sentence names people, worked out when asked

        def has_people() -> bool:
            if not people:
                people.append(any(self.is_people(t) for t in doc))
            return people[0]

        for _rank, i, phrase in sorted(found):
            n = len(phrase)
            if phrase[:3] == ("in", "partnership", "with"):
                after = [t for t in doc[i + n:i + n + 6] if self.is_people(t)]
                if not after:
                    continue
                tokens = [*range(i, i + n), after[0].i]
                self.add("together", "partnership", 6, doc[i], tokens, 3)
            elif phrase[:1] == ("co",) or phrase[0] in ("coproduction", "codesign"):
                if not has_people():
                    continue
                step = 6 if "design" in phrase or "codesign" in phrase else 7
                self.add("together", "partnership", step, doc[i], range(i, i + n), 2)
            elif phrase in (("participatory", "budgeting"),):
                self.add("together", "choice", 7, doc[i], range(i, i + n), 2)
            elif phrase[:2] in (("lived", "experience"), ("expert", "by"), ("experts", "by")):
                continue  # names people; the verb decides
            else:
                if not has_people() and not (i == 0 or words[0] in ("please",)):
                    continue
                self.add("together", "engagement", 5, doc[i], range(i, i + n), 1)

    # -- text for messages -----------------------------------------------------------------
    def span_text(self, tokens: Iterable[int]) -> str:
        toks = sorted(set(tokens))
        if not toks:
            return ""
        start = self.doc[toks[0]].idx
        end_tok = self.doc[toks[-1]]
        return " ".join(self.doc.text[start:end_tok.idx + len(end_tok.text)].split())

    def words_text(self, tokens: Iterable[Token]) -> str:
        """The text of some tokens, with the sentence's own spacing ("low-income families")."""
        toks = sorted(tokens, key=lambda t: t.i)
        out = ""
        for k, t in enumerate(toks):
            out += t.text
            if k + 1 < len(toks):
                out += t.whitespace_ if toks[k + 1].i == t.i + 1 else " "
        return " ".join(out.split())

    def modifiers(self, tok: Token, limit: int = 3) -> list[Token]:
        """Words that describe a noun ("young", "foster", "low-income"), without counts,
        determiners or possessives."""
        out: list[Token] = []
        for child in tok.lefts:
            if child.dep_ in ("compound", "amod", "nmod") and child.lower_ not in _NOT_MODIFIERS:
                out.extend(t for t in child.subtree
                           if t.dep_ not in ("det", "nummod", "quantmod", "poss", "case"))
        # Hyphenated words the tokenizer split: "low - income".
        if out:
            first = min(t.i for t in out)
            while first > 0 and self.doc[first - 1].whitespace_ == "" and (
                self.doc[first - 1].is_alpha or self.doc[first - 1].text in "-\u2010\u2011"
            ):
                first -= 1
                out.append(self.doc[first])
        return sorted(out, key=lambda t: t.i)[-limit * 3:]

    def people_text(self, tok: Token | None) -> str:
        """The people a sentence is about, ready for a rewrite: "older people", "you",
        "children" (from "every child"); deficit labels are replaced ("service users" becomes
        "people who use the service")."""
        if tok is None:
            return "people"
        low = tok.lower_
        if low in self.lex.people_pronouns:
            return "you"
        if low in ("anyone", "anybody", "everyone", "everybody", "someone", "somebody", "those"):
            return "people"
        if tok.pos_ == "PROPN" and tok.lower_ not in self.lex.people:
            return self.words_text([*self.modifiers(tok), tok])
        head = tok.text if tok.tag_ in ("NNS", "NNPS") or low in ("people", "public") else (
            inflect.plural(tok.text))
        words = [w.lower_ if not w.text.isupper() else w.text for w in self.modifiers(tok)]
        phrase = " ".join([*words, head.lower()])
        phrase = phrase.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        swaps = self.lex.suggestion_people
        if phrase in swaps:
            return swaps[phrase] or "people"
        parts = []
        for w in phrase.split(" "):
            if w in swaps:
                if swaps[w]:
                    parts.append(swaps[w])
            else:
                parts.append(w)
        joined = " ".join(parts)
        if joined.endswith(" users") or joined == "users":
            return "people who use the service"
        return joined or "people"

    def thing_text(self, tok: Token | None) -> str:
        """What is provided ("support", "short breaks"), for a rewrite."""
        if tok is None or tok.pos_ not in ("NOUN", "PROPN") or self.is_people(tok):
            return "support"
        if tok.lower_ in _CONTAINERS:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"):
                            return self.thing_text(g)
        mods = [m for m in self.modifiers(tok, 2) if m.pos_ in ("NOUN", "ADJ", "PROPN")][-2:]
        return self.words_text([*mods, tok]).lower()

    def anchor_tokens(self, event: Event) -> list[int]:
        """The event's words, without far-off parts: "Residents who repeatedly leave waste on
        the pavement will be issued with a warning" is anchored on "will be issued with a
        warning", not on the whole sentence."""
        tokens = sorted({i for i in event.tokens if 0 <= i < len(self.doc)} | {event.head})
        groups: list[list[int]] = [[tokens[0]]]
        for i in tokens[1:]:
            if i - groups[-1][-1] > _MAX_GAP + 1:
                groups.append([i])
            else:
                groups[-1].append(i)
        home = next(g for g in groups if event.head in g)
        return [home[0], home[-1]]

    # -- the verdict -----------------------------------------------------------------------
    def finite(self) -> bool:
        """Does the sentence have a finite verb (a tense, a modal, or an order)? A table cell
        or a fragment ("In order to give carers a break", "Support for carers") has none: it
        names a purpose or a thing, and nobody does anything to anyone in it."""
        words = [t for t in self.doc if not t.is_space]
        unended = not words or words[-1].text not in (".", "!", "?", "...", "\u2026")
        for tok in self.doc:
            subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            # In a line without a full stop (a heading, a table cell), a plural verb form after
            # a singular noun is a misread noun phrase: "Respite care for carers" is a cell,
            # not "respite" caring for someone. ("Our staff help people." is a sentence.)
            misread = unended and tok.tag_ in ("VBP", "NN", "NNS") and any(
                c.tag_ in ("NN", "NNP") for c in subjects)
            if tok.tag_ in ("VBZ", "VBD", "MD") or (tok.tag_ == "VBP" and not misread):
                return True
            if tok.tag_ == "VB" and self.imperative(tok):
                return True
            if tok.lower_ in self.lex.verb_forms and subjects and not misread:
                return True
        return False


#: Framing step of a finding anchored on a cue rather than on one of the rules' events.
_CUE_STEPS = {"sanction": 1, "refusal": 1, "obligation": 2, "assessment": 2, "provision": 3,
              "participation": 5}
#: Message shape of a finding anchored on a cue.
_CUE_SHAPES = {"sanction": "sanction", "refusal": "refusal", "obligation": "rule",
               "assessment": "assessment", "provision": "provided", "participation": "engagement"}


def _cue_framing(sentence: _Sentence, label: str, found: dict[str, list[tuple[int, int]]],
                 probability: float, people: str) -> Framing | None:
    """A framed sentence anchored on the strongest cue of its label (the first on the main
    clause, or the first at all), with the message of that cue's kind; None when the sentence
    has no cue of the label."""
    doc = sentence.doc
    text = doc.text
    for name in framing_model.EVIDENCE.get(label, ()):
        spans = found.get(name)
        if not spans:
            continue
        placed = []
        for span in spans:
            verb = framing_model._main_verb(next((t for t in doc if t.idx >= span[0]), doc[-1]))
            placed.append((sentence.depth(verb) > 0, span, verb))
        _, (start, end), verb = min(placed, key=lambda p: p[0])
        cue = [t.i for t in doc if start <= t.idx < end]
        group = sorted({*sentence.verb_group(verb), *cue})
        first, last = doc[group[0]], doc[group[-1]]
        between = [t for t in doc[group[0]:group[-1] + 1]
                   if t.i not in group and t.pos_ not in ("ADV", "PART", "AUX")]
        in_subject = bool(cue) and any(a.dep_ in ("nsubj", "nsubjpass") and a.head.i == verb.i
                                       for a in (doc[cue[0]], *doc[cue[0]].ancestors))
        if last.idx + len(last.text) - first.idx > 60 or (between and in_subject):
            # Far apart, or the cue is inside the subject with other words before its verb:
            # the cue's noun phrase ("Extra care housing" is ...), with the verb when it says
            # more than "is" ("Court summons fees are added").
            phrase = _noun_phrase(doc, cue) if cue else []
            first, last = (doc[phrase[0]], doc[phrase[-1]]) if phrase else (
                next(t for t in doc if t.idx >= start), [t for t in doc if t.idx < end][-1])
            end_verb = doc[max(sentence.verb_group(verb))]
            if (in_subject and verb.lemma_ != "be" and end_verb.i > last.i
                    and end_verb.idx + len(end_verb.text) - first.idx <= 60):
                last = end_verb
        return Framing(label, _CUE_SHAPES[name], _CUE_STEPS[name],
                       (first.idx, last.idx + len(last.text)), 1,
                       {"cue": text[start:end], "people": people}, parsed=True,
                       probability=probability)
    return None


def _noun_phrase(doc: Doc, cue: list[int]) -> list[int]:
    """The cue's words widened to the noun they modify and that noun's modifiers before it:
    "care" in "Extra care housing is ..." gives "Extra care housing". At most 60 characters;
    otherwise the cue's own words."""
    head = doc[cue[-1]]
    for _ in range(3):
        if head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i and \
                head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        else:
            break
    if head.pos_ not in ("NOUN", "PROPN"):
        return cue
    left = [c.left_edge.i for c in head.lefts if c.dep_ in ("compound", "amod", "nmod")]
    words = sorted({*cue, head.i, *(i for c in left for i in range(c, head.i))})
    if doc[words[-1]].idx + len(doc[words[-1]].text) - doc[words[0]].idx > 60:
        return cue
    return words


def _verb_framing(sentence: _Sentence, label: str, probability: float, people: str) -> Framing:
    """A framed sentence with no event and no cue of its label: anchored on the main verb."""
    doc = sentence.doc
    root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
    group = sentence.verb_group(root)
    first, last = doc[min(group)], doc[max(group)]
    shape = {"to": "rule", "for": "provided", "together": "engagement"}[label]
    step = {"to": 2, "for": 3, "together": 5}[label]
    return Framing(label, shape, step, (first.idx, last.idx + len(last.text)), 1,
                   {"cue": " ".join(doc[i].text for i in sorted(group)), "people": people},
                   parsed=True, probability=probability)


def _people(sentence: _Sentence) -> str:
    """Who the message names: "you" when the reader is addressed, else the first people noun."""
    doc = sentence.doc
    if {t.lower_ for t in doc} & {"you", "your"}:
        return "you"
    people = [t for t in doc if sentence.is_people(t)]
    # Those acted on before those who act: in "our carers cut up the meal for the resident" the
    # sentence is about the resident, not the carers.
    acted_on = [t for t in people if t.dep_ != "nsubj"]
    return sentence.people_text((acted_on or people)[0]) if people else ""


def classify_doc(doc: Doc, lex: Lexicon | None = None,
                 found: dict[str, list[tuple[int, int]]] | None = None,
                 cutoffs: dict[str, float] | None = None) -> Framing:
    """Classify one parsed sentence: the trained model decides the label
    (`plainlint.kinds.framing_model`); the rules over the parse say which words carry it and
    fill the message. A fragment with no finite verb gets no verdict.

    ``cutoffs`` are the thresholds of ``to`` and ``for`` (`framing_model.Model.cutoffs`; by
    default the precise ones). A verdict is kept by its sentence's text (`analyse`, through
    `nlp.Facts`), so a sentence checked before is not classified again."""
    lex = lex or lexicon()
    cutoffs = cutoffs or framing_model.model().cutoffs()
    if found is None:
        found = framing_model.cues().find(doc.text)
    sentence = _Sentence(doc, lex)
    sentence.classify()
    if not sentence.finite():
        return Framing("neutral", parsed=True, skipped="fragment")
    model = framing_model.model()
    feats = framing_model.features(doc.text, found, sentence, True)
    probs = model.probabilities(feats)
    label = model.decide(probs, cutoffs, feats)
    if label == "neutral":
        return Framing("neutral", parsed=True, probability=probs["neutral"])
    events = [e for e in sentence.events if e.label == label]
    if not events:
        people = _people(sentence)
        return (_cue_framing(sentence, label, found, probs[label], people)
                or _verb_framing(sentence, label, probs[label], people))
    best = min(events, key=lambda e: (e.depth, -e.strength))
    if best.depth > 0:
        # The rules' event sits in a side clause ("if the conditions are breached"); a cue of
        # the label on the main clause ("a liability order will be applied for") is the better
        # anchor.
        cued = _cue_framing(sentence, label, found, probs[label], _people(sentence))
        if cued is not None and cued.anchor is not None:
            at = next((t for t in doc if t.idx >= cued.anchor[0]), None)
            if at is not None and sentence.depth(at) == 0:
                return cued
    tokens = sentence.anchor_tokens(best)
    first, last = doc[tokens[0]], doc[tokens[-1]]
    return Framing(best.label, best.shape, best.step, (first.idx, last.idx + len(last.text)),
                   best.strength + (2 if best.depth == 0 else 0), best.fields, parsed=True,
                   probability=probs[label])


def classify_texts(texts: list[str],
                   sensitivity: str = framing_model.DEFAULT_SENSITIVITY) -> list[Framing]:
    """Classify sentences given as plain text (for scripts and tests); parses only candidates."""
    from plainlint import nlp

    lex = lexicon()
    cutoffs = framing_model.model().cutoffs(sensitivity, sensitivity)
    cue_words = framing_model.cues()
    found = [cue_words.find(t) for t in texts]
    out: list[Framing] = [NEUTRAL] * len(texts)
    todo = [i for i, t in enumerate(texts) if framing_model.worth_parsing(found[i])]
    for i, doc in zip(todo, nlp.analyse([texts[i] for i in todo], "parse"), strict=True):
        out[i] = classify_doc(doc, lex, found[i], cutoffs)
    return out


# -- per document -----------------------------------------------------------------------------

@dataclass(frozen=True)
class SentenceFraming:
    """A classified sentence, in block coordinates."""

    block_index: int
    start: int
    end: int
    framing: Framing

    @property
    def label(self) -> str:
        return self.framing.label


#: Blocks whose sentences get no verdict: a heading, a table cell, a link or an image's
#: alternative text names a thing; it does not say who does what to whom.
_NO_VERDICT_BLOCKS = frozenset({"heading", "table-cell", "title", "link-text", "image-alt"})


def analyse(ctx: Context) -> list[SentenceFraming]:
    """Every sentence of the document with its framing, computed once per document and shared
    by the done-to and done-for rules and the framing metric. Sentences of headings and table
    cells, fragments with no verb and sentences too long to parse get no verdict (their
    ``framing.skipped`` says why)."""
    cached: list[SentenceFraming] | None = ctx.shared.get("framing")
    if cached is not None:
        return cached
    from plainlint import nlp
    from plainlint.engine import MAX_PARSE_CHARS

    lex = lexicon()
    cue_words = framing_model.cues()
    cutoffs = _cutoffs(ctx)
    # A sentence's framing is a function of its text and the thresholds alone: one found in
    # an earlier check (`nlp.Facts`) is the one classifying it again would give.
    thresholds = tuple(sorted(cutoffs.items()))
    spans: list[tuple[int, int, int]] = []
    skipped: dict[tuple[int, int, int], str] = {}
    known: dict[tuple[int, int, int], Framing] = {}
    # Sentences to classify here, by text: a sentence a page repeats (contact details, a
    # line of boilerplate) is parsed and classified once.
    found: dict[str, tuple[tuple[int, int, int], dict[str, list[tuple[int, int]]]]] = {}
    for index, block in enumerate(ctx.document.blocks):
        kind = str(block.kind)
        for start, end in ctx.sentences(index):
            text = block.text[start:end]
            if not any(ch.isalpha() for ch in text):
                continue
            span = (index, start, end)
            spans.append(span)
            if kind in _NO_VERDICT_BLOCKS:
                skipped[span] = kind
            elif end - start > MAX_PARSE_CHARS:
                skipped[span] = "too long"
            elif text not in found:
                framing = nlp.recall(("framing", text, thresholds))
                if framing is nlp.MISSING:
                    found[text] = (span, cue_words.find(text))
                else:
                    known[span] = framing
    candidates = [span for span, cues in found.values() if framing_model.worth_parsing(cues)]
    docs = ctx.sentence_docs(candidates, level="parse") if candidates else {}
    verdicts: dict[str, Framing] = {}
    for text, (span, cues) in found.items():
        doc = docs.get(span)
        verdicts[text] = NEUTRAL if doc is None else classify_doc(doc, lex, cues, cutoffs)
        nlp.remember(("framing", text, thresholds), verdicts[text])
    out = []
    for span in spans:
        if span in skipped:
            framing = Framing("neutral", skipped=skipped[span])
        elif span in known:
            framing = known[span]
        else:
            b, start, end = span
            framing = verdicts[ctx.document.blocks[b].text[start:end]]
        out.append(SentenceFraming(span[0], span[1], span[2], framing))
    ctx.shared["framing"] = out
    return out


def _cutoffs(ctx: Context) -> dict[str, float]:
    """The thresholds of ``to`` and ``for`` for this document: each at the ``sensitivity`` of
    its rule (done-to, done-for), or the default one when that rule is off. The rules and the
    framing summary share one analysis, so they agree on every sentence."""
    chosen = {"to": framing_model.DEFAULT_SENSITIVITY, "for": framing_model.DEFAULT_SENSITIVITY}
    for rule in ctx.settings.rules:
        if isinstance(rule.impl, FramingKind):
            options = ctx.settings.options.get(rule.id, rule.options)
            chosen[rule.impl.label] = options.get("sensitivity", chosen[rule.impl.label])
    return framing_model.model().cutoffs(chosen["to"], chosen["for"])


def enabled(ctx: Context) -> bool:
    """Is any framing rule on for this document? (The metric costs a parse, so it runs only
    when the framing family does.)"""
    return any(r.family == FAMILY for r in ctx.settings.rules)


# -- messages ---------------------------------------------------------------------------------

def _fill(template: str, values: dict[str, str]) -> str:
    return format_message(template, **values)


def message_fields(framing: Framing) -> dict[str, str]:
    """Values for the message and suggestion templates of a framed sentence.

    ``who`` is the people as a rewrite would name them ("you", "older people"); ``people`` is
    how the message names them to the writer ("readers" when the sentence says "you").
    ``they``, ``them`` and ``their`` agree with ``who``.
    """
    f = framing.fields
    who = f.get("people") or "people"
    you = who == "you"
    values = {
        "who": who,
        "who_cap": who[:1].upper() + who[1:],
        "people": "readers" if you else who,
        "they": "you" if you else "they",
        "them": "you" if you else "them",
        "their": "your" if you else "their",
        "verb": f.get("verb", ""),
        "action": f.get("action") or f.get("verb", ""),
        "thing": f.get("thing") or "support",
        "cue": f.get("cue", ""),
        "done": f.get("done", ""),
    }
    patient = f.get("patient")
    values["patient"] = patient or values["people"]
    values["be"] = "is" if f.get("singular") else "are"
    pattern = f.get("pattern", "")
    values["pattern"] = _fill(pattern, values) if pattern else ""
    return values


def explain(framing: Framing, lex: Lexicon | None = None) -> tuple[str, str]:
    """(why, instead) for a framed sentence: the reason in plain words, and a rewrite pattern."""
    lex = lex or lexicon()
    shape = lex.shapes.get(framing.shape or "", {})
    values = message_fields(framing)
    why = _fill(str(shape.get("why", "")), values)
    instead = str(shape.get("instead", ""))
    if "{pattern}" in instead and not values["pattern"]:
        instead = str(shape.get("fallback", "Say what part people play and what choice they have."))
    return why, _fill(instead, values)


# -- the kind ---------------------------------------------------------------------------------

@register
class FramingKind(Kind):
    """Flags sentences with one framing (``to`` or ``for``); see the module docstring."""

    name = "framing"
    params: ClassVar[dict[str, str]] = {"label": "the framing to flag: to or for"}
    options: ClassVar[dict[str, Option]] = {
        "sensitivity": Option(
            str, framing_model.DEFAULT_SENSITIVITY,
            "precise flags only sentences the model is sure of; thorough finds more framed "
            "sentences and is wrong more often (see docs/framing.md for the measured figures)",
            choices=framing_model.SENSITIVITIES),
    }
    needs = frozenset({"parse"})
    analysis = "framing"

    @classmethod
    def make_analysis(cls, ctx: Context) -> list[SentenceFraming]:
        return analyse(ctx)

    def __init__(self, rule_id: str, params: dict[str, Any]) -> None:
        super().__init__(rule_id, params)
        label = params.get("label")
        if label not in ("to", "for"):
            raise ValueError("'label' must be to or for")
        self.label = label
        # A missing or damaged model or cue file is one line naming it, before any check.
        framing_model.cues()
        framing_model.model()

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterator[Hit]:
        lex = lexicon()
        for item in analyse(ctx):
            f = item.framing
            if f.label != self.label or f.anchor is None:
                continue
            why, instead = explain(f, lex)
            start = item.start + f.anchor[0]
            end = item.start + f.anchor[1]
            block = ctx.document.blocks[item.block_index]
            yield Hit(
                block_index=item.block_index,
                start=start,
                end=end,
                message=format_message(rule.message, why=why, text=" ".join(
                    block.text[start:end].split())),
                suggestions=(Suggestion(instead),) if instead else (),
                data={"framing": f.label, "shape": f.shape or "", "step": f.step,
                      "sentence": " ".join(block.text[item.start:item.end].split())},
            )
