"""The bad-input suite: every kind of hostile input a linter meets in hooks and CI.

For each input: one clear line naming the file (an error when it cannot be checked, a warning
when part of it was left out), the other files still checked, the documented exit code (2 when
a file could not be checked), no traceback, and bounded time and memory: each run is a fresh
process under an address-space and CPU limit with a timeout that catches a hang
(`tests.hostile`). docs/reliability.md lists them with what plainlint does.

Most inputs share one run of ``plainlint check`` over a folder of hostile files (one process
start, one set of files made), read by a test per input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write
from tests.hostile import (
    assert_clean,
    assert_json_positions,
    env_for,
    limits,
    plainlint,
)

JARGON = "We will leverage synergies with stakeholders going forward.\n"
JARGON_TERMS = ["leverage", "synergies", "stakeholders", "going forward"]
MB = 1_000_000  # plainlint's size limits count in millions of bytes

# The odd file names: each holds JARGON and must be checked and named as it is.
ODD_NAMES = {
    "with spaces.md": "with spaces.md",
    "quo\"te's.md": "quo\"te's.md",
    "new\nline.md": "new\\nline.md",  # one line of output, the break written as \n
    "caf\u00e9 \u00fcber \u0416.md": "caf\u00e9 \u00fcber \u0416.md",
}
BYTES_NAME = b"caf\xe9-latin1.md"  # a name that is not UTF-8
BYTES_NAME_SHOWN = "caf\\xe9-latin1.md"


def _files(root: Path) -> dict[str, bytes]:
    """The hostile files, by name."""
    nested_quotes = ">" * 10_000 + " " + JARGON
    nested_lists = ("- " + JARGON + "".join("  " * i + "- item\n" for i in range(1, 60))
                    + "- " * 10_000 + JARGON)
    table = "| first | second |\n|---|---|\n" + ("| " + JARGON.strip() + " | plain |\n") * 2_000
    return {
        "good.md": JARGON.encode(),
        "empty.md": b"",
        "blank.md": b" \n\t\n   \r\n",
        "big.md": (JARGON * (50 * MB // len(JARGON) + 1)).encode(),  # 50 MB
        "one-line.md": ("word " * (9_900_000 // 5)).encode(),  # one 9.9 MB line
        "binary.md": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16,
        "latin1.md": ("Caf\u00e9 " + JARGON).encode("latin-1"),
        "utf16.md": "\ufeff".encode("utf-16-le") + ("Caf\u00e9 \u2014 " + JARGON).encode(
            "utf-16-le"),
        "mixed-eol.md": ("Line one.\r\n" + JARGON + "\r\n" + JARGON.replace("\n", "\r\n")
                         + "\r" + JARGON).encode(),
        "cp1252.html": ("<html><head><meta charset='windows-1252'></head><body><p>Caf\u00e9 "
                        "\u2014 " + JARGON + "</p></body></html>").encode("cp1252"),
        "utf16-no-bom.md": ("Caf\u00e9 " + JARGON).encode("utf-16-le"),
        "nul.md": ("Hello\x00 world. " + JARGON).encode(),
        "late-nul.md": (JARGON * 200 + "\x00" + JARGON).encode(),
        "quotes.md": (nested_quotes + "\n" + JARGON).encode(),
        "lists.md": (nested_lists + "\n\n" + JARGON).encode(),
        "fence.md": (JARGON + "\n```python\n" + JARGON * 3 + "\n~~~\n" + JARGON).encode(),
        "table.md": table.encode(),
        "nested.html": ("<div>" * 10_000 + "<p>" + JARGON + "</p>" + "</div>" * 10_000).encode(),
        "unclosed.html": ("<p><b><i>" + JARGON + "<span " * 5_000 + "<a href='").encode(),
        "entities.html": ("<p>" + "&amp;&#x1F600;&bogus;&#99999999;&#0;&" * 5_000 + "</p><p>"
                          + JARGON + "</p>").encode(),
        "comments.html": ("<!-- a -->" * 5_000 + "<p>" + JARGON + "</p>" + "<!--" * 3_000
                          ).encode(),
    }


class Hostile:
    """The folder of hostile files and the one run over them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = _files(root)
        for name, data in self.data.items():
            (root / name).write_bytes(data)
        for name in ODD_NAMES:
            (root / name).write_bytes(JARGON.encode())
        (root.joinpath(os.fsdecode(BYTES_NAME))).write_bytes(JARGON.encode())
        os.symlink("nowhere.md", root / "broken.md")
        os.symlink("loop.md", root / "loop.md")
        (root / "folder.md").mkdir()
        os.mkfifo(root / "fifo.md")
        self.args = [*self.data, *ODD_NAMES, os.fsdecode(BYTES_NAME), "broken.md", "loop.md",
                     "folder.md", "fifo.md", "missing.md"]
        started = time.monotonic()
        self.run = plainlint(["check", "--no-cache", "--format", "json", *self.args], root)
        self.seconds = time.monotonic() - started
        self.report = json.loads(self.run.stdout)
        self.by_path = {f["path"]: f for f in self.report["files"]}
        self.error_for = {e["path"]: e["message"] for e in self.report["errors"]}

    def stderr_line(self, shown: str) -> str:
        lines = [line for line in self.run.stderr.splitlines()
                 if line.startswith((f"plainlint: error: {shown}: ",
                                     f"plainlint: warning: {shown}: "))]
        assert len(lines) == 1, (shown, self.run.stderr[-2000:])
        return lines[0]

    def findings(self, name: str, rule: str = "jargon") -> list[dict[str, Any]]:
        return [f for f in self.by_path[name]["findings"] if f["rule"] == rule]

    def text(self, name: str) -> str:
        data = self.data[name]
        encoding = {"utf16.md": "utf-16", "cp1252.html": "cp1252"}.get(name, "utf-8")
        return data.decode(encoding)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return Hostile(tmp_path_factory.mktemp("hostile"))


