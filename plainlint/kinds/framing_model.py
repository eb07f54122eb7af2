"""The trained part of the framing classifier: cue words, features and the shipped model.

The framing of a sentence is decided in three steps:

1. **Cues** (``rules/framing/cues.yaml``): cheap regular expressions in nine classes (sanction,
   obligation, refusal, assessment, provision, participation, permission, information, safety).
   A sentence with no sanction, obligation, refusal, assessment, provision or participation cue
   (and nothing the older word lists call a cue) is neutral without a parse.
2. **Features** (`features`): the cue classes, where they sit in the parse (on the main verb or
   in a side clause), who the subject is (you, people, the council, a thing, nobody), passive
   and agentless verbs, modals, negation, conditions, orders, and the framing events the rules
   over the parse in `plainlint.kinds.framing` find. General features only: no council's words.
3. **The model** (``rules/framing/model.json``): multinomial logistic regression trained by
   ``scripts/train_framing.py`` on labelled real council sentences. At run time it is a dot
   product and a softmax (no scikit-learn). A sentence is flagged ``to`` or ``for`` only when
   that label's probability reaches its threshold (one pair of thresholds for each
   sensitivity, chosen for precision under cross-validation grouped by council) and no guard
   rules the label out (`GUARDS`: signposting, definitions, help to act, handing over only
   information); otherwise it takes the more likely of ``together`` and ``neutral``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plainlint import yamlutil
from plainlint.rules import RuleError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from plainlint.kinds.framing import Lexicon, _Sentence

CUE_CLASSES = ("sanction", "obligation", "refusal", "assessment", "provision", "participation",
               "permission", "information", "safety")
#: Cue classes that make a sentence worth parsing.
SELECTING = ("sanction", "obligation", "refusal", "assessment", "provision", "participation")
#: Cue classes that carry each flagged label's evidence, strongest first.
EVIDENCE = {
    "to": ("sanction", "refusal", "obligation", "assessment"),
    "for": ("provision",),
    "together": ("participation",),
}
MODEL_FORMAT = 2
#: How readily a sentence is flagged: each sensitivity has its own thresholds in the model file.
#: ``precise`` (the default) flags only what the model is sure of; ``thorough`` finds more of
#: the framed sentences and is wrong more often (docs/framing.md gives the measured figures).
SENSITIVITIES = ("precise", "thorough")
DEFAULT_SENSITIVITY = "precise"
#: Word (lemma) features on top of the general ones: measured under grouped cross-validation,
#: they raise done-to and done-for recall at the same precision (see docs/framing.md).
LEXICAL = True
#: Pairs of neighbouring lemmas as features too (see docs/framing.md for the measurement).
BIGRAMS = True


class ModelError(RuleError):
    """The framing model or cue file is missing or damaged. The message names the file; like
    any rule problem it stops the run with one line (exit code 2)."""


# -- cues -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cues:
    """All cue classes as one regular expression with a named group per class, so a sentence
    is scanned once. Where two classes match at the same place, the earlier class in
    `CUE_CLASSES` wins."""

    pattern: re.Pattern[str]

    def find(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Cue class -> (start, end) of each match in ``text``."""
        out: dict[str, list[tuple[int, int]]] = {}
        for m in self.pattern.finditer(text):
            name = m.lastgroup
            if name is not None:
                out.setdefault(name, []).append(m.span())
        return out


def compile_cues(data: dict[str, Any], origin: str = "cues") -> Cues:
    groups = []
    for name in CUE_CLASSES:
        items = data.get(name)
        if not isinstance(items, list) or not items:
            raise ModelError(f"{origin}: cue class {name!r} is missing or empty")
        body = "|".join(f"(?:{p})" for p in sorted(map(str, items), key=len, reverse=True))
        try:
            re.compile(body, re.IGNORECASE)
        except re.error as exc:
            raise ModelError(f"{origin}: cue class {name!r}: {exc}") from None
        groups.append(f"(?P<{name}>{body})")
    try:
        pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])", re.IGNORECASE)
    except re.error as exc:
        raise ModelError(f"{origin}: {exc}") from None
    return Cues(pattern)


