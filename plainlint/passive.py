"""Passive voice from the dependency parse, and the active sentence a writer could use instead.

A clause is passive when a past participle has a passive auxiliary: a form of *be* or *get*
("is collected", "will be assessed", "has been passed", "being assessed", "got fined"). The
parse marks it with ``auxpass`` (and the subject with ``nsubjpass``); no regular expression
decides it. Participles that describe a state or a feeling rather than something done to
someone ("we are interested", "the office is closed on Mondays", "the centre is located on the
High Street") are adjectives, not passives.

Parsing is the expensive part, so `could_be_passive` is a cheap lexical filter: only sentences
with a form of *be* or *get* followed by a word that can be a past participle are parsed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plainlint import inflect

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_AUX = (
    r"am|is|are|was|were|be|been|being|get|gets|got|gotten|getting|isn't|aren't|wasn't|"
    r"weren't|ain't"
)
#: Participles the lexicon does not list or that the filter must always let through.
_EXTRA_PARTICIPLES = {"rid", "bid", "outlawed", "awarded"}
_AUX_THEN_WORDS = re.compile(
    rf"(?:\b(?:{_AUX})\b|['\u2019](?:s|re|m)\b)((?:\W+\w+){{1,6}})",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")


@functools.lru_cache(maxsize=1)
def _irregular_participles() -> frozenset[str]:
    return inflect.irregular_participles() | _EXTRA_PARTICIPLES


def _participle_like(word: str) -> bool:
    w = word.lower()
    return w.endswith(("ed", "en", "wn")) or w in _irregular_participles()


def could_be_passive(text: str) -> bool:
    """Cheap test: could this sentence hold a passive? False means it certainly does not."""
    for m in _AUX_THEN_WORDS.finditer(text):
        if any(_participle_like(w) for w in _WORD.findall(m.group(1))):
            return True
    return False


#: Participles that describe a state or a feeling, not an action done to the subject, when
#: no doer is named: "the office is closed", "we are based in Leeds", "you are entitled to".
STATES = {
    "accustomed", "acquainted", "aged", "based", "born", "closed", "committed", "concerned",
    "dedicated", "determined", "devoted", "disabled", "divorced", "engaged", "entitled",
    "equipped", "experienced", "furnished", "involved", "located", "married", "qualified",
    "related", "retired", "situated", "skilled", "suited", "unfurnished", "widowed",
    "gifted", "talented", "unemployed", "supposed", "unsupported", "unaccompanied",
    "unstaffed", "diseased", "detached", "semi-detached", "terraced", "listed", "licensed",
    "unlicensed", "occupied", "unoccupied", "overcrowded", "crowded", "bearded", "armed",
    "renowned", "deceased", "shut", "contained",
}
#: States that something can also be put into: "the lift is broken" is a state, "the window
#: was broken by vandals" and "the window was broken last night" are things that happened.
STATES_NOW = {"broken", "blocked", "flooded"}
#: "by" phrases that say when or how, not who: "by the end of May", "by post", "by mistake".
NOT_DOERS = {
    "end", "start", "beginning", "time", "date", "deadline", "day", "week", "month", "year",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "noon",
    "midnight", "then", "now", "tomorrow", "today", "spring", "summer", "autumn", "winter",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "mistake", "accident", "hand", "post", "phone",
    "email", "e-mail", "letter", "text", "car", "bus", "train", "default", "appointment",
    "cheque", "debit", "card", "cash", "way", "means", "far", "percent", "%", "chance",
    "design", "choice", "name", "telephone", "am", "pm", "o'clock", "reference", "law",
    "agreement", "arrangement", "request", "order", "virtue",
}
#: Feelings stay adjectives even with "by": "we were surprised by the result".
FEELINGS = {
    "amazed", "annoyed", "bored", "confused", "delighted", "depressed", "disappointed",
    "distressed", "embarrassed", "excited", "exhausted", "frightened", "frustrated",
    "horrified", "impressed", "interested", "overwhelmed", "pleased", "relieved", "satisfied",
    "scared", "shocked", "stressed", "surprised", "terrified", "thrilled", "tired", "upset",
    "worried", "puzzled", "alarmed", "concerned", "dissatisfied", "heartened", "saddened",
}
#: "very interested", "well qualified", "so pleased": words of degree make an adjective.
DEGREE = {
    "very", "so", "too", "quite", "rather", "really", "extremely", "fairly", "pretty", "most",
    "more", "less", "least", "well", "highly", "deeply", "increasingly", "somewhat", "incredibly",
}
_MODALS = {"will", "would", "can", "could", "may", "might", "must", "shall", "should", "'ll",
           "\u2019ll", "wo", "ca"}
_MODAL_TEXT = {"wo": "will", "ca": "can", "'ll": "will", "\u2019ll": "will"}
_OBJECT_PRONOUNS = {"i": "me", "we": "us", "he": "him", "she": "her", "they": "them",
                    "you": "you", "it": "it", "who": "them", "that": "it", "which": "it"}
_RELATIVE = {"who", "that", "which", "whom"}
_SUBJECT_PRONOUNS = {"us": "we", "me": "I", "him": "he", "her": "she", "them": "they"}


@dataclass(frozen=True)
class Passive:
    """One passive clause in a sentence. Offsets are relative to the sentence's start."""

    start: int
    end: int
    verb: str  # the verb's lemma ("assess")
    agent: str | None  # "a social worker", when the sentence names the doer
    question: str | None  # "Who will assess you?", when no doer is named
    rewrite: str | None  # "we will assess you" or "a social worker will assess you"
    reader_rewrite: str | None = None  # "you have not paid the instalment", when no doer is named
    modal: str | None = None  # "must" in "must be reported"
    reader_clause: bool = False  # inside a clause whose subject is the reader ("you choose how
    # your budget is spent")


