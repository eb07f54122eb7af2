"""Passive voice: the quality bar on labelled council sentences, the cheap filter in front of
the parser, and the questions and rewrites in the messages. All with the real pipeline."""

from __future__ import annotations

import pytest

from plainlint import nlp, passive
from plainlint.config import Config
from tests import labelled
from tests.conftest import assert_positions, lint


@pytest.mark.parametrize("name", labelled.PASSIVE_SETS)
def test_precision_and_recall_on_labelled_sets(name: str) -> None:
    score = labelled.score_passive(name)
    assert score.sentences >= 100
    assert score.passives >= 40 and score.sentences - score.passives >= 40
    assert score.precision >= 0.9, (score.precision, score.wrong)
    assert score.recall >= 0.8, (score.recall, score.wrong)


@pytest.mark.parametrize("name", labelled.PASSIVE_SETS)
def test_filter_never_drops_a_passive(name: str) -> None:
    """The filter decides what is parsed: a passive it drops can never be found."""
    score = labelled.score_passive(name)
    assert score.filter_missed == 0


def test_filter_skips_sentences_that_cannot_be_passive() -> None:
    assert not passive.could_be_passive("We collect bins every Monday.")
    assert not passive.could_be_passive("Please call us if you need help.")
    assert passive.could_be_passive("Bins are collected every Monday.")
    assert passive.could_be_passive("You'll be sent a letter.")


def _find(text: str) -> list[passive.Passive]:
    return passive.find(nlp.analyse([text], "parse")[0])


@pytest.mark.parametrize(
    ("text", "span", "question", "rewrite"),
    [
        ("Your application will be assessed within 28 days.", "will be assessed",
         "Who will assess your application?", "we will assess your application"),
        ("Bins are collected every other Monday.", "are collected",
         "Who collects bins?", "we collect bins"),
        ("Your bin was not emptied.", "was not emptied",
         "Who did not empty your bin?", "we did not empty your bin"),
        ("Your details have been passed to the housing team.", "have been passed",
         "Who has passed your details?", "we have passed your details"),
        ("You are required to pay the full amount.", "are required",
         "Who requires you to pay the full amount?", "we require you to pay the full amount"),
        ("The old leisure centre is being demolished.", "is being demolished",
         "Who is demolishing the old leisure centre?", "we are demolishing the old leisure centre"),
        ("Residents got fined for leaving bags out.", "got fined",
         "Who fined residents?", "we fined residents"),
        ("We were told about the change.", "were told", "Who told us?", None),
    ],
)
def test_questions_and_rewrites(text: str, span: str, question: str, rewrite: str | None
                                ) -> None:
    [p] = _find(text)
    assert text[p.start:p.end] == span
    assert p.agent is None
    assert p.question == question
    assert p.rewrite == rewrite


def test_a_named_doer_goes_first() -> None:
    [p] = _find("Decisions about your care are made by a panel.")
    assert p.agent == "a panel"
    assert p.question is None
    assert p.rewrite == "a panel makes decisions"


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        ("Support for older people is arranged by us.", "we arrange support"),
        ("Your form was checked by me.", "I checked your form"),
        ("The plan is being written by them.", "they are writing the plan"),
        ("The plan is being written by me.", "I am writing the plan"),
        ("The hall is run by her.", "she runs the hall"),
    ],
)
def test_a_pronoun_doer_becomes_the_subject(text: str, rewrite: str) -> None:
    [p] = _find(text)
    assert p.rewrite == rewrite


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        # Dropping the adverb would change the meaning: the bin was emptied, badly.
        ("Your bin was not emptied properly last week.", "we did not empty your bin properly"),
        ("A repair was not done well.", "we did not do a repair well"),
        ("The work was done quickly by our team.", "our team did the work quickly"),
        ("Universal Credit is paid monthly.", "we pay Universal Credit monthly"),
        # Words that qualify the whole clause stay out of the rewrite.
        ("Your bin is also collected.", "we collect your bin"),
    ],
)
def test_how_it_is_done_stays_in_the_rewrite(text: str, rewrite: str) -> None:
    [p] = _find(text)
    assert p.rewrite == rewrite


