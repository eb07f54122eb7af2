"""The HTML report without a browser: the view model, the pages' safety, and the commands.

The browser tests (test_report_browser.py) check what people meet; these check the data and
the HTML behind it, quickly and with many inputs.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plainlint.api import check_text
from plainlint.document import BlockBuilder
from plainlint.model import FileResult, Finding, RunResult, Severity
from plainlint.reporters import REPORTERS, ReportOptions
from plainlint.reporters import html as report
from tests.conftest import write
from tests.report_helpers import (
    FRAMING,
    HOSTILE_TXT,
    RICH,
    documented_result,
    readability_metric,
    rich_result,
)


class Page(HTMLParser):
    """Collects what the safety tests look at: tags, attributes, highlight texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.hl_text: dict[str, str] = {}
        self._in_hl: str | None = None
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "a" and "hl" in (a.get("class") or "").split():
            self._in_hl = a["id"]
            self.hl_text[a["id"] or ""] = ""
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_hl = None
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in_hl:
            self.hl_text[self._in_hl] += data
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    return p


# -- the view model ---------------------------------------------------------------------------


def test_view_without_metrics_renders_every_part() -> None:
    # Without the readability and framing rules, there are no readability or framing measures.
    result = check_text("# Bins\n\nWe will invite stakeholders going forward.\n", fmt="markdown",
                        ignore=["readability", "framing"])
    assert result.metrics == {}
    view = report.document_view(result)
    assert view.readability is None and view.framing is None
    assert view.total == len(result.findings) == 2
    html = report.render_document(view)
    assert "Reading age was not measured in this check." in html
    assert "was not measured in this check" in html  # framing too
    assert 'id="words"' in html  # glossary terms used
    page = parse(html)
    assert sorted(page.hl_text.values()) == ["going forward", "stakeholders"]


def test_view_with_metrics_in_the_documented_shape(tmp_path: Path) -> None:
    result = documented_result(tmp_path)
    view = report.document_view(result.files[0])
    r = view.readability
    assert r is not None
    assert (r.reading_age, r.target, r.meets) == ("14.8", "11", False)
    assert r.verdict == "Most adults will find this hard to read."
    assert r.aim == "Aim for a reading age of 11 or below."
    assert [(m.name, m.met) for m in r.measures] == [
        ("How easy it is to read", False), ("Passive sentences", False),
        ("Long sentences", False), ("Long words", None)]
    assert r.chart is not None and [b.over for b in r.chart.bars] == [True, True, False, False]
    # Section reading ages land on the document's own sections, which the text links to.
    ages = {s.title: s.reading_age for s in view.sections}
    assert ages["Our approach"] == "21.2" and ages["Have your say"] == "9.4"
    anchors = {p.anchor for p in view.passages if p.anchor}
    assert {s.anchor for s in view.sections if s.anchor} <= anchors
    f = view.framing
    assert f is not None and f.step == 4 and f.step_name == "Consultation"
    assert [s["step"] for s in f.ladder] == [8, 7, 6, 5, 4, 3, 2, 1]
    assert [s["step"] for s in f.ladder if s["current"]] == [4]
    assert f.summary.startswith("Of 13 sentences, 2 do things to people")
    html = report.render_document(view)
    assert 'aria-current="step"' in html and "This document" in html


@pytest.mark.parametrize("age,verdict", [
    (8.0, "Most people will find this easy to read."),
    (10.5, "Most people will be able to read this."),
    (12.0, "Many people will find this hard to read."),
    (16.0, "Most adults will find this hard to read."),
    (19.0, "Almost everyone will find this hard to read."),
])
def test_reading_age_in_words(age: float, verdict: str) -> None:
    assert report.reading_age_verdict(age, 11) == verdict


