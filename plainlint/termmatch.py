"""Finding glossary terms in block text: one compiled trie-shaped regex for all terms.

The text is first turned into a *view* of the same length: white space becomes a plain space,
hyphen-like characters become ``-``, curly apostrophes become ``'``, and letters are lower-cased.
Because the view has the same length as the text, a match's offsets in the view are its offsets
in the block text; nothing is searched for twice.

Each term is compiled so that a space matches any run of white space (line breaks included) or a
hyphen, and a hyphen matches a hyphen, white space, or nothing: ``co-production`` finds
``co production`` and ``coproduction``. Matches are whole words: a term never starts after a
letter, digit or hyphen, and never ends before a letter or digit.

A match is then dropped when it is quoted as a word being talked about ("the word
'stakeholder'", see `_mentioned`), when it is part of a proper name written in capitals, or when
the entry's context (the words around it, see `_context_holds`) says it is not the jargon sense.
Other quoted text is checked like the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from plainlint.document import MASK
from plainlint.glossary import Entry, term_key

_WS = (
    " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_HYPHENS = "\u2010\u2011\u00ad\u2012"
_TRANSLATE = str.maketrans(
    {**{c: " " for c in _WS}, **{c: "-" for c in _HYPHENS}, "\u2019": "'", "\u2018": "'"}
)

_SPACE, _HYPHEN, _MIXED = "\x01", "\x02", "\x03"  # trie units for separators
_SEPARATORS = (_SPACE, _HYPHEN, _MIXED)
# A space, a hyphen, and a run of both (" - ", written in a term as a spaced hyphen).
_UNIT_REGEX = {_SPACE: r"(?: +|-)", _HYPHEN: r"(?:-| *)", _MIXED: r"(?: *- *| +)"}

_CONNECTORS = {"and", "of", "for", "&", "the", "in", "on", "to", "de"}
_SENTENCE_START_CONNECTORS = {"and", "&"}
_QUOTES_OPEN = "\"'\u201c\u2018"
_QUOTES_CLOSE = "\"'\u201d\u2019"
_WORD = re.compile(r"[\w'\u2019-]+")


def view(text: str, keep_case: bool = False) -> str:
    """The same-length matching view of ``text`` (see module docs)."""
    out = text.translate(_TRANSLATE)
    if keep_case:
        return out
    lowered = out.lower()
    if len(lowered) == len(out):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


def _units(surface: str) -> list[str]:
    """The trie units of a surface form: its characters, with each run of spaces and hyphens
    as one separator.

    One separator per run matters for more than tidiness: each separator's pattern can match
    white space or nothing, so a run of them ("co--------x" in a team's glossary) would let
    the regex split the same spaces between them in exponentially many ways, and a line of
    spaces would take it hours to give up on.
    """
    units: list[str] = []
    for ch in surface.translate(_TRANSLATE):
        if ch not in " -":
            units.append(ch)
            continue
        unit = _SPACE if ch == " " else _HYPHEN
        if units and units[-1] in _SEPARATORS:
            units[-1] = units[-1] if units[-1] == unit else _MIXED
        else:
            units.append(unit)
    return units


class _Trie:
    __slots__ = ("children", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.end = False

    def add(self, units: list[str]) -> None:
        node = self
        for u in units:
            node = node.children.setdefault(u, _Trie())
        node.end = True

    def pattern(self) -> str:
        if not self.children:
            return ""
        # Longer alternatives first so the longest term wins at each position.
        alts = []
        for unit in sorted(self.children, key=lambda u: (u in _SEPARATORS, u)):
            child = self.children[unit]
            piece = _UNIT_REGEX.get(unit) or re.escape(unit)
            alts.append(piece + child.pattern())
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if self.end:
            return "(?:" + body + ")?"
        return body


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    entry: Entry
    form: str
    needs_pos: bool  # the entry's context has a part-of-speech condition still to check


class TermMatcher:
    """All entries of a rule compiled into one regex (two: case-folded and case-sensitive)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_key: dict[str, list[tuple[Entry, str]]] = {}
        folded, exact = _Trie(), _Trie()
        has_folded = has_exact = False
        for entry in entries:
            for surface, form in entry.surfaces():
                key = term_key(surface)
                if not key:
                    continue
                self.by_key.setdefault(key, []).append((entry, form))
                if entry.case_sensitive:
                    exact.add(_units(surface))
                    has_exact = True
                else:
                    folded.add(_units(surface.lower()))
                    has_folded = True
        self._folded = _compile(folded) if has_folded else None
        self._exact = _compile(exact) if has_exact else None

    def find(self, text: str) -> Iterator[TermMatch]:
        """Every term in ``text`` whose word-list context holds, in order of position."""
        matches: list[TermMatch] = []
        for regex, keep_case in ((self._folded, False), (self._exact, True)):
            if regex is None:
                continue
            v = view(text, keep_case)
            pos = 0
            while True:
                m = regex.search(v, pos)
                if m is None:
                    break
                if _mentioned(text, m.start(), m.end()):
                    pos = m.end()  # the word talked about as a word: "the word 'stakeholder'"
                    continue
                found = self._resolve(text, v, m.start(), m.end(), keep_case)
                if found is not None:
                    matches.append(found)
                    pos = m.end()
                else:
                    # The longest term here did not hold in context: a shorter one starting
                    # later inside it still may ("be advised" fails, "advised" holds).
                    pos = m.start() + 1
        matches.sort(key=lambda t: (t.start, -t.end))
        last_end = -1
        for t in matches:
            if t.start >= last_end:
                yield t
                last_end = t.end

    def _resolve(
        self, text: str, v: str, start: int, end: int, keep_case: bool
    ) -> TermMatch | None:
        candidates = self.by_key.get(term_key(v[start:end]), [])
        if not candidates:
            return None
        for entry, form in candidates:
            if entry.case_sensitive != keep_case:
                continue
            if not entry.case_sensitive and _proper_name(text, start, end):
                return None
            if not _context_holds(entry, v, start, end):
                continue
            return TermMatch(start, end, entry, form, bool(entry.context.pos))
        return None


def _compile(trie: _Trie) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + "(?:" + trie.pattern() + r")(?!\w)")