def refused(hostile: Hostile, name: str, reason: str) -> None:
    """``name`` could not be checked: one error line naming it, with ``reason``."""
    line = hostile.stderr_line(name)
    assert line.startswith(f"plainlint: error: {name}: "), line
    assert reason in line, line
    assert name not in hostile.by_path


# -- the run as a whole --------------------------------------------------------------------------


def test_the_run_goes_on_and_exits_2_without_a_traceback(hostile: Hostile) -> None:
    run = hostile.run
    assert run.returncode == 2, run.stderr[-2000:]
    assert_clean(run)
    assert [f["text"] for f in hostile.findings("good.md")] == JARGON_TERMS
    # Every file named was either checked or given exactly one error.
    assert len(hostile.report["files"]) + len(hostile.report["errors"]) == len(hostile.args)
    assert len(hostile.run.errors) == len(hostile.report["errors"])


def test_the_run_is_bounded_in_memory(hostile: Hostile) -> None:
    """The 50 MB file is refused from its size before it is read, and the 9.9 MB line is
    refused before it is split into blocks: the run stays far below the files' size times
    the cost of a parse."""
    assert 0 < hostile.run.peak_mb < 1_000, hostile.run.peak_mb


# -- contents ------------------------------------------------------------------------------------


def test_empty_file(hostile: Hostile) -> None:
    """A placeholder page: checked, nothing to report, not an error (as Ruff and Vale)."""
    assert hostile.by_path["empty.md"]["findings"] == []
    assert "empty.md" not in hostile.run.stderr


def test_whitespace_only(hostile: Hostile) -> None:
    assert hostile.by_path["blank.md"]["findings"] == []
    assert "blank.md" not in hostile.run.stderr


def test_fifty_mb_markdown(hostile: Hostile) -> None:
    refused(hostile, "big.md", "file is 50.0 MB, over the 10 MB limit; raise max-file-size-mb")


def test_ten_mb_single_line(hostile: Hostile) -> None:
    refused(hostile, "one-line.md", "line 1 is 9,900,000 characters long (limit 1,000,000); "
            "is it generated or minified? Raise max-line-length")


def test_binary_with_a_text_extension(hostile: Hostile) -> None:
    refused(hostile, "binary.md", "looks like a binary file (it contains NUL bytes)")


def test_invalid_utf8_names_the_byte_line_and_column(hostile: Hostile) -> None:
    refused(hostile, "latin1.md", "not valid UTF-8 (byte 0xE9 on line 1, column 4); "
            "it looks like Windows-1252 or Latin-1: save it as UTF-8, or check it with "
            "--encoding cp1252")


