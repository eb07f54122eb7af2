"""One finding per term per document, and terms explained where they are used (issue #15).

jargon, person-first and explain-term report a term once, at its first use, with the other uses
in the message and as exact ``related`` places in JSON; plain-words stays per occurrence. A term
explained where it is first used is not reported; explain-term accepts a definition ("is a"),
the next sentence ("This means") or a link whose text is the term, jargon only an explanation in
the same sentence that says so. --diff-base is tried with real git.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import json_out, lint, texts
from tests.gitrepo import Repo

PAGE = """# Our plan

We asked stakeholders what matters. Please utilise the form.

Some stakeholders wrote to us, and we will utilise their ideas.

- Stakeholders will see the results in May.
"""


def test_a_jargon_term_is_one_finding_at_its_first_use_with_the_others_related() -> None:
    result = lint(PAGE, "markdown", select=["jargon", "plain-words"])
    jargon = [f for f in result.findings if f.rule == "jargon"]
    assert [(f.line, f.text) for f in jargon] == [(3, "stakeholders")]
    (first,) = jargon
    assert "Used 2 more times in this document (lines 5 and 7)" in first.message
    assert [(r["line"], r["text"]) for r in first.related] == [(5, "stakeholders"),
                                                              (7, "Stakeholders")]
    for r in first.related:  # exact places, never searched for
        assert PAGE[r["offset"]:r["end_offset"]] == r["text"]
        line_start = sum(len(x) for x in PAGE.splitlines(keepends=True)[: r["line"] - 1])
        assert r["offset"] - line_start + 1 == r["column"]
    # plain-words stays per occurrence: plainlint fix changes every one.
    assert texts(result.findings, "plain-words") == ["utilise", "utilise"]


def test_related_places_are_in_the_json_output(cli, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(PAGE, encoding="utf-8")
    data = json_out(cli("check", "--format", "json", "--select", "jargon", "a.md"))
    (finding,) = data["files"][0]["findings"]
    assert finding["text"] == "stakeholders"
    assert [r["line"] for r in finding["related"]] == [5, 7]
    assert set(finding["related"][0]) == {"line", "column", "end_line", "end_column",
                                          "offset", "end_offset", "text"}


def test_a_suppressed_first_use_passes_the_finding_to_the_next() -> None:
    text = ("<!-- plainlint-disable-next-line jargon -->\nOur stakeholders met.\n\n"
            "The stakeholders agreed.\n")
    result = lint(text, "markdown", select=["jargon"])
    assert [(f.line, f.text, f.related) for f in result.findings] == [(4, "stakeholders", [])]


def test_person_first_reports_a_label_once() -> None:
    text = "Activities for the elderly.\n\nTransport for the elderly.\n"
    result = lint(text, "markdown", select=["person-first"])
    assert [(f.line, len(f.related)) for f in result.findings] == [(1, 1)]


@pytest.mark.parametrize(("text", "term"), [
    ("If you do not pay, we will apply for a liability order (a court order that lets us "
     "take money from your wages).", "a liability order"),
    ("A liability order is a court order that lets us take further steps to collect the debt.",
     "a liability order"),
    ("If you do not pay, we will apply for a liability order. This means a court lets us take "
     "money from your wages.", "a liability order"),
    ("The court can make an order called a liability order.", "a liability order"),
    ("You can get care in your own home (known as domiciliary care) after a stay in hospital.",
     "domiciliary care"),
    ("You may be able to get a discretionary housing payment, which means extra money from us "
     "towards your rent.", "a discretionary housing payment"),
])
def test_explain_term_is_quiet_when_the_first_use_explains_the_term(text: str, term: str) -> None:
    later = f"{text} Later in the letter we mention {term} again."
    assert lint(later, "text", select=["explain-term"]).findings == []


def test_explain_term_accepts_a_link_whose_text_is_the_term() -> None:
    text = "Read about [council tax reduction](https://example.org/ctr) before you apply.\n"
    assert lint(text, "markdown", select=["explain-term"]).findings == []


def test_explain_term_reports_the_first_unexplained_use_once_with_what_it_means() -> None:
    text = ("If you do not pay, we will apply for a liability order.\n\n"
            "A liability order lets us take money from your wages.\n")
    (finding,) = lint(text, "markdown", select=["explain-term"]).findings
    assert (finding.line, finding.text) == (1, "liability order")
    assert finding.severity.label == "suggestion"
    assert "explain it the first time" in finding.message
    assert "magistrates' court" in finding.message  # the glossary's plain explanation
    assert [r["line"] for r in finding.related] == [3]


def test_explanation_too_late_does_not_excuse_the_first_use() -> None:
    text = ("We will apply for a liability order.\n\n"
            "A liability order is a court order that lets us collect the debt.\n")
    (finding,) = lint(text, "markdown", select=["explain-term"]).findings
    assert finding.line == 1


@pytest.mark.parametrize(("text", "expected"), [
    # Explained in the same sentence: not reported.
    ("We believe in co-production, which means working together as equals.", []),
    ("Short-term support at home (known as reablement) is free for six weeks.", []),
    # Used, not defined: a predicate is not an explanation for jargon.
    ("Co-production is a key part of our plan.", ["Co-production", "key"]),
    ("We believe in co-production. It is a big change for us.", ["co-production"]),
])
def test_jargon_explained_in_the_same_sentence_is_not_reported(
    text: str, expected: list[str]
) -> None:
    assert texts(lint(text, "text", select=["jargon"]).findings) == expected


def test_quoted_text_is_checked_but_a_word_talked_about_is_not() -> None:
    text = ("The plan says \u201cwe will engage stakeholders\u201d. "
            "We have stopped using the word \u2018synergy\u2019.")
    assert texts(lint(text, "text", select=["jargon"]).findings) == ["engage", "stakeholders"]


def test_diff_base_reports_a_term_new_in_the_changed_lines_only(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repo(tmp_path / "content")
    repo.write("page.md", "# Care\n\nOur stakeholders met in May.\n\nBins go out on Monday.\n")
    repo.commit("base")
    repo.branch("feature")
    repo.write("page.md", "# Care\n\nOur stakeholders met in May.\n\nBins go out on Monday.\n\n"
               "More stakeholders joined, and co-production starts in June.\n\n"
               "Co-production means working with residents.\n")
    repo.commit("edit")
    monkeypatch.chdir(repo.root)
    data = json_out(cli("check", "--diff-base", "main", "--format", "json",
                        "--select", "jargon", "page.md"))
    got = [(f["line"], f["text"], [r["line"] for r in f.get("related", [])])
           for f in data["files"][0]["findings"]]
    # stakeholders was already on an unchanged line: its one finding is there, so nothing new.
    # co-production is new: its first use is in the changed lines, with the later use related.
    assert got == [(7, "co-production", [9])]


def test_a_heading_that_asks_what_a_term_is_explains_it() -> None:
    text = "# What is a liability order?\n\nIt is an order from the magistrates' court.\n"
    assert lint(text, "markdown", select=["explain-term"]).findings == []


def test_a_link_on_a_jargon_word_does_not_explain_it() -> None:
    text = "Read our [co-production](https://example.org/cp) charter.\n"
    assert texts(lint(text, "markdown", select=["jargon"]).findings) == ["co-production"]
