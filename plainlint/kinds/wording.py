"""Wording kinds: verbs hidden in nouns, abbreviations nobody spelled out, words in capitals.

They work on block text with regular expressions and word lists (kept in the rule files), so
they need no part of spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from plainlint import inflect
from plainlint.document import BlockKind
from plainlint.kinds import Kind, Option, format_message, register
from plainlint.model import Applicability, Hit, Suggestion

if TYPE_CHECKING:
    from plainlint.engine import Context
    from plainlint.rules import Rule

# -- nominalisation ------------------------------------------------------------------------------

#: Verbs that carry no meaning of their own in front of a noun that holds the action.
LIGHT_VERBS = {
    "make", "take", "give", "have", "hold", "carry", "conduct", "undertake", "provide",
    "perform", "reach", "come", "offer", "submit", "raise", "lodge", "pay", "complete",
    "render", "effect", "send",
}
_PARTICLES = {"out", "to", "into", "forward"}
_DETERMINERS = (
    r"a|an|the|any|some|this|that|these|those|our|your|their|its|his|her|my|no|further|"
    r"another|such"
)
#: Words that end the optional describing word between the determiner and the noun.
_NOT_MODIFIER = {"and", "or", "to", "of", "in", "on", "for", "with", "that", "which", "who",
                 "is", "are", "was", "were", "be", "not", "it", "you", "we", "they"}
_PERFECT = re.compile(
    r"\b(?:has|have|had|having|is|are|was|were|be|been|being|'s|'ve|'d)"
    r"(?:\s+(?:not|also|already|just|now|all|recently|previously))*\s+$",
    re.IGNORECASE,
)


class _Lazy:
    """A regular expression compiled on first use: a run whose files all come from the cache
    never compiles the rules' patterns."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled.finditer(text)


@dataclass(frozen=True)
class _Phrase:
    pattern: _Lazy
    verb: str  # the plain verb, such as "decide" or "decide on"
    inflects: bool  # the plain verb follows the form of the light verb
    forms: dict[str, str]  # light verb form (lower case) -> form name
    nouns: tuple[str, ...]  # the noun, singular and plural: a block without them is skipped
    prep: str = ""  # the optional preposition after the noun ("about" in "make a complaint about")


def _compile_phrase(phrase: str, verb: str) -> _Phrase:
    parts = phrase.lower().split()
    if parts[0] in LIGHT_VERBS:
        forms = inflect.verb_forms(parts[0])
        by_text = {}
        for name in (inflect.BASE, inflect.S, inflect.ING, inflect.EN, inflect.ED):
            by_text[forms[name]] = name
        i = 1
        particle = ""
        if i < len(parts) and parts[i] in _PARTICLES and (i + 1 < len(parts)):
            particle = r"\s+" + re.escape(parts[i])
            i += 1
        if i < len(parts) and re.fullmatch(_DETERMINERS, parts[i]):
            i += 1
        noun = parts[i]
        prep = parts[i + 1:]
        modifier = (rf"(?P<mod>\s+(?!(?:{'|'.join(sorted(_NOT_MODIFIER))})\b)"
                    rf"[a-z]+(?:-[a-z]+)?)?")
        pattern = (
            rf"\b(?P<verb>{'|'.join(sorted(map(re.escape, by_text), key=len, reverse=True))})"
            rf"{particle}(?:\s+(?:{_DETERMINERS}))?{modifier}"
            rf"\s+(?:{re.escape(noun)}|{re.escape(inflect.plural(noun))})"
        )
        if prep:
            pattern += r"(?P<prep>\s+" + r"\s+".join(map(re.escape, prep)) + ")?"
        return _Phrase(_Lazy(pattern + r"\b", re.IGNORECASE), verb, True, by_text,
                       (noun, inflect.plural(noun)), " ".join(prep))
    # A noun phrase such as "the provision of": "the" may be left out.
    words = parts[1:] if parts[0] == "the" else parts
    pattern = r"\b(?:the\s+)?" + r"\s+".join(map(re.escape, words)) + r"\b"
    return _Phrase(_Lazy(pattern, re.IGNORECASE), verb, False, {}, (words[0],))


def _classifier(word: str) -> bool:
    """A word before a noun that says what kind it is ("scrutiny review", "financial
    assessment"), not how good or how final."""
    w = word.strip().lower()
    if not w:
        return False
    return w.endswith(("cial", "ical", "ary", "ory")) or inflect.is_noun(w)


