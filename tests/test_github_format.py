"""--format github: workflow commands with GitHub's escaping, never more annotations than GitHub
shows, and everything else in the log where document text cannot run commands."""

from __future__ import annotations

import re
from pathlib import Path

from plainlint.reporters.github import PER_JOB, PER_STEP, command, escape_data, escape_property
from tests.conftest import write

COMMAND = re.compile(r"^::(?P<name>[a-z-]+)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def run_commands(output: str) -> tuple[list[dict[str, object]], list[str]]:
    """Read workflow-command output as the Actions runner does: annotations (with their
    properties decoded) and the plain log lines, honouring stop-commands."""
    annotations: list[dict[str, object]] = []
    log: list[str] = []
    stopped: str | None = None
    for line in output.splitlines():
        if stopped is not None:
            if line == f"::{stopped}::":
                stopped = None
            else:
                log.append(line)
            continue
        m = COMMAND.match(line)
        if not m:
            log.append(line)
            continue
        name = m["name"]
        if name == "stop-commands":
            stopped = m["message"]
        elif name in ("error", "warning", "notice"):
            props = {}
            for part in (m["props"] or "").split(","):
                if part:
                    key, _, value = part.partition("=")
                    props[key] = unescape(value)
            annotations.append({"kind": name, "message": unescape(m["message"]), **props})
    return annotations, log


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = command("warning", "line one\nline: two, 100%", file="docs/a,b:c.md", line=3,
                   col=None, title="jargon (plainlint)")
    assert line == ("::warning file=docs/a%2Cb%3Ac.md,line=3,title=jargon (plainlint)::"
                    "line one%0Aline: two, 100%25")
    (ann,), _ = run_commands(line)
    assert ann["file"] == "docs/a,b:c.md" and ann["message"] == "line one\nline: two, 100%"


def test_findings_become_annotations_with_exact_positions(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", "# Plan\n\nWe will invite stakeholders.\n\nPlease utilise it.\n")
    r = cli("check", "--format", "github", "docs")
    assert r.exit_code == 1
    annotations, log = run_commands(r.stdout)
    assert [(a["kind"], a["line"], a["col"], a["endColumn"]) for a in annotations] == [
        ("warning", "3", "16", "28"), ("notice", "5", "8", "15")]
    first = annotations[0]
    assert first["file"] == "docs/a.md" and first["endLine"] == "3"
    assert first["title"] == "jargon (plainlint)"
    assert str(first["message"]).startswith("“stakeholders” is jargon")
    assert "\nTry: " in str(first["message"])
    # The log ends with the text summary, which counts what `plainlint fix` can fix.
    assert log[-1] == ("1 file checked: 2 findings (1 warning, 1 suggestion). "
                       "[*] 1 fixable with `plainlint fix`.")
    assert any(line.startswith("docs/a.md:3:16: warning [jargon]") for line in log)


def test_multi_line_finding_has_no_columns(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "We will work going\nforward.\n")
    annotations, _ = run_commands(cli("check", "--format", "github", "a.md").stdout)
    (a,) = annotations
    assert (a["line"], a["endLine"]) == ("1", "2")
    assert "col" not in a and "endColumn" not in a


def _many(tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", '[tool.plainlint.severity]\nperson-first = "error"\n')
    for n in range(3):
        lines = ["# Page", ""]
        # jargon and person-first report a term once per document, so the terms differ.
        lines += [  # 16 warnings
            "We asked stakeholders for views going forward.",
            "Co-production is a holistic way of working.",
            "We will break down each silo through empowerment.",
            "There is real synergy when we leverage our buildings.",
            "Staff offer signposting to multi-agency teams.",
            "This is partnership working and best practice.",
            "We fund capacity building in a place-based way.",
            "An asset-based plan brings a step change.",
        ]
        lines += [  # 5 errors
            "Support for the elderly is here.", "Parking for wheelchair-bound drivers.",
            "Toilets for the disabled are open.", "A handicapped child can apply.",
            "Help for the homeless is here.",
        ]
        lines += ["Please utilise the form." for _ in range(4)]  # 4 suggestions
        write(tmp_path / f"docs/page{n}.md", "\n\n".join(lines) + "\n")


def test_never_more_annotations_than_github_shows(cli, tmp_path: Path) -> None:
    _many(tmp_path)
    r = cli("check", "--format", "github", "--report-url", "https://ci.example/run/9", "docs")
    assert r.exit_code == 1
    annotations, log = run_commands(r.stdout)
    kinds = [a["kind"] for a in annotations]
    assert kinds.count("error") == PER_STEP  # 15 errors: 10 shown
    assert kinds.count("warning") == PER_STEP  # 48 warnings: 10 shown
    assert kinds.count("notice") == PER_STEP  # 9 of 12 suggestions, and the note
    assert len(annotations) <= PER_JOB
    note = annotations[-1]
    assert note["kind"] == "notice" and "file" not in note
    assert note["message"] == (
        "46 more findings (5 errors, 38 warnings, 3 suggestions) are not shown as annotations: "
        "GitHub shows at most 10 of each kind per step. All 75 are listed in this step's log "
        "under “plainlint: all findings” and in the full report: https://ci.example/run/9")
    # Shared fairly: every file gets annotations of each kind.
    for kind in ("error", "warning"):
        files = {a["file"] for a in annotations if a["kind"] == kind}
        assert files == {"docs/page0.md", "docs/page1.md", "docs/page2.md"}
    # The log has every finding.
    listed = [line for line in log if re.match(r"docs/page\d\.md:\d+:\d+: ", line)]
    assert len(listed) == 75


def test_caps_leave_the_exit_code_alone(cli, tmp_path: Path) -> None:
    """Vale's action fails with 'too many annotations' even when told not to fail."""
    _many(tmp_path)
    r = cli("check", "--format", "github", "--fail-on", "never", "docs")
    assert r.exit_code == 0
    annotations, _ = run_commands(r.stdout)
    assert len(annotations) == 3 * PER_STEP


def test_under_the_caps_there_is_no_note(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "\n\n".join(["Please utilise the form."] * 10) + "\n")
    annotations, _ = run_commands(cli("check", "--format", "github", "a.md").stdout)
    assert [a["kind"] for a in annotations] == ["notice"] * 10


def test_document_text_cannot_run_workflow_commands(cli, tmp_path: Path) -> None:
    """A file name or text that looks like a workflow command stays inert."""
    name = "::error file=x::pwned.md"
    write(tmp_path / name, "::warning::stakeholders\n\n::add-mask::x going forward\n")
    r = cli("check", "--format", "github", name)
    annotations, log = run_commands(r.stdout)
    assert {a["kind"] for a in annotations} == {"warning"}
    assert {a["file"] for a in annotations} == {name}
    assert all("pwned" not in str(a["message"]) for a in annotations)
    # Raw lines of the listing start with the file name, inside stop-commands.
    assert sum(1 for line in log if line.startswith(name)) == 2
    lines = r.stdout.splitlines()
    stop = next(i for i, line in enumerate(lines) if line.startswith("::stop-commands::"))
    token = lines[stop].split("::")[2]
    resume = lines.index(f"::{token}::")
    raw = [i for i, line in enumerate(lines) if line.startswith(name)]
    assert raw and all(stop < i < resume for i in raw)
    assert token not in "".join(lines[stop + 1 : resume])  # the text cannot end the block


def test_unreadable_file_is_an_error_annotation(cli, tmp_path: Path) -> None:
    write(tmp_path / "binary.md", b"\x00binary")
    write(tmp_path / "a.md", "Our stakeholders.\n")
    r = cli("check", "--format", "github", "binary.md", "a.md")
    assert r.exit_code == 2
    annotations, _ = run_commands(r.stdout)
    assert annotations[0] == {"kind": "error", "file": "binary.md",
                              "message": "looks like a binary file (it contains NUL bytes)",
                              "title": "plainlint could not check this file"}


def test_clean_run_prints_only_the_summary(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "We will talk to residents.\n")
    r = cli("check", "--format", "github", "a.md")
    assert (r.exit_code, r.stdout) == (0, "1 file checked: no findings.\n")
