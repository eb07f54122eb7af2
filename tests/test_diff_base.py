"""--diff-base REF with real git: only changed files, only findings on changed lines, and
document measures compared with the base version read from git."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from plainlint import engine
from plainlint.gitdiff import touches
from tests.conftest import json_out, write
from tests.gitrepo import Repo

BASE_PAGE = """# Paying for care

We will engage stakeholders going forward.

Bins are collected on Monday.
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    r = Repo(tmp_path / "content")
    r.write("docs/care.md", BASE_PAGE)
    r.write("docs/old-name.txt", "Please utilise the form going forward.\n\nThank you.\n")
    r.write("docs/gone.md", "Our stakeholders.\n")
    r.write("README.md", "Key stakeholders.\n")
    r.commit("base")
    r.branch("feature")
    monkeypatch.chdir(r.root)
    return r


def findings(data: dict[str, Any]) -> dict[str, list[tuple[int, str]]]:
    return {f["path"]: [(x["line"], x["text"]) for x in f["findings"]] for f in data["files"]}


def test_only_findings_on_changed_lines(cli, repo: Repo) -> None:
    repo.write("docs/care.md", BASE_PAGE.replace(
        "# Paying for care\n", "# Paying for care\n\nA new line we utilise.\n"))
    repo.commit("edit")
    r = cli("check", "--diff-base", "main", "--format", "json", "docs")
    assert r.exit_code == 0, r.stderr  # only a suggestion is new
    data = json_out(r)
    assert findings(data) == {"docs/care.md": [(3, "utilise")]}
    assert data["filters"]["diff_base"]["hidden"] == 2  # stakeholders, going forward
    assert data["filters"]["diff_base"]["ref"] == "main"
    base = data["files"][0]["base"]
    assert base["status"] == "modified" and base["path"] == "docs/care.md"
    assert base["changed_lines"] == [[3, 4]]
    assert base["commit"] == repo.git("rev-parse", "main")


def test_text_output_says_what_was_left_out(cli, repo: Repo) -> None:
    repo.write("docs/care.md", BASE_PAGE + "\nOur key partners.\n")
    repo.commit("edit")
    r = cli("check", "--diff-base", "main", "docs/care.md")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[-1] == (
        "1 file checked: 1 finding (1 suggestion). Only findings on lines changed since main "
        "are shown; 2 findings on unchanged lines left out.")


def test_a_modified_line_counts_and_multi_line_findings_touch(cli, repo: Repo) -> None:
    text = BASE_PAGE.replace("We will engage stakeholders going forward.",
                             "We will engage stakeholders going\nforward, as agreed.")
    repo.write("docs/care.md", text)
    data = json_out(cli("check", "--diff-base", "main", "--format", "json", "docs/care.md"))
    # Line 3 changed (its end), line 4 is new: both findings on them are reported.
    assert findings(data) == {"docs/care.md": [(3, "stakeholders"), (3, "going\nforward")]}


def test_uncommitted_and_untracked_changes_count(cli, repo: Repo) -> None:
    repo.write("docs/care.md", BASE_PAGE + "\nPlease utilise this.\n")  # not committed
    repo.write("docs/new.md", "Brand new, going forward.\n")  # untracked
    data = json_out(cli("check", "--diff-base", "main", "--format", "json", "docs"))
    assert findings(data) == {"docs/care.md": [(7, "utilise")],
                              "docs/new.md": [(1, "going forward")]}
    assert {f["path"]: f["base"]["status"] for f in data["files"]} == {
        "docs/care.md": "modified", "docs/new.md": "untracked"}


def test_renames_deletions_and_new_files(cli, repo: Repo) -> None:
    repo.git("mv", "docs/old-name.txt", "docs/new-name.md")
    repo.write("docs/new-name.md", "Please utilise the form going forward.\n\nThank you, "
                                   "stakeholders.\n")
    repo.git("rm", "-q", "docs/gone.md")
    repo.write("docs/added.md", "We will engage stakeholders.\n")
    repo.commit("rename, delete, add")
    r = cli("check", "--diff-base", "main", "--format", "json", ".")
    assert r.exit_code == 1
    data = json_out(r)
    assert findings(data) == {
        "docs/added.md": [(1, "stakeholders")],
        "docs/new-name.md": [(3, "stakeholders")],  # line 1 is unchanged by the rename
    }
    bases = {f["path"]: (f["base"]["status"], f["base"]["path"]) for f in data["files"]}
    assert bases == {"docs/added.md": ("added", None),
                     "docs/new-name.md": ("renamed", "docs/old-name.txt")}
    assert data["errors"] == []


def test_pure_rename_reports_nothing(cli, repo: Repo) -> None:
    repo.git("mv", "docs/care.md", "docs/paying-for-care.md")
    repo.commit("rename")
    r = cli("check", "--diff-base", "main", "--format", "json", "docs")
    assert r.exit_code == 0
    data = json_out(r)
    assert findings(data) == {"docs/paying-for-care.md": []}
    assert data["files"][0]["base"]["changed_lines"] == []


