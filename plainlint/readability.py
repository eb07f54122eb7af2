"""Readability: the prose of a document as sentences, and the measures council teams use.

The prose is what a reader reads: headings, paragraphs, list items, table cells and quotes,
never markup, code or URLs (adapters replace inline code and URLs with `MASK`, which is not a
word). Every heading, list item and table cell is a sentence of its own, so a list without full
stops never becomes one long sentence; one without a full stop is counted as if it had one.
Cells and lines with no letters at all (prices, dates, reference numbers in a table) are data,
not prose, and are left out.

Each sentence is counted once (`plainlint.syllables.count`, which counts words and syllables
exactly as textstat does), and every measure of the document, of each section and of each
sentence is worked out from those counts with textstat's formulas. The sentence count is
plainlint's own: boundaries come from `plainlint.nlp` (right around "e.g.", "Mr.", "No. 5",
"£1.50", "10 a.m."), where textstat guesses from full stops and drops sentences of one or two
words.

The formulas (textstat 0.7.13, language ``en_US``), with W words, S sentences, Y syllables:

- Flesch Reading Ease = 206.835 - 1.015 W/S - 84.6 Y/W
- Flesch-Kincaid grade = 0.39 W/S + 11.8 Y/W - 15.59; UK reading age = grade + 5
- SMOG = 1.043 sqrt(30 P/S) + 3.1291, P = words of 3 or more syllables
- Gunning Fog = 0.4 (W/S + 100 H/W), H = words of 3 or more syllables not on the Dale-Chall list
- Coleman-Liau = 0.058 (100 L/W) - 0.296 (100 S/W) - 15.8, L = letters and digits
- ARI = 4.71 C/T + 0.5 W/S - 21.43, C = characters other than spaces, T = space-separated pieces
- Dale-Chall = 0.1579 (100 D/W) + 0.0496 W/S, plus 3.6365 when 100 D/W > 5, D = words not on
  the Dale-Chall list
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plainlint.document import MASK, BlockKind
from plainlint.syllables import Counts, count

if TYPE_CHECKING:
    from plainlint.engine import Context
    from plainlint.passive import Passive

#: Blocks whose text is prose a reader reads. Alt text and page titles are not.
PROSE = frozenset({
    BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL,
    BlockKind.BLOCK_QUOTE,
})
#: Block kinds that are sentences of their own even without a full stop.
_ENDS = (".", "!", "?", "\u2026")
_CLOSING = "\"')]\u201d\u2019\u00bb"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})

# Defaults, also used when a rule's options are not at hand. Sources in docs/readability.md.
TARGET_READING_AGE = 11.0
TARGET_FLESCH = 60.0
TARGET_PASSIVE_SHARE = 0.04
TARGET_LONG_SHARE = 0.05
LONG_SENTENCE_WORDS = 25
MIN_WORDS = 100
#: A word is common from this Zipf frequency (wordfreq's scale: 3 is once per million words,
#: 6 once per thousand). "residents" (4.6), "services" (5.3), "period" (5.2) are common;
#: "eligibility" (3.8), "accommodation" (4.1), "implementation" (4.3) are not.
COMMON_ZIPF = 4.5

_AMERICAN = ((re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
             (re.compile(r"our(s|hood|hoods|able|ed|ing)?$"), r"or\1"),
             (re.compile(r"tre(s)?$"), r"ter\1"), (re.compile(r"ogramme(s)?$"), r"ogram\1"),
             (re.compile(r"yse(s|d)?$"), r"yze\1"), (re.compile(r"ence$"), r"ense"))


@functools.lru_cache(maxsize=8192)
def zipf(word: str) -> float:
    """How common an English word is, on wordfreq's Zipf scale (0 to about 8). British
    spellings count as often as their American ones ("organisation", "neighbourhood"), since
    wordfreq's English is mostly American. wordfreq ships its word lists and reads them on
    first use; it is imported only here, so runs that never ask do not pay for it."""
    from plainlint import prefetch

    looked_up = prefetch.known(word)  # by a copy of this process, while this one loaded spaCy
    if looked_up is not None:
        return looked_up
    import wordfreq  # about 0.2 s to import and 0.2 s to load: only when asked

    w = word.lower().replace("\u2019", "'")
    best = wordfreq.zipf_frequency(w, "en")
    for pattern, repl in _AMERICAN:
        us = pattern.sub(repl, w)
        if us != w:
            best = max(best, wordfreq.zipf_frequency(us, "en"))
    return best


def uncommon(word: str, threshold: float = COMMON_ZIPF) -> bool:
    return zipf(word) < threshold


def prose(text: str) -> str:
    """A sentence as the formulas read it: masked code and URLs dropped, white space made
    single spaces, curly apostrophes made straight (so "don’t" is found in the dictionary), and
    a full stop added to a heading, list item or cell that has none."""
    text = " ".join(text.replace(MASK, " ").split()).translate(_APOSTROPHES)
    if text and not text.rstrip(_CLOSING).endswith(_ENDS):
        text += "."
    return text


@dataclass(frozen=True)
class Sentence:
    """One sentence of prose. ``start``/``end`` are offsets in its block's text."""

    index: int
    block: int
    start: int
    end: int
    section: int
    prose: str
    counts: Counts

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.block, self.start, self.end)

    @property
    def words(self) -> int:
        return self.counts.words


