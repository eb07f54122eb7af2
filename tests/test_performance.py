"""What makes plainlint fast must not change what it finds.

- spaCy is imported only when a file is really checked (not for --help, rules, explain,
  glossary, or a run answered from the cache);
- the results cache gives byte-identical reports, notices every change that matters, and is
  never fatal when broken;
- ``--jobs`` gives the same report, byte for byte, as one process;
- `plainlint.fastattrs` gives every token the part of speech, tag, morphology, dependency and
  lemma spaCy's own components give;
- the fast JSON writer writes what ``json.dumps`` writes;
- work grows linearly with the size of a document (counted in function calls, not timed).

Speed itself is measured by benchmarks/run.py, never asserted here.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from plainlint import jsonout
from plainlint.api import Checker
from plainlint.cache import ResultCache
from plainlint.engine import Selection
from tests import fresh
from tests.conftest import REPO, write

PAGE = """# Help with your bins

We will engage stakeholders going forward. Residents will be assessed before a place is
allocated. Failure to pay will result in enforcement action. You must tell us if your
circumstances change.

We provide support to vulnerable families. Parents co-designed this service with us, and you
choose how your personal budget is spent.

- Bins are collected on Mondays.
- Please utilise the online form.
"""

#: A project glossary of one entry, for "bins"; the tests swap the term for "parents".
GLOSSARY = ("entries:\n  - term: bins\n    rule: plain-words\n    alternatives: [wheelie bins]\n"
            "    explanation: A test entry.\n"
            "    examples:\n      trigger: [Put out your bins.]\n      pass: [Put out the bin"
            "ding.]\n")


@pytest.fixture(autouse=True)
def _own_user_cache(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's signing key lives in the user's cache folder: give each test its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
    from plainlint import cache

    cache._signing_key.cache_clear()


def _as_another_user(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """From here on, this test signs and checks cache entries with another user's key, as a
    cache folder committed to a repository or copied from another machine would be."""
    from plainlint import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "another-user"))
    cache._signing_key.cache_clear()


def _plainlint(args: list[str], cwd: Path, env: dict[str, str] | None = None,
               probe: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a fresh interpreter. With ``probe``, the last line of
    standard error says whether spaCy was imported (`_spacy_imported`)."""
    return fresh.plainlint(args, cwd, env, "spacy" if probe else None)


def _spacy_imported(r: subprocess.CompletedProcess[str]) -> bool:
    return fresh.imported(r, "spacy")


# -- spaCy only when needed ------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["--help"], ["check", "--help"], ["rules"], ["explain", "jargon"], ["glossary"],
    ["glossary", "stakeholder"], ["--version"],
])
def test_commands_that_check_nothing_never_import_spacy(tmp_path: Path, args: list[str]) -> None:
    r = _plainlint(args, tmp_path, probe=True)
    assert r.returncode == 0, r.stderr
    assert not _spacy_imported(r)


def test_a_run_answered_from_the_cache_never_imports_spacy(tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    write(tmp_path / "b.md", PAGE.replace("bins", "parking"))
    cold = _plainlint(["check", "--format", "json", "a.md", "b.md"], tmp_path, probe=True)
    assert cold.returncode == 1, cold.stderr
    warm = _plainlint(["check", "--format", "json", "a.md", "b.md"], tmp_path, probe=True)
    assert not _spacy_imported(warm)
    assert warm.stdout == cold.stdout
    # The text summary lines of the document measures too (this process measured nothing).
    text = _plainlint(["check", "a.md", "b.md"], tmp_path, probe=True)
    assert not _spacy_imported(text)
    assert text.stdout == _plainlint(["check", "--no-cache", "a.md", "b.md"], tmp_path).stdout
    assert "framing:" in text.stdout
    # Those runs were answered by the run's manifest; without it, by the results cache.
    for args in (["--format", "json"], []):
        _forget_runs(tmp_path)
        cached = _plainlint(["check", *args, "a.md", "b.md"], tmp_path, probe=True)
        assert not _spacy_imported(cached), args
        assert cached.stdout == (warm if args else text).stdout, args
    # An edited file is checked again; the other still comes from the cache.
    write(tmp_path / "b.md", PAGE.replace("bins", "recycling"))
    edited = _plainlint(["check", "--format", "json", "a.md", "b.md"], tmp_path, probe=True)
    assert _spacy_imported(edited)
    assert json.loads(edited.stdout)["files"][0] == json.loads(cold.stdout)["files"][0]
    assert json.loads(edited.stdout)["files"][1]["findings"]


# -- the results cache ------------------------------------------------------------------------

def _entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / ".plainlint_cache").rglob("*.result"))


def _kept(root: Path, suffix: str) -> list[Path]:
    """The run manifests' files ending in ``suffix``: ``run`` (the manifests), ``findings``
    or ``report``."""
    return sorted((root / ".plainlint_cache" / "runs").glob(f"*.{suffix}"))


def _runs(root: Path) -> list[Path]:
    return _kept(root, "run")


def _forget_runs(root: Path) -> None:
    for path in _runs(root):
        path.unlink()


