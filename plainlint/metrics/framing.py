"""The framing metric: how a document frames people, and an estimate of where it sits on the
ladder of participation.

Every sentence is classified ``to``, ``for``, ``together`` or ``neutral`` by the framing
classifier (`plainlint.kinds.framing`), the same one the ``done-to`` and ``done-for`` rules use.
Headings, table cells, fragments and sentences too long to parse get no verdict (``unjudged``).
The metric counts the labels and estimates a step on the eight-step ladder of participation:
1 coercion, 2 educating, 3 informing, 4 consultation, 5 engagement, 6 co-design,
7 co-production, 8 citizen-led.

How the step is estimated (`estimate`):

- Each framed sentence has a step of its own: penalties, refusals and control are coercion (1);
  rules, orders and assessments educating (2); provision informing (3); together sentences
  consultation (4) to citizen-led (8) by what people do (give views, take part, design, decide,
  lead).
- The estimate is the balance of those steps, each weighted by how strongly the sentence frames
  (the model's probability): a weighted mean, rounded to the nearest step. One strong sentence
  does not decide a page; the mix does.
- With fewer than `MIN_FRAMED` framed sentences, or when they are under `MIN_SHARE` of the judged
  sentences, there is not enough evidence: the step is None and the reason says so.
- With fewer than `CONFIDENT` framed sentences the estimate is never an end step (1 or 8), and
  its confidence is low.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plainlint import engine
from plainlint.kinds.framing import LABELS, STEPS, SentenceFraming, analyse, enabled
from plainlint.reporters.text import METRIC_LINES

if TYPE_CHECKING:
    from plainlint.engine import Context

#: A step needs at least this many framed sentences ...
MIN_FRAMED = 5
#: ... and framed sentences must be at least this share of the judged sentences.
MIN_SHARE = 0.1
#: Below this many framed sentences the estimate avoids the end steps and its confidence is low;
#: below `SURE`, medium; from it, high.
CONFIDENT = 10
SURE = 20
#: The least weight a framed sentence carries (so a barely-flagged sentence still counts a little).
MIN_WEIGHT = 0.05


@dataclass(frozen=True)
class Mix:
    """The framing of a document: the step and weight of each framed sentence, and how many
    judged sentences frame nobody."""

    framed: tuple[tuple[int, float], ...] = ()  # (step 1-8, weight 0-1)
    neutral: int = 0

    @property
    def judged(self) -> int:
        return len(self.framed) + self.neutral

    def count(self, low: int, high: int) -> int:
        return sum(1 for step, _ in self.framed if low <= step <= high)


@dataclass(frozen=True)
class Ladder:
    """The estimate: a step (None when the evidence is too thin), why, and how sure."""

    step: int | None
    reason: str
    confidence: str | None = None
    score: float | None = None


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def estimate(mix: Mix) -> Ladder:
    """The ladder estimate for a mix of framed sentences."""
    n = len(mix.framed)
    judged = mix.judged
    if n < MIN_FRAMED or n < MIN_SHARE * judged:
        said = ("no sentence says" if n == 0 else
                f"only {n} of {_n(judged, 'sentence')} {'says' if n == 1 else 'say'}")
        return Ladder(None, (f"Not enough evidence for a ladder step: {said} what is done to, "
                             f"for or with people (a step needs at least {MIN_FRAMED} such "
                             f"sentences, and at least {MIN_SHARE:.0%} of the sentences)."))
    total = sum(max(w, MIN_WEIGHT) for _, w in mix.framed)
    score = sum(step * max(w, MIN_WEIGHT) for step, w in mix.framed) / total
    step = min(8, max(1, int(score + 0.5)))
    if n < CONFIDENT:
        step = min(7, max(2, step))
        confidence = "low"
    else:
        confidence = "medium" if n < SURE else "high"
    to, done_for, together = mix.count(1, 2), mix.count(3, 3), mix.count(4, 8)
    parts = []
    if to:
        parts.append(f"{to} {'does' if to == 1 else 'do'} things to people")
    if done_for:
        parts.append(f"{done_for} for them")
    if together:
        parts.append(f"{together} with them")
    listed = (", ".join(parts[:-1]) + " and " + parts[-1]) if len(parts) > 1 else parts[0]
    reason = (f"Of {_n(n, 'sentence')} that frame people, {listed}; weighted by how strongly "
              f"each frames, the balance is nearest step {step} ({STEPS[step]}).")
    return Ladder(step, reason, confidence, round(score, 2))


def step_of(item: SentenceFraming) -> int:
    """The ladder step one framed sentence stands for."""
    f = item.framing
    if f.label == "to":
        return 1 if (f.step or 1) <= 1 else 2
    if f.label == "for":
        return 3
    return max(4, min(8, f.step or 5))


def mix_of(items: list[SentenceFraming]) -> Mix:
    framed = tuple((step_of(i), i.framing.probability) for i in items
                   if i.label != "neutral")
    neutral = sum(1 for i in items if i.label == "neutral" and i.framing.skipped is None)
    return Mix(framed, neutral)


def _strongest(items: list[SentenceFraming], label: str) -> SentenceFraming | None:
    """The clearest example: for done to, a penalty before a rule; for together, the highest
    step; then the highest probability; the earliest on ties."""
    best: SentenceFraming | None = None
    best_key: tuple[int, float] | None = None
    for item in items:
        if item.label != label:
            continue
        reach = {"to": -step_of(item), "together": step_of(item)}.get(label, 0)
        key = (reach, item.framing.probability)
        if best_key is None or key > best_key:
            best, best_key = item, key
    return best


@engine.metric("framing")
def framing(ctx: Context) -> dict[str, Any]:
    """``metrics.framing``: counts, shares, the ladder estimate and the strongest examples."""
    if not enabled(ctx):
        return {}
    items = analyse(ctx)
    judged = [i for i in items if i.framing.skipped is None]
    counts = Counter(item.label for item in judged)
    total = len(judged)
    mix = mix_of(items)
    ladder = estimate(mix)
    examples: dict[str, dict[str, Any]] = {}
    doc = ctx.document
    for label in ("to", "for", "together"):
        item = _strongest(judged, label)
        if item is None:
            continue
        block = doc.blocks[item.block_index]
        start, _ = block.source_span(item.start, item.end)
        line, column = doc.source.lines.position(start)
        examples[label] = {
            "text": " ".join(block.text[item.start:item.end].split()),
            "line": line,
            "column": column,
            "offset": start,
        }
    return {
        "counts": {label: counts.get(label, 0) for label in LABELS},
        "shares": {label: round(counts.get(label, 0) / total, 3) if total else 0.0
                   for label in LABELS},
        "ladder": {
            "step": ladder.step,
            "name": STEPS[ladder.step] if ladder.step is not None else None,
            "reason": ladder.reason,
            "confidence": ladder.confidence,
            "score": ladder.score,
            "framed": len(mix.framed),
            "evidence": {STEPS[s]: sum(1 for step, _ in mix.framed if step == s)
                         for s in range(1, 9)},
        },
        "examples": examples,
        "sentences": len(items),
        "judged": total,
        "parsed": sum(1 for item in items if item.framing.parsed),
    }


def summary_line(metrics: dict[str, Any]) -> str | None:
    counts = metrics.get("counts") or {}
    ladder = metrics.get("ladder") or {}
    if not counts or not ladder:
        return None
    if not (counts.get("to") or counts.get("for") or counts.get("together")):
        return None  # nothing framed: plain information needs no summary line
    head = (f"framing: {counts.get('to', 0)} done to, {counts.get('for', 0)} done for, "
            f"{counts.get('together', 0)} together, {counts.get('neutral', 0)} neutral; ")
    if ladder.get("step") is None:
        return head + f"ladder: {ladder.get('reason', 'not enough evidence')}"
    confidence = f", {ladder['confidence']} confidence" if ladder.get("confidence") else ""
    return head + (f"ladder estimate step {ladder['step']} of 8 ({ladder['name']}"
                   f"{confidence}): {ladder['reason']}")


METRIC_LINES["framing"] = summary_line