# Little words that mark the edge of a phrase. English phrases start with them, so going on from
# a match one of them opens the next phrase ("deliver the leaflets | to homes"), and going back
# from a match one of them is the first word of the match's own phrase ("will badly | impact").
_PHRASE_EDGES = frozenset({
    "to", "for", "in", "on", "at", "by", "with", "from", "into", "onto", "upon", "about",
    "against", "and", "or", "but", "nor", "than", "as", "if", "when", "while", "whilst", "that",
    "which", "who", "whom", "whose", "where", "because", "so", "is", "are", "was", "were", "be",
    "been", "being", "will", "would", "can", "could", "should", "may", "might", "must", "shall",
    "has", "have", "had", "do", "does", "did",
})
_CTX_TOKEN = re.compile(r"[£$€]?[\w'-]+(?:[.,]\d[\w'-]*)*%?")
_CTX_TOKEN_END = re.compile(r"[£$€]?[\w'-]+(?:[.,]\d[\w'-]*)*%?$")
_CTX_WINDOW = 120


def _context_words(v: str, start: int, end: int, before: bool, limit: int) -> list[str]:
    """Up to ``limit`` words next to the match, nearest first, joined to it by spaces only.

    With ``before=False`` these are the words after the match, otherwise the words before it
    (the previous word first). Punctuation ends the list: a word that touches punctuation on
    the side away from the match is the last one.
    """
    words: list[str] = []
    if before:
        window = v[max(0, start - _CTX_WINDOW) : start]
        if window and not window.endswith(" "):
            return words  # punctuation or markup right before the match
        chunks = window.split(" ")
        if start > _CTX_WINDOW and chunks:
            chunks = chunks[1:]  # the first chunk may be cut off
        for chunk in reversed(chunks):
            if not chunk:
                continue
            m = _CTX_TOKEN_END.search(chunk)
            if m is None:
                break
            words.append(m.group().strip("'-"))
            if m.start() > 0 or len(words) >= limit:
                break
    else:
        window = v[end : end + _CTX_WINDOW]
        if window and not window.startswith(" "):
            return words
        chunks = window.split(" ")
        if len(v) > end + _CTX_WINDOW and chunks:
            chunks = chunks[:-1]
        for chunk in chunks:
            if not chunk:
                continue
            m = _CTX_TOKEN.match(chunk)
            if m is None:
                break
            words.append(m.group().strip("'-"))
            if m.end() < len(chunk) or len(words) >= limit:
                break
    return words


