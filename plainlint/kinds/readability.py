"""Readability kinds: reading age, long and hard sentences, long paragraphs, passive voice.

All of them work from `plainlint.readability.analyse`, which splits the prose into sentences
and counts each one once; the passive kind adds a dependency parse of the sentences that a
cheap word filter says could be passive. Thresholds are options, so a team can change them
for some paths only (``[[tool.plainlint.overrides]]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from plainlint import passive
from plainlint import readability as rd
from plainlint.kinds import Kind, Option, format_message, register
from plainlint.model import Hit, Severity, Suggestion
from plainlint.syllables import syllables, words
from plainlint.textutil import and_list

if TYPE_CHECKING:
    from plainlint.engine import Context
    from plainlint.rules import Rule


def _age(age: float) -> str:
    """A reading age as the summary line shows it: one decimal place, none if it is zero."""
    return f"{round(age, 1):g}"


def _lines_of(text: str) -> tuple[int, int]:
    """The first line of a block of text: (0, end), without trailing white space."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    return 0, len(text[:end].rstrip())


@register
class ReadingAge(Kind):
    """The UK reading age of the document and of each section, against a target."""

    name = "reading-age"
    options: ClassVar[dict[str, Option]] = {
        "target": Option(float, rd.TARGET_READING_AGE,
                         "the highest UK reading age (US grade + 5) to accept", minimum=5),
        "flesch-target": Option(float, rd.TARGET_FLESCH,
                                "the Flesch Reading Ease to aim for, shown in the summary"),
        "min-words": Option(int, rd.MIN_WORDS,
                            "documents with fewer words get measures but no finding", minimum=1),
        "section-min-words": Option(int, rd.MIN_WORDS,
                                    "sections with fewer words get no finding of their own",
                                    minimum=1),
        "section-max-share": Option(float, 0.8,
                                    "a section with this share of the document's words or "
                                    "more gets no finding of its own (the document's says it)",
                                    minimum=0),
        "sentences": Option(int, 3, "how many of the sentences that raise the age most to name",
                            minimum=0),
    }
    needs = frozenset({"sentences"})

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        a = rd.analyse(ctx)
        if sum(s.words for s in a.sentences) < options["min-words"]:
            return
        sections = [(sec, a.in_section(sec.index)) for sec in ctx.document.sections]
        sections = [(sec, ss) for sec, ss in sections if ss]
        first = a.sentences[0]
        doc_hit = self._hit(ctx, rule, options, a, a.sentences, "This document", "document",
                            None, first.block, _lines_of(ctx.document.blocks[first.block].text))
        if doc_hit is not None:
            yield doc_hit
        if len(sections) < 2:
            return
        total = sum(s.words for s in a.sentences)
        for sec, sentences in sections:
            words = sum(s.words for s in sentences)
            if words < options["section-min-words"]:
                continue
            if words >= options["section-max-share"] * total:
                continue  # most of the document: its finding would repeat the document's
            if sec.heading is not None:
                block = sec.heading
                text = ctx.document.blocks[block].text
                span = (0, len(text.rstrip()))
                scope = f"The section “{rd.excerpt(sec.title, 60)}”"
            else:
                block = sentences[0].block
                span = _lines_of(ctx.document.blocks[block].text)
                scope = "The text before the first heading"
            hit = self._hit(ctx, rule, options, a, sentences, scope, "section", sec.title,
                            block, span)
            if hit is not None:
                yield hit

    def _hit(self, ctx: Context, rule: Rule, options: dict[str, Any], a: rd.Analysis,
             sentences: list[rd.Sentence], scope: str, kind: str, title: str | None,
             block: int, span: tuple[int, int]) -> Hit | None:
        sc = a.scope_scores(sentences)
        target = options["target"]
        if sc.reading_age <= target:
            return None
        raising = a.raising(sentences, options["sentences"])
        named = []
        for s, drop in raising:
            where = rd.source_position(ctx, s.block, s.start, s.end)
            named.append({
                "text": rd.excerpt(rd.sentence_text(ctx, s), 200),
                **where,
                "words": s.words,
                "reading_age": round(a.sentence_scores(s).reading_age, 1),
                "raises_by": round(drop, 2),
            })
        listing = "; ".join(
            f"{ctx.document.place(n['offset'])} “{rd.excerpt(n['text'], 60)}”" for n in named
        )
        raising_text = ""
        if len(named) == 1:
            raising_text = f" The sentence that raises it most: {listing}."
        elif named:
            raising_text = f" The sentences that raise it most: {listing}."
        message = format_message(
            rule.message,
            scope=scope,
            age=_age(sc.reading_age),
            target=f"{target:g}",
            grade=f"{sc.flesch_kincaid_grade:.1f}",
            words=sc.words,
            raising=raising_text,
        )
        # The stretch of text the finding is about: from where it is anchored (a heading) to
        # the end of the last sentence measured. `--diff-base` keeps the finding when any line
        # of it changed.
        anchor = rd.source_position(ctx, block, span[0], span[1])["offset"]
        head, tail = sentences[0], sentences[-1]
        start = rd.source_position(ctx, head.block, head.start, head.end)["offset"]
        end = rd.source_position(ctx, tail.block, tail.start, tail.end)["end_offset"]
        return Hit(
            block_index=block,
            start=span[0],
            end=span[1],
            message=" ".join(message.split()),
            suggestions=(Suggestion(
                "split the long sentences and use shorter, everyday words"
            ),),
            data={
                "scope": kind,
                # The document's finding is about all of it: its place is only where a text
                # line can point. Reports that mark findings in the text must not mark it on
                # the first line or heading (docs/json-format.md).
                "document_level": kind == "document",
                "extent": {"offset": min(anchor, start), "end_offset": max(end, anchor)},
                "section": title,
                "reading_age": round(sc.reading_age, 1),
                "flesch_kincaid_grade": round(sc.flesch_kincaid_grade, 1),
                "target": target,
                "words": sc.words,
                "sentences": named,
            },
        )