def find(doc: Doc) -> list[Passive]:
    """Every passive clause in a parsed sentence."""
    out: list[Passive] = []
    seen: set[int] = set()
    for verb in _passive_verbs(doc):
        if verb.i in seen:
            continue
        seen.add(verb.i)
        if _is_state(verb):
            continue
        out.append(_describe(verb))
    return out


_HYPHEN_TOKENS = ("-", "\u2010", "\u2011")


def hyphen_group(tok: Token) -> list[Token]:
    """The tokens of a hyphenated word that the tokenizer split ("co", "-", "produced"), or
    just ``tok``. The parser often attaches the pieces as if they were separate words."""
    doc = tok.doc

    def joined(i: int) -> bool:  # doc[i] is a hyphen glued to words on both sides
        return (0 < i < len(doc) - 1 and doc[i].text in _HYPHEN_TOKENS
                and not doc[i - 1].whitespace_ and not doc[i].whitespace_
                and doc[i - 1].is_alpha and doc[i + 1].is_alpha)

    i = tok.i
    if tok.text in _HYPHEN_TOKENS:
        if not joined(i):
            return [tok]
        i -= 1
    start = end = i
    while joined(start - 1):
        start -= 2
    while joined(end + 1):
        end += 2
    return list(doc[start:end + 1])


def _group_head(group: list[Token]) -> Token:
    """The piece of a split hyphenated word that the parse hangs the clause on."""
    inside = {t.i for t in group}
    return next((t for t in group if t.head.i not in inside or t.head is t), group[0])


def _passive_verbs(doc: Doc) -> list[Token]:
    verbs: list[Token] = []
    for found in _candidates(doc):
        group = hyphen_group(found)
        if len(group) > 1:
            # "will be co-produced": the participle is the whole word; the parse may have
            # marked any piece (even the hyphen) as the verb.
            if not group[-1].is_alpha or group[-1].tag_ not in ("VBN", "VBD"):
                continue
            found = _group_head(group)
        elif not found.is_alpha:
            continue
        if all(v.i != found.i for v in verbs):
            verbs.append(found)
    return sorted(verbs, key=lambda t: t.i)


def _candidates(doc: Doc) -> list[Token]:
    verbs: list[Token] = []
    for tok in doc:
        if tok.dep_ == "auxpass" and tok.head.tag_ in ("VBN", "VBD") and tok.head.i > tok.i:
            if tok.lemma_.lower() in ("be", "get"):
                verbs.append(tok.head)
        elif (
            tok.tag_ == "VBN"
            and tok.dep_ in ("acomp", "ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj")
            and not any(c.dep_ == "auxpass" for c in tok.children)
            and tok.head.lemma_ in ("be", "get")
            and tok.head.i < tok.i
            and tok.dep_ == "acomp"
        ):
            # "Being assessed can feel stressful": the parser sometimes makes the participle
            # a complement of "be" instead of marking the auxiliary.
            verbs.append(tok)
        elif _lexical_passive(tok):
            verbs.append(tok)
    return sorted(verbs, key=lambda t: t.i)