def _same(word: str, item: str) -> bool:
    if item == "*":  # any word that is not a little phrase-edge word ("the key is" is not one)
        return word not in _PHRASE_EDGES and word[:1].isalpha()
    return word.startswith(item[:-1]) if item.endswith("*") else word == item


def _words_match(words: list[str], items: tuple[str, ...], reach: int, forward: bool) -> bool:
    """True when one of ``items`` stands in ``words`` (nearest first, see `_context_words`).

    A one-word item matches the nearest word, or with ``reach`` above 1 any of the nearest
    ``reach`` words within the match's phrase: going on (``forward``), the scan stops before a
    phrase-edge word other than the first; going back, it stops after one. An item of several
    words is a phrase that must stand right next to the match, in reading order; ``words`` are
    already in reading order going on, and ``items`` have been turned round going back.
    """
    for item in items:
        parts = item.split(" ")
        if len(parts) > 1:
            if len(words) >= len(parts) and all(map(_same, words, parts)):
                return True
            continue
        for i, word in enumerate(words[:reach]):
            edge = word in _PHRASE_EDGES
            if forward and i and edge:
                break
            if _same(word, item):
                return True
            if edge and not forward:
                break
    return False


@cache
def _reading_back(items: tuple[str, ...]) -> tuple[str, ...]:
    """Phrases written in reading order, turned round to compare with the words before a match."""
    return tuple(" ".join(reversed(item.split(" "))) for item in items)


def _longest(items: tuple[str, ...]) -> int:
    return max((item.count(" ") + 1 for item in items), default=1)


def _context_holds(entry: Entry, v: str, start: int, end: int) -> bool:
    c = entry.context
    if c.empty:
        return True
    if c.before or c.not_before:
        limit = max(c.reach, _longest(c.before), _longest(c.not_before))
        nxt = _context_words(v, start, end, before=False, limit=limit)
        if c.before and not _words_match(nxt, c.before, c.reach, True):
            return False
        if c.not_before and _words_match(nxt, c.not_before, c.reach, True):
            return False
    if c.after or c.not_after:
        limit = max(c.reach, _longest(c.after), _longest(c.not_after))
        prev = _context_words(v, start, end, before=True, limit=limit)
        if c.after and not _words_match(prev, _reading_back(c.after), c.reach, False):
            return False
        if c.not_after and _words_match(prev, _reading_back(c.not_after), c.reach, False):
            return False
    return True


def _capitalised(word: str) -> bool:
    """Starts with a capital, and is not "I" or an article ("A HOSTEL" is not a name)."""
    return bool(word) and word[0].isupper() and word not in ("I", "A", "An", "AN")


_NAME_GAP = re.compile(r"[ \t\n\u00a0&-]*")


def _proper_name(text: str, start: int, end: int) -> bool:
    """True when the match is part of a name written in capitals (Health and Wellbeing Board).

    The match's own words must all start with a capital, and a capitalised word must stand next
    to it (joined only by spaces or little words such as 'and' or 'of'), other than a word that
    only has a capital because it starts the sentence. When the match itself starts the
    sentence, its capital proves nothing, and a little word after it is usually a preposition
    leading to some other name, so only 'and' may join it to the next capitalised word:
    "Safeguarding Adults Board" and "Commissioning and Procurement Team" are names,
    "Subsequent to Cabinet's decision" is not.
    """
    words = text[start:end].split()
    if not words or not all(
        _capitalised(w) or (0 < i < len(words) - 1 and w.lower() in _CONNECTORS)
        for i, w in enumerate(words)
    ):
        return False  # "Overview and Scrutiny" is capitalised as a name; "overview and X" not
    opens_sentence = _sentence_initial(text, start)
    cursor = end
    for m in _WORD.finditer(text, end, min(len(text), end + 80)):
        if not _NAME_GAP.fullmatch(text, cursor, m.start()):
            break
        w = m.group()
        if _capitalised(w):
            return True
        if w.lower() not in (_SENTENCE_START_CONNECTORS if opens_sentence else _CONNECTORS):
            break
        cursor = m.end()
    cursor = start
    for m in reversed(list(_WORD.finditer(text, max(0, start - 80), start))):
        if not _NAME_GAP.fullmatch(text, m.end(), cursor):
            break
        w = m.group()
        if _capitalised(w):
            return not _sentence_initial(text, m.start())
        if w.lower() not in _CONNECTORS:
            break
        cursor = m.start()
    return False


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 40) : pos].rstrip()
    return not before or before[-1] in ".!?:" + MASK or before.endswith(("\u2022", "-"))


