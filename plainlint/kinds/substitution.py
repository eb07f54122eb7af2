"""The substitution kind: words and phrases with plainer alternatives.

A rule of this kind reports every term it knows, explains it and suggests alternatives. Terms
come from the glossary (entries whose ``rule`` is this rule's id) when ``glossary: true``, and
from the rule file's own ``swaps`` list, written like glossary entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from plainlint.glossary import Entry, GlossaryError, _entry
from plainlint.kinds import Kind, format_message, register
from plainlint.model import Hit, Suggestion
from plainlint.termmatch import TermMatcher, explained_at

if TYPE_CHECKING:
    from plainlint.engine import Context
    from plainlint.glossary import Glossary
    from plainlint.rules import Rule


@register
class Substitution(Kind):
    name = "substitution"
    params: ClassVar[dict[str, str]] = {
        "glossary": "true to use the glossary entries whose rule is this rule",
        "swaps": "a list of entries in the glossary format, for terms kept in the rule file",
        "once-per-document": "true to report each term once, at its first use, with the "
                             "other uses in the message and as related locations",
        "skip-explained": "true to leave a term alone in a document that explains it at its "
                          "first use (in brackets, 'this means', 'called', 'is a', the next "
                          "sentence, or a link whose text is the term); same-sentence to accept "
                          "only an explanation in the same sentence that says so (brackets, "
                          "'which means', 'known as', a dash)",
    }
    needs = frozenset({"text"})

    def __init__(self, rule_id: str, params: dict[str, Any]) -> None:
        super().__init__(rule_id, params)
        self.use_glossary = bool(params.get("glossary", False))
        self.once_per_document = bool(params.get("once-per-document", False))
        explained = params.get("skip-explained", False)
        if explained not in (True, False, "same-sentence"):
            raise ValueError("'skip-explained' must be true, false or same-sentence")
        self.skip_explained = bool(explained)
        self.strict_explained = explained == "same-sentence"
        swaps = params.get("swaps") or []
        if not isinstance(swaps, list):
            raise ValueError("'swaps' must be a list of entries")
        try:
            self.swaps: list[Entry] = [
                _entry(s, {"rule": rule_id}, f"swaps entry {i + 1}", "")
                for i, s in enumerate(swaps)
            ]
        except GlossaryError as exc:
            raise ValueError(str(exc)) from None
        if not self.use_glossary and not self.swaps:
            raise ValueError("a substitution rule needs 'glossary: true' or 'swaps'")
        self._matchers: WeakKeyDictionary[Glossary, TermMatcher] = WeakKeyDictionary()
        self._self_flagging: WeakKeyDictionary[Glossary, frozenset[str]] = WeakKeyDictionary()

    def entries(self, glossary: Glossary) -> list[Entry]:
        from_glossary = glossary.for_rule(self.rule_id) if self.use_glossary else []
        return [*self.swaps, *from_glossary]

    def matcher(self, glossary: Glossary) -> TermMatcher:
        m = self._matchers.get(glossary)
        if m is None:
            m = TermMatcher(self.entries(glossary))
            self._matchers[glossary] = m
            self._self_flagging[glossary] = self_flagging(m)
        return m

    def self_flagging(self, glossary: Glossary) -> frozenset[str]:
        """Terms whose safe swap this rule would flag again (see `self_flagging`)."""
        self.matcher(glossary)
        return self._self_flagging[glossary]

    def check(self, ctx: Context, rule: Rule, options: dict[str, Any]) -> Iterable[Hit]:
        matcher = self.matcher(ctx.glossary)
        unstable = self.self_flagging(ctx.glossary)
        seen: set[str] = set()  # terms already used in this document
        explained: set[str] = set()  # terms the document explains at their first use
        for index, block in enumerate(ctx.document.blocks):
            for tm in matcher.find(block.text):
                entry = tm.entry
                if tm.needs_pos and not ctx.pos_matches(index, tm.start, entry.context.pos):
                    continue
                if self.skip_explained:
                    if entry.term in explained:
                        continue
                    if entry.term not in seen and explained_at(
                        block.text, tm.start, tm.end, block.links, strict=self.strict_explained
                    ):
                        explained.add(entry.term)
                        continue
                    seen.add(entry.term)
                matched = block.text[tm.start : tm.end]
                suggestions = entry.suggestions(_form_in_context(block.text, tm), matched)
                if entry.term in unstable:
                    suggestions = _not_safe(suggestions)
                message = format_message(
                    rule.message,
                    text=" ".join(matched.split()),
                    term=entry.term,
                    explanation=entry.explanation,
                    alternatives=_joined(s.text for s in suggestions),
                )
                if entry.contested:
                    message += (
                        " Sources disagree about this term; if your team has chosen to use "
                        "it, add it to 'accept' in your configuration."
                    )
                yield Hit(
                    block_index=index,
                    start=tm.start,
                    end=tm.end,
                    message=message,
                    suggestions=suggestions,
                    severity=entry.severity,
                    term=entry.term,
                    data=({"category": entry.category} if entry.category else {}) | (
                        {"slots": dict(entry.slots)} if entry.slots else {}) or None,
                )


def _joined(texts: Iterable[str]) -> str:
    """Alternatives for a message: "use, apply"; with "; " when one has commas of its own
    ("name the people: residents, tenants, carers; people with an interest")."""
    items = list(texts)
    return ("; " if any("," in t for t in items) else ", ").join(items)


def self_flagging(matcher: TermMatcher) -> frozenset[str]:
    """Terms marked ``fix: safe`` whose first alternative, in any form, this rule flags itself.

    Fixing such a term would write words the rule flags again ("terms" -> "terms and
    conditions"), so a second `plainlint fix` would change the text again. Their swaps are
    offered as unsafe instead. The bundled glossary has none; a test keeps it that way.
    """
    from plainlint import inflect
    from plainlint.model import Applicability

    out: set[str] = set()
    entries = {id(e): e for found in matcher.by_key.values() for e, _ in found}
    for entry in entries.values():
        if entry.fix is not Applicability.SAFE or not entry.alternatives:
            continue
        alt = entry.alternatives[0]
        forms = {inflect.inflect_phrase(alt, form, entry.inflect_for(form))
                 for _, form in entry.surfaces()}
        for text in forms | {alt, alt.capitalize()}:
            if any(True for _ in matcher.find(text)):
                out.add(entry.term)
                break
    return frozenset(out)


def _not_safe(suggestions: tuple[Suggestion, ...]) -> tuple[Suggestion, ...]:
    from plainlint.model import Applicability

    return tuple(
        replace(s, applicability=Applicability.UNSAFE)
        if s.applicability is Applicability.SAFE else s
        for s in suggestions
    )


_PERFECT_OR_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|having|get|got|gets|'s|'re|'ve|'d)"
    r"(?:\s+(?:not|also|already|just|now|all|been|being|fully|jointly|successfully))*\s+$",
    re.IGNORECASE,
)


def _form_in_context(text: str, tm: Any) -> str:
    """Regular verbs look the same in the past and as a participle: "was co-produced" needs the
    participle of the alternative ("was planned and run"), "we co-produced" the past."""
    from plainlint import inflect

    if tm.form == inflect.ED and _PERFECT_OR_PASSIVE.search(text, max(0, tm.start - 60), tm.start):
        return inflect.EN
    return tm.form
