"""Content repositories as teams keep them: template syntax, configured skips, presets for who
the text is for, undecodable PDFs, invisible characters and document titles (issue 21).

Every page here is written for these tests, in the style of design-system and service-manual
guidance; PDFs are written byte by byte (tests/pdfmaker.py says how).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plainlint.api import check_text
from plainlint.document import MASK, Source
from plainlint.formats import parse
from plainlint.formats.templates import mask, template_spans
from plainlint.formats.undecodable import reason
from plainlint.source import InputError
from tests.conftest import assert_positions, json_out, texts, write
from tests.hostile import assert_clean, plainlint
from tests.pdfmaker import mixed_pdf, standard_font_pdf, unmapped_font_pdf

# -- template syntax --------------------------------------------------------------------------

NUNJUCKS_PAGE = """\
---
title: Check answers
layout: layout-pane.njk
---

{% from "_example.njk" import example %}
{% set stakeholders = "not prose" %}

## When to use this pattern

Use this page so that people can look over what they told you before they send it.

{{ example({ group: "patterns", item: "check-answers", example: "default", html: true,
  nunjucks: true, open: false, size: "xl", titleSuffix: "second",
  caption: "Stakeholders were notified by the team" }) }}

{{ govukButton({
  text: "Accept and send",
  attributes: { "data-module": { kind: "it was submitted by the system" } }
}) }}