def test_utf16_with_bom_is_checked_at_exact_positions(hostile: Hostile) -> None:
    found = hostile.findings("utf16.md")
    assert [f["text"] for f in found] == JARGON_TERMS
    assert found[0]["column"] == len("Caf\u00e9 \u2014 We will ") + 1
    assert_json_positions(hostile.text("utf16.md"), hostile.by_path["utf16.md"]["findings"])


def test_utf16_without_bom_is_named(hostile: Hostile) -> None:
    refused(hostile, "utf16-no-bom.md", "looks like UTF-16 text without a byte-order mark; "
            "save it as UTF-8 (or as UTF-16 with a byte-order mark)")


def test_html_in_the_windows_1252_its_meta_charset_declares(hostile: Hostile) -> None:
    assert [f["text"] for f in hostile.findings("cp1252.html")] == JARGON_TERMS
    assert_json_positions(hostile.text("cp1252.html"), hostile.by_path["cp1252.html"]["findings"])


def test_standard_input_over_the_size_limit(tmp_path: Path) -> None:
    run = plainlint(["check", "--no-cache", "-"], tmp_path, stdin=b"word " * (2 * MB + 1))
    assert run.returncode == 2
    assert_clean(run)
    assert run.errors == ["plainlint: error: -: standard input is over the 10 MB limit; raise "
                          "max-file-size-mb to check it"]


def test_mixed_line_endings_keep_lines_exact(hostile: Hostile) -> None:
    found = hostile.findings("mixed-eol.md")
    (lever,) = [f for f in found if f["text"] == "leverage"]  # one finding per term ...
    assert [(f["line"], f["text"]) for f in [lever, *lever["related"]]] == [
        (2, "leverage"), (4, "leverage"), (6, "leverage")]  # ... a lone \r ends line 5
    assert_json_positions(hostile.text("mixed-eol.md"),
                          hostile.by_path["mixed-eol.md"]["findings"])


def test_nul_bytes(hostile: Hostile) -> None:
    refused(hostile, "nul.md", "looks like a binary file (it contains NUL bytes)")
    refused(hostile, "late-nul.md", "contains NUL characters; is it a binary file?")


def test_ten_thousand_nested_block_quotes(hostile: Hostile) -> None:
    line = hostile.stderr_line("quotes.md")
    assert line == ("plainlint: warning: quotes.md: line 1: lists or quotes nested more than 50 "
                    "levels deep; line 1 was not checked")
    # The paragraph after the deep quote is still checked.
    assert [f["line"] for f in hostile.findings("quotes.md")] == [3] * 4
    assert_json_positions(hostile.text("quotes.md"), hostile.by_path["quotes.md"]["findings"])


def test_ten_thousand_nested_list_levels(hostile: Hostile) -> None:
    # A list item swallows everything after it (CommonMark), so markdown-it's cut-off at 50
    # levels leaves out the rest of the file: the warning says so, from the line it starts.
    assert hostile.stderr_line("lists.md") == (
        "plainlint: warning: lists.md: line 25: lists or quotes nested more than 50 levels "
        "deep; the rest of the file was not checked")
    assert [f["line"] for f in hostile.findings("lists.md")] == [1] * 4
    assert_json_positions(hostile.text("lists.md"), hostile.by_path["lists.md"]["findings"])


def test_unclosed_fence_is_code_to_the_end(hostile: Hostile) -> None:
    # CommonMark: an unclosed fence runs to the end of the file, and code is not prose.
    assert [f["line"] for f in hostile.findings("fence.md")] == [1] * 4
    assert not [line for line in hostile.run.stderr.splitlines() if "fence.md" in line]


def test_huge_table(hostile: Hostile) -> None:
    found = hostile.findings("table.md")
    assert len(found) + sum(len(f.get("related", [])) for f in found) == 4 * 2_000
    assert_json_positions(hostile.text("table.md"), hostile.by_path["table.md"]["findings"])


def test_ten_thousand_nested_html_tags(hostile: Hostile) -> None:
    assert [f["text"] for f in hostile.findings("nested.html")] == JARGON_TERMS
    assert_json_positions(hostile.text("nested.html"), hostile.by_path["nested.html"]["findings"])


def test_unclosed_html_tags(hostile: Hostile) -> None:
    assert hostile.stderr_line("unclosed.html") == (
        "plainlint: warning: unclosed.html: line 2: a tag or comment that is never closed "
        "starts here; the text after it was not checked")
    assert [f["text"] for f in hostile.findings("unclosed.html")] == JARGON_TERMS
    assert_json_positions(hostile.text("unclosed.html"),
                          hostile.by_path["unclosed.html"]["findings"])


