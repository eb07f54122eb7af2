"""Every rule proves it fires on its trigger examples and stays quiet on its near-misses, and
every glossary entry does the same for its own examples."""

from __future__ import annotations

import pytest

from plainlint import glossary as glossary_mod
from plainlint.rules import builtin
from tests.conftest import lint

RULES = list(builtin())


def _cases(kind: str):  # type: ignore[no-untyped-def]
    for rule in RULES:
        examples = rule.trigger if kind == "trigger" else rule.passing
        for i, ex in enumerate(examples):
            yield pytest.param(rule, ex, id=f"{rule.id}-{kind}-{i}")


@pytest.mark.parametrize(("rule", "example"), list(_cases("trigger")))
def test_rule_triggers(rule, example) -> None:  # type: ignore[no-untyped-def]
    result = lint(example.text, example.format, select=[rule.id, *example.with_rules])
    found = [f for f in result.findings if f.rule == rule.id]
    assert found, f"{rule.id} did not flag: {example.text!r}"
    if example.expect is not None:
        assert [f.text for f in found] == list(example.expect)


@pytest.mark.parametrize(("rule", "example"), list(_cases("pass")))
def test_rule_near_misses_pass(rule, example) -> None:  # type: ignore[no-untyped-def]
    result = lint(example.text, example.format, select=[rule.id, *example.with_rules])
    found = [f.text for f in result.findings if f.rule == rule.id]
    assert not found, f"{rule.id} wrongly flagged {found} in {example.text!r}"


def test_every_rule_has_docs_and_both_kinds_of_example() -> None:
    for rule in RULES:
        assert rule.trigger and rule.passing
        for field in ("what", "why", "example", "instead", "source"):
            assert getattr(rule.docs, field).strip(), (rule.id, field)


ENTRIES = glossary_mod.load().entries


def _entry_cases(kind: str):  # type: ignore[no-untyped-def]
    for e in ENTRIES:
        examples = e.examples.trigger if kind == "trigger" else e.examples.passing
        for i, text in enumerate(examples):
            yield pytest.param(e, text, id=f"{e.rule}:{e.term}-{kind}-{i}")


@pytest.mark.parametrize(("entry", "text"), list(_entry_cases("trigger")))
def test_glossary_entry_triggers(entry, text) -> None:  # type: ignore[no-untyped-def]
    result = lint(text, "text", select=[entry.rule])
    terms = [f.term for f in result.findings if f.rule == entry.rule]
    assert entry.term in terms, f"{entry.term!r} not flagged in {text!r} (found {terms})"


@pytest.mark.parametrize(("entry", "text"), list(_entry_cases("pass")))
def test_glossary_entry_near_misses_pass(entry, text) -> None:  # type: ignore[no-untyped-def]
    result = lint(text, "text", select=[entry.rule])
    flagged = [f.text for f in result.findings if f.term == entry.term]
    assert not flagged, f"{entry.term!r} wrongly flagged {flagged} in {text!r}"


def test_glossary_entries_have_trigger_examples() -> None:
    missing = [e.term for e in ENTRIES if not e.examples.trigger]
    assert not missing, f"entries without a trigger example: {missing}"


def test_context_entries_have_near_misses() -> None:
    missing = [e.term for e in ENTRIES if not e.context.empty and not e.examples.passing]
    assert not missing, f"entries with context but no near-miss: {missing}"


def test_bundled_glossary_has_no_term_twice() -> None:
    """Two entries with the same spelling would silently replace each other, and the same
    surface form in two entries (or two rules) would be reported twice."""
    from plainlint.glossary import bundled_files, load_file, term_key

    seen_terms: dict[str, str] = {}
    seen_forms: dict[str, str] = {}
    for path in bundled_files():
        for e in load_file(path):
            key = term_key(e.term)
            assert key not in seen_terms, f"{e.term!r} in {path.name} and {seen_terms[key]}"
            seen_terms[key] = path.name
            for surface, _ in e.surfaces():
                k = (term_key(surface), e.case_sensitive)
                assert str(k) not in seen_forms or seen_forms[str(k)] == e.term, (
                    f"{surface!r} is a form of {e.term!r} and {seen_forms[str(k)]!r}")
                seen_forms[str(k)] = e.term