def test_merge_base_ignores_later_changes_on_the_base_branch(cli, repo: Repo) -> None:
    repo.write("docs/care.md", BASE_PAGE + "\nPlease utilise it.\n")
    repo.commit("feature work")
    repo.git("checkout", "-q", "main")
    repo.write("README.md", "Key stakeholders going forward.\n")
    repo.write("docs/other.md", "Our stakeholders.\n")
    repo.commit("main moves on")
    repo.git("checkout", "-q", "feature")
    data = json_out(cli("check", "--diff-base", "main", "--format", "json"))
    assert findings(data) == {"docs/care.md": [(7, "utilise")]}


def test_display_paths_match_plain_check(cli, repo: Repo, monkeypatch) -> None:
    repo.write("docs/care.md", BASE_PAGE + "\nPlease utilise it.\n")
    repo.write("docs/.drafts/x.md", "Please utilise it.\n")  # hidden folder: skipped
    repo.write("docs/node_modules/y.md", "Please utilise it.\n")
    monkeypatch.chdir(repo.root / "docs")
    assert [f["path"] for f in json_out(cli("check", "--diff-base", "main", "--format",
                                            "json"))["files"]] == ["care.md"]
    assert [f["path"] for f in json_out(cli("check", "--diff-base", "main", "--format",
                                            "json", "../docs/"))["files"]] == ["../docs/care.md"]
    named = json_out(cli("check", "--diff-base", "main", "--format", "json", "care.md",
                         "../README.md"))
    assert [f["path"] for f in named["files"]] == ["care.md"]  # README did not change


def test_files_outside_the_repository(cli, repo: Repo, tmp_path: Path) -> None:
    repo.write("docs/care.md", BASE_PAGE + "\nPlease utilise it.\n")
    outside = write(tmp_path / "elsewhere/page.md", "Our stakeholders.\n")
    r = cli("check", "--diff-base", "main", "--format", "json", "docs", str(outside))
    assert r.exit_code == 2
    (line,) = r.stderr.splitlines()
    assert line == (f"plainlint: error: {outside}: not in a git repository, so --diff-base "
                    "cannot tell what changed")
    assert findings(json_out(r)) == {"docs/care.md": [(7, "utilise")]}


def test_not_a_git_folder(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "Our stakeholders.\n")
    r = cli("check", "--diff-base", "main", "a.md")
    assert r.exit_code == 2
    assert r.stderr == ("plainlint: error: a.md: not in a git repository, so --diff-base "
                        "cannot tell what changed\n")


def test_unknown_ref_is_one_line(cli, repo: Repo) -> None:
    r = cli("check", "--diff-base", "origin/main", "docs")
    assert r.exit_code == 2
    (line,) = r.stderr.splitlines()
    assert line.startswith("plainlint: error: --diff-base: 'origin/main' is not a commit in ")
    assert "fetch it first" in line
    assert "Traceback" not in r.stderr


def test_option_like_ref_is_refused(cli, repo: Repo) -> None:
    r = cli("check", "--diff-base=--output=/tmp/x", "docs")
    assert r.exit_code == 2 and "is not a git ref" in r.stderr


def test_shallow_clone_says_how_to_fix_it(cli, repo: Repo, tmp_path: Path, monkeypatch) -> None:
    repo.write("docs/care.md", BASE_PAGE + "\nPlease utilise it.\n")
    repo.commit("feature")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "feature",
                    f"file://{repo.root}", str(clone)], check=True)
    monkeypatch.chdir(clone)
    base = repo.git("rev-parse", "main")
    r = cli("check", "--diff-base", base, "docs")
    assert r.exit_code == 2
    assert "this clone is shallow" in r.stderr and "fetch-depth: 0" in r.stderr


def test_first_commit_with_diff_base_head(cli, tmp_path: Path, monkeypatch) -> None:
    """The pre-commit hook for changed lines runs before the very first commit too."""
    fresh = Repo(tmp_path / "fresh")
    fresh.write("a.md", "Our stakeholders.\n")
    fresh.git("add", "a.md")
    monkeypatch.chdir(fresh.root)
    data = json_out(cli("check", "--diff-base", "HEAD", "--format", "json", "a.md"))
    assert findings(data) == {"a.md": [(1, "stakeholders")]}
    assert data["files"][0]["base"]["status"] == "added"


def test_standard_input_is_refused(cli, repo: Repo) -> None:
    r = cli("check", "--diff-base", "main", "-", input="Our stakeholders.")
    assert r.exit_code == 2
    assert "cannot check standard input" in r.stderr