@lru_cache(maxsize=1)
def cues() -> Cues:
    from plainlint.resources import rules_dir

    path = rules_dir() / "framing" / "cues.yaml"
    try:
        data = yamlutil.load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the framing cue words: "
                         f"{exc.strerror or exc}") from None
    except Exception as exc:  # a YAML error: one line, naming the file
        raise ModelError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise ModelError(f"{path}: expected a mapping of cue classes")
    return compile_cues(data, str(path))


def worth_parsing(found: dict[str, list[tuple[int, int]]]) -> bool:
    return any(name in found for name in SELECTING)


# -- features ---------------------------------------------------------------------------------

#: Guards: sentence shapes the product decisions call neutral whatever the words around them say,
#: and which the model, trained on a few hundred sentences, does not learn reliably. A guard is a
#: feature ("guard:...") like any other, and `Model.decide` never gives a label the guard rules
#: out. Each is general English, measured on real text (docs/framing.md).
GUARDS: dict[str, frozenset[str]] = {
    # "Contact adult social services to find out whether ...": an order to find information
    # is signposting, not a rule and not provision.
    "guard:signpost": frozenset({"to", "for"}),
    # "People who ... are defined as ...": a definition says what a word means.
    "guard:definition": frozenset({"to", "for"}),
    # "help tenants plan their garden", "support you to achieve your goals": people act,
    # helped; they do not only receive (the decisions call "help you understand" informing).
    "guard:enables": frozenset({"for"}),
    # "You will be given information about ...", "we will post you a copy of the report",
    # "tenants receive a newsletter": what is handed over is only information, and informing
    # is neutral.
    "guard:informing": frozenset({"for"}),
}
_HANDING = {"give", "provide", "offer", "send", "supply", "issue", "email", "post", "receive"}
#: Things handed over that only inform.
_INFORMATION = {"information", "details", "detail", "copy", "leaflet", "letter",
                "guidance", "list", "update", "updates", "factsheet", "booklet", "link", "links",
                "signposting", "newsletter", "summary", "answers", "answer",
                "explanation", "receipt", "reference", "number", "confirmation"}
_SIGNPOST_VERBS = {"contact", "call", "phone", "ring", "email", "text", "find", "see", "read",
                   "visit", "look", "go", "check", "ask", "speak", "talk", "write", "search",
                   "download", "follow", "use", "browse", "click", "select", "view"}
_DEFINING = {"define", "know", "describe", "term"}
_ENABLING = {"help", "support", "enable", "empower", "assist", "encourage"}
#: What people do themselves after "help ... (to)": deciding, planning, learning, taking part.
#: Not "get", "live" or "wash": helped to get or live, people still receive.
_AGENCY = {"achieve", "develop", "decide", "choose", "plan", "organise", "organize", "shape",
           "lead", "design", "produce", "set", "run", "gain", "build", "learn", "become",
           "regain", "rebuild", "understand", "express", "resolve", "involve", "control",
           "agree", "create", "identify", "explore", "speak", "improve", "work", "participate",
           "contribute", "volunteer"}


#: Words that begin an order to get in touch or read on, even where the tagger reads the first
#: word as a noun ("Contact adult social services to find out ...").
_SIGNPOST_OPENERS = {"contact", "call", "phone", "ring", "email", "visit", "see", "read", "ask",
                     "speak", "talk", "download"}


def _signpost(sentence: _Sentence, root: Token) -> bool:
    if sentence.imperative(root) and root.lemma_.lower() in _SIGNPOST_VERBS:
        return True
    words = [t for t in sentence.doc if not (t.is_punct or t.is_space)]
    if not (len(words) > 2 and words[0].lower_ in _SIGNPOST_OPENERS
            and words[0].text[0].isupper()):
        return False
    # "Contact details are below", "Call charges depend on ...": the first word is part of the
    # subject of a verb with a tense, so the sentence is a statement, not an order.
    t = words[0]
    for _ in range(6):
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.tag_ in ("VBZ", "VBP", "VBD", "MD"):
            return False
        if t.head.i == t.i:
            break
        t = t.head
    return True