def _lexical_passive(tok: Token) -> bool:
    """A rarer participle the tagger takes for an adjective ("was flung by", "was clung
    to"), or whose "be" it marks as a plain auxiliary ("was leapt by"): passive when the
    lexicon knows it as a past participle, a form of "be" comes before it and a "by" phrase
    names a doer."""
    if tok.tag_ not in ("JJ", "VBN") or tok.lower_ in FEELINGS:
        return False
    if not any(tok.lower_ in inflect.participles_of(lemma) for lemma in inflect.lemmas_of(
            tok.lower_)):
        return False
    if tok.dep_ == "acomp":
        be = tok.head
    else:
        be = next((c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i
                   and c.lemma_ == "be"), None)
        if be is None or (any(c.dep_ == "auxpass" for c in tok.children)
                          and tok.tag_ == "VBN"):
            return False
    if be.lemma_ != "be" or be.i > tok.i:
        return False
    return any(
        c.lower_ == "by" and c.dep_ in ("agent", "prep") and any(
            g.dep_ == "pobj" and g.lower_ not in NOT_DOERS and not g.like_num
            for g in c.children)
        for c in tok.children)


def _auxiliaries(verb: Token) -> list[Token]:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    for a in list(aux):
        if a.dep_ == "auxpass":
            # "The plan will be co-produced": with a split word the parse may hang "will"
            # on "be" instead of on the participle.
            aux.extend(c for c in a.children if c.dep_ in ("aux", "neg") and c.i < a.i)
    if verb.dep_ == "acomp" and verb.head.lemma_ in ("be", "get"):
        aux.append(verb.head)
        aux.extend(c for c in verb.head.children if c.dep_ in ("aux", "neg") and c.i < verb.i)
    return sorted(aux, key=lambda t: t.i)


#: Prefixes of verbs that stay verbs when hyphenated: "co-produced", "re-assessed".
VERB_PREFIXES = frozenset([
    "co", "re", "pre", "de", "un", "mis", "over", "under", "out", "up", "non", "sub", "inter",
    "cross", "multi", "dis", "self", "jointly", "double", "part", "fully", "well",
])
#: Participles that say a person has finished, not that something was done to them: "you're
#: done", "we are finished".
FINISHED = frozenset(["done", "finished", "sorted", "through"])
_PERSONS = frozenset(["i", "you", "we", "they", "he", "she"])


def _compound_adjective(verb: Token) -> bool:
    """A participle made into an adjective by a word in front of it: "child-centred",
    "wheelchair-bound", "strengths-based", "community driven", "council-run". Verb prefixes
    ("co-produced", "re-assessed") keep it a verb."""
    group = hyphen_group(verb)
    if len(group) > 1:
        return group[0].lower_ not in VERB_PREFIXES and group[-1].tag_ in ("VBN", "VBD", "JJ")
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return (before is not None and before.head.i == verb.i and before.pos_ in ("NOUN", "PROPN")
            and before.dep_ in ("npadvmod", "compound", "nmod", "nsubj"))


def _is_state(verb: Token) -> bool:
    word = verb.text.lower()
    has_agent = any(c.dep_ == "agent" for c in verb.children)
    if word in FEELINGS:
        return True
    if not has_agent and _compound_adjective(verb):
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "acomp":
        subjects += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if word in FINISHED and not has_agent and any(c.lower_ in _PERSONS for c in subjects):
        return True  # "you're done": finished, not something done to you
    if verb.lemma_ in ("register", "certify", "class", "classify") and not has_agent and any(
            c.dep_ in ("oprd", "acomp", "xcomp") and c.tag_ == "JJ" for c in verb.children):
        return True  # "you are registered disabled": a status
    if verb.lower_ == "rid" and any(a.lemma_ == "get" for a in _auxiliaries(verb)):
        return True  # "he got rid of it": an active idiom
    if any(c.dep_ == "advmod" and c.lower_ in DEGREE and c.i < verb.i for c in verb.children):
        return True
    if word in STATES and not has_agent:
        return True
    if word in STATES_NOW and not has_agent and not any(
        t.lower_ in ("was", "were", "got", "been") for t in _auxiliaries(verb)
    ):
        return True
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if word == "divided" and preps & {"on", "over", "about"}:
        return True  # "parents are divided on the new hours": an opinion, not a division
    if verb.lemma_ == "use" and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in verb.children
    ):
        return True  # "I am used to it"
    if verb.lemma_ == "make" and (preps & {"of", "from"} or "up" in particles):
        return True  # "made of brick", "made up of six councillors"
    if verb.lemma_ in ("call", "name", "term", "title", "entitle", "label", "dub") and any(
        c.dep_ in ("oprd", "attr", "dobj", "xcomp", "ccomp") and c.i > verb.i
        for c in verb.children
    ) and not has_agent:
        return True  # naming: "this is called an assisted collection"
    if verb.lemma_ in ("define", "class", "classify", "regard", "describe", "consider",
                       "see", "treat", "count") and "as" in preps and not has_agent:
        return True  # "are defined as rough sleepers": what something counts as
    return verb.lemma_ == "know" and bool(preps & {"as", "for"})