@pytest.mark.parametrize(
    ("text", "span", "rewrite"),
    [
        # The tokenizer splits "co-produced" into three; one finding, for the whole word.
        ("Our plans will be\nco-produced with people who use services.", "will be\nco-produced",
         "we will co-produce our plans"),
        ("The plan will be co-produced with residents.", "will be co-produced",
         "we will co-produce the plan"),
        ("The service was co-designed by carers.", "was co-designed",
         "carers co-designed the service"),
        ("The form was re-submitted.", "was re-submitted", "we re-submitted the form"),
        # Fixed phrases keep their noun, after the object.
        ("Your views are taken into account.", "are taken", "we take your views into account"),
        ("This strategy is put into practice.", "is put", "we put this strategy into practice"),
        # Both halves of a doer, and a name with "and" in it stays singular.
        ("The plan was written by parents and carers.", "was written",
         "parents and carers wrote the plan"),
        ("Targets are reviewed by the Health and Wellbeing Board.", "are reviewed",
         "the Health and Wellbeing Board reviews targets"),
        ("The report was signed by the chair and the vice-chair.", "was signed",
         "the chair and the vice-chair signed the report"),
        # A sentence's capital goes; a name's stays.
        ("Contaminated bins will not be emptied.", "will not be emptied",
         "we will not empty contaminated bins"),
        ("Mohammed was told about the change.", "was told", "we told Mohammed"),
        # A clause whose words the parse hangs out of order ("what" under "pay").
        ("People are financially assessed to work out what they can afford to pay.",
         "are financially assessed", "we assess people to work out what they can afford to pay"),
    ],
)
def test_split_words_fixed_phrases_and_joint_doers(text: str, span: str, rewrite: str) -> None:
    [p] = _find(text)
    assert text[p.start:p.end] == span
    assert p.rewrite == rewrite


def test_by_a_time_or_a_means_is_not_a_doer() -> None:
    [p] = _find("A decision will be made by the end of the month.")
    assert p.agent is None
    assert p.question == "Who will make a decision?"


@pytest.mark.parametrize(
    "text",
    [
        "We are interested in your views.",
        "The office is closed on Mondays.",
        "The centre is located on the High Street.",
        "We were surprised by the result.",
        "Our staff are well qualified.",
        "This is called an assisted collection.",
        "The committee is made up of six councillors.",
        "I am used to the new system.",
    ],
)
def test_states_and_feelings_are_not_passive(text: str) -> None:
    assert _find(text) == []


def test_rule_messages_and_positions() -> None:
    source = (
        "# Getting help\n\n"
        "Your needs will be **assessed** by a social worker. Bins are collected on Mondays.\n"
    )
    result = lint(source, "markdown", select=["passive-voice"])
    assert [f.text for f in result.findings] == ["will be **assessed", "are collected"]
    first, second = result.findings
    assert "Put them first: “a social worker will assess your needs”" in first.message
    assert second.message == (
        "“are collected” does not say who does it. Who collects bins? "
        "If it is us, say “we collect bins”."
    )
    assert second.data["question"] == "Who collects bins?"
    assert [s.text for s in second.suggestions] == ["we collect bins"]
    assert_positions(source, result.findings)


def test_with_doer_option() -> None:
    text = "Decisions are made by a panel. Bins are collected on Mondays."
    config = Config(rules={"passive-voice": {"with-doer": False}})
    found = lint(text, select=["passive-voice"], config=config)
    assert [f.text for f in found.findings] == ["are collected"]


# -- who could be the doer: the reader or the council ----------------------------------------

LETTER = (
    "Dear resident\n\n"
    "Our records show that the instalment due on 1 November has not been paid. "
    "Please pay the full amount by 15 December. Your application will be assessed within "
    "28 days. Missed collections must be reported within two working days. You choose how "
    "your budget is spent. Bins are collected every Monday. Your new bill is enclosed. "
    "A copy of your payslip must be attached.\n"
)


def _advice(text: str) -> dict[str, tuple[str, list[str]]]:
    result = lint(text, select=["passive-voice"])
    return {f.text: (f.message, [s.text for s in f.suggestions]) for f in result.findings}


