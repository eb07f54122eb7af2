"""The pre-commit hooks, run by the real pre-commit tool against this checkout.

pre-commit installs plainlint from the checkout into an environment of its own (from PyPI: it
takes a minute or two the first time), so these tests share one snapshot of the checkout and
one pre-commit home.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.gitrepo import GIT_ENV, Repo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str]]:
    """A committed snapshot of this checkout as it is now (with any uncommitted work), so
    pre-commit installs it once and every test reuses that environment."""
    tmp = tmp_path_factory.mktemp("precommit")
    snapshot = Repo(tmp / "plainlint")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=REPO, capture_output=True,
                            check=True).stdout.split(b"\0")
    for raw in listed:
        if not raw:
            continue
        rel = os.fsdecode(raw)
        src = REPO / rel
        if src.is_file():
            dest = snapshot.root / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    rev = snapshot.commit("snapshot")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp / "home"),
           "PRE_COMMIT_COLOR": "never", "HOME": str(tmp)}
    for key in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "VIRTUAL_ENV"):
        env.pop(key, None)
    return snapshot.root, rev, env


def pre_commit(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def git(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)


def content_repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "content")
    repo.write("README.md", "Our team writes these pages.\n")
    repo.commit("start")
    return repo


def test_try_repo_blocks_jargon_and_passes_clean_text(hooks, tmp_path: Path) -> None:
    source, rev, env = hooks
    repo = content_repo(tmp_path)
    repo.write("docs/care.md", "# Care\n\nWe will engage stakeholders going forward.\n")
    repo.git("add", "docs/care.md")
    run = pre_commit(["try-repo", str(source), "plainlint", "--ref", rev], repo.root, env)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "plainlint (plain language)" in run.stdout and "Failed" in run.stdout
    assert "docs/care.md:3:16: warning [jargon] “stakeholders” is jargon" in run.stdout

    repo.write("docs/care.md", "# Care\n\nFrom April we will talk to residents.\n")
    repo.git("add", "docs/care.md")
    run = pre_commit(["try-repo", str(source), "plainlint", "--ref", rev], repo.root, env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Passed" in run.stdout


def test_installed_hooks_block_a_commit(hooks, tmp_path: Path) -> None:
    """The README's .pre-commit-config.yaml, installed as a git hook: a commit that adds
    jargon is refused; a clean one goes through. The changed-lines hook lets an edit to an
    old page through while that page still has old jargon elsewhere."""
    source, rev, env = hooks
    repo = content_repo(tmp_path)
    repo.write(".pre-commit-config.yaml", f"""repos:
  - repo: {source}
    rev: {rev}
    hooks:
      - id: plainlint
        exclude: ^legacy/
      - id: plainlint-changed-lines
        files: ^legacy/
""")
    repo.write("legacy/old.md", "# Old page\n\nOur stakeholders said so.\n")
    repo.commit("config and an old page")
    install = pre_commit(["install"], repo.root, env)
    assert install.returncode == 0, install.stderr

    def commit(message: str) -> subprocess.CompletedProcess:
        git(["add", "-A"], repo.root, env)
        return git(["commit", "-m", message], repo.root, env)

    count = repo.git("rev-list", "--count", "HEAD")
    repo.write("docs/new.md", "We will engage stakeholders.\n")
    blocked = commit("add jargon")
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert "docs/new.md:1:16: warning [jargon]" in output
    assert repo.git("rev-list", "--count", "HEAD") == count

    repo.write("docs/new.md", "We will talk to residents.\n")
    allowed = commit("clean page")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr

    repo.write("legacy/old.md", "# Old page\n\nOur stakeholders said so.\n\nOpen on Monday.\n")
    edit = commit("edit an old page without new jargon")
    assert edit.returncode == 0, edit.stdout + edit.stderr

    repo.write("legacy/old.md", "# Old page\n\nOur stakeholders said so.\n\nOpen on Monday "
                                "going forward.\n")
    new_jargon = commit("new jargon in an old page")
    assert new_jargon.returncode != 0
    assert "legacy/old.md:5:16: warning [jargon] “going forward”" in (
        new_jargon.stdout + new_jargon.stderr)
    assert "stakeholders" not in new_jargon.stdout + new_jargon.stderr


def test_changed_lines_hook_lets_an_improvement_through(hooks, tmp_path: Path) -> None:
    """A commit that makes a hard page simpler, but not yet simple enough, is not refused for
    the page's reading age: it is shown as a note. One that makes it harder is refused."""
    from tests.test_diff_base import HARD_PAGE, HARDER_FIRST, SIMPLER_FIRST

    source, rev, env = hooks
    repo = content_repo(tmp_path)
    repo.write(".pre-commit-config.yaml", f"""repos:
  - repo: {source}
    rev: {rev}
    hooks:
      - id: plainlint-changed-lines
        args: [--select, reading-age]
""")
    repo.write("docs/heating.md", HARD_PAGE)
    repo.commit("a hard page, before the hook")
    assert pre_commit(["install"], repo.root, env).returncode == 0

    def commit(message: str) -> subprocess.CompletedProcess:
        git(["add", "-A"], repo.root, env)
        return git(["commit", "-m", message], repo.root, env)

    repo.write("docs/heating.md", SIMPLER_FIRST)
    simpler = commit("a simpler first sentence")
    output = simpler.stdout + simpler.stderr
    assert simpler.returncode == 0, output
    repo.write("docs/heating.md", HARDER_FIRST)
    harder = commit("a harder first sentence")
    output = harder.stdout + harder.stderr
    assert harder.returncode != 0, output
    assert "warning [reading-age] This document has a reading age of" in output
    assert ": worse)" in output
