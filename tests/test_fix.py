"""`plainlint fix` run for real: bytes kept, atomic and guarded writes, previews, questions on a
real terminal, standard input, exit codes, configuration, and what `check` says about fixes."""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from plainlint.api import Checker, check_text
from plainlint.fixer import Decision, Fixer, Proposal, apply_edits, apply_fixes, map_span
from plainlint.fixes import indefinite_article
from plainlint.model import Applicability, Fix
from tests.conftest import json_out, write

WORDY = "Please utilise the form prior to 1 May.\n"
PLAIN = "Please use the form before 1 May.\n"


# -- bytes ----------------------------------------------------------------------------------------

ENCODINGS = {
    "utf-8": (b"", "utf-8"),
    "utf-8-bom": (codecs.BOM_UTF8, "utf-8"),
    "utf-16-le": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-32-le": (codecs.BOM_UTF32_LE, "utf-32-le"),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("final", [True, False])
def test_encoding_bom_newlines_and_final_newline_are_kept(
    cli, tmp_path: Path, name: str, newline: str, final: bool
) -> None:
    bom, codec = ENCODINGS[name]
    lines = ["# Café opening times £5", "", "Please\tutilise the form 😀 prior to 1 May.",
             "", "Nothing to change here: “quotes” stay."]
    before = newline.join(lines) + (newline if final else "")
    after = before.replace("utilise", "use").replace("prior to", "before")
    path = write(tmp_path / "page.md", bom + before.encode(codec))
    r = cli("fix", "page.md")
    assert r.exit_code == 0, r.output
    assert path.read_bytes() == bom + after.encode(codec)
    assert cli("fix", "page.md").stdout.startswith("Nothing to fix")


def test_every_byte_outside_the_changes_is_kept(cli, tmp_path: Path) -> None:
    text = ("<!DOCTYPE html>\r\n<html lang=\"en-GB\">\n<head><title>Bins</title></head>\n"
            "<body>\n  <p class='x'>Please   utilise&nbsp;the\tform\n   prior to 1 May.</p>\n"
            "<pre>utilise prior to</pre>\n<!-- utilise -->\n</body></html>")
    path = write(tmp_path / "page.html", text)
    cli("fix", "page.html")
    assert path.read_bytes().decode() == text.replace("Please   utilise", "Please   use").replace(
        "   prior to 1 May", "   before 1 May")


def test_mode_is_kept_and_symlinks_are_written_through(cli, tmp_path: Path) -> None:
    real = write(tmp_path / "docs/page.md", WORDY)
    real.chmod(0o640)
    (tmp_path / "link.md").symlink_to(real)
    cli("fix", "link.md")
    assert (tmp_path / "link.md").is_symlink()
    assert real.read_text() == PLAIN
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert not [p for p in (tmp_path / "docs").iterdir() if p.name != "page.md"]  # no temp files


def test_a_file_changed_meanwhile_is_not_written(tmp_path: Path) -> None:
    """The writer saves the file while plainlint asks about a fix: plainlint must not overwrite
    their work."""
    path = write(tmp_path / "a.md", WORDY)

    def decide(proposal: Proposal) -> Decision:
        path.write_text("Someone else's words.\n")
        return Decision.YES

    run = Fixer(Checker(), decide=decide).run([str(path)])
    assert path.read_text() == "Someone else's words.\n"
    assert len(run.errors) == 1 and "changed while plainlint was fixing it" in run.errors[0].message


def _without_root_powers(cmd: list[str]) -> list[str]:
    """Root ignores file permissions: run as root without the capabilities that allow that."""
    import shutil

    if os.geteuid() != 0:
        return cmd
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to test permissions as root"
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *cmd]


