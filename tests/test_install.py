"""A built wheel, installed (not editable) into a fresh virtual environment, works from any
folder: the rules, glossary and report templates travel inside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    (wheel,) = dist.glob("plainlint-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps",
                    "--disable-pip-version-check", str(wheel)], check=True)
    # The dependencies (spaCy and its English pipeline ...) come from this environment, added
    # after the new venv's own site-packages, so the wheel's plainlint is the one imported.
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_wheel_contains_data_and_runs_from_elsewhere(wheel_venv: Path, tmp_path: Path) -> None:
    py = wheel_venv / "bin" / "python"
    where = subprocess.run(
        [str(py), "-c", "import plainlint, plainlint.resources as r; "
         "print(plainlint.__file__); print(r.rules_dir()); print(r.glossary_dir()); "
         "print(r.reports_dir())"],
        cwd=tmp_path, check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    for line in where:
        assert line.startswith(str(wheel_venv)), where
    assert where[1].endswith("plainlint/_data/rules")

    page = tmp_path / "elsewhere" / "page.md"
    page.parent.mkdir()
    page.write_text("We will invite stakeholders going forward.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run([str(wheel_venv / "bin" / "plainlint"), "check", "--format", "json",
                          "page.md"], cwd=page.parent, capture_output=True, text=True, env=env)
    assert run.returncode == 1, run.stderr
    data = json.loads(run.stdout)
    assert [f["text"] for f in data["files"][0]["findings"]] == ["stakeholders", "going forward"]
    assert data["files"][0]["metrics"]["framing"]["sentences"] == 1  # rules/framing/ is packed
    rules = subprocess.run([str(wheel_venv / "bin" / "plainlint"), "rules"], cwd=tmp_path,
                           capture_output=True, text=True, env=env)
    assert rules.returncode == 0 and "jargon" in rules.stdout


def test_wheel_carries_the_workbench_page(wheel_venv: Path, tmp_path: Path) -> None:
    """`plainlint serve`'s templates, script and style travel inside the wheel."""
    py = wheel_venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run(
        [str(py), "-c", "from plainlint.serve.app import static_files; "
         "from plainlint.serve.views import environment; "
         "print(sorted(static_files())); print(environment().get_template("
         "'workbench.html.j2').filename)"],
        cwd=tmp_path, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    names, template = run.stdout.splitlines()
    assert names == "['report.css', 'workbench.css', 'workbench.js']"
    assert template.startswith(str(wheel_venv))