def test_nothing_changed(cli, repo: Repo) -> None:
    r = cli("check", "--diff-base", "main", "docs")
    assert r.exit_code == 0
    assert r.stdout.startswith("0 files checked: no findings.")


def test_crlf_and_bare_cr_files_count_lines_as_git_does(cli, repo: Repo) -> None:
    repo.write("docs/crlf.md", "Intro.\r\n\r\nOur stakeholders.\r\n")
    repo.write("docs/mac.txt", "Intro.\rOur stakeholders.\r")
    repo.commit("line ends")
    repo.git("checkout", "-q", "-b", "feature2")
    repo.write("docs/crlf.md", "Intro.\r\n\r\nOur stakeholders.\r\n\r\nPlease utilise it.\r\n")
    repo.write("docs/mac.txt", "Intro.\rOur stakeholders.\rPlease utilise it.\r")
    data = json_out(cli("check", "--diff-base", "feature", "--format", "json", "docs"))
    # CRLF: git and plainlint count the same lines. A bare-CR file is one line to git, so
    # every finding in it is on a changed line.
    assert findings(data) == {"docs/crlf.md": [(5, "utilise")],
                              "docs/mac.txt": [(2, "stakeholders"), (3, "utilise")]}


def test_baseline_and_diff_base_together(cli, repo: Repo) -> None:
    r = cli("baseline", "docs", "-o", "base.json")
    assert r.exit_code == 0
    page = BASE_PAGE.replace("engage stakeholders", "engage\nstakeholders")  # re-wrapped
    page = page.replace("collected on", "collected by key partners on")
    repo.write("docs/care.md", "Intro line.\n\n" + page)
    data = json_out(cli("check", "--diff-base", "main", "--baseline", "base.json",
                        "--format", "json", "docs"))
    # All three are on changed lines; stakeholders and going forward are known, "key" is new.
    assert findings(data) == {"docs/care.md": [(8, "key")]}
    assert data["filters"]["baseline"]["hidden"] == 2
    assert data["filters"]["baseline"]["stale"] == 0


# -- document measures against the base ---------------------------------------------------

@pytest.fixture
def word_metric() -> Iterator[None]:
    """A simple document measure registered through the real metric hook, standing in for the
    readability measures until they land: words per sentence as a 'reading age'."""
    import plainlint.metrics  # noqa: F401

    previous = engine.METRICS.get("readability")

    def measure(ctx: engine.Context) -> dict[str, Any]:
        words = sum(len(b.text.split()) for b in ctx.document.blocks)
        blocks = max(1, len(ctx.document.blocks))
        return {"words": words, "reading_age": round(5 + words / blocks, 1),
                "targets": {"reading_age": 11}}

    engine.METRICS["readability"] = measure
    yield
    if previous is None:
        del engine.METRICS["readability"]
    else:
        engine.METRICS["readability"] = previous


def test_measures_are_compared_with_the_base_version(cli, repo: Repo, word_metric) -> None:
    repo.write("docs/care.md", BASE_PAGE.replace(
        "Bins are collected on Monday.",
        "Bins are collected on Monday, and recycling boxes are collected every other week."))
    repo.git("mv", "docs/old-name.txt", "docs/renamed.md")
    repo.write("docs/new.md", "New page.\n")
    repo.commit("edits")
    data = json_out(cli("check", "--diff-base", "main", "--format", "json", "docs"))
    by_path = {f["path"]: f for f in data["files"]}
    care = by_path["docs/care.md"]
    assert care["base"]["metrics"]["readability"]["words"] == 14
    assert care["metrics"]["readability"]["words"] == 22
    assert care["base"]["change"]["readability"]["words"] == 8
    assert care["base"]["change"]["readability"]["reading_age"] == pytest.approx(2.6)
    renamed = by_path["docs/renamed.md"]
    assert renamed["base"]["path"] == "docs/old-name.txt"
    assert renamed["base"]["metrics"]["readability"]["words"] == 8
    assert by_path["docs/new.md"]["base"]["metrics"] == {}
    text = cli("check", "--diff-base", "main", "docs").stdout
    assert "docs/care.md: since main: reading age 12.3 (was 9.7: +2.6, worse)" in text
    assert "docs/new.md: since main: reading age 7.0 (new document)" in text
    md = cli("check", "--diff-base", "main", "--format", "markdown", "docs").stdout
    assert "| docs/care.md | 12.3 | +2.6 (harder) |" in md


def test_touches() -> None:
    ranges = [(3, 4), (7, 7), (10, 20)]
    assert touches(ranges, 3, 3) and touches(ranges, 4, 6) and touches(ranges, 1, 3)
    assert touches(ranges, 7, 7) and touches(ranges, 15, 30) and touches(ranges, 5, 8)
    assert not touches(ranges, 1, 2) and not touches(ranges, 5, 6)
    assert not touches(ranges, 8, 9) and not touches(ranges, 21, 22) and not touches([], 1, 9)
