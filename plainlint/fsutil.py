"""Writing files safely: to a temporary file in the same folder, then renamed into place.

An interrupted run (Ctrl+C, SIGTERM, a killed process, a full disk) leaves either the old file
or the new one, never half of one. What each case leaves behind (docs/reliability.md):

- Ctrl+C (SIGINT) and SIGTERM raise an exception in plainlint (`plainlint.cli` turns SIGTERM
  into one), so the temporary file is removed and the original is untouched.
- A full disk or a file-size limit fails the write: the temporary file is removed, the original
  is untouched, and the command says so in one line.
- SIGKILL (or a power cut) cannot be caught: the original is untouched, and a temporary file
  named ``.NAME.XXXXXXXX.tmp`` may be left next to it.

A symbolic link is written through (the file it points to changes, the link stays a link), and
the file keeps its permissions and, where the operating system allows, its owner.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import tempfile
import time
from pathlib import Path

#: For tests only: a folder. The first `atomic_write` of the process (to a file whose name
#: matches the glob in ``PLAINLINT_TEST_WRITE_PAUSE_NAME``, if set) writes half of the new
#: bytes to its temporary file, then creates ``paused-PID`` in that folder (holding the
#: temporary file's path) and waits there, so a test can interrupt it mid-write.
PAUSE_ENV = "PLAINLINT_TEST_WRITE_PAUSE"
PAUSE_NAME_ENV = "PLAINLINT_TEST_WRITE_PAUSE_NAME"
_paused = False


def atomic_write(path: str | os.PathLike[str], data: str | bytes, encoding: str = "utf-8",
                 durable: bool = True, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` all at once. ``durable=False`` skips the flushes to disk, for
    files that may be lost in a power cut but never seen half-written (cache entries).
    ``mode`` sets the new file's permissions (a secret: 0o600) before it is renamed into place,
    so it is never readable by others even for a moment; by default a file keeps its mode."""
    target = Path(os.path.realpath(path))  # through a symbolic link, never over it
    payload = data.encode(encoding) if isinstance(data, str) else data
    directory = target.parent
    old = None
    with contextlib.suppress(FileNotFoundError):
        old = os.stat(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            if os.environ.get(PAUSE_ENV):
                _pause_for_tests(fh, payload, tmp, target.name)
            fh.write(payload)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif old is not None:
            os.chmod(tmp, old.st_mode & 0o7777)
            if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.chown(tmp, old.st_uid, old.st_gid)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _sync_folder(directory)


def _sync_folder(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _pause_for_tests(fh: object, payload: bytes, tmp: str, name: str) -> None:
    global _paused
    if _paused or not fnmatch.fnmatchcase(name, os.environ.get(PAUSE_NAME_ENV) or "*"):
        return
    _paused = True
    half = len(payload) // 2
    fh.write(payload[:half])  # type: ignore[attr-defined]
    fh.flush()  # type: ignore[attr-defined]
    marker = Path(os.environ[PAUSE_ENV]) / f"paused-{os.getpid()}"
    marker.write_text(tmp)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until the test interrupts or kills the process
        time.sleep(0.05)
    raise TimeoutError("nobody interrupted the paused write")
