"""`plainlint annotate`: a commented Word copy, reopened with python-docx and LibreOffice."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from plainlint.annotate import metrics_lines, split_run, summary_text
from plainlint.api import check_paths
from plainlint.model import FileResult, Finding, Severity
from plainlint.reporters.common import counts, describe_counts, plural
from tests.documents import convert


def anchors(path: Path) -> dict[str, str]:
    """Comment id -> the text between its range start and end, read from the document XML."""
    body = docx.Document(str(path)).element.body
    open_ids: list[str] = []
    texts: dict[str, str] = {}
    for el in body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ids.append(el.get(qn("w:id")))
            texts.setdefault(el.get(qn("w:id")), "")
        elif el.tag == qn("w:commentRangeEnd"):
            if el.get(qn("w:id")) in open_ids:
                open_ids.remove(el.get(qn("w:id")))
        elif el.tag == qn("w:t"):
            for i in open_ids:
                texts[i] += el.text or ""
    return texts


def in_place(findings: list[Finding]) -> list[Finding]:
    """The findings annotate comments on in place: those in the body, except findings about
    the whole document (its reading age), which go in the summary comment."""
    return [f for f in findings
            if f.location["part"] == "body" and f.data.get("scope") != "document"]


def plainlint_comments(path: Path) -> list[Any]:
    return [c for c in docx.Document(str(path)).comments if c.author == "plainlint"]


def char_formats(path: Path) -> list[tuple[str, str]]:
    """Every character of the body with its run's formatting, comment reference runs aside."""
    from lxml import etree

    out = []
    body = docx.Document(str(path)).element.body
    for r in body.iter(qn("w:r")):
        if r.find(qn("w:commentReference")) is not None:
            continue
        rpr = r.find(qn("w:rPr"))
        fmt = etree.tostring(rpr).decode() if rpr is not None else ""
        for t in r.iter(qn("w:t")):
            out.extend((ch, fmt) for ch in t.text or "")
    return out


def run_annotate(cli, src: Path, tmp_path: Path, *args: str) -> tuple[Any, Path]:
    target = tmp_path / src.name
    target.write_bytes(src.read_bytes())
    out = tmp_path / "commented.docx"
    r = cli("annotate", target.name, "-o", out.name, *args)
    return r, out


def test_every_comment_sits_on_exactly_the_flagged_words(word_report: Path, cli,
                                                          tmp_path: Path) -> None:
    before = hashlib.sha256(word_report.read_bytes()).hexdigest()
    r, out = run_annotate(cli, word_report, tmp_path)
    assert r.exit_code == 0, r.output
    assert hashlib.sha256(word_report.read_bytes()).hexdigest() == before  # never modified
    findings = check_paths([str(tmp_path / word_report.name)]).files[0].findings
    in_body = in_place(findings)
    comments = plainlint_comments(out)
    texts = anchors(out)
    on_words = comments[:-1]
    assert len(on_words) == len(in_body)
    for f, c in zip(in_body, on_words, strict=True):
        assert texts[str(c.comment_id)] == f.text
        assert f.message in c.text and "(plainlint" in c.text
        if f.suggestions:
            assert "Try: " + f.suggestions[0].text in c.text
    # "stakeholders" sits in two runs, one bold: the comment spans both, exactly.
    assert "stakeholders" in [texts[str(c.comment_id)] for c in on_words]
    more = len(findings) - len(in_body)
    assert more >= 1  # the header's term, at least
    assert r.stdout.startswith(f"wrote commented.docx: {len(in_body)} comments on flagged words; "
                               f"a summary comment on the first paragraph, listing {more} more.")


def test_summary_comment_lists_what_cannot_be_commented_in_place(
        word_report: Path, cli, tmp_path: Path) -> None:
    _, out = run_annotate(cli, word_report, tmp_path)
    summary = plainlint_comments(out)[-1]
    assert anchors(out)[str(summary.comment_id)] == "Short breaks for carers"  # first paragraph
    findings = check_paths([str(tmp_path / word_report.name)]).files[0].findings
    assert summary.text.startswith(f"plainlint found {len(findings)} things to look at "
                                   f"({describe_counts(counts(findings))}). Each is a comment "
                                   "on the words it is about.")
    # "stakeholders" in the footnote and the header is reported once, at its first use in the
    # body (jargon reports a term once per document); the header's own term is listed here.
    assert "Footnote 1, “stakeholders”" not in summary.text
    assert "The header, “Scrutiny committee”:" in summary.text
    assert summary.author == "plainlint" and summary.initials == "PL"


def test_formatting_and_text_are_unchanged(word_report: Path, cli, tmp_path: Path) -> None:
    _, out = run_annotate(cli, word_report, tmp_path)
    assert char_formats(out) == char_formats(word_report)
    original = [p.text for p in docx.Document(str(word_report)).paragraphs]
    assert [p.text for p in docx.Document(str(out)).paragraphs] == original
    # The writer's own comment is still there, with its text.
    authors = [c.author for c in docx.Document(str(out)).comments]
    assert authors.count("Manager") == 1


def test_annotating_a_commented_copy_warns(word_report: Path, cli, tmp_path: Path) -> None:
    _, out = run_annotate(cli, word_report, tmp_path)
    again = cli("annotate", out.name, "-o", "twice.docx")
    assert again.exit_code == 0
    n = len(plainlint_comments(out))  # one a finding in the body, and the summary
    assert f"commented.docx: already has {n} comments by plainlint, which stay" in again.stderr


