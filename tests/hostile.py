"""Running the real command line on hostile input, in a fresh process with bounded resources.

Every run is a subprocess of ``python -m plainlint`` (importing this checkout's plainlint),
with an address-space limit and a CPU-time limit set before it starts and a wall-clock timeout
that catches a hang. Its peak resident memory (``VmHWM``) is read from ``/proc`` as it exits.
Nothing is timed against a speed target: the limits are generous and only catch a runaway.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO, line_starts_of

#: Address space a run may use: several times what a check with spaCy loaded needs (~1 GB).
MEMORY_LIMIT = 4 * 1024**3
#: CPU seconds a run may use before the kernel stops it.
CPU_LIMIT = 300

# Runs plainlint's command line, then writes its peak resident memory (kB) to the file named
# in PLAINLINT_TEST_PEAK as the process exits.
_RUNNER = """
import atexit, os, sys

def _peak():
    with open('/proc/self/status') as fh:
        kb = next(l.split()[1] for l in fh if l.startswith('VmHWM'))
    with open(os.environ['PLAINLINT_TEST_PEAK'], 'w') as out:
        out.write(kb)

atexit.register(_peak)
from plainlint.cli import main
main(sys.argv[1:], prog_name='plainlint')
"""


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("plainlint: error:")]


def env_for(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("NO_COLOR", None)
    env.update(extra or {})
    return env


def drop_root_file_access() -> None:
    """Take away the powers that let root read and list anything (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH) from the process about to start, so that file permissions apply to it
    as to anyone else. They are dropped from the capability bounding set, which the kernel
    applies when the new program starts; needs CAP_SETPCAP, which root has."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for cap in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def limits(memory: int = MEMORY_LIMIT, cpu: int = CPU_LIMIT, fsize: int | None = None,
           obey_permissions: bool = False) -> Callable[[], None]:
    """A ``preexec_fn``: resource limits; ``obey_permissions`` makes file permissions apply
    even when the tests run as root (`drop_root_file_access`)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        if fsize is not None:
            import signal

            # Past the limit a write fails with EFBIG, as on a full disk, instead of the
            # kernel's SIGXFSZ killing the process.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        if obey_permissions and os.geteuid() == 0:
            drop_root_file_access()

    return apply


def plainlint(args: Sequence[str], cwd: Path, *, timeout: float = 300,
              env: dict[str, str] | None = None, stdin: bytes | None = None,
              preexec: Callable[[], None] | None = None) -> Run:
    peak_file = cwd / f".peak-{os.getpid()}-{id(args)}"
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args], cwd=cwd, input=stdin, capture_output=True,
        timeout=timeout, env=env_for({"PLAINLINT_TEST_PEAK": str(peak_file), **(env or {})}),
        preexec_fn=preexec or limits(),
    )
    try:
        peak = int(peak_file.read_text()) / 1024
        peak_file.unlink()
    except (OSError, ValueError):
        peak = 0.0
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"),
               done.stderr.decode("utf-8", "replace"), peak)


def assert_clean(run: Run) -> None:
    """No traceback, no internal error, every line on standard error one of ours."""
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "internal error" not in run.stderr, run.stderr[-3000:]
    for line in run.stderr.splitlines():
        assert line.startswith(("plainlint: error: ", "plainlint: warning: ")), line


def assert_json_positions(text: str, findings: list[dict]) -> None:
    """The position guarantee on JSON findings: offsets inside the text, the slice equal to
    the finding's text, line and column agreeing with the offsets."""
    import bisect

    starts = line_starts_of(text)
    related = [r for f in findings for r in f.get("related", [])]  # a term's other uses
    for f in [*findings, *related]:
        assert 0 <= f["offset"] <= f["end_offset"] <= len(text), f
        assert text[f["offset"]:f["end_offset"]] == f["text"], f
        line = bisect.bisect_right(starts, f["offset"])
        assert (f["line"], f["column"]) == (line, f["offset"] - starts[line - 1] + 1), f