def test_files_that_cannot_be_written_are_left_alone(tmp_path: Path) -> None:
    """A read-only file, and a file in a folder where no new file can be made, are errors
    naming the file; both stay as they were, and the other files are fixed."""
    write(tmp_path / "locked/a.md", WORDY)
    readonly = write(tmp_path / "b.md", WORDY)
    write(tmp_path / "c.md", WORDY)
    readonly.chmod(0o444)
    (tmp_path / "locked").chmod(0o555)
    cmd = _without_root_powers(
        [sys.executable, "-m", "plainlint", "fix", "locked/a.md", "b.md", "c.md"])
    try:
        r = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert r.returncode == 2, r.stderr
    assert r.stderr.splitlines() == [
        "plainlint: error: locked/a.md: could not write the fixes (Permission denied); "
        "the file is unchanged",
        "plainlint: error: b.md: the file is read-only, so the fixes were not written",
    ]
    assert (tmp_path / "locked/a.md").read_text() == WORDY
    assert readonly.read_text() == WORDY and stat.S_IMODE(readonly.stat().st_mode) == 0o444
    assert (tmp_path / "c.md").read_text() == PLAIN
    assert list((tmp_path / "locked").iterdir()) == [tmp_path / "locked/a.md"]


def test_a_file_that_cannot_be_read_is_one_line_and_others_are_fixed(cli, tmp_path: Path) -> None:
    write(tmp_path / "bad.md", "Caf\u00e9 utilise".encode("latin-1"))
    write(tmp_path / "good.md", WORDY)
    r = cli("fix", "bad.md", "good.md")
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [
        "plainlint: error: bad.md: not valid UTF-8 (byte 0xE9 on line 1, column 4); "
        "it looks like Windows-1252 or Latin-1: save it as UTF-8, or check it with "
        "--encoding cp1252 (or encoding = \"cp1252\" in the configuration)"]
    assert (tmp_path / "good.md").read_text() == PLAIN
    assert (tmp_path / "bad.md").read_bytes() == "Caf\u00e9 utilise".encode("latin-1")
    # With the encoding given, it is fixed and written back in that encoding.
    r = cli("fix", "--encoding", "cp1252", "bad.md")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "bad.md").read_bytes() == "Caf\u00e9 use".encode("cp1252")


# -- previews, standard input, output and exit codes ---------------------------------------------

def test_diff_writes_nothing_and_git_applies_it(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", WORDY + "No newline at the end, prior to this")
    write(tmp_path / "docs/b.txt", "Whilst you wait\r\nwe will check.\r\n")
    snapshot = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    r = cli("fix", "--diff", "docs")
    assert {p: p.read_bytes() for p in snapshot} == snapshot
    assert r.stdout.startswith("--- a/docs/a.md\n+++ b/docs/a.md\n")
    assert "\\ No newline at end of file" in r.stdout
    assert "would fix [plain-words] “utilise” → “use”" in r.stderr
    assert r.stderr.rstrip().endswith("Would fix 4 findings in 2 files.")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    # (CliRunner's .stdout turns \r\n into \n; the bytes are what a shell would pipe.)
    subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=r.stdout_bytes, check=True)
    applied = {p: p.read_bytes() for p in snapshot}
    for p in snapshot:
        p.write_bytes(snapshot[p])
    cli("fix", "docs")
    assert {p: p.read_bytes() for p in snapshot} == applied


def test_report_lines_and_summary(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "We will utilise it.\nOur stakeholders will facilitate it.\n")
    r = cli("fix", "--verbose", "a.md")
    assert r.exit_code == 1  # jargon warnings are left
    assert r.stdout.splitlines() == [
        "a.md:1:9: fixed [plain-words] “utilise” → “use”",
        "a.md:2:5: not fixed [jargon] “stakeholders”: the suggestion is advice (name the people:"
        " residents, tenants, carers, local groups): rewrite it by hand",
        "a.md:2:23: not fixed [jargon] “facilitate”: needs a person to check; `plainlint fix "
        "--unsafe-fixes` would write “help”",
        "Fixed 1 finding in 1 file; 2 findings left (1 fixable with --unsafe-fixes).",
    ]
    assert cli("fix", "-q", "-v", "a.md").stdout.splitlines()[-1].startswith(
        "a.md:2:23: not fixed")