# -- describing a passive and its active form --------------------------------------------------


def _describe(verb: Token) -> Passive:
    group = hyphen_group(verb)
    aux = _auxiliaries(verb)
    first = min([group[0].i, *(t.i for t in aux if t.lower_ != "to")])
    sent_start = verb.doc[0].idx
    start = verb.doc[first].idx - sent_start
    last = group[-1]
    for c in last.children:  # "carried out", "dealt with": the particle is part of the verb
        if c.i == last.i + 1 and _tail_word(c):
            last = c
    end = last.idx + len(last.text) - sent_start
    agent_np = next((a for t in group if (a := _doer(t)) is not None), None)
    lemma = base_form(group[-1])
    if len(group) > 1:  # "co-produced" -> "co-produce"
        lemma = "".join(t.text for t in group[:-1]).lower() + lemma
    tense, modal, negative = _tense(aux)
    lead = _catenative(verb) if tense == "infinitive" else None
    if lead is not None:
        tense, modal = "lead", lead
    seen = group[-1].lower_ if len(group) == 1 else ""  # "broadcast", not "broadcasted"
    obj = _object_phrase(verb)
    tail = _verb_tail(verb)
    rest = _complement(verb)
    unsure = (rest.endswith(LONG) or obj.split(" ", 1)[0].lower() in _WH
              or lemma in _NO_REWRITE or obj == GUESSED)
    if unsure:
        # Too much would be lost or garbled: ask who, offer no sentence to copy.
        obj = "it" if obj == GUESSED or obj.split(" ", 1)[0].lower() in _WH else obj
    if agent_np is not None and rest.endswith(LONG):
        rest = ""
    manner = " ".join(p for p in (_idiom(verb), _manner(verb)) if p)
    if manner:
        # "was not emptied properly": the adverb keeps the meaning ("we did not empty your
        # bin properly", not "we did not empty your bin"); it goes after a short object or
        # complement, before a clause ("to pay ...").
        clause = any(c.i > verb.i and c.dep_ in ("xcomp", "ccomp") for c in verb.children)
        rest = f"{manner} {rest}" if clause and rest else " ".join(p for p in (rest, manner) if p)
    if agent_np is not None:
        if agent_np.dep_ == "pcomp":  # "by what residents told us": the clause is the doer
            agent_text = "".join(t.text_with_ws for t in agent_np.subtree).strip()
        else:
            agent_text = _phrase(agent_np)
        # "by us" puts "we" first: a pronoun doer becomes the subject form.
        subject = _SUBJECT_PRONOUNS.get(agent_text.lower(), agent_text)
        plural = agent_np.tag_ in ("NNS", "NNPS") or subject.lower() in ("we", "they", "you")
        if " and " in f" {agent_text} " and not (
                agent_np.tag_ == "NNP" and all(w[:1].isupper() for w in agent_text.split()
                                               if w not in ("and", "the", "of"))):
            plural = True  # "parents and carers", but not "the Health and Wellbeing Board"
        rewrite = _clause(subject, plural, lemma, tense, modal, negative, tail, obj, rest, seen)
        return Passive(start, end, lemma, agent_text, None, rewrite)
    question = _clause("who", False, lemma, tense, modal, negative, tail, obj, rest, seen)
    question = question[:1].upper() + question[1:] + "?"
    rewrite = reader = None
    if unsure:
        return Passive(start, end, lemma, None, question, None, None, modal, _under_reader(verb))
    if obj not in ("us", "me", "nobody", "no one", "none", "nothing"):
        rewrite = _clause("we", True, lemma, tense, modal, negative, tail, obj, rest, seen)
    if obj not in ("you", "yourself", "yourselves", "us", "me", "nobody", "no one", "none",
                   "nothing"):
        reader = _clause("you", True, lemma, tense, modal, negative, tail, obj, rest, seen)
    return Passive(start, end, lemma, None, question, rewrite, reader, modal,
                   _under_reader(verb))