def test_html_entities_good_bad_and_huge(hostile: Hostile) -> None:
    assert [f["text"] for f in hostile.findings("entities.html")] == JARGON_TERMS
    assert_json_positions(hostile.text("entities.html"),
                          hostile.by_path["entities.html"]["findings"])


def test_html_comments_everywhere(hostile: Hostile) -> None:
    assert [f["text"] for f in hostile.findings("comments.html")] == JARGON_TERMS
    assert "never closed" in hostile.stderr_line("comments.html")
    assert_json_positions(hostile.text("comments.html"),
                          hostile.by_path["comments.html"]["findings"])


PATHOLOGICAL = {
    # Each repeated 20,000 times after a paragraph of jargon: constructs that make a
    # backtracking or rescanning parser quadratic (an unclosed construct scanned to the end of
    # the file from every place it might start). At this size quadratic work takes minutes.
    "comments.md": "<!--a ", "declarations.md": "<!A ", "cdata.md": "<![CDATA[ ",
    "instructions.md": "<?x ", "link-titles.md": '[a](b "', "destinations.md": "[a](<",
    "parentheses.md": "[a](" + "(", "emails.md": "a@", "autolinks.md": "<a",
    "emphasis.md": "*a _b ", "backticks.md": "`a ``b ", "references.md": "[a][",
    "less-than.html": "< a", "open-tags.html": "<a ", "html-comments.html": "<!--",
}


def test_pathological_markdown_and_html_in_linear_time(tmp_path: Path) -> None:
    for name, unit in PATHOLOGICAL.items():
        write(tmp_path / name, JARGON + "\n" + unit * 20_000 + "\n\n" + JARGON)
    started = time.monotonic()
    run = plainlint(["check", "--no-cache", "--select", "jargon", "--format", "json",
                     *PATHOLOGICAL], tmp_path, timeout=240)
    print(f"pathological run: {time.monotonic() - started:.1f} s wall, peak {run.peak_mb:.0f} MB")
    assert_clean(run)
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    assert not report["errors"]
    for f in report["files"]:
        # The paragraph before the construct is always checked, at its exact place.
        assert [x["line"] for x in f["findings"]][:4] == [1] * 4, f["path"]
        assert_json_positions((tmp_path / f["path"]).read_text(), f["findings"])
    assert run.peak_mb < 1_000


def test_checked_documents_are_not_kept_in_memory(tmp_path: Path) -> None:
    """Readability and framing analyses live on each document's `Context`; nothing outside
    it may keep one alive, or a run over many files grows by every document it checked."""
    code = (
        "import gc, sys\n"
        "from plainlint.api import check_paths\n"
        "from plainlint.engine import Context\n"
        "from plainlint.document import Document\n"
        "r = check_paths(sys.argv[1:])\n"
        "assert not r.errors and all(f.findings for f in r.files), r.errors\n"
        "gc.collect()\n"
        "alive = [o for o in gc.get_objects() if isinstance(o, (Context, Document))]\n"
        "print(len(alive))\n"
    )
    names = []
    for i in range(12):
        names.append(str(write(tmp_path / f"doc{i}.md", (
            f"# Report {i}\n\nThe service users were supported by staff going forward. "
            "We will empower residents to co-produce the plan with stakeholders.\n"))))
    done = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True,
                          timeout=300, env=env_for(), preexec_fn=limits())
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "0"


# -- paths ---------------------------------------------------------------------------------------


def test_nonexistent_path(hostile: Hostile) -> None:
    refused(hostile, "missing.md", "no such file or directory")


def test_broken_symlink(hostile: Hostile) -> None:
    refused(hostile, "broken.md", "broken symbolic link")


def test_symlink_loop(hostile: Hostile) -> None:
    refused(hostile, "loop.md", "symbolic link loop (the link points back to itself)")


def test_directory_given_as_a_file(hostile: Hostile) -> None:
    # A folder is walked; one named like a file, with nothing in it, says so.
    refused(hostile, "folder.md", "no files plainlint reads found here")


@pytest.mark.parametrize("command", ["annotate", "extract"])
def test_directory_given_to_a_one_file_command(cli, tmp_path: Path, command: str) -> None:
    (tmp_path / "report.docx").mkdir()
    r = cli(command, "report.docx")
    assert r.exit_code == 2
    assert r.stderr == "plainlint: error: report.docx: is a directory\n"


