"""Format adapters: which text is prose, what kind of block it is, and where it came from."""

from __future__ import annotations

import pytest

from plainlint import formats
from plainlint.document import MASK, BlockKind
from plainlint.source import decode


def blocks(text: str, fmt: str) -> list[tuple[str, str]]:
    doc = formats.parse(decode(text.encode(), "t"), fmt)
    for b in doc.blocks:  # every block character maps inside the source
        for i in range(len(b.text)):
            s, e = b.source_span(i, i + 1)
            assert 0 <= s <= e <= len(text)
    return [(b.kind.value, " ".join(b.text.split())) for b in doc.blocks]


def test_markdown_skips_non_prose() -> None:
    md = (
        "---\ntitle: stakeholders\n---\n\n# Title\n\n```python\nstakeholders = 1\n```\n\n"
        "    indented stakeholders code\n\n<!-- a stakeholders comment -->\n\n"
        "Text with `inline stakeholders` and <span class=\"stakeholders\">tags</span>.\n\n"
        "[label]: https://example.org/stakeholders\n"
    )
    got = blocks(md, "markdown")
    assert got == [("heading", "Title"), ("paragraph", f"Text with {MASK} and tags.")]


def test_markdown_block_kinds_and_lists_stay_apart() -> None:
    md = (
        "Setext heading\n==============\n\n"
        "- first item without a full stop\n- second item\n  continued here\n\n"
        "1. numbered\n\n"
        "> quoted text\n> > nested quote\n\n"
        "| Head | Other |\n|---|---|\n| cell one | cell two |\n\n"
        "Paragraph with ![alt words](i.png) inside.\n"
    )
    got = blocks(md, "markdown")
    assert got == [
        ("heading", "Setext heading"),
        ("list-item", "first item without a full stop"),
        ("list-item", "second item continued here"),
        ("list-item", "numbered"),
        ("block-quote", "quoted text"),
        ("block-quote", "nested quote"),
        ("table-cell", "Head"),
        ("table-cell", "Other"),
        ("table-cell", "cell one"),
        ("table-cell", "cell two"),
        ("image-alt", "alt words"),
        ("paragraph", f"Paragraph with {MASK} inside."),
    ]


def test_markdown_links_keep_text_and_drop_destinations() -> None:
    md = (
        "See [our plan](https://x.org/a_b \"Title words\") and [the guide][g], "
        "[g] and <https://auto.link/x> or www.example.org/page and me@example.org.\n\n"
        "[g]: https://x.org/guide\n"
    )
    ((kind, text),) = blocks(md, "markdown")
    assert kind == "paragraph"  # the reference definition is not a block of prose
    assert text == f"See our plan and the guide, g and {MASK} or {MASK} and {MASK}."
    doc = formats.parse(decode(md.encode(), "t"), "markdown")
    b = doc.blocks[0]
    assert [b.text[s:e] for s, e in b.links] == ["our plan", "the guide", "g"]


def test_markdown_escapes_entities_and_emphasis() -> None:
    md = "A \\*literal\\* star, snake_case_name, **bold**, ~~gone~~ and &copy; 2026.\n"
    ((_, text),) = blocks(md, "markdown")
    assert text == "A *literal* star, snake_case_name, bold, gone and \u00a9 2026."


def test_markdown_html_block_text_is_prose() -> None:
    md = "<div class=\"note\">\nInside a div.\n<p>A paragraph.</p>\n</div>\n\nAfter.\n"
    assert blocks(md, "markdown") == [
        ("paragraph", "Inside a div."),
        ("paragraph", "A paragraph."),
        ("paragraph", "After."),
    ]


def test_html_blocks_and_skipped_elements() -> None:
    html = (
        "<html><head><title>Page title</title><style>p{}</style></head><body>"
        "<h2>Heading</h2><p>One <a href='stakeholders.html'>link text</a> here<br>and there."
        "</p><ul><li>Item one<li>Item two</ul><table><tr><th>H</th><td>Cell</td></tr></table>"
        "<pre>code block</pre><p>Run <code>make</code> now.</p><blockquote><p>Quote</p>"
        "</blockquote><div>Loose text<p>inner</p>tail</div><script>x()</script>"
        "<input type='image' alt='Search' value='Go'></body></html>"
    )
    got = blocks(html, "html")
    assert got == [
        ("title", "Page title"),
        ("heading", "Heading"),
        ("paragraph", "One link text here and there."),
        ("list-item", "Item one"),
        ("list-item", "Item two"),
        ("table-cell", "H"),
        ("table-cell", "Cell"),
        ("paragraph", f"Run {MASK} now."),
        ("block-quote", "Quote"),
        ("paragraph", "Loose text"),
        ("paragraph", "inner"),
        ("paragraph", "tail"),
        ("image-alt", "Search"),
    ]


_CHROME = (
    "<div class='govuk-cookie-banner'><p>We use cookies to improve the site.</p>"
    "<a href='/cookies'>Manage cookies</a></div>"
    "<header role='banner'><a href='/'>Anytown Council</a>"
    "<form role='search'><label>Search this site</label></form></header>"
    "<nav aria-label='Menu'><ul><li><a href='/bins'>Bins and recycling</a></li></ul></nav>"
    "{body}"
    "<footer><p>Contact us</p><a href='/privacy'>Privacy notice</a></footer>"
)