def test_partial_and_odd_metrics_never_break_a_page() -> None:
    result = check_text("We will invite stakeholders.\n", fmt="text")
    for metrics in (
        {"readability": {"reading_age": 9.5, "too_short": True, "note": "Too short to judge."}},
        {"readability": {"reading_age": "n/a"}, "framing": {"counts": "none"}},
        {"readability": {"reading_age": 12, "sections": [{"title": "", "line": None}]},
         "framing": {"counts": {"to": 1}, "ladder": {"step": 99}}},
        {"framing": {"counts": {"to": 0, "for": 0, "together": 0, "neutral": 0}}},
    ):
        result.metrics = metrics
        html = report.render_document(report.document_view(result))
        assert "</html>" in html
    result.metrics = {"readability": {"reading_age": 9.5, "too_short": True,
                                      "note": "Too short to judge."}}
    assert "Too short to judge." in report.render_document(report.document_view(result))


def test_table_cells_are_shown_row_by_row(word_report: Path, tmp_path: Path) -> None:
    """Each table row starts a new line of cells, whatever the width of the page."""
    from plainlint.api import Checker

    md = "Costs:\n\n| What | Who pays |\n|---|---|\n| Advice | Free |\n| Care | You |\n"
    page = report.render_document(report.document_view(check_text(md, fmt="markdown")))
    table = page.split('<div class="cells"', 1)[1].split("</div>", 1)[0]
    assert table.count('class="cells-row"') == 2  # before rows 2 and 3
    assert re.search(r"What.*Who pays.*cells-row.*Advice.*Free.*cells-row.*Care.*You",
                     table, re.DOTALL)
    # Word tables know their rows from the document (a merged cell spans two columns).
    word = Checker(keep_documents=True).run([str(word_report)]).files[0]
    view = report.document_view(word)
    assert [(p.row, "".join(t.text for t in p.tokens)) for p in view.passages
            if p.kind == "table-cell"][:4] == [(1, "Service"), (1, "Cost"), (1, "Notes"),
                                               (2, "Respite")]


def test_too_short_for_a_reading_age(tmp_path: Path) -> None:
    """A document under about 100 words has measures but no reading age to judge it by: the
    page says so instead of a verdict, and the index neither shows nor averages it."""
    result = rich_result(tmp_path)
    letter = result.files[1]
    assert letter.metrics["readability"]["too_short"]
    view = report.document_view(letter)
    assert view.readability is not None and view.readability.measures == []
    html = report.render_document(view)
    assert "Too short to measure." in html and letter.metrics["readability"]["note"] in html
    assert view.readability.verdict not in html
    index = report.index_view(result, ["a.html", "b.html"])
    row = next(r for r in index.rows if r.path == letter.path)
    assert row.too_short and row.reading_age is None and row.meets is None
    assert index.totals["measured"] == 1
    assert "too short to measure" in report.render_index(index)


def test_word_documents_name_paragraphs_not_lines(word_report: Path, tmp_path: Path) -> None:
    """Lines of the extracted text mean nothing to a Word writer: the page says where each
    finding is in their document."""
    from plainlint.api import Checker

    result = Checker(keep_documents=True).run([str(word_report)])
    view = report.document_view(result.files[0])
    places = {fv.place for fv in view.findings}
    # (the footnote's "stakeholders" is a related use of the finding in paragraph 4: jargon
    # reports a term once per document)
    assert "Paragraph 4" in places and "The header" in places
    assert not any(p.startswith("Line") for p in places)
    assert view.located
    housing = next(sec for sec in view.sections if sec.title == "Housing")
    assert housing.place == "paragraph 3"
    html = report.render_document(view)
    assert "Select where a problem is" in html and ">Paragraph 4</a>" in html