def test_findings_left_for_a_person_are_counted_by_rule(cli, tmp_path: Path) -> None:
    """Advice and unsafe changes are counted per rule, one line each; a finding left for a
    particular reason keeps its own line; --verbose lists them all; exit codes stay."""
    write(tmp_path / "a.md", "We will utilise it.\nOur stakeholders will facilitate it.\n"
          "Key stakeholders will facilitate the *in* order *to* plan.\n"
          "Bins are collected on Mondays. Your bin was missed.\n")
    r = cli("fix", "--diff", "a.md")
    assert r.exit_code == 1
    report = r.stderr.splitlines()
    assert report[0] == "a.md:1:9: would fix [plain-words] “utilise” → “use”"
    # jargon reports each term once (stakeholders, facilitate, Key).
    assert "not fixed [jargon]: 1 finding to rewrite by hand; 2 findings for a person to check " \
        "(`plainlint fix -i --unsafe-fixes` offers the changes)" in report
    assert "not fixed [passive-voice]: 2 findings to rewrite by hand" in report
    assert any(line.startswith("a.md:3:39: not fixed [plain-words]") and "split by markup" in line
               for line in report)  # a particular reason keeps its own line
    assert not any(line.startswith("a.md:2:") for line in report)
    assert report[-1].endswith("Use --verbose to list each finding left, or `plainlint check` "
                               "to read them.")
    verbose = cli("fix", "--diff", "--verbose", "a.md")
    assert verbose.exit_code == 1
    lines = verbose.stderr.splitlines()
    assert not any(line.startswith("not fixed [") for line in lines)
    left = int(lines[-1].split("; ")[1].split()[0])  # "... in 1 file; 8 findings left ..."
    assert sum(" not fixed [" in line for line in lines) == left
    assert report[-1].split(" Use --verbose")[0] == lines[-1]  # the same summary
    grouped = sum(int(n) for line in report if line.startswith("not fixed [")
                  for n in line.split(": ", 1)[1].split() if n.isdigit())
    assert grouped + sum(" not fixed [" in line for line in report) == left


def test_positions_refer_to_the_file_as_it_is_left(cli, tmp_path: Path) -> None:
    """After fixing, positions are in the new file; with --diff, in the unchanged one."""
    write(tmp_path / "a.md", "In order to apply, contact stakeholders.\n")
    preview = cli("fix", "--diff", "-v", "a.md").stderr.splitlines()
    assert preview[1].startswith("a.md:1:28: not fixed [jargon] “stakeholders”")
    done = cli("fix", "-v", "a.md").stdout.splitlines()
    assert done[1].startswith("a.md:1:19: not fixed [jargon] “stakeholders”")
    assert (tmp_path / "a.md").read_text()[18:30] == "stakeholders"


def test_exit_codes(cli, tmp_path: Path) -> None:
    # The code says what is left after the fixes (made, or previewed with --diff).
    write(tmp_path / "a.md", WORDY)  # suggestions only, all fixable
    assert cli("fix", "--diff", "--fail-on", "suggestion", "a.md").exit_code == 0
    write(tmp_path / "a.md", WORDY + "Bring ID, e.g. a passport.\n")  # e.g.: unsafe
    assert cli("fix", "--diff", "--fail-on", "suggestion", "a.md").exit_code == 1
    assert cli("fix", "--fail-on", "suggestion", "--unsafe-fixes", "a.md").exit_code == 0
    write(tmp_path / "b.md", "Prior to May, invite stakeholders.\n")
    assert cli("fix", "b.md").exit_code == 1
    assert cli("fix", "--fail-on", "never", "b.md").exit_code == 0
    assert cli("fix", "missing.md").exit_code == 2
    r = cli("fix", "--diff", "--interactive", "a.md")
    assert r.exit_code == 2 and "do not go together" in r.stderr


def test_standard_input(cli) -> None:
    r = cli("fix", "-", input=WORDY)
    assert r.exit_code == 0
    assert r.stdout == PLAIN
    assert "-:1:8: fixed [plain-words] “utilise” → “use”" in r.stderr
    r = cli("fix", "--stdin-filename", "page.html", "-", input="<p>Prior&nbsp;to May</p>")
    assert r.stdout == "<p>Before May</p>"
    r = cli("fix", "--diff", "-", input=WORDY)
    assert r.stdout.startswith("--- a/-\n+++ b/-\n")
    r = cli("fix", "-i", "-", input=WORDY)
    assert r.exit_code == 2 and "cannot fix '-'" in r.stderr


