"""--format markdown: the pull-request comment and job summary."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from plainlint.api import check_text
from plainlint.model import BaseVersion, FileResult, Finding, RunResult, Severity
from plainlint.reporters import ReportOptions
from plainlint.reporters.markdown import MARKER, MAX_CHARS, escape, render, size
from tests.conftest import write

PAGE = (
    "# Paying for care\n\n"
    "We will invite stakeholders going forward.\n\n"
    "Support for the elderly is arranged by us. Please utilise the form.\n"
)


def page(path: str, text: str = PAGE, **kw: Any) -> FileResult:
    return check_text(text, fmt="markdown", path=path, **kw)


def readability(age: float) -> dict[str, object]:
    """Document measures in the shape docs/json-format.md fixes for metrics.readability."""
    return {"readability": {"words": 300, "sentences": 20, "reading_age": age,
                            "flesch_reading_ease": 120 - 5 * age,
                            "targets": {"reading_age": 11}, "too_short": False,
                            "sections": []}}


def test_comment_shape(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", PAGE)
    write(tmp_path / "docs/b.md", "We will talk to residents.\n")
    # The word rules: what the comment looks like, not what the sentence rules find.
    r = cli("check", "--format", "markdown", "--select", "jargon,person-first,plain-words",
            "docs")
    assert r.exit_code == 1
    body = r.stdout
    lines = body.splitlines()
    assert lines[0] == MARKER
    assert lines[1] == "### plainlint: 4 findings in 1 file"
    assert "**2 files checked**: 3 warnings, 1 suggestion." in body
    assert "#### Findings" in body
    top = [line for line in lines if re.match(r"\d+\. ", line)]
    assert [t.split("**")[1] for t in top] == ["warning"] * 3 + ["suggestion"]
    assert "**Try:** use" in top[-1]
    assert "<details>" in body and "<summary><strong>docs/a.md</strong>: 3 warnings, " \
        "1 suggestion</summary>" in body
    assert "| 3 | warning | `jargon` |" in body
    assert "docs/b.md" not in body  # no findings, no section


def test_clean_run(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "We will talk to residents.\n")
    r = cli("check", "--format", "markdown", "a.md")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[:4] == [MARKER, "### plainlint: no findings", "",
                                         "**1 file checked**: no findings."]


def test_document_text_is_inert() -> None:
    f = Finding("jargon", Severity.WARNING, "“x” is @council/team <script>alert(1)</script> | "
                "[link](javascript:alert(1)) **bold**", 1, 1, 1, 2, 0, 1, "x")
    file = FileResult("docs/<img src=x onerror=alert(1)>@ceo.md", "markdown", [f])
    body = render(RunResult(files=[file]), ReportOptions())
    assert "<script>" not in body and "<img" not in body
    assert "@council" not in body and "@ceo" not in body
    assert "@\u200dcouncil" in body
    assert "\\[link\\](javascript:" in body and "[link](" not in body
    assert "\\*\\*bold\\*\\*" in body
    # A pipe cannot break the table row.
    row = next(line for line in body.splitlines() if line.startswith("| 1 |"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # five cells
    assert escape("a\nb\tc") == "a b c"
    assert escape("See item #12, not C#.") == "See item #\u200d12, not C#."


def test_reading_age_with_change_against_the_base() -> None:
    changed = page("docs/care.md")
    changed.metrics = readability(14.6)
    changed.base = BaseVersion("main", "abc", "modified", "docs/care.md",
                               metrics=readability(13.1))
    easier = page("docs/bins.md", "Bins are collected on Monday.\n")
    easier.metrics = readability(9.0)
    easier.base = BaseVersion("main", "abc", "renamed", "docs/old-bins.md",
                              metrics=readability(12.5))
    new = page("docs/new.md", "A new page.\n")
    new.metrics = readability(10.2)
    new.base = BaseVersion("main", "abc", "added", None)
    result = RunResult(files=[changed, easier, new],
                       filters={"diff_base": {"ref": "main", "hidden": 3}})
    body = render(result, ReportOptions())
    assert "#### Reading age" in body
    assert "Aim for 11 or lower." in body
    assert "| Document | Reading age | Since main |" in body
    assert "| docs/care.md | 14.6 | +1.5 (harder) |" in body
    assert "| docs/bins.md | 9.0 | -3.5 (easier) |" in body
    assert "| docs/new.md | 10.2 | new |" in body
    assert "**3 changed files checked**" in body
    assert ("Only findings on lines changed since main are shown; 3 findings on unchanged "
            "lines left out.") in body


def test_without_readability_there_is_no_reading_age_section() -> None:
    long_page = PAGE + "\nBins go out on Monday. " * 60  # long enough for a reading age
    measured = page("a.md", long_page)
    assert "#### Reading age" in render(RunResult(files=[measured]), ReportOptions())
    unmeasured = page("a.md", long_page, ignore=["readability"])
    assert "readability" not in unmeasured.metrics
    assert "Reading age" not in render(RunResult(files=[unmeasured]), ReportOptions())
    # A page too short for a reading age has none to show either.
    short = page("a.md")
    assert short.metrics["readability"]["too_short"]
    assert "Reading age" not in render(RunResult(files=[short]), ReportOptions())


def test_never_over_githubs_limit(tmp_path: Path) -> None:
    """A large run: 400 documents with several findings each. The comment stays under 65,536
    characters, shows what fits, and says how much it left out and where the rest is."""
    text = PAGE + "\nOur stakeholders and key partners will co-produce it going forward.\n"
    one = page("x.md", text)
    files = []
    for n in range(400):
        f = copy.deepcopy(one)
        f.path = f"docs/section-{n // 20}/a-long-council-page-name-{n:03d}.md"
        files.append(f)
    total = sum(len(f.findings) for f in files)
    body = render(RunResult(files=files), ReportOptions(report_url="https://ci.example/run/1"))
    assert size(body) <= MAX_CHARS
    assert size(body) > MAX_CHARS - 2_000  # it used the room it had
    shown = len(re.findall(r"^\| \d+ \| (?:error|warning|suggestion) \|", body, re.MULTILINE))
    note = re.search(r"(\d[\d,]*) findings in (\d+) files are not shown here: see "
                     r"\[the full report\]\(https://ci\.example/run/1\)", body)
    assert note, body[-500:]
    assert shown + int(note.group(1).replace(",", "")) == total
    assert body.startswith(MARKER) and body.rstrip().endswith("</sub>")
    assert body.count("<details>") == body.count("</details>")


def test_limit_holds_for_wide_characters() -> None:
    """Astral characters count twice in UTF-16: the size check counts them that way too."""
    f = Finding("jargon", Severity.WARNING, "😀" * 300, 1, 1, 1, 2, 0, 1, "x")
    files = [FileResult(f"p{n}.md", "markdown", [copy.deepcopy(f) for _ in range(5)])
             for n in range(100)]
    body = render(RunResult(files=files), ReportOptions(), limit=20_000)
    assert size(body) <= 20_000
    assert len(body.encode("utf-16-le")) // 2 <= 20_000
    assert "are not shown here" in body