def test_every_highlight_holds_exactly_its_findings_text(tmp_path: Path) -> None:
    result = rich_result(tmp_path)
    doc = result.files[0]
    view = report.document_view(doc)
    page = parse(report.render_document(view))
    by_id = {fv.hl_id: fv for fv in view.findings}
    raw = sorted(doc.findings, key=lambda f: f.sort_key)
    for hl_id, shown in page.hl_text.items():
        f = raw[by_id[hl_id].n - 1]
        # The prose shown is the finding's text less any markup inside it.
        assert " ".join(shown.split()) == " ".join(f.text.replace("\n", " ").split())
    inline = [fv for fv in view.findings if fv.in_text and not fv.wide]
    wide = [fv for fv in view.findings if fv.wide]
    assert len(inline) == len(page.hl_text)
    # Sentence and paragraph findings that hold word findings are shaded stretches.
    assert {fv.rule for fv in wide} >= {"long-sentence", "long-paragraph", "done-for"}


def _spans(draw: Any, length: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(draw(st.integers(0, 12))):
        s = draw(st.integers(0, length))
        e = draw(st.integers(s, min(length, s + 40)))
        out.append((s, e))
    return out


@st.composite
def overlapping(draw: Any) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet="ab cd\n", min_size=1, max_size=120))
    return text, _spans(draw, len(text))


@settings(max_examples=200, deadline=None)
@given(overlapping())
def test_overlapping_findings_never_nest_and_none_is_lost(case: tuple[str, list[Any]]) -> None:
    text, spans = case
    findings = [
        Finding("jargon", Severity.WARNING, "m", 1, 1, 1, 1, s, e, text[s:e])
        for s, e in spans
    ]
    result = FileResult("a.txt", "text", findings)
    view = report.document_view(result, text=text)
    seen: list[int] = []
    for p in view.passages:
        depth = 0
        for t in p.tokens:
            if t.k == "o":
                assert depth == 0, "a highlight inside a highlight"
                depth = 1
                seen.append(t.f.n)  # type: ignore[union-attr]
            elif t.k == "c":
                assert depth == 1
                depth = 0
            elif t.k == "m":
                assert depth == 0, "a marker inside a highlight"
                seen.append(t.f.n)  # type: ignore[union-attr]
        assert depth == 0
    outside = {fv.n for fv in view.outside} | {fv.n for fv in view.whole}
    assert sorted(seen + sorted(outside)) == list(range(1, len(findings) + 1))
    # Text is never lost or repeated: the passages hold the text's non-blank paragraphs.
    shown = "".join(t.text for p in view.passages for t in p.tokens if t.k == "t")
    assert shown.replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(" ", "")
    html = report.render_document(view)
    assert len(parse(html).hl_text) == sum(1 for fv in view.findings if fv.in_text
                                           and not fv.wide)


def test_text_only_results_show_paragraphs_and_without_text_list_findings() -> None:
    text = "Dear resident\r\n\r\nWe will utilise\r\nthe form.\r\n"
    start = text.index("utilise")
    f = Finding("plain-words", Severity.SUGGESTION, "Say use.", 3, 9, 3, 16, start,
                start + 7, "utilise")
    result = FileResult("letter.pdf", "pdf", [f])
    view = report.document_view(result, text=text)
    assert [p.kind for p in view.passages] == ["text", "text"]
    assert view.findings[0].in_text and view.pre_line
    assert "utilise" in parse(report.render_document(view)).hl_text.values()
    bare = report.document_view(result)
    assert not bare.passages and bare.outside and "was not kept" in bare.text_note
    assert "Say use." in report.render_document(bare)


def test_offset_map_text_span_is_the_inverse_of_source_span() -> None:
    source = "a &amp; **b** c"
    b = BlockBuilder()
    b.copy(source, 0, 2)
    b.replace("&", 2, 7)
    b.copy(source, 7, 8)
    b.copy(source, 10, 11)
    b.separator(" ", 13)
    b.copy(source, 14, 15)
    text, mapping = b.build()
    assert text == "a & b c"
    assert mapping.text_span(0, 1) == (0, 1)
    assert mapping.text_span(3, 5) == (2, 3)  # inside an entity: the whole entity
    assert mapping.text_span(8, 13) == (4, 5)  # markup around b is skipped
    assert mapping.text_span(8, 10) is None  # only markup
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            s, e = mapping.source_span(start, end)
            # An inserted separator (text position 5) at either end maps to no source.
            lo, hi = start + (start == 5), end - (end - 1 == 5)
            if lo >= hi:
                continue
            back = mapping.text_span(s, e)
            assert back is not None and back[0] <= lo and back[1] >= hi