def test_folders_exclusions_and_unsupported_files(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", WORDY)
    write(tmp_path / "docs/drafts/b.md", WORDY)
    write(tmp_path / "docs/c.pdf", WORDY)
    write(tmp_path / "docs/.hidden/d.md", WORDY)
    r = cli("fix", "--exclude", "drafts", "docs")
    assert r.exit_code == 0
    assert (tmp_path / "docs/a.md").read_text() == PLAIN
    for untouched in ("docs/drafts/b.md", "docs/c.pdf", "docs/.hidden/d.md"):
        assert (tmp_path / untouched).read_text() == WORDY


# -- configuration, suppression and selection ----------------------------------------------------

def test_accept_ignore_select_and_suppressions(cli, tmp_path: Path) -> None:
    text = ("Please utilise the form prior to 1 May.\n\n"
            "<!-- plainlint-disable-next-line plain-words -->\nUtilise it prior to May.\n")
    write(tmp_path / "plainlint.toml", 'accept = ["utilise"]\n')
    write(tmp_path / "a.md", text)
    cli("fix", "a.md")
    assert (tmp_path / "a.md").read_text() == text.replace("form prior to", "form before")
    write(tmp_path / "plainlint.toml", 'ignore = ["plain-words"]\n')
    write(tmp_path / "a.md", text)
    assert cli("fix", "a.md").stdout.startswith("Nothing to fix")
    write(tmp_path / "plainlint.toml", "")
    write(tmp_path / "a.md", "Please utilise the form, e.g. online.\n")
    cli("fix", "--unsafe-fixes", "--select", "latin", "a.md")
    assert (tmp_path / "a.md").read_text() == "Please utilise the form, for example online.\n"
    cli("fix", "--ignore", "latin", "a.md")
    assert (tmp_path / "a.md").read_text() == "Please use the form, for example online.\n"


def test_overlapping_fixes_are_made_one_at_a_time(tmp_path: Path) -> None:
    """Two rules flag overlapping words: one fix is made, the other is looked at again on the
    new text, and the result is stable."""
    write(tmp_path / "terms.yaml",
          "rule: jargon\nentries:\n  - term: order to apply\n    alternatives: [apply]\n"
          "    fix: safe\n    explanation: A test entry.\n")
    write(tmp_path / "plainlint.toml", 'glossary = ["terms.yaml"]\n')
    path = write(tmp_path / "a.md", "Do this in order to apply.\n")
    run = Fixer(Checker()).run([str(path)])
    assert path.read_text() == "Do this to apply.\n"
    assert [a.rule for a in run.files[0].applied] == ["plain-words"]
    assert Fixer(Checker()).run([str(path)]).applied == 0


# -- interactive ----------------------------------------------------------------------------------

def test_interactive_answers(cli, tmp_path: Path) -> None:
    text = "Utilise the form prior to May.\nWhilst you wait, in order to help, sit down.\n"
    write(tmp_path / "a.md", text)
    r = cli("fix", "-i", "a.md", input="y\nn\n?\nd\n")
    assert (tmp_path / "a.md").read_text() == text.replace("Utilise", "Use")
    assert "-Utilise the form prior to May." in r.stdout
    assert "+Use the form prior to May." in r.stdout
    assert "d - do not apply this fix or any later fix in this file" in r.stdout
    assert "“prior to”: you chose not to apply it" in r.stdout
    assert "“Whilst”: you skipped the rest of this file" in r.stdout

    write(tmp_path / "a.md", text)
    write(tmp_path / "b.md", WORDY)
    r = cli("fix", "-i", "a.md", "b.md", input="n\na\n")
    assert (tmp_path / "a.md").read_text() == (
        "Utilise the form before May.\nWhile you wait, to help, sit down.\n")
    assert (tmp_path / "b.md").read_text() == WORDY  # "all" means all in this file
    assert (tmp_path / "b.md").read_text() == WORDY

    write(tmp_path / "a.md", text)
    r = cli("fix", "-i", "a.md", "b.md", input="y\nq\n")
    assert (tmp_path / "a.md").read_text() == text.replace("Utilise", "Use")
    assert (tmp_path / "b.md").read_text() == WORDY
    assert "Stopped when you quit; 1 file not looked at." in r.stdout

    write(tmp_path / "a.md", text)
    r = cli("fix", "-i", "a.md", input="")  # end of input: stop, change nothing
    assert (tmp_path / "a.md").read_text() == text
    assert r.exit_code == 0


def test_interactive_on_a_real_terminal(tmp_path: Path) -> None:
    """Answer the questions through a pseudo-terminal, as a writer would."""
    import pty
    import select

    path = write(tmp_path / "a.md", "Utilise the form prior to May.\nWhilst you wait, sit.\n")
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - child
        os.chdir(tmp_path)
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        os.execvpe(sys.executable, [sys.executable, "-m", "plainlint", "fix", "-i", "a.md"], env)
    out = b""
    answers = [b"y\n", b"n\n", b"y\n"]
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if out.rstrip().endswith(b"[y,n,a,d,q,?]?") and answers:
            os.write(fd, answers.pop(0))
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, out
    assert not answers, out
    assert b"\x1b[32m+Use the form prior to May.\x1b[0m" in out  # coloured on a terminal
    assert path.read_text() == "Use the form prior to May.\nWhile you wait, sit.\n"


def test_interactive_shows_unsafe_changes_as_such(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "We will facilitate the session.\n")
    r = cli("fix", "-i", "--unsafe-fixes", "a.md", input="y\n")
    assert "This change needs a person to check it." in r.stdout
    assert (tmp_path / "a.md").read_text() == "We will help the session.\n"
    assert "fixed (unsafe) [jargon] “facilitate” → “help”" in r.stdout


# -- check shows what fix would do ---------------------------------------------------------------

def test_check_marks_fixable_findings_and_counts_them(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "Please utilise the form. We will facilitate it.\n")
    r = cli("check", "a.md")
    lines = r.stdout.splitlines()
    assert lines[0].startswith("a.md:1:8: suggestion [plain-words] [*] “utilise”")
    assert "[*]" not in lines[1]
    assert lines[-1].endswith(
        "[*] 1 fixable with `plainlint fix` (1 more with `plainlint fix -i --unsafe-fixes`).")
    assert "\x1b[32m[*]\x1b[0m" in cli("check", "--color", "a.md").stdout


def test_json_fix_objects_are_the_edits_fix_makes(cli, tmp_path: Path) -> None:
    text = "You can stay in a hostel. An hostel is not a home. Prior to May, utilise it.\n"
    write(tmp_path / "terms.yaml",
          "rule: plain-words\nentries:\n  - term: hostel\n    alternatives: [overnight shelter]"
          "\n    fix: safe\n    explanation: A test entry.\n")
    write(tmp_path / "plainlint.toml", 'glossary = ["terms.yaml"]\n')
    write(tmp_path / "a.md", text)
    data = json_out(cli("check", "--format", "json", "a.md"))
    findings = data["files"][0]["findings"]
    assert data["summary"]["fixable"] == {"safe": 4, "unsafe": 0}
    fixes = [f["fix"] for f in findings]
    assert fixes[0] == {
        "applicability": "safe", "description": "Replace “a hostel” with “an overnight shelter”",
        "offset": 16, "end_offset": 24, "line": 1, "column": 17, "end_line": 1, "end_column": 25,
        "text": "a hostel", "replacement": "an overnight shelter",
    }
    for f in fixes:
        assert text[f["offset"]:f["end_offset"]] == f["text"]
        assert f["column"] == f["offset"] + 1 and f["end_column"] == f["end_offset"] + 1
    objects = [Fix(f["offset"], f["end_offset"], f["text"], f["replacement"],
                   Applicability(f["applicability"])) for f in fixes]
    new, taken, skipped = apply_fixes(text, objects)
    cli("fix", "a.md")
    assert new == (tmp_path / "a.md").read_text()
    assert not skipped and len(taken) == 4
    # A fix whose text is no longer there is refused, not forced.
    _, _, skipped = apply_fixes(text.replace("hostel", "hostal"), objects)
    assert [why for _, why in skipped] == ["the text is no longer what was checked; run "
                                           "plainlint fix again"] * 2


def test_findings_without_a_fix_have_a_null_fix(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "Our stakeholders met.\n")
    finding = json_out(cli("check", "--format", "json", "a.md"))["files"][0]["findings"][0]
    assert finding["fix"] is None


# -- the parts ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "article"), [
    ("hour", "an"), ("honest", "an"), ("heir", "an"), ("hostel", "a"), ("house", "a"),
    ("user", "a"), ("usual", "a"), ("utility", "a"), ("union", "a"), ("university", "a"),
    ("unique", "a"), ("European", "a"), ("one", "a"), ("once", "a"), ("only", "an"),
    ("onerous", "an"), ("umbrella", "an"), ("under", "an"), ("unable", "an"), ("upon", "an"),
    ("urgent", "an"), ("uninformed", "an"), ("utter", "an"), ("Ukrainian", "a"),
    ("MP", "an"), ("MPs", "an"), ("NHS", "an"), ("FAQ", "an"), ("SEN", "an"), ("GP", "a"),
    ("UK", "a"), ("URL", "a"), ("HMRC", "an"), ("NATO", "a"), ("SEND", "a"), ("SENCo", "a"),
    ("Ofsted", "an"), ("A", "an"), ("U", "a"), ("x", "an"), ("8", "an"), ("80", "an"),
    ("11", "an"), ("18", "an"), ("11,000", "an"), ("110", "a"), ("1", "a"), ("apple", "an"),
    ("easy", "an"), ("idea", "an"), ("overnight", "an"), ("meeting", "a"), ("year", "a"),
])
def test_indefinite_article(word: str, article: str) -> None:
    assert indefinite_article(word) == article


