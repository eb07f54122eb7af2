"""The position guarantee: every finding points at the exact source characters.

``source[offset:end_offset] == text``, and line/column agree with the offsets, with CRLF line
endings, a byte-order mark, tabs, curly quotes, accents, £, emoji, and matches inside emphasis,
links, quotes, list items and table cells, in every format.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainlint.api import Checker
from plainlint.source import decode
from tests.conftest import assert_positions, lint, write

TRICKY_MD = (
    "\ufeff# Caf\u00e9 \u2018co-production\u2019 \U0001f600 plan\r\n"
    "\r\n"
    "Residents\tand **stakeholders** pay \u00a31.50 \u2014 *going\r\nforward* we "
    "[co-produce](https://x.org/stakeholders \"stakeholders\") plans.\r\n"
    "\r\n"
    "> A quote with \u201cstakeholder\u201d views and **co**-production.\r\n"
    "\r\n"
    "- \U0001f3e0 Na\u00efve stakeholders\r\n"
    "  continue going forward\r\n"
    "\r\n"
    "| Col | Stakeholders \\| here |\r\n"
    "|---|---|\r\n"
    "| \u00e9t\u00e9 stakeholders | going forward |\r\n"
    "\r\n"
    "Alt: ![stakeholders map](map.png) &amp; stakeholders&#39; views.\r\n"
)


def _source(data: str) -> str:
    return decode(data.encode("utf-8"), "t").text


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_tricky_markdown_positions(fmt: str) -> None:
    result = lint(TRICKY_MD, fmt, select=["jargon"])
    source = _source(TRICKY_MD)
    assert result.findings
    assert_positions(source, result.findings)


def _places(findings: list) -> list[tuple[int, int, int, str]]:  # type: ignore[type-arg]
    """Every place a finding points at: the findings and the other uses of their terms
    (``related``; jargon reports a term once per document)."""
    out = [(f.offset, f.line, f.column, f.text) for f in findings]
    out += [(r["offset"], r["line"], r["column"], r["text"]) for f in findings for r in f.related]
    return sorted(out)


def test_markdown_finds_each_expected_place() -> None:
    result = lint(TRICKY_MD, "markdown", select=["jargon"])
    source = _source(TRICKY_MD)
    places = _places(result.findings)
    for offset, _line, _column, text in places:  # related places are exact too
        assert source[offset : offset + len(text)] == text
    got = [(line, column, text) for _, line, column, text in places]
    # Line 3: "Residents\tand **stakeholders**": the tab is one column.
    assert (3, 17, "stakeholders") in got
    # "going\r\nforward" inside emphasis, across a CRLF line break.
    going = [f for f in result.findings if f.text.startswith("going")]
    assert going[0].text == "going\r\nforward"
    assert (going[0].line, going[0].end_line) == (3, 4)
    # Link text is checked; the URL and the link title are not.
    assert any(t == "co-produce" for _, _, t in got)
    assert source.count("stakeholders") > len([t for _, _, t in got if t == "stakeholders"])
    # "**co**-production" spans emphasis markup: the place starts at the "c" and its text is
    # the source slice, markup included.
    assert "co**-production" in [t for _, _, t in got]
    # Quoted words are checked (only a word talked about as a word is not).
    assert "stakeholder" in [t for _, _, t in got]
    # Image alt text is checked as a block of its own.
    alt = source.index("![stakeholders") + 2
    assert alt in [offset for offset, _, _, _ in places]


def test_heading_with_bom_starts_at_column_one() -> None:
    src = "\ufeffStakeholders came.\n"
    result = lint(src, "text", select=["jargon"])
    f = result.findings[0]
    assert (f.line, f.column, f.offset, f.text) == (1, 1, 0, "Stakeholders")


def test_emoji_and_astral_characters_count_as_one_column() -> None:
    src = "\U0001f600\U0001f600 stakeholders"
    f = lint(src, "text", select=["jargon"]).findings[0]
    assert (f.column, f.offset) == (4, 3)


def test_html_entities_and_tags() -> None:
    src = (
        "<html><body>\r\n<p>Our &ldquo;plan&rdquo; for <strong>stake</strong>holders "
        "&amp; going\r\n   forward.</p>\n<p title=\"stakeholders here\">Caf&eacute; "
        "co&#8209;production</p>\n<script>var stakeholders;</script>\n"
        "<img alt='stakeholders &amp; us' src=stakeholders.png></body></html>"
    )
    result = lint(src, "html", select=["jargon"])
    assert_positions(src, result.findings)
    got = [f.text for f in result.findings]
    assert "stake</strong>holders" in got  # one word split by a tag
    assert "going\r\n   forward" in got
    assert "co&#8209;production" in got  # a non-breaking hyphen written as an entity
    related = [r["text"] for f in result.findings for r in f.related]
    # title attribute and alt text (the term's other uses), not the script
    assert (got + related).count("stakeholders") == 2
    # The title attribute and the alt text are checked: their uses are exact related places.
    offsets = {r["offset"] for f in result.findings for r in f.related}
    assert {src.index("stakeholders here"), src.index("stakeholders &amp; us")} <= offsets


def test_file_read_from_disk_with_crlf_and_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "\ufeffIntro\r\n\r\nWe met stakeholders.\r\n".encode())
    result = Checker().run([str(path)])
    f = result.files[0].findings[0]
    assert (f.line, f.column, f.end_line, f.end_column) == (3, 8, 3, 20)


FRAGMENTS = [
    "stakeholders", "Stakeholders", "co-production", "co production", "going forward",
    "**stakeholders**", "*co*-design", "[stakeholders](http://x.y/stakeholders)", "`code`",
    "\u00a31.50", "caf\u00e9", "\U0001f600", "\u2018quoted\u2019", "&amp;", "\\*", "\t",
    " ", " ", "\n", "\r\n", "\n\n", "- ", "# ", "> ", "| a | b |\n|---|---|\n| c | d |",
    "<b>x</b>", "<!-- c -->", "e.g.", "in order to", "utilise", "the elderly", "Mr. Smith.",
    "1. ", "![alt stakeholders](i.png)", "<http://x.y>", "www.example.org", "a@b.co",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40),
       st.sampled_from(["markdown", "html", "text"]))
def test_positions_hold_for_random_documents(parts: list[str], fmt: str) -> None:
    src = "".join(parts)
    if not src.strip():
        return
    result = lint(src, fmt, select=["jargon", "plain-words", "person-first", "latin"])
    assert_positions(src, result.findings)
