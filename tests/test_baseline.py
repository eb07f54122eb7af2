"""Fingerprints and baselines: known findings stay known when lines move; new ones show."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from plainlint.api import check_text
from plainlint.fingerprint import context, fingerprints, identities
from tests.conftest import json_out, write

PAGE = """# Adult social care

We will invite stakeholders going forward.

- Ask our key partners.
- Our holistic team can help.
- Please utilise the online form.

<!-- a comment -->
The elderly can ask for help.
"""


def fps(text: str, fmt: str = "markdown") -> list[str]:
    return fingerprints(check_text(text, fmt=fmt))


# -- fingerprints -------------------------------------------------------------------------

def test_context_is_the_words_around_within_the_block() -> None:
    src = "# Title\n\nWe will **invite** stakeholders going\nforward with [you](https://x.org/a).\n"
    start = src.index("stakeholders")
    assert context(src, start, start + len("stakeholders")) == (
        "we will invite | going forward with you")
    # A blank line, a list item or an HTML block ends the context.
    src = "Intro words here.\n\n- one stakeholders two\n- three\n"
    start = src.index("stakeholders")
    assert context(src, start, start + 12) == "one | two"
    src = "<p>Alpha beta</p><p>gamma <b>stakeholders</b> delta</p>"
    start = src.index("stakeholders")
    assert context(src, start, start + 12) == "gamma | delta"


def test_fingerprints_ignore_moved_lines_and_rewrapping() -> None:
    before = fps(PAGE)
    assert len(before) == len(set(before)) == 6
    moved = PAGE.replace("# Adult social care\n", "# Adult social care\n\nA new first "
                         "paragraph.\n\nAnd another one.\n")
    assert fps(moved) == before
    rewrapped = PAGE.replace("invite stakeholders going forward.", "invite\nstakeholders\n"
                             "going   forward.")
    assert fps(rewrapped) == before
    emphasised = PAGE.replace("invite stakeholders", "invite **stakeholders**")
    assert fps(emphasised) == before


def test_fingerprints_change_when_the_words_around_change() -> None:
    before = fps(PAGE)
    after = fps(PAGE.replace("We will invite stakeholders", "We shall consult stakeholders"))
    changed = [a != b for a, b in zip(after, before, strict=True)]
    assert changed[0] is True  # stakeholders: its sentence was reworded
    assert changed[2:] == [False] * 4  # other blocks untouched


def test_repeated_findings_get_their_own_identities() -> None:
    # plain-words reports every occurrence (jargon reports a term once per document).
    text = "Utilise the form.\n\nUtilise the form.\n"
    ids = identities(check_text(text, fmt="markdown"))
    assert [i.occurrence for i in ids] == [0, 1]
    assert ids[0].fingerprint != ids[1].fingerprint
    assert ids[0].text == "utilise" and ids[0].context == ids[1].context


# -- the baseline command and --baseline ---------------------------------------------------

def test_baseline_round_trip(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", PAGE)
    write(tmp_path / "docs/b.txt", "Please utilise the form.\n")
    r = cli("baseline", "docs", "-o", "plainlint-baseline.json")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "Recorded 7 findings in 2 files to plainlint-baseline.json.\n"
    r = cli("check", "--baseline", "plainlint-baseline.json", "docs")
    assert r.exit_code == 0
    *measures, last = r.stdout.splitlines()
    assert last == "2 files checked: no findings. 7 known findings in the baseline left out."
    # Above it, only the documents' measures (framing, readability): no finding is shown.
    assert all(re.match(r"docs/a\.md: (framing|readability): ", line) for line in measures)


def test_baseline_file_is_stable_sorted_and_one_finding_a_line(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", PAGE)
    write(tmp_path / "docs/b.txt", "Please utilise the form.\n")
    cli("baseline", "docs", "-o", "base.json")
    first = (tmp_path / "base.json").read_text()
    data = json.loads(first)
    assert data["plainlint-baseline"] == 1
    assert list(data["files"]) == ["docs/a.md", "docs/b.txt"]
    entries = data["files"]["docs/a.md"]
    assert [(e["rule"], e["text"]) for e in entries] == sorted((e["rule"], e["text"])
                                                               for e in entries)
    assert set(entries[0]) == {"fingerprint", "rule", "text", "context"}
    lines = first.splitlines()
    assert sum(1 for line in lines if line.strip().startswith('{"fingerprint"')) == 7
    # Moving lines and re-running gives the same bytes: nothing in it depends on a line.
    write(tmp_path / "docs/a.md", "Intro.\n\n" + PAGE + "\nA closing line.\n")
    cli("baseline", "docs", "-o", "base.json")
    assert (tmp_path / "base.json").read_text() == first
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_edits_above_do_not_resurrect_known_findings(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    cli("baseline", "a.md", "-o", "base.json")
    edited = PAGE.replace("# Adult social care\n", "# Adult social care\n\nWe changed this "
                          "page in May.\n\nIt is shorter now.\n")
    edited = edited.replace("We will invite stakeholders going forward.",
                            "We will invite\nstakeholders going forward.")
    edited += "\nWe will utilise your views.\n"  # one new finding
    write(tmp_path / "a.md", edited)
    r = cli("check", "--baseline", "base.json", "--format", "json", "a.md")
    data = json_out(r)
    assert [f["text"] for f in data["files"][0]["findings"]] == ["utilise"]
    assert data["filters"]["baseline"] == {"file": "base.json", "entries": 6, "hidden": 6,
                                           "stale": 0}
    assert r.exit_code == 0  # a suggestion does not fail the run


def test_a_second_copy_of_a_known_finding_is_new(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "Utilise the form.\n")
    cli("baseline", "a.md", "-o", "base.json")
    write(tmp_path / "a.md", "Utilise the form.\n\nUtilise the form.\n")
    data = json_out(cli("check", "--baseline", "base.json", "--format", "json", "a.md"))
    assert [f["line"] for f in data["files"][0]["findings"]] == [3]


def test_fixed_findings_are_reported_as_stale(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    cli("baseline", "a.md", "-o", "base.json")
    write(tmp_path / "a.md", PAGE.replace("Please utilise", "Please use"))
    r = cli("check", "--baseline", "base.json", "a.md")
    assert r.exit_code == 0
    assert ("5 known findings in the baseline left out; 1 baseline entry no longer match "
            "(fixed or reworded): refresh it with plainlint baseline.") in r.stdout


def test_baseline_paths_are_relative_to_the_baseline_file(cli, tmp_path: Path,
                                                          monkeypatch) -> None:
    write(tmp_path / "site/docs/a.md", PAGE)
    monkeypatch.chdir(tmp_path / "site")
    cli("baseline", "docs", "-o", "../ci/base.json")
    data = json.loads((tmp_path / "ci/base.json").read_text())
    assert list(data["files"]) == ["../site/docs/a.md"]
    monkeypatch.chdir(tmp_path / "site/docs")
    r = cli("check", "--baseline", "../../ci/base.json", "a.md")
    assert r.exit_code == 0 and "6 known findings" in r.stdout


def test_refreshing_part_of_a_baseline_keeps_the_rest(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", PAGE)
    write(tmp_path / "news/b.md", "Please utilise the form.\n")
    cli("baseline", "docs", "news", "-o", "base.json")
    write(tmp_path / "docs/a.md", "Clean now.\n")
    r = cli("baseline", "docs", "-o", "base.json")
    assert r.stdout == ("Recorded 0 findings in 0 files to base.json (kept 1 entry for other "
                        "files).\n")
    data = json.loads((tmp_path / "base.json").read_text())
    assert list(data["files"]) == ["news/b.md"]


def test_unreadable_file_keeps_its_known_findings(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/a.md", PAGE)
    cli("baseline", "docs", "-o", "base.json")
    write(tmp_path / "docs/a.md", b"\xff\xfe\x00broken")
    r = cli("baseline", "docs/a.md", "-o", "base.json")
    assert r.exit_code == 2
    assert r.stderr.startswith("plainlint: error: docs/a.md: ")
    assert len(json.loads((tmp_path / "base.json").read_text())["files"]["docs/a.md"]) == 6


@pytest.mark.parametrize("content, message", [
    (None, "base.json: no such baseline file (make one with: plainlint baseline PATHS -o "
           "base.json)"),
    ("{not json", "base.json:1: not valid JSON"),
    ('{"files": {}}', "not a plainlint baseline"),
    ('{"plainlint-baseline": 9, "files": {}}', "baseline format 9 is not one this plainlint "
                                               "reads"),
    ('{"plainlint-baseline": 1, "files": {"a.md": [{"rule": "x"}]}}', "has an entry without"),
])
def test_bad_baseline_is_one_line(cli, tmp_path: Path, content: str | None,
                                  message: str) -> None:
    write(tmp_path / "a.md", PAGE)
    if content is not None:
        write(tmp_path / "base.json", content)
    r = cli("check", "--baseline", "base.json", "a.md")
    assert r.exit_code == 2
    (line,) = r.stderr.splitlines()
    assert line.startswith("plainlint: error: ") and message in line
    if content is not None:  # the baseline command will not overwrite what it cannot read
        r = cli("baseline", "a.md", "-o", "base.json")
        assert r.exit_code == 2 and "not overwriting it" in r.stderr
        assert (tmp_path / "base.json").read_text() == content


def test_baseline_is_written_atomically_with_ordinary_permissions(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    cli("baseline", "a.md", "-o", "base.json")
    mode = os.stat(tmp_path / "base.json").st_mode & 0o777
    assert mode & 0o644 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "base.json"]


def test_baseline_of_standard_input_is_refused(cli) -> None:
    r = cli("baseline", "-", "-o", "base.json", input="stakeholders")
    assert r.exit_code == 2 and "standard input" in r.stderr