# -- pages: self-contained, safe, stable ------------------------------------------------------


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_pages_are_self_contained_with_a_strict_policy(tmp_path: Path) -> None:
    result = rich_result(tmp_path)
    files = report.write_report(result, tmp_path / "out")
    for f in files:
        html = f.read_text(encoding="utf-8")
        page = parse(html)
        metas = [a for t, a in page.tags if t == "meta"]
        csp = next(a["content"] for a in metas
                   if a.get("http-equiv") == "Content-Security-Policy")
        assert page.tags.index(("meta", metas[1])) < [t for t, _ in page.tags].index("style")
        assert csp.startswith("default-src 'none';")
        assert "unsafe-inline" not in csp and "http" not in csp
        assert len(page.scripts) == 1 and len(page.styles) == 1
        assert f"'{_hash(page.scripts[0])}'" in csp and f"'{_hash(page.styles[0])}'" in csp
        for tag, attrs in page.tags:
            assert "src" not in attrs and "style" not in attrs, tag
            assert not any(k.startswith("on") for k in attrs), tag
            href = attrs.get("href")
            if tag == "a" and href is not None:
                assert href.startswith("#") or re.fullmatch(r"[a-z0-9-]+\.html(#[\w-]+)?",
                                                            href), href
        assert not re.search(r"url\(|@import|https?://(?!www\.northfield)", page.styles[0])


def test_document_text_is_data_never_markup(tmp_path: Path) -> None:
    result = check_text(HOSTILE_TXT, fmt="text", path="<b>x</b>.txt")
    html = report.render_document(report.document_view(result))
    body = html.split("<body>", 1)[1].split("<script>", 1)[0]
    assert "<script>alert" not in body and "<img" not in body and "<link" not in body
    assert "&lt;script&gt;alert(&#34;txt&#34;)&lt;/script&gt;" in body
    assert "{{ 7 * 7 }}" in body and "{{ config }}" in body
    assert "&lt;b&gt;x&lt;/b&gt;.txt" in body


def test_templates_refuse_undefined_names() -> None:
    env = report._environment()
    assert env.autoescape is True
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("document.html.j2").render(css="", js="", csp="", version="",
                                                    generated="", index_href="")


def test_page_names_are_readable_stable_and_unique() -> None:
    names = report.page_names(["docs/Adult Care.md", "docs/adult-care.md", "docs/bins.html",
                               "docs/index.md", "docs/Café ☕.txt"])
    assert names[2] == "bins-html.html"
    assert names[4] == "cafe-txt.html"
    assert re.fullmatch(r"adult-care-md-[0-9a-f]{8}\.html", names[0])
    assert names[0] != names[1] and len(set(names)) == len(names)
    assert names[3] != "index.html" and names[3].startswith("index-md")
    assert report.page_names(["docs/Adult Care.md", "docs/adult-care.md", "docs/bins.html",
                              "docs/index.md", "docs/Café ☕.txt"]) == names
    assert report.page_names(["/srv/site/a.md"]) == ["a-md.html"]
    assert report.page_names(["a/x.md", "b/x.md"]) == ["a-x-md.html", "b-x-md.html"]


