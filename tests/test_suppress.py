"""Inline suppression comments in Markdown and HTML."""

from __future__ import annotations

from tests.conftest import lint, texts


def test_disable_enable_region() -> None:
    md = (
        "Stakeholders one.\n\n<!-- plainlint-disable jargon -- quoting the minutes -->\n\n"
        "Stakeholders two.\n\n<!-- plainlint-enable -->\n\nStakeholders three.\n"
    )
    result = lint(md, "markdown", select=["jargon"])
    # One finding per term: the suppressed use on line 5 is not among its other uses.
    assert [(f.line, [r["line"] for r in f.related]) for f in result.findings] == [(1, [9])]


def test_disable_all_rules_and_enable_some() -> None:
    md = (
        "<!-- plainlint-disable -->\nThe elderly stakeholders.\n"
        "<!-- plainlint-enable person-first -->\n\nThe elderly stakeholders.\n"
    )
    result = lint(md, "markdown", select=["jargon", "person-first"])
    assert [(f.rule, f.line) for f in result.findings] == [("person-first", 5)]


def test_disable_next_line_applies_to_one_line_only() -> None:
    md = (
        "<!-- plainlint-disable-next-line jargon -->\n"
        "Stakeholders first line,\nstakeholders second line.\n"
    )
    result = lint(md, "markdown", select=["jargon"])
    assert [f.line for f in result.findings] == [3]


def test_next_line_skips_blank_lines_and_other_rules_still_report() -> None:
    md = "<!-- plainlint-disable-next-line person-first -->\n\nThe elderly stakeholders.\n"
    result = lint(md, "markdown", select=["jargon", "person-first"])
    assert [f.rule for f in result.findings] == ["jargon"]


def test_inline_comment_in_paragraph_and_html_comment() -> None:
    md = "Stakeholders <!-- plainlint-disable jargon --> stakeholders.\n"
    assert [f.column for f in lint(md, "markdown", select=["jargon"]).findings] == [1]
    html = "<p>stakeholders</p><!-- plainlint-disable-next-line --><p>x</p>\n<p>stakeholders</p>"
    assert texts(lint(html, "html", select=["jargon"]).findings) == ["stakeholders"]


def test_unused_suppressions_are_reported_when_asked() -> None:
    md = (
        "<!-- plainlint-disable-next-line jargon -->\nNothing to see.\n\n"
        "<!-- plainlint-disable-next-line jargon -->\nStakeholders here.\n"
    )
    result = lint(md, "markdown", select=["jargon", "unused-suppression"])
    assert [(f.rule, f.line) for f in result.findings] == [("unused-suppression", 1)]
    assert result.findings[0].text == "<!-- plainlint-disable-next-line jargon -->"
    quiet = lint(md, "markdown", select=["jargon"])
    assert quiet.findings == []


def test_bad_rule_name_in_directive_is_a_warning() -> None:
    md = "<!-- plainlint-disable Jargon! -->\nStakeholders.\n"
    result = lint(md, "markdown", select=["jargon"])
    assert any("not a rule id" in w for w in result.warnings)
