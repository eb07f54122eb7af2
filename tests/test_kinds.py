"""The rule kinds, driven by rules written as data, with the real spaCy pipeline."""

from __future__ import annotations

import textwrap

import pytest

from plainlint import yamlutil
from plainlint.api import check_text
from plainlint.rules import Registry, RuleError, parse_rule
from tests.conftest import lint

DOCS = textwrap.dedent("""\
    docs:
      what: w
      why: y
      example: e
      instead: i
      source: s
    examples:
      trigger: ["x"]
      pass: ["y"]
""")


def rule_from(yaml_text: str):  # type: ignore[no-untyped-def]
    return parse_rule(yamlutil.load(textwrap.dedent(yaml_text) + DOCS), "test.yaml")


def run(rule, text: str, fmt: str = "text"):  # type: ignore[no-untyped-def]
    return check_text(text, fmt=fmt, registry=Registry([rule]), select=[rule.id]).findings


def test_token_pattern_kind_uses_lemmas_from_the_real_tagger() -> None:
    rule = rule_from("""\
        id: make-decision
        family: plain-language
        kind: token-pattern
        severity: suggestion
        message: "“{text}” hides a verb: say 'decide'."
        level: tags
        patterns:
          - [{LEMMA: make}, {POS: DET, OP: "?"}, {LOWER: {IN: [decision, decisions]}}]
        advice: decide
    """)
    found = run(rule, "The panel made a decision. They are making decisions. Decisions matter.")
    assert [f.text for f in found] == ["made a decision", "making decisions"]
    assert found[0].suggestions[0].text == "decide"


def test_token_pattern_parse_level_sees_dependencies() -> None:
    rule = rule_from("""\
        id: passive-ish
        family: readability
        kind: token-pattern
        severity: suggestion
        message: passive
        level: parse
        patterns:
          - [{DEP: auxpass}, {DEP: {IN: [advmod, neg]}, OP: "*"}, {TAG: VBN}]
    """)
    found = run(rule, "Residents will be assessed. We are interested in your views.")
    assert [f.text for f in found] == ["be assessed"]


def test_substitution_with_part_of_speech_context() -> None:
    rule = rule_from("""\
        id: impact-verb
        family: plain-language
        kind: substitution
        severity: suggestion
        message: "“{text}” as a verb"
        swaps:
          - term: impact
            inflect: verb
            explanation: Using impact as a verb.
            alternatives: [affect]
            context:
              pos: [VERB]
    """)
    found = run(rule, "The closure will impact residents. The impact was small.")
    assert [(f.text, f.suggestions[0].text) for f in found] == [("impact", "affect")]
    found = run(rule, "Road works impacted bus routes.")
    assert [(f.text, f.suggestions[0].text) for f in found] == [("impacted", "affected")]


def test_existence_kind_tokens_and_patterns() -> None:
    rule = rule_from("""\
        id: and-or-test
        family: plain-language
        kind: existence
        severity: suggestion
        message: "Avoid “{text}”."
        tokens: [and/or]
        patterns: ['\\b(?P<flag>[A-Z]{4,})\\b']
        advice: say "and", "or", or both
    """)
    found = run(rule, "Bring ID and/or a bill. PLEASE do not SHOUT.")
    assert [f.text for f in found] == ["and/or", "PLEASE", "SHOUT"]


def test_occurrence_kind_counts_words_per_sentence() -> None:
    rule = rule_from("""\
        id: long-ones
        family: readability
        kind: occurrence
        severity: suggestion
        message: "This sentence has {count} words; the limit is {max}."
        scope: sentence
        count: words
        options:
          max: 5
    """)
    text = "One two three. This one has rather more than five words in it. Short again."
    found = run(rule, text)
    assert [f.text for f in found] == ["This one has rather more than five words in it."]
    assert found[0].message == "This sentence has 10 words; the limit is 5."


@pytest.mark.parametrize(("change", "error"), [
    ("kind: nonsense", "unknown kind 'nonsense'"),
    ("id: Not_Kebab", "'id' must be kebab-case"),
    ("severity: loud", "unknown severity"),
    ("family: other", "'family' must be one of"),
    ("surprise: 1", "unknown field(s) surprise"),
])
def test_rule_definitions_are_validated(change: str, error: str) -> None:
    base = {
        "id": "x-rule", "family": "plain-language", "kind": "existence",
        "severity": "warning", "message": "m", "tokens": ["a"],
    }
    key, value = change.split(": ")
    data = {**base, **yamlutil.load(f"{key}: {value}")} | yamlutil.load(DOCS)
    with pytest.raises(RuleError, match=error.replace("(", r"\(").replace(")", r"\)")):
        parse_rule(data, "r.yaml")


def test_rule_without_near_misses_does_not_load() -> None:
    data = yamlutil.load(textwrap.dedent("""\
        id: x-rule
        family: plain-language
        kind: existence
        severity: warning
        message: m
        tokens: [a]
        docs: {what: w, why: y, example: e, instead: i, source: s}
        examples:
          trigger: ["a"]
    """))
    with pytest.raises(RuleError, match="near-misses"):
        parse_rule(data, "r.yaml")


def test_alternatives_with_commas_are_set_apart_in_messages() -> None:
    """An alternative that lists things ("name the people: residents, tenants, ...") is kept
    apart from the next with "; ", in the message and in the text report's "(try: ...)"."""
    from plainlint.reporters.text import finding_line

    (f,) = lint("Our stakeholders met in May.", select=["jargon"]).findings
    assert "local groups; people with an interest" in finding_line(f, "a.md")
    (g,) = lint("We use the portal.", select=["jargon"]).findings
    assert "(try: website, online account" in finding_line(g, "a.md")


def test_placeholder_advice_takes_the_capital_of_the_words_it_replaces() -> None:
    (f,) = lint("In the event of a fire, leave by the nearest exit.",
                select=["plain-words"]).findings
    assert [s.text for s in f.suggestions] == ["If there is", "If [x] happens"]