@register
class Nominalisation(Kind):
    """Verbs hidden in nouns: "make a decision" for "decide"."""

    name = "nominalisation"
    params: ClassVar[dict[str, str]] = {
        "phrases": "plain verb -> phrases that hide it in a noun (a light verb, an optional "
                   "determiner, the noun and an optional preposition), or noun phrases such "
                   "as 'the provision of'",
    }
    needs = frozenset({"text"})

    def __init__(self, rule_id: str, params: dict[str, Any]) -> None:
        super().__init__(rule_id, params)
        raw = params.get("phrases")
        if not isinstance(raw, dict) or not raw:
            raise ValueError("'phrases' must map plain verbs to lists of phrases")
        self.phrases: list[_Phrase] = []
        for verb, phrases in raw.items():
            if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                raise ValueError(f"'phrases.{verb}' must be a list of phrases")
            self.phrases.extend(_compile_phrase(p, str(verb)) for p in phrases)
        nouns = sorted({n for ph in self.phrases for n in ph.nouns}, key=len, reverse=True)
        self._nouns = _Lazy(r"\b(?:" + "|".join(map(re.escape, nouns)) + r")\b",
                            re.IGNORECASE)

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        for index, block in enumerate(ctx.document.blocks):
            text = block.text
            present = {m.group().lower() for m in self._nouns.finditer(text)}
            if not present:
                continue
            matches: list[tuple[int, int, _Phrase, re.Match[str]]] = []
            for ph in self.phrases:
                if not present.intersection(ph.nouns):
                    continue
                for m in ph.pattern.finditer(text):
                    matches.append((m.start(), m.end(), ph, m))
            matches.sort(key=lambda x: (x[0], -(x[1] - x[0])))
            last = -1
            for start, end, ph, m in matches:
                if start < last:
                    continue
                last = end
                matched = text[start:end]
                plain = ph.verb
                if ph.prep and m.group("prep") is None and plain.endswith(" " + ph.prep):
                    # "make a complaint if ...": "complain", not "complain about"
                    plain = plain[: -len(ph.prep) - 1]
                if ph.inflects:
                    form = ph.forms.get(m.group("verb").lower(), inflect.BASE)
                    if form == inflect.ED and _PERFECT.search(text, max(0, start - 60), start):
                        form = inflect.EN
                    plain = inflect.inflect_phrase(plain, form, "verb")
                if matched[:1].isupper():
                    plain = plain[:1].upper() + plain[1:]
                # "complete a financial assessment", "carry out the scrutiny review": a noun or
                # a classifying word before the noun carries meaning the bare verb loses
                # ("assess" says neither what nor who), so the verb is offered as advice, not
                # as a swap. A describing word ("a final decision") may go.
                modified = ph.inflects and _classifier(m.groupdict().get("mod") or "")
                suggestion = (Suggestion(f"use the verb: {plain}") if modified
                              else Suggestion(plain, plain, Applicability.UNSAFE))
                yield Hit(
                    block_index=index,
                    start=start,
                    end=end,
                    message=format_message(rule.message, text=" ".join(matched.split()),
                                           verb=plain),
                    suggestions=(suggestion,),
                )


#: Single words that are emphasis, not abbreviations, when written in capitals.
EMPHASIS = frozenset({
    "NOT", "MUST", "PLEASE", "NOTE", "IMPORTANT", "NEVER", "ALWAYS", "ONLY", "DO", "DON'T",
    "DOES", "URGENT", "WARNING", "FREE", "NOW", "STOP", "REMEMBER", "CANNOT", "CAN'T", "WON'T",
    "WILL", "SHOULD", "DEADLINE", "REQUIRED", "MANDATORY", "COMPULSORY", "ESSENTIAL", "ALL",
    "ANY", "EVERY", "NO", "YES", "NEW", "BEFORE", "AFTER", "CLOSED", "OPEN", "ATTENTION",
    "NOTICE", "CAUTION", "DANGER", "FINAL", "LAST", "IMMEDIATELY", "TODAY", "BY", "AND",
    "OR", "THE", "YOU", "YOUR", "WE", "OUR", "IS", "ARE", "BE", "TO", "OF", "IN", "ON", "IF",
    "IT", "ME", "MY", "HE", "SHE", "AT", "AS", "AN", "OK",
})