def test_a_page_with_main_content_is_checked_there_only() -> None:
    page = "<html><head><title>Garden waste</title></head><body>" + _CHROME.format(
        body="<main><h1>Garden waste</h1><p>We collect it every two weeks.</p>"
        "<img src='b.png' alt='A brown bin'></main><aside>Also on this site</aside>"
    ) + "</body></html>"
    assert blocks(page, "html") == [
        ("title", "Garden waste"),
        ("heading", "Garden waste"),
        ("paragraph", "We collect it every two weeks."),
        ("image-alt", "A brown bin"),
    ]


def test_a_page_without_main_loses_only_its_furniture() -> None:
    page = "<body>" + _CHROME.format(
        body="<div role='main'><p>First.</p></div><article><header><h2>News</h2></header>"
        "<p>Second.</p><footer><p>Posted in May.</p></footer></article>"
    ).replace("role='main'", "class='content'") + "</body>"
    # No main element: the site's header, footer, navigation, search and cookie banner go;
    # an article's own header and footer are its prose.
    assert blocks(page, "html") == [
        ("paragraph", "First."),
        ("heading", "News"),
        ("paragraph", "Second."),
        ("paragraph", "Posted in May."),
    ]


def test_html_inside_markdown_is_read_whole() -> None:
    text = "# Title\n\n<nav><p>Menu words here.</p></nav>\n\nText.\n"
    assert ("paragraph", "Menu words here.") in blocks(text, "markdown")


def test_html_heading_levels() -> None:
    doc = formats.parse(decode(b"<h1>A</h1><h3>B <em>c</em></h3><p>d</p>", "t"), "html")
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, 1, "A"), (BlockKind.HEADING, 3, "B c"), (BlockKind.PARAGRAPH, 0, "d")
    ]
    assert [s.title for s in doc.sections] == ["A", "B c"]
    assert [b.section for b in doc.blocks] == [0, 1, 1]


def test_text_paragraphs_and_bullets() -> None:
    txt = (
        "First paragraph\nstill first.\n\n"
        "Things to bring:\n- photo ID\n- proof of address\n  dated this year\n"
        "\u2022 bank card\n1. numbered\nBack to prose.\n"
    )
    assert blocks(txt, "text") == [
        ("paragraph", "First paragraph still first."),
        ("paragraph", "Things to bring:"),
        ("list-item", "photo ID"),
        ("list-item", "proof of address dated this year"),
        ("list-item", "bank card"),
        ("list-item", "numbered"),
        ("paragraph", "Back to prose."),
    ]


def test_format_for_extensions() -> None:
    assert formats.format_for("a/b.MD") == "markdown"
    assert formats.format_for("x.markdown") == "markdown"
    assert formats.format_for("x.htm") == "html"
    assert formats.format_for("x.txt") == "text"
    assert formats.format_for("x.pdf") == "pdf"
    assert formats.format_for("x.DOCX") == "docx"
    assert formats.format_for("x.odt") == "odt"
    assert formats.format_for("x.xlsx") is None


def test_pathological_markdown_is_read_without_crashing() -> None:
    from plainlint.api import check_text

    def jargon(text: str) -> list[str]:
        # Every rule runs (readability included); the jargon findings show what was read.
        return [f.text for f in check_text(text, fmt="markdown").findings if f.rule == "jargon"]

    nested_links = "[a" * 5000 + "](x)" * 5000  # deeper than Python's recursion limit
    assert jargon(nested_links) == []
    brackets = "[" * 3000 + "stakeholders" + "]" * 3000
    assert jargon(brackets) == ["stakeholders"]
    ticks = "` a " * 5000 + "stakeholders"
    assert jargon(ticks) == ["stakeholders"]


def test_too_deep_nesting_is_reported_not_silently_dropped() -> None:
    from plainlint.api import check_text

    result = check_text("> " * 60 + "stakeholders\n", fmt="markdown")
    assert any("nested more than" in w for w in result.warnings)


@pytest.mark.parametrize(("fmt", "text"), [
    ("markdown", "| What | Who pays |\n|---|---|\n| Advice | Free |\n| Care at home | You |\n\n"
                 "| Second | table |\n|---|---|\n| a | b |\n"),
    ("html", "<table><tr><th>What</th><th>Who pays</th></tr><tr><td>Advice</td><td>Free</td>"
             "</tr><tr><td>Care at home</td><td>You</td></tr></table><p>Between.</p>"
             "<table><tr><td>Second</td><td>table<table><tr><td>inner</td></tr></table></td>"
             "</tr><tr><td>a</td><td>b</td></tr></table>"),
])
def test_table_cells_know_their_row(fmt: str, text: str) -> None:
    """Reports show a table's cells row by row: each cell knows its row in its table."""
    doc = formats.parse(decode(text.encode(), "t"), fmt)
    rows = [(b.text, b.row) for b in doc.blocks if b.kind.value == "table-cell"]
    expected = [("What", 1), ("Who pays", 1), ("Advice", 2), ("Free", 2), ("Care at home", 3),
                ("You", 3), ("Second", 1), ("table", 1)]
    if fmt == "html":
        expected.append(("inner", 1))  # a table inside a cell counts its own rows
    expected += [("a", 2), ("b", 2)]
    assert rows == expected
    assert all(b.row == 0 for b in doc.blocks if b.kind.value != "table-cell")