_SPLIT = re.compile(
    r";\s+"
    r"|,\s+(?=(?:and|but|so|or|because|although|though|while|whereas|which|unless|since|yet|"
    r"then|as well as|so that|otherwise|however|instead)\b)"
    r"|\s+(?=(?:but|because|although|whereas|so that|otherwise)\b)"
    r"|\s+(?=and\s+(?:we|you|they|he|she|it|I|this|there|then|our|your|their)\b)",
    re.IGNORECASE,
)


def split_point(text: str, min_side: int = 6) -> tuple[int, int] | None:
    """Where a long sentence could be split: a semicolon, or a conjunction that starts a new
    clause. Returns (end of the first part, start of the second) in ``text``, choosing the
    place nearest the middle with at least ``min_side`` words on each side."""
    total = len(words(text))
    best: tuple[int, int] | None = None
    best_gap = total
    for m in _SPLIT.finditer(text):
        left = len(words(text[: m.start()]))
        right = total - left
        if left < min_side or right < min_side:
            continue
        gap = abs(left - right)
        if gap < best_gap:
            best, best_gap = (m.start(), m.end()), gap
    return best


def _tail(text: str, n: int = 4) -> str:
    parts = text.split()
    return ("…" if len(parts) > n else "") + " ".join(parts[-n:])


def _head(text: str, n: int = 3) -> str:
    parts = text.split()
    return " ".join(parts[:n]) + ("…" if len(parts) > n else "")


@register
class SentenceLength(Kind):
    """Sentences with more words than a limit, with a place to split them."""

    name = "sentence-length"
    options: ClassVar[dict[str, Option]] = {
        "max": Option(int, rd.LONG_SENTENCE_WORDS, "the most words a sentence may have",
                      minimum=1),
        "target-share": Option(float, rd.TARGET_LONG_SHARE,
                               "the share of long sentences to aim for, shown in the summary",
                               minimum=0),
    }
    needs = frozenset({"sentences"})

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        limit = options["max"]
        a = rd.analyse(ctx)
        for s in a.sentences:
            if s.words <= limit:
                continue
            text = ctx.document.blocks[s.block].text[s.start:s.end]
            split = split_point(text)
            hint = ""
            data: dict[str, Any] = {"count": s.words, "max": limit,
                                    "reading_age": round(a.sentence_scores(s).reading_age, 1)}
            if split is not None:
                before, after = text[: split[0]], text[split[1]:]
                hint = (f" You could split it after “{_tail(before)}”, where "
                        f"“{_head(after)}” begins.")
                block = ctx.document.blocks[s.block]
                data["split"] = {
                    "end_offset": block.source_span(s.start, s.start + split[0])[1],
                    "next_offset": block.source_span(s.start + split[1], s.end)[0],
                }
            yield Hit(
                block_index=s.block,
                start=s.start,
                end=s.end,
                message=format_message(rule.message, count=s.words, max=limit) + hint,
                data=data,
            )


_CLAUSE_WORDS = re.compile(
    r"\b(?:which|who|whom|whose|where|when|because|although|though|unless|whether|while|"
    r"whereas|if|so that)\b|[;:]|,\s+(?:and|but|or|so)\b",
    re.IGNORECASE,
)


_WORD = re.compile(r"[^\W\d_][\w'\u2019]*(?:[-\u2010\u2011][^\W\d_][\w'\u2019]*)*")