{# Going forward we will utilise this comment for stakeholders. #}

{% for page in site.pages %}
- {{ page.title }}
{% endfor %}

Going forward, ask the {{ service.name }} team to review the page. {: .govuk-body-l }

{{< figure src="answers.png" caption="Stakeholders going forward" >}}

{{% notice %}}Show the answers in the order you asked the questions.{{% /notice %}}
"""

# The same page as a reader sees it, with every piece of template syntax gone.
NUNJUCKS_PROSE = """\
## When to use this pattern

Use this page so that people can look over what they told you before they send it.

Going forward, ask the team to review the page.

Show the answers in the order you asked the questions.
"""


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in spans)


def test_no_finding_inside_template_syntax_in_markdown() -> None:
    result = check_text(NUNJUCKS_PAGE, "markdown", path="check-answers.md")
    assert_positions(NUNJUCKS_PAGE, result.findings)
    spans = template_spans(NUNJUCKS_PAGE)
    inside = [f for f in result.findings if _inside(spans, f.offset, f.end_offset)]
    assert not inside, [(f.rule, f.text) for f in inside]
    # Jargon, passive voice and stakeholders inside macros, tags and comments are not prose ...
    assert "stakeholders" not in [t.lower() for t in texts(result.findings)]
    assert not [f for f in result.findings if f.rule == "passive-voice"]
    assert not [f for f in result.findings if f.rule == "hard-sentence"]
    # ... and the prose around them still is, at its exact place.
    going = [f for f in result.findings if f.text == "Going forward"]
    assert len(going) == 1
    line = NUNJUCKS_PAGE.splitlines()[going[0].line - 1]
    assert line.startswith("Going forward, ask the {{ service.name }} team")


def test_template_syntax_counts_as_no_words_and_no_sentences() -> None:
    page = check_text(NUNJUCKS_PAGE, "markdown", select=["reading-age"])
    prose = check_text(NUNJUCKS_PROSE, "markdown", select=["reading-age"])
    for key in ("words", "sentences", "syllables", "reading_age"):
        assert page.metrics["readability"][key] == prose.metrics["readability"][key], key
    # A macro in a sentence is one mask, so the reader's sentence reads on around it.
    blocks = [b.text for b in page.document.blocks]
    assert "Going forward, ask the \ufffc team to review the page. \ufffc" in blocks


def test_masked_copy_keeps_every_offset_and_blanks_lines_of_template_only() -> None:
    source = Source("page.md", NUNJUCKS_PAGE)
    masked = mask(source).text
    assert len(masked) == len(NUNJUCKS_PAGE)
    for a, b in zip(masked.splitlines(keepends=True), NUNJUCKS_PAGE.splitlines(keepends=True),
                    strict=True):
        assert len(a) == len(b)
    lines = masked.splitlines()
    assert lines[5].strip() == ""  # {% from ... %} on a line of its own
    assert lines[14].strip() == ""  # the middle of a multi-line macro call
    # The document keeps the real source: finding text is always a slice of it.
    doc = parse(source, "markdown")
    assert doc.source.text == NUNJUCKS_PAGE


def test_template_syntax_in_html_and_text() -> None:
    html = ("<html><body><main>{% block content %}\n<h1>{{ page.title }}</h1>\n"
            "<p>Dear {{ name }}, we will utilise your answers.</p>\n"
            '<p class="{{ cls }}">{% if late %}It was sent late by the team.{% endif %}</p>\n'
            "{% endblock %}</main></body></html>\n")
    result = check_text(html, "html", path="page.html")
    assert_positions(html, result.findings)
    assert texts(result.findings, "plain-words") == ["utilise"]
    spans = template_spans(html)
    assert not [f for f in result.findings if _inside(spans, f.offset, f.end_offset)]
    paragraphs = [b.text for b in result.document.blocks]
    assert "Dear \ufffc, we will utilise your answers." in paragraphs

    text = ("Dear {{ resident.name }},\n\n{% if arrears %}\nWe will utilise the {{ amount }} "
            "you owe.\n{% endif %}\n")
    result = check_text(text, "text", path="letter.txt")
    assert_positions(text, result.findings)
    assert texts(result.findings, "plain-words") == ["utilise"]
    assert [b.text for b in result.document.blocks] == [
        "Dear \ufffc,", "We will utilise the \ufffc you owe."]


def test_mkdocs_admonitions_keep_their_prose() -> None:
    page = ("# Housing repairs\n\n"
            '!!! warning "Stakeholders must read this first"\n'
            "    Going forward, report repairs online.\n\n"
            "    Call us if it is an emergency.\n\n"
            "??? note\n"
            "    We utilise the same form for every repair.\n\n"
            ":::tip\n"
            "Keep a photo of the repair.\n"
            ":::\n\n"
            ":::caution[Gas leaks]\n"
            "Leave the house and call the gas emergency line.\n"
            ":::\n")
    result = check_text(page, "markdown", path="repairs.md")
    assert_positions(page, result.findings)
    found = texts(result.findings)
    assert "Stakeholders" in found  # the quoted title is prose
    assert "Going forward" in found and "utilise" in found  # so is the indented body
    blocks = [b.text for b in result.document.blocks]
    assert "Call us if it is an emergency." in blocks
    assert "Keep a photo of the repair." in blocks
    assert "Leave the house and call the gas emergency line." in blocks
    # Markers and types are not prose; a title made up from the type ("Note") is not either.
    assert not [b for b in blocks if "!!!" in b or "???" in b or ":::" in b or b == "Note"]


def test_an_unfinished_example_in_a_code_block_hides_no_prose() -> None:
    page = ("Intro.\n\n```njk\n{{ govukButton({\n  text: \"Save\"\n```\n\n"
            "We will utilise this. See {{ page.url }}.\n")
    result = check_text(page, "markdown")
    assert [b.text for b in result.document.blocks] == [
        "Intro.", "We will utilise this. See \ufffc."]
    assert texts(result.findings, "plain-words") == ["utilise"]


def test_raw_blocks_are_left_as_written() -> None:
    page = "Write {% raw %}{{ name }}{% endraw %} where the name goes.\n"
    doc = parse(Source("a.md", page), "markdown")
    assert [b.text for b in doc.blocks] == ["Write \ufffc{{ name }}\ufffc where the name goes."]


def test_attribute_lists_but_not_braces_in_prose() -> None:
    page = ("## Fees {#fees .wide}\n\nPay the fee online.\n{: .govuk-inset-text}\n\n"
            "Sets are written {1, 2, 3} and {a} in maths.\n")
    doc = parse(Source("a.md", page), "markdown")
    assert [b.text.replace(MASK, "#") for b in doc.blocks] == [
        "Fees #", "Pay the fee online.", "Sets are written {1, 2, 3} and {a} in maths."]


HOSTILE_TEMPLATES = {
    "unclosed.md": "{{ ( ", "tags.md": "{% ' ", "comments.md": "{# ", "attrs.md": "{: ",
    "nested.md": "{{ ( }} ", "quotes.md": '{{ " }} ', "mixed.md": "{{ {% }} %} ",
    "raw.md": "{% raw %} ", "comment-tags.md": "{% comment %}{% endcomment %} ",
    "kramdown.md": "{::comment} ", "shortcodes.md": "{{< x ", "braces.html": "{{ ",
    "letters.txt": "{% for ",
    # Many openers, then a code fence and the only closers after it.
    "fenced.md": "{{ ( {# ",
}
_TAILS = {"fenced.md": "\n\n```\n}} #}\n```\n"}


def test_hostile_template_syntax_in_linear_time(tmp_path: Path) -> None:
    """Unclosed and unbalanced template syntax, 20,000 times over, in a fresh process with a
    CPU limit: work that grew with the square of the length would take minutes. The paragraph
    before it is always checked at its exact place."""
    jargon = "Going forward we will engage with stakeholders."
    for name, unit in HOSTILE_TEMPLATES.items():
        write(tmp_path / name, jargon + "\n\n" + unit * 20_000 + _TAILS.get(name, "") + "\n\n"
              + jargon + "\n")
    run = plainlint(["check", "--no-cache", "--select", "jargon", "--format", "json",
                     *HOSTILE_TEMPLATES], tmp_path, timeout=240)
    assert_clean(run)
    report = json.loads(run.stdout)
    assert not report["errors"]
    for f in report["files"]:
        first = [x for x in f["findings"] if x["line"] == 1]
        assert [x["text"] for x in first] == ["Going forward", "engage", "stakeholders"], f["path"]


def test_template_syntax_and_skips_in_a_word_letter_template(cli: Any, tmp_path: Path) -> None:
    """A Word letter template (as docxtpl fills in): its tags are not prose either, and
    ignore-patterns apply to the extracted text."""
    import docx

    document = docx.Document()
    document.add_paragraph("Dear {{ resident.name }},")
    document.add_paragraph("{% if arrears %}")
    document.add_paragraph("We will utilise the payment plan [[REF-1]] prior to April.")
    document.add_paragraph("{% endif %}")
    document.add_paragraph("{{ officer.signature({ role: \"stakeholders lead\" }) }}")
    document.save(str(tmp_path / "letter.docx"))
    result = cli("check", "--format", "json", "letter.docx")
    checked = json_out(result)["files"][0]
    found = [(x["rule"], x["text"]) for x in checked["findings"]]
    assert ("plain-words", "utilise") in found and ("plain-words", "prior to") in found
    assert not [t for _, t in found if "{" in t or "stakeholders" in t]
    # "Dear" and "We will utilise the payment plan [[REF-1]] prior to April": 1 + 10 words.
    assert checked["metrics"]["readability"]["words"] == 11
    write(tmp_path / "plainlint.toml", "ignore-patterns = ['\\[\\[[A-Z0-9-]+\\]\\]']\n")
    result = cli("check", "--format", "json", "letter.docx")
    assert json_out(result)["files"][0]["metrics"]["readability"]["words"] == 10


# -- ignore-patterns and ignore-blocks --------------------------------------------------------

def test_ignore_patterns_and_blocks_from_configuration(cli: Any, tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", """
ignore-patterns = ['\\[\\[[^\\]\\n]*\\]\\]']
ignore-blocks = [{ start = '^<!-- legal -->$', end = '^<!-- /legal -->$' }]

[[overrides]]
paths = ["templates/"]
ignore-patterns = ['%%[A-Z_]+%%']
""")
    page = ("Ask [[stakeholders utilise]] for help.\n\n<!-- legal -->\nGoing forward the "
            "stakeholders\nwill utilise this.\n<!-- /legal -->\n\nWe utilise %%STAKEHOLDERS%% "
            "here.\n")
    write(tmp_path / "page.md", page)
    write(tmp_path / "templates" / "page.md", page)
    result = cli("check", "--format", "json", "page.md", "templates/page.md")
    files = {f["path"]: f for f in json_out(result)["files"]}
    top = [(x["text"], x["line"]) for x in files["page.md"]["findings"]]
    assert top == [("utilise", 8), ("STAKEHOLDERS", 8)]
    inner = [(x["text"], x["line"]) for x in files["templates/page.md"]["findings"]]
    assert inner == [("utilise", 8)]  # the override's pattern applies under templates/ only
    for f in files.values():
        assert_positions(page, [_F(x) for x in f["findings"]])


class _F:
    """A JSON finding with the attributes `assert_positions` reads."""

    def __init__(self, d: dict[str, Any]) -> None:
        self.__dict__.update(d)


@pytest.mark.parametrize(("setting", "message"), [
    ("ignore-patterns = ['(a+)+b']", "ignore-patterns[0]: '(a+)+b' could take very long"),
    ("ignore-patterns = ['[unclosed']", "ignore-patterns[0]: not a valid regular expression"),
    ("ignore-blocks = [{ start = 'x' }]", "ignore-blocks[0]: expected"),
    ("preset = 'resident'", "preset: no preset called 'resident'"),
])
def test_bad_content_settings_are_one_line_errors(cli: Any, tmp_path: Path, setting: str,
                                                  message: str) -> None:
    write(tmp_path / "plainlint.toml", setting + "\n")
    write(tmp_path / "page.md", "We help residents.\n")
    result = cli("check", "page.md")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "plainlint.toml" in errors[0] and message in errors[0], errors


# -- presets ----------------------------------------------------------------------------------

GUIDANCE = ("# Getting consent\n\nYou must get informed consent before you visit. We will "
            "support you to fill in the form. Check the page meets WCAG and that the HTML "
            "and CSS are valid. Ask the team about the DPIA.\n")


def _rules(result: Any) -> list[str]:
    return [f.rule for f in result.findings]


def test_presets_change_what_is_checked(cli: Any, tmp_path: Path) -> None:
    write(tmp_path / "guide.md", GUIDANCE)
    out = {}
    for preset in ("residents", "staff", "technical"):
        result = cli("check", "--format", "json", "--preset", preset, "guide.md")
        out[preset] = json_out(result)["files"][0]
        assert out[preset]["preset"] == preset
    rules = {k: [(x["rule"], x["text"]) for x in v["findings"]] for k, v in out.items()}
    assert ("done-to", "You must get") in rules["residents"]
    assert ("done-for", "will support you") in rules["residents"]
    assert ("acronym", "HTML") in rules["residents"]
    # Staff: no framing; abbreviations still need spelling out.
    assert not [r for r, _ in rules["staff"] if r in ("done-to", "done-for")]
    assert ("acronym", "HTML") in rules["staff"]
    assert out["staff"]["metrics"]["readability"]["targets"]["reading_age"] == 14
    # Technical: no framing, and the web's well-known abbreviations are known; others are not.
    assert not [r for r, _ in rules["technical"] if r in ("done-to", "done-for")]
    assert [t for r, t in rules["technical"] if r == "acronym"] == ["DPIA"]


def test_preset_per_path_and_command_line_wins(cli: Any, tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", 'preset = "staff"\n\n[[overrides]]\npaths = ["dev/"]\n'
          'preset = "technical"\n\n[[overrides]]\npaths = ["public/"]\npreset = "residents"\n')
    for folder in ("dev", "public", "policy"):
        write(tmp_path / folder / "guide.md", GUIDANCE)
    result = cli("check", "--format", "json", ".")
    presets = {f["path"]: f["preset"] for f in json_out(result)["files"]}
    assert presets == {"dev/guide.md": "technical", "policy/guide.md": "staff",
                       "public/guide.md": "residents"}
    result = cli("check", "--format", "json", "--preset", "residents", ".")
    assert {f["preset"] for f in json_out(result)["files"]} == {"residents"}


def test_rules_preset_shows_what_it_changes(cli: Any) -> None:
    result = cli("rules", "--preset", "staff")
    assert result.exit_code == 0
    assert "done-to: off" in result.stdout and "done-for: off" in result.stdout
    assert "reading-age: target = 14" in result.stdout
    assert "Use it for:" in result.stdout
    result = cli("rules", "--preset", "technical", "--format", "json")
    data = json.loads(result.stdout)
    enabled = {r["id"]: r["enabled"] for r in data["rules"]}
    assert enabled["done-to"] is False and enabled["jargon"] is True
    acronym = next(r for r in data["rules"] if r["id"] == "acronym")
    assert {"HTML", "CSS", "WCAG", "API", "URL", "JSON"} <= set(acronym["options"]["allow"])
    result = cli("rules", "--preset", "staf")
    assert result.exit_code == 2 and "did you mean 'staff'" in result.stderr


# -- undecodable PDFs and form glyphs ---------------------------------------------------------

def test_pdf_with_unmapped_font_is_refused_in_one_line(cli: Any, tmp_path: Path) -> None:
    """tests/pdfmaker.unmapped_font_pdf: a CID font with Identity-H encoding and no ToUnicode
    map, so the text layer comes out as (cid:N) codes."""
    write(tmp_path / "scanned-form.pdf", unmapped_font_pdf())
    write(tmp_path / "page.md", "Going forward we will help.\n")
    result = cli("check", "--format", "json", "scanned-form.pdf", "page.md")
    assert result.exit_code == 2
    report = json_out(result)
    assert [f["path"] for f in report["files"]] == ["page.md"]
    assert report["errors"] == [{
        "path": "scanned-form.pdf",
        "message": report["errors"][0]["message"]}]
    assert report["errors"][0]["message"].startswith(
        "its text cannot be decoded: the fonts have no Unicode map")
    result = cli("check", "scanned-form.pdf")
    lines = [x for x in result.stderr.splitlines() if x.startswith("plainlint: error:")]
    assert lines == [lines[0]] and "scanned-form.pdf: its text cannot be decoded" in lines[0]


def test_form_glyphs_are_dropped() -> None:
    from plainlint.api import check_bytes
    from plainlint.config import Config
    from plainlint.engine import Selection, resolve
    from plainlint.rules import builtin

    data = standard_font_pdf([
        "Do you rent your home from us?", "gfedc Yes gfedcb No",
        "How should we contact you?", "nmlkj Email nmlkji Phone",
        "We will call you within five working days.",
    ])
    settings = resolve(Config(), builtin(), None, Selection())
    result = check_bytes(data, "form.pdf", "pdf", settings, keep_document=True)
    prose = " ".join(b.text for b in result.document.blocks)
    for glyph in ("gfedc", "nmlkj"):
        assert glyph not in prose
    assert "Yes" in prose and "Email" in prose
    assert result.metrics["readability"]["words"] == 24  # 7 + 2 + 5 + 2 + 8
    assert_positions(result.text, result.findings)


def test_a_little_undecodable_text_is_left_out_with_a_warning() -> None:
    from plainlint.api import check_bytes
    from plainlint.config import Config
    from plainlint.engine import Selection, resolve
    from plainlint.rules import builtin

    lines = ["Your bin will be collected on Tuesday this week.",
             "Put it out by seven in the morning.", "Thank you for recycling with us.",
             "Call us if your bin was missed and we will come back.",
             "You can also report a missed bin online."]
    data = mixed_pdf(lines, codes=12)
    settings = resolve(Config(), builtin(), None, Selection())
    result = check_bytes(data, "letter.pdf", "pdf", settings, keep_document=True)
    assert "(cid:" in result.text  # the extracted text keeps the codes ...
    prose = " ".join(b.text for b in result.document.blocks)
    assert "(cid:" not in prose  # ... but they are not prose, and count as no words
    assert result.metrics["readability"]["words"] == 43  # 9 + 8 + 6 + 12 + 8
    assert any("could not be decoded" in w for w in result.warnings)
    assert_positions(result.text, result.findings)
    # The same codes as most of the file: refused.
    with pytest.raises(InputError, match="its text cannot be decoded"):
        check_bytes(mixed_pdf(lines[:1], codes=400), "letter.pdf", "pdf", settings)


def test_undecodable_text_reasons() -> None:
    assert reason("(cid:3)(cid:4)(cid:5) (cid:9)") is not None
    assert "private-use" in (reason("\ue001\ue002\ue003 \ue004\ue005 ok") or "")
    assert reason("A page of ordinary words with one (cid:7) code in it.") is None
    assert reason("Prices: £5, €6 and ✓ done.") is None


# -- invisible characters ---------------------------------------------------------------------

def test_invisible_characters_are_ignored_with_exact_positions() -> None:
    text = ("Visit GOV\u200b.UK to apply.\n\nOur stake\u00adholders met.\n\n"
            "We will en\u200dgage\u2060 with you.\n")
    result = check_text(text, "markdown")
    assert_positions(text, result.findings)
    assert "GOV" not in texts(result.findings, "acronym")
    jargon = [f for f in result.findings if f.rule == "jargon"]
    assert [f.text for f in jargon][:1] == ["stake\u00adholders"]
    assert [b.text for b in result.document.blocks] == [
        "Visit GOV.UK to apply.", "Our stakeholders met.", "We will engage with you."]
    plain = check_text(text.replace("\u200b", "").replace("\u00ad", "").replace("\u200d", "")
                       .replace("\u2060", ""), "markdown")
    assert plain.metrics["readability"]["words"] == result.metrics["readability"]["words"]
    assert plain.metrics["readability"]["syllables"] == result.metrics["readability"]["syllables"]


# -- titles -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "text", "title"), [
    ("a.md", "---\ntitle: Apply for a parking permit\n---\n\n# When to use this\n\nText.\n",
     "Apply for a parking permit"),
    ("b.md", "Intro.\n\n## Bins and recycling\n\nText.\n", "Bins and recycling"),
    ("c.md", "---\ntitle: '{{ page.name }}'\n---\n\n# Council tax\n", "Council tax"),
    ("d.html", "<title>Home - Council</title><main><h1>Report a pothole</h1><p>Do it.</p>"
     "</main>", "Report a pothole"),
    ("e.txt", "Just a note.\n", None),
])
def test_title_is_in_the_json(cli: Any, tmp_path: Path, name: str, text: str,
                              title: str | None) -> None:
    write(tmp_path / name, text)
    result = cli("check", "--format", "json", name)
    assert json_out(result)["files"][0]["title"] == title


def test_every_preset_names_real_rules_and_valid_options() -> None:
    from plainlint.config import Config
    from plainlint.engine import Selection, resolve
    from plainlint.presets import load, names
    from plainlint.rules import builtin

    registry = builtin()
    assert set(names()) == {"residents", "staff", "technical"}
    for name in names():
        preset = load(name)
        assert preset.summary and preset.when, name
        assert not registry.unknown([*preset.ignore, *preset.rules, *preset.severity]), name
        for rule_id, opts in preset.rules.items():
            registry.get(rule_id).impl.check_options(opts)  # type: ignore[union-attr]
        settings = resolve(Config(), registry, None, Selection(preset=name))
        assert settings.preset == name
        assert not {r.id for r in settings.rules} & set(preset.ignore)