def _under_reader(verb: Token) -> bool:
    """Is the passive part of something the reader says or does: a clause under a verb whose
    subject is "you" ("You choose how your budget is spent", "you can decide how it is
    used")?"""
    tok = verb
    for _ in range(4):
        if tok.dep_ not in ("ccomp", "advcl", "xcomp", "pcomp", "conj", "acomp") or tok.head is tok:
            return False
        tok = tok.head
        if any(c.dep_ == "nsubj" and c.lower_ == "you" for c in tok.children):
            return True
    return False


#: Things a council page or letter usually asks the reader to do: in a text addressed to
#: "you", a passive of one of these ("the instalment has not been paid", "the form must be
#: returned") is more likely the reader's action than the council's. Not "enclose" or
#: "attach": in a letter, "your new bill is enclosed" is the council's doing; a duty ("a copy
#: must be attached") still puts the reader first through `DUTY_MODALS`.
READER_VERBS = frozenset([
    "pay", "return", "complete", "submit", "sign", "fill", "renew", "register", "book",
    "cancel", "upload", "bring", "report", "declare", "claim", "quote",
    "display", "answer", "settle", "repay", "comply", "adhere", "abide", "apply", "obey",
    "breach", "owe", "challenge", "appeal",
])
#: Of those, what only a resident (an applicant, a tenant, a claimant) does: "applications
#: should be submitted", "the conditions are not complied with". "We" would change who does
#: it, or reverse the meaning, so it is never offered.
RESIDENT_VERBS = frozenset([
    "submit", "fill", "renew", "upload", "declare", "claim", "comply", "adhere", "abide",
    "apply", "obey", "breach", "owe",
])
#: Modal verbs that put a duty on someone: in a text addressed to "you", usually the reader.
DUTY_MODALS = frozenset(["must", "should"])


def _doer(verb: Token) -> Token | None:
    """The noun in the "by" phrase that names who does it, if the sentence has one."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None and _lexical_passive(verb):
        agent = next((c for c in verb.children if c.lower_ == "by" and c.dep_ == "prep"), None)
    if agent is None:
        return None
    pobj = next((c for c in agent.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None or pobj.lower_ in NOT_DOERS or pobj.like_num or any(
            c.isdigit() for c in pobj.text):  # "by 7.30am", "by 5pm"
        return None
    return pobj


def base_form(verb: Token) -> str:
    """The base form of a participle ("fined" -> "fine"), checked against our own inflection
    because the statistical lemmatiser sometimes guesses wrong ("fined" -> "fin")."""
    word = verb.lower_
    known = inflect.lemmas_of(word)
    if known:
        return verb.lemma_.lower() if verb.lemma_.lower() in known else known[0]
    candidates = [verb.lemma_.lower()]
    if word.endswith("ied"):
        candidates.append(word[:-3] + "y")
    if word.endswith("ed"):
        candidates += [word[:-1], word[:-2], word[:-3]]
    for base in candidates:
        if base and inflect.past_participle(base) == word:
            return base
    return candidates[0] or word


def _tense(aux: list[Token]) -> tuple[str, str | None, bool]:
    """The tense of a passive verb group: present, past, perfect, pluperfect, progressive,
    past-progressive, modal or infinitive; the modal verb; whether it is negative."""
    negative = any(t.dep_ == "neg" for t in aux)
    modal = next((t for t in aux if t.tag_ == "MD" or t.lower_ in _MODALS), None)
    texts = [t.lower_ for t in aux]
    if modal is not None:
        return "modal", _MODAL_TEXT.get(modal.lower_, modal.lower_), negative
    have = next((t for t in aux if t.lemma_ == "have"), None)
    if have is not None:
        return ("pluperfect" if have.lower_ in ("had", "'d") else "perfect"), None, negative
    if "being" in texts:
        be = [t for t in aux if t.lemma_ == "be" and t.lower_ != "being"]
        if be and be[0].lower_ in ("was", "were"):
            return "past-progressive", None, negative
        if be:
            return "progressive", None, negative
        return "gerund", None, negative
    if "to" in texts:
        return "infinitive", None, negative
    passive_aux = next((t for t in aux if t.dep_ in ("auxpass",) or t.lemma_ in ("be", "get")),
                       None)
    if passive_aux is not None and (passive_aux.tag_ == "VBD" or passive_aux.lower_ in
                                    ("was", "were", "got", "wasn't", "weren't")):
        return "past", None, negative
    return "present", None, negative


#: Verbs that take a passive infinitive and keep their tense in the active: "used to be
#: paid" -> "used to pay", "was going to be made" -> "was going to make", "needs to be
#: agreed" -> "needs to agree".
_LEADS = frozenset(["used", "going", "need", "needs", "needed", "have", "has", "had", "ought"])


def _catenative(verb: Token) -> str | None:
    """The verb group in front of a passive infinitive, written with placeholders for the new
    subject's agreement ("{be} going to", "{need} to", "used to"), or ``None``."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.lower_ not in _LEADS or any(
            c.dep_ == "neg" for c in head.children):
        return None
    if head.lower_ == "used":
        return "used to"
    if head.lower_ == "ought":
        return "ought to"
    if head.lower_ == "going":
        be = next((c for c in head.children if c.dep_ == "aux" and c.lemma_ == "be"), None)
        if be is None:
            return None
        return "{was} going to" if be.tag_ == "VBD" else "{is} going to"
    if head.lemma_ == "need":
        return "needed to" if head.tag_ in ("VBD", "VBN") else "{needs} to"
    if any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return None  # "will have to be paid": leave it to the writer's tense
    return "had to" if head.tag_ in ("VBD", "VBN") else "{has} to"