def test_cached_reports_are_identical_in_every_format(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    write(tmp_path / "page.html", "<h1>Bins</h1><p>We will engage stakeholders going forward."
                                  " Residents will be assessed.</p>")
    for fmt in ("json", "text", "sarif", "html", "github", "markdown"):
        cold = cli("check", "--no-cache", "--format", fmt, "a.md", "page.html").stdout
        first = cli("check", "--format", fmt, "a.md", "page.html").stdout
        warm = cli("check", "--format", fmt, "a.md", "page.html").stdout  # from the manifest
        _forget_runs(tmp_path)
        cached = cli("check", "--format", fmt, "a.md", "page.html").stdout  # from the results
        assert cold == first == warm == cached, fmt
    assert len(_entries(tmp_path)) == 2  # one per file and settings, whatever the format


def test_no_cache_reads_and_writes_nothing(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    cli("check", "--no-cache", "a.md")
    assert not (tmp_path / ".plainlint_cache").exists()
    cli("check", "a.md")
    cache_dir = tmp_path / ".plainlint_cache"
    assert len(_entries(tmp_path)) == 1
    # The folder keeps itself out of git and out of backups.
    assert (cache_dir / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert (cache_dir / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


def test_settings_and_glossary_changes_are_never_answered_from_the_cache(
        cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    everything = cli("check", "--format", "json", "a.md").stdout
    jargon_only = json.loads(cli("check", "--format", "json", "--select", "jargon", "a.md").stdout)
    assert {f["rule"] for f in jargon_only["files"][0]["findings"]} == {"jargon"}
    write(tmp_path / "pyproject.toml", '[tool.plainlint]\nignore = ["jargon"]\n')
    configured = json.loads(cli("check", "--format", "json", "a.md").stdout)
    assert "jargon" not in {f["rule"] for f in configured["files"][0]["findings"]}
    # A project glossary: its content is part of the key, so editing it is seen at once.
    write(tmp_path / "pyproject.toml",
          '[tool.plainlint]\nglossary = ["words.yaml"]\n')
    write(tmp_path / "words.yaml", GLOSSARY)
    with_bins = json.loads(cli("check", "--format", "json", "a.md").stdout)
    write(tmp_path / "words.yaml", GLOSSARY.replace("term: bins", "term: parents"))
    with_parents = json.loads(cli("check", "--format", "json", "a.md").stdout)

    def texts(data: dict) -> set[str]:  # type: ignore[type-arg]
        return {f["text"].lower() for f in data["files"][0]["findings"]
                if f["rule"] == "plain-words"}

    assert "bins" in texts(with_bins) and "parents" not in texts(with_bins)
    assert "parents" in texts(with_parents) and "bins" not in texts(with_parents)
    (tmp_path / "pyproject.toml").unlink()
    assert cli("check", "--format", "json", "a.md").stdout == everything


def test_a_corrupt_or_foreign_cache_is_ignored(cli, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "a.md", PAGE)
    good = cli("check", "--format", "json", "a.md")
    [entry] = _entries(tmp_path)
    data = entry.read_bytes()
    for broken in (b"", b"not a cache entry", data[: len(data) // 2], data[:-1] + b"x",
                   data.replace(b"plainlint-cache-1", b"plainlint-cache-0")):
        entry.write_bytes(broken)
        _forget_runs(tmp_path)  # so the run reads the broken entry, not its manifest
        again = cli("check", "--format", "json", "a.md")
        assert (again.exit_code, again.stdout, again.stderr) == (
            good.exit_code, good.stdout, good.stderr)
        assert entry.read_bytes() != broken  # checked again, and cached afresh
    # An entry signed with another user's key (a cache folder committed to a repository, or
    # copied from another machine) is not trusted: the file is checked again.
    _as_another_user(monkeypatch, tmp_path)
    checker = Checker(cache=ResultCache(tmp_path / ".plainlint_cache"))
    checker.run(["a.md"])
    assert (checker.cache.hits, checker.cache.misses) == (0, 1)  # type: ignore[union-attr]
    _forget_runs(tmp_path)  # so the next run reads the results cache, not its manifest
    checker = Checker(cache=ResultCache(tmp_path / ".plainlint_cache"))
    checker.run(["a.md"])
    assert (checker.cache.hits, checker.cache.misses) == (1, 0)  # type: ignore[union-attr]


def test_a_cache_that_cannot_be_written_is_not_fatal(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", PAGE)
    write(tmp_path / "blocked", "a file where the cache folder would go")
    good = cli("check", "--no-cache", "--format", "json", "a.md")
    r = cli("check", "--cache-dir", "blocked", "--format", "json", "a.md")
    assert (r.exit_code, r.stdout, r.stderr) == (good.exit_code, good.stdout, good.stderr)
    r = cli("check", "--format", "json", "a.md", env={"PLAINLINT_CACHE_DIR": "blocked/sub"})
    assert (r.exit_code, r.stdout, r.stderr) == (good.exit_code, good.stdout, good.stderr)


def test_the_cache_stays_under_its_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for i in range(6):
        write(tmp_path / f"p{i}.md", PAGE + f"\nPage {i}.\n")
    root = tmp_path / ".plainlint_cache"
    Checker(cache=ResultCache(root, max_bytes=10**9)).run(["."])
    sizes = [p.stat().st_size for p in _entries(tmp_path)]
    assert len(sizes) == 6
    cap = sum(sizes) // 2
    checker = Checker(cache=ResultCache(root, max_bytes=cap))
    write(tmp_path / "p6.md", PAGE + "\nA new page.\n")
    checker.run(["."])
    left = _entries(tmp_path)
    assert 0 < len(left) < 7
    assert sum(p.stat().st_size for p in left) <= cap


def test_diff_base_and_baseline_work_from_the_cache(tmp_path: Path) -> None:
    from tests.gitrepo import Repo

    repo = Repo(tmp_path / "repo")
    repo.write("a.md", PAGE)
    repo.write("b.md", PAGE)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "work")
    repo.write("a.md", PAGE + "\nWe will engage stakeholders in the co-production of it.\n")
    repo.commit("edit")
    env = {"HOME": str(tmp_path)}
    args = ["check", "--format", "json", "--diff-base", "main", "."]
    cold = _plainlint(["check", "--no-cache", *args[1:]], repo.root, env)
    warm1 = _plainlint(args, repo.root, env)
    warm2 = _plainlint(args, repo.root, env)
    assert cold.stdout == warm1.stdout == warm2.stdout
    assert json.loads(cold.stdout)["filters"]["diff_base"]["files"] == 1
    assert repo.git("status", "--porcelain") == ""  # the cache folder ignores itself


# -- the run manifest -------------------------------------------------------------------------

def _forget_results(root: Path) -> None:
    """Remove every results cache entry: a run that still gives its report was answered by
    its manifest."""
    for path in _entries(root):
        path.unlink()


def test_an_unchanged_rerun_is_answered_by_its_manifest(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "a.md", PAGE)
    write(tmp_path / "docs" / "b.md", PAGE.replace("bins", "parking"))
    args = ["check", "--format", "json", "docs"]
    cold = _plainlint(["check", "--no-cache", *args[1:]], tmp_path)
    first = _plainlint(args, tmp_path)
    assert len(_runs(tmp_path)) == 1
    _forget_results(tmp_path)
    again = _plainlint(args, tmp_path, probe=True)
    assert not _spacy_imported(again)
    assert again.stdout == first.stdout == cold.stdout and again.returncode == 1
    assert not _entries(tmp_path)  # nothing was checked, so nothing was cached
    # The result does not depend on the report's format: the same manifest makes the text.
    text = _plainlint(["check", "docs"], tmp_path)
    assert text.stdout == _plainlint(["check", "--no-cache", "docs"], tmp_path).stdout
    assert len(_runs(tmp_path)) == 1 and not _entries(tmp_path)
    # Another selection of rules is another run, with its own manifest.
    jargon = _plainlint(["check", "--select", "jargon", "docs"], tmp_path)
    assert jargon.stdout == _plainlint(["check", "--no-cache", "--select", "jargon", "docs"],
                                       tmp_path).stdout
    assert len(_runs(tmp_path)) == 2


def test_a_manifest_notices_every_change_that_matters(cli, tmp_path: Path) -> None:
    """Each change is made with the results cache emptied, so a stale manifest would show."""
    write(tmp_path / "docs" / "a.md", PAGE)
    write(tmp_path / "docs" / "b.md", PAGE.replace("bins", "parking"))
    args = ("check", "--format", "json", "docs")

    def run() -> str:
        fresh = cli("check", "--no-cache", *args[1:]).stdout
        _forget_results(tmp_path)
        got = cli(*args).stdout
        assert got == fresh
        assert cli(*args).stdout == fresh  # and again, from its new manifest
        return got

    first = run()
    # The same size and modification time, other words: the content's hash says so.
    a = tmp_path / "docs" / "a.md"
    st = a.stat()
    write(a, PAGE.replace("utilise", "utilize"))
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert a.stat().st_size == st.st_size
    second = run()
    assert second != first
    # A new file, a removed one, and one git would ignore are found by walking the folder.
    write(tmp_path / "docs" / "c.md", "We will leverage synergies going forward.\n")
    assert "c.md" in run()
    (tmp_path / "docs" / "b.md").unlink()
    assert "b.md" not in run()
    # Configuration: a new file above the documents, then an edit to it.
    write(tmp_path / "pyproject.toml", '[tool.plainlint]\nignore = ["jargon"]\n')
    assert '"jargon"' not in run()
    write(tmp_path / "pyproject.toml", '[tool.plainlint]\nignore = ["passive-voice"]\n')
    assert '"jargon"' in run()
    # A glossary file the configuration names.
    write(tmp_path / "pyproject.toml", '[tool.plainlint]\nglossary = ["words.yaml"]\n')
    write(tmp_path / "words.yaml", GLOSSARY)
    with_bins = run()
    write(tmp_path / "words.yaml", GLOSSARY.replace("term: bins", "term: parents"))
    assert run() != with_bins


def test_a_corrupt_or_foreign_manifest_is_ignored(cli, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from plainlint.manifest import _MAGIC

    write(tmp_path / "a.md", PAGE)
    good = cli("check", "--format", "json", "a.md")
    [run] = _runs(tmp_path)
    data = run.read_bytes()
    assert data.startswith(_MAGIC)
    for broken in (b"", b"not a manifest", data[: len(data) // 2], data[:-1] + b"x",
                   data.replace(_MAGIC, b"plainlint-run-0\n")):
        run.write_bytes(broken)
        _forget_results(tmp_path)
        again = cli("check", "--format", "json", "a.md")
        assert (again.exit_code, again.stdout, again.stderr) == (
            good.exit_code, good.stdout, good.stderr)
        assert len(_entries(tmp_path)) == 1  # checked again, not answered by the manifest
    # Written by another user (a cache folder copied from elsewhere): not trusted.
    _as_another_user(monkeypatch, tmp_path)
    _forget_results(tmp_path)
    checker = Checker(cache=ResultCache(tmp_path / ".plainlint_cache"))
    checker.run(["a.md"])
    assert (checker.cache.hits, checker.cache.misses) == (0, 1)  # type: ignore[union-attr]


def test_no_manifest_for_a_file_that_changed_while_it_was_read(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", PAGE)
    write(tmp_path / "b.md", PAGE)

    def edit(done: int, total: int, name: str) -> None:
        if name == "a.md":  # checked already; the manifest must not record the new text
            write(tmp_path / "a.md", PAGE + "\nWe will utilise it.\n")

    Checker(cache=ResultCache(tmp_path / ".plainlint_cache")).run(["."], progress=edit)
    assert not _runs(tmp_path)
    Checker(cache=ResultCache(tmp_path / ".plainlint_cache")).run(["."])
    assert len(_runs(tmp_path)) == 1


def test_manifests_stay_within_their_share_of_the_cap(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from plainlint import manifest

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.md", PAGE)
    for rules in ("jargon", "plain-words", "passive-voice", "long-sentence"):
        Checker(cache=ResultCache(tmp_path / ".plainlint_cache", max_bytes=10**9),
                selection=Selection(select=(rules,))).run(["a.md"])
    before = _runs(tmp_path)
    assert len(before) == 4
    # A manifest's share holds it, the findings it answers with and its reports.
    kept = sorted((tmp_path / ".plainlint_cache" / "runs").iterdir())
    assert {p.name.split(".", 1)[1] for p in kept} == {"run", "findings"}
    cap = sum(p.stat().st_size for p in kept) // 2 * manifest.SHARE  # room for about half
    Checker(cache=ResultCache(tmp_path / ".plainlint_cache", max_bytes=cap),
            selection=Selection(select=("reading-age",))).run(["a.md"])
    left = _runs(tmp_path)
    assert 1 <= len(left) < 5  # the oldest went
    everything = list((tmp_path / ".plainlint_cache" / "runs").iterdir())
    assert sum(p.stat().st_size for p in everything) <= cap // manifest.SHARE
    assert set(left) - set(before)  # the newest, this run's, was kept
    # Nothing is left of the manifests that went.
    assert {p.name.split(".", 1)[0] for p in everything} == {p.stem for p in left}


def test_a_rerun_gives_the_report_kept_beside_its_manifest(tmp_path: Path) -> None:
    """The report made from a manifest's result is kept, one per format and options; a re-run
    answered by the manifest gives it without reading the findings, byte for byte."""
    write(tmp_path / "docs" / "a.md", PAGE)
    write(tmp_path / "docs" / "b.md", PAGE.replace("bins", "parking"))
    fresh = {args: _plainlint(["check", "--no-cache", *args, "docs"], tmp_path)
             for args in (("--format", "json"), ("--format", "sarif"), ("-q",), ())}
    first = _plainlint(["check", "--format", "json", "docs"], tmp_path)
    assert len(_kept(tmp_path, "report")) == 1
    [findings] = _kept(tmp_path, "findings")
    findings.unlink()  # a run that still gives the report read the kept one
    again = _plainlint(["check", "--format", "json", "docs"], tmp_path, probe=True)
    assert not _spacy_imported(again)
    assert again.stdout == first.stdout == fresh[("--format", "json")].stdout
    assert again.returncode == first.returncode == 1
    # Another format, or other options, is another report; made from the findings, which are
    # gone here, so the run is checked again (from the results cache) and gives the same.
    for args in (("--format", "sarif"), ("-q",), ()):
        got = _plainlint(["check", *args, "docs"], tmp_path)
        assert (got.stdout, got.returncode) == (fresh[args].stdout, fresh[args].returncode)
        assert _plainlint(["check", *args, "docs"], tmp_path).stdout == fresh[args].stdout
    assert len(_kept(tmp_path, "report")) == 3  # the new manifest's (JSON's went with the old)
    # A kept report that is corrupt is ignored and made again.
    for report in _kept(tmp_path, "report"):
        report.write_bytes(report.read_bytes()[:-1] + b"x")
    for args in (("--format", "sarif"), ("-q",), ()):
        assert _plainlint(["check", *args, "docs"], tmp_path).stdout == fresh[args].stdout


def test_a_filtered_rerun_is_not_given_the_kept_report(cli, tmp_path: Path) -> None:
    """``--baseline`` is not part of a manifest's name: its run is answered by the manifest of
    the run without it, whose kept report shows every finding. The filtered result is reported
    afresh (`Checker.report` keeps no report of a filtered result)."""
    write(tmp_path / "a.md", PAGE)
    assert cli("baseline", "a.md", "-o", "base.json").exit_code == 0
    first = cli("check", "--format", "json", "a.md")
    assert len(_kept(tmp_path, "report")) == 1
    args = ("--format", "json", "--baseline", "base.json", "a.md")
    got = cli("check", *args)
    fresh = cli("check", "--no-cache", *args)
    assert (got.exit_code, got.stdout) == (fresh.exit_code, fresh.stdout)
    assert got.stdout != first.stdout
    assert len(_kept(tmp_path, "report")) == 1  # and none kept for it


def test_an_older_manifest_put_back_is_not_answered_with_newer_findings(cli, tmp_path: Path
                                                                        ) -> None:
    """Findings and reports are signed with their manifest's token: an older manifest put back
    (a cache folder restored in CI) never takes the newer run's, and is not fatal."""
    write(tmp_path / "a.md", PAGE)
    first = cli("check", "--format", "json", "a.md")
    [run] = _runs(tmp_path)
    old = run.read_bytes()
    _forget_results(tmp_path)
    write(tmp_path / "a.md", PAGE.replace("utilise", "use"))
    cli("check", "--format", "json", "a.md")  # a new manifest, findings and report
    write(tmp_path / "a.md", PAGE)
    run.write_bytes(old)  # the first run's manifest, whose findings and report are gone
    for args in (("--format", "json"), ("--format", "text")):
        got = cli("check", *args, "a.md")
        fresh = cli("check", "--no-cache", *args, "a.md")
        assert (got.exit_code, got.stdout, got.stderr) == (
            fresh.exit_code, fresh.stdout, fresh.stderr)
    assert cli("check", "--format", "json", "a.md").stdout == first.stdout


def test_plainlints_own_code_is_part_of_the_manifests_name(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """An edited source file of an editable install (same size, new time), a new one, or one
    in a subfolder gives another key; Python's own bytecode files do not."""
    from plainlint import manifest

    code = tmp_path / "plainlint"
    for name in ("manifest.py", "api.py", "kinds/framing.py"):
        write(code / name, "x = 1\n")
    monkeypatch.setattr(manifest, "__file__", str(code / "manifest.py"))
    keys = [manifest._installed()]

    def edited() -> str:
        keys.append(manifest._installed())
        return keys[-1]

    write(code / "__pycache__" / "api.cpython-311.pyc", b"bytecode")
    assert edited() == keys[0]
    framing = code / "kinds" / "framing.py"
    st = framing.stat()
    write(framing, "x = 2\n")
    os.utime(framing, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert edited() not in keys[:-1]
    write(code / "kinds" / "new.py", "")
    assert edited() not in keys[:-1]
    (code / "api.py").unlink()
    assert edited() not in keys[:-1]
    assert manifest._installed() == keys[-1]  # and nothing else moves it


# -- --jobs -----------------------------------------------------------------------------------

def test_jobs_give_the_same_report_byte_for_byte(tmp_path: Path) -> None:
    rng = random.Random(7)
    lines = [line for line in PAGE.splitlines() if line.strip() and not line.startswith("#")]
    for i in range(7):
        body = "\n\n".join(rng.sample(lines, 4))
        write(tmp_path / "docs" / f"page-{i}.md", f"# Page {i}\n\n{body}\n")
    write(tmp_path / "docs" / "empty.md", b"\x00binary")  # an error in the middle of the run
    write(tmp_path / "docs" / "notes.txt", "We will leverage our synergies going forward.\n")
    write(tmp_path / "docs" / "page.html", "<p>The elderly will be consulted.</p>")
    for fmt in ("json", "text", "sarif"):
        one = _plainlint(["check", "--no-cache", "--jobs", "1", "--format", fmt, "docs"],
                         tmp_path)
        two = _plainlint(["check", "--no-cache", "--jobs", "2", "--format", fmt, "docs"],
                         tmp_path)
        assert (one.returncode, one.stderr) == (
            2, "plainlint: error: docs/empty.md: looks like a binary file (it contains NUL "
            "bytes)\n")
        assert (two.returncode, two.stdout, two.stderr) == (
            one.returncode, one.stdout, one.stderr), fmt
    # Half from the cache, half from the workers: still the same report.
    for i in (0, 2, 4):
        _plainlint(["check", "--jobs", "1", f"docs/page-{i}.md"], tmp_path)
    mixed = _plainlint(["check", "--jobs", "2", "--format", "json", "docs"], tmp_path)
    assert mixed.stdout == _plainlint(["check", "--no-cache", "--jobs", "1", "--format", "json",
                                       "docs"], tmp_path).stdout


def test_a_worker_that_dies_loses_nothing(tmp_path: Path) -> None:
    """A worker killed mid-run (out of memory, or by someone) breaks the pool: the files it
    had not finished are checked in the main process, with one warning and no traceback, and
    the report is the one --jobs 1 gives."""
    rng = random.Random(3)
    lines = [line for line in PAGE.splitlines() if line.strip() and not line.startswith("#")]
    for i in range(12):
        write(tmp_path / "docs" / f"page-{i:02d}.md", "\n\n".join(rng.sample(lines, 5)) + "\n")
    args = ["check", "--no-cache", "--format", "json", "docs"]
    crashed = _plainlint([*args, "--jobs", "2"], tmp_path,
                         env={"PLAINLINT_TEST_WORKER_CRASH": "page-05.md"})
    one = _plainlint([*args, "--jobs", "1"], tmp_path)
    assert "Traceback" not in crashed.stderr
    assert crashed.stderr.count("plainlint: warning: a worker process stopped unexpectedly") == 1
    got, want = json.loads(crashed.stdout), json.loads(one.stdout)
    assert got["files"] == want["files"] and len(got["files"]) == 12
    assert crashed.returncode == one.returncode


def test_files_go_to_workers_in_ordered_batches() -> None:
    """Small files travel together (one task each cost more than checking it), big ones on
    their own, every file exactly once and in order, and each worker gets several tasks."""
    from plainlint.workers import batches

    tiny = batches([100] * 1000, workers=2)
    assert [i for b in tiny for i in b] == list(range(1000))
    assert all(len(b) <= 64 for b in tiny) and len(tiny) < 1000 / 8
    big = batches([500_000, 10, 10, 500_000], workers=2)
    assert big == [[0], [1, 2], [3]]
    few = batches([1000] * 8, workers=2)
    assert len(few) >= 4  # not one batch for one worker and nothing for the other


def test_jobs_keep_documents_for_html_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    monkeypatch.chdir(tmp_path)
    for i in range(3):
        write(tmp_path / f"p{i}.md", PAGE + f"\nPage {i}.\n")
    result = Checker(keep_documents=True, jobs=2).run(["."])
    assert [f.path for f in result.files] == ["p0.md", "p1.md", "p2.md"]
    assert all(f.document is not None and f.document.source.text == f.text
               for f in result.files)


# -- the same analysis, faster ----------------------------------------------------------------

def _labelled_sentences() -> list[str]:
    out = []
    for name in ("framing_labelled.tsv", "framing_heldout.tsv", "passive_voice.txt",
                 "sentence_boundaries.txt"):
        for line in (REPO / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            text = line.split("\t")[-1].strip()
            if name == "passive_voice.txt":
                text = text.split(" ", 1)[-1]
            out.append(text.replace(" \u2016 ", " "))
    return out


def test_fast_attributes_match_spacy_token_for_token() -> None:
    """Every sentence of the labelled sets, tagged and parsed: plainlint's look-ups and spaCy's
    attribute ruler and lemmatizer agree on every token."""
    import spacy

    from plainlint import nlp

    texts = _labelled_sentences()
    assert len(texts) > 500
    for level in ("parse", "tags"):
        ours = nlp.pipeline(level)
        assert "plainlint_attributes" in ours.pipe_names
        assert "attribute_ruler" not in ours.pipe_names
        exclude = ["ner"] if level == "parse" else ["ner", "parser"]
        theirs = spacy.load(nlp._model_name(), exclude=exclude)
        nlp._add_sentence_rules(theirs, level)  # the same sentences, so the same parse
        for a, b in zip(nlp.analyse(texts, level), theirs.pipe(texts), strict=True):
            got = [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i)
                   for t in a]
            want = [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i)
                    for t in b]
            assert got == want, a.text


def test_fast_json_is_json_dumps() -> None:
    rng = random.Random(3)

    def value(depth: int) -> object:
        kind = rng.randrange(9 if depth < 4 else 6)
        if kind == 0:
            return rng.choice(["", "plain", "é “quoted” \\ \" \n\t\u2028 \x00", "a" * 50])
        if kind == 1:
            return rng.randrange(-10**12, 10**12)
        if kind == 2:
            return rng.choice([0.0, -0.0, 1.5, 1e300, 2.5e-8, float("nan"), float("inf"),
                               float("-inf"), rng.random()])
        if kind == 3:
            return rng.choice([True, False, None])
        if kind in (4, 5):
            return []
        if kind == 6:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        if kind == 7:
            return tuple(value(depth + 1) for _ in range(rng.randrange(3)))
        return {rng.choice(["k", "é", "", 1, 2.5, True, None, "x\ny"]): value(depth + 1)
                for _ in range(rng.randrange(4))}

    for _ in range(500):
        v = value(0)
        assert jsonout.dumps(v) == json.dumps(v, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        jsonout.dumps({"a": object()})


# -- cost grows linearly ----------------------------------------------------------------------

_PLAIN = [
    "The library on Mill Road opens at 9am on weekdays",
    "Bins go out on the kerb by 7am on the day of collection",
    "The car park behind the town hall has 40 spaces",
    "Council tax pays for roads, schools and parks",
    "The pool closes for cleaning in the first week of August",
    "Our offices are on the second floor of the civic centre",
]
_FRAMED = [
    "Residents will be assessed before a place is allocated",
    "Failure to pay will result in enforcement action",
    "We provide support to vulnerable families",
    "Parents co-designed this service with us",
    "You must tell us if your circumstances change",
    "We will engage stakeholders going forward",
]


def _pages(size: int) -> str:
    """Council pages of about ``size`` characters: headings, lists and paragraphs, one
    sentence in twelve framed, passive or full of jargon (so the parser and the framing and
    passive rules do real work)."""
    rng = random.Random(5)
    out: list[str] = []
    n = 0
    while n < size:
        r = rng.random()
        if r < 0.1:
            block = f"## {rng.choice(_PLAIN)[:24]}\n\n"
        elif r < 0.2:
            block = "".join(f"- {rng.choice(_PLAIN)}\n" for _ in range(3)) + "\n"
        else:
            block = ". ".join(rng.choice(_FRAMED if rng.random() < 1 / 12 else _PLAIN)
                              for _ in range(4)) + ".\n\n"
        out.append(block)
        n += len(block)
    return "".join(out)


def test_work_grows_linearly_up_to_a_2_mb_document() -> None:
    """Every rule on a 2 MB document does four times the work it does on 512 KB, counted in
    Python function calls (deterministic, unlike time). A rule that compared every sentence
    with every other, or rescanned a block per match, would do 16 times the work."""
    import cProfile
    import pstats

    from plainlint.api import check_text

    check_text("Load the pipeline first. Residents will be assessed.", fmt="markdown")
    calls = {}
    found = {}
    for size in (512 * 1024, 2 * 1024 * 1024):
        text = _pages(size)
        profile = cProfile.Profile()
        profile.enable()
        result = check_text(text, fmt="markdown")
        profile.disable()
        calls[size] = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
        found[size] = {f.rule for f in result.findings}
    small, big = calls[512 * 1024], calls[2 * 1024 * 1024]
    assert {"jargon", "passive-voice", "done-to", "done-for"} <= found[2 * 1024 * 1024]
    assert big <= 4.4 * small, f"{big / small:.2f} times the work for 4 times the text"


# -- one large document on two cores ----------------------------------------------------------

def _large_page() -> str:
    """About 40,000 characters of council pages: above `engine.SPLIT_CHARS`."""
    from plainlint import engine

    text = _pages(40_000)
    assert len(text) > engine.SPLIT_CHARS
    return text


def _large_document() -> tuple[Any, Any]:
    """`_large_page` parsed as Markdown, and the default settings it is checked with."""
    from plainlint import formats
    from plainlint.document import Source

    settings = Checker().settings_for(None)
    return formats.parse(Source("long.md", _large_page()), "markdown", settings.skips), settings


def test_a_large_document_on_two_processes_gives_the_same_findings(tmp_path: Path) -> None:
    """The framing analysis of a large document made in a forked copy (`engine.ahead`) gives
    the report one process gives, byte for byte; so does a copy that fails."""
    write(tmp_path / "long.md", _large_page())
    one = _plainlint(["check", "--no-cache", "--format", "json", "--jobs", "1", "long.md"],
                     tmp_path)
    two = _plainlint(["check", "--no-cache", "--format", "json", "--jobs", "2", "long.md"],
                     tmp_path)
    assert one.returncode == two.returncode == 1, two.stderr
    assert two.stdout == one.stdout and two.stderr == one.stderr
    assert {"done-to", "done-for"} & {f["rule"] for f in json.loads(one.stdout)["files"][0][
        "findings"]}


def test_the_framing_copy_is_used_and_a_failed_one_is_not_fatal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from plainlint import engine
    from plainlint.kinds import framing

    document, settings = _large_document()
    alone = engine.check_document(document, settings)

    ctx = engine.Context(document, settings)
    engine.ahead(ctx)  # one process allowed: nothing started
    assert not ctx.shared.coming  # type: ignore[attr-defined]
    with engine.document_jobs(2):
        ctx = engine.Context(document, settings)
        engine.ahead(ctx)
        assert "framing" in ctx.shared.coming  # type: ignore[attr-defined]
        assert ctx.shared.get("framing") == framing.analyse(engine.Context(document, settings))
        assert engine.check_document(document, settings).findings == alone.findings

        # A copy that fails sends nothing: the analysis is made in this process.
        parent = os.getpid()
        real = framing.analyse

        def broken(ctx: engine.Context) -> list[framing.SentenceFraming]:
            if os.getpid() != parent:
                raise MemoryError("the copy ran out of memory")
            return real(ctx)

        monkeypatch.setattr(framing, "analyse", broken)
        ctx = engine.Context(document, settings)
        engine.ahead(ctx)
        assert "framing" in ctx.shared.coming  # type: ignore[attr-defined]
        assert ctx.shared.get("framing") is None  # nothing came back
        monkeypatch.setattr(framing, "analyse", real)
        assert engine.check_document(document, settings).findings == alone.findings

        # A check that ends before it reads the copy's answer stops the copy.
        import multiprocessing

        ctx = engine.Context(document, settings)
        engine.ahead(ctx)
        assert multiprocessing.active_children()
        ctx.shared.abandon()  # type: ignore[attr-defined]
        assert not multiprocessing.active_children()
        assert not ctx.shared.coming  # type: ignore[attr-defined]


def test_the_fit_check_reads_the_tags_whole_blocks_give() -> None:
    """`fixes.plan_all` tags only stretches around the flagged words; every tag `fit` reads
    (the flagged words and the word on each side) is the one tagging the whole block gives.
    Paragraphs of the labelled sentences, with words flagged all over them."""
    from types import SimpleNamespace

    from plainlint import fixes, nlp
    from plainlint.model import Hit, Suggestion

    sentences = _labelled_sentences()
    rng = random.Random(11)
    texts = []
    for _ in range(60):
        text = " ".join(rng.sample(sentences, rng.randrange(1, 9)))
        if rng.random() < 0.3:  # line breaks and runs of spaces, as blocks have
            text = text.replace(". ", ".\n", 2).replace(", ", ",  ", 1)
        texts.append(text)
    blocks = [SimpleNamespace(text=t) for t in texts]
    document = SimpleNamespace(blocks=blocks)
    wanted: dict[int, list[tuple[Hit, object]]] = {}
    for i, text in enumerate(texts):
        words = [m.span() for m in re.finditer(r"\w+", text)]
        for _ in range(rng.randrange(1, 4)):
            a = rng.randrange(len(words))
            b = min(len(words) - 1, a + rng.randrange(3))
            hit = Hit(i, words[a][0], words[b][1], "")
            wanted.setdefault(i, []).append((hit, SimpleNamespace(
                suggestions=(Suggestion("plain", "plain"),))))
    whole = nlp.analyse(texts, "tags")
    stretches = fixes._tag_around(document, wanted)  # type: ignore[arg-type]
    with nlp.reusing(nlp.Memo()):  # as plainlint serve tags: whole blocks, kept by text
        kept = fixes._tag_around(document, wanted)  # type: ignore[arg-type]
    for tagged in (stretches, kept):
        checked = 0
        for i, items in wanted.items():
            doc, full = tagged[i], whole[i]
            assert [t.text for t in doc] == [t.text for t in full]
            for hit, _ in items:
                before, inside, after = fixes._sentence_tokens(doc, hit.start, hit.end)
                for t in [*before[-1:], *inside, *after[:1]]:
                    assert t.tag_ == full[t.i].tag_, (texts[i], t.text)
                    checked += 1
        assert checked > 200


def test_sentences_split_alike_with_the_pipelines_tokenizer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the English pipeline is loaded its tokenizer splits sentences (`nlp._split`): it
    has a blank English pipeline's rules, and gives the same sentences."""
    import spacy

    from plainlint import nlp

    model = nlp.pipeline("parse")
    assert nlp._loaded == [model]
    blank = spacy.blank("en").tokenizer

    def regex(found: object) -> object:
        """A tokenizer's pattern by its text and flags (``re`` may hand out one compiled
        object for both, or two equal ones)."""
        pattern = getattr(found, "__self__", None)
        return (pattern.pattern, pattern.flags) if pattern is not None else found

    for name in ("prefix_search", "suffix_search", "infix_finditer", "token_match",
                 "url_match"):
        assert regex(getattr(model.tokenizer, name)) == regex(getattr(blank, name)), name
    assert model.tokenizer.rules == blank.rules
    texts = [*_labelled_sentences(), *_pages(60_000).split("\n\n"),
             "Mr. J. Smith, No. 5 High St. Mary's Road.\nTel. 01234 567890\nOpen 9 a.m. Monday."]
    via_model = [nlp._sentence_spans(t) for t in texts]
    monkeypatch.setattr(nlp, "_loaded", [])
    assert [nlp._sentence_spans(t) for t in texts] == via_model


def test_another_word_list_version_is_another_cache_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Word frequencies, word forms and syllable counts decide findings: a cached result made
    with another version of one of those packages must not be read."""
    from importlib import metadata

    from plainlint import cache

    cache.environment.cache_clear()
    before = cache.environment()
    real = metadata.version

    def other(name: str) -> str:
        return "0.0.0-other" if name == "wordfreq" else real(name)

    monkeypatch.setattr(metadata, "version", other)
    cache.environment.cache_clear()
    try:
        assert cache.environment() != before
    finally:
        monkeypatch.undo()
        cache.environment.cache_clear()
    assert cache.environment() == before


# -- facts kept between checks (the paragraph cache) -----------------------------------------

EDITED = """Young people were asked by the panel to choose the new logo. Carers will be
assessed before any respite is arranged, and the team will contact you."""


def _report(result: Any) -> tuple[Any, ...]:
    """What a report shows of a run: every finding (with its fix) and every measure."""
    return tuple((f.path, f.findings, f.metrics, f.warnings) for f in result.files)


@contextmanager
def _through_spacy(only: Callable[[], bool] = lambda: True) -> Iterator[list[str]]:
    """The texts that go through spaCy while the block runs: analysed (`nlp.stream`), tagged
    (`nlp.fine_tags`) or split into sentences (`nlp._sentence_spans`); with ``only``, those
    sent while it says so. The spies are gone after the block."""
    from plainlint import nlp

    analysed: list[str] = []
    stream, fine_tags, split = nlp.stream, nlp.fine_tags, nlp._sentence_spans

    def seen(texts: Any) -> list[Any]:
        texts = list(texts)
        if only():
            analysed.extend(t if isinstance(t, str) else t.text for t in texts)
        return texts

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(nlp, "stream", lambda texts, level, batch_size=64: stream(
            seen(texts), level, batch_size))
        patch.setattr(nlp, "fine_tags", lambda texts, batch_size=64: fine_tags(
            seen(texts), batch_size))
        patch.setattr(nlp, "_sentence_spans", lambda text: split(*seen([text])))
        yield analysed


def test_an_edited_document_is_analysed_again_only_where_it_changed(tmp_path: Path) -> None:
    """With the facts of its last check (`cache.FactStore`), an edited document goes through
    spaCy only where it changed, and its report is the one a fresh check gives."""
    page = tmp_path / "page.md"
    old = ("Parents co-designed this service with us, and you\n"
           "choose how your personal budget is spent.")
    assert old in PAGE
    write(page, PAGE)
    Checker(cache=ResultCache(tmp_path / "cache")).run([str(page)])
    write(page, PAGE.replace(old, EDITED))
    [paragraph] = [p for p in PAGE.replace(old, EDITED).split("\n\n") if EDITED in p]

    with _through_spacy() as analysed:
        warm = Checker(cache=ResultCache(tmp_path / "cache")).run([str(page)])
    assert analysed, "the edited paragraph was not analysed"
    assert all(text in paragraph for text in analysed), [
        t for t in analysed if t not in paragraph]
    fresh = Checker().run([str(page)])
    assert _report(warm) == _report(fresh)
    assert {"passive-voice", "jargon"} <= {f.rule for f in fresh.files[0].findings}


def test_other_rules_on_a_checked_file_need_no_spacy(tmp_path: Path) -> None:
    """The facts of a file do not depend on the rules or their options: a check of the same
    file with other settings (the results cache cannot answer it) finds every analysis it
    needs, so spaCy is not imported, and the report is the one a fresh check gives."""
    write(tmp_path / "a.md", PAGE)
    first = _plainlint(["check", "a.md"], tmp_path, probe=True)
    assert first.returncode == 1 and _spacy_imported(first), first.stderr
    for args in (["--ignore", "jargon"], ["--select", "passive-voice,done-to,done-for"],
                 ["--format", "json", "--preset", "staff"]):
        other = _plainlint(["check", *args, "a.md"], tmp_path, probe=True)
        assert not _spacy_imported(other), args
        fresh = _plainlint(["check", "--no-cache", *args, "a.md"], tmp_path)
        assert other.stdout == fresh.stdout, args
    # Another framing sensitivity is another fact: those sentences are classified again.
    write(tmp_path / ".plainlint.toml", '[rules.done-to]\nsensitivity = "thorough"\n')
    thorough = _plainlint(["check", "a.md"], tmp_path, probe=True)
    assert _spacy_imported(thorough)
    assert thorough.stdout == _plainlint(["check", "--no-cache", "a.md"], tmp_path).stdout


def _facts_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.facts"))


def test_damaged_or_foreign_facts_are_ignored(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.md"
    write(page, PAGE)
    Checker(cache=ResultCache(tmp_path / "cache")).run([str(page)])
    [entry] = _facts_files(tmp_path / "cache")
    good = entry.read_bytes()
    write(page, PAGE.replace("Bins are collected", "Bins are emptied"))
    fresh = _report(Checker().run([str(page)]))
    for damaged in (b"", good[:len(good) // 2], good[:-1] + bytes([good[-1] ^ 1]),
                    b"plainlint-facts-1\n" + b"\0" * 64):
        entry.write_bytes(damaged)
        assert _report(Checker(cache=ResultCache(tmp_path / "cache")).run([str(page)])) == fresh
    # Written by another user (another signing key): ignored, then replaced by this one's.
    # Ignored, every paragraph is analysed again, not only the one that changed (the report
    # and the rewritten entry would be the same had the entry been trusted).
    entry.write_bytes(good)
    _as_another_user(monkeypatch, tmp_path)
    write(page, PAGE.replace("Bins are collected", "Bins are picked up"))
    with _through_spacy() as analysed:
        warm = _report(Checker(cache=ResultCache(tmp_path / "cache")).run([str(page)]))
    assert warm == _report(Checker().run([str(page)]))
    assert [t for t in analysed if "Bins are picked up" not in t], analysed
    assert entry.read_bytes() != good


def test_a_documents_facts_follow_its_text(tmp_path: Path) -> None:
    """An entry keeps the facts of the text the document has now: those of paragraphs that
    are gone are dropped (a document edited all day does not grow its entry without end),
    and those a check with other rules found are kept through a check that needed fewer."""
    from plainlint.cache import FactStore

    page = tmp_path / "page.md"
    store = FactStore(tmp_path / "cache")
    key = store.key(str(page), "markdown")
    sizes = []
    for n in range(5):
        write(page, PAGE + "".join(f"\nParagraph {k} says that you will be assessed by us.\n"
                                   for k in range(n, n + 3)))
        Checker(cache=ResultCache(tmp_path / "cache")).run([str(page)])
        facts = store.load(key)
        sizes.append(len(facts))
        assert not [k for k, _ in facts.items() if f"Paragraph {n - 1} " in k[1]]
        assert [k for k, _ in facts.items() if f"Paragraph {n + 2} " in k[1]]
    assert max(sizes) == min(sizes), sizes

    # A paragraph added and checked with the jargon rule alone, then with every rule: the
    # facts of the rest are still there, so only the new paragraph is analysed.
    added = "We will utilise a holistic approach going forward and will assess each claim."
    write(page, page.read_text(encoding="utf-8") + "\n" + added + "\n")
    Checker(Selection(select=("jargon",)), cache=ResultCache(tmp_path / "cache")).run(
        [str(page)])
    with _through_spacy() as analysed:
        warm = Checker(cache=ResultCache(tmp_path / "cache")).run([str(page)])
    assert analysed and all(text in added for text in analysed), analysed
    assert _report(warm) == _report(Checker().run([str(page)]))


def test_the_framing_copy_sends_back_what_it_found(tmp_path: Path) -> None:
    """A large document's framing analysis made in a second process (`engine.ahead`) comes
    back with its facts, so the next check of the edited document does not parse again the
    sentences the copy parsed."""
    from plainlint.cache import FactStore

    page = tmp_path / "long.md"
    text = _large_page()
    write(page, text)
    framed = {}
    for jobs in (1, 2):
        Checker(cache=ResultCache(tmp_path / f"cache{jobs}"), jobs=jobs).run([str(page)])
        store = FactStore(tmp_path / f"cache{jobs}")
        facts = store.load(store.key(str(page), "markdown"))
        framed[jobs] = {key: value for key, value in facts.items() if key[0] == "framing"}
    assert len(framed[1]) >= len(_FRAMED) and framed[2] == framed[1]
    write(page, text.replace(".\n\n", ". Carers will be assessed by us.\n\n", 1))
    warm = Checker(cache=ResultCache(tmp_path / "cache2"), jobs=2).run([str(page)])
    assert _report(warm) == _report(Checker(jobs=1).run([str(page)]))


def test_a_fix_analyses_again_only_what_its_fixes_changed(tmp_path: Path) -> None:
    """`plainlint fix` checks the whole text after each round of fixes; with the facts of
    the rounds before, only the paragraphs its fixes changed go through spaCy again, and
    after a `plainlint check` even the first round finds its facts."""
    from plainlint.fixer import Fixer

    page = tmp_path / "page.md"
    untouched = "Your bins are emptied by our crews every week. You must keep the lid shut."
    text = PAGE + "\n" + untouched + "\n"
    write(page, text)
    expected = Fixer(Checker(), write=False).run([str(page)])
    assert expected.files[0].changed and expected.files[0].rounds >= 1

    Checker(cache=ResultCache(tmp_path / "cache")).run([str(page)])
    with _through_spacy() as analysed:
        fixed = Fixer(Checker(cache=ResultCache(tmp_path / "cache")), write=False).run(
            [str(page)])
    assert fixed.files[0].text == expected.files[0].text
    assert fixed.files[0].result == expected.files[0].result
    assert untouched in fixed.files[0].text
    assert analysed, "the changed paragraphs were not analysed"
    assert not any(untouched in t or t in untouched for t in analysed), analysed


def test_the_framing_rules_wait_for_the_copy_only_after_the_other_work(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """While the framing analysis is made in a second process, the rules that read it run
    last, after the fixes of every other finding are planned: this process does its own work
    before it waits. The findings come in the same order as from one process."""
    from plainlint import engine

    document, settings = _large_document()
    alone = engine.check_document(document, settings)
    events: list[str] = []
    plan, get = engine.plan_fixes, engine.Shared.get

    def planning(document: Any, pending: list[Any]) -> None:
        events.append(f"plan {len(pending)}")
        plan(document, pending)

    def reading(self: engine.Shared, key: str, default: Any = None) -> Any:
        if key in self.coming:
            events.append(f"wait {key}")
        return get(self, key, default)

    monkeypatch.setattr(engine, "plan_fixes", planning)
    monkeypatch.setattr(engine.Shared, "get", reading)
    with engine.document_jobs(2):
        together = engine.check_document(document, settings)
    assert together.findings == alone.findings and together.metrics == alone.metrics
    assert events[0].startswith("plan ") and events[0] != "plan 0", events
    assert events[1] == "wait framing", events


def test_the_base_version_is_measured_with_the_files_facts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``--diff-base``, the base version of a changed file is measured with the facts of
    the file's own check: only the paragraphs changed since the base go through spaCy, and
    the base's measures are the ones measured afresh."""
    from plainlint import engine
    from plainlint.changes import check_changed
    from tests.gitrepo import Repo

    old = "Your bins are emptied by our crews every week. Residents will be assessed."
    new = "Your bins are collected by our crews on Mondays. Carers will be assessed by us."
    repo = Repo(tmp_path / "repo")
    repo.write("page.md", PAGE + "\n" + old + "\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "work")
    repo.write("page.md", PAGE + "\n" + new + "\n")
    repo.commit("edit")
    monkeypatch.chdir(repo.root)
    fresh = check_changed(Checker(), ["page.md"], "main")

    measuring = [False]
    measure = engine.measure_document

    def measured(document: Any, settings: Any) -> Any:
        measuring[0] = True
        try:
            return measure(document, settings)
        finally:
            measuring[0] = False

    monkeypatch.setattr(engine, "measure_document", measured)
    with _through_spacy(only=lambda: measuring[0]) as analysed:
        run = check_changed(Checker(cache=ResultCache(tmp_path / "cache")), ["page.md"],
                            "main")
    assert run.files[0].base is not None and fresh.files[0].base is not None
    assert run.files[0].base.metrics == fresh.files[0].base.metrics
    assert run.files[0].base.metrics["framing"] and run.files[0].base.metrics["readability"]
    assert analysed and all(text in old for text in analysed), analysed


def _python_says_ok(code: str, cwd: Path) -> None:
    """Run ``code`` in a fresh interpreter; it must end by printing "ok"."""
    r = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip().endswith("ok"), r.stderr


def test_spacy_is_imported_without_its_command_line(tmp_path: Path) -> None:
    """A check imports spaCy without ``spacy.cli`` (typer, weasel, httpx ...); the command
    line can still be imported afterwards, ``spacy.info`` still works, and spaCy's registries
    find the same entry points, grouped."""
    code = (
        "import sys, warnings\n"
        "warnings.simplefilter('error')\n"
        "import catalogue\n"
        "found = catalogue.AVAILABLE_ENTRY_POINTS\n"
        "groups = {e.group for e in found} if not isinstance(found, dict) "
        "else set(dict.keys(found))\n"
        "before = {g: [(e.name, e.value) for e in found.select(group=g)] for g in groups}\n"
        "from plainlint.api import check_text\n"
        "check_text('Residents were assessed by the team before a place was offered.')\n"
        "assert 'spacy' in sys.modules\n"
        "assert not [m for m in sys.modules if m.startswith(('spacy.cli', 'weasel', 'typer'))]\n"
        "grouped = catalogue.AVAILABLE_ENTRY_POINTS\n"
        "assert type(grouped) is dict\n"
        "assert {g: [(e.name, e.value) for e in grouped.get(g, [])] for g in groups} == before\n"
        "import spacy, spacy.cli\n"
        "assert callable(spacy.cli.download) and callable(spacy.cli.info)\n"
        "assert spacy.info()['spacy_version'] == spacy.__version__\n"
        "print('ok')\n"
    )
    _python_says_ok(code, tmp_path)


def test_a_spacy_that_needs_its_command_line_is_imported_as_it_is(tmp_path: Path) -> None:
    """Should a spaCy version ask more of ``spacy.cli`` while it is imported than the
    stand-ins give, spaCy is imported as it is, with its command line, and checks work."""
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def strict(name, globals=None, locals=None, fromlist=(), level=0):\n"
        "    cli = sys.modules.get('spacy.cli')\n"
        "    package = (globals or {}).get('__package__') or ''\n"
        "    if (cli is not None and not hasattr(cli, '__file__') and package == 'spacy'\n"
        "            and name.startswith('cli')):\n"
        "        raise ImportError('this spaCy wants the real spacy.cli')\n"
        "    return real(name, globals, locals, fromlist, level)\n"
        "builtins.__import__ = strict\n"
        "from plainlint.api import check_text\n"
        "found = check_text('Residents were assessed by the team before a place was offered.')\n"
        "assert 'passive-voice' in {f.rule for f in found.findings}\n"
        "assert 'spacy.cli' in sys.modules and hasattr(sys.modules['spacy.cli'], '__file__')\n"
        "print('ok')\n"
    )
    _python_says_ok(code, tmp_path)


# -- leaving without tearing the interpreter down (cli.leave) ---------------------------------

def test_under_a_profiler_the_program_leaves_as_python_does(tmp_path: Path) -> None:
    """`cli.leave` skips the interpreter's way out, which a profiler needs to write what it
    found: under one (``python -m cProfile``, as ``benchmarks/run.py --profile`` runs it)
    plainlint ends as Python does, and the profile is written."""
    write(tmp_path / "a.md", PAGE)
    out = tmp_path / "profile.out"
    r = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "plainlint",
                        "check", "--no-cache", "a.md"], cwd=tmp_path, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr  # cProfile ends with 0 whatever the program's code
    assert "a.md:" in r.stdout and out.stat().st_size > 0


def test_the_program_leaves_with_its_exit_code_and_every_byte_written(cli, tmp_path: Path
                                                                       ) -> None:
    """The process ends itself after its atexit handlers (`plainlint.cli.leave`): the exit
    codes, the whole report (more than a pipe holds) and the files written are those of the
    click runner, which ends normally."""
    for n in range(30):
        write(tmp_path / "docs" / f"page-{n:02}.md", PAGE.replace("bins", f"bins {n}"))
    write(tmp_path / "bad" / "pyproject.toml", "[tool.plainlint]\nselect = ['no-such-rule']\n")
    write(tmp_path / "bad" / "a.md", PAGE)
    for args in (["check", "--no-cache", "--format", "json", "docs"],
                 ["check", "--no-cache", "--select", "jargon", "docs/page-00.md"],
                 ["check", "--no-cache", "bad/a.md"], ["--version"], ["check", "missing.md"],
                 ["check", "--no-cache", "--format", "sarif", "-o", "out.sarif", "docs"]):
        got = _plainlint(args, tmp_path)
        want = cli(*args)
        assert (got.returncode, got.stdout, got.stderr) == (
            want.exit_code, want.stdout, want.stderr), args
    report = _plainlint(["check", "--no-cache", "--format", "json", "docs"], tmp_path).stdout
    assert len(report) > 65536 and len(json.loads(report)["files"]) == 30
    assert json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["runs"]


def test_a_reader_that_stops_reading_is_not_an_error(tmp_path: Path) -> None:
    for n in range(30):
        write(tmp_path / f"page-{n:02}.md", PAGE)
    # A JSON report of 30 pages is more than a pipe holds.
    proc = subprocess.Popen([sys.executable, "-m", "plainlint", "check", "--no-cache",
                             "--format", "json", "."],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    proc.stderr.close()
    # 0 when the write found the reader gone, 1 (findings) when the pipe took it all first.
    assert proc.wait() in (0, 1), err
    assert first == b"{\n" and not err.strip()  # no traceback, no "Exception ignored"


def test_the_pipeline_read_over_an_empty_tokenizer_is_spacys() -> None:
    """The pipeline is loaded over an empty tokenizer (`nlp._bare_tokenizer`): its tokenizer,
    saved, is the one spaCy's own load gives, byte for byte, and so are the tokens, tags,
    lemmas and parses."""
    import spacy

    from plainlint import nlp

    ours = nlp.pipeline("parse")
    theirs = spacy.load(nlp._model_name(), exclude=["ner"])
    assert ours.config["nlp"]["tokenizer"]["@tokenizers"] == nlp.BARE_TOKENIZER
    # (The vocabulary is left out: it grows with every text either has read.)
    assert (ours.tokenizer.to_bytes(exclude=["vocab"])
            == theirs.tokenizer.to_bytes(exclude=["vocab"]))
    assert len(ours.tokenizer.rules) > 1000
    text = (PAGE + "\nDon't, can't and won't: e.g. 3pm, 10:30am, £5.50, co-production, "
            "U.K. and U.S.A., http://example.org/a?b=1 and help@example.org :) y'all.\n")
    assert [t.text for t in ours.tokenizer(text)] == [t.text for t in theirs.tokenizer(text)]
    nlp._add_sentence_rules(theirs, "parse")  # as ours has them

    def read(doc):  # type: ignore[no-untyped-def]
        return [(t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i,
                 t.is_sent_start) for t in doc]

    assert read(ours(text)) == read(theirs(text))


def test_a_session_remembers_only_what_its_last_check_used() -> None:
    """Facts kept across checks (the workbench's session, the rounds of a fix) hold at most
    ``size`` facts; what each check used is counted from that check's start, so it does not
    grow with every text the session has seen."""
    from plainlint import nlp
    from plainlint.api import check_text

    facts = nlp.Facts()
    with nlp.keeping(facts):
        check_text("Residents will be assessed by the panel before the visit.\n")
        check_text("Parking permits are issued by the team each spring.\n")
    assert facts.used and not [k for k in facts.used if "Residents" in k[1]]
    assert [k for k, _ in facts.items() if "Residents" in k[1]]  # still known, if asked