def _quoted(text: str, start: int, end: int) -> bool:
    """True when the match is the whole of a quotation ('stakeholder', "co-production")."""
    return (
        start > 0
        and end < len(text)
        and text[start - 1] in _QUOTES_OPEN
        and text[end] in _QUOTES_CLOSE
    )


# Words that show a quoted term is talked about as a word, not used: the word 'stakeholder',
# what we mean by "co-production", the term 'service user'.
# Earlier quoted items of the same list ("words like 'holistic' and 'going forward'").
_EARLIER_QUOTED_ITEMS = re.compile(
    "(?:[\"'\u201c\u2018][^\"'\u201d\u2019]{1,40}[\"'\u201d\u2019]\\s*(?:,\\s*)?(?:and|or)?\\s*)+$"
)
_MENTION_CUE_STRONG = re.compile(
    r"\b(?:word|words|term|terms|phrase|phrases|expression|expressions|label|labels|jargon|"
    r"words like|terms like|phrases like|words such as|terms such as|"
    r"mean by|means by|meant by|meaning of|definition of|so-called|called|known as|"
    r"say|saying|said|use of|using|write|writing)\s*$",
    re.IGNORECASE,
)


_MENTION_AFTER = re.compile(
    r"\s*(?:is|are|was|were)\s+(?:not\s+)?(?:a\s+|an\s+|one\s+of\s+)?(?:the\s+)?"
    r"(?:word|words|term|terms|phrase|jargon|on\s+(?:our|the)\s+list)\b",
    re.IGNORECASE,
)


def _mentioned(text: str, start: int, end: int) -> bool:
    """True when the match is a quotation of its own that talks about the word as a word.

    Quoted text is otherwise checked like any other (a council quoting its own plan is still
    writing jargon); only a mention of the word ("the word 'stakeholder'", "what we mean by
    'co-production'", "the term 'service users'") is left alone.
    """
    if not _quoted(text, start, end):
        return False
    before = _EARLIER_QUOTED_ITEMS.sub("", text[max(0, start - 121) : start - 1])
    after = text[end + 1 : end + 41]
    return bool(_MENTION_CUE_STRONG.search(before) or _MENTION_AFTER.match(after))


_DOUBLE_OPEN, _DOUBLE_CLOSE, _SINGLE_OPEN, _SINGLE_CLOSE = "\u201c", "\u201d", "\u2018", "\u2019"
_BEFORE_OPENING = " \t\n\r\u00a0([{/\u2013\u2014-" + MASK
_LONGEST_SINGLE_QUOTE = 400  # a single quotation mark is also an apostrophe: keep pairs near


def _opens(text: str, i: int) -> bool:
    """A straight or single quotation mark at ``i`` is placed like an opening one."""
    before_ok = i == 0 or text[i - 1] in _BEFORE_OPENING
    return before_ok and i + 1 < len(text) and not text[i + 1].isspace()


def _closes(text: str, i: int) -> bool:
    """A straight or single quotation mark at ``i`` is placed like a closing one (or is the
    apostrophe of a plural possessive, which looks the same)."""
    after_ok = i + 1 == len(text) or not text[i + 1].isalnum()
    return after_ok and i > 0 and not text[i - 1].isspace()


def quotations(text: str) -> list[tuple[int, int]]:
    """The spans inside paired quotation marks in ``text`` (one block), without the marks.

    Double marks pair up left to right: a curly opening mark with the next curly closing mark,
    and a straight mark that opens (after a space or bracket) with the next straight or closing
    mark. Single marks double as apostrophes, so a single opening mark must follow a space or
    bracket and come before a letter, and it pairs with the next single mark placed like a
    closing one, at most a few hundred characters on. An unpaired mark quotes nothing.
    """
    spans: list[tuple[int, int]] = []
    double_open: int | None = None
    single_open: int | None = None
    for i, ch in enumerate(text):
        if ch == _DOUBLE_OPEN:
            double_open = i
        elif ch == _DOUBLE_CLOSE or (ch == '"' and double_open is not None):
            if double_open is not None:
                spans.append((double_open + 1, i))
                double_open = None
        elif ch == '"':
            if _opens(text, i):
                double_open = i
        elif ch in (_SINGLE_CLOSE, "'") and single_open is not None and _closes(text, i):
            spans.append((single_open + 1, i))
            single_open = None
        elif ch in (_SINGLE_OPEN, "'") and _opens(text, i) and text[i + 1].isalnum():
            single_open = i
        if single_open is not None and i - single_open > _LONGEST_SINGLE_QUOTE:
            single_open = None
    return spans