def _agree(lead: str, third: bool, first: bool) -> str:
    """A lead verb group agreeing with its subject."""
    return lead.format(
        was="was" if third or first else "were",
        is_="", **{"is": "am" if first else ("is" if third else "are")},
        needs="needs" if third else "need", has="has" if third else "have")


def _clause(subject: str, plural: bool, lemma: str, tense: str, modal: str | None,
            negative: bool, tail: str, obj: str, rest: str = "", seen: str = "") -> str:
    """An active clause: subject, verb in the tense of the passive, then the object."""
    third = not plural and subject.lower() not in ("we", "you", "i", "they")
    first = subject == "I"
    base = lemma
    no = " not" if negative else ""
    if tense == "modal":
        verb = f"cannot {base}" if modal == "can" and negative else f"{modal}{no} {base}"
    elif tense == "perfect":
        verb = f"{'has' if third else 'have'}{no} {inflect.past_participle(base)}"
    elif tense == "pluperfect":
        verb = f"had{no} {inflect.past_participle(base)}"
    elif tense == "progressive":
        be = "am" if first else ("is" if third else "are")
        verb = f"{be}{no} {inflect.present_participle(base)}"
    elif tense == "past-progressive":
        was = "was" if third or first else "were"
        verb = f"{was}{no} {inflect.present_participle(base)}"
    elif tense == "past":
        verb = f"did not {base}" if negative else inflect.past(base, seen)
    elif tense == "lead" and modal is not None:
        verb = f"{_agree(modal, third, first)} {base}"
    elif tense in ("infinitive", "gerund"):
        verb = f"will{no} {base}"
    elif negative:
        verb = f"{'does' if third else 'do'} not {base}"
    else:
        verb = inflect.third_person(base) if third else base
    if obj in _PRONOUN_OBJECTS and tail and not _is_preposition(tail):
        # A particle goes after a pronoun: "carry it out", not "carry out it".
        return " ".join(p for p in (subject, verb, obj, tail, rest) if p)
    return " ".join(p for p in (subject, verb, tail, obj, rest) if p)


_PRONOUN_OBJECTS = {"it", "them", "you", "us", "me", "him", "her"}
_PREPOSITIONS = {"with", "at", "for", "to", "of", "on", "about", "after", "into", "from",
                 "by", "upon"}


def _is_preposition(tail: str) -> bool:
    return tail.split()[-1].lower() in _PREPOSITIONS