def test_fifo_given_as_a_file(hostile: Hostile) -> None:
    # Opening a FIFO would wait for a writer for ever: it is refused from its type, unopened.
    refused(hostile, "fifo.md", "not a regular file")


@pytest.mark.parametrize("name", list(ODD_NAMES))
def test_names_with_spaces_quotes_newlines_and_non_ascii(hostile: Hostile, name: str) -> None:
    # JSON keeps the name as it is (escaping what it must); text output escapes it.
    assert [f["text"] for f in hostile.findings(name)] == JARGON_TERMS


def test_a_name_that_is_not_utf8(hostile: Hostile) -> None:
    assert [f["text"] for f in hostile.findings(BYTES_NAME_SHOWN)] == JARGON_TERMS


def test_odd_names_stay_one_line_in_text_output(hostile: Hostile) -> None:
    run = plainlint(["check", "--no-cache", "--select", "jargon", *ODD_NAMES,
                     os.fsdecode(BYTES_NAME), "missing\n.md"], hostile.root)
    assert run.returncode == 2
    assert_clean(run)
    lines = run.stdout.splitlines()
    for shown in [*ODD_NAMES.values(), BYTES_NAME_SHOWN]:
        assert sum(line.startswith(f"{shown}:1:") for line in lines) == 4, (shown, run.stdout)
    assert run.errors == ["plainlint: error: missing\\n.md: no such file or directory"]


def test_permission_denied_file_and_folder(tmp_path: Path) -> None:
    """A file nobody may read and a folder nobody may list (mode 000). Root reads anything,
    so when the tests run as root the check runs without root's power to ignore permissions
    (`tests.hostile.drop_root_file_access`): the same errors a writer's account meets."""
    write(tmp_path / "good.md", JARGON)
    write(tmp_path / "secret.md", JARGON).chmod(0)
    write(tmp_path / "locked" / "inside.md", JARGON)
    (tmp_path / "locked").chmod(0)
    try:
        run = plainlint(["check", "--no-cache", "--select", "jargon", "good.md", "secret.md",
                         "locked"], tmp_path, preexec=limits(obey_permissions=True))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert run.returncode == 2, run.stderr
    assert_clean(run)
    assert sorted(run.errors) == [
        "plainlint: error: locked: cannot read this folder: permission denied",
        "plainlint: error: secret.md: permission denied",
    ]
    assert sum(line.startswith("good.md:1:") for line in run.stdout.splitlines()) == 4


# -- many files ----------------------------------------------------------------------------------


@pytest.mark.big
def test_a_hundred_thousand_tiny_files(tmp_path: Path) -> None:
    """100,000 one-line files in 100 folders: all checked, memory bounded (results are kept
    for the report, documents are not)."""
    root = tmp_path / "many"
    for folder in range(100):
        sub = root / f"{folder:03d}"
        sub.mkdir(parents=True)
        for i in range(1_000):
            (sub / f"{i:04d}.md").write_bytes(b"Hello.\n")
    write(root / "050" / "0500.md", JARGON)
    write(root / "099" / "0999.md", b"\x00binary")
    started = time.monotonic()
    run = plainlint(["check", "--no-cache", "--select", "jargon", "--jobs", "1", "many"],
                    tmp_path, timeout=600)
    print(f"100,000 files: {time.monotonic() - started:.1f} s wall, peak {run.peak_mb:.0f} MB")
    assert run.returncode == 2, run.stderr[-2000:]
    assert_clean(run)
    assert run.errors == [
        "plainlint: error: many/099/0999.md: looks like a binary file (it contains NUL bytes)"]
    assert sum(line.startswith("many/050/0500.md:1:") for line in run.stdout.splitlines()) == 4
    assert "99999 files checked" in run.stdout
    assert run.peak_mb < 1_000, run.peak_mb


# -- configuration -------------------------------------------------------------------------------


CONFIG_CASES = {
    "malformed-toml": ("this is = not toml =\n", "not valid TOML"),
    "wrong-type": ('select = 3\n', "select"),
    "wrong-type-in-table": ('[severity]\njargon = ["error"]\n', "severity.jargon"),
    "unknown-rule": ('select = ["no-such-rule"]\n', "no-such-rule"),
    "unknown-rule-option": ("[rules.jargon]\nmax = 3\n", "rules.jargon: unknown option 'max'"),
    "limit-not-a-number": ('max-file-size-mb = "big"\n', "max-file-size-mb"),
}