def test_article_case_and_letters_that_are_not_articles() -> None:
    glossary_text = ("rule: plain-words\nentries:\n  - term: hostel\n    alternatives: "
                     "[overnight shelter]\n    fix: safe\n    explanation: A test entry.\n")
    from plainlint import glossary as glossary_mod
    from plainlint.config import Config

    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"plainlint-test-{os.getpid()}.yaml"
    path.write_text(glossary_text)
    try:
        config = Config(glossary=[path])
        out = {}
        for text in ("A hostel opens.", "A HOSTEL? No: a hostel.", "Block A hostel opens.",
                     "Book a\nhostel."):
            result = check_text(text, fmt="text", config=config, select=["plain-words"])
            out[text] = [f.fix.replacement if f.fix else f.no_fix for f in result.findings]
        glossary_mod.load.cache_clear()
    finally:
        path.unlink()
    assert out["A hostel opens."] == ["An overnight shelter"]
    assert out["A HOSTEL? No: a hostel."] == ["AN OVERNIGHT SHELTER", "an overnight shelter"]
    assert out["Block A hostel opens."] == ["overnight shelter"]
    assert out["Book a\nhostel."] == ["an\novernight shelter"]


def test_edits_and_span_mapping() -> None:
    text = "0123456789"
    edits = [(2, 4, "abcd"), (6, 7, "")]
    assert apply_edits(text, edits) == "01abcd45789"
    assert map_span(0, 2, edits) == (0, 2)
    assert map_span(4, 6, edits) == (6, 8)
    assert map_span(3, 5, edits) == (2, 7)  # touches an edit: covers its new text
    assert map_span(8, 10, edits) == (9, 11)
    with pytest.raises(ValueError):
        apply_edits(text, [(2, 5, "x"), (4, 6, "y")])


