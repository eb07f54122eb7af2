"""Word, OpenDocument and PDF files, made by python-docx and LibreOffice, checked for real."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plainlint import formats
from plainlint.api import check_paths
from plainlint.document import Document
from plainlint.formats.pdf import _layout, keep_hyphen
from plainlint.source import Limits
from tests.conftest import assert_positions, json_out, write
from tests.documents import convert, source_words


def extract(path: Path) -> Document:
    fmt = formats.format_for(path)
    assert fmt is not None
    return formats.parse_bytes(path.read_bytes(), path.name, fmt, Limits())


def blocks(doc: Document) -> list[tuple[str, str, dict]]:
    return [(b.kind.value, b.text, b.location) for b in doc.meta["extracted"]]


#: Rules that flag words and phrases, whose findings do not depend on sentence boundaries.
TERM_RULES = frozenset({"jargon", "plain-words", "latin", "person-first"})


def check(path: Path) -> list:
    result = check_paths([str(path)])
    assert not result.errors, result.errors
    (file,) = result.files
    return file.findings


# -- Word, built with python-docx ------------------------------------------------------------


def test_word_blocks_in_reading_order_with_kinds(word_report: Path) -> None:
    got = [(k, t) for k, t, _ in blocks(extract(word_report))]
    assert got == [
        ("heading", "Short breaks for carers"),
        ("heading", "Our plan"),
        ("heading", "Housing"),
        ("paragraph", "Going forward, we will engage stakeholders to improve outcomes."),
        ("paragraph", " We will engage stakeholders through the Partnership Board."),  # footnote
        ("paragraph", "Residents told us what matters. We will facilitate a holistic review. "
                      "Tell us by 1 May."),
        ("list-item", "commissioned services for the elderly"),
        ("list-item", "a single point of contact"),
        ("list-item", "Cabinet agrees the plan."),
        ("paragraph", "Read the full plan for stakeholders online."),
        ("paragraph", "We will publish the results in June."),
        ("heading", "Money"),
        ("table-cell", "Service"), ("table-cell", "Cost"), ("table-cell", "Notes"),
        ("table-cell", "Respite"), ("table-cell", "£1.1 million"),
        ("table-cell", "In order to give carers a break"),
        ("table-cell", "Total across both years"),  # a merged cell, once
        ("table-cell", "Subject to approval"),
        ("heading", "Next steps"),
        ("paragraph", "We will report back to the committee in the autumn."),
        ("paragraph", "Scrutiny committee: stakeholders briefing"),  # header: once, not twice
        ("paragraph", "Page "),  # footer: the PAGE field's code and result are not read
    ]


def test_word_leaves_out_deleted_text_comments_and_fields(word_report: Path) -> None:
    text = extract(word_report).text
    assert "utilise" not in text  # a tracked deletion
    assert "facilitate" in text  # a tracked insertion
    assert "Ask stakeholders" not in text  # a comment
    assert "TOC" not in text and "........" not in text  # a field and its generated result
    assert "PAGE" not in text and "7" not in text.split("Page")[-1]


def test_word_locations(word_report: Path) -> None:
    doc = extract(word_report)
    by_text = {t: loc for _, t, loc in blocks(doc)}
    assert by_text["Going forward, we will engage stakeholders to improve outcomes."] == {
        "part": "body", "paragraph": 4, "heading_path": ["Our plan", "Housing"]}
    assert by_text["In order to give carers a break"] == {
        "part": "body", "paragraph": 17, "heading_path": ["Our plan", "Money"],
        "table": {"number": 1, "row": 2, "column": 3}}
    assert by_text["Subject to approval"]["table"] == {"number": 1, "row": 3, "column": 3}
    assert by_text[" We will engage stakeholders through the Partnership Board."] == {
        "part": "footnote", "note": 1, "heading_path": ["Our plan", "Housing"]}
    assert by_text["Scrutiny committee: stakeholders briefing"] == {
        "part": "header", "paragraph": 1}
    link = next(b for b in doc.blocks if b.text.startswith("Read the"))
    assert [link.text[s:e] for s, e in link.links] == ["full plan for stakeholders"]


def test_word_findings_have_exact_positions_and_locations(word_report: Path) -> None:
    doc = extract(word_report)
    findings = check(word_report)
    assert_positions(doc.text, findings)
    (first,) = [f for f in findings if f.text == "stakeholders"]  # one finding per term ...
    places = [first.location, *(r["location"] for r in first.related)]  # ... with its other uses
    assert [p["part"] for p in places] == ["body", "footnote", "body", "header"]
    assert first.location == {"part": "body", "paragraph": 4,
                               "heading_path": ["Our plan", "Housing"],
                               "column": 31, "end_column": 43}
    # The word is split over two runs (one bold): it is still one finding.
    assert first.block == "paragraph"
    assert any(p.get("paragraph") == 9 for p in places)  # the link text is checked too
    cell = next(f for f in findings if f.rule == "plain-words")
    assert cell.text == "In order to" and cell.block == "table-cell"
    assert not any(f.text.lower() == "utilise" for f in findings)


def test_text_output_reads_like_a_place_in_the_document(word_report: Path, cli,
                                                        tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(word_report.read_bytes())
    r = cli("check", "report.docx")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0].startswith("report.docx:¶4 (Our plan > Housing):1: warning [jargon] "
                               "“Going forward” is jargon")
    # "stakeholders" is reported once, at its first use, naming its other places as the
    # document does.
    assert any(line.startswith("report.docx:¶4 (Our plan > Housing):31: warning [jargon] "
                               "“stakeholders”") and "(footnote 1, paragraph 9 and the header)"
               in line for line in lines)
    assert any(line.startswith("report.docx:header:1: suggestion [explain-term]")
               for line in lines)
    assert any(line.startswith(
        "report.docx:¶17 (Our plan > Money; table 1, row 2, column 3):1: suggestion "
        "[plain-words]") for line in lines)


def test_json_location_object(word_report: Path, cli, tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(word_report.read_bytes())
    data = json_out(cli("check", "--format", "json", "report.docx"))
    (file,) = data["files"]
    assert file["format"] == "docx"
    f = file["findings"][0]
    assert f["location"] == {"part": "body", "paragraph": 4,
                             "heading_path": ["Our plan", "Housing"],
                             "column": 1, "end_column": 14}
    assert f["text"] == "Going forward"
    json.dumps(data)  # the whole report is JSON


def test_stdin_and_folders_read_documents(word_report: Path, cli, tmp_path: Path) -> None:
    data = word_report.read_bytes()
    r = cli("check", "--stdin-filename", "report.docx", "-", input=data)
    assert r.exit_code == 1 and "report.docx:¶4 (Our plan > Housing):1:" in r.stdout
    write(tmp_path / "docs" / "report.docx", data)
    write(tmp_path / "docs" / "~$report.docx", b"\x00lock")  # Word's lock file: skipped
    r = cli("check", "docs")
    assert r.exit_code == 1
    assert "docs/report.docx:¶4" in r.stdout and "~$" not in r.stdout + r.stderr


# -- the Cabinet report, written by LibreOffice ----------------------------------------------


REPORT_HEADINGS = [
    ["Adult social care strategy 2025 to 2028"],
    ["1. Purpose of the report"],
    ["2. Our plan"],
    ["2. Our plan", "2.1. Housing"],
    ["2. Our plan", "2.2. Money"],
    ["3. What happens next"],
    ["4. What people told us"],
]


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_libreoffice_report_structure(report_files: dict[str, Path], fmt: str) -> None:
    doc = extract(report_files[fmt])
    got = blocks(doc)
    headings = [loc["heading_path"] for kind, _, loc in got if kind == "heading"]
    assert headings == REPORT_HEADINGS
    kinds = [k for k, _, _ in got]
    assert kinds.count("list-item") == 5 and kinds.count("table-cell") == 9
    text = doc.text
    assert "utilise" not in text and "holistic" not in text  # deleted in a tracked change
    assert "Service users told us they want a single point of contact." in text  # inserted
    assert "Check this with stakeholders" not in text  # a comment
    assert "Page" not in text.replace("Page  of ", "")  # page fields are not read
    footnote = next(loc for _, t, loc in got if t.startswith("The engagement exercise"))
    assert footnote == {"part": "footnote", "note": 1,
                        "heading_path": ["1. Purpose of the report"]}
    box = [loc for _, t, loc in got if t.startswith("Have your say")]
    assert box == [{"part": "text-box", "paragraph": 25,
                    "heading_path": ["3. What happens next"]}]  # once, not its fallback too
    header = [t for _, t, loc in got if loc.get("part") == "header"]
    assert header == ["Cabinet, 12 March 2025: Adult social care strategy"]  # not per page
    cell = next(loc for _, t, loc in got if t.startswith("Funding for the elderly"))
    assert cell["table"] == {"number": 1, "row": 2, "column": 3}


def test_word_and_opendocument_agree(report_files: dict[str, Path]) -> None:
    docx = [(k, t) for k, t, _ in blocks(extract(report_files["docx"]))]
    odt = [(k, t) for k, t, _ in blocks(extract(report_files["odt"]))]
    assert docx == odt


def test_word_text_box_saved_as_opendocument_stays_a_block_of_its_own(
        report_files: dict[str, Path], tmp_path: Path, lo_profile: Path) -> None:
    """LibreOffice saves a Word text box in OpenDocument as a drawing shape holding its own
    paragraphs, anchored inside a body paragraph: its text is a block of its own, not part of
    the paragraph it is anchored in."""
    odt = convert(report_files["docx"], "odt", tmp_path, lo_profile)
    assert blocks(extract(odt)) == blocks(extract(report_files["docx"]))
    box = [t for _, t, loc in blocks(extract(odt)) if loc.get("part") == "text-box"]
    assert box == ["Have your say: tell us what matters to you, and we will consult you before "
                   "any change."]


def test_libreoffice_report_findings(report_files: dict[str, Path]) -> None:
    findings = check(report_files["docx"])
    assert_positions(extract(report_files["docx"]).text, findings)
    texts = {f.text for f in findings}
    assert {"Going forward", "stakeholders", "leverage", "Service users", "the elderly",
            "the disabled", "in order to", "reablement"} <= texts
    stake = next(f for f in findings if f.text == "stakeholders")
    assert stake.location["paragraph"] == 4
    assert stake.location["heading_path"] == ["1. Purpose of the report"]


def test_messages_name_places_in_the_document_not_extracted_lines(
        report_files: dict[str, Path]) -> None:
    """Lines of the extracted text mean nothing to a Word or PDF writer: messages that point
    at another sentence say where it is in their document."""
    for key, place in (("docx", r"paragraph \d+"), ("pdf", r"page \d+, line \d+")):
        ages = [f for f in check(report_files[key]) if f.rule == "reading-age"]
        assert ages
        for f in ages:
            assert re.search(rf"raises? it most: {place} “", f.message), f.message
            assert not re.search(r"\bline \d+ “", f.message.replace(", line", ""))


# -- PDF ---------------------------------------------------------------------------------------


def test_pdf_reading_order_headings_lists_and_tables(report_files: dict[str, Path]) -> None:
    got = blocks(extract(report_files["pdf"]))
    headings = [t for k, t, _ in got if k == "heading"]
    assert headings == ["Adult social care strategy 2025 to 2028", "1. Purpose of the report",
                        "2. Our plan", "2.1. Housing", "2.2. Money", "3. What happens next",
                        "4. What people told us"]
    items = [t for k, t, _ in got if k == "list-item"]
    assert items == ["more help at home after a stay in hospital",
                     "a named worker for every person who draws on care",
                     "clear information about what care costs and who pays for it",
                     "Cabinet agrees the strategy on 12 March 2025.",
                     "We publish an easy read version in April."]
    cells = [t for k, t, _ in got if k == "table-cell"]
    assert "Funding for the elderly and the disabled in the east of the borough" in cells
    paragraphs = [t for k, t, _ in got if k == "paragraph"]
    assert paragraphs[0].startswith("This report asks Cabinet")
    assert paragraphs[-1].startswith("We have used what people told us")


def test_untagged_pdf_finds_headings_by_size_and_numbered_items(
        report_files: dict[str, Path]) -> None:
    """Without tags, a short line set larger than the body is a heading (the largest size is
    level 1), a change of size starts a new block, and "1. " after a full stop is a list
    item, as in the tagged version of the same report."""
    tagged = blocks(extract(report_files["pdf"]))
    got = blocks(extract(report_files["untagged"]))
    assert [t for k, t, _ in got if k == "heading"] == [
        t for k, t, _ in tagged if k == "heading"]
    levels = [b.level for b in extract(report_files["untagged"]).meta["extracted"]
              if b.kind.value == "heading"]
    assert levels == [1, 2, 2, 3, 3, 2, 2]
    items = [t for k, t, _ in got if k == "list-item"]
    assert items[-2:] == ["Cabinet agrees the strategy on 12 March 2025.",
                          "We publish an easy read version in April."]
    money = next(loc for k, t, loc in got if t.startswith("The table shows"))
    assert money["heading_path"] == ["Adult social care strategy 2025 to 2028", "2. Our plan",
                                     "2.2. Money"]


def test_pdf_drops_running_headers_footers_and_page_numbers(
        report_files: dict[str, Path]) -> None:
    for key in ("pdf", "untagged"):
        doc = extract(report_files[key])
        pages, _ = _layout(report_files[key].read_bytes())
        assert len(pages) >= 3
        raw = [ln.text for lines in pages for ln in lines]
        assert sum("Cabinet, 12 March 2025" in t for t in raw) == len(pages)
        assert "Cabinet, 12 March 2025" not in doc.text
        assert not re.search(r"Page \d+ of \d+", doc.text)
        assert "2028" in doc.text  # a number in the title is not a page number


def test_pdf_joins_words_hyphenated_at_line_ends(report_files: dict[str, Path]) -> None:
    pages, _ = _layout(report_files["pdf"].read_bytes())
    broken = [ln.text for lines in pages for ln in lines if re.search(r"[a-z]-$", ln.text)]
    assert len(broken) >= 5  # LibreOffice hyphenated the justified text
    words = source_words()
    for key in ("pdf", "untagged"):
        text = extract(report_files[key]).text
        extracted = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        assert extracted - words == set(), f"{key}: fragments of hyphenated words"
    assert "twenty-two" in text and "person-centred" in text  # real hyphens kept


@pytest.mark.parametrize(("left", "right", "keep"), [
    ("hous", "ing", False), ("neigh", "bourhood", False), ("commis", "sioned", False),
    ("reable", "ment", False), ("co", "production", True), ("well", "being", False),
    ("person", "centred", True), ("cross", "party", True),
])
def test_hyphen_decisions(left: str, right: str, keep: bool) -> None:
    assert keep_hyphen(left, right) is keep


def test_pdf_locations_point_at_the_page_line_and_column(report_files: dict[str, Path]) -> None:
    path = report_files["pdf"]
    pages, _ = _layout(path.read_bytes())
    findings = check(path)
    assert_positions(extract(path).text, findings)
    assert len(findings) >= 8
    for f in findings:
        loc = f.location
        assert set(loc) >= {"page", "line", "column", "end_page", "end_line", "end_column"}
        line = next(ln for ln in pages[loc["page"] - 1] if ln.number == loc["line"])
        if (loc["page"], loc["line"]) == (loc["end_page"], loc["end_line"]):
            assert line.text[loc["column"] - 1:loc["end_column"] - 1] == f.text
        else:  # a finding across a line break starts where the line has its first word
            assert f.text.startswith(line.text[loc["column"] - 1:].rstrip("-\u00ad"))
    stake = next(f for f in findings if f.text == "stakeholders")
    assert stake.location["page"] == 1
    assert stake.location["heading_path"] == ["1. Purpose of the report"]


def test_pdf_text_output(report_files: dict[str, Path], cli, tmp_path: Path) -> None:
    (tmp_path / "plan.pdf").write_bytes(report_files["pdf"].read_bytes())
    r = cli("check", "plan.pdf")
    assert r.exit_code == 1
    first = next(ln for ln in r.stdout.splitlines() if "[jargon] “stakeholders”" in ln)
    assert re.match(r"plan\.pdf:p1:L\d+:\d+: warning \[jargon\] “stakeholders” is jargon", first)


def test_every_format_gives_the_same_main_findings(report_files: dict[str, Path]) -> None:
    def key(path: Path) -> set[tuple[str, str]]:
        return {(f.rule, f.text) for f in check(path)}

    docx, odt, pdf = key(report_files["docx"]), key(report_files["odt"]), key(report_files["pdf"])
    assert docx == odt
    # The PDF shows the tracked deletion struck through, as LibreOffice prints it, so every
    # word-level finding of the Word file is in it (and more). Its sentences and headings read
    # a little differently (heading numbers, footnote marks, the deleted sentence), so whole
    # sentences and sections are compared by rule.
    terms = {(rule, text) for rule, text in docx if rule in TERM_RULES}
    assert terms and terms <= pdf
    assert {rule for rule, _ in docx} <= {rule for rule, _ in pdf}


def test_extract_shows_the_text_plainlint_checks(word_report: Path, cli, tmp_path: Path) -> None:
    (tmp_path / "report.docx").write_bytes(word_report.read_bytes())
    r = cli("extract", "report.docx")
    assert r.exit_code == 0
    assert r.stdout == extract(word_report).text + "\n"
    data = json_out(cli("extract", "--format", "json", "report.docx"))
    first = data["blocks"][3]
    assert first["kind"] == "paragraph"
    assert first["text"] == "Going forward, we will engage stakeholders to improve outcomes."
    assert r.stdout[first["offset"]:first["end_offset"]] == first["text"]
    assert first["location"]["heading_path"] == ["Our plan", "Housing"]
    (tmp_path / "notes.md").write_text("x")
    assert cli("extract", "notes.md").exit_code == 2


# -- PDF footnotes ---------------------------------------------------------------------------

_NOTES_BODY = """
   <text:h text:style-name="Heading_20_1" text:outline-level="1">Short breaks</text:h>
   <text:p text:style-name="Text_20_body">Carers told us they rarely get a proper break from \
