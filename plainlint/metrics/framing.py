"""The framing metric: how a document frames people, and where it sits on the ladder.

Every sentence is classified ``to``, ``for``, ``together`` or ``neutral`` by the framing
classifier (`plainlint.kinds.framing`), the same one the ``done-to`` and ``done-for`` rules use.
The metric counts the labels and estimates a step on the eight-step ladder of participation:
1 coercion, 2 educating, 3 informing, 4 consultation, 5 engagement, 6 co-design,
7 co-production, 8 citizen-led.

How the step is estimated (`estimate`):

- Each framed sentence carries a step of its own: penalties and control are coercion (1), orders
  and instructions educating (2), provision and informing (3); together sentences are
  consultation (4: asked for views), engagement (5: involved, working with), co-design (6:
  designing, shaping), co-production (7: deciding, choosing, equal partners) or citizen-led (8:
  leading, running, in control).
- The base step comes from the share of "done to" sentences among framed ones: half or more
  gives coercion (or educating, when orders outnumber penalties), a quarter or more educating,
  otherwise informing. A document with only one "done to" sentence, or with fewer than one in
  ten of all its sentences, mostly informs: its base is informing.
- Together sentences lift the document to step L (4 to 8) when enough of them sit at L or above:
  at least a minimum number, and at least a fixed fraction of the sentences that do things to or
  for people. The highest such L wins, if it is above the base.

Adding a together sentence never lowers the step (it only lowers the share of "done to" and
raises the together counts), neutral sentences never change it, and the minimum counts keep a
single sentence from moving a document up the ladder on its own (except in a document where no
sentence does anything to or for people).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from plainlint import engine
from plainlint.kinds.framing import LABELS, STEPS, SentenceFraming, analyse, enabled
from plainlint.reporters.text import METRIC_LINES

if TYPE_CHECKING:
    from plainlint.engine import Context

#: For each together step: (minimum sentences at that step or above, fraction of the
#: sentences that do things to or for people). A document with no "to" or "for" sentences
#: needs only one together sentence.
LIFT: dict[int, tuple[int, float]] = {
    4: (2, 0.25),
    5: (2, 0.4),
    6: (2, 0.5),
    7: (3, 0.75),
    8: (3, 1.0),
}


@dataclass(frozen=True)
class Mix:
    """The framing of a document in counts: what the ladder estimate is made from."""

    coercion: int = 0  # done to: penalties, control
    educating: int = 0  # done to: orders, instructions
    done_for: int = 0
    together: dict[int, int] = field(default_factory=dict)  # step (4-8) -> sentences
    neutral: int = 0

    @property
    def to(self) -> int:
        return self.coercion + self.educating

    @property
    def with_people(self) -> int:
        return sum(self.together.values())

    @property
    def framed(self) -> int:
        return self.to + self.done_for + self.with_people

    def at_least(self, step: int) -> int:
        return sum(n for s, n in self.together.items() if s >= step)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


#: "Done to" sentences count towards coercion or educating only when there are at least this
#: many, and they make up at least this share of all sentences; fewer, and the document
#: mostly informs.
TO_MINIMUM = 2
TO_SHARE_OF_ALL = 0.1

_LIFTED = {
    4: ("asks people for their views", "ask people for their views"),
    5: ("involves people or works with them", "involve people or work with them"),
    6: ("shows people designing or shaping things with the council",
        "show people designing or shaping things with the council"),
    7: ("shows people deciding, choosing or producing things as equal partners",
        "show people deciding, choosing or producing things as equal partners"),
    8: ("shows people leading, running or controlling things themselves",
        "show people leading, running or controlling things themselves"),
}


def estimate(mix: Mix) -> tuple[int, str]:
    """The ladder step (1-8) for a mix of framings, and one sentence that explains it."""
    framed = mix.framed
    total = framed + mix.neutral
    if framed == 0:
        return 3, ("No sentence says what is done to, for or with people, so the document "
                   "reads as information.")
    share_to = mix.to / framed
    sparse = mix.to < max(TO_MINIMUM, TO_SHARE_OF_ALL * total)
    if sparse:
        base = 3
    elif share_to >= 0.5:
        base = 1 if mix.coercion >= mix.educating else 2
    elif share_to >= 0.25:
        base = 2
    else:
        base = 3
    others = mix.to + mix.done_for
    lifted = 0
    for step in sorted(LIFT, reverse=True):
        minimum, fraction = LIFT[step]
        if mix.at_least(step) >= max(minimum if others else 1, fraction * others):
            lifted = step
            break
    if lifted > base:
        n = mix.at_least(lifted)
        what = _LIFTED[lifted][0 if n == 1 else 1]
        against = (f", against {_n(others, 'that does', 'that do')} things to or for them"
                   if others else "")
        return lifted, f"{_n(n, 'sentence')} {what}{against}."
    n_with = mix.with_people
    involve = ("none involve them" if n_with == 0 else
               f"only {n_with} {'involves' if n_with == 1 else 'involve'} them")
    if base in (1, 2):
        one = mix.to == 1
        what = {
            (1, True): "sets penalties or acts on people without their say",
            (1, False): "set penalties or act on people without their say",
            (2, True): "tells people what they must do or acts on them",
            (2, False): "tell people what they must do or act on them",
        }[(base, one)]
        return base, f"{mix.to} of {_n(framed, 'framed sentence')} {what}; {involve}."
    if mix.done_for == 0 and mix.to:
        taking_part = ("none shows people taking part" if n_with == 0 else
                       f"{n_with} {'shows' if n_with == 1 else 'show'} people taking part")
        return 3, (f"Only {mix.to} of {_n(total, 'sentence')} "
                   f"{'sets' if mix.to == 1 else 'set'} rules or penalties, so the document "
                   f"mostly informs; {taking_part}.")
    return 3, (f"Most framed sentences say what the council does for people ({mix.done_for} "
               f"done for, {mix.to} done to); {involve}.")


def mix_of(items: list[SentenceFraming]) -> Mix:
    coercion = educating = done_for = neutral = 0
    together: Counter[int] = Counter()
    for item in items:
        f = item.framing
        if f.label == "to":
            if (f.step or 1) <= 1:
                coercion += 1
            else:
                educating += 1
        elif f.label == "for":
            done_for += 1
        elif f.label == "together":
            together[max(4, min(8, f.step or 4))] += 1
        else:
            neutral += 1
    return Mix(coercion, educating, done_for, dict(together), neutral)


def _strongest(items: list[SentenceFraming], label: str) -> SentenceFraming | None:
    best: SentenceFraming | None = None
    best_key: tuple[int, int] | None = None
    for item in items:
        f = item.framing
        if f.label != label:
            continue
        # Done to: coercion before educating; together: higher steps first.
        reach = -(f.step or 0) if label == "to" else (f.step or 0)
        key = (f.strength, reach)
        if best_key is None or key > best_key:
            best, best_key = item, key
    return best


@engine.metric("framing")
def framing(ctx: Context) -> dict[str, Any]:
    """``metrics.framing``: counts, shares, the ladder step and the strongest examples."""
    if not enabled(ctx):
        return {}
    items = analyse(ctx)
    counts = Counter(item.label for item in items)
    total = len(items)
    mix = mix_of(items)
    step, reason = estimate(mix)
    examples: dict[str, dict[str, Any]] = {}
    doc = ctx.document
    for label in ("to", "for", "together"):
        item = _strongest(items, label)
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
            "step": step,
            "name": STEPS[step],
            "reason": reason,
            "evidence": {
                STEPS[1]: mix.coercion, STEPS[2]: mix.educating, STEPS[3]: mix.done_for,
                **{STEPS[s]: mix.together.get(s, 0) for s in range(4, 9)},
            },
        },
        "examples": examples,
        "sentences": total,
        "parsed": sum(1 for item in items if item.framing.parsed),
    }


def summary_line(metrics: dict[str, Any]) -> str | None:
    counts = metrics.get("counts") or {}
    ladder = metrics.get("ladder") or {}
    if not counts or not ladder:
        return None
    if not (counts.get("to") or counts.get("for") or counts.get("together")):
        return None  # nothing framed: plain information needs no summary line
    return (f"framing: {counts.get('to', 0)} done to, {counts.get('for', 0)} done for, "
            f"{counts.get('together', 0)} together, {counts.get('neutral', 0)} neutral; "
            f"ladder step {ladder['step']} of 8 ({ladder['name']}): {ladder['reason']}")


METRIC_LINES["framing"] = summary_line
