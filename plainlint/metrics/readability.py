"""The readability metric: document and section measures in ``metrics.readability``.

The shape is a contract with the reports (docs/json-format.md): keys are only ever added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plainlint import engine
from plainlint import readability as rd
from plainlint.reporters.text import METRIC_LINES

if TYPE_CHECKING:
    from plainlint.engine import Context


def _r1(x: float) -> float:
    return round(x, 1)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _measures(a: rd.Analysis, sentences: list[rd.Sentence], limit: int) -> dict[str, Any]:
    sc = a.scope_scores(sentences)
    counts = rd.total(sentences)
    passives = a.passives()
    long_n = sum(1 for s in sentences if s.words > limit)
    passive_n = sum(1 for s in sentences if s.index in passives)
    return {
        "words": sc.words,
        "sentences": sc.sentences,
        "avg_sentence_words": _r1(sc.avg_sentence_words),
        "flesch_reading_ease": _r1(sc.flesch_reading_ease),
        "flesch_kincaid_grade": _r1(sc.flesch_kincaid_grade),
        "reading_age": _r1(sc.reading_age),
        "smog": _r1(sc.smog),
        "gunning_fog": _r1(sc.gunning_fog),
        "coleman_liau": _r1(sc.coleman_liau),
        "ari": _r1(sc.ari),
        "dale_chall": _r1(sc.dale_chall),
        "long_sentence_share": _share(long_n, sc.sentences),
        "passive_share": _share(passive_n, sc.sentences),
        "complex_word_share": _share(counts.polysyllables, sc.words),
        "syllables": counts.syllables,
        "complex_words": counts.polysyllables,
        "long_sentences": long_n,
        "passive_sentences": passive_n,
    }


@engine.metric("readability")
def readability(ctx: Context) -> dict[str, Any]:
    """The measures, when any readability rule is on for this file (so a run with
    ``--select jargon`` never loads the parser for them)."""
    if not any(r.family == "readability" for r in ctx.settings.rules):
        return {}
    a = rd.analyse(ctx)
    if not a.sentences:
        return {}
    limit = rd.option(ctx, "long-sentence", "max", rd.LONG_SENTENCE_WORDS)
    min_words = rd.option(ctx, "reading-age", "min-words", rd.MIN_WORDS)
    out = _measures(a, a.sentences, limit)
    too_short = out["words"] < min_words
    hardest = sorted(
        (s for s in a.sentences if s.words >= 10),
        key=lambda s: (-a.sentence_scores(s).reading_age, s.index),
    )[:5]
    out.update({
        "long_sentence_limit": limit,
        "targets": {
            "reading_age": rd.option(ctx, "reading-age", "target", rd.TARGET_READING_AGE),
            "flesch_reading_ease": rd.option(
                ctx, "reading-age", "flesch-target", rd.TARGET_FLESCH
            ),
            "passive_share": rd.option(
                ctx, "passive-voice", "target-share", rd.TARGET_PASSIVE_SHARE
            ),
            "long_sentence_share": rd.option(
                ctx, "long-sentence", "target-share", rd.TARGET_LONG_SHARE
            ),
        },
        "too_short": too_short,
        "note": (
            f"Only {out['words']} words: reading-age formulas need about {min_words} words to "
            "mean much, so no reading-age finding is given."
            if too_short else None
        ),
        "min_words": min_words,
        "hardest_sentences": [
            {
                "text": rd.excerpt(rd.sentence_text(ctx, s), 200),
                **rd.source_position(ctx, s.block, s.start, s.end),
                "words": s.words,
                "reading_age": _r1(a.sentence_scores(s).reading_age),
            }
            for s in hardest
        ],
        "sections": [],
    })
    doc = ctx.document
    for section in doc.sections:
        sentences = a.in_section(section.index)
        if not sentences:
            continue
        line = None
        if section.heading is not None:
            line = rd.source_position(ctx, section.heading, 0, 0)["line"]
        out["sections"].append({
            "title": section.title,
            "level": section.level,
            "line": line,
            "index": section.index,
            **_measures(a, sentences, limit),
        })
    return out


def summary(m: dict[str, Any]) -> str | None:
    """One line for the text report: the reading age and the four council clarity measures.
    Documents too short to measure get no line (the JSON still has their figures)."""
    if not m or m.get("too_short"):
        return None
    t = m.get("targets", {})
    return (
        f"readability: reading age {m['reading_age']:g} "
        f"(aim for {t.get('reading_age', rd.TARGET_READING_AGE):g} "
        f"or below); Flesch reading ease {m['flesch_reading_ease']:g} (aim for "
        f"{t.get('flesch_reading_ease', rd.TARGET_FLESCH):g} or more); "
        f"{_pct(m['long_sentence_share'])} of sentences over {m['long_sentence_limit']} words "
        f"(aim for {_pct(t.get('long_sentence_share', rd.TARGET_LONG_SHARE))} or fewer); "
        f"{_pct(m['passive_share'])} passive "
        f"(aim for {_pct(t.get('passive_share', rd.TARGET_PASSIVE_SHARE))} or fewer); "
        f"{_pct(m['complex_word_share'])} complex words; "
        f"{m['words']} words, {m['sentences']} sentences"
    )


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


METRIC_LINES["readability"] = summary