def test_index_view_across_documents(tmp_path: Path) -> None:
    result = rich_result(tmp_path)
    view = report.index_view(result, ["a.html", "b.html"])
    assert view.totals["documents"] == 2 and view.has_readability and view.has_framing
    assert view.totals["findings"] == len(result.findings)
    top = {t["term"]: t for t in view.terms}
    assert top["prior to"]["count"] == 2 and top["prior to"]["documents"] == 2
    assert top["prior to"]["tries"] == ["before"]  # from the glossary, not one match's case
    # The hardest sentences are the long and hard sentences found, hardest first, each
    # linking to its finding on the document's page.
    doc = result.files[0]
    numbered = sorted(doc.findings, key=lambda f: f.sort_key)
    flagged = {f.offset: (n, f) for n, f in reversed(list(enumerate(numbered, 1)))
               if f.rule in ("long-sentence", "hard-sentence")}
    assert len(view.sentences) == len(flagged) >= 2
    for shown in view.sentences:
        n = int(shown["href"].removeprefix("a.html#h"))
        f = numbered[n - 1]
        assert f.rule in ("long-sentence", "hard-sentence") and flagged[f.offset][0] == n
        assert shown["why"] == f.message
    ages = [numbered[int(x["href"].removeprefix("a.html#h")) - 1].data["reading_age"]
            for x in view.sentences]
    assert ages == sorted(ages, reverse=True)
    long = next(x for x in view.sentences if x["rule"] == "Long sentences")
    assert long["words"] == 51 and long["text"].startswith("Going forward, we will co-produce")
    html = report.render_index(view)
    assert "Hardest sentences" in html and "Words to change most often" in html


# -- commands ---------------------------------------------------------------------------------


def test_report_command_writes_index_and_pages(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs" / "care.md", RICH)
    write(tmp_path / "docs" / "bins" / "days.txt", "We will utilise the bins.\n")
    keep = write(tmp_path / "out" / "notes.txt", "mine")
    r = cli("report", "docs", "-o", "out")
    assert r.exit_code == 0, r.output
    assert r.stdout == f"Wrote a report on 2 documents to {Path('out') / 'index.html'}\n"
    assert r.stderr == ""  # not a terminal: no progress bar
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "bins-days-txt.html", "care-md.html", "index.html", "notes.txt"]
    assert keep.read_text() == "mine"  # nothing else in the folder is touched
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="care-md.html"' in index and 'href="bins-days-txt.html"' in index
    assert cli("report", "docs", "-o", "out", "--fail-on", "warning").exit_code == 1


def test_report_command_progress_and_errors(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "We will invite stakeholders.\n")
    write(tmp_path / "b.md", "Going forward.\n")
    r = cli("report", "a.md", "b.md", "missing.md", "-o", "out", "--progress")
    assert r.exit_code == 2
    assert "plainlint: error: missing.md: no such file or directory" in r.stderr
    assert "Checking" in r.stderr and "Writing pages" in r.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Files that could not be checked" in html and "missing.md" in html
    write(tmp_path / "file", "x")
    r = cli("report", "a.md", "-o", "file")
    assert r.exit_code == 2 and "is a file" in r.stderr
    r = cli("report", "-", "-o", "out")
    assert r.exit_code == 2 and "standard input" in r.stderr


def test_report_command_unwritable_folder(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "We will invite stakeholders.\n")
    r = cli("report", "a.md", "-o", "a.md/report")  # a folder inside a file: cannot exist
    assert r.exit_code == 2 and "could not write the report" in r.stderr
    assert "Traceback" not in r.output
    assert (tmp_path / "a.md").read_text() == "We will invite stakeholders.\n"


def test_check_format_html_single_and_combined(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "We will invite stakeholders.\n")
    write(tmp_path / "b.txt", "Please utilise the form.\n")
    r = cli("check", "--format", "html", "--output", "one.html", "a.md")
    assert r.exit_code == 1 and r.stdout == ""
    one = (tmp_path / "one.html").read_text(encoding="utf-8")
    assert "<h1 class=\"doc-title\"" in one and "stakeholders" in one
    r = cli("check", "--format", "html", "-o", "all.html", "a.md", "b.txt")
    both = (tmp_path / "all.html").read_text(encoding="utf-8")
    assert 'id="d1-title"' in both and 'id="d2-title"' in both and 'id="documents"' in both
    assert [p.name for p in tmp_path.iterdir()
            if p.name.startswith(".") and p.name != ".plainlint_cache"] == []  # no temp files
    r = cli("check", "--format", "html", "a.md")
    assert r.stdout.startswith("<!DOCTYPE html>")


