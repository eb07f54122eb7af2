"""The run manifest: a re-run over unchanged files answered from the last run's result.

The results cache (`plainlint.cache`) saves checking a file again, but a run answered from it
still reads the rules and the glossary to work out each file's settings, and reads one entry
per file. A run that repeats the last one exactly (same command line, folder and
``PLAINLINT_`` variables, the same plainlint) over files that have not changed can give the
last run's result straight away. Its manifest records:

- what the run was asked: the paths, rule selection and options, the folder it ran in, and
  plainlint itself (its code, rules and glossary; the versions of Python, spaCy, the English
  pipeline and the word-list packages);
- every file it checked: path, size, modification time and a hash of the content;
- every configuration file that applied, and every glossary file they name, by content;
- the result, and what it said on the side (``--verbose`` notes).

The files to check are found again (the folder walk, exclusions and what git ignores, exactly
as for any run), so a new, removed or newly ignored file is noticed; then each file's size,
time and content, and each configuration and glossary file's content, must be as recorded.
Anything else, and the run checks as usual (the results cache still answers for unchanged
files) and records a new manifest.

Manifests live in the results cache's folder (``runs/``), are signed with the cache's key and
written atomically like its entries, so a manifest that is corrupt, cut short or not written by
this user is ignored. The newest `KEEP` are kept, within a quarter of the cache's size cap.
``--no-cache`` reads and writes none.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plainlint import __version__

if TYPE_CHECKING:
    from plainlint.model import FileError, RunResult

FOLDER = "runs"
#: Bumped when what a manifest holds changes shape.
FORMAT = 1
_MAGIC = b"plainlint-run-1\n"
#: Manifests kept: one per command line and folder, so a few cover a project's usual runs.
KEEP = 16
#: The share of the cache's size cap the manifests may take together (the newest are kept);
#: a manifest bigger than that is not written. 200 files of 500 words make one of 5 MB.
SHARE = 4


def _stat_tree(h: Any, folder: Path, pattern: str) -> None:
    for path in sorted(folder.rglob(pattern)):
        if "__pycache__" in path.parts:
            continue
        with contextlib.suppress(OSError):
            st = path.stat()
            h.update(f"{path.relative_to(folder)}:{st.st_size}:{st.st_mtime_ns}|".encode())




def _installed() -> str:
    """plainlint's code, rules and glossary, and the installed copies of Python, spaCy, the
    English pipeline and the packages whose data decide findings: by size and modification
    time (a manifest is this user's, on this machine; installing another version rewrites a
    package's files)."""
    import importlib.util

    from plainlint.cache import DATA_PACKAGES
    from plainlint.nlp import MODEL_PACKAGES
    from plainlint.resources import glossary_dir, rules_dir

    h = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}".encode())
    _stat_tree(h, Path(__file__).resolve().parent, "*.py")
    _stat_tree(h, rules_dir(), "*")
    _stat_tree(h, glossary_dir(), "*")
    for name in ("spacy", *MODEL_PACKAGES, *DATA_PACKAGES):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        where = spec.origin if spec is not None and spec.origin else None
        try:
            st = os.stat(where) if where else None
        except OSError:
            st = None
        h.update(f"{name}={where}:{st.st_size}:{st.st_mtime_ns}|".encode() if st
                 else f"{name}=-|".encode())
    return h.hexdigest()


def run_key(invocation: Any) -> str:
    """The name of the manifest for one way of running: ``invocation`` (the paths and every
    option that can change a result, as a repr-able value), the folder, the ``PLAINLINT_``
    environment variables and plainlint itself."""
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("PLAINLINT_"))
    h = hashlib.sha256()
    h.update(repr((invocation, os.getcwd(), env)).encode("utf-8", "surrogatepass"))
    h.update(_installed().encode())
    return h.hexdigest()


def file_state(path: Path) -> tuple[str, int, int, str] | None:
    """(path, size, modification time, content hash) of a file, or None if it cannot be read."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            digest = hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None
    return str(path), st.st_size, st.st_mtime_ns, digest


def content_state(path: Path | None) -> tuple[str, str]:
    """A configuration or glossary file by its content ("-" when there is none)."""
    if path is None:
        return "-", "-"
    try:
        return str(path), hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return str(path), "unreadable"


@dataclass
class Manifest:
    """What one run read and what it answered."""

    targets: list[tuple[str, str, str]]  # (display, path, format) in order
    errors: list[FileError]  # errors finding the files (missing, unsupported)
    files: list[tuple[str, int, int, str] | None]
    configs: list[tuple[str, str]]
    result: RunResult
    info: list[str] = field(default_factory=list)


class ManifestStore:
    """Manifests in ``<cache folder>/runs/``. Every failure to read or write is silent."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.folder = Path(root) / FOLDER
        self.max_bytes = max_bytes // SHARE

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.run"

    def get(self, key: str) -> Manifest | None:
        from plainlint.cache import _signing_key, unseal

        secret = _signing_key()
        if secret is None:
            return None
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        return unseal(raw, key, _MAGIC, secret, Manifest)

    def put(self, key: str, manifest: Manifest) -> None:
        from plainlint.cache import _signing_key, seal
        from plainlint.fsutil import atomic_write

        secret = _signing_key()
        if secret is None:
            return
        sealed = seal(manifest, key, _MAGIC, secret)
        if sealed is None or len(sealed) > self.max_bytes:  # unstorable, or over its share
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self._path(key), sealed, durable=False)
        except OSError:
            return
        self._prune()

    def _prune(self) -> None:
        """Keep the newest `KEEP` manifests that fit in the share of the cap together."""
        try:
            found = sorted(((st.st_mtime_ns, st.st_size, p) for p in self.folder.glob("*.run")
                            for st in (p.stat(),)), reverse=True)
        except OSError:
            return
        total = 0
        for n, (_, size, path) in enumerate(found):
            total += size
            if n >= KEEP or total > self.max_bytes:
                with contextlib.suppress(OSError):
                    path.unlink()