def _hard_words(text: str, common_zipf: float) -> list[str]:
    """The words of a sentence a reader may not know: three syllables or more and not common
    (`readability.uncommon`), lower-case first. Names ("Amina", "Riverside") are not the
    writer's to change, so a capitalised word counts only at the start of the sentence."""
    out = []
    for i, w in enumerate(dict.fromkeys(_WORD.findall(text))):
        if w[:1].isupper() and (i > 0 or w.isupper()):
            continue
        if _syllables_of(w) >= 3 and rd.uncommon(w, common_zipf):
            out.append(w)
    return sorted(out, key=lambda w: (rd.zipf(w), -_syllables_of(w)))


def _syllables_of(word: str) -> int:
    """Syllables of a word as written ("co-produce"), counted as the formulas count them."""
    return sum(syllables(w.lower()) for w in words(word.replace("\u2019", "'")))


@register
class SentenceDifficulty(Kind):
    """Sentences that several readability formulas agree are hard or very hard to read."""

    name = "sentence-difficulty"
    options: ClassVar[dict[str, Option]] = {
        "hard-grade": Option(float, 10.0, "US grade from which a sentence is hard (age 15)"),
        "very-hard-grade": Option(float, 14.0,
                                  "US grade from which a sentence is very hard (age 19)"),
        "agree": Option(int, 3, "how many of the 4 grade formulas must agree", minimum=1,
                        choices=(1, 2, 3, 4)),
        "min-words": Option(int, 12, "shorter sentences are never reported", minimum=1),
        "short-words": Option(int, 15, "a sentence under this many words is hard only with "
                              "at least 2 uncommon words", minimum=1),
        "common-zipf": Option(float, rd.COMMON_ZIPF,
                              "how common a word must be (Zipf frequency) not to count as hard",
                              minimum=0),
    }
    needs = frozenset({"sentences"})

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        a = rd.analyse(ctx)
        long_limit = None
        if any(r.id == "long-sentence" for r in ctx.settings.rules):
            long_limit = rd.option(ctx, "long-sentence", "max", rd.LONG_SENTENCE_WORDS)
        for s in a.sentences:
            if s.words < options["min-words"]:
                continue
            if long_limit is not None and s.words > long_limit:
                continue  # long-sentence reports it, with a place to split it
            sc = a.sentence_scores(s)
            g = rd.grades(sc)
            very = sum(1 for v in g.values() if v >= options["very-hard-grade"])
            hard = sum(1 for v in g.values() if v >= options["hard-grade"])
            if very >= options["agree"]:
                level, agree, severity = "Very hard", very, Severity.WARNING
            elif hard >= options["agree"]:
                level, agree, severity = "Hard", hard, None
            else:
                continue
            text = ctx.document.blocks[s.block].text[s.start:s.end]
            long_words = _hard_words(text, options["common-zipf"])
            clauses = 1 + len(_CLAUSE_WORDS.findall(text))
            # The formulas count syllables, and a pronouncing dictionary gives "every",
            # "usually" and "families" three: the decision also needs words a reader may not
            # know, or a length or clause count that explains it.
            if s.words < options["short-words"]:
                if len(long_words) < 2:
                    continue
            elif not long_words and s.words < 20 and clauses < 3:
                continue
            why = []
            if long_words:
                shown = and_list([f"“{w}”" for w in long_words[:3]])
                n = len(long_words)
                why.append(f"{n} long, uncommon word{'s' if n > 1 else ''} ({shown})" if n <= 3
                           else f"{n} long, uncommon words, such as {shown},")
            if s.words >= 20:
                why.append(f"{s.words} words")
            if clauses >= 3:
                why.append(f"about {clauses} clauses")
            reasons = and_list(why).replace(",, ", ", ").rstrip(",")
            yield Hit(
                block_index=s.block,
                start=s.start,
                end=s.end,
                message=format_message(
                    rule.message,
                    level=level,
                    age=_age(sc.reading_age),
                    agree=agree,
                    why=reasons,
                ),
                severity=severity,
                data={
                    "level": level.lower(),
                    "reading_age": round(sc.reading_age, 1),
                    "grades": {k: round(v, 1) for k, v in g.items()},
                    "agree": agree,
                    "words": s.words,
                    "long_words": long_words[:10],
                    "clauses": clauses,
                },
            )


