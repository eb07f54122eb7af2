"""The token-pattern kind: spaCy Matcher patterns over tagged or parsed text.

``patterns`` is a list of spaCy token patterns (each a list of token specs such as
``{LEMMA: make}``, ``{POS: DET, OP: "?"}``). ``level`` is ``tags`` (parts of speech and lemmas)
or ``parse`` (adds dependencies). ``advice`` is shown as a suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from plainlint.kinds import Kind, format_message, register
from plainlint.model import Hit, Suggestion

if TYPE_CHECKING:
    from plainlint.engine import Context
    from plainlint.rules import Rule


@register
class TokenPattern(Kind):
    name = "token-pattern"
    params: ClassVar[dict[str, str]] = {
        "patterns": "spaCy Matcher token patterns",
        "level": "tags or parse: the analysis the patterns need",
        "advice": "what to do instead, shown as a suggestion",
    }

    def __init__(self, rule_id: str, params: dict[str, Any]) -> None:
        super().__init__(rule_id, params)
        patterns = params.get("patterns")
        if not isinstance(patterns, list) or not patterns:
            raise ValueError("'patterns' must be a non-empty list of token patterns")
        for p in patterns:
            if not isinstance(p, list) or not all(isinstance(t, dict) for t in p):
                raise ValueError("each pattern is a list of token specs (mappings)")
        self.patterns = patterns
        self.level = params.get("level", "tags")
        if self.level not in ("tags", "parse"):
            raise ValueError("'level' must be tags or parse")
        self.needs = frozenset({self.level})
        advice = params.get("advice")
        self.advice = (Suggestion(str(advice)),) if advice else ()
        self._matcher: Any = None

    def matcher(self, vocab: Any) -> Any:
        if self._matcher is None or self._matcher.vocab is not vocab:
            from spacy.matcher import Matcher

            m = Matcher(vocab, validate=True)
            m.add(self.rule_id, self.patterns, greedy="LONGEST")
            self._matcher = m
        return self._matcher

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        for index, doc in ctx.docs(self.level):
            matcher = self.matcher(doc.vocab)
            spans = sorted(matcher(doc, as_spans=True), key=lambda s: s.start_char)
            last = -1
            for span in spans:
                if span.start_char < last:
                    continue
                last = span.end_char
                yield Hit(
                    block_index=index,
                    start=span.start_char,
                    end=span.end_char,
                    message=format_message(rule.message, text=" ".join(span.text.split())),
                    suggestions=self.advice,
                )