# -- abbreviations -------------------------------------------------------------------------------

_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CAPS_WORD = re.compile(
    r"(?<![\w&'\u2019.-])(?P<word>[A-Z](?:[A-Z]|&(?=[A-Z]))+)(?P<plural>s|['\u2019]s)?"
    r"(?![\w&-]|\.\w)"
)
_DEFINITION_AFTER = re.compile(r"\s*\((?P<long>[^()]{3,120})\)")
_DEFINITION_WORDS = re.compile(r"\s+(?:stands for|means|is short for)\b", re.IGNORECASE)
#: "EHCP: Education, Health and Care Plan" or "EHCP – ..." at the start of a line or cell, as
#: in a list or table of abbreviations.
_DEFINITION_LABEL = re.compile(r"\s*[:\u2013\u2014-]\s+(?P<long>[^\n]{3,120})")


def _long_form(text: str) -> bool:
    """Does bracketed or labelled text read as words that explain (not a phone number, not
    another abbreviation)?"""
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 2 and not text.isupper()
_MINOR = {"and", "of", "the", "for", "in", "on", "to", "&", "at", "with", "a", "an", "or"}


_TITLE_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Cllr|Sir|Dame|Lord|Lady|Prof|Rev)\.?|\b[A-Z]\.)\s+$"
)


def _name_in_capitals(text: str, start: int, word: str) -> bool:
    """A surname written in capitals, as letters often do ("Dear Mr SMITH", "J. BROWN"), or
    an ordinary long word in capitals: not an abbreviation."""
    if _TITLE_BEFORE.search(text, max(0, start - 12), start):
        return True
    from plainlint.syllables import pronunciation

    return len(word) >= 5 and pronunciation(word.lower()) is not None


def _is_roman(word: str) -> bool:
    return bool(_ROMAN.fullmatch(word)) and len(word) <= 6


def _expansion(text: str, end: int, letters: str) -> tuple[int, int] | None:
    """The words before ``end`` whose first letters spell ``letters`` ("Education, Health
    and Care Plan" for EHCP), as a span of ``text``; None if they do not."""
    tokens = list(re.finditer(r"[A-Za-z][\w'\u2019]*(?:-[A-Za-z][\w'\u2019]*)*", text[:end]))
    want = list(letters.upper())
    i = len(tokens) - 1
    start = None
    while want and i >= 0:
        word = tokens[i].group()
        pieces = [p for p in re.split(r"-", word) if p]
        initials = "".join(p[0].upper() for p in pieces)
        if want[-len(initials):] == list(initials) and len(initials) <= len(want):
            del want[-len(initials):]
            start = tokens[i].start()
        elif word[0].upper() == want[-1]:
            want.pop()
            start = tokens[i].start()
        elif word.lower() in _MINOR:
            pass
        else:
            return None
        i -= 1
    if want or start is None:
        return None
    return start, end


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
_TOKEN = re.compile(r"[A-Za-z][\w'\u2019]*(?:-[A-Za-z][\w'\u2019]*)*")