def test_min_severity_limits_the_comments(word_report: Path, cli, tmp_path: Path) -> None:
    r, out = run_annotate(cli, word_report, tmp_path, "--min-severity", "warning")
    assert r.exit_code == 0
    texts = anchors(out)
    anchored = [texts[str(c.comment_id)] for c in plainlint_comments(out)[:-1]]
    assert "In order to" not in anchored  # a suggestion
    assert "Going forward" in anchored
    findings = check_paths([str(tmp_path / word_report.name)]).files[0].findings
    below = sum(1 for f in findings if f.severity < Severity.WARNING)
    assert below >= 1 and f"{plural(below, 'finding')} below warning left out" in r.stdout


def test_libreoffice_report_annotated_and_reopened(report_files: dict[str, Path], cli,
                                                    tmp_path: Path, lo_profile: Path) -> None:
    r, out = run_annotate(cli, report_files["docx"], tmp_path)
    assert r.exit_code == 0, r.output
    findings = check_paths([str(tmp_path / report_files["docx"].name)]).files[0].findings
    texts = anchors(out)
    ours = plainlint_comments(out)
    body = in_place(findings)
    assert [texts[str(c.comment_id)] for c in ours[:-1]] == [f.text for f in body]
    assert any(f.data.get("scope") == "document" for f in findings)
    assert "This document has a reading age of" in ours[-1].text
    assert char_formats(out) == char_formats(report_files["docx"])
    # LibreOffice opens the copy: converting it to PDF and ODT works, and the text is intact.
    pdf = convert(out, "pdf", tmp_path / "pdf", lo_profile)
    odt = convert(out, "odt", tmp_path / "odt", lo_profile)
    assert pdf.stat().st_size > 10_000
    reread = check_paths([str(odt)]).files[0].findings
    assert [(f.rule, f.text) for f in reread] == [(f.rule, f.text) for f in findings]


def test_refuses_to_overwrite_the_original_and_non_word_files(word_report: Path, cli,
                                                              tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(word_report.read_bytes())
    before = target.read_bytes()
    r = cli("annotate", "report.docx", "-o", "report.docx")
    assert r.exit_code == 2 and "would replace the original" in r.stderr
    assert target.read_bytes() == before
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4\n")
    r = cli("annotate", "plan.pdf")
    assert r.exit_code == 2 and "Word files (.docx) only" in r.stderr
    r = cli("annotate", "report.docx")  # default name next to the original
    assert r.exit_code == 0 and (tmp_path / "report-plainlint.docx").exists()


def test_unreadable_word_file_is_one_line(cli, tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 cut short")
    r = cli("annotate", "broken.docx")
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        "plainlint: error: broken.docx: is damaged or incomplete (its zip archive is broken: "
        "was the download or copy cut short?)"]
    assert not (tmp_path / "broken-plainlint.docx").exists()


def test_split_run_keeps_every_character_and_property() -> None:
    d = docx.Document()
    p = d.add_paragraph()
    run = p.add_run("Going forward we invite")
    run.bold = True
    run._r.append(run._r.makeelement(qn("w:tab"), {}))
    t = run._r.makeelement(qn("w:t"), {})
    t.text = "stakeholders."
    run._r.append(t)
    pieces = split_run(run._r, [6, 14, 24, 36])
    assert pieces[0][2] is run._r  # the first piece keeps the original element
    assert [(s, e) for s, e, _ in pieces] == [(0, 6), (6, 14), (14, 24), (24, 36),
                                              (36, 37)]
    from docx.text.run import Run

    texts = [Run(el, p).text for _, _, el in pieces]
    assert texts == ["Going ", "forward ", "we invite\t", "stakeholders", "."]
    assert all(Run(el, p).bold for _, _, el in pieces)
    assert p.text == "Going forward we invite\tstakeholders."


def test_summary_reads_the_metrics_contract() -> None:
    metrics = {
        "readability": {"reading_age": 14.6, "flesch_reading_ease": 54.2,
                        "long_sentence_share": 0.12, "passive_share": 0.07,
                        "targets": {"reading_age": 11, "flesch_reading_ease": 60}},
        "framing": {"ladder": {"step": 3, "name": "informing",
                               "reason": "Most framed sentences tell people what the council "
                                         "does for them; few involve them."}},
    }
    assert metrics_lines(metrics) == [
        "Readability: reading age 14.6 (aim for 11 or below); Flesch reading ease 54 (aim for 60 "
        "or more); 12% of sentences are long; 7% of sentences are passive.",
        "Framing: step 3 of 8 on the co-production ladder (informing). Most framed sentences "
        "tell people what the council does for them; few involve them.",
    ]
    assert metrics_lines({"readability": "unexpected", "framing": {"ladder": None}}) == []
    doc_level = Finding(rule="reading-age", severity=Severity.WARNING,
                        message="This document has a reading age of 15; aim for 11.",
                        line=1, column=1, end_line=1, end_column=5, offset=0, end_offset=4,
                        text="Plan")
    text = summary_text(FileResult("r.docx", "docx", metrics=metrics), [], [doc_level])
    assert text.splitlines()[0] == "plainlint found 1 thing to look at (1 warning)."
    assert "Framing: step 3 of 8" in text
    assert "This document has a reading age of 15; aim for 11. (plainlint reading-age, " \
           "warning)" in text


@pytest.mark.parametrize("severity", ["warning", "error"])
def test_min_severity_choices(word_report: Path, cli, tmp_path: Path, severity: str) -> None:
    r, out = run_annotate(cli, word_report, tmp_path, "--min-severity", severity)
    assert r.exit_code == 0 and out.exists()
    levels = {Severity.parse(c.text.rsplit(", ", 1)[1].rstrip(")"))
              for c in plainlint_comments(out)[:-1]}
    assert all(s >= Severity.parse(severity) for s in levels)
