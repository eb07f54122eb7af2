"""Every file plainlint writes is written whole or not at all.

Each writer (reports with --output, HTML reports, baselines, fix, annotate, the results cache)
runs in a real process that is stopped half-way through writing: the test hook in
`plainlint.fsutil` (``PLAINLINT_TEST_WRITE_PAUSE``) writes half of the new bytes to the
temporary file and waits, and the test sends SIGINT, SIGTERM or SIGKILL. Afterwards the file
being replaced holds exactly what it held before, and the temporary file is gone: SIGINT and
SIGTERM are caught and clean up; SIGKILL cannot be caught and leaves the temporary file
(``.NAME.XXXXXXXX.tmp``) next to the untouched original, which the next run ignores. A full
disk is a write that fails with EFBIG under RLIMIT_FSIZE: one error line, the original intact,
no temporary file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import write
from tests.hostile import assert_clean, env_for, limits, plainlint

DOC = "We will utilise the hall prior to the meeting with stakeholders going forward.\n"
OTHER = "Residents told us the leisure centre should open earlier.\n"
OLD = b"the previous contents, which must survive\n"


@dataclass
class Writer:
    """One command that writes a file: its arguments and the file it replaces."""

    args: list[str]
    target: str  # relative to the folder the command runs in
    pattern: str  # the glob for the pause hook: the file name being written
    exit_ok: int  # the exit code of a run that is not interrupted


def _cache_entries(root: Path) -> dict[str, bytes]:
    folder = root / ".plainlint_cache" / "v1"
    return {p.name: p.read_bytes() for p in folder.rglob("*.result")} if folder.exists() else {}


def _setup(name: str, tmp: Path, word_report: Path) -> Writer:
    write(tmp / "doc.md", DOC)
    if name == "report":
        write(tmp / "report.json", OLD)
        return Writer(["check", "--no-cache", "--select", "jargon", "--format", "json", "-o",
                       "report.json", "doc.md"], "report.json", "report.json", 1)
    if name == "html-report":
        write(tmp / "report.html", OLD)
        return Writer(["check", "--no-cache", "--select", "jargon", "--format", "html", "-o",
                       "report.html", "doc.md"], "report.html", "report.html", 1)
    if name == "report-folder":
        write(tmp / "site" / "index.html", OLD)
        write(tmp / "site" / "doc-md.html", OLD)
        return Writer(["report", "-q", "--select", "jargon", "-o", "site", "doc.md"],
                      "site", "doc-md.html", 0)
    if name == "baseline":
        # A real baseline to be replaced (an unreadable one is refused before anything runs).
        write(tmp / "old.md", OTHER.replace("told us", "told us, going forward,"))
        first = plainlint(["baseline", "--select", "jargon", "-o", "baseline.json", "old.md"],
                          tmp)
        assert first.returncode == 0, first.stderr
        return Writer(["baseline", "--select", "jargon", "-o", "baseline.json", "doc.md"],
                      "baseline.json", "baseline.json", 0)
    if name == "fix":
        return Writer(["fix", "--select", "plain-words", "doc.md"], "doc.md", "doc.md", 0)
    if name == "annotate":
        (tmp / "report.docx").write_bytes(word_report.read_bytes())
        write(tmp / "report-plainlint.docx", OLD)
        return Writer(["annotate", "--select", "jargon", "report.docx", "-o",
                       "report-plainlint.docx"], "report-plainlint.docx",
                      "report-plainlint.docx", 0)
    if name == "cache":
        # One entry already cached (it must survive); the run adds one for other.md.
        write(tmp / "other.md", OTHER + "We will leverage it.\n")
        first = plainlint(["check", "--select", "jargon", "doc.md"], tmp)
        assert first.returncode == 1, first.stderr
        return Writer(["check", "--select", "jargon", "doc.md", "other.md"], ".plainlint_cache",
                      "*.result", 1)
    raise AssertionError(name)


WRITERS = ["report", "html-report", "report-folder", "baseline", "fix", "annotate", "cache"]


def _snapshot(tmp: Path, writer: Writer) -> object:
    if writer.target == ".plainlint_cache":
        return _cache_entries(tmp)
    if writer.target == "site":
        return {p.name: p.read_bytes() for p in (tmp / "site").iterdir()
                if not p.name.startswith(".")}
    return (tmp / writer.target).read_bytes()


def _temporaries(tmp: Path) -> list[Path]:
    return sorted(p for p in tmp.rglob(".*.tmp"))


def _start_paused(writer: Writer, tmp: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """Start the writer and wait until it is paused half-way through its write."""
    pause = tmp / "pause"
    pause.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "plainlint", *writer.args], cwd=tmp, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, preexec_fn=limits(),
        env=env_for({"PLAINLINT_TEST_WRITE_PAUSE": str(pause),
                     "PLAINLINT_TEST_WRITE_PAUSE_NAME": writer.pattern}),
    )
    marker = pause / f"paused-{proc.pid}"
    deadline = time.monotonic() + 180
    while not marker.exists():
        if proc.poll() is not None:
            _out, err = proc.communicate()
            pytest.fail(f"exited {proc.returncode} before writing: {err.decode()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("never reached the write")
        time.sleep(0.05)
    time.sleep(0.05)  # the marker is written, then the process sleeps
    return proc, Path(marker.read_text())


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL],
                         ids=["SIGINT", "SIGTERM", "SIGKILL"])
@pytest.mark.parametrize("name", WRITERS)
def test_a_write_interrupted_half_way_leaves_the_original(name: str, sig: signal.Signals,
                                                          tmp_path: Path,
                                                          word_report: Path) -> None:
    writer = _setup(name, tmp_path, word_report)
    before = _snapshot(tmp_path, writer)
    proc, tmp_file = _start_paused(writer, tmp_path)
    assert tmp_file.exists() and tmp_file.name.endswith(".tmp")
    assert tmp_file.stat().st_size > 0  # half of the new content is in it
    assert _snapshot(tmp_path, writer) == before
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    stderr = err.decode()
    assert _snapshot(tmp_path, writer) == before, "the original changed"
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
        # Nothing can run after SIGKILL: the temporary file stays, the original is whole.
        assert _temporaries(tmp_path) == [tmp_file]
        tmp_file.unlink()
    else:
        assert proc.returncode == 128 + sig, stderr
        assert "Traceback" not in stderr
        assert stderr.splitlines()[-1] == (
            f"plainlint: error: interrupted ({sig.name}); files being written were left as "
            "they were")
        assert _temporaries(tmp_path) == []
    # The next run, uninterrupted, writes the file whole.
    again = plainlint(writer.args, tmp_path)
    assert again.returncode == writer.exit_ok, again.stderr
    assert_clean(again)
    after = _snapshot(tmp_path, writer)
    assert after != before
    if name == "report":
        assert json.loads(after)["files"][0]["path"] == "doc.md"  # type: ignore[arg-type]
    if name == "cache":
        assert set(before) < set(after) and all(after[k] == v for k, v in before.items())  # type: ignore[index,attr-defined]


FULL_DISK_ERRORS = {
    "report": "plainlint: error: report.json: cannot write the report (File too large)",
    "html-report": "plainlint: error: report.html: cannot write the report (File too large)",
    "baseline": "plainlint: error: baseline.json: cannot write the baseline (File too large)",
    "report-folder": "File too large",
    "fix": "plainlint: error: doc.md: could not write the fixes (File too large); the file is "
           "unchanged",
    "annotate": "cannot write report-plainlint.docx: File too large",
}


@pytest.mark.parametrize("name", WRITERS)
def test_a_full_disk_leaves_the_original_and_says_so(name: str, tmp_path: Path,
                                                     word_report: Path) -> None:
    """RLIMIT_FSIZE makes every write past 16 bytes fail with EFBIG, as a full disk fails it
    with ENOSPC: the same path through plainlint."""
    writer = _setup(name, tmp_path, word_report)
    before = _snapshot(tmp_path, writer)
    run = plainlint(writer.args, tmp_path, preexec=limits(fsize=16))
    assert_clean(run)
    assert _snapshot(tmp_path, writer) == before
    assert _temporaries(tmp_path) == []
    if name == "cache":
        # The cache is never fatal: the check is reported, nothing new is cached.
        assert run.returncode == 1 and run.stderr == ""
        assert "other.md:2:9: warning [jargon]" in run.stdout
        return
    assert run.returncode == 2, run.stderr
    assert len(run.errors) == 1 and FULL_DISK_ERRORS[name] in run.errors[0], run.stderr


def test_a_symlink_is_written_through_and_keeps_its_mode(tmp_path: Path) -> None:
    """fix on a file reached through a symbolic link changes the file, and the link stays a
    link; the file keeps its permissions."""
    real = write(tmp_path / "real" / "doc.md", DOC)
    real.chmod(0o640)
    os.symlink("real/doc.md", tmp_path / "link.md")
    run = plainlint(["fix", "--select", "plain-words", "link.md"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "link.md").is_symlink()
    assert real.read_text() == DOC.replace("utilise", "use").replace("prior to", "before")
    assert real.stat().st_mode & 0o777 == 0o640
    assert _temporaries(tmp_path) == []


def test_the_cache_signing_key_is_never_readable_by_others(tmp_path: Path) -> None:
    """The key that signs cache entries (a forged entry would be unpickled) has mode 600 (set
    on the temporary file, before it is renamed into place)."""
    write(tmp_path / "doc.md", DOC)
    run = plainlint(["check", "--select", "jargon", "doc.md"], tmp_path,
                    env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert run.returncode == 1, run.stderr
    key = tmp_path / "xdg" / "plainlint" / "cache-key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert len(key.read_bytes()) == 32
    assert _temporaries(tmp_path) == []