caring for the person they support.<text:note text:id="ftn1" text:note-class="footnote">\
<text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Footnote">\
Most of the carers who answered the survey in 2024 look after a parent or a partner with \
dementia at home.</text:p></text:note-body></text:note> We will utilise the new budget to pay \
for more breaks at short notice.</text:p>
   <text:h text:style-name="Heading_20_1" text:outline-level="1">Next steps</text:h>
   <text:p text:style-name="Text_20_body">We will tell you what we decide.</text:p>
   <text:p text:style-name="Text_20_body">Ask us if you need help.</text:p>
"""


@pytest.fixture(scope="module")
def notes_pdf(tmp_path_factory: pytest.TempPathFactory, lo_profile: Path) -> Path:
    """A short report whose footnote reference sits mid-line, and whose footnote lands at the
    foot of a page that ends in a later section."""
    from tests.documents import REPORT_FODT, TAGGED_PDF, convert

    head = REPORT_FODT.read_text(encoding="utf-8").split("<office:text>")[0]
    src = tmp_path_factory.mktemp("notes") / "notes.fodt"
    src.write_text(head + "<office:text>" + _NOTES_BODY + "</office:text></office:body>"
                   "</office:document>\n", encoding="utf-8")
    return convert(src, TAGGED_PDF, src.parent / "pdf", lo_profile)


def test_pdf_footnote_numbers_are_not_glued_to_words(
        report_files: dict[str, Path], notes_pdf: Path) -> None:
    for path in (report_files["pdf"], report_files["untagged"], notes_pdf):
        texts = [t for _, t, _ in blocks(extract(path))]
        glued = [t for t in texts if re.search(r"[a-z]\.\d\b|^\d[A-Z]", t)]
        assert not glued, (path.name, glued)
    texts = [t for _, t, _ in blocks(extract(report_files["untagged"]))]
    assert any(t.endswith("every day across the borough.") for t in texts)


@pytest.mark.parametrize("fmt", ["pdf", "untagged"])
def test_pdf_footnote_follows_the_paragraph_that_refers_to_it(
        report_files: dict[str, Path], fmt: str) -> None:
    doc = extract(report_files[fmt])
    got = blocks(doc)
    i = next(k for k, (_, t, _) in enumerate(got) if t.startswith("The engagement exercise"))
    _, text, loc = got[i]
    assert text == "The engagement exercise ran from June to September 2024 and reached 1,240 " \
        "residents."
    assert (loc["part"], loc["note"]) == ("footnote", 1)
    assert got[i - 1][1].endswith("across the borough.")  # right after its paragraph
    assert loc["heading_path"] == got[i - 1][2]["heading_path"]  # and in its section
    if fmt == "pdf":  # tagged: headings are known
        assert loc["heading_path"] == ["1. Purpose of the report"]
    page, _, column = doc.meta["extracted"][i].pieces[0].origin
    assert (page, column) == (1, 1)  # page 1, after the note's own number (column 0)


def test_pdf_footnote_keeps_to_its_section_and_columns_stay_exact(notes_pdf: Path) -> None:
    doc = extract(notes_pdf)
    got = blocks(doc)
    texts = [t for _, t, _ in got]
    para = next(t for t in texts if t.startswith("Carers told us"))
    assert "person they support. We will utilise" in para  # the mid-line number is gone
    note = next(loc for _, t, loc in got if t.startswith("Most of the carers"))
    assert note["heading_path"] == ["1. Short breaks"]
    assert texts.index(next(t for t in texts if t.startswith("Most of the carers"))) == \
        texts.index(para) + 1
    # A finding after the reference number points at the word on the page, column and all.
    (utilise,) = [f for f in check(notes_pdf) if f.text == "utilise"]
    pages, _ = _layout(notes_pdf.read_bytes())
    loc = utilise.location
    line = next(ln for ln in pages[loc["page"] - 1] if ln.number == loc["line"])
    assert line.text[loc["column"] - 1:].startswith("utilise")
    # Reading age by section: the note counts in "Short breaks", not in "Next steps".
    (file,) = check_paths([str(notes_pdf)]).files
    sections = file.metrics["readability"]["sections"]
    words = {s["title"].split(". ", 1)[-1]: s["words"] for s in sections}
    note_words = 20  # "Most of the carers ... with dementia at home."
    assert words["Next steps"] < note_words  # two short sentences (and the page footer)
    assert words["Short breaks"] > 30 + note_words
