"""The command line, run for real: formats, exit codes, bad input, stdin and colour."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import json_out, write

JARGON = "We will invite stakeholders going forward.\n"
CLEAN = "We will talk to residents from April.\n"


def test_text_output_and_exit_code_one(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", JARGON)
    r = cli("check", "a.md")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0].startswith("a.md:1:16: warning [jargon] “stakeholders” is jargon:")
    assert "(try: " in lines[0]
    assert lines[-1] == ("1 file checked: 2 findings (2 warnings). "
                         "1 fixable with `plainlint fix -i --unsafe-fixes`.")
    assert "\x1b[" not in r.stdout  # not a terminal: no colour


def test_clean_file_exits_zero(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", CLEAN)
    r = cli("check", "a.md")
    assert r.exit_code == 0
    assert r.stdout == "1 file checked: no findings.\n"


def test_fail_on_levels(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "Please utilise the form.\n")  # a suggestion only
    assert cli("check", "a.md").exit_code == 0
    assert cli("check", "--fail-on", "suggestion", "a.md").exit_code == 1
    write(tmp_path / "b.md", JARGON)
    assert cli("check", "--fail-on", "error", "b.md").exit_code == 0
    assert cli("check", "--fail-on", "never", "b.md").exit_code == 0


def test_json_format_shape(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", JARGON)
    r = cli("check", "--format", "json", "a.md")
    data = json_out(r)
    assert data["version"] == 1
    (file,) = data["files"]
    assert file["path"] == "a.md" and file["format"] == "markdown"
    f = file["findings"][0]
    assert set(f) >= {"rule", "severity", "message", "line", "column", "end_line", "end_column",
                      "offset", "end_offset", "text", "suggestions"}
    assert (f["rule"], f["line"], f["column"], f["end_column"], f["text"]) == (
        "jargon", 1, 16, 28, "stakeholders")
    assert JARGON[f["offset"]:f["end_offset"]] == f["text"]
    assert all(set(s) == {"text", "replacement", "applicability"} for s in f["suggestions"])
    assert data["summary"] == {
        "files": 1, "findings": 2, "by_rule": {"jargon": 2},
        "by_severity": {"error": 0, "warning": 2, "suggestion": 0},
        "fixable": {"safe": 0, "unsafe": 1},
    }
    assert data["errors"] == []
    assert isinstance(file["metrics"], dict)


def test_output_file_is_written(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", JARGON)
    (tmp_path / "out").mkdir()
    r = cli("check", "--format", "json", "-o", "out/report.json", "a.md")
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads((tmp_path / "out/report.json").read_text())["summary"]["findings"] == 2


def test_select_and_ignore(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "The elderly utilise stakeholders.\n")
    rules = lambda r: {f["rule"] for f in json_out(r)["files"][0]["findings"]}  # noqa: E731
    assert rules(cli("check", "--format", "json", "--select", "jargon", "a.md")) == {"jargon"}
    assert "jargon" not in rules(cli("check", "--format", "json", "--ignore", "jargon", "a.md"))
    assert rules(cli("check", "--format", "json", "--select", "inclusive", "a.md")) == {
        "person-first"}
    r = cli("check", "--select", "no-such-rule", "a.md")
    assert r.exit_code == 2
    assert "plainlint: error: --select: unknown rule(s) 'no-such-rule'" in r.stderr


def test_directory_walk_skips_hidden_and_unsupported(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", JARGON)
    write(tmp_path / "docs/sub/b.html", f"<p>{JARGON}</p>")
    write(tmp_path / "docs/c.txt", JARGON)
    write(tmp_path / "docs/d.xlsx", "not read")
    write(tmp_path / "docs/.hidden/e.md", JARGON)
    write(tmp_path / "docs/node_modules/f.md", JARGON)
    r = cli("check", "--format", "json", "docs")
    assert [f["path"] for f in json_out(r)["files"]] == ["docs/a.md", "docs/c.txt",
                                                         "docs/sub/b.html"]


def test_exclude_option(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", JARGON)
    write(tmp_path / "docs/drafts/b.md", JARGON)
    r = cli("check", "--format", "json", "--exclude", "drafts", "docs")
    assert [f["path"] for f in json_out(r)["files"]] == ["docs/a.md"]


BAD_INPUTS = {
    "missing.md": (None, "no such file or directory"),
    # Empty and blank pages are not errors: tests/test_cli_files.py.
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    "latin1.md": ("Caf\u00e9 stakeholders".encode("latin-1"), "not valid UTF-8"),
    "huge-line.txt": (b"a" * 1_000_001, "line 1 is 1,000,001 characters long"),
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_one_line_and_others_still_checked(cli, tmp_path: Path, name: str) -> None:
    data, reason = BAD_INPUTS[name]
    if data is not None:
        write(tmp_path / name, data)
    write(tmp_path / "good.md", JARGON)
    r = cli("check", "--format", "json", name, "good.md")
    assert r.exit_code == 2
    err = [line for line in r.stderr.splitlines() if line]
    assert len(err) == 1, r.stderr
    assert err[0].startswith(f"plainlint: error: {name}: ")
    assert reason in err[0]
    assert "Traceback" not in r.stderr
    data = json_out(r)
    assert [f["path"] for f in data["files"]] == ["good.md"]
    assert data["files"][0]["findings"]
    assert data["errors"][0]["path"] == name and reason in data["errors"][0]["message"]


def test_directory_without_supported_files(cli, tmp_path: Path) -> None:
    write(tmp_path / "empty/budget.xlsx", "x")
    r = cli("check", "empty")
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        "plainlint: error: empty: no files plainlint reads found here")


def test_unsupported_extension(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.xlsx", "x")
    r = cli("check", "a.xlsx")
    assert r.exit_code == 2
    assert "plainlint: error: a.xlsx: plainlint does not read .xlsx files" in r.stderr


def test_permission_denied(tmp_path: Path) -> None:
    """An unreadable file is one error line and the others are still checked. Root reads any
    file, so as root the check runs without the capabilities that bypass file permissions."""
    import shutil

    secret = write(tmp_path / "secret.md", JARGON)
    write(tmp_path / "good.md", JARGON)
    secret.chmod(0)
    cmd = [sys.executable, "-m", "plainlint", "check", "secret.md", "good.md"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test permissions as root"
        cmd = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *cmd]
    r = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip() == "plainlint: error: secret.md: permission denied"
    assert r.stdout.startswith("good.md:1:16: warning [jargon]")


def test_unreadable_file_as_any_user(tmp_path: Path) -> None:
    """Root ignores file permissions, so make the file unreadable by making it a FIFO-less
    dangling symlink instead: the error must still be one line."""
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    r = subprocess.run([sys.executable, "-m", "plainlint", "check", "gone.md"],
                       cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.strip() == "plainlint: error: gone.md: broken symbolic link"


def test_stdin_with_filename(cli) -> None:
    r = cli("check", "--format", "json", "--stdin-filename", "page.html", "-",
            input="<p>Our <b>stakeholders</b>.</p>")
    data = json_out(r)
    assert data["files"][0]["path"] == "page.html"
    assert data["files"][0]["format"] == "html"
    f = data["files"][0]["findings"][0]
    assert (f["text"], f["column"]) == ("stakeholders", 11)


def test_stdin_defaults_to_markdown(cli) -> None:
    r = cli("check", "-", input="`stakeholders` and **stakeholders**\n")
    assert r.stdout.splitlines()[0].startswith("-:1:22: warning [jargon]")


def test_colour_and_no_color(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", JARGON)
    assert "\x1b[33mwarning" in cli("check", "--color", "a.md").stdout
    assert "\x1b[" not in cli("check", "--no-color", "a.md").stdout


def test_colour_on_a_real_terminal_respects_no_color(tmp_path: Path) -> None:
    """Run under a pseudo-terminal: colour by default, none with NO_COLOR set."""
    import pty

    write(tmp_path / "a.md", JARGON)

    def run(env: dict[str, str]) -> bytes:
        out = b""
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - child
            os.chdir(tmp_path)
            os.execvpe(sys.executable, [sys.executable, "-m", "plainlint", "check", "a.md"], env)
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.waitpid(pid, 0)
        return out

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert b"\x1b[33mwarning" in run(env)
    assert b"\x1b[" not in run({**env, "NO_COLOR": "1"})


def test_rules_explain_and_glossary_commands(cli) -> None:
    r = cli("rules")
    assert r.exit_code == 0
    ids = [line.split()[0] for line in r.stdout.splitlines()]
    assert {"jargon", "plain-words", "person-first"} <= set(ids)
    r = cli("explain", "jargon")
    assert r.exit_code == 0
    for heading in ("What it flags", "Why it matters", "Example", "Write instead", "Source"):
        assert heading in r.stdout
    r = cli("explain", "jargn")
    assert r.exit_code == 2 and "Did you mean jargon?" in r.stderr
    r = cli("glossary", "stakeholders")
    assert r.exit_code == 0 and r.stdout.startswith("stakeholder (jargon")
    r = cli("glossary", "co production")
    assert r.exit_code == 0 and "co-production" in r.stdout
    r = cli("glossary", "zzzz")
    assert r.exit_code == 1 and "not in the glossary" in r.stderr
    data = json.loads(cli("rules", "--format", "json").stdout)
    assert {"id", "family", "severity", "what"} <= set(data[0])


def test_help_and_version(cli) -> None:
    assert cli("--help").exit_code == 0
    r = cli("--version")
    assert r.exit_code == 0 and r.stdout.startswith("plainlint, version ")


def test_output_permissions_are_ordinary(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", JARGON)
    cli("check", "--format", "json", "-o", "r.json", "a.md")
    mode = stat.S_IMODE((tmp_path / "r.json").stat().st_mode)
    assert mode & 0o644 == 0o644


def test_a_bug_on_one_file_is_one_line_and_the_rest_are_checked(
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in plainlint (here, an adapter that fails on one file) is reported for that file;
    every other file is still checked, or fixed, and the exit code says so."""
    from plainlint import formats

    real = formats.ADAPTERS["text"]

    def failing(source):  # type: ignore[no-untyped-def]
        if source.path.endswith("boom.txt"):
            raise RuntimeError("boom")
        return real(source)

    monkeypatch.setitem(formats.ADAPTERS, "text", failing)
    write(tmp_path / "boom.txt", "Please utilise it.\n")
    write(tmp_path / "fine.txt", "Please utilise it.\n")
    r = cli("check", "boom.txt", "fine.txt")
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        "plainlint: error: boom.txt: internal error (RuntimeError: boom); please report this, "
        "with the file if you can (PLAINLINT_DEBUG=1 shows the details)"]
    assert "fine.txt:1:8: suggestion [plain-words]" in r.stdout
    r = cli("fix", "boom.txt", "fine.txt")
    assert r.exit_code == 2
    assert ("boom.txt: internal error (RuntimeError: boom); nothing was written; please "
            "report this") in r.stderr
    assert (tmp_path / "fine.txt").read_text() == "Please use it.\n"
    assert (tmp_path / "boom.txt").read_text() == "Please utilise it.\n"
    with pytest.raises(RuntimeError, match="boom"):
        cli("check", "boom.txt", env={"PLAINLINT_DEBUG": "1"})