def _guards(sentence: _Sentence, root: Token) -> list[str]:
    out = []
    if _signpost(sentence, root):
        out.append("guard:signpost")
    for t in sentence.doc:
        lemma = t.lemma_.lower()
        if (lemma in _DEFINING and t.dep_ == "ROOT" and sentence.passive(t)
                and any(c.lower_ == "as" and c.dep_ == "prep" for c in t.children)):
            out.append("guard:definition")
        elif lemma in _ENABLING and t.pos_ == "VERB" and any(
            c.lemma_.lower() in _AGENCY for c in _complements(t)
        ):
            out.append("guard:enables")
    themes = [_theme(sentence, t) for t in sentence.doc
              if t.pos_ == "VERB" and t.lemma_.lower() in _HANDING]
    if themes and all(th and all(n.lemma_.lower() in _INFORMATION for n in th)
                      for th in themes):
        out.append("guard:informing")
    return sorted(set(out))


def _complements(verb: Token) -> list[Token]:
    """The verbs a verb of helping governs: "help you (to) decide", and, where the parser hangs
    the verb on a relative clause of the object ("enables tenants who join the panel to
    decide"), that one too."""
    out = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for rel in (c for c in obj.children if c.dep_ == "relcl"):
            out.extend(c for c in rel.children if c.dep_ == "xcomp")
    return out