def _complement(verb: Token) -> str:
    """A short second object or clause that completes the verb: "(send you) a reminder",
    "(require you) to pay the full amount", "(agree) that the service would move"."""
    for c in verb.children:
        if hyphen_group(c)[0].i < c.i:
            continue  # the end of a split hyphenated word ("vice-chair") misread as an object
        if c.i > verb.i and c.dep_ in ("dobj", "xcomp", "ccomp", "dative", "oprd"):
            words = sorted(c.subtree, key=lambda t: t.i)  # a non-projective parse is out of order
            if words[0].tag_ == "MD" or words[0].lower_ in ("had", "were"):
                continue  # "should a nuisance be found": a condition, not the verb's object
            if len(words) > 10:  # too long to repeat: the question shows its start
                return " ".join(t.text for t in words[:3]) + " " + LONG
            return "".join(t.text_with_ws for t in words).strip().rstrip(".,;:")
        if (c.i > verb.i and c.dep_ == "prep" and c.lower_ == "with"
                and verb.lemma_ in _WITH_VERBS):
            words = sorted(c.subtree, key=lambda t: t.i)  # "(issue you) with a notice"
            if len(words) <= 8:
                return "".join(t.text_with_ws for t in words).strip().rstrip(".,;:")
    return ""


#: Verbs whose passive rarely hides a doer worth naming: "what is needed", "support that is
#: needed". The question stays; no sentence is offered.
_NO_REWRITE = frozenset(["need"])
#: What a passive with no subject to be found is done to: "it", but only a guess.
GUESSED = "it\u2026"
#: A complement too long to repeat in a rewrite.
LONG = "\u2026"
#: Verbs whose "with" phrase is their second object: "issued with a notice".
_WITH_VERBS = frozenset(["issue", "provide", "supply", "present", "serve", "charge", "equip"])


#: Adverbs after a participle that qualify the clause, not the doing, and read wrongly at the
#: end of an active sentence, or that the parse often attaches to the wrong verb.
_NOT_MANNER = {"below", "above", "overleaf", "later", "earlier",
               "also", "only", "just", "even", "too", "either", "yet", "still", "already",
               "then", "so", "as", "there", "here", "not", "n't", "never", "ever", "however",
               "therefore", "instead", "otherwise", "first", "usually", "normally", "often",
               "always", "sometimes", "generally", "currently", "now", "automatically"}


def _manner(verb: Token) -> str:
    """One-word adverbs after the participle that say how or when it is done: "(was not done)
    well", "(emptied) properly", "(collected) weekly"."""
    words = []
    for c in verb.children:
        if (c.i > verb.i and c.dep_ == "advmod" and c.tag_ in ("RB", "RBR") and c.is_alpha
                and not list(c.children) and c.lower_ not in _NOT_MANNER):
            words.append(c.text)
    return " ".join(words)


#: Verbs that make a fixed phrase with a bare noun after a preposition: "taken into account",
#: "put into practice", "brought back into use", "kept in mind".
_LIGHT_VERBS = {"take", "put", "bring", "keep", "set", "carry", "call", "hold"}


def _verb_tail(verb: Token) -> str:
    """Particles and stranded prepositions that belong to the verb: "dealt with", "cut back"."""
    return " ".join(c.text for c in verb.children if c.i > verb.i and _tail_word(c))


def _idiom(verb: Token) -> str:
    """The bare-noun phrase of a fixed expression, which goes after the object: "(we take
    your views) into account", "(we put the plan) into practice"."""
    if verb.lemma_.lower() not in _LIGHT_VERBS and base_form(verb) not in _LIGHT_VERBS:
        return ""
    for c in verb.children:
        noun = [g for g in c.children if g.dep_ == "pobj"]
        if (c.dep_ == "prep" and c.i > verb.i and len(list(c.children)) == 1 and noun
                and not list(noun[0].children) and noun[0].tag_ == "NN"):
            return f"{c.text} {noun[0].text}"
    return ""


def _tail_word(tok: Token) -> bool:
    return tok.dep_ == "prt" or (tok.dep_ == "prep" and not list(tok.children))


#: Verbs whose subject wants something done, not the thing done: "the Council wants it to be
#: done".
_WANTS = frozenset(["want", "wish", "like", "expect", "ask", "require", "prefer"])
#: Words that open a question or a clause about something not yet named: "what is needed",
#: "what kinds of improvements could be made". The active sentence would need "it".
_WH = frozenset(["what", "which", "whatever", "whichever", "how", "whose"])