@dataclass(frozen=True)
class Scores:
    """The readability formulas for a stretch of text, unrounded, exactly as textstat gives
    them for the same words and the same number of sentences."""

    words: int
    sentences: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    smog: float
    gunning_fog: float
    coleman_liau: float
    ari: float
    dale_chall: float

    @property
    def reading_age(self) -> float:
        """The UK reading age: the Flesch-Kincaid (US school) grade plus 5."""
        return self.flesch_kincaid_grade + 5

    @property
    def avg_sentence_words(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def scores(c: Counts, sentences: int) -> Scores:
    """Every formula from counts, with textstat's handling of empty text (a score of 0)."""
    w, s = c.words, sentences
    wps = w / s if s else 0.0
    spw = c.syllables / w if w else 0.0
    fre = fkg = 0.0
    if wps and spw:
        fre = 206.835 - 1.015 * wps - 84.6 * spw
        fkg = 0.39 * wps + 11.8 * spw - 15.59
    smog = 1.043 * math.sqrt(30 * c.polysyllables / s) + 3.1291 if s else 0.0
    fog = 0.4 * (wps + 100 * c.hard_words / w) if w else 0.0
    letters100 = 100 * c.letters / w if w else 0.0
    sentences100 = 100 * s / w if w else 0.0
    cli = 0.058 * letters100 - 0.296 * sentences100 - 15.8 if letters100 and sentences100 else 0.0
    cpw = c.characters / c.tokens if c.tokens else 0.0
    ari = 4.71 * cpw + 0.5 * wps - 21.43 if cpw and wps else 0.0
    dale = 0.0
    if w:
        pct = 100 * c.unfamiliar / w
        dale = 0.1579 * pct + 0.0496 * wps + (3.6365 if pct > 5 else 0.0)
    return Scores(w, s, fre, fkg, smog, fog, cli, ari, dale)


def grades(sc: Scores) -> dict[str, float]:
    """The four formulas that give a US school grade, for agreement between formulas."""
    return {
        "Flesch-Kincaid": sc.flesch_kincaid_grade,
        "ARI": sc.ari,
        "Coleman-Liau": sc.coleman_liau,
        "Gunning Fog": sc.gunning_fog,
    }


def total(sentences: list[Sentence]) -> Counts:
    return Counts.total(s.counts for s in sentences)


@dataclass
class Analysis:
    """The prose sentences of one document and what is known about them, computed once per
    check and shared by the readability rules and the readability metric."""

    ctx: Context
    sentences: list[Sentence] = field(default_factory=list)
    _passives: dict[int, list[Passive]] | None = None
    _sentence_scores: dict[int, Scores] = field(default_factory=dict)
    _by_section: dict[int, list[Sentence]] | None = None
    _by_block: dict[int, list[Sentence]] | None = None

    def in_section(self, section: int) -> list[Sentence]:
        if self._by_section is None:
            self._by_section = {}
            for s in self.sentences:
                self._by_section.setdefault(s.section, []).append(s)
        return self._by_section.get(section, [])

    def in_block(self, block: int) -> list[Sentence]:
        if self._by_block is None:
            self._by_block = {}
            for s in self.sentences:
                self._by_block.setdefault(s.block, []).append(s)
        return self._by_block.get(block, [])

    def sentence_scores(self, s: Sentence) -> Scores:
        sc = self._sentence_scores.get(s.index)
        if sc is None:
            sc = scores(s.counts, 1)
            self._sentence_scores[s.index] = sc
        return sc

    def passives(self) -> dict[int, list[Passive]]:
        """Passive clauses per sentence index. Only sentences that pass the cheap lexical
        filter are parsed, in one batch shared with every other rule that parses them."""
        if self._passives is None:
            from plainlint import nlp, passive

            # A sentence's passive clauses are a function of its text: those found in an
            # earlier check (`nlp.Facts`) are the ones parsing it again would give.
            candidates = [s for s in self.sentences if passive.could_be_passive(s.prose)]
            # By text: a sentence the page repeats is parsed once.
            clauses: dict[str, list[Passive]] = {}
            todo: dict[str, Sentence] = {}
            for s in candidates:
                text = sentence_text(self.ctx, s)
                if text in clauses or text in todo:
                    continue
                got = nlp.recall(("passive", text))
                if got is nlp.MISSING:
                    todo[text] = s
                else:
                    clauses[text] = got
            docs = self.ctx.sentence_docs([s.key for s in todo.values()], "parse")
            for text, s in todo.items():
                doc = docs.get(s.key)
                clauses[text] = passive.find(doc) if doc is not None else []
                nlp.remember(("passive", text), clauses[text])
            found = {s.index: clauses[sentence_text(self.ctx, s)] for s in candidates}
            self._passives = {i: c for i, c in found.items() if c}
        return self._passives

    def scope_scores(self, sentences: list[Sentence]) -> Scores:
        return scores(total(sentences), len(sentences))

    def raising(self, sentences: list[Sentence], k: int = 3) -> list[tuple[Sentence, float]]:
        """The ``k`` sentences whose removal would lower the reading age of ``sentences`` the
        most, with how much (in years)."""
        if len(sentences) < 2:
            return []
        all_counts = total(sentences)
        n = len(sentences)
        base = scores(all_counts, n).reading_age
        deltas = []
        for s in sentences:
            rest = all_counts - s.counts
            drop = base - scores(rest, n - 1).reading_age
            if drop > 0:
                deltas.append((s, drop))
        deltas.sort(key=lambda d: (-d[1], d[0].index))
        return deltas[:k]


def analyse(ctx: Context) -> Analysis:
    """The readability analysis of the document being checked, computed on first use and kept
    on the `Context` (so it goes when the check of that document ends)."""
    found: Analysis | None = ctx.shared.get("readability")
    if found is not None:
        return found
    analysis = Analysis(ctx)
    for index, block in enumerate(ctx.document.blocks):
        if block.kind not in PROSE:
            continue
        for start, end in ctx.sentences(index):
            text = prose(block.text[start:end])
            if not any(ch.isalpha() for ch in text):
                continue  # a price, a date, a reference number: data, not prose
            c = count(text)
            if c.words == 0:
                continue
            analysis.sentences.append(
                Sentence(len(analysis.sentences), index, start, end, block.section, text, c)
            )
    ctx.shared["readability"] = analysis
    return analysis


def option(ctx: Context, rule_id: str, name: str, default: Any) -> Any:
    """A rule's option for the file being checked (from configuration and overrides)."""
    return ctx.settings.options.get(rule_id, {}).get(name, default)


def source_position(ctx: Context, block: int, start: int, end: int) -> dict[str, Any]:
    """Where a span of block text is in the source file: line, column and offsets."""
    b = ctx.document.blocks[block]
    s, e = b.source_span(start, end)
    line, column = ctx.document.source.lines.position(s)
    return {"line": line, "column": column, "offset": s, "end_offset": e}


def sentence_text(ctx: Context, s: Sentence) -> str:
    """A sentence as the writer wrote it (markup removed), for messages and reports."""
    return ctx.document.blocks[s.block].text[s.start:s.end]


def excerpt(text: str, limit: int = 80) -> str:
    """One line of text, shortened at a word boundary with an ellipsis when too long."""
    text = " ".join(text.replace(MASK, "…").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