@register
class ParagraphLength(Kind):
    """Paragraphs with too many sentences or words."""

    name = "paragraph-length"
    options: ClassVar[dict[str, Option]] = {
        "max-sentences": Option(int, 5, "the most sentences a paragraph may have", minimum=1),
        "max-words": Option(int, 100, "the most words a paragraph of 2 or more sentences may have",
                            minimum=1),
    }
    needs = frozenset({"sentences"})
    _KINDS: ClassVar[frozenset[str]] = frozenset({"paragraph", "block-quote", "list-item"})

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        a = rd.analyse(ctx)
        for block in dict.fromkeys(s.block for s in a.sentences):
            sentences = a.in_block(block)
            if ctx.document.blocks[block].kind.value not in self._KINDS or len(sentences) < 2:
                continue
            n = len(sentences)
            w = sum(s.words for s in sentences)
            if n <= options["max-sentences"] and w <= options["max-words"]:
                continue
            yield Hit(
                block_index=block,
                start=sentences[0].start,
                end=sentences[-1].end,
                message=format_message(
                    rule.message,
                    sentences=n,
                    words=w,
                    max_sentences=options["max-sentences"],
                    max_words=options["max-words"],
                ),
                data={"sentences": n, "words": w, "max_sentences": options["max-sentences"],
                      "max_words": options["max-words"]},
            )


@register
class PassiveVoice(Kind):
    """Passive clauses from the dependency parse, with who-does-it questions and rewrites."""

    name = "passive"
    params: ClassVar[dict[str, str]] = {
        "message-doer": "the message for a passive that names who does it ({doer}, {rewrite})",
    }
    options: ClassVar[dict[str, Option]] = {
        "with-doer": Option(bool, True,
                            "also report passives that say who does it (“… by the council”)"),
        "target-share": Option(float, rd.TARGET_PASSIVE_SHARE,
                               "the share of passive sentences to aim for, shown in the summary",
                               minimum=0),
    }
    needs = frozenset({"parse"})

    def __init__(self, rule_id: str, params: dict[str, Any]) -> None:
        super().__init__(rule_id, params)
        self.message_doer = str(params.get("message-doer") or "")

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        a = rd.analyse(ctx)
        found = a.passives()
        addressed: bool | None = None
        for s in a.sentences:
            for p in found.get(s.index, ()):
                text = ctx.document.blocks[s.block].text[s.start + p.start:s.start + p.end]
                folded = " ".join(text.split())
                if p.agent is not None:
                    if not options["with-doer"]:
                        continue
                    template = self.message_doer or rule.message
                    message = format_message(template, text=folded, doer=p.agent,
                                             rewrite=p.rewrite, question="", advice="")
                    rewrites = (p.rewrite,) if p.rewrite else ()
                else:
                    if addressed is None:
                        addressed = addresses_reader(ctx)
                    rewrites = _doer_rewrites(p, addressed)
                    message = format_message(rule.message, text=folded, question=p.question,
                                             advice=_doer_advice(rewrites))
                yield Hit(
                    block_index=s.block,
                    start=s.start + p.start,
                    end=s.start + p.end,
                    message=" ".join(message.split()),
                    suggestions=tuple(Suggestion(r) for r in rewrites),
                    data={"verb": p.verb, "doer": p.agent, "question": p.question,
                          "rewrite": rewrites[0] if rewrites else None},
                )


_YOU = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)


def addresses_reader(ctx: Context) -> bool:
    """Does the document speak to its reader as "you" (a letter, a service page)? At least two
    uses of you or your, outside quotations or not: a strategy that says "you" once in a
    heading ("What you told us") is not addressed to you."""
    count = 0
    for block in ctx.document.blocks:
        count += len(_YOU.findall(block.text))
        if count >= 2:
            return True
    return False


def _doer_rewrites(p: passive.Passive, addressed: bool) -> tuple[str, ...]:
    """Who could do it, most likely first. Something only residents do (`RESIDENT_VERBS`)
    never offers "we"; in a text addressed to "you" it offers "you". In such a text, something
    the reader usually does ("the instalment has not been paid", "forms must be returned"), or
    a clause under the reader's own verb ("you choose how your budget is spent") offers "you"
    before "we"; everything else offers "we"."""
    we = (p.rewrite,) if p.rewrite else ()
    if p.verb in passive.RESIDENT_VERBS:
        # Something only residents do ("applications should be submitted", "the conditions are
        # not complied with"): "we" would change who does it, or reverse the meaning.
        return (p.reader_rewrite,) if addressed and p.reader_rewrite else ()
    if not addressed or not p.reader_rewrite:
        return we
    if p.reader_clause or p.verb in passive.READER_VERBS or p.modal in passive.DUTY_MODALS:
        return (p.reader_rewrite, *we)
    return we


def _doer_advice(rewrites: tuple[str, ...]) -> str:
    if not rewrites:
        return "Say who does it."
    options = [f"if it is {'you' if r.startswith('you ') else 'us'}, say “{r}”"
               for r in rewrites]
    text = "; ".join(options)
    return text[:1].upper() + text[1:] + "."