def test_html_reporter_is_registered_for_every_format_user() -> None:
    result = RunResult(files=[check_text("We will invite stakeholders.\n")])
    assert REPORTERS["html"](result, ReportOptions()).startswith("<!DOCTYPE html>")


def test_reproducible_with_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert report.generated_on() == "1 January 2026"
    r = check_text("We will invite stakeholders.\n")
    first = REPORTERS["html"](RunResult(files=[r]), ReportOptions())
    assert first == REPORTERS["html"](RunResult(files=[r]), ReportOptions())


def test_helpers_metric_shapes_match_the_contract() -> None:
    """The test metrics follow docs/json-format.md, so the report is built against it."""
    doc = Path(__file__).resolve().parent.parent / "docs" / "json-format.md"
    text = doc.read_text(encoding="utf-8")
    for key in readability_metric(RICH):
        assert f'"{key}"' in text, key
    for key in FRAMING:
        assert f'"{key}"' in text, key


# -- output writers never pass a crash off as findings (issue 21) ------------------------------


def test_check_save_html_writes_the_page_on_the_bundled_examples(cli, tmp_path: Path) -> None:
    """`check --save html=FILE` crashed on every run (a section known only from the metrics
    had no counts), wrote no file and exited 1, which reads as "findings found"."""
    import shutil

    shutil.copytree(Path(__file__).resolve().parent.parent / "examples", tmp_path / "examples")
    r = cli("check", "--save", "html=out/page.html", "--save", "json=out/r.json", "examples")
    assert "Traceback" not in r.output and r.stderr == "", r.stderr
    assert r.exit_code == 1  # the examples have findings
    page = (tmp_path / "out" / "page.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # The document is kept for a saved page, as for --format html: the text is marked.
    assert page.count('class="hl ') > 10
    assert "bin-collections.html" in page and "council-tax-letter.txt" in page


def test_a_result_without_its_document_still_shows_measured_sections() -> None:
    r = check_text(RICH, path="care.md")
    r.document = None  # as a cached or JSON-loaded result has it
    r.metrics = {**(r.metrics or {}), "readability": readability_metric(RICH)}
    view = report.document_view(r, text=RICH)
    assert len(view.sections) > 1 and all(set(s.counts) == {"error", "warning", "suggestion"}
                                          for s in view.sections)
    assert "Getting care and support at home" in report.render_document(view)


def test_a_failing_output_writer_is_one_line_and_exit_2(cli, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever goes wrong while making or writing an output, the run says so in one line and
    exits 2, never 1 (findings) with a traceback."""
    write(tmp_path / "a.md", "We will engage stakeholders.\n")

    def broken(result: RunResult, options: ReportOptions) -> str:
        raise KeyError("error")

    monkeypatch.setitem(REPORTERS, "sarif", broken)
    for args in (("--save", "sarif=x.sarif"), ("--format", "sarif"),
                 ("--format", "sarif", "-o", "x.sarif")):
        r = cli("check", *args, "a.md")
        assert r.exit_code == 2, args
        lines = r.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("plainlint: error: "), r.stderr
        assert "cannot make the sarif report (KeyError: 'error')" in lines[0]
        assert not (tmp_path / "x.sarif").exists()
    write(tmp_path / "taken", "x")
    r = cli("check", "--save", "html=taken/page.html", "a.md")  # a folder inside a file
    assert r.exit_code == 2 and "taken/page.html: cannot write the report" in r.stderr
    assert "Traceback" not in r.output
    monkeypatch.setattr(report, "render_index", lambda *a, **k: {}["error"])
    r = cli("report", "a.md", "-o", "site")
    assert r.exit_code == 2 and r.stderr.splitlines() == [
        "plainlint: error: site: could not make the report (KeyError: 'error')"]


# -- the page's words (issue 17) ---------------------------------------------------------------

GLITCHES = """\
# Paying for care

You must send us your bank statements within 14 days. We will work out how much you pay,
i.e. your weekly contribution. Going forward, we will engage stakeholders.
"""


def test_no_doubled_full_stops_and_the_source_spelling_of_a_term(tmp_path: Path) -> None:
    r = check_text(GLITCHES, path="care.md")
    tries = [s.text for f in r.findings for s in f.suggestions]
    assert any(t.endswith(".”") for t in tries)  # a suggestion that ends its own sentence
    html = report.render_document(report.document_view(r))
    assert ".”." not in html and "..<" not in html
    view = report.document_view(r)
    latin = next(g for g in view.rule_groups if g.rule == "latin")
    assert [e.text for _, es in latin.sections for e in es] == ["i.e."]  # not the list's "ie"
    assert [t.term for t in view.terms if t.rule_title.startswith("Latin")] == ["i.e."]
    assert report.full_stop("Say “we will help.”") == "Say “we will help.”"
    assert report.full_stop("that is; meaning") == "that is; meaning."
    assert report.as_written("prior to", "Prior to") == "prior to"


@pytest.mark.parametrize(("ages", "said"), [
    ([14.0], "it does not meet its target"),
    ([9.0], "it meets its target"),
    ([14.0, 15.0], "none of the 2 measured documents meets its target"),
    ([9.0, 15.0, 16.0], "1 of the 3 measured documents meets its target"),
    ([9.0, 8.0], "all 2 measured documents meet their target"),
])
def test_index_says_how_many_meet_the_target_in_good_english(ages: list[float],
                                                              said: str) -> None:
    files = [FileResult(f"d{i}.md", "markdown", [], {"readability": {
        "reading_age": a, "targets": {"reading_age": 11}}}) for i, a in enumerate(ages)]
    view = report.index_view(RunResult(files=files), [f"d{i}.html" for i in range(len(ages))])
    html = report.render_index(view)
    assert said in html and "of 1 documents" not in html


# -- data shapes other parts are changing -------------------------------------------------------

HARD = """\
# Our approach to commissioning

Notwithstanding the aforementioned considerations, the commissioning directorate's
transformation programme necessitates comprehensive reconfiguration of multidisciplinary
safeguarding arrangements, incorporating interdependencies between organisational
accountabilities and contractual obligations across the partnership.

Consequently, the implementation methodology prioritises sustainability, interoperability and
accountability, establishing comprehensive governance infrastructure whereby strategic
commissioning intentions are systematically operationalised through collaborative
procurement mechanisms and performance management frameworks.

Furthermore, the directorate anticipates that organisational restructuring will facilitate
significantly enhanced operational effectiveness, notwithstanding considerable financial
constraints, demographic pressures and increasing complexity of individual circumstances
requiring specialist intervention and multidisciplinary coordination arrangements.

Accordingly, representatives of participating organisations will be expected to demonstrate
demonstrable commitment to continuous improvement methodologies, evidence-based practice and
outcome-focused commissioning, prioritising preventative interventions wherever practicable.
"""


def test_a_document_level_finding_is_in_the_summary_never_on_a_heading() -> None:
    r = check_text(HARD, path="hard.md", select=["reading-age"])
    whole = [f for f in r.findings if f.data.get("scope") == "document"]
    assert whole, "the document's reading age should be over its target"
    view = report.document_view(r)
    assert [fv.rule for fv in view.whole] == ["reading-age"] * len(whole)
    assert all(not fv.in_text for fv in view.whole)
    drawn = [t.f.n for p in view.passages for t in p.tokens if t.k in ("o", "m") and t.f]
    assert all(n not in drawn for n in (fv.n for fv in view.whole))
    html = report.render_document(view)
    assert "About the whole document" in html and "The whole document</span>" in html
    # A finding spanning the whole text (several lines) is about the document too.
    text = "We will engage stakeholders.\n\nGoing forward, we will meet.\n"
    f = Finding("reading-age", Severity.WARNING, "Too hard.", 1, 1, 3, 1, 0, len(text) - 1,
                text[:-1])
    assert report.is_whole_document(f, text)
    one = Finding("jargon", Severity.WARNING, "m", 1, 1, 1, 5, 0, 5, "synergy")
    assert not report.is_whole_document(one, "synergy\n")  # a one-word text: still marked


def test_a_ladder_with_no_step_says_why() -> None:
    r = check_text(GLITCHES, path="care.md")
    r.metrics["framing"] = {"counts": {"to": 1, "for": 0, "together": 0, "neutral": 3},
                            "ladder": {"step": None, "name": None,
                                       "reason": "not enough evidence"}}
    view = report.document_view(r)
    assert view.framing is not None and view.framing.unplaced and view.framing.step is None
    html = report.render_document(view)
    assert "this document <strong>has no step</strong>: not enough evidence." in html
    index = report.render_index(report.index_view(RunResult(files=[r]), ["care.html"]))
    assert "Ladder step" in index and "no step: not enough evidence." in index
    r.metrics["framing"]["ladder"] = {"step": 99}  # nonsense is not "not enough evidence"
    assert not report.document_view(r).framing.unplaced  # type: ignore[union-attr]
    assert "no step" not in report.render_index(report.index_view(RunResult(files=[r]),
                                                                  ["care.html"]))


def test_a_finding_with_related_places_says_also_on_lines() -> None:
    text = "We will engage stakeholders.\n\nStakeholders agree.\n\nAsk stakeholders.\n"
    f = Finding("jargon", Severity.WARNING, "Jargon.", 1, 16, 1, 28, 15, 27, "stakeholders",
                term="stakeholder", data={"related": [{"line": 5, "column": 5}, {"line": 3}]})
    view = report.document_view(FileResult("a.txt", "text", [f]), text=text)
    assert view.findings[0].also == "Also on lines 3 and 5."
    html = report.render_document(view)
    assert html.count("Also on lines 3 and 5.") == 2  # in the explanation and in the list


# -- the index says where to start (issue 21) --------------------------------------------------


def test_index_lists_worst_first_by_title_and_refused_files_apart(tmp_path: Path) -> None:
    from plainlint.api import Checker
    from plainlint.model import FileError

    write(tmp_path / "a-fixture.md", "We will engage stakeholders.\n")
    write(tmp_path / "b.md", "---\ntitle: \"Council tax: paying\"\nlayout: page\n---\n\n"
          "# Some other heading\n\nPay online. Going forward, we will meet.\n")
    write(tmp_path / "c.md", HARD)
    result = Checker(keep_documents=True).run([str(tmp_path)])
    refused = str(tmp_path / "scan.pdf")
    hard = next(f for f in result.files if f.path.endswith("c.md"))
    result.files.append(FileResult(refused, "pdf", list(hard.findings), {}))
    result.errors.append(FileError(refused, "its text cannot be decoded"))
    view = report.index_view(result, [f"{i}.html" for i in range(len(result.files))])
    assert view.rows[0].title == "Our approach to commissioning"  # furthest over its target
    assert {r.title for r in view.rows} >= {"Council tax: paying"}  # front matter, not H1
    assert all(r.path != refused for r in view.rows)
    assert all(s["path"] != refused for s in view.sentences)
    html = report.render_index(view)
    assert html.index("Our approach to commissioning") < html.index("Council tax: paying")
    assert "Files that could not be checked" in html and "its text cannot be decoded" in html
    # A title given by the run itself (plainlint's JSON `title`) wins.
    titled = result.files[0]
    titled.title = "Given title"  # type: ignore[attr-defined]
    assert report.document_title(titled) == "Given title"
    assert report.front_matter_title("+++\ntitle = 'Bins'\n+++\nText\n") == "Bins"
    assert report.middle_cut("docs/guidance/very/long/folder/name/for/the/page.md", 20) == \
        "docs/g…r/the/page.md"
