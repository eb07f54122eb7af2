"""One finding per phrase: when two rules flag exactly the same words, the rule that only
restyles them (capitals, abbreviations) gives way (docs/configuration.md)."""

from __future__ import annotations

from tests.conftest import lint


def test_capitals_give_way_to_a_plainer_alternative_on_the_same_words() -> None:
    found = lint("PLEASE NOTE the library closes early on Friday.\n").findings
    on_phrase = [f.rule for f in found if f.text == "PLEASE NOTE"]
    assert on_phrase == ["plain-words"]


def test_the_restyling_finding_comes_back_when_the_other_rule_is_off() -> None:
    found = lint("PLEASE NOTE the library closes early on Friday.\n", ignore=["plain-words"])
    assert [f.rule for f in found.findings if f.text == "PLEASE NOTE"] == ["all-caps"]


def test_different_words_keep_both_findings() -> None:
    text = "PLEASE NOTE THAT THE LIBRARY IS CLOSED ON FRIDAY.\n"
    rules = {f.rule for f in lint(text).findings}
    assert "all-caps" in rules
