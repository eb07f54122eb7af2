"""The existence kind: words, phrases or patterns that should not be there at all.

``tokens`` are matched like glossary terms (whole words, any case, any white space between
words, hyphen and closed spellings). ``patterns`` are regular expressions run over each block's
prose; if a pattern has a group named ``flag``, only that group is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from plainlint import saferegex
from plainlint.glossary import Entry
from plainlint.kinds import Kind, format_message, register
from plainlint.model import Hit, Suggestion
from plainlint.termmatch import TermMatcher

if TYPE_CHECKING:
    from plainlint.engine import Context
    from plainlint.rules import Rule


@register
class Existence(Kind):
    name = "existence"
    params: ClassVar[dict[str, str]] = {
        "tokens": "words or phrases to flag",
        "patterns": "regular expressions to flag (a group named 'flag' narrows the span)",
        "advice": "what to do instead, shown as a suggestion",
        "skip-blocks": "kinds of block not to check, such as heading",
    }
    needs = frozenset({"text"})

    def __init__(self, rule_id: str, params: dict[str, Any]) -> None:
        super().__init__(rule_id, params)
        tokens = params.get("tokens") or []
        patterns = params.get("patterns") or []
        if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
            raise ValueError("'tokens' must be a list of strings")
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise ValueError("'patterns' must be a list of strings")
        if not tokens and not patterns:
            raise ValueError("an existence rule needs 'tokens' or 'patterns'")
        self.matcher = (
            TermMatcher(Entry(term=t, rule=rule_id, explanation=t) for t in tokens)
            if tokens
            else None
        )
        self.patterns = []
        for p in patterns:
            try:
                self.patterns.append(re.compile(p))
            except re.error as exc:
                raise ValueError(
                    f"pattern {p!r} is not a valid regular expression: {exc}") from None
            risk = saferegex.problem(p)
            if risk:
                raise ValueError(f"pattern {p!r} could take hours on some text: {risk}")
        advice = params.get("advice")
        self.advice = (Suggestion(str(advice)),) if advice else ()
        self.skip = set(params.get("skip-blocks") or [])

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        for index, block in enumerate(ctx.document.blocks):
            if block.kind.value in self.skip:
                continue
            spans: list[tuple[int, int]] = []
            if self.matcher is not None:
                spans.extend((t.start, t.end) for t in self.matcher.find(block.text))
            for pattern in self.patterns:
                for m in pattern.finditer(block.text):
                    if "flag" in pattern.groupindex and m.group("flag") is not None:
                        spans.append((m.start("flag"), m.end("flag")))
                    elif m.end() > m.start():
                        spans.append((m.start(), m.end()))
            last = -1
            for start, end in sorted(set(spans)):
                if start < last:
                    continue
                last = end
                text = block.text[start:end]
                yield Hit(
                    block_index=index,
                    start=start,
                    end=end,
                    message=format_message(rule.message, text=" ".join(text.split())),
                    suggestions=self.advice,
                )