def test_a_letter_to_you_offers_you_as_the_doer_of_what_readers_do() -> None:
    found = _advice(LETTER)
    message, suggestions = found["has not been paid"]
    assert "If it is you, say “you have not paid the instalment”" in message
    assert "if it is us, say “we have not paid the instalment”" in message
    assert suggestions == ["you have not paid the instalment", "we have not paid the instalment"]
    # A duty ("must be reported") and a clause under "you choose" are the reader's too.
    assert found["must be reported"][1][0] == "you must report missed collections"
    assert found["is spent"][1][0] == "you spend your budget"
    # What the council does stays "we", even when the reader owns the thing.
    assert found["will be assessed"][1] == ["we will assess your application"]
    assert found["are collected"][1] == ["we collect bins"]
    # A letter encloses the bill; a duty to attach something is the reader's.
    assert found["is enclosed"][1] == ["we enclose your new bill"]
    assert found["must be attached"][1][0] == "you must attach a copy of your payslip"


def test_a_text_not_addressed_to_you_keeps_we() -> None:
    text = ("The instalment due on 1 November has not been paid by the tenant association. "
            "The council tax for the depot has not been paid.\n")
    found = _advice(text)
    assert found["has not been paid"][1] == ["we have not paid the council tax"]


def test_the_json_rewrite_is_the_most_likely_doer() -> None:
    result = lint(LETTER, select=["passive-voice"])
    paid = next(f for f in result.findings if f.text == "has not been paid")
    assert paid.data["rewrite"] == "you have not paid the instalment"


@pytest.mark.parametrize("text", [
    "The support we offer is child-centred.",
    "Our new service is community driven.",
    "Some of our tenants are wheelchair-bound.",
    "The approach is person-centred and strengths-based.",
    "Sign the last page and you're done.",
    "She got rid of the old sofa last week.",
])
def test_adjectives_and_idioms_are_not_passives(text: str) -> None:
    assert _find(text) == []


@pytest.mark.parametrize("text", [
    "The plan will be co-produced with carers.",
    "Your claim will be re-assessed next year.",
])
def test_verb_prefixes_keep_a_passive(text: str) -> None:
    assert len(_find(text)) == 1


@pytest.mark.parametrize(("text", "rewrite"), [
    ("The hall used to be cleaned by volunteers.", "volunteers used to clean the hall"),
    ("The road was going to be resurfaced by a contractor.",
     "a contractor was going to resurface the road"),
    ("The budget needs to be agreed by the cabinet.", "the cabinet needs to agree the budget"),
    ("The library was rated Excellent by the inspectors.",
     "the inspectors rated the library Excellent"),
    ("The report was shaped by what tenants told us.", "what tenants told us shaped the report"),
])
def test_the_rewrite_keeps_the_tense_and_the_named_doer(text: str, rewrite: str) -> None:
    found = _find(text)
    assert [p.rewrite for p in found] == [rewrite]


def test_what_only_residents_do_never_offers_we() -> None:
    text = ("Planning applications should be submitted online. Enforcement may follow when "
            "the licence conditions are not complied with.\n")
    found = _advice(text)
    for span in ("should be submitted", "are not complied with"):
        message, suggestions = found[span]
        assert suggestions == [], message
        assert "we " not in message and "us" not in message, message


@pytest.mark.parametrize(("text", "question", "rewrite"), [
    # A time after "by" is a deadline, not a doer.
    ("Your recycling box must be put out by 7am.", "Who must put out your recycling box?",
     "we must put out your recycling box"),
    # "what ... to be done": the patient is "what", never the council.
    ("The letter says what the council wants to be done.", "Who will do it?", None),
    # The subject of "would like" is the one assessed.
    ("If you live alone and would like to be assessed, call us.", "Who will assess you?",
     "we will assess you"),
    # A long complement is shown in the question, and no sentence is offered.
    ("Tenants are required to keep their gardens tidy and free of rubbish all year round.",
     "Who requires tenants to keep their …?", None),
    # A name keeps its capitals; "the" in front of it does not.
    ("The Carers Charter was written in 2021.", "Who wrote the Carers Charter?",
     "we wrote the Carers Charter"),
])
def test_questions_and_rewrites_that_keep_the_meaning(text: str, question: str,
                                                      rewrite: str | None) -> None:
    [p] = _find(text)
    assert (p.question, p.rewrite) == (question, rewrite)


@pytest.mark.parametrize("text", [
    "People who sleep outside are defined as rough sleepers.",
    "You are registered blind with the council.",
    "All the dates are contained in the leaflet.",
])
def test_what_something_counts_as_is_not_a_passive(text: str) -> None:
    assert _find(text) == []