def _defined_in_sentence(text: str, start: int, end: int, letters: str) -> str | None:
    """The full form of an abbreviation written elsewhere in its own sentence, in either
    order and however it is joined ("the Environmental Protection Act (the EPA)", "the EPA
    1990 (Environmental Protection Act 1990)", "the Environmental Protection Act, or EPA"):
    capitalised words whose initials spell it, small words ("of", "and") allowed between
    them. ``None`` when the sentence has none."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    lo = ends[-1] if ends else 0
    nxt = _SENTENCE_END.search(text, end)
    hi = nxt.start() if nxt else len(text)
    tokens = [t for t in _TOKEN.finditer(text, lo, hi) if not (start <= t.start() < end)]
    want = letters.upper()
    for i, first in enumerate(tokens):
        if not first.group()[0].isupper():
            continue
        got = ""
        for t in tokens[i:]:
            word = t.group()
            if word[0].isupper():
                got += "".join(p[0].upper() for p in word.split("-") if p)
            elif word.lower() not in _MINOR:
                break
            if not want.startswith(got):
                break
            if got == want:
                return " ".join(text[first.start():t.end()].split())
    return None


@dataclass
class _Use:
    block: int
    start: int
    end: int
    heading: bool
    defines: bool
    long_form: str | None = None


@register
class Acronym(Kind):
    """Abbreviations used before they are spelled out, or never spelled out."""

    name = "acronym"
    options: ClassVar[dict[str, Option]] = {
        "known": Option(list, [], "abbreviations readers know without explanation"),
        "allow": Option(list, [], "more abbreviations your readers know (added to 'known')"),
    }
    needs = frozenset({"text"})

    @classmethod
    def check_options(cls, values: dict[str, Any], defaults: bool = False) -> dict[str, Any]:
        out = super().check_options(values, defaults)
        for key in ("known", "allow"):
            if key in values and not all(isinstance(v, str) for v in out[key]):
                raise ValueError(f"option {key!r} must be a list of abbreviations (strings)")
        return out

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        known = {str(k).upper() for k in [*options["known"], *options["allow"]]}
        uses: dict[str, list[_Use]] = {}
        for index, block in enumerate(ctx.document.blocks):
            if block.kind in (BlockKind.TITLE, BlockKind.IMAGE_ALT):
                continue
            text = block.text
            shouting = shouted_spans(text, known)
            for m in _CAPS_WORD.finditer(text):
                word = m.group("word")
                letters = word.replace("&", "")
                if (
                    len(letters) < 2
                    or word in known
                    or word + "S" in known
                    or word in EMPHASIS
                    or _is_roman(word)
                    or any(s <= m.start() < e for s, e in shouting)
                    or _name_in_capitals(text, m.start(), word)
                ):
                    continue
                use = _Use(index, m.start("word"), m.end("word"),
                           block.kind is BlockKind.HEADING, False)
                after = _DEFINITION_AFTER.match(text, m.end())
                label = _DEFINITION_LABEL.match(text, m.end())
                before = text[: m.start()].rstrip()
                rest = text[m.end():].strip()
                if before.endswith("(") and rest.startswith(")"):
                    use.defines = True  # "Education, Health and Care Plan (EHCP)"
                    span = _expansion(text, len(before) - 1, letters)
                    if span is not None:
                        use.long_form = " ".join(text[span[0]:span[1]].split()).rstrip(",")
                elif after is not None and _long_form(after.group("long")):
                    use.defines = True  # "EHCP (Education, Health and Care Plan)"
                    use.long_form = " ".join(after.group("long").split())
                elif _DEFINITION_WORDS.match(text, m.end()):
                    use.defines = True  # "EHCP stands for ..."
                elif not before and label is not None and _long_form(label.group("long")):
                    use.defines = True  # "EHCP: Education, Health and Care Plan"
                    use.long_form = " ".join(label.group("long").split()).rstrip(".;")
                elif not before and not rest and block.kind is BlockKind.TABLE_CELL:
                    # A table of abbreviations: the cell after this one explains it.
                    nxt = ctx.document.blocks[index + 1] if index + 1 < len(
                        ctx.document.blocks) else None
                    if nxt is not None and nxt.kind is BlockKind.TABLE_CELL and _long_form(
                            nxt.text):
                        use.defines = True
                        use.long_form = " ".join(nxt.text.split())
                if not use.defines and len(letters) >= 2 and (
                        long := _defined_in_sentence(text, m.start("word"), m.end("word"),
                                                     letters)):
                    use.defines = True  # "the Environmental Protection Act, or EPA"
                    use.long_form = long
                uses.setdefault(word, []).append(use)
        for word, found in uses.items():
            definition = next((u for u in found if u.defines), None)
            if definition is not None:
                early = [u for u in found if u is not definition and not u.heading
                         and (u.block, u.start) < (definition.block, definition.start)]
                if not early:
                    continue
                first = early[0]
                where = _place(ctx, definition)
                long_form = f"{definition.long_form} ({word})" if definition.long_form else None
                message = format_message(
                    rule.message,
                    text=word,
                    problem=f"is used before it is spelled out on {where}",
                    advice=(f"Spell it out the first time: “{long_form}”." if long_form
                            else "Spell it out the first time you use it."),
                )
                yield self._hit(first, message, long_form, word, "before-definition")
                continue
            body = [u for u in found if not u.heading]
            first = (body or found)[0]
            message = format_message(
                rule.message,
                text=word,
                problem="is not spelled out",
                advice=("Write it in full the first time, with the abbreviation in brackets "
                        "after it, or use plain words instead."),
            )
            yield self._hit(first, message, None, word, "never-defined")

    @staticmethod
    def _hit(use: _Use, message: str, long_form: str | None, word: str, why: str) -> Hit:
        return Hit(
            block_index=use.block,
            start=use.start,
            end=use.end,
            message=message,
            suggestions=(Suggestion(long_form),) if long_form else (),
            data={"abbreviation": word, "problem": why, "long_form": long_form},
        )


def _place(ctx: Context, use: _Use) -> str:
    """Where a use is, for a message: "line 12" (or "paragraph 7" in a Word file)."""
    block = ctx.document.blocks[use.block]
    start, _ = block.source_span(use.start, use.end)
    return ctx.document.place(start)


# -- capitals --------------------------------------------------------------------------------------

_UPPER_RUN = re.compile(
    r"(?<![\w'\u2019])[A-Z][A-Z'\u2019]*(?:[ \t\-]+[A-Z][A-Z'\u2019]*)+(?![\w'\u2019])"
)
_UPPER_WORD = re.compile(r"(?<![\w'\u2019&])[A-Z]{2,}(?:['\u2019][A-Z]+)?(?![\w'\u2019&])")


def ordinary(word: str) -> bool:
    """Is a capitalised word an everyday English word ("PLEASE", "APPLY"), not an
    abbreviation ("EHCP", "NHS")?"""
    from plainlint.syllables import easy_words, pronunciation

    lower = word.lower().replace("\u2019", "'")
    if lower in easy_words():
        return True
    return len(lower) >= 4 and pronunciation(lower) is not None


def shouted_spans(text: str, known: set[str]) -> list[tuple[int, int]]:
    """Runs of two or more words in capitals, at least half of them everyday words
    ("PLEASE NOTE", "HOW TO APPLY"), as spans of ``text``."""
    out = []
    for m in _UPPER_RUN.finditer(text):
        parts = re.split(r"[ \t\-]+", m.group())
        if len(parts) < 2:
            continue
        if _TITLE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # a name: "Mr JOHN SMITH"
        everyday = sum(1 for p in parts if p.upper() not in known and (len(p) == 1 or ordinary(p)))
        if everyday * 2 >= len(parts) and everyday >= 2:
            out.append((m.start(), m.end()))
    return out


@register
class Capitals(Kind):
    """Words written in capitals for emphasis: runs of capitalised words, and single emphasis
    words such as IMPORTANT or MUST."""

    name = "capitals"
    params: ClassVar[dict[str, str]] = {
        "emphasis": "single words that are emphasis when written in capitals, such as "
                    "IMPORTANT or MUST",
    }
    needs = frozenset({"text"})

    def __init__(self, rule_id: str, params: dict[str, Any]) -> None:
        super().__init__(rule_id, params)
        raw = params.get("emphasis") or []
        if not isinstance(raw, list) or not all(isinstance(w, str) for w in raw):
            raise ValueError("'emphasis' must be a list of words")
        self.emphasis = {w.upper() for w in raw}

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        known = {str(k).upper() for k in
                 [*_acronym_option(ctx, "known"), *_acronym_option(ctx, "allow")]}
        for index, block in enumerate(ctx.document.blocks):
            text = block.text
            spans = shouted_spans(text, known)
            for m in _UPPER_WORD.finditer(text):
                word = m.group().replace("\u2019", "'")
                if word in self.emphasis and not any(s <= m.start() < e for s, e in spans):
                    spans.append((m.start(), m.end()))
            for start, end in sorted(spans):
                shown = " ".join(text[start:end].split())
                lower = _lower_case(text[start:end], sentence_start=_starts_sentence(text, start))
                yield Hit(
                    block_index=index,
                    start=start,
                    end=end,
                    message=format_message(rule.message, text=shown),
                    suggestions=(Suggestion(lower, lower, Applicability.UNSAFE),),
                )


def _acronym_option(ctx: Context, name: str) -> list[str]:
    return list(ctx.settings.options.get("acronym", {}).get(name, []))


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:\n"


def _lower_case(text: str, sentence_start: bool) -> str:
    """Capitals as they would be in an ordinary sentence ("PLEASE NOTE" -> "Please note")."""
    lower = text.lower()
    return lower[:1].upper() + lower[1:] if sentence_start else lower