def _object_phrase(verb: Token) -> str:
    """The passive subject, as the object of the active verb."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")), None)
    if subj is None:  # the parse sometimes labels a passive subject as a plain one
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None and len(hyphen_group(verb)) > 1:
        # "The plan will be co-produced": the split word's parse may hang the subject on "be".
        subj = next((c for a in verb.children if a.dep_ == "auxpass" for c in a.children
                     if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ == "it" and any(
        c.dep_ == "ccomp" and c.i > verb.i for c in verb.children
    ):
        return ""  # "It was agreed that ...": the clause is the object
    if subj is None and verb.dep_ == "xcomp" and verb.head.lemma_ in _WANTS and any(
            t.tag_ in ("WP", "WDT") for t in verb.doc[:verb.i]):
        return GUESSED  # "what the Council wants to be done": not the Council
    if subj is None and verb.dep_ == "xcomp":
        head = verb.head
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        while subj is None and head.dep_ == "conj" and head.head is not head:
            head = head.head  # "you ... and would like to be assessed"
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.head.dep_ == "acl" and verb.head.lower_ in _LEADS:
            subj = verb.head.head  # "The rent used to be paid": parsed as "the rent (used)"
    if subj is None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subj is None and verb.dep_ == "acomp":
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ == "relcl":
        subj = verb.head
    if subj is None:
        return "you" if verb.dep_ in ("csubj", "csubjpass") else GUESSED
    if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subj = verb.head
    if subj.lower_ in _OBJECT_PRONOUNS:
        return _OBJECT_PRONOUNS[subj.lower_]
    if subj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return "them" if subj.tag_ in ("NNS", "NNPS") else "it"
    phrase = _phrase(subj)
    if len(phrase.split()) > 6:
        return "them" if subj.tag_ in ("NNS", "NNPS") else "it"
    return phrase


def _phrase(tok: Token) -> str:
    """A noun phrase: the noun, the words before it that belong to it, hyphenated parts and
    an "of" phrase ("most of the money"), without relative clauses and other long attachments
    after it. A sentence's capital is dropped unless the first word is a name or an
    abbreviation."""
    keep = {d for c in tok.children if c.i < tok.i for d in c.subtree}
    keep.add(tok)
    doc = tok.doc
    keep.update(hyphen_group(tok))
    for c in tok.children:
        if c.i > tok.i and c.dep_ == "prep" and c.lower_ == "of":
            keep.update(c.subtree)
    conj = next((c for c in tok.children if c.dep_ == "conj" and c.i > tok.i), None)
    cc = next((c for c in tok.children if c.dep_ == "cc" and c.i > tok.i), None)
    if conj is not None and cc is not None and cc.i < conj.i:
        # "the Health and Wellbeing Board", "parents and carers": both halves are the doer.
        parts = [d for d in conj.subtree if d.dep_ not in ("relcl", "acl", "prep") or d is conj]
        if len(parts) <= 4 and all(not t.is_punct for t in parts):
            keep.add(cc)
            keep.update(t for t in conj.subtree if t.i <= max(p.i for p in parts))
            keep.update(hyphen_group(conj))  # "the vice-chair"
    ordered = sorted(keep, key=lambda t: t.i)
    text = "".join(t.text_with_ws for t in ordered).strip()
    first = ordered[0]
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    name = (nxt is not None and nxt.is_alpha and nxt.text[:1].isupper() and first.is_title
            and first.tag_ != "DT")
    if first.i == 0 and not name and not (first.text.isupper() and len(first.text) > 1) and (
        first.tag_ not in ("NNP", "NNPS") or first.lower_.endswith(_COMMON_ENDINGS)
        # "Contaminated bins", "Missed collections": a participle before a plain noun
        or (first.lower_.endswith("ed") and len(first) > 5 and nxt is not None
            and nxt.is_lower and nxt.is_alpha and first.dep_ in ("amod", "compound")
            and first.head.i > first.i)
    ):
        # The capital is the sentence's, not a name's ("Eligibility is determined ...").
        text = text[:1].lower() + text[1:]
    return text


#: Endings of common nouns that the tagger sometimes takes for names at a sentence start.
_COMMON_ENDINGS = ("ity", "tion", "sion", "ment", "ness", "ance", "ence", "ship", "ism", "ing")