@pytest.mark.parametrize("case", list(CONFIG_CASES))
def test_bad_configuration_is_one_line_naming_the_file(cli, tmp_path: Path, case: str) -> None:
    text, expected = CONFIG_CASES[case]
    write(tmp_path / "plainlint.toml", text)
    write(tmp_path / "a.md", JARGON)
    r = cli("check", "--no-cache", "a.md")
    assert r.exit_code == 2, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"plainlint: error: {tmp_path / 'plainlint.toml'}: "), lines
    assert expected in lines[0], lines
    assert r.stdout == ""


def test_glossary_yaml_error_names_the_file_and_line(cli, tmp_path: Path) -> None:
    write(tmp_path / "terms.yaml", "rule: jargon\nentries:\n  - term: stakeholder\n"
          "    explanation: [unclosed\n")
    write(tmp_path / "plainlint.toml", 'glossary = ["terms.yaml"]\n')
    write(tmp_path / "a.md", JARGON)
    r = cli("check", "--no-cache", "a.md")
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        f"plainlint: error: {tmp_path / 'terms.yaml'}:5: YAML error: {_yaml_reason(r.stderr)}"]


def _yaml_reason(stderr: str) -> str:
    return stderr.strip().split(": YAML error: ", 1)[1]


def test_a_rule_pattern_that_would_backtrack_is_refused_naming_the_file(tmp_path: Path) -> None:
    from plainlint.resources import rules_dir
    from plainlint.rules import RuleError, load_file

    # A real rule file with its pattern swapped for one that nests a repetition.
    text = (rules_dir() / "and-or.yaml").read_text(encoding="utf-8")
    pattern = "patterns: ['(?i)\\band\\s*/\\s*or\\b']"
    assert pattern in text
    rule = write(tmp_path / "slow.yaml", text.replace(pattern, "patterns: ['(\\w+\\s?)+$']"))
    with pytest.raises(RuleError) as caught:
        load_file(rule)
    message = str(caught.value)
    assert message.startswith(str(rule)), message
    assert "could take hours on some text" in message, message


def test_a_glossary_term_that_would_backtrack_is_matched_in_linear_time(tmp_path: Path) -> None:
    """Hyphens and spaces in a team's term once became a regex that backtracked on a line of
    spaces and hyphens; now a run of them is one separator."""
    write(tmp_path / "terms.yaml", (
        "rule: jargon\nentries:\n  - term: co-------x\n    explanation: A test term.\n"
        "    examples:\n      trigger: ['We co-------x it.']\n      pass: ['We co it.']\n"))
    write(tmp_path / "plainlint.toml", 'glossary = ["terms.yaml"]\n')
    write(tmp_path / "a.md", "co" + " " * 100_000 + "-" * 100_000 + " -" * 100_000
          + " y\n\nWe co-x it.\n")
    run = plainlint(["check", "--no-cache", "--select", "jargon", "a.md"], tmp_path,
                    timeout=120)
    assert_clean(run)
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines()[0].startswith("a.md:3:4: warning [jargon]")


def test_a_glob_with_many_wildcards_is_matched_in_linear_time(tmp_path: Path) -> None:
    """``*a*a*a*a*a*a*a*b`` as a regular expression backtracks for minutes on a long name of
    a's; globs are matched by stepping through the path once."""
    name = "a" * 200 + ".md"
    write(tmp_path / name, JARGON)
    write(tmp_path / "plainlint.toml", 'exclude = ["*a*a*a*a*a*a*a*a*a*a*b"]\n')
    run = plainlint(["check", "--no-cache", "--select", "jargon", "--exclude",
                     "**/*a*a*a*a*a*a*a*a*a*a*a*a*c", name], tmp_path, timeout=120)
    assert_clean(run)
    assert run.returncode == 1
    assert sum(line.startswith(f"{name}:1:") for line in run.stdout.splitlines()) == 4


def test_everything_the_suite_costs(hostile: Hostile) -> None:
    """Not a speed test: a record of what the shared run cost, shown with ``-rP``."""
    print(f"hostile run: {hostile.seconds:.1f} s wall, peak {hostile.run.peak_mb:.0f} MB")
    assert hostile.run.peak_mb > 0