def _theme(sentence: _Sentence, verb: Token) -> list[Token]:
    """What a verb of giving or receiving hands over, with its conjuncts: the object ("send you
    a leaflet", "receive a newsletter"), the "with" phrase ("provided with details") or, in the
    passive, the subject ("a letter is sent")."""
    heads: list[Token] = []
    for c in verb.children:
        if c.dep_ == "dobj" and not (c.lower_ in _YOU or sentence.is_people(c)):
            heads.append(c)
        elif c.dep_ == "prep" and c.lower_ == "with":
            heads.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "nsubjpass" and not (c.lower_ in _YOU or sentence.is_people(c)):
            heads.append(c)
    out = []
    for h in heads:
        out.append(h)
        out.extend(t for t in h.subtree if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN"))
    return out


_CONDITIONS = {"if", "unless", "until", "once"}
_YOU = {"you", "your", "yours", "yourself"}
_WE = {"we", "us", "our"}


def _subject_kind(s: _Sentence, verb: Token) -> str:
    subj = s.subjects(verb)
    if not subj:
        return "none"
    tok = subj[0]
    low = tok.lower_
    if low in _YOU:
        return "you"
    if low in _WE or s.is_institution(tok):
        return "council"
    if s.people_in(tok) is not None:
        return "people"
    if any(c.lower_ in ("your", "their") for c in tok.children):
        return "yours"
    if low in ("it", "there"):
        return "dummy"
    return "thing"


def _cue_tokens(doc: Doc, found: dict[str, list[tuple[int, int]]]) -> dict[str, list[Token]]:
    out: dict[str, list[Token]] = {}
    for name, spans in found.items():
        toks: list[Token] = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                toks.extend(span)
        if toks:
            out[name] = toks
    return out


def _main_verb(tok: Token) -> Token:
    """The verb a word belongs to: its head, or the nearest verb above it."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head is t:
            return t
        t = t.head
    return t


_MODAL_GROUPS = {"must": "must", "shall": "must", "will": "will", "'ll": "will", "may": "may",
                 "might": "may", "could": "may", "can": "can", "would": "would",
                 "should": "should"}


def _verb_traits(sentence: _Sentence, verb: Token, conditional: set[int]) -> list[str]:
    """What the verb a cue hangs on says: where it sits ("@main", "@side", "@cond") and, outside
    conditions, its subject, voice, modal and negation ("&subj:you", "&passive" ...)."""
    t = verb
    in_condition = False
    for _ in range(6):
        if t.i in conditional:
            in_condition = True
            break
        if t.head.i == t.i:
            break
        t = t.head
    if in_condition:
        return ["@cond"]
    out = ["@main" if verb.dep_ in ("ROOT", "conj") else "@side",
           f"&subj:{_subject_kind(sentence, verb)}"]
    if sentence.passive(verb):
        out.append("&passive")
        if sentence.agent(verb) is None:
            out.append("&agentless")
    modals = sentence.modals(verb) or ({"must"} if sentence.must(verb) else set())
    out.extend(f"&modal:{_MODAL_GROUPS.get(m, 'other')}" for m in modals)
    if sentence.negated(verb):
        out.append("&neg")
    return out


def features(text: str, found: dict[str, list[tuple[int, int]]],
             sentence: _Sentence | None, finite: bool | None = None) -> dict[str, float]:
    """The features of one sentence: cue classes, and when parsed, roles, voice and events."""
    f: dict[str, float] = {"bias": 1.0}
    lower = text.lower()
    words = re.findall(r"[a-z]+", lower)
    for name in found:
        f[f"cue:{name}"] = 1.0
    f["n_cues"] = min(len(found), 5) / 5
    if any(w in _YOU for w in words):
        f["you"] = 1.0
    if any(w in _WE for w in words):
        f["we"] = 1.0
    if words and words[0] in ("if", "unless"):
        f["starts_if"] = 1.0
    if text.rstrip()[-1:] not in (".", "!", "?"):
        f["unended"] = 1.0
    f["long"] = min(len(words), 40) / 40
    if sentence is None:
        return f
    doc = sentence.doc
    if finite is None:
        finite = sentence.finite()
    f["parsed"] = 1.0
    root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
    kind = _subject_kind(sentence, root)
    f[f"root_subj:{kind}"] = 1.0
    passive = sentence.passive(root)
    if passive:
        f["root_passive"] = 1.0
        if sentence.agent(root) is None:
            f["root_agentless"] = 1.0
    mods = sentence.modals(root)
    for m in mods:
        f[f"root_modal:{m}"] = 1.0
    if sentence.negated(root):
        f["root_neg"] = 1.0
    if sentence.imperative(root):
        f["imperative"] = 1.0
    if sentence.past(root):
        f["past"] = 1.0
    if not finite:
        f["fragment"] = 1.0
    keep = {"must", "not", "will", "can", "may", "you", "your", "we", "our", "should"}
    previous = ""
    for t in doc:  # one pass over the words
        dep = t.dep_
        low = t.lower_
        if dep == "neg":
            f["any_neg"] = 1.0
        elif dep == "mark" and low in _CONDITIONS:
            f["condition"] = 1.0
        elif dep in ("dobj", "dative", "pobj", "iobj"):
            if low in _YOU or sentence.is_people(t):
                f["people_object"] = 1.0
        elif dep in ("nsubj", "nsubjpass"):
            if low in _YOU:
                f["you_subject"] = 1.0
            elif sentence.is_people(t):
                f["people_subject"] = 1.0
            elif dep == "nsubj" and (low in _WE or sentence.is_institution(t)):
                f["council_subject"] = 1.0
        elif dep == "poss" and low in ("your", "their"):
            f["possessive"] = 1.0
        # Common words only: no names of councils, places or schemes.
        if LEXICAL and t.is_alpha and t.pos_ != "PROPN":
            lemma = t.lemma_.lower()
            if not t.is_stop or low in keep:
                f[f"w:{lemma}"] = 1.0
            if BIGRAMS and previous:
                f[f"b:{previous}_{lemma}"] = 1.0
            previous = lemma
        else:
            previous = ""
    # Where the cues sit: on the main clause, in a condition, under a passive, by whom. What
    # a verb says is worked out once, however many cue words hang on it.
    conditional = {t.head.i for t in doc if t.dep_ == "mark" and t.lower_ in _CONDITIONS}
    verbs: dict[int, list[str]] = {}
    for name, toks in _cue_tokens(doc, found).items():
        for tok in toks:
            verb = _main_verb(tok)
            traits = verbs.get(verb.i)
            if traits is None:
                traits = verbs[verb.i] = _verb_traits(sentence, verb, conditional)
            for trait in traits:
                f[f"{name}{trait}"] = 1.0
    if LEXICAL:
        f[f"root:{root.lemma_.lower()}"] = 1.0
    for guard in _guards(sentence, root):
        f[guard] = 1.0
    # The older rules over the parse, as evidence.
    for event in sentence.events:
        f[f"event:{event.label}"] = 1.0
        f[f"event:{event.label}:{event.shape}"] = 1.0
        if event.depth == 0:
            f[f"event0:{event.label}"] = 1.0
    return f


# -- the model --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Model:
    """Weights of a multinomial logistic regression, and for each sensitivity a threshold per
    flagged label."""

    labels: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per label
    bias: tuple[float, ...]
    thresholds: dict[str, dict[str, float]]  # sensitivity -> flagged label -> threshold
    path: str = ""

    def cutoffs(self, to: str = DEFAULT_SENSITIVITY, for_: str = DEFAULT_SENSITIVITY
                ) -> dict[str, float]:
        """The thresholds of ``to`` and ``for`` at the sensitivity chosen for each."""
        return {"to": self.thresholds[to]["to"], "for": self.thresholds[for_]["for"]}

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        scores = list(self.bias)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is None:
                continue
            for k in range(len(scores)):
                scores[k] += w[k] * value
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {lab: e / total for lab, e in zip(self.labels, exp, strict=True)}

    def decide(self, probs: dict[str, float], cutoffs: dict[str, float] | None = None,
               feats: dict[str, float] | None = None) -> str:
        """The label: ``to`` or ``for`` when it is the most likely, reaches its threshold
        (``cutoffs``, by default the precise ones) and no guard among ``feats`` rules it out;
        otherwise the more likely of the others."""
        cutoffs = cutoffs or self.thresholds[DEFAULT_SENSITIVITY]
        best = max(self.labels, key=lambda lab: probs[lab])
        guarded = feats is not None and any(
            best in labels for guard, labels in GUARDS.items() if guard in feats)
        if best in cutoffs and (probs[best] < cutoffs[best] or guarded):
            rest = [lab for lab in self.labels if lab not in cutoffs]
            best = max(rest, key=lambda lab: probs[lab])
        return best

    def label(self, feats: dict[str, float], cutoffs: dict[str, float] | None = None) -> str:
        return self.decide(self.probabilities(feats), cutoffs, feats)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "labels": list(self.labels),
            "bias": [round(b, 6) for b in self.bias],
            "thresholds": self.thresholds,
            "weights": {k: [round(x, 6) for x in v] for k, v in sorted(self.weights.items())},
        }


def model_from_json(data: Any, origin: str) -> Model:
    """A model from its JSON data; `ModelError` naming ``origin`` when anything is off."""
    def bad(why: str) -> ModelError:
        return ModelError(f"{origin}: damaged framing model ({why}); reinstall plainlint or "
                          "retrain with scripts/train_framing.py")

    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise bad(f"expected a JSON object with format {MODEL_FORMAT}")
    labels = data.get("labels")
    if not isinstance(labels, list) or sorted(labels) != sorted(("to", "for", "together",
                                                                  "neutral")):
        raise bad("labels must be to, for, together and neutral")
    n = len(labels)

    def numbers(value: Any, what: str) -> tuple[float, ...]:
        if not isinstance(value, list) or len(value) != n or not all(
            isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
            for x in value
        ):
            raise bad(f"{what} must be {n} numbers")
        return tuple(float(x) for x in value)

    bias = numbers(data.get("bias"), "bias")
    weights_data = data.get("weights")
    if not isinstance(weights_data, dict) or not weights_data:
        raise bad("no weights")
    weights = {str(k): numbers(v, f"weights of {k!r}") for k, v in weights_data.items()}
    thresholds = data.get("thresholds")
    if not isinstance(thresholds, dict) or set(thresholds) != set(SENSITIVITIES):
        raise bad(f"thresholds must be given for each sensitivity: {', '.join(SENSITIVITIES)}")
    for name, cut in thresholds.items():
        if not isinstance(cut, dict) or set(cut) != {"to", "for"} or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1
            for v in cut.values()
        ):
            raise bad(f"thresholds of {name!r} must give to and for a number from 0 to 1")
    return Model(tuple(labels), weights, bias,
                 {name: {k: float(v) for k, v in cut.items()}
                  for name, cut in thresholds.items()}, origin)


def load_model(path: Path) -> Model:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelError(f"{path}: the framing model file is missing; reinstall plainlint "
                         "or retrain with scripts/train_framing.py") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot read the framing model: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ModelError(f"{path}: damaged framing model (not JSON: {exc}); reinstall "
                         "plainlint or retrain with scripts/train_framing.py") from None
    return model_from_json(data, str(path))


def model_path() -> Path:
    from plainlint.resources import rules_dir

    return rules_dir() / "framing" / "model.json"


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (``rules/framing/model.json``), loaded once."""
    return load_model(model_path())


def sentence_of(doc: Doc, lex: Lexicon) -> _Sentence:
    """The parse with the older rules run over it (their events are features)."""
    from plainlint.kinds.framing import _Sentence

    s = _Sentence(doc, lex)
    s.classify()
    return s
