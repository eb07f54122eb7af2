"""The real command line in a fresh interpreter, with a probe of what the run imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def plainlint(args: list[str], cwd: Path, env: dict[str, str] | None = None,
              probe: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a fresh interpreter. With ``probe`` (a module's name),
    the last line of standard error says whether the run imported it (`imported`)."""
    # The probe runs at exit: plainlint ends its process itself (`plainlint.cli.leave`),
    # running the atexit handlers first.
    code = (
        "import atexit, sys, runpy\n"
        "sys.argv = ['plainlint', *sys.argv[1:]]\n"
        "atexit.register(lambda: sys.stderr.write(\n"
        f"    '\\n{probe} imported: %s\\n' % ({probe!r} in sys.modules)))\n"
        "runpy.run_module('plainlint', run_name='__main__')\n"
    ) if probe else "import runpy; runpy.run_module('plainlint', run_name='__main__')"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, **(env or {})})


def imported(r: subprocess.CompletedProcess[str], module: str) -> bool:
    """Whether a run of `plainlint` with ``probe=module`` imported ``module``."""
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith(f"{module} imported: "), r.stderr
    return last.endswith("True")
