"""The everyday commands as a content team uses them: empty placeholder pages, .gitignore,
quiet output, Word files and fixes, old encodings, suppressions, typos, and `report`'s options.

Real files, real git and the real CLI (click's runner), as a writer would run them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import json_out, write
from tests.gitrepo import Repo

JARGON = "We will engage stakeholders.\n"


# -- empty and whitespace-only files --------------------------------------------------------

def test_empty_and_blank_files_are_checked_with_nothing_to_report(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/placeholder.md", "")
    write(tmp_path / "docs/blank.md", "  \n\n\t\n")
    write(tmp_path / "docs/page.md", "We will talk to residents.\n")
    r = cli("check", "docs")
    assert r.exit_code == 0, r.output
    assert "error" not in r.stderr
    assert r.stdout.splitlines()[-1] == "3 files checked: no findings."
    verbose = cli("check", "-v", "docs")
    assert verbose.exit_code == 0
    assert "plainlint: note: docs/blank.md: only white space: nothing to check" in (
        verbose.stderr)
    assert "plainlint: note: docs/placeholder.md: empty: nothing to check" in verbose.stderr
    # Unreadable, binary and undecodable files are still errors.
    write(tmp_path / "docs/binary.md", b"\x00\x01\x02garbage")
    assert cli("check", "docs").exit_code == 2


# -- folders in a git repository respect .gitignore -------------------------------------------

def test_folders_in_git_respect_gitignore(cli, tmp_path: Path, monkeypatch) -> None:
    repo = Repo(tmp_path / "site")
    repo.write(".gitignore", "_site/\ndrafts/*.md\n")
    repo.write("pages/index.md", JARGON)
    repo.write("_site/index.html", "<p>We will engage stakeholders.</p>\n")
    repo.write("drafts/wip.md", JARGON)
    repo.commit("site")
    monkeypatch.chdir(repo.root)
    data = json_out(cli("check", "--format", "json", "."))
    assert [f["path"] for f in data["files"]] == ["pages/index.md"]
    # --no-ignore checks everything, as outside git.
    data = json_out(cli("check", "--no-ignore", "--format", "json", "."))
    assert [f["path"] for f in data["files"]] == [
        "_site/index.html", "drafts/wip.md", "pages/index.md"]
    # A file named on the command line is always checked, ignored or not.
    data = json_out(cli("check", "--format", "json", "drafts/wip.md"))
    assert [f["path"] for f in data["files"]] == ["drafts/wip.md"]
    # Outside git, folders are walked as before.
    outside = tmp_path / "plain"
    write(outside / "_site/a.md", JARGON)
    data = json_out(cli("check", "--format", "json", str(outside)))
    assert len(data["files"]) == 1


def test_an_excluded_explicit_file_says_why(cli, tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.plainlint]\nexclude = ["drafts/"]\n')
    write(tmp_path / "drafts/wip.md", JARGON)
    r = cli("check", "drafts/wip.md")
    assert r.exit_code == 0
    assert ("plainlint: warning: drafts/wip.md: not checked: excluded by `exclude` "
            "(\"drafts/\") in pyproject.toml") in r.stderr
    write(tmp_path / "pages/home.md", JARGON)
    r = cli("check", "--exclude", "*.md", "pages/home.md")
    assert "excluded by --exclude (\"*.md\")" in r.stderr


# -- quiet output --------------------------------------------------------------------------

def test_quiet_prints_findings_only(cli, tmp_path: Path) -> None:
    page = ("# Housing\n\n" + "We will engage stakeholders about housing going forward. " * 12
            + "\n\nOur partners help residents.\n")
    write(tmp_path / "page.md", page)
    full = cli("check", "page.md").stdout.splitlines()
    assert any(": readability:" in line for line in full)
    quiet = cli("check", "-q", "page.md").stdout.splitlines()
    assert quiet and all(re.match(r"page\.md:\d+:\d+: ", line) for line in quiet), quiet
    assert quiet == [line for line in full if re.match(r"page\.md:\d+:\d+: ", line)]


# -- Word and PDF: no promise that `fix` cannot keep ------------------------------------------

def test_word_findings_are_not_offered_to_fix(cli, tmp_path: Path) -> None:
    from tests.documents import build_word_report

    docx = build_word_report(tmp_path / "report.docx")
    fix = cli("fix", "--diff", str(docx))
    r = cli("check", str(docx))
    assert "[*]" not in r.stdout
    assert "fixable with `plainlint fix`" not in r.stdout
    assert "plainlint annotate" in r.stdout.splitlines()[-1]
    # ... because fix does not change Word files.
    assert "annotate" in fix.output


# -- encodings --------------------------------------------------------------------------------

CP1252 = "Our café’s “drop-in” sessions – every Monday – help residents.\n".encode("cp1252")


def test_not_utf8_names_the_encoding_it_looks_like(cli, tmp_path: Path) -> None:
    write(tmp_path / "old.txt", CP1252)
    r = cli("check", "old.txt")
    assert r.exit_code == 2
    assert "looks like Windows-1252" in r.stderr
    assert "--encoding cp1252" in r.stderr


def test_encoding_option_and_setting(cli, tmp_path: Path) -> None:
    write(tmp_path / "old.txt", CP1252 + b"We will engage stakeholders.\n")
    r = cli("check", "--encoding", "cp1252", "--format", "json", "old.txt")
    assert r.exit_code == 1, r.output
    (finding,) = [f for f in json_out(r)["files"][0]["findings"]
                  if f["rule"] == "jargon" and f["text"] == "stakeholders"]
    assert finding["line"] == 2 and finding["column"] == 16
    write(tmp_path / "pyproject.toml", '[tool.plainlint]\nencoding = "cp1252"\n')
    assert cli("check", "old.txt").exit_code == 1
    # UTF-8 files still read as UTF-8 (a BOM or valid UTF-8 wins over the setting).
    write(tmp_path / "new.md", "Café opening times.\n")
    assert cli("check", "new.md").exit_code == 0
    r = cli("check", "--encoding", "klingon", "old.txt")
    assert r.exit_code == 2 and "unknown encoding 'klingon'" in r.stderr


# -- suppressions ----------------------------------------------------------------------------

def test_a_mistyped_rule_in_a_suppression_is_a_warning(cli, tmp_path: Path) -> None:
    write(tmp_path / "page.md", "<!-- plainlint-disable jargn -->\n" + JARGON)
    r = cli("check", "page.md")
    assert ("plainlint: warning: page.md: line 1: unknown rule 'jargn' in plainlint-disable, "
            "did you mean 'jargon'?") in r.stderr


def test_disable_line(cli, tmp_path: Path) -> None:
    write(tmp_path / "page.md", "We will engage stakeholders. <!-- plainlint-disable-line "
                                "jargon -->\n\nOur stakeholders agreed.\n")
    data = json_out(cli("check", "--select", "jargon", "--format", "json", "page.md"))
    assert [(f["line"], f["text"]) for f in data["files"][0]["findings"]] == [
        (3, "stakeholders")]


def test_one_line_html_can_be_suppressed_by_element(cli, tmp_path: Path) -> None:
    html = ("<html><body><main><p>We will engage stakeholders.<!-- plainlint-disable-line "
            "jargon --></p><p>Our stakeholders agreed.</p></main></body></html>")
    write(tmp_path / "export.html", html)
    data = json_out(cli("check", "--select", "jargon", "--format", "json", "export.html"))
    found = data["files"][0]["findings"]
    assert [f["text"] for f in found] == ["stakeholders"]
    assert found[0]["offset"] == html.index("Our stakeholders") + 4


# -- typos -------------------------------------------------------------------------------------

def test_configuration_and_select_typos_get_a_hint(cli, tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.plainlint]\nignor = ["latin"]\n')
    write(tmp_path / "page.md", "We will talk to residents.\n")
    r = cli("check", "page.md")
    assert "unknown setting 'ignor' ignored (did you mean 'ignore'?)" in r.stderr
    write(tmp_path / "pyproject.toml", '[tool.plainlint]\nignore = ["latn"]\n')
    r = cli("check", "page.md")
    assert r.exit_code == 2
    assert "unknown rule(s) 'latn' (did you mean 'latin'?)" in r.stderr
    (tmp_path / "pyproject.toml").unlink()
    r = cli("check", "--select", "jargn", "page.md")
    assert r.exit_code == 2
    assert "--select: unknown rule(s) 'jargn' (did you mean 'jargon'?)" in r.stderr


# -- report takes check's options ------------------------------------------------------------

def test_report_takes_no_cache_jobs_and_baseline(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", JARGON)
    write(tmp_path / "docs/b.md", "Going forward we will talk to residents.\n")
    assert cli("baseline", "docs", "-o", "base.json").exit_code == 0
    args = ("report", "--no-cache", "--jobs", "1", "--fail-on", "warning", "-o", "out", "docs")
    assert cli(*args).exit_code == 1  # the known findings, without the baseline
    r = cli(*args, "--baseline", "base.json")
    assert r.exit_code == 0, r.output  # every finding is known
    assert (tmp_path / "out/index.html").is_file()
    assert not (tmp_path / ".plainlint_cache").exists()
    write(tmp_path / "docs/b.md", "Going forward we will talk to residents and stakeholders.\n")
    assert cli(*args, "--baseline", "base.json").exit_code == 1  # a new one
    r = cli("report", "--baseline", "missing.json", "-o", "out2", "docs")
    assert r.exit_code == 2 and "no such baseline file" in r.stderr


@pytest.mark.parametrize("flag", ["--no-cache", "--jobs", "--baseline"])
def test_report_help_lists_the_option(cli, flag: str) -> None:
    assert flag in cli("report", "--help").stdout
