"""The occurrence kind: too much of something in one place.

Counts words per sentence, or sentences or words per block, and reports the places over the
rule's ``max`` option. The message can use ``{count}`` and ``{max}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from plainlint.kinds import Kind, Option, format_message, register
from plainlint.model import Hit
from plainlint.textutil import count_words

if TYPE_CHECKING:
    from plainlint.engine import Context
    from plainlint.rules import Rule


@register
class Occurrence(Kind):
    name = "occurrence"
    params: ClassVar[dict[str, str]] = {
        "scope": "sentence or block: where to count",
        "count": "words or sentences: what to count",
        "skip-blocks": "kinds of block not to check, such as heading",
    }
    options: ClassVar[dict[str, Option]] = {
        "max": Option(int, 25, "the most allowed before the rule reports", minimum=1),
    }

    def __init__(self, rule_id: str, params: dict[str, Any]) -> None:
        super().__init__(rule_id, params)
        self.scope = params.get("scope", "sentence")
        self.count = params.get("count", "words")
        if self.scope not in ("sentence", "block"):
            raise ValueError("'scope' must be sentence or block")
        if self.count not in ("words", "sentences"):
            raise ValueError("'count' must be words or sentences")
        if self.scope == "sentence" and self.count == "sentences":
            raise ValueError("a sentence cannot count sentences")
        self.skip = set(params.get("skip-blocks") or [])
        uses_sentences = self.scope == "sentence" or self.count == "sentences"
        self.needs = frozenset({"sentences"} if uses_sentences else {"text"})

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        limit = options["max"]
        for index, block in enumerate(ctx.document.blocks):
            if block.kind.value in self.skip:
                continue
            units = (ctx.sentences(index) if self.scope == "sentence"
                     else [(0, len(block.text))])
            for start, end in units:
                if self.count == "words":
                    n = count_words(block.text[start:end])
                else:
                    n = len(ctx.sentences(index))
                if n > limit:
                    yield Hit(
                        block_index=index,
                        start=start,
                        end=end,
                        message=format_message(rule.message, count=n, max=limit),
                        data={"count": n, "max": limit},
                    )