# -- is the term explained where it is used? -----------------------------------------------------

# Right after the term: "reablement (short-term help ...)", "reablement, which means ...",
# "A liability order is a court order ...", "reablement - short-term help", "reablement: help".
_EXPLAINED_AFTER = re.compile(
    r"\s*(?:"
    r"\(|[\u2013\u2014]|\s-\s|,?\s*(?:which|that|this)\s+means\b|"
    r"\s+(?:means|refers\s+to|describes|covers)\b|,\s*(?:or|also\s+called|also\s+known\s+as|"
    r"known\s+as|called|meaning)\b"
    r")",
    re.IGNORECASE,
)
# Right before the term: "short-term help at home (known as reablement)", "a court order called
# a liability order", "what we call co-production".
_EXPLAINED_BEFORE = re.compile(
    r"(?:\b(?:called|known\s+as|also\s+known\s+as|named|termed|what\s+we\s+call|"
    r"referred\s+to\s+as|what\s+is|what\s+are|what's)\s+(?:(?:a|an|the)\s+)?"
    r"[\"'\u201c\u2018]?"
    r")$",
    re.IGNORECASE,
)
# "A liability order is a court order ...": a definition, for terms that are names of things.
_DEFINED_AS = re.compile(
    r",?\s*(?:which|that|this)?\s*(?:is|are|was|were)\s+(?:a|an|the|when|where|how|what|money|"
    r"help)\b",
    re.IGNORECASE,
)
# The next sentence defines it: "This means ...", "It is a ...", "In other words, ...".
_DEFINES_NEXT = re.compile(
    r"\s*(?:this|that|it|these|they|which)\s+(?:means|is\s+(?:a|an|the|when|where|how|what|money|"
    r"help)|are\s+(?:a|an|the|people|places|homes|when|where))\b|\s*in\s+other\s+words\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_SAME_SENTENCE_CUE = re.compile(
    r"\b(?:this|which|that)\s+means\b|\bmeaning\b|\bin\s+other\s+words\b", re.IGNORECASE
)


def explained_at(
    text: str, start: int, end: int, links: Iterable[tuple[int, int]] = (), *, strict: bool = False
) -> bool:
    """True when the text explains the term it uses at ``text[start:end]``, there and then.

    The explanation may be in brackets after the term, or the term in brackets after its
    explanation ("short-term help at home (known as reablement)"); the term may be followed by
    "which means", "is a", "means" or a dash; it may follow "called" or "known as"; the
    same sentence may say "this means" after it; the next sentence may begin "This means" or "It
    is a"; or the term may be the text of a link, which takes the reader to an explanation.

    ``strict`` (for jargon, whose words are not names of things) keeps only the explanations in
    the same sentence that say so (brackets, "which means", "known as", a dash): "Co-production
    is a key part of our plan" uses the word, it does not define it, and a link on a jargon word
    does not explain it.
    """
    if strict:
        links = ()
    for a, b in links:
        if a <= start and end <= b and (b - a) - (end - start) <= 4:
            return True
    if _EXPLAINED_AFTER.match(text, end):
        return True
    if not strict and _DEFINED_AS.match(text, end):
        return True
    closer = end
    if end < len(text) and text[end] == ")":
        closer = end + 1  # "help at home (reablement)": the term names what came before it
        if text.rfind("(", max(0, start - 3), start) != -1:
            return True
    if _EXPLAINED_BEFORE.search(text, max(0, start - 40), start):
        return True
    stop = _SENTENCE_END.search(text, closer)
    sentence_end = stop.start() if stop else len(text)
    if _SAME_SENTENCE_CUE.search(text, end, sentence_end):
        return True
    return bool(not strict and stop is not None and _DEFINES_NEXT.match(text, stop.end()))
