"""--diff-base REF with real git: only changed files, only findings on changed lines, and
document measures compared with the base version read from git."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from plainlint.gitdiff import touches
from tests.conftest import json_out, write
from tests.gitrepo import Repo

BASE_PAGE = """# Paying for care

We will invite stakeholders going forward.

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


def full_check(cli, path: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Every finding in a file as it is now, without --diff-base (JSON form)."""
    (file,) = json_out(cli("check", "--format", "json", path))["files"]
    return file["findings"]  # type: ignore[no-any-return]


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
    # Everything else in the file is on unchanged lines: stakeholders, going forward, and
    # whatever else a full check finds there.
    unchanged = [f for f in full_check(cli, "docs/care.md") if f["line"] != 3]
    assert {"stakeholders", "going forward"} <= {f["text"] for f in unchanged}
    assert data["filters"]["diff_base"]["hidden"] == len(unchanged)
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
    unchanged = [f for f in full_check(cli, "docs/care.md") if f["line"] != 7]
    assert len(unchanged) >= 2  # stakeholders, going forward (and any sentence findings)
    assert r.stdout.splitlines()[-1] == (
        "1 file checked: 1 finding (1 suggestion). 1 fixable with "
        "`plainlint fix -i --unsafe-fixes`. Only findings on lines changed since main are "
        f"shown; {len(unchanged)} findings on unchanged lines left out.")


def test_a_modified_line_counts_and_multi_line_findings_touch(cli, repo: Repo) -> None:
    text = BASE_PAGE.replace("We will invite stakeholders going forward.",
                             "We will invite stakeholders going\nforward, as agreed.")
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
    repo.write("docs/added.md", "We will invite stakeholders.\n")
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
    # The jargon rule only: rewording a sentence makes its sentence-level findings new ones.
    r = cli("baseline", "--select", "jargon", "docs", "-o", "base.json")
    assert r.exit_code == 0
    page = BASE_PAGE.replace("invite stakeholders", "invite\nstakeholders")  # re-wrapped
    page = page.replace("collected on", "collected by key partners on")
    repo.write("docs/care.md", "Intro line.\n\n" + page)
    data = json_out(cli("check", "--select", "jargon", "--diff-base", "main", "--baseline",
                        "base.json", "--format", "json", "docs"))
    # All three are on changed lines; stakeholders and going forward are known, "key" is new.
    assert findings(data) == {"docs/care.md": [(8, "key")]}
    assert data["filters"]["baseline"]["hidden"] == 2
    assert data["filters"]["baseline"]["stale"] == 0


# -- document measures against the base ---------------------------------------------------

#: A page long enough for a reading age (100 words or more), in plain words.
LONG_PAGE = """# Paying for care

Most people pay something towards their care. How much you pay depends on your income and
your savings. We will ask you about your money before your care starts. You can tell us by
phone, by email or in person. We will look at your pension, your benefits and any money in the
bank. We do not count the home you live in. If you have less than £14,250 in savings, you will
not pay from your savings. If you have more than £23,250, you will pay the full cost. We will
write to you to tell you what you need to pay each week. You can ask us to check this again if
your money changes. We can help you fill in the form. Call us on 0300 123 4567 from Monday to
Friday.

Bins are collected on Monday.
"""


def test_measures_are_compared_with_the_base_version(cli, repo: Repo) -> None:
    repo.write("docs/care.md", LONG_PAGE)
    repo.commit("a longer page")
    repo.git("checkout", "-q", "-b", "feature2")
    repo.write("docs/care.md", LONG_PAGE.replace(
        "Bins are collected on Monday.",
        "Bins are collected on Monday, notwithstanding exceptional circumstances necessitating "
        "alternative collection arrangements determined by the environmental services "
        "directorate."))
    repo.git("mv", "docs/old-name.txt", "docs/renamed.md")
    repo.write("docs/new.md", LONG_PAGE)
    repo.commit("edits")
    data = json_out(cli("check", "--diff-base", "feature", "--format", "json", "docs"))
    by_path = {f["path"]: f for f in data["files"]}
    care = by_path["docs/care.md"]
    # The base version is measured with the real readability measures, from git.
    before = care["base"]["metrics"]["readability"]
    now = care["metrics"]["readability"]
    assert before["words"] == 143 and now["words"] > before["words"]
    assert now["reading_age"] > before["reading_age"]
    change = care["base"]["change"]["readability"]
    assert change["words"] == now["words"] - before["words"]
    assert change["reading_age"] == pytest.approx(now["reading_age"] - before["reading_age"])
    assert "framing" in care["base"]["metrics"]
    renamed = by_path["docs/renamed.md"]
    assert renamed["base"]["path"] == "docs/old-name.txt"
    assert renamed["base"]["metrics"]["readability"]["words"] == 8
    assert renamed["base"]["metrics"]["readability"]["too_short"] is True
    assert by_path["docs/new.md"]["base"]["metrics"] == {}
    text = cli("check", "--diff-base", "feature", "docs").stdout
    delta = now["reading_age"] - before["reading_age"]
    assert (f"docs/care.md: since feature: reading age {now['reading_age']:.1f} "
            f"(was {before['reading_age']:.1f}: {delta:+.1f}, worse)") in text
    new_age = by_path["docs/new.md"]["metrics"]["readability"]["reading_age"]
    assert f"docs/new.md: since feature: reading age {new_age:.1f} (new document)" in text
    # A page too short to measure has no reading age to compare.
    assert "docs/renamed.md: since feature: reading age" not in text
    md = cli("check", "--diff-base", "feature", "--format", "markdown", "docs").stdout
    assert f"| docs/care.md | {now['reading_age']:.1f} | {delta:+.1f} (harder) |" in md
    assert "| docs/renamed.md |" not in md.split("#### Reading age")[1].split("####")[0]


def test_reading_age_findings_touch_the_text_they_measure(cli, repo: Repo) -> None:
    """A reading age is anchored on its heading but measures the text under it: a change
    anywhere in that text keeps it; a change in another section does not (the document's own
    reading age measures every line, so any change keeps that one)."""
    hard = ("Eligibility for assistance is determined in accordance with the applicable "
            "statutory framework, notwithstanding any discretionary considerations. ")
    page = "# Paying for care\n\n" + hard * 8 + "\n\n# Bins\n\n" + LONG_PAGE.split("\n\n", 1)[1]
    repo.write("docs/care.md", page)
    repo.commit("hard section")
    repo.git("checkout", "-q", "-b", "feature2")

    def reading_ages() -> dict[str, list[str]]:
        data = json_out(cli("check", "--diff-base", "feature", "--format", "json", "docs"))
        found: dict[str, list[str]] = {}
        file = data["files"][0]
        # Improved or not, a measure on changed lines is shown (as a note when it improved).
        for f in file["findings"] + file.get("notes", []):
            if f["rule"] == "reading-age":
                found.setdefault(f["data"]["scope"], []).append(f["text"])
        return found

    repo.write("docs/care.md", page.replace("# Bins", "# Bins and recycling"))
    assert reading_ages() == {"document": ["Paying for care"]}
    repo.write("docs/care.md", page.replace("statutory framework, notwithstanding any",
                                            "statutory framework, notwithstanding all"))
    # The section's heading (line 1) did not change, but its text did.
    assert reading_ages() == {"document": ["Paying for care"], "section": ["Paying for care"]}


def test_touches() -> None:
    ranges = [(3, 4), (7, 7), (10, 20)]
    assert touches(ranges, 3, 3) and touches(ranges, 4, 6) and touches(ranges, 1, 3)
    assert touches(ranges, 7, 7) and touches(ranges, 15, 30) and touches(ranges, 5, 8)
    assert not touches(ranges, 1, 2) and not touches(ranges, 5, 6)
    assert not touches(ranges, 8, 9) and not touches(ranges, 21, 22) and not touches([], 1, 9)


def _word(paragraphs: list[str]) -> bytes:
    import io

    import docx

    d = docx.Document()
    d.add_heading("Short breaks for carers", level=1)
    for text in paragraphs:
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_word_files_are_compared_by_their_text(cli, repo: Repo) -> None:
    """git sees a Word file as bytes: the changed paragraphs come from the text extracted
    from both versions, and the base version is measured too."""
    paragraphs = ["We will invite stakeholders going forward.", LONG_PAGE.split("\n\n")[1]]
    repo.write("docs/plan.docx", _word(paragraphs))
    repo.commit("a Word file")
    repo.git("checkout", "-q", "-b", "feature2")
    repo.write("docs/plan.docx", _word([*paragraphs, "Please utilise the portal."]))
    r = cli("check", "--diff-base", "feature", "--format", "json", "docs")
    assert r.stderr == ""  # the base version was read and measured
    data = json_out(r)
    (plan,) = data["files"]
    assert [(f["rule"], f["text"]) for f in plan["findings"]] == [
        ("plain-words", "utilise"), ("jargon", "portal")]
    assert plan["findings"][0]["location"]["paragraph"] == 4
    assert data["filters"]["diff_base"]["hidden"] >= 2  # stakeholders, going forward
    # Lines of the extracted text (as `plainlint extract` shows it): the new paragraph.
    ((first, last),) = plan["base"]["changed_lines"]
    assert first <= plan["findings"][0]["line"] == last
    assert plan["base"]["metrics"]["readability"]["words"] < (
        plan["metrics"]["readability"]["words"])


# -- measures in changed-lines mode: only worse (or new) fails -------------------------------

#: A hard page of our own (reading age well above 11), whose first sentence can be simplified.
HARD_PAGE = """# Help with heating costs

Applications for discretionary financial assistance are considered individually by the
relevant departmental officers. Eligibility determinations incorporate consideration of household
composition, documented expenditure and additional circumstances. Successful applicants
receive notification concerning the authorised contribution and associated conditions.
Comprehensive supporting documentation accelerates administrative processing considerably.
Unsuccessful applicants may request reconsideration through the established procedure. The
authority undertakes regular evaluation of operational effectiveness. Information regarding
alternative organisations providing complementary assistance is available separately.
Applications submitted incompletely will experience considerable administrative delays
necessitating additional correspondence. Residents experiencing particular difficulties
should contact the appropriate customer services representative immediately. Documentation
provided electronically receives equivalent consideration to documentation provided physically.
"""
SIMPLER_FIRST = HARD_PAGE.replace(
    "Applications for discretionary financial assistance are considered individually by the\n"
    "relevant departmental officers.",
    "We look at each request for money on its own.\n")
HARDER_FIRST = HARD_PAGE.replace(
    "Applications for discretionary financial assistance are considered individually by the\n"
    "relevant departmental officers.",
    "Applications for discretionary supplementary financial assistance are considered "
    "individually by the relevant departmental officers.\n")


def _reading_age_findings(data: dict[str, Any], key: str = "findings") -> list[dict[str, Any]]:
    return [f for file in data["files"] for f in file.get(key, [])
            if f["rule"] == "reading-age"]


def test_an_improved_measure_is_a_note_and_never_fails(cli, repo: Repo) -> None:
    """A commit that makes a hard page simpler, without making it simple enough, touches a
    line the document's reading age measures. It must not fail the run: the reading age is
    shown as a note saying it improved."""
    repo.write("docs/heating.md", HARD_PAGE)
    repo.commit("hard page")
    repo.git("checkout", "-q", "-b", "simpler")
    repo.write("docs/heating.md", SIMPLER_FIRST)
    r = cli("check", "--select", "reading-age", "--diff-base", "feature", "--format", "json",
            "docs/heating.md")
    assert r.exit_code == 0, r.stdout
    data = json_out(r)
    assert _reading_age_findings(data) == []
    (note,) = _reading_age_findings(data, "notes")
    change = note["data"]["change"]
    assert change["direction"] == "better" and change["base"] > note["data"]["reading_age"]
    text = cli("check", "--select", "reading-age", "--diff-base", "feature",
               "docs/heating.md")
    assert text.exit_code == 0
    assert "docs/heating.md:1:3: note [reading-age] This document has a reading age of" in (
        text.stdout)
    assert f"was {change['base']:g} at feature: better, so it does not fail the run" in (
        text.stdout)
    # Lines changed, the measure the same (a paragraph re-wrapped): a note too.
    repo.write("docs/heating.md", HARD_PAGE.replace("by the\nrelevant", "by\nthe relevant"))
    r = cli("check", "--select", "reading-age", "--diff-base", "feature", "--format", "json",
            "docs/heating.md")
    assert r.exit_code == 0
    (note,) = _reading_age_findings(json_out(r), "notes")
    assert note["data"]["change"]["direction"] == "same"


def test_a_worse_or_new_measure_fails(cli, repo: Repo) -> None:
    repo.write("docs/heating.md", HARD_PAGE)
    repo.commit("hard page")
    repo.git("checkout", "-q", "-b", "harder")
    repo.write("docs/heating.md", HARDER_FIRST)
    r = cli("check", "--select", "reading-age", "--diff-base", "feature", "--format", "json",
            "docs/heating.md")
    assert r.exit_code == 1
    (found,) = _reading_age_findings(json_out(r))
    assert found["data"]["change"]["direction"] == "worse"
    assert f"(was {found['data']['change']['base']:g} at feature: worse)" in found["message"]
    # A new page over the target fails as before.
    repo.write("docs/other.md", HARD_PAGE)
    r = cli("check", "--select", "reading-age", "--diff-base", "feature", "--format", "json",
            "docs/other.md")
    assert r.exit_code == 1
    (found,) = _reading_age_findings(json_out(r))
    assert found["data"]["change"]["direction"] == "new"


def test_baseline_measures_compare_values(cli, repo: Repo) -> None:
    """With --baseline, a measure is matched by what it measures (the document, or a section
    by its title), not its words: an improved reading age is a note; a worse one fails."""
    repo.write("docs/heating.md", HARD_PAGE)
    assert cli("baseline", "--select", "reading-age", "docs",
               "-o", "base.json").exit_code == 0
    entries = json.loads((repo.root / "base.json").read_text())["files"]["docs/heating.md"]
    assert entries[0]["measure"]["scope"] == "document"
    repo.write("docs/heating.md", SIMPLER_FIRST)
    r = cli("check", "--select", "reading-age", "--baseline", "base.json", "--format", "json",
            "docs")
    assert r.exit_code == 0, r.stdout
    data = json_out(r)
    assert _reading_age_findings(data) == []
    assert [n["data"]["change"]["direction"]
            for n in _reading_age_findings(data, "notes")] == ["better"]
    repo.write("docs/heating.md", HARDER_FIRST)
    r = cli("check", "--select", "reading-age", "--baseline", "base.json", "--format", "json",
            "docs")
    assert r.exit_code == 1
    (found,) = _reading_age_findings(json_out(r))
    assert found["data"]["change"]["direction"] == "worse"
