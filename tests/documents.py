"""Real Word, OpenDocument and PDF files for the tests.

Two sources, both real tools: python-docx builds a Word report the way a council template does
(styles, lists, tables, merged cells, a hyperlink, tracked changes, a footnote, a field, a
comment, headers and footers in two sections); LibreOffice (headless) converts
``tests/fixtures/cabinet-report.fodt`` into .docx, .odt and tagged and untagged PDF, with
automatic hyphenation, a text box, a footnote, tracked changes and running headers.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORT_FODT = FIXTURES / "cabinet-report.fodt"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
UNTAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"false"}}'
LOCKED_PDF = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"council"}}'
)


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice is not installed: run scripts/test.sh, which installs "
                    "libreoffice-writer-nogui (scripts/system-packages.txt)")
    return exe


def convert(src: Path, target: str, outdir: Path, profile: Path) -> Path:
    """Convert with LibreOffice headless, in its own profile (safe alongside other runs)."""
    outdir.mkdir(parents=True, exist_ok=True)
    ext = target.split(":", 1)[0]
    done = subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), str(src)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(profile)},
    )
    out = outdir / f"{src.stem}.{ext}"
    if done.returncode != 0 or not out.exists():
        raise AssertionError(f"LibreOffice could not convert {src.name} to {ext}: "
                             f"{done.stdout}\n{done.stderr}")
    return out


def qn(tag: str) -> str:
    prefix, name = tag.split(":")
    assert prefix == "w"
    return f"{{{W}}}{name}"


def _el(tag: str, **attrs: str):  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement

    return OxmlElement(tag, attrs={qn(f"w:{k}"): v for k, v in attrs.items()})


def _run(text: str, bold: bool = False):  # type: ignore[no-untyped-def]
    r = _el("w:r")
    if bold:
        rpr = _el("w:rPr")
        rpr.append(_el("w:b"))
        r.append(rpr)
    t = _el("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:footnotes xmlns:w="{W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
    '<w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> We will engage stakeholders '
    'through the Partnership Board.</w:t></w:r></w:p></w:footnote>'
    '</w:footnotes>'
)


def build_word_report(path: Path) -> Path:
    """A council report built with python-docx, with the structures Word files really have."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Scrutiny committee: stakeholders briefing"
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    # A PAGE field: its code and its result are never read.
    fr = footer.add_run()
    fr._r.append(_el("w:fldChar", fldCharType="begin"))
    ir = footer.add_run()
    instr = _el("w:instrText")
    instr.text = " PAGE "
    ir._r.append(instr)
    sr = footer.add_run()
    sr._r.append(_el("w:fldChar", fldCharType="separate"))
    footer.add_run("7")
    er = footer.add_run()
    er._r.append(_el("w:fldChar", fldCharType="end"))

    d.add_paragraph("Short breaks for carers", style="Title")
    # A table of contents field whose generated entries must not be read.
    toc = d.add_paragraph()
    toc._p.append(copy.deepcopy(fr._r))
    toc_instr = _el("w:r")
    it = _el("w:instrText")
    it.text = ' TOC \\o "1-3" \\h \\z \\u going forward '
    toc_instr.append(it)
    toc._p.append(toc_instr)
    toc._p.append(copy.deepcopy(sr._r))
    toc._p.append(_run("Our plan for stakeholders ........ 2"))
    toc._p.append(copy.deepcopy(er._r))

    d.add_heading("Our plan", level=1)
    d.add_heading("Housing", level=2)
    p = d.add_paragraph("Going forward, we will engage ")
    p._p.append(_run("stake", bold=True))  # one word across two runs, two formats
    p._p.append(_run("holders to improve outcomes."))
    ref = _el("w:r")
    ref.append(_el("w:footnoteReference", id="1"))
    p._p.append(ref)
    # Tracked changes: the insertion counts, the deletion does not.
    t = d.add_paragraph("Residents told us what matters. ")
    ins = _el("w:ins", id="101", author="Officer", date="2025-02-01T10:00:00Z")
    ins.append(_run("We will facilitate a holistic review. "))
    t._p.append(ins)
    dele = _el("w:del", id="102", author="Officer", date="2025-02-01T10:01:00Z")
    dr = _el("w:r")
    dt = _el("w:delText")
    dt.text = "Please utilise the portal. "
    dr.append(dt)
    dele.append(dr)
    t._p.append(dele)
    t._p.append(_run("Tell us by 1 May."))
    d.add_paragraph("commissioned services for the elderly", style="List Bullet")
    d.add_paragraph("a single point of contact", style="List Bullet")
    d.add_paragraph("Cabinet agrees the plan.", style="List Number")
    link_p = d.add_paragraph("Read the ")
    rid = d.part.relate_to("https://example.org/plan", RT.HYPERLINK, is_external=True)
    link = _el("w:hyperlink")
    link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid)
    link.append(_run("full plan for stakeholders"))
    link_p._p.append(link)
    link_p._p.append(_run(" online."))
    commented = d.add_paragraph("We will publish the results in June.")
    d.add_comment(commented.runs, text="Ask stakeholders going forward?", author="Manager")

    d.add_heading("Money", level=2)
    table = d.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for c, text in enumerate(["Service", "Cost", "Notes"]):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "Respite"
    table.cell(1, 1).text = "£1.1 million"
    table.cell(1, 2).text = "In order to give carers a break"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Total across both years"
    table.cell(2, 2).text = "Subject to approval"

    new = d.add_section(WD_SECTION.NEW_PAGE)
    new.header.is_linked_to_previous = False
    new.header.paragraphs[0].text = "Scrutiny committee: stakeholders briefing"  # same text
    d.add_heading("Next steps", level=1)
    d.add_paragraph("We will report back to the committee in the autumn.")

    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                FOOTNOTES_XML.encode("utf-8"), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    d.save(str(path))
    return path


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


@pytest.fixture(scope="session")
def report_files(tmp_path_factory: pytest.TempPathFactory, lo_profile: Path) -> dict[str, Path]:
    """The Cabinet report as LibreOffice writes it: docx, odt, tagged PDF, untagged PDF."""
    out = tmp_path_factory.mktemp("report")
    files = {
        "docx": convert(REPORT_FODT, "docx", out / "docx", lo_profile),
        "odt": convert(REPORT_FODT, "odt", out / "odt", lo_profile),
        "pdf": convert(REPORT_FODT, TAGGED_PDF, out / "tagged", lo_profile),
        "untagged": convert(REPORT_FODT, UNTAGGED_PDF, out / "untagged", lo_profile),
    }
    return files


@pytest.fixture(scope="session")
def word_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_word_report(tmp_path_factory.mktemp("word") / "short-breaks.docx")


def source_words() -> set[str]:
    """Every word in the report's source, for checking what comes out of the PDF."""
    import re

    text = re.sub(r"<[^>]+>", " ", REPORT_FODT.read_text(encoding="utf-8"))
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