def test_help_lists_the_options(cli) -> None:
    r = cli("fix", "--help")
    assert r.exit_code == 0
    for option in ("--diff", "--unsafe-fixes", "--interactive", "--select"):
        assert option in r.stdout


def test_word_pdf_and_opendocument_files_are_never_written(cli, tmp_path: Path,
                                                           word_report: Path) -> None:
    """Documents plainlint only reads: named, they are an error; in a folder, passed over."""
    write(tmp_path / "docs/a.md", WORDY)
    report = write(tmp_path / "docs/report.docx", word_report.read_bytes())
    before = report.read_bytes()
    r = cli("fix", "docs/report.docx")
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        "plainlint: error: docs/report.docx: plainlint fix changes Markdown, HTML and text "
        "files, not Word files (plainlint annotate writes a copy with a comment on each "
        "finding)"]
    r = cli("fix", "--stdin-filename", "plan.pdf", "-", input=b"%PDF-1.4\n")
    assert r.exit_code == 2 and "plan.pdf: plainlint fix changes" in r.stderr
    assert "not PDF files" in r.stderr and r.stdout == ""
    r = cli("fix", "docs")
    assert r.exit_code == 0
    assert r.stderr == ("plainlint: warning: left 1 Word, PDF or OpenDocument file as it is "
                        "(docs/report.docx): plainlint fix changes Markdown, HTML and text "
                        "files only\n")
    assert (tmp_path / "docs/a.md").read_text() == PLAIN
    assert report.read_bytes() == before
