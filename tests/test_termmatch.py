"""The term matcher's context and proper-name checks, on entries built from real YAML data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plainlint.glossary import GlossaryError, _entry
from plainlint.termmatch import TermMatcher
from tests.conftest import lint, texts


def entry(term: str, **fields: Any):  # type: ignore[no-untyped-def]
    raw = {"term": term, "explanation": "A test term.", **fields}
    return _entry(raw, {"rule": "jargon"}, "test entry", "test.yaml")


def found(text: str, *entries: Any) -> list[str]:
    return [text[m.start : m.end] for m in TermMatcher(entries).find(text)]


# -- reach: a context word a few words away, within the same phrase ---------------------------

DELIVER = entry("deliver", inflect="verb", context={"before": ["savings", "improvements"],
                                                    "reach": 3})


@pytest.mark.parametrize("text", [
    "We will deliver savings next year.",
    "We will deliver robust improvements.",
    "We will deliver £2.4m of savings.",
    "We will deliver cashable savings of £2.4m.",
])
def test_reach_finds_a_context_word_a_few_words_on(text: str) -> None:
    assert found(text, DELIVER) == ["deliver"]


@pytest.mark.parametrize("text", [
    "We deliver the leaflets to homes that made savings.",  # 'to' ends the phrase
    "We deliver meals, and savings are made.",  # punctuation ends it
    "We deliver the new blue recycling bags with savings tips.",  # too far away
    "We deliver it.",
])
def test_reach_stops_at_phrase_ends_punctuation_and_distance(text: str) -> None:
    assert found(text, DELIVER) == []


def test_without_reach_only_the_next_word_counts() -> None:
    near = entry("deliver", inflect="verb", context={"before": ["savings"]})
    assert found("We deliver savings.", near) == ["deliver"]
    assert found("We deliver big savings.", near) == []


def test_reach_applies_to_words_before_the_match_too() -> None:
    impact = entry("impact", context={"after": ["will"], "reach": 2})
    assert found("It will badly impact on homes.", impact) == ["impact"]
    assert found("It will, sadly, impact on homes.", impact) == []  # punctuation between
    assert found("The impact on homes will be small.", impact) == []


def test_a_phrase_ending_word_still_counts_as_the_nearest_word() -> None:
    cascade = entry("cascade", context={"before": ["to"], "reach": 3})
    assert found("Managers cascade to their teams.", cascade) == ["cascade"]
    assert found("A cascade of water ran to the drain.", cascade) == []


# -- phrases: context items of several words --------------------------------------------------

def test_phrase_in_before_must_follow_directly_in_order() -> None:
    e = entry("deliver", inflect="verb", context={"before": ["on our", "on promise*"]})
    assert found("We will deliver on our plan.", e) == ["deliver"]
    assert found("We delivered on promises.", e) == ["delivered"]
    assert found("Your bin will be delivered on Thursday.", e) == []
    assert found("We will deliver our plan on time.", e) == []


def test_phrase_in_not_after_is_written_in_reading_order() -> None:
    e = entry("assistance", context={"not_after": ["advice and"]})
    assert found("We give advice and assistance.", e) == []
    assert found("We give help and assistance.", e) == ["assistance"]
    assert found("Ask for assistance and advice.", e) == ["assistance"]


def test_phrase_items_ignore_reach_and_need_every_word() -> None:
    e = entry("suffer from", inflect="verb", context={"not_before": ["a shortage"], "reach": 3})
    assert found("Services suffered from a shortage of drivers.", e) == []
    assert found("She suffers from a rare condition.", e) == ["suffers from"]
    assert found("Services suffered from a long shortage.", e) == ["suffered from"]


# -- validation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("reach", [0, 5, True, "2", 1.5])
def test_reach_must_be_a_small_whole_number(reach: Any) -> None:
    with pytest.raises(GlossaryError, match="reach must be a whole number"):
        entry("deliver", context={"before": ["savings"], "reach": reach})


def test_reach_needs_a_word_list() -> None:
    with pytest.raises(GlossaryError, match="reach needs"):
        entry("deliver", context={"pos": ["VERB"], "reach": 2})


@pytest.mark.parametrize("item", ["sav*ings", "**", "on *"])
def test_a_star_may_only_end_a_word(item: str) -> None:
    with pytest.raises(GlossaryError, match="must be words"):
        entry("deliver", context={"before": [item]})


KEY = entry("key", context={"before": ["*"], "not_before": ["worker*"]})


@pytest.mark.parametrize(("text", "expected"), [
    ("Our key priorities are jobs and homes.", ["key"]),
    ("The key is under the mat.", []),  # a little word after it: not a word of its phrase
    ("Bring your key.", []),  # punctuation after it
    ("Key workers can apply.", []),
    ("The key 2024 figures are below.", []),  # a number is not a word
])
def test_a_lone_star_stands_for_any_word_of_the_phrase(text: str, expected: list[str]) -> None:
    assert found(text, KEY) == expected


def test_phrase_items_are_normalised_to_single_spaces() -> None:
    e = entry("deliver", context={"before": ["On   Our"]})
    assert e.context.before == ("on our",)


# -- proper names that start a sentence -------------------------------------------------------

SUBSEQUENT = entry("subsequent")
COMMISSIONING = entry("commissioning")


def test_a_sentence_opening_word_before_a_preposition_is_not_a_name() -> None:
    assert found("Subsequent to Cabinet's decision, funding was released.",
                 SUBSEQUENT) == ["Subsequent"]
    assert found("Notes. Subsequent to Cabinet's decision, funding was released.",
                 SUBSEQUENT) == ["Subsequent"]


@pytest.mark.parametrize("text", [
    "Commissioning Support Unit staff process the data.",
    "Commissioning and Procurement Team members will reply.",
    "The Integrated Commissioning Board met on Tuesday.",
    "Ask the Joint Commissioning for Older People team.",
])
def test_names_written_in_capitals_are_still_names(text: str) -> None:
    assert found(text, COMMISSIONING) == []


def test_the_real_glossary_on_sentence_openers() -> None:
    result = lint("Subsequent to Cabinet's decision, a first tranche was released.",
                  select=["plain-words", "jargon"])
    assert texts(result.findings) == ["Subsequent to", "tranche"]
    result = lint("The Safeguarding Adults Board meets in public.", select=["jargon"])
    assert texts(result.findings) == []


# -- quotations: checked, unless the word is talked about as a word ----------------------------

ROBUST = entry("robust")


@pytest.mark.parametrize("text", [
    'The word "robust" appears 14 times.',
    "(\u2018robust\u2019 is on our list of words to avoid.)",
    "This is what we mean by \u201crobust\u201d in this plan.",
    "Avoid the term 'robust' in letters.",
    '"Robust" is a word we try not to use.',
])
def test_a_word_quoted_as_a_word_is_not_flagged(text: str) -> None:
    assert found(text, ROBUST) == []


@pytest.mark.parametrize("text", [
    # A council quoting its own plan (or anyone else) is still putting the words in front of
    # residents (issue #15).
    'Our plan says that "we will have robust plans for every ward".',
    "The plan promises \u201crobust plans for every ward\u201d.",
    "The plan promises \u2018robust plans for every ward\u2019.",
    "The plan promises 'robust plans for every ward'.",
    "We have \u201crobust\u201d plans.",
    "We have robust plans.",
    "Residents' groups have robust plans.",  # an apostrophe is not a quotation mark
    "The council's plan isn't robust.",
    'A 12" pipe gives a robust supply.',  # an inch mark does not open a quotation
    '"We have robust plans',  # never closed: not a quotation
    "'We have robust plans",
    "We said 'no' to the plan; a robust reply.",
])
def test_words_outside_quotations_are_flagged(text: str) -> None:
    assert found(text, ROBUST) == ["robust"]


def test_quotations_pair_marks_and_skip_apostrophes() -> None:
    from plainlint.termmatch import quotations

    text = "We asked for residents' views on the 'Better Lives' plan and \"Our Place\"."
    assert [text[a:b] for a, b in quotations(text)] == ["Better Lives", "Our Place"]
    far = "'" + "word " * 100 + "robust'"
    assert quotations(far) == []  # a single mark pairs only with one a few hundred characters on


def test_the_real_rules_check_quoted_text_but_not_a_word_talked_about() -> None:
    text = ('Our charter says: "Stakeholders will be consulted." '
            "We no longer use the word \u2018stakeholders\u2019.")
    result = lint(text, select=["jargon"])
    assert texts(result.findings) == ["Stakeholders"]


@pytest.mark.parametrize(("verb", "past", "ing", "third"), [
    ("submit", "submitted", "submitting", "submits"),
    # A hyphenated prefix leaves the stem's own rules to work: doubling, irregular forms.
    ("re-submit", "re-submitted", "re-submitting", "re-submits"),
    ("re-set", "re-set", "re-setting", "re-sets"),
    ("co-produce", "co-produced", "co-producing", "co-produces"),
])
def test_verb_forms_are_made_on_the_stem(verb: str, past: str, ing: str, third: str) -> None:
    from plainlint import inflect

    assert (inflect.past(verb), inflect.present_participle(verb),
            inflect.third_person(verb)) == (past, ing, third)


# -- glossary errors name the file and the line -------------------------------------------------


@pytest.mark.parametrize(("body", "reason"), [
    ("  - term: stakeholder\n    explanation: People.\n  - term: Stakeholder\n"
     "    explanation: Again.\n", "the same term is already entry 1 at line 3"),
    ("  - term: stakeholder\n", "'explanation' is required"),
    ("  - term: deliver\n    explanation: X.\n    context: {before: ['sav*ings']}\n",
     "must be words separated by spaces"),
])
def test_glossary_errors_name_file_and_line(
    tmp_path: Path, body: str, reason: str
) -> None:
    from plainlint.glossary import load_file

    path = tmp_path / "terms.yaml"
    path.write_text("rule: jargon\nentries:\n" + body, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:"), message
    assert reason in message, message
    assert "\n" not in message


def test_a_name_in_capitals_may_have_little_words_inside_the_term() -> None:
    text = "Report it to the Overview and Scrutiny Committee. Our overview and scrutiny work."
    result = lint(text, select=["explain-term"])
    assert texts(result.findings) == ["overview and scrutiny"]
