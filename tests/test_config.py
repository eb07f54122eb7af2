"""Configuration: discovery from the linted file upwards, validation, overrides, accept."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import json_out, write

JARGON = "We will invite stakeholders going forward.\n"


def rules_found(result) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f["rule"], f["text"]) for file in json_out(result)["files"]
            for f in file["findings"]]


def test_nearest_config_wins_per_file(cli, tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.plainlint]\naccept = ["going forward"]\n')
    write(tmp_path / "a/one.md", JARGON)
    write(tmp_path / "a/b/plainlint.toml", 'accept = ["stakeholder"]\n')
    write(tmp_path / "a/b/two.md", JARGON)
    r = cli("check", "--format", "json", "a")
    files = {f["path"]: [x["text"] for x in f["findings"]] for f in json_out(r)["files"]}
    assert files == {"a/one.md": ["stakeholders"], "a/b/two.md": ["going forward"]}


def test_pyproject_without_table_is_skipped(cli, tmp_path: Path) -> None:
    write(tmp_path / ".plainlint.toml", '[tool.plainlint]\nignore = ["jargon"]\n')
    write(tmp_path / "sub/pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "sub/a.md", JARGON)
    assert rules_found(cli("check", "--format", "json", "sub/a.md")) == []


def test_config_option_overrides_discovery(cli, tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", 'ignore = ["jargon"]\n')
    write(tmp_path / "other.toml", '[tool.plainlint]\nselect = ["jargon"]\n')
    write(tmp_path / "a.md", JARGON)
    assert rules_found(cli("check", "--format", "json", "a.md")) == []
    found = rules_found(cli("check", "--format", "json", "--config", "other.toml", "a.md"))
    assert [r for r, _ in found] == ["jargon", "jargon"]


def test_unknown_key_warns_and_names_it(cli, tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", 'selekt = ["jargon"]\n')
    write(tmp_path / "a.md", JARGON)
    r = cli("check", "a.md")
    assert r.exit_code == 1
    assert f"plainlint: warning: {tmp_path / 'plainlint.toml'}: unknown setting 'selekt'" in (
        r.stderr)


def test_invalid_values_exit_2_naming_file_and_key(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", JARGON)
    cases = {
        'select = "jargon"\nfail-on = "loud"\n': "fail-on",
        'select = 3\n': "select",
        '[severity]\njargon = "severe"\n': "severity.jargon",
        '[rules.long-words]\nmax = 3\n': "rules",
        'ignore = ["no-such-rule"]\n': "ignore",
        'glossary = ["missing.yaml"]\n': "glossary",
        'max-file-size-mb = "big"\n': "max-file-size-mb",
        "this is = not toml =\n": "not valid TOML",
    }
    for text, key in cases.items():
        write(tmp_path / "plainlint.toml", text)
        r = cli("check", "a.md")
        assert r.exit_code == 2, text
        assert r.stderr.startswith(f"plainlint: error: {tmp_path / 'plainlint.toml'}: "), r.stderr
        assert key in r.stderr, (text, r.stderr)
        assert "Traceback" not in r.stderr


def test_rule_option_type_is_checked(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", JARGON)
    write(tmp_path / "plainlint.toml", "[rules.jargon]\nmax = 3\n")
    r = cli("check", "a.md")
    assert r.exit_code == 2
    assert "rules.jargon: unknown option 'max'" in r.stderr


def test_severity_and_overrides_by_glob(cli, tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", (
        '[severity]\njargon = "error"\n\n'
        '[[overrides]]\npaths = ["legal/**"]\nignore = ["jargon"]\n\n'
        '[[overrides]]\npaths = ["*.txt"]\naccept = ["stakeholders"]\n'
    ))
    write(tmp_path / "a.md", JARGON)
    write(tmp_path / "legal/b.md", JARGON)
    write(tmp_path / "c.txt", JARGON)
    data = json_out(cli("check", "--format", "json", "."))
    files = {f["path"]: [(x["severity"], x["text"]) for x in f["findings"]]
             for f in data["files"]}
    assert files["a.md"] == [("error", "stakeholders"), ("error", "going forward")]
    assert files["legal/b.md"] == []
    assert files["c.txt"] == [("error", "going forward")]


def test_accept_silences_a_term_in_every_form(cli, tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", 'accept = ["co-production", "stakeholder"]\n')
    write(tmp_path / "a.md", "Coproduction and co production with Stakeholders.\n")
    assert rules_found(cli("check", "--format", "json", "a.md")) == []


def test_exclude_in_config(cli, tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", 'exclude = ["drafts/", "*.min.html"]\n')
    write(tmp_path / "drafts/a.md", JARGON)
    write(tmp_path / "b.min.html", f"<p>{JARGON}</p>")
    write(tmp_path / "c.md", JARGON)
    data = json_out(cli("check", "--format", "json", "."))
    assert [f["path"] for f in data["files"]] == ["c.md"]
    # A file named on the command line is excluded too (as pre-commit passes every file).
    r = cli("check", "--format", "json", "drafts/a.md", "c.md")
    assert [f["path"] for f in json_out(r)["files"]] == ["c.md"]


def test_fail_on_in_config(cli, tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", 'fail-on = "error"\n')
    write(tmp_path / "a.md", JARGON)
    assert cli("check", "a.md").exit_code == 0
    assert cli("check", "--fail-on", "warning", "a.md").exit_code == 1


def test_team_glossary_file(cli, tmp_path: Path) -> None:
    write(tmp_path / "terms/ours.yaml", (
        "rule: jargon\ncategory: team\nentries:\n"
        "  - term: blue-badge scheme\n    inflect: noun\n"
        "    explanation: A parking permit for disabled people.\n"
        "    alternatives: [Blue Badge]\n"
    ))
    write(tmp_path / "plainlint.toml", 'glossary = ["terms/ours.yaml"]\n')
    write(tmp_path / "a.md", "Apply for the blue badge schemes today.\n")
    found = rules_found(cli("check", "--format", "json", "a.md"))
    # explain-term also asks for "blue badge" to be explained, on the same words.
    assert ("jargon", "blue badge schemes") in found


def test_glossary_yaml_error_names_file_and_line(cli, tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", "rule: jargon\nentries:\n  - term: x\n    explanation: [oops\n")
    write(tmp_path / "plainlint.toml", 'glossary = ["bad.yaml"]\n')
    write(tmp_path / "a.md", JARGON)
    r = cli("check", "a.md")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"plainlint: error: {tmp_path / 'bad.yaml'}:5: YAML error")


def test_family_selection(cli, tmp_path: Path) -> None:
    write(tmp_path / "plainlint.toml", 'select = ["plain-language"]\nignore = ["latin"]\n')
    write(tmp_path / "a.md", "The elderly utilise stakeholders, e.g. carers.\n")
    rules = {r for r, _ in rules_found(cli("check", "--format", "json", "a.md"))}
    assert rules == {"jargon", "plain-words"}
